import { test, expect, type Page } from '@playwright/test';

// The first screen is in index.html (scripts/post-build/prerender.mjs): it
// paints before the wasm, and the wasm takes it over without a flash or a
// shift.

const PHONE = { width: 360, height: 640 };

/** The page as it stands before the wasm runs: its request is held back
 * (never answered; a failed one ends in the "something went wrong" message). */
async function withoutWasm(page: Page) {
  await page.route(/\.wasm$/, () => {});
  await page.goto('/');
}

test('the raw index.html already holds the title and the first question', async ({ request }) => {
  const html = await (await request.get('/')).text();
  expect(html).toContain('<h1>民生实事 · 福利自查</h1>');
  expect(html).toMatch(/<label>年龄<span class=deciding>/);
  expect(html).toContain('<a href=plan.html>');
  // Only the first screen: the rest of the questionnaire is the wasm's.
  expect(html).not.toContain('footer');
  expect(html.length).toBeLessThan(6000);
});

test.describe('at phone size', () => {
  test.use({ viewport: PHONE });

  test('before the wasm: the real first screen, inert, with a loading bar', async ({ page }) => {
    await withoutWasm(page);
    await expect(page.locator('h1')).toHaveText('民生实事 · 福利自查');
    await expect(page.locator('label', { hasText: '年龄' })).toBeVisible();
    await expect(page.locator('#minsheng-widget > .ms-app')).toHaveAttribute('inert', '');
    await expect(page.locator('.ms-app > .bar')).toBeVisible();
    await page.screenshot({ path: 'test-results/first-paint-before-wasm.png' });
  });

  test('the wasm takes over with the same screen, and it works', async ({ page, context }) => {
    const before = await context.newPage();
    await withoutWasm(before);
    await before.waitForTimeout(200);
    // The loading bar (4 px at the top) is the one thing that goes.
    const clip = { x: 0, y: 4, width: PHONE.width, height: PHONE.height - 4 };
    const still = await before.screenshot({ clip, animations: 'disabled' });

    await page.goto('/');
    await expect(page.locator('#results')).not.toHaveAttribute('aria-busy');
    await expect(page.locator('.ms-app[inert], .ms-app > .bar')).toHaveCount(0);
    expect(await page.screenshot({ clip, animations: 'disabled' })).toEqual(still);

    // The same first question, alive: an age changes the results.
    const results = await page.locator('#results').innerText();
    await page.fill('#q-age', '70');
    await expect(page.locator('#results')).not.toHaveText(results);
    await expect(page.locator('#results')).toContainText('老年');
  });

  test('no layout shift while loading, and the largest paint is the first', async ({ page }) => {
    await page.addInitScript(() => {
      const seen = ((window as any).__seen = { shift: 0, lcp: [] as number[], fcp: 0 });
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as any[]) if (!e.hadRecentInput) seen.shift += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) seen.lcp.push(e.startTime);
      }).observe({ type: 'largest-contentful-paint', buffered: true });
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') seen.fcp = e.startTime;
      }).observe({ type: 'paint', buffered: true });
    });
    await page.goto('/');
    await expect(page.locator('#results')).not.toHaveAttribute('aria-busy');
    await page.waitForTimeout(500); // a few frames after the results
    const seen = await page.evaluate(() => (window as any).__seen);
    expect(seen.shift).toBe(0);
    expect(seen.lcp.length).toBeGreaterThan(0);
    expect(seen.lcp.at(-1)).toBe(seen.fcp);
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false, viewport: PHONE });

  test('the message and the plan tables show; no loading bar, no dead form', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('h1')).toBeVisible();
    // (Playwright's text and role queries skip <noscript>: CSS locators do not.)
    const message = page.locator('noscript .nojs p').first();
    await expect(message).toBeVisible();
    expect(await message.evaluate((p) => p.textContent)).toContain('本工具需要开启 JavaScript。');
    const plan = page.locator('noscript a[href="plan.html"]');
    await expect(plan).toBeVisible();
    expect(await plan.evaluate((a) => a.textContent)).toContain('查看可打印的全部实事表');
    await expect(page.locator('.ms-app > .bar')).toBeHidden();
    await expect(page.locator('label', { hasText: '年龄' })).toBeHidden();
    await expect(page.locator('.switches')).toBeHidden();
    await page.screenshot({ path: 'test-results/first-paint-no-js.png' });
  });
});
