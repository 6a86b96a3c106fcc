import { test, expect, Page } from '@playwright/test';
import { beforePrint } from './print';
import { open, card } from './widget';

// A resident at phone width (360 px, the config's default), answering the
// form the way a person would: typing, ticking, picking.

/** Collects every request that leaves the page's own origin. */
function watchOrigin(page: Page, baseURL: string): string[] {
  const origin = new URL(baseURL).origin;
  const foreign: string[] = [];
  page.on('request', (req) => {
    const url = req.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (new URL(url).origin !== origin) foreign.push(url);
  });
  return foreign;
}

test('a 66-year-old urban resident in the resident pension sees 118 元/月', async ({ page, baseURL }) => {
  const foreign = watchOrigin(page, baseURL!);
  await open(page);
  await page.fill('#q-age', '66');
  await page.check('#q-hukou-urban');
  await page.check('#q-pension_scheme-resident');
  const pension = card(page, 'basic-pension');
  await expect(pension).toHaveClass(/applies/);
  await expect(pension.locator('.figure')).toHaveText('¥118.00 元/月');
  await expect(pension).toContainText('¥115.00 + ¥3.00');
  await expect(pension).toContainText('区人社局');
  await expect(pension.locator('blockquote')).toContainText('方案第8项');
  await expect(page.getByTestId('totals')).toContainText('每月 ¥118.00');
  await page.screenshot({ path: 'test-results/pension-360.png', fullPage: false });
  expect(foreign).toEqual([]);
});

test('a serviceman disabled on duty at grade 3 sees 6,030.00 元/月', async ({ page, baseURL }) => {
  const foreign = watchOrigin(page, baseURL!);
  await open(page);
  await page.fill('#q-age', '45');
  await page.check('#q-situations-military');
  await page.check('#q-military_roles-disabled_serviceman');
  // Grade and cause appear only now that they matter.
  await page.check('#q-serviceman_grade-3');
  await page.check('#q-serviceman_cause-duty');
  const pension = card(page, 'disabled-serviceman');
  await expect(pension.locator('.figure')).toHaveText('¥6,030.00 元/月');
  await expect(pension).toContainText('因公3级');
  await expect(pension).toContainText('区退役军人事务局');
  expect(foreign).toEqual([]);
});

test('a soldier discharged in January 2025 after 4 years 2 months sees a lump sum of 20,250 元', async ({ page }) => {
  await open(page);
  await page.fill('#q-age', '24');
  await page.check('#q-situations-military');
  await page.check('#q-military_roles-discharged_soldier');
  await page.fill('#q-service_years', '4');
  await page.fill('#q-service_months', '2');
  await page.fill('#q-discharge_date', '2025-01-15');
  const lump = card(page, 'discharged-soldier-lump-sum');
  await expect(lump.locator('.figure')).toHaveText('¥20,250.00 元（一次性）');
  await expect(lump).toContainText('按4.5年计');
  await expect(page.getByTestId('totals')).toContainText('一次性 ¥20,250.00');
});

test('the link takes the answers once typing pauses: one write for a burst of keys', async ({ page }) => {
  await page.addInitScript(() => {
    const replace = history.replaceState.bind(history);
    (window as any).__writes = [];
    history.replaceState = (data, unused, url) => {
      (window as any).__writes.push(String(url));
      replace(data, unused, url);
    };
  });
  await open(page);
  await page.locator('#q-age').pressSequentially('72');
  await expect.poll(() => page.url()).toContain('age=72');
  // Written once, after the last keystroke, not once per keystroke.
  const writes: string[] = await page.evaluate(() => (window as any).__writes);
  expect(writes).toHaveLength(1);
  expect(writes[0]).toContain('age=72');
  // Another pause, another write: the timer is armed again after a write.
  await page.locator('#q-age').fill('7');
  await expect.poll(() => page.url()).toMatch(/age=7(&|$)/);
  expect(await page.evaluate(() => (window as any).__writes.length)).toBe(2);
});

test('an "answer X" link moves to that question and keeps the answers in the link', async ({ page }) => {
  await open(page);
  await page.fill('#q-age', '66');
  await page.check('#q-hukou-urban');
  // Benefits waiting for the same answers share one line of links.
  const group = page.locator('li.may-group', { has: page.locator('li.may[data-id="basic-pension"]') });
  const link = group.locator('a.ask-link[data-q="pension_scheme"]');
  await expect(link).toBeVisible();
  await expect(page).toHaveURL(/hukou=urban/);
  const before = page.url();
  await link.click();
  await expect(page.locator('#q-pension_scheme-resident')).toBeFocused();
  expect(page.url(), 'the fragment still holds the answers').toBe(before);
  await expect(page.locator('#q-age')).toHaveValue('66');
});

test('a rural 特困 person sees the support at its lowest until she says how well she cares for herself', async ({ page }) => {
  await page.goto('/#v=1&j=xx-district&age=50&hukou=rural&situations=assistance&assistance_kind=tekun');
  const support = card(page, 'extreme-poverty-support-rural');
  await expect(support.locator('.figure')).toHaveText('不少于 ¥670.00 元/月');
  await expect(support).toContainText('具体金额要看“生活自理能力”');
  await support.locator('a.ask-link[data-q="self_care"]').click();
  await expect(page.locator('#q-self_care-full')).toBeFocused();
  await page.check('#q-self_care-partial');
  await expect(support.locator('.figure')).toHaveText('¥995.00 元/月');
  await expect(support.locator('a.ask-link')).toHaveCount(0);
});

test('follow-up questions appear only when they matter', async ({ page }) => {
  await open(page);
  await expect(page.locator('#q-disability_grade')).toHaveCount(0);
  await page.check('#q-situations-disability');
  await expect(page.locator('#q-disability_grade')).toBeVisible();
  await page.uncheck('#q-situations-disability');
  await expect(page.locator('#q-disability_grade')).toHaveCount(0);
});

test('a share link restores the answers and the results exactly', async ({ page, context }) => {
  await open(page);
  await page.fill('#q-age', '66');
  await page.check('#q-sex-female');
  await page.check('#q-hukou-urban');
  await page.check('#q-pension_scheme-resident');
  await page.check('#q-situations-military');
  await page.check('#q-military_roles-disabled_serviceman');
  await page.check('#q-serviceman_grade-3');
  await page.check('#q-serviceman_cause-duty');
  await expect(card(page, 'disabled-serviceman')).toBeVisible();
  await expect(page).toHaveURL(/serviceman_cause=duty/);
  const link = page.url();
  expect(link).toContain('#v=2&j=xx-district&age=66');
  const totals = await page.getByTestId('totals').textContent();

  const other = await context.newPage();
  await other.goto(link);
  await expect(other.locator('#q-age')).toHaveValue('66');
  await expect(other.locator('#q-sex-female')).toBeChecked();
  await expect(other.locator('#q-serviceman_cause-duty')).toBeChecked();
  await expect(other.getByTestId('totals')).toHaveText(totals!);
  await expect(card(other, 'basic-pension').locator('.figure')).toHaveText('¥118.00 元/月');

  // Reloading keeps them too.
  await other.reload();
  await expect(other.locator('#q-age')).toHaveValue('66');
  await expect(other.getByTestId('totals')).toHaveText(totals!);
});

test('a tampered link keeps what it can read, marks the rest and says so, never a crash', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto('/#v=1&age=abc&j=nowhere&hukou=rural');
  await expect(page.getByRole('status').filter({ hasText: '链接中有 2 处无法读取' })).toBeVisible();
  await expect(page.locator('#q-hukou-rural')).toBeChecked();
  // The age it held, shown to correct, with its message.
  await expect(page.locator('#q-age')).toHaveValue('abc');
  await expect(page.locator('#q-age-error')).toContainText('链接中的这个回答无法读取');
  await page.fill('#q-age', '70');
  await expect(card(page, 'accident-insurance')).toHaveClass(/applies/);
  expect(errors).toEqual([]);
});

test('"abc" as age shows the message and keeps the other answers', async ({ page }) => {
  await open(page);
  await page.check('#q-hukou-rural');
  await page.check('#q-pension_scheme-resident');
  await page.fill('#q-age', 'abc');
  const message = page.locator('#q-age-error');
  await expect(message).toHaveText('请输入0到120之间的整数');
  await expect(page.locator('#q-age')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#q-hukou-rural')).toBeChecked();
  await expect(page.locator('#q-pension_scheme-resident')).toBeChecked();
  await page.fill('#q-age', '-3');
  await expect(message).toBeVisible();
  await page.fill('#q-age', '61');
  await expect(message).toHaveCount(0);
  await expect(card(page, 'basic-pension').locator('.figure')).toHaveText('¥115.00 元/月');
});

test('bad months, income and future dates get their own messages', async ({ page }) => {
  await open(page);
  await page.check('#q-situations-military');
  await page.check('#q-military_roles-discharged_soldier');
  await page.fill('#q-service_months', '12');
  await expect(page.locator('#q-service_months-error')).toHaveText('请输入0到11之间的整数');
  await page.fill('#q-discharge_date', '2099-01-01');
  await expect(page.locator('#q-discharge_date-error')).toHaveText('日期不能晚于今天');
  await page.check('#q-situations-assistance');
  await page.check('#q-assistance_kind-dibao');
  await page.fill('#q-household_income', '-100');
  await expect(page.locator('#q-household_income-error')).toHaveText('金额不能为负数');
});

test('the print stylesheet shows a clean summary and hides the form', async ({ page }) => {
  await page.goto('/#v=1&j=xx-district&age=66&hukou=urban&pension_scheme=resident');
  await expect(card(page, 'basic-pension')).toBeVisible();
  await beforePrint(page);
  const summary = page.locator('.print-only');
  await expect(summary).toBeVisible();
  await expect(page.locator('.questions')).toBeHidden();
  await expect(page.locator('.plan-link')).toBeHidden();
  await expect(page.locator('.care-switch')).toBeHidden();
  await expect(summary).toContainText('城乡居民基础养老金（第8项）');
  await expect(summary).toContainText('¥118.00 元/月');
  await expect(summary).toContainText('区人社局');
  await expect(summary).toContainText('规则版本 2024.3');
  await expect(summary.locator('dd').first()).toHaveText('66周岁');
  await page.pdf({ path: 'test-results/summary-a4.pdf', format: 'A4' });
});

test('English throughout, with the plan quoted in Chinese', async ({ page }) => {
  await page.goto('/#v=1&j=xx-district&age=66&hukou=urban&pension_scheme=resident');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  const pension = card(page, 'basic-pension');
  await expect(pension.locator('h3')).toHaveText('Resident basic pension');
  await expect(pension.locator('.figure')).toHaveText('¥118.00 / month');
  await expect(pension.locator('blockquote')).toContainText('将60周岁以上的参保人员');
  await expect(page).toHaveURL(/lang=en/);
});

test('the page fits 360 px with no sideways scroll', async ({ page }) => {
  await page.goto('/#v=1&j=xx-district&age=66&situations=disability.military.assistance&military_roles=disabled_serviceman');
  await expect(page.locator('#q-serviceman_grade')).toBeVisible();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(360);
  await page.screenshot({ path: 'test-results/many-questions-360.png', fullPage: true });
});

test('long English totals wrap instead of widening the page', async ({ page }) => {
  // Two "at least" totals: the longest lines the totals box shows.
  await page.goto('/#v=1&j=xx-district&age=50&hukou=rural&situations=assistance&assistance_kind=tekun&lang=en');
  await expect(page.getByTestId('totals')).toContainText('per year: at least ¥8,880.00');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});
