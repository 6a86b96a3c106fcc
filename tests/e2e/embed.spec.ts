import { test, expect, Page, Frame, Locator } from '@playwright/test';
import { spawn, ChildProcess } from 'node:child_process';

// The widget inside a portal: examples/portal.html is served by a second
// static server on another port, so the portal is another origin than the
// widget (dist/, served by playwright.config.ts), as a real portal would be.

const WIDGET_PORT = Number(process.env.E2E_PORT ?? 4173);
const PORTAL_PORT = Number(process.env.E2E_PORTAL_PORT ?? WIDGET_PORT + 1);
const WIDGET = `http://127.0.0.1:${WIDGET_PORT}`;
const PORTAL = `http://127.0.0.1:${PORTAL_PORT}`;

let server: ChildProcess | undefined;

test.beforeAll(async () => {
  server = spawn(process.execPath, ['scripts/serve-dist.mjs', 'examples', String(PORTAL_PORT)], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(`${PORTAL}/portal.html`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the portal server did not start on ${PORTAL}`);
});

test.afterAll(() => {
  server?.kill();
});

/** Requests that leave the two local origins, and widget-frame requests that leave the widget's. */
function watchRequests(page: Page) {
  const strays: string[] = [];
  page.on('request', (req) => {
    const url = req.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    const origin = new URL(url).origin;
    let fromPortal = true;
    try {
      fromPortal = req.frame() === page.mainFrame();
    } catch {
      fromPortal = false; // a service worker's request: it belongs to the widget
    }
    const allowed = fromPortal ? [PORTAL, WIDGET] : [WIDGET];
    if (!allowed.includes(origin)) strays.push(`${fromPortal ? 'portal' : 'widget'}: ${url}`);
  });
  return strays;
}

function portalUrl(query: Record<string, string>) {
  return `${PORTAL}/portal.html?${new URLSearchParams({ widget: `${WIDGET}/`, ...query })}`;
}

async function frameOf(iframe: Locator): Promise<Frame> {
  const frame = await (await iframe.elementHandle())!.contentFrame();
  return frame!;
}

async function iframeHeight(iframe: Locator) {
  return (await iframe.boundingBox())!.height;
}

/** The widget's document has no inner vertical scroll: the frame is at least as tall as its content. */
async function expectNoInnerScroll(iframe: Locator) {
  const frame = await frameOf(iframe);
  await expect
    .poll(async () => {
      const [scroll, content] = await frame.evaluate(() => [
        document.documentElement.scrollHeight,
        Math.ceil(document.documentElement.getBoundingClientRect().height),
      ]);
      const outer = await iframeHeight(iframe);
      return scroll <= outer + 2 && content <= outer + 2 ? 'fits' : { outer, scroll, content };
    })
    .toBe('fits');
}

/** The frame is as tall as the widget's content: no scroll inside, no blank space below. */
async function expectSnug(iframe: Locator) {
  await expectNoInnerScroll(iframe);
  const frame = await frameOf(iframe);
  await expect
    .poll(async () => {
      const content = await frame.evaluate(() => document.documentElement.getBoundingClientRect().height);
      const outer = await iframeHeight(iframe);
      return Math.abs(outer - content) <= 2 ? 'snug' : { outer, content };
    })
    .toBe('snug');
}

test('the portal embeds the widget with the host’s choices, and the frame fits the content', async ({ page }) => {
  const strays = watchRequests(page);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // Console errors of the portal and of the frame (a CSP violation would show here).
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });

  await page.goto(portalUrl({ lang: 'en', j: 'province', color: '005bac' }));
  const iframe = page.locator('#self-check iframe');
  await expect(iframe).toHaveAttribute('title', '民生实事福利自查');
  await expect(iframe).toHaveAttribute('src', `${WIDGET}/index.html?embed=1&j=province&lang=en&accent=005bac`);
  await expect(iframe).not.toHaveAttribute('loading', 'lazy');

  const widget = page.frameLocator('#self-check iframe');
  await expect(widget.locator('#q-age')).toBeVisible();
  // The portal has the title; the widget keeps its own for screen readers only.
  const h1 = widget.getByRole('heading', { level: 1, name: 'Livelihood benefits self-check' });
  await expect(h1).toHaveClass(/visually-hidden/);
  expect((await h1.boundingBox())!.height).toBeLessThanOrEqual(1);

  // The host's choices: English, the province's rules, the portal's colour.
  await expect(widget.locator('html')).toHaveAttribute('lang', 'en');
  await expect(widget.getByRole('heading', { name: 'Answer a few questions' })).toBeVisible();
  await expect(widget.locator('#jurisdiction')).toHaveValue('province');
  await expect(widget.locator('.totals')).toHaveCSS('background-color', 'rgb(0, 91, 172)');

  // Answering inside the frame.
  await widget.locator('#q-age').fill('66');
  await widget.locator('#q-hukou-urban').check();
  await widget.locator('#q-pension_scheme-resident').check();
  const pension = widget.locator('article.card[data-id="basic-pension"]');
  // The province fixes 115 and "at least 3 more" from 65 (the district fixes the 3).
  await expect(pension.locator('.figure')).toHaveText('at least ¥118.00 / month');
  await expectNoInnerScroll(iframe);

  // Larger text inside the widget: a taller frame, still no inner scroll bar.
  const before = await iframeHeight(iframe);
  await widget.getByRole('button', { name: 'Large text' }).click();
  await expect.poll(() => iframeHeight(iframe)).toBeGreaterThan(before + 100);
  await expectNoInnerScroll(iframe);

  expect(strays, 'requests outside the portal and widget origins').toEqual([]);
  expect(errors).toEqual([]);
});

test('the frame follows the results down and up', async ({ page }) => {
  await page.goto(portalUrl({}));
  const iframe = page.locator('#self-check iframe');
  const widget = page.frameLocator('#self-check iframe');
  // Before any answer every benefit "may apply": a long list.
  await expect(widget.locator('#q-age')).toBeVisible();
  await expectSnug(iframe);
  // Answers rule most of them out: the frame shrinks with them.
  await widget.locator('#q-age').fill('66');
  await widget.locator('#q-hukou-urban').check();
  await widget.locator('#q-pension_scheme-resident').check();
  await expect(widget.locator('article.card[data-id="basic-pension"] .figure')).toHaveText('¥118.00 元/月');
  await expectSnug(iframe);
  await widget.locator('#q-situations-military').check();
  await widget.locator('#q-military_roles-disabled_serviceman').check();
  await widget.locator('#q-serviceman_grade-3').check();
  await widget.locator('#q-serviceman_cause-duty').check();
  await expect(widget.locator('article.card[data-id="disabled-serviceman"] .figure')).toHaveText('¥6,030.00 元/月');
  await expectSnug(iframe);
  // The list of what does not apply opened: it grows; closed: it shrinks.
  const closed = await iframeHeight(iframe);
  const notForYou = widget.locator('details.not-for-you > summary');
  await notForYou.click();
  await expect.poll(() => iframeHeight(iframe)).toBeGreaterThan(closed + 100);
  await expectSnug(iframe);
  await notForYou.click();
  await expect.poll(() => iframeHeight(iframe)).toBeLessThan(closed + 3);
  await expectSnug(iframe);
});

test('the frame ignores height messages from anyone but its widget', async ({ page }) => {
  await page.goto(portalUrl({}));
  const iframe = page.locator('#self-check iframe');
  await expect(page.frameLocator('#self-check iframe').locator('#q-age')).toBeVisible();
  await page.waitForLoadState('networkidle');
  await expectNoInnerScroll(iframe);
  const height = await iframeHeight(iframe);
  // The portal itself (another source, another origin) claims a height.
  await page.evaluate(() => window.postMessage({ type: 'minsheng:height', height: 50 }, '*'));
  await page.waitForTimeout(200);
  expect(await iframeHeight(iframe)).toBe(height);
  // The widget's frame sending nonsense is ignored too.
  const frame = await frameOf(iframe);
  for (const bad of [-5, 0, Infinity, NaN, '300', null]) {
    await frame.evaluate((h) => parent.postMessage({ type: 'minsheng:height', height: h }, '*'), bad);
  }
  await page.waitForTimeout(200);
  expect(await iframeHeight(iframe)).toBe(height);
  // A huge claim is clamped.
  await frame.evaluate(() => parent.postMessage({ type: 'minsheng:height', height: 1e9 }, '*'));
  await expect.poll(() => iframeHeight(iframe)).toBe(100000);
});

test('several widgets on one page each fit their own frame', async ({ page }) => {
  const strays = watchRequests(page);
  await page.goto(portalUrl({}));
  await expect(page.frameLocator('#self-check iframe').locator('#q-age')).toBeVisible();
  // A second embed, placed into an element by id, with other choices.
  await page.evaluate((src) => {
    const slot = document.createElement('div');
    slot.id = 'second';
    document.querySelector('main')!.appendChild(slot);
    const s = document.createElement('script');
    s.src = src;
    s.dataset.jurisdiction = 'town';
    s.dataset.target = 'second';
    document.body.appendChild(s);
  }, `${WIDGET}/embed.js`);
  const first = page.locator('#self-check iframe');
  const second = page.locator('#second iframe');
  await expect(second).toHaveAttribute('src', `${WIDGET}/index.html?embed=1&j=town`);
  await expect(second).toHaveAttribute('title', '民生实事福利自查 Livelihood benefits self-check');
  const other = page.frameLocator('#second iframe');
  await expect(other.locator('#jurisdiction')).toHaveValue('town');
  await expect(page.frameLocator('#self-check iframe').locator('#jurisdiction')).toHaveValue('xx-district');
  await expectNoInnerScroll(first);
  await expectNoInnerScroll(second);

  // The second widget changes size (English is longer); only its own frame follows.
  const firstHeight = await iframeHeight(first);
  const secondHeight = await iframeHeight(second);
  await other.getByRole('button', { name: 'English' }).click();
  await expect.poll(() => iframeHeight(second)).toBeGreaterThan(secondHeight + 100);
  await expectNoInnerScroll(second);
  expect(await iframeHeight(first)).toBe(firstHeight);
  expect(strays).toEqual([]);
});

test('the mock portal loads the widget from no other site than this machine or its own', async ({ page }) => {
  const strays = watchRequests(page);
  await page.goto(`${PORTAL}/portal.html?${new URLSearchParams({ widget: 'https://widget.invalid/' })}`);
  await expect(page.locator('#self-check')).toContainText('not allowed');
  await expect(page.locator('#self-check script, #self-check iframe')).toHaveCount(0);
  expect(strays).toEqual([]);
});

test('the plain iframe form: index.html?embed=1&j=town', async ({ page }) => {
  await page.goto('/index.html?embed=1&j=town');
  await expect(page.locator('#q-age')).toBeVisible();
  const h1 = page.getByRole('heading', { level: 1, name: '民生实事 · 福利自查' });
  await expect(h1).toHaveCount(1);
  await expect(h1).toHaveClass(/visually-hidden/);
  expect((await h1.boundingBox())!.height).toBeLessThanOrEqual(1);
  await expect(page.locator('#jurisdiction')).toHaveValue('town');
});

test('screenshots of the portal, wide and phone', async ({ page }) => {
  for (const [width, height] of [[1280, 900], [360, 740]]) {
    await page.setViewportSize({ width, height });
    await page.goto(portalUrl({}));
    const widget = page.frameLocator('#self-check iframe');
    await widget.locator('#q-age').fill('66');
    await widget.locator('#q-hukou-urban').check();
    await widget.locator('#q-pension_scheme-resident').check();
    await expect(widget.locator('article.card[data-id="basic-pension"]')).toBeVisible();
    await expectNoInnerScroll(page.locator('#self-check iframe'));
    // Answering scrolled the portal; show its first screen: its header and the widget below.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `test-results/portal-${width}x${height}.png` });
  }
});
