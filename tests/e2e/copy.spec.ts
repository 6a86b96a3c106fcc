import { test, expect, Locator } from '@playwright/test';
import { spawn, ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// "Copy summary" at phone width: what it says appears beside the button,
// is announced (role=status), and says "copied" only once the clipboard has
// accepted the text; a refused write says so and offers the text to select.

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

// A 66-year-old urban resident in the resident pension: 118 a month.
const PENSIONER = '#v=1&j=xx-district&age=66&hukou=urban&pension_scheme=resident';

/** The vertical gap between two boxes (0 when they overlap). */
async function gap(a: Locator, b: Locator) {
  const [x, y] = [(await a.boundingBox())!, (await b.boundingBox())!];
  return Math.max(0, Math.max(x.y, y.y) - Math.min(x.y + x.height, y.y + y.height));
}

test('the summary copied: said beside the button, announced, after the clipboard took it', async ({ page }) => {
  // A real write, answered a moment later, as a slow phone might.
  await page.addInitScript(() => {
    const write = navigator.clipboard.writeText.bind(navigator.clipboard);
    navigator.clipboard.writeText = (text: string) => new Promise((r) => setTimeout(r, 800)).then(() => write(text));
  });
  await page.goto('/' + PENSIONER);
  await expect(page.locator('article.card[data-id="basic-pension"] .figure')).toHaveText('¥118.00 元/月');
  const button = page.getByRole('button', { name: '复制摘要' });
  await button.scrollIntoViewIfNeeded();
  await button.click();
  const status = page.locator('.copy-status');
  await expect(status).toHaveAttribute('role', 'status');
  // Not before the clipboard has answered.
  await page.waitForTimeout(300);
  await expect(status).toBeEmpty();
  await expect(status).toHaveText('摘要已复制，可粘贴到微信或短信。');
  // Beside the button, and on screen where the resident is looking.
  expect(await gap(button, status.locator('p'))).toBeLessThan(80);
  await expect(status.locator('p')).toBeInViewport();
  // Nowhere at the top of the page.
  await expect(page.locator('.notice')).toHaveCount(0);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('¥118.00');
  // Changing an answer makes the copy stale: the message goes.
  await page.fill('#q-age', '70');
  await expect(status).toBeEmpty();
});

test('a link copied right after typing has the answer just typed', async ({ page }) => {
  await page.goto('/' + PENSIONER);
  await expect(page.locator('article.card[data-id="basic-pension"]')).toBeVisible();
  // The address is written at most every 250 ms; copying writes what is pending.
  await page.fill('#q-age', '81');
  await page.getByRole('button', { name: '复制分享链接' }).click();
  await expect(page.locator('.copy-status')).toContainText('链接已复制');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/[#&]age=81(&|$)/);
  // Opened elsewhere, it brings the answers back.
  const other = await page.context().newPage();
  await other.goto(link);
  await expect(other.locator('#q-age')).toHaveValue('81');
});

// A portal on another origin (another port) that frames the widget without
// allow="clipboard-write": the browser refuses the widget's clipboard writes.
const WIDGET_PORT = Number(process.env.E2E_PORT ?? 4173);
const PORTAL_PORT = WIDGET_PORT + 2;
let portal: ChildProcess | undefined;

test.beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'minsheng-portal-'));
  const frame = `http://127.0.0.1:${WIDGET_PORT}/index.html${PENSIONER}`;
  writeFileSync(join(dir, 'index.html'), `<!doctype html><title>portal</title><iframe src="${frame}" width="360" height="700"></iframe>`);
  portal = spawn(process.execPath, ['scripts/serve-dist.mjs', dir, String(PORTAL_PORT)], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    if (await fetch(`http://127.0.0.1:${PORTAL_PORT}/index.html`).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the portal server did not start');
});

test.afterAll(() => {
  portal?.kill();
});

test('a refused copy (a portal frame without clipboard permission) never says copied', async ({ page }) => {
  await page.goto(`http://127.0.0.1:${PORTAL_PORT}/index.html`);
  const frame = page.frameLocator('iframe');
  await expect(frame.locator('article.card[data-id="basic-pension"] .figure')).toHaveText('¥118.00 元/月');
  await frame.getByRole('button', { name: '复制摘要' }).click();
  const status = frame.locator('.copy-status');
  await expect(status.locator('p')).toHaveText('未能自动复制。下面是摘要，请选中后复制：');
  await expect(status).not.toContainText('已复制');
  // The summary to copy by hand, selected and ready.
  const text = status.locator('textarea');
  await expect(text).toBeVisible();
  await expect(text).toHaveValue(/¥118\.00/);
  await expect(text).toBeFocused();
  const selected = await text.evaluate((t: HTMLTextAreaElement) => t.selectionEnd - t.selectionStart === t.value.length);
  expect(selected).toBe(true);
});
