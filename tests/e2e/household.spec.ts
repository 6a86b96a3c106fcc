import { test, expect, Page, Locator } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { beforePrint } from './print';
import { open } from './widget';

// A whole household at the counter, at phone width: the three generations of
// the rule cases (tests/cases/household/three-generations.toml), each
// member's benefits and the household's 低保 once, carried by a link and a
// QR code, printed, and cleared for the next family.

// A phone's screen: three device pixels to a CSS pixel, as the camera that
// scans the QR code sees it.
test.use({ deviceScaleFactor: 3 });

/** The text a QR code on the page holds, read from a screenshot of it. */
async function readQr(qr: Locator): Promise<string | undefined> {
  // In the middle of the screen, clear of the result bar fixed to its bottom.
  await qr.evaluate((e) => e.scrollIntoView({ block: 'center' }));
  const png = PNG.sync.read(await qr.screenshot());
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
}

async function buildHousehold(page: Page) {
  await open(page);
  // 本人: the grandmother, 72, and the household's answers.
  await page.fill('#q-age', '72');
  await page.check('#q-sex-female');
  await page.check('#q-hukou-rural');
  await page.check('#q-pension_scheme-resident');
  await page.check('#q-medical_insurance-resident');
  await page.check('#q-situations-assistance');
  await page.check('#q-assistance_kind-dibao');
  await page.fill('#q-household_members', '3');
  await page.fill('#q-household_income', '900');
  await page.check('#q-self_care-full');
  // Her son, 40, grade-1 physical disability.
  await page.getByRole('button', { name: '＋ 添加家庭成员' }).click();
  await page.check('#relation-child');
  // The household's questions are not asked again.
  await expect(page.locator('#q-household_income')).toHaveCount(0);
  await expect(page.locator('#q-situations-assistance')).toHaveCount(0);
  await expect(page.locator('.member-hint')).toContainText('您子女');
  await page.fill('#q-age', '40');
  await page.check('#q-sex-male');
  await expect(page.locator('.member-hint')).toContainText('您儿子');
  await page.check('#q-pension_scheme-resident');
  await page.check('#q-medical_insurance-resident');
  await page.check('#q-situations-disability');
  await page.check('#q-disability_grade-1');
  await page.check('#q-disability_category-physical');
  await page.check('#q-self_care-full');
  // The grandchild, 9, an orphan living with her grandmother.
  await page.getByRole('button', { name: '＋ 添加家庭成员' }).click();
  await page.check('#relation-grandchild');
  await page.fill('#q-age', '9');
  await page.check('#q-sex-female');
  // A child is not asked about pensions.
  await expect(page.locator('#q-pension_scheme')).toHaveCount(0);
  await page.check('#q-medical_insurance-resident');
  await page.check('#q-situations-child_without_carers');
  await page.check('#q-child_status-scattered_orphan');
}

async function expectTotals(page: Page) {
  const household = page.locator('#household');
  // 118 (pension) + 60 + 70 (disability) + 1,200 (orphan) + 645 (低保: 515 × 3 − 900).
  await expect(household.getByTestId('household-totals')).toContainText('每月 ¥2,093.00');
  await expect(household.getByTestId('household-totals')).toContainText('每年 ¥25,116.00');
  const members = household.locator('.member-list li');
  await expect(members.nth(0)).toContainText('本人');
  await expect(members.nth(0)).toContainText('每月 ¥118.00');
  await expect(members.nth(1)).toContainText('儿子');
  await expect(members.nth(1)).toContainText('每月 ¥130.00');
  await expect(members.nth(2)).toContainText('孙女');
  await expect(members.nth(2)).toContainText('每月 ¥1,200.00');
  // The household's 低保 once, in the household's part, not in a member's.
  await expect(household.locator('article.card[data-id="minimum-living"] .figure')).toHaveText('¥645.00 元/月');
  await expect(page.locator('#results article.card[data-id="minimum-living"]')).toHaveCount(0);
}

test('a three-generation household at 360 px: each member, the household once, the totals to the fen', async ({ page }) => {
  await buildHousehold(page);
  await expectTotals(page);
  // The member shown is the grandchild: her own card, her heading.
  await expect(page.locator('#results-title')).toHaveText('您孙女的结果');
  await expect(page.locator('#results article.card[data-id="orphan-living-allowance"] .figure')).toHaveText('¥1,200.00 元/月');
  // A tap on a member in the household's list shows that member.
  await page.locator('#household .member-list button', { hasText: '儿子' }).click();
  await expect(page.locator('#results-title')).toHaveText('您儿子的结果');
  await expect(page.locator('#q-age')).toHaveValue('40');
  await expect(page.locator('#results article.card[data-id="severe-disability-care-subsidy"] .figure')).toHaveText('¥70.00 元/月');
  await page.screenshot({ path: 'test-results/household-360.png', fullPage: true });
});

test('the household travels by link and by QR code, and prints with each member and the QR code', async ({ page, context }) => {
  await buildHousehold(page);
  // The QR code on the screen holds the share link.
  await page.locator('.qr-box summary').click();
  const link = await page.evaluate(() => {
    dispatchEvent(new Event('pagehide')); // the address is written at once
    return location.href;
  });
  expect(link).toContain('&m=child&');
  expect(link).toContain('&m=grandchild&');
  expect(await readQr(page.locator('.qr-box svg.qr'))).toBe(link);
  // Opened elsewhere, the link is the same household.
  const other = await context.newPage();
  await other.goto(link);
  await expectTotals(other);
  await expect(other.locator('.member-tab')).toHaveText(['本人', '儿子', '孙女']);
  // Printed: each member, what may still apply, the household once, the QR code.
  await beforePrint(other);
  const printed = other.locator('.print-only');
  await expect(printed.locator('h3.member')).toHaveText(['本人', '儿子', '孙女', '全家的待遇（每户一份）']);
  await expect(printed).toContainText('最低生活保障');
  await expect(printed.locator('.print-totals')).toContainText('每月 ¥2,093.00');
  await expect(printed.locator('.print-trips')).toContainText('儿子：');
  expect(await readQr(printed.locator('svg.qr'))).toBe(link);
});

test('下一户 asks first, clears everything, goes to the top, and can be undone', async ({ page }) => {
  await buildHousehold(page);
  // The first tap asks; anything else done meanwhile cancels.
  await page.getByRole('button', { name: '下一户（清空）' }).click();
  await expect(page.locator('.copy-status')).toContainText('将清空所有成员的回答');
  await page.fill('#q-age', '10');
  await expect(page.getByRole('button', { name: '下一户（清空）' })).toBeVisible();
  await expect(page.locator('.member-tab')).toHaveCount(3);
  await page.fill('#q-age', '9');
  await page.getByRole('button', { name: '下一户（清空）' }).click();
  await page.getByRole('button', { name: '确定清空' }).click();
  await expect(page.locator('.member-tab')).toHaveCount(0);
  await expect(page.locator('#q-age')).toHaveValue('');
  await expect(page.locator('#household')).toHaveCount(0);
  expect(await page.evaluate(() => scrollY)).toBeLessThan(200);
  await expect(page.getByRole('status').filter({ hasText: '已清空' })).toBeVisible();
  await page.getByRole('button', { name: '撤销' }).click();
  await expect(page.locator('.member-tab')).toHaveCount(3);
  await expectTotals(page);
});

test('a link cut short keeps what it can read and says what it dropped', async ({ page }) => {
  await open(page, '#v=2&j=xx-district&age=72&hukou=rural&m=child&age=4x0&sex=male&m=grandchild&age=9&situations=child_without_ca');
  await expect(page.locator('.notice')).toContainText('2 处无法读取');
  await expect(page.locator('.member-tab')).toHaveText(['本人', '儿子', '孙子女']);
  await expect(page.locator('#q-age')).toHaveValue('72');
  await page.locator('.member-tab', { hasText: '儿子' }).click();
  // The age the link held, kept to correct, and marked.
  await expect(page.locator('#q-age')).toHaveValue('4x0');
  await expect(page.locator('#q-age-error')).toContainText('链接中的这个回答无法读取');
});

for (const [lang, care] of [['zh', false], ['en', false], ['zh', true]] as const) {
  test(`no accessibility violations in the household views (${lang}${care ? ', care mode' : ''})`, async ({ page }) => {
    await buildHousehold(page);
    if (lang === 'en') await page.locator('.lang-switch').click();
    if (care) await page.locator('.care-switch').click();
    await page.locator('.qr-box summary').click();
    await page.locator('.footer .actions button.secondary').click(); // "下一户" asking too
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
  });
}

test('the printout lists what may still apply at its office, with the answers it needs', async ({ page }) => {
  await open(page, '#v=2&j=xx-district&age=66&hukou=rural');
  await beforePrint(page);
  const trips = page.locator('.print-only .print-trips');
  await expect(trips).toContainText('城乡居民基础养老金（可能符合，还需回答：养老保险）');
});

test('what the household may still get is asked for in the first member\'s results, where its questions are', async ({ page }) => {
  await open(page, '#v=2&j=xx-district&age=45&hukou=urban&situations=assistance&assistance_kind=dibao_applying&m=child&age=10');
  const may = page.locator('#results .may-group', { hasText: '最低生活保障' });
  await expect(may.locator('.ask-link')).toContainText(['全家每月总收入']);
  // Not among the other member's own.
  await page.locator('.member-tab', { hasText: '子女' }).click();
  await expect(page.locator('#results')).not.toContainText('最低生活保障');
});
