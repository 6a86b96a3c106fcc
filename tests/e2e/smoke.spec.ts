import { test, expect } from '@playwright/test';

test('widget loads, shows its heading, and stays on its own origin', async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const foreign: string[] = [];
  const errors: string[] = [];
  page.on('request', (req) => {
    const url = req.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (new URL(url).origin !== origin) foreign.push(url);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) errors.push(`HTTP ${res.status()} ${res.url()}`);
  });
  page.on('pageerror', (err) => errors.push(String(err)));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });

  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  const heading = page.getByRole('heading', { level: 1, name: '民生实事 · 福利自查' });
  await expect(heading).toBeVisible();
  // The shell has the heading; the form only exists once the wasm runs.
  await expect(page.locator('#q-age')).toBeVisible();
  await page.waitForLoadState('networkidle');

  await page.screenshot({ path: 'test-results/smoke-360x740.png', fullPage: true });

  expect(foreign, 'requests outside the page origin').toEqual([]);
  expect(errors, 'page errors / console errors').toEqual([]);
});
