import { test, expect, Page } from '@playwright/test';
import { beforePrint } from './print';

// Results that read at a glance: what pays most first, insurance premiums
// unlike cash, the quote folded to what applies, and "may apply" only for
// what the answers point to.

const SERVICEMAN = '/#v=1&j=xx-district&age=66&hukou=rural&pension_scheme=resident&medical_insurance=resident'
  + '&situations=military&military_roles=disabled_serviceman&serviceman_grade=3&serviceman_cause=duty';

const card = (page: Page, id: string) => page.locator(`article.card[data-id="${id}"]`);

/** "¥6,030.00 元/月" → 6030 (per month), "¥580.00 元/年" → 580/12. */
function perMonth(figure: string): number {
  const n = Number(figure.replace(/[^0-9.]/g, ''));
  return /年|year/.test(figure) ? n / 12 : n;
}

test('cards: the largest monthly cash first, premiums after cash and not in its green', async ({ page }) => {
  await page.goto(SERVICEMAN);
  await expect(card(page, 'disabled-serviceman')).toBeVisible();
  const cards = page.locator('article.card.applies');
  const ids = await cards.evaluateAll((cs) => cs.map((c) => c.getAttribute('data-id')));
  expect(ids[0]).toBe('disabled-serviceman');
  await expect(cards.first().locator('.figure')).toHaveText('¥6,030.00 元/月');
  // Cash by what it pays a month, largest first; then premiums.
  const kinds = await cards.evaluateAll((cs) => cs.map((c) => {
    const f = c.querySelector('.figure');
    return { premium: !!f?.classList.contains('premium'), monthly: /月/.test(f?.textContent ?? ''), text: f?.textContent ?? '' };
  }));
  const firstPremium = kinds.findIndex((k) => k.premium);
  expect(firstPremium).toBeGreaterThan(0);
  expect(kinds.slice(firstPremium).every((k) => k.premium || !/¥/.test(k.text))).toBe(true);
  const monthly = kinds.filter((k) => !k.premium && k.monthly).map((k) => perMonth(k.text));
  expect(monthly).toEqual([...monthly].sort((a, b) => b - a));
  // The ¥580 medical-insurance subsidy: paid into the fund, not the green of
  // cash, and the resident's own ¥310 in its open note.
  const premium = card(page, 'resident-medical-insurance-subsidy');
  await expect(premium.locator('.figure.premium')).toContainText('¥580.00 元/年');
  await expect(premium).toContainText('不发现金，用于缴纳保险');
  await expect(premium.locator('details.note')).toHaveAttribute('open', '');
  await expect(premium.locator('details.note')).toContainText('个人仍需缴费310元/年');
  const green = await card(page, 'basic-pension').locator('.figure').evaluate((e) => getComputedStyle(e).color);
  const ink = await premium.locator('.figure').evaluate((e) => getComputedStyle(e).color);
  expect(ink).not.toBe(green);
});

test('the quote folds to the cell that applies, the whole sentence one tap away', async ({ page }) => {
  await page.goto(SERVICEMAN);
  const quote = card(page, 'disabled-serviceman').locator('blockquote.quote');
  await expect(quote.locator('mark')).toHaveText('因公三级每人每月6030元');
  // Folded: the card is short, the other 27 rates out of sight.
  const folded = (await quote.boundingBox())!.height;
  expect(folded).toBeLessThan(120);
  await card(page, 'disabled-serviceman').locator('details.quote-toggle > summary').click();
  const open = (await quote.boundingBox())!.height;
  expect(open).toBeGreaterThan(folded * 2);
  await expect(quote).toContainText('因战一级每人每月8080.8元');
  await expect(quote.locator('mark')).toHaveText('因公三级每人每月6030元');
});

test('an empty form lists no "may apply", only a prompt', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('#results h2')).toBeVisible();
  await expect(page.locator('#results .empty')).toContainText('回答问题后，这里会列出您能享受的待遇');
  await expect(page.locator('#results .count')).toHaveCount(0);
  await expect(page.locator('li.may')).toHaveCount(0);
  await expect(page.locator('article.card')).toHaveCount(0);
});

test('age 72 alone: may apply lists the older residents\' benefits, not 三支一扶 or a soldier\'s lump sum', async ({ page }) => {
  await page.goto('/');
  await page.fill('#q-age', '72');
  await expect(page.locator('li.may[data-id="basic-pension"]')).toBeVisible();
  const may = await page.locator('li.may').evaluateAll((ls) => ls.map((l) => l.getAttribute('data-id')));
  expect(may).not.toContain('three-supports-subsidy');
  expect(may).not.toContain('discharged-soldier-lump-sum');
  expect(may.length).toBeLessThanOrEqual(10);
  await expect(page.locator('#results .count')).toHaveText(new RegExp(`，可能符合 ${may.length} 项$`));
  // Ticking "military" points to the servicemen's benefits.
  await page.check('#q-situations-military');
  await expect(page.locator('li.may[data-id="disabled-serviceman"]')).toBeVisible();
});

test('the printed summary and the folded reasons are drawn only when wanted', async ({ page }) => {
  await page.goto(SERVICEMAN);
  await expect(card(page, 'disabled-serviceman')).toBeVisible();
  // Not rebuilt on every keystroke: absent until the page prints.
  await expect(page.locator('.print-only')).toHaveCount(0);
  await expect(page.locator('details.not-for-you li')).toHaveCount(0);
  await page.locator('details.not-for-you > summary').click();
  await expect(page.locator('details.not-for-you li').first()).toBeVisible();
  await beforePrint(page);
  await expect(page.locator('.print-only')).toContainText('残疾军人抚恤金');
  await page.evaluate(() => dispatchEvent(new Event('afterprint')));
  await expect(page.locator('.print-only')).toHaveCount(0);
});
