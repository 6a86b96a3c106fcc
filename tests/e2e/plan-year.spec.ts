import { test, expect, Page } from '@playwright/test';
import { beforePrint } from './print';
import { open, card } from './widget';

// Plan years and what changes next, at phone width.

test('after the plan period the figures come with a notice that they are the 2024 plan\'s', async ({ page }) => {
  // The 2024 plans govern 2024; the device's date is later than that.
  await open(page, '#v=2&j=xx-district&age=66&hukou=urban&pension_scheme=resident');
  const notice = page.getByTestId('period-notice');
  await expect(notice).toContainText('以下为2024年度标准');
  await expect(notice).toContainText('以办理部门为准');
  await expect(card(page, 'basic-pension').locator('.figure')).toHaveText('¥118.00 元/月');
  await expect(page.locator('footer .version')).toContainText('2024年度');
  await expect(page.locator('#jurisdiction option:checked')).toHaveText('XX区 · 2024年度');
  await beforePrint(page);
  await expect(page.locator('.print-only')).toContainText('2024年度方案');
  await expect(page.locator('.print-only')).toContainText('以下为2024年度标准');
});

test('a 63-year-old sees the age-65 change, and this year\'s rise', async ({ page }) => {
  await open(page);
  await page.fill('#q-age', '63');
  await page.check('#q-hukou-urban');
  await page.check('#q-pension_scheme-resident');
  const pension = card(page, 'basic-pension');
  await expect(pension.locator('.figure')).toHaveText('¥115.00 元/月');
  await expect(pension.locator('.next')).toHaveText('满65周岁起 ¥118.00 元/月，还有2年');
  await expect(pension.locator('.rise')).toHaveText('比上年提高 ¥5.00');
  // Benefits that do not apply yet but will: the accident insurance at 70.
  await expect(page.locator('section.coming li[data-id="accident-insurance"]')).toContainText('满70周岁起');
});

test('counter staff set the "as of" date: inside 2024 there is no notice, and the date stays in the link', async ({ page }) => {
  await open(page, '#v=2&j=xx-district&age=66&hukou=urban&pension_scheme=resident');
  await expect(page.getByTestId('period-notice')).toBeVisible();
  await page.fill('#as-of', '2024-06-01');
  await page.locator('#as-of').dispatchEvent('change');
  await expect(page.getByTestId('period-notice')).toHaveCount(0);
  await expect(page).toHaveURL(/[#&]d=2024-06-01(&|$)/);
  const other = await page.context().newPage();
  await other.goto(page.url());
  await expect(other.locator('#as-of')).toHaveValue('2024-06-01');
  await expect(other.getByTestId('period-notice')).toHaveCount(0);
  await expect(other.locator(`article.card[data-id="basic-pension"] .figure`)).toHaveText('¥118.00 元/月');
});
