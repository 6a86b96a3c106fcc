import { test, expect, Page } from '@playwright/test';
import { beforePrint } from './print';
import { open, card } from './widget';

// Eligibility by the statuses residents hold, at phone width: a 低保
// certificate is an answer, not an income calculation; what only the office
// can decide says so; every errand is grouped by office.

test('a 低保 certificate holder with a disability sees ¥60 and ¥70 without entering income', async ({ page }) => {
  await open(page);
  await page.fill('#q-age', '30');
  await page.check('#q-hukou-urban');
  await page.check('#q-situations-disability');
  await page.check('#q-disability_grade-1');
  await page.check('#q-disability_category-physical');
  await page.check('#q-situations-assistance');
  await page.check('#q-assistance_kind-dibao');
  // No income typed: the certificate decides.
  await expect(page.locator('#q-household_income')).toHaveValue('');
  const living = card(page, 'poor-disabled-living-subsidy');
  await expect(living).toHaveClass(/applies/);
  await expect(living.locator('.figure')).toHaveText('¥60.00 元/月');
  const care = card(page, 'severe-disability-care-subsidy');
  await expect(care.locator('.figure')).toHaveText('¥70.00 元/月');
  const dibao = card(page, 'minimum-living');
  await expect(dibao).toHaveClass(/applies/);
  await expect(dibao.locator('.figure')).toContainText('核定');
  await expect(page.getByTestId('totals')).toContainText('每月 ¥130.00');
  // Nothing shown contradicts the answers: no "not in 低保" anywhere.
  await expect(page.locator('#results')).not.toContainText('不符合：所在家庭享受低保');
  await page.screenshot({ path: 'test-results/dibao-holder-360.png', fullPage: true });

  // Typing an income above the standard does not take the certificate away.
  await page.fill('#q-household_members', '1');
  await page.fill('#q-household_income', '5000');
  await expect(living.locator('.figure')).toHaveText('¥60.00 元/月');
  await expect(dibao).toHaveClass(/applies/);
  await expect(page.locator('#results')).not.toContainText('不低于保障标准');

  // The share link carries the status and brings it back.
  await expect(page).toHaveURL(/assistance_kind=dibao/);
  const link = page.url();
  const other = await page.context().newPage();
  await other.goto(link);
  await expect(other.locator('#q-assistance_kind-dibao')).toBeChecked();
  await expect(card(other, 'poor-disabled-living-subsidy').locator('.figure')).toHaveText('¥60.00 元/月');
});

test('what only the office can decide is a "may apply" card that says who decides, and is not counted as cash', async ({ page }) => {
  await open(page, '#v=2&j=xx-district&age=50&hukou=urban&situations=disability.assistance&disability_grade=3&disability_category=visual&assistance_kind=tekun&self_care=full');
  const living = card(page, 'poor-disabled-living-subsidy');
  await expect(living).toHaveClass(/may-judged/);
  await expect(living.locator('.badge')).toHaveText('须审核');
  await expect(living.locator('.figure')).toHaveText('如获批：¥60.00 元/月');
  await expect(living.locator('.reason')).toContainText('特困人员能否领取由办理部门确定');
  // The reading and its basis are in the card's note.
  await living.locator('details.note summary').click();
  await expect(living.locator('details.note')).toContainText('国发〔2015〕52号');
  // 特困 support 995 + care 70 are cash; the 60 is not counted until granted.
  await expect(page.getByTestId('totals')).toContainText('每月 ¥1,065.00');
});

test('the results are grouped by office into one trip each, on screen and on paper', async ({ page }) => {
  await open(page, '#v=2&j=xx-district&age=66&hukou=rural&pension_scheme=resident&medical_insurance=resident&situations=disability.assistance.unsafe_house&disability_grade=2&disability_category=physical&assistance_kind=dibao&self_care=partial');
  const trips = page.locator('section.trips');
  await expect(trips).toBeVisible();
  const civil = trips.locator('li.trip').filter({ has: page.locator('h4', { hasText: '区民政局' }) });
  await expect(civil).toContainText('困难残疾人生活补贴');
  await expect(civil).toContainText('最低生活保障');
  const housing = trips.locator('li.trip').filter({ has: page.locator('h4', { hasText: '区住房保障中心' }) });
  await expect(housing).toContainText('农村困难群众危房改造');
  await expect(housing).toContainText('须审核');
  // The source gives no address or phone: none is shown.
  await expect(trips.locator('dl.office-details')).toHaveCount(0);
  await beforePrint(page);
  const printed = page.locator('.print-only');
  await expect(printed).toContainText('按办理部门，一次办好');
  await expect(printed).toContainText('区民政局：');
  await expect(printed).toContainText('如获批');
});

test('an old version-1 link still opens, its 低保 read as an application', async ({ page }) => {
  await open(page, '#v=1&j=xx-district&age=45&hukou=urban&situations=assistance&assistance_kind=dibao&household_members=3&household_income=1500');
  await expect(page.getByRole('status').filter({ hasText: '链接已损坏' })).toHaveCount(0);
  await expect(page.locator('#q-age')).toHaveValue('45');
  await expect(page.locator('#q-assistance_kind-dibao_applying')).toBeChecked();
  await expect(page.locator('#q-assistance_kind-dibao')).not.toBeChecked();
  const dibao = card(page, 'minimum-living');
  await expect(dibao).toHaveClass(/may-judged/);
  await expect(dibao.locator('.figure')).toHaveText('如获批：¥795.00 元/月');
});

test('an autistic 3-year-old with a diagnosis but no certificate is offered rehabilitation', async ({ page }) => {
  await open(page);
  await page.fill('#q-age', '3');
  await page.check('#q-residence-local');
  await page.check('#q-situations-disability_diagnosed');
  await page.check('#q-disability_category-autism');
  await expect(card(page, 'child-rehab')).toHaveClass(/applies/);
});

test('in English the card still explains itself: the reading in Chinese, who decides in plain words', async ({ page }) => {
  await open(page, '#v=2&j=xx-district&age=50&hukou=urban&situations=disability.assistance&disability_grade=3&disability_category=visual&assistance_kind=tekun&self_care=full&lang=en');
  const living = card(page, 'poor-disabled-living-subsidy');
  await expect(living.locator('.badge')).toHaveText('Office decides');
  await expect(living.locator('.reason')).toHaveText('Your answers fit; the office decides.');
  await living.locator('details.note summary').click();
  await expect(living.locator('details.note summary')).toHaveText('Note (in Chinese)');
  await expect(living.locator('details.note p')).toHaveAttribute('lang', 'zh-CN');
  await expect(living.locator('details.note p')).toContainText('国发〔2015〕52号');
});
