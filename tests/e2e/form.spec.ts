import { test, expect, Page } from '@playwright/test';
import { open, card } from './widget';

// Number fields typed key by key, as a person types on a phone (360 px, the
// config's default): the field always shows exactly what was typed, a wrong
// keystroke gets a message and stays editable, and nothing typed is ever
// read as another amount.

// An urban household of three on 低保, waiting for its income: the gap to
// 765 a head is 2295 minus the income.
// Applying for 低保: the income decides (the office approves, so the card says "if granted").
const DIBAO = '#v=2&j=xx-district&age=45&hukou=urban&residence=local&situations=assistance&assistance_kind=dibao_applying&household_members=3';

test('"7x" in age gets a message; Backspace and a valid age then work and the results follow', async ({ page }) => {
  await open(page, '#v=1&j=xx-district&hukou=rural&pension_scheme=resident');
  const age = page.locator('#q-age');
  const message = page.locator('#q-age-error');
  await age.click();
  await page.keyboard.type('7x');
  await expect(age).toHaveValue('7x');
  await expect(message).toHaveText('请输入0到120之间的整数');
  await expect(age).toBeFocused();
  await page.keyboard.press('Backspace');
  await expect(age).toHaveValue('7');
  await expect(message).toHaveCount(0);
  await page.keyboard.type('0');
  await expect(age).toHaveValue('70');
  await expect(card(page, 'basic-pension').locator('.figure')).toHaveText('¥118.00 元/月');
  await expect(page).toHaveURL(/age=70/);
});

test('"72岁" stays editable: select-all and Delete empty it, then typing works', async ({ page }) => {
  await open(page, '#v=1&j=xx-district&hukou=rural&pension_scheme=resident');
  const age = page.locator('#q-age');
  await age.click();
  await page.keyboard.type('72岁');
  await expect(age).toHaveValue('72岁');
  await expect(page.locator('#q-age-error')).toBeVisible();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await expect(age).toHaveValue('');
  await expect(page.locator('#q-age-error')).toHaveCount(0);
  await page.keyboard.type('61');
  await expect(age).toHaveValue('61');
  await expect(card(page, 'basic-pension').locator('.figure')).toHaveText('¥115.00 元/月');
});

test('"-3" in age gets a message and stays as typed and editable', async ({ page }) => {
  await open(page);
  const age = page.locator('#q-age');
  await age.click();
  await page.keyboard.type('-');
  await expect(age).toHaveValue('-');
  // A lone minus is someone starting to type: no message yet.
  await expect(page.locator('#q-age-error')).toHaveCount(0);
  await page.keyboard.type('3');
  await expect(age).toHaveValue('-3');
  await expect(page.locator('#q-age-error')).toHaveText('请输入0到120之间的整数');
  await page.keyboard.press('Home');
  await page.keyboard.press('Delete');
  await expect(age).toHaveValue('3');
  await expect(page.locator('#q-age-error')).toHaveCount(0);
});

test('full-width digits are read', async ({ page }) => {
  await open(page, '#v=1&j=xx-district&hukou=rural&pension_scheme=resident');
  await page.locator('#q-age').pressSequentially('６６');
  await expect(page.locator('#q-age')).toHaveValue('６６');
  await expect(card(page, 'basic-pension').locator('.figure')).toHaveText('¥118.00 元/月');
});

test('"1200.50" typed key by key ends as 1200.50 and 低保 pays the gap to the fen', async ({ page }) => {
  await open(page, DIBAO);
  const income = page.locator('#q-household_income');
  await income.pressSequentially('1200.50');
  await expect(income).toHaveValue('1200.50');
  await expect(page.locator('#q-household_income-error')).toHaveCount(0);
  // 765 × 3 − 1200.50
  await expect(card(page, 'minimum-living').locator('.figure')).toHaveText('如获批：¥1,094.50 元/月');
});

test('"1200." on the way to a decimal keeps the amount typed so far, with no message', async ({ page }) => {
  await open(page, DIBAO);
  const income = page.locator('#q-household_income');
  await income.pressSequentially('1200.');
  await expect(income).toHaveValue('1200.');
  await expect(page.locator('#q-household_income-error')).toHaveCount(0);
  await expect(card(page, 'minimum-living').locator('.figure')).toHaveText('如获批：¥1,095.00 元/月');
});

for (const typed of ['1200,50', '1200，50']) {
  test(`"${typed}" in income is refused with a message, never read as 120050`, async ({ page }) => {
    await open(page, DIBAO);
    const income = page.locator('#q-household_income');
    await income.pressSequentially(typed);
    await expect(income).toHaveValue(typed);
    await expect(page.locator('#q-household_income-error')).toHaveText('逗号不能当小数点：如果是 1200.50 元，请写作 1200.50');
    // Not read at all: 低保 waits for the income, and no figure anywhere is 120,050.
    await expect(card(page, 'minimum-living')).toHaveCount(0);
    await expect(page.locator('li.may[data-id="minimum-living"]')).toBeVisible();
    await expect(page.locator('main')).not.toContainText('120,050');
    expect(page.url()).not.toContain('household_income');
    // Still editable: replace the comma with a point.
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Backspace');
    await page.keyboard.type('.');
    await expect(income).toHaveValue('1200.50');
    await expect(card(page, 'minimum-living').locator('.figure')).toHaveText('如获批：¥1,094.50 元/月');
  });
}

test('thousands separators, also full-width, are read where unambiguous', async ({ page }) => {
  await open(page, DIBAO);
  await page.locator('#q-household_income').pressSequentially('1，200');
  await expect(page.locator('#q-household_income-error')).toHaveCount(0);
  // 2295 − 1200
  await expect(card(page, 'minimum-living').locator('.figure')).toHaveText('如获批：¥1,095.00 元/月');
});

// A text box's row has a fixed height (its size is contained, so a
// keystroke lays out the row alone, not the page): it must stay exactly as
// tall as the box, in large text too, with the unit beside the box and a
// message below, nothing cut off or overlapping.
test('each text box fits its row exactly, in both text sizes and languages', async ({ page }) => {
  for (const [lang, care] of [['', false], ['', true], ['?lang=en', true]] as const) {
    // A link with care=1 turns 长辈模式 on (and the device remembers it).
    await page.goto('/' + lang + DIBAO + '&household_income=12x' + (care ? '&care=1' : ''));
    await expect(page.locator('#q-household_income-error')).toBeVisible();
    await expect(page.locator('html.care')).toHaveCount(care ? 1 : 0);
    const rows = await page.locator('.input-row').evaluateAll((rows) =>
      rows.map((row) => {
        const box = (el: Element | null) => el && el.getBoundingClientRect().toJSON();
        const error = row.parentElement?.querySelector('.error') ?? null;
        const input = row.querySelector('input')!;
        // The box's own height as it would be without the row: one line of
        // text, the padding and the border.
        const cs = getComputedStyle(input);
        const natural = ['lineHeight', 'paddingTop', 'paddingBottom', 'borderTopWidth', 'borderBottomWidth'].reduce((sum, p) => sum + parseFloat(cs[p as any]), 0);
        return { id: input.id, natural, row: box(row), input: box(input), unit: box(row.querySelector('.unit')), error: box(error) };
      }),
    );
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const { id, natural, row, input, unit, error } of rows) {
      const where = `${id}, ${lang || 'zh'}${care ? ', care' : ''}`;
      expect(Math.abs(natural - row!.height), where).toBeLessThan(0.5);
      expect(Math.abs(input!.height - row!.height), where).toBeLessThan(0.5);
      expect(input!.top, where).toBeGreaterThanOrEqual(row!.top - 0.5);
      if (unit) {
        expect(unit.right, where).toBeLessThanOrEqual(row!.right + 0.5);
        expect(unit.bottom, where).toBeLessThanOrEqual(row!.bottom + 0.5);
        expect(unit.left, where).toBeGreaterThanOrEqual(input!.right);
      }
      if (error) expect(error.top, where).toBeGreaterThanOrEqual(row!.bottom);
    }
  }
});
