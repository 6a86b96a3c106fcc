import { test, expect, Page } from '@playwright/test';

// 长辈模式 at phone width (360 px): it must simplify, not only enlarge.

async function openCare(page: Page, fragment = '') {
  await page.goto('/' + fragment);
  await expect(page.locator('#q-age')).toBeVisible();
  await page.locator('.care-switch').click();
  await expect(page.locator('html')).toHaveClass(/care/);
}

/** How an arrow of the result bar reads (its ::after content). */
const arrow = (page: Page) =>
  page.locator('.result-bar .arrow').evaluate((e) => getComputedStyle(e, '::after').content.replace(/"/g, '').trim());

test('the 21 situations fold into a compact picker that says what is ticked', async ({ page }) => {
  await openCare(page);
  const situations = page.locator('#q-situations');
  const height = (await situations.boundingBox())!.height;
  expect(height, 'one line, not 1,663 px of ticks').toBeLessThan(300);
  const summary = situations.locator('summary');
  await expect(summary).toHaveText('点这里选择');
  await summary.click();
  await page.check('#q-situations-disability');
  await page.check('#q-situations-assistance');
  await expect(summary).toHaveText('已选：持有残疾证、家庭困难：低保、特困、低收入，或想申请低保（点这里修改）');
  // The follow-up questions appear as in the full list.
  await expect(page.locator('#q-assistance_kind')).toBeVisible();
  // Folded again, the results begin within three screens, not 5.8.
  await page.uncheck('#q-situations-assistance');
  await page.uncheck('#q-situations-disability');
  await summary.click();
  await expect(summary).toHaveText('都不适用（点这里修改）');
  const top = await page.locator('#results').evaluate((r) => r.getBoundingClientRect().top + scrollY);
  expect(top / 740).toBeLessThan(3.5);
});

test('the results are one tap away, and the bar points the way to them', async ({ page }) => {
  await openCare(page, '#v=1&j=xx-district&age=66&hukou=urban&pension_scheme=resident');
  const bar = page.locator('.result-bar');
  await expect(bar).toContainText('看结果');
  expect(await arrow(page)).toBe('↓');
  await bar.click();
  await expect(page.locator('#results')).toBeInViewport();
  const top = await page.locator('#results').evaluate((r) => r.getBoundingClientRect().top);
  expect(Math.abs(top)).toBeLessThan(40);
  // At the foot of the page the results are above: the arrow says so.
  await page.locator('.footer').scrollIntoViewIfNeeded();
  await page.evaluate(() => scrollTo(0, document.body.scrollHeight));
  await expect.poll(() => arrow(page)).toBe('↑');
  await bar.click();
  await expect.poll(() => page.locator('#results').evaluate((r) => Math.abs(r.getBoundingClientRect().top))).toBeLessThan(40);
  await page.evaluate(() => scrollTo(0, 0));
  await expect.poll(() => arrow(page)).toBe('↓');
});

test('城镇户籍 and 农村户籍 stay whole on one line', async ({ page }) => {
  await openCare(page);
  for (const id of ['#q-hukou-urban', '#q-hukou-rural']) {
    const tops = await page.locator(`label[for="${id.slice(1)}"] span`).evaluate((span) => {
      const text = span.firstChild!;
      const range = document.createRange();
      return [...text.textContent!].map((_, i) => {
        range.setStart(text, i);
        range.setEnd(text, i + 1);
        return Math.round(range.getBoundingClientRect().top);
      });
    });
    expect(tops).toHaveLength(4);
    expect(new Set(tops).size, `${id}: ${tops}`).toBe(1);
  }
});

test('care mode travels in the share link; older links still open', async ({ page, browser, baseURL }) => {
  await openCare(page, '#v=1&j=xx-district&age=70');
  await expect.poll(() => page.url()).toContain('care=1');
  const link = page.url();
  // Someone else's phone, which never chose care mode.
  const other = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const theirs = await other.newPage();
  await theirs.goto(link);
  await expect(theirs.locator('#q-age')).toHaveValue('70');
  await expect(theirs.locator('html')).toHaveClass(/care/);
  await expect(theirs.locator('.care-switch')).toHaveAttribute('aria-pressed', 'true');
  await other.close();
  // A link from before the key existed, on a phone that never chose care mode.
  const fresh = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const old = await fresh.newPage();
  await old.goto(`${baseURL}/#v=1&j=xx-district&age=70`);
  await expect(old.locator('#q-age')).toHaveValue('70');
  await expect(old.locator('html')).not.toHaveClass(/care/);
  await expect(old.getByRole('status').filter({ hasText: '链接已损坏' })).toHaveCount(0);
  await fresh.close();
});
