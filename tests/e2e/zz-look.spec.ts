import { test } from '@playwright/test';
const LINK = '/#v=2&j=xx-district&age=72&sex=female&hukou=rural&pension_scheme=resident&medical_insurance=resident&situations=assistance&assistance_kind=dibao&household_members=3&household_income=900&self_care=full&m=child&age=40&sex=male&pension_scheme=resident&medical_insurance=resident&situations=disability&disability_grade=1&disability_category=physical&self_care=full&m=grandchild&age=9&sex=female&medical_insurance=resident&situations=child_without_carers&child_status=scattered_orphan';
test('look', async ({ page }) => {
  await page.goto(LINK);
  await page.waitForTimeout(500);
  await page.screenshot({ path: '/tmp/look-top.png' });
  await page.locator('.member-tab', { hasText: '儿子' }).click();
  await page.screenshot({ path: '/tmp/look-son.png' });
  await page.locator('#household').scrollIntoViewIfNeeded();
  await page.locator('#household').screenshot({ path: '/tmp/look-household.png' });
  await page.locator('.footer').screenshot({ path: '/tmp/look-footer.png' });
});
