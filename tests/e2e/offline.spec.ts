import { test, expect, Page } from '@playwright/test';

// Offline after the first visit (sw.js, written by scripts/post-build.mjs and
// registered by static/register-sw.js), and a strict Content-Security-Policy
// with no inline script anywhere.

/** Console errors, page errors and failed responses, to check none is a CSP violation. */
function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(String(err)));
  page.on('response', (res) => {
    if (res.status() >= 400) errors.push(`HTTP ${res.status()} ${res.url()}`);
  });
  return errors;
}

async function waitForServiceWorker(page: Page) {
  // register-sw.js registers after `load`; sw.js claims the page once it has precached everything.
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, undefined, { timeout: 20_000 });
}

test('works offline after the first visit', async ({ page, context }) => {
  const errors = watchConsole(page);
  await page.goto('/');
  await expect(page.locator('#q-age')).toBeVisible();
  await waitForServiceWorker(page);

  await context.setOffline(true);
  // Really offline: a file that was never cached cannot be had from the network either.
  const uncached = await page.evaluate(() =>
    fetch(`/not-cached-${Date.now()}.txt`).then((r) => `HTTP ${r.status}`, () => 'failed'),
  );
  expect(uncached, 'network is off').toBe('failed');

  const reloaded = await page.reload();
  expect(reloaded?.fromServiceWorker(), 'the page came from the service worker').toBe(true);
  await expect(page.locator('#q-age')).toBeVisible();
  await page.fill('#q-age', '66');
  await page.check('#q-hukou-urban');
  await page.check('#q-pension_scheme-resident');
  await expect(page.locator('article.card[data-id="basic-pension"] .figure')).toHaveText('¥118.00 元/月');

  // The printable tables are there offline too.
  const plan = await page.evaluate(() => fetch('/plan.html').then((r) => r.text()));
  expect(plan).toContain('全部实事表');

  expect(errors.filter((e) => /Content.Security.Policy/i.test(e)), 'CSP violations').toEqual([]);
  await context.setOffline(false);
});

test('one cache per build, named after the rules versions; older caches are deleted', async ({ page }) => {
  await page.goto('/');
  await waitForServiceWorker(page);
  const sw = await (await page.request.get('/sw.js')).text();
  const name = /const CACHE ?= ?"([^"]+)"/.exec(sw)?.[1] ?? '';
  expect(name, 'cache name in sw.js').toMatch(/^minsheng\|[a-z0-9-]+@[^|+]+(\+[a-z0-9-]+@[^|+]+)*\|[0-9a-f]{16}$/);
  expect(name).toContain('xx-district@');
  expect(await page.evaluate(() => caches.keys())).toEqual([name]);

  // An earlier build's cache, then this build's worker installed afresh, as after a deploy.
  const after = await page.evaluate(async () => {
    await (await caches.open('minsheng|xx-district@0.0|0000000000000000')).put('/old', new Response('old'));
    // A new script URL makes the browser install the worker again, as a changed sw.js would.
    const reg = await navigator.serviceWorker.register(`sw.js?deploy=${Date.now()}`);
    const worker = reg.installing ?? reg.waiting ?? reg.active;
    await new Promise<void>((resolve) => {
      if (worker?.state === 'activated') resolve();
      worker?.addEventListener('statechange', () => worker.state === 'activated' && resolve());
    });
    return caches.keys();
  });
  expect(after).toEqual([name]);
});

test('strict CSP in a <meta>, no inline script, no CSP violation', async ({ page, request }) => {
  const errors = watchConsole(page);
  for (const path of ['/', '/plan.html']) {
    const html = await (await request.get(path)).text();
    const meta = /<meta\s[^>]*http-equiv="?Content-Security-Policy"?[^>]*>/i.exec(html)?.[0] ?? '';
    expect(meta, `${path}: CSP meta`).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(meta).toContain("default-src 'self'");
    expect(meta).toContain("style-src 'self'");
    expect(meta).toContain("object-src 'none'");
    expect(meta).not.toContain('unsafe-inline');
    const inline = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)].filter(([, attrs]) => !/\ssrc\s*=/i.test(attrs));
    expect(inline.map(([tag]) => tag.slice(0, 120)), `${path}: inline scripts`).toEqual([]);
    expect(html, `${path}: inline styles`).not.toMatch(/<style\b|\sstyle\s*=/i);
  }

  await page.goto('/');
  await expect(page.locator('#q-age')).toBeVisible();
  // The policy the browser applies is the one in the page.
  const applied = await page.evaluate(
    () => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '',
  );
  expect(applied).toContain("base-uri 'none'");
  await page.fill('#q-age', '66');
  await page.waitForLoadState('networkidle');
  await page.goto('/plan.html');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('全部实事表');
  await page.waitForLoadState('networkidle');
  expect(errors.filter((e) => /Content.Security.Policy/i.test(e)), 'CSP violations').toEqual([]);
  expect(errors, 'console errors').toEqual([]);
});

test('without JavaScript the page links the printable plan tables', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
  const page = await context.newPage();
  await page.goto('/');
  const link = page.getByRole('link', { name: /查看可打印的全部实事表/ });
  await expect(link).toBeVisible();
  await link.click();
  await expect(page).toHaveURL(/\/plan\.html$/);
  const item17 = page.locator('#xx-district article').filter({ has: page.getByRole('heading', { name: /^17\./ }) });
  await expect(item17).toContainText('残疾军人');
  await context.close();
});

test('the whole plan reads well on a phone, without JavaScript too', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL, viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await page.goto('/plan.html');
  // The search is added by its script: no box that does nothing.
  await expect(page.locator('#plan-search')).toHaveCount(0);
  // The disabled servicemen's 28 rates, the longest sentence, wrap within the screen.
  const item17 = page.locator('#xx-district article').filter({ has: page.getByRole('heading', { name: /^17\./ }) });
  const quote = item17.locator('.benefits q').first();
  await expect(quote).toContainText('因公三级每人每月6030元');
  const box = await quote.boundingBox();
  expect(box?.width ?? 999, 'quote width').toBeLessThanOrEqual(360);
  expect(await page.evaluate(() => document.documentElement.scrollWidth), 'no sideways scroll').toBeLessThanOrEqual(360);
  await context.close();
});
