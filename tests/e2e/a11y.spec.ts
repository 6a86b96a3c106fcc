import { test, expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { beforePrint } from './print';

// WCAG 2.2 AA, checked by axe-core on every view, at phone and desktop
// widths, in both languages and in care mode.

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

// A resident with answers that open many follow-ups and many result cards.
const BUSY = '#v=1&j=xx-district&age=66&sex=male&hukou=rural&pension_scheme=resident'
  + '&situations=disability.military.assistance&disability_grade=2&disability_category=physical'
  + '&assistance_kind=dibao&household_members=3&military_roles=disabled_serviceman'
  + '&serviceman_grade=3&serviceman_cause=duty';

async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  return result.violations.map(
    (v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`,
  );
}

async function load(page: Page, lang: 'zh' | 'en', care: boolean) {
  await page.goto('/' + BUSY + (lang === 'en' ? '&lang=en' : ''));
  await expect(page.locator('#q-age')).toBeVisible();
  const pressed = await page.locator('.care-switch').getAttribute('aria-pressed');
  if ((pressed === 'true') !== care) await page.locator('.care-switch').click();
  await expect(page.locator('.care-switch')).toHaveAttribute('aria-pressed', String(care));
}

for (const width of [360, 1280]) {
  // The whole plan is one page, in Chinese with English headings.
  test(`whole plan: ${width}px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto('/plan.html');
    await expect(page.locator('#plan-search')).toBeVisible();
    await page.fill('#plan-search', '老人');
    await expect(page.locator('article.item:visible .benefits q').first()).toBeVisible();
    expect(await violations(page)).toEqual([]);
  });

  for (const lang of ['zh', 'en'] as const) {
    for (const care of [false, true]) {
      const name = `${width}px ${lang}${care ? ' care mode' : ''}`;

      test(`questionnaire and results: ${name}`, async ({ page }) => {
        await page.setViewportSize({ width, height: 900 });
        await load(page, lang, care);
        // A field in error and the folded list opened, so they are checked too.
        await page.fill('#q-household_income', 'abc');
        await page.locator('details.not-for-you > summary').click();
        expect(await violations(page)).toEqual([]);
      });


      test(`print view: ${name}`, async ({ page }) => {
        await page.setViewportSize({ width, height: 900 });
        await load(page, lang, care);
        await beforePrint(page);
        await expect(page.locator('.print-only')).toBeVisible();
        expect(await violations(page)).toEqual([]);
      });
    }
  }
}

test('care mode: larger text and targets, one column, remembered on the device', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/' + BUSY);
  await expect(page.locator('.reason').first()).toBeVisible();
  const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.reason')!).fontSize));
  const before = await size();
  await page.locator('.care-switch').click();
  const after = await size();
  expect(after / before).toBeGreaterThanOrEqual(1.3);
  const smallest = await page.evaluate(() =>
    Math.min(...[...document.querySelectorAll('.questions .option, button')]
      .filter((e) => e.getClientRects().length > 0)
      .map((e) => e.getBoundingClientRect().height)),
  );
  expect(smallest).toBeGreaterThanOrEqual(48);
  // One column: the results sit below the questions, not beside them.
  const q = await page.locator('.questions').boundingBox();
  const r = await page.locator('.results').boundingBox();
  expect(r!.y).toBeGreaterThan(q!.y + q!.height - 1);
  await expect(page.locator('article.card.applies .badge').first()).toHaveText('可以领');
  await page.reload();
  await expect(page.locator('.care-switch')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('html')).toHaveClass(/care/);
});

test('care mode in English at 360 px keeps every card title readable', async ({ page }) => {
  await page.goto('/' + BUSY + '&lang=en');
  await page.locator('.care-switch').click();
  const widths = await page.locator('article.card h3').evaluateAll((hs) => hs.map((h) => h.getBoundingClientRect().width));
  expect(widths.length).toBeGreaterThan(3);
  expect(Math.min(...widths)).toBeGreaterThan(150);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(360);
});

test('care mode in English at 360 px: a notice puts its button under the text, a wrapped link stays one target', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  // A link with an unknown option: the notice shows.
  await page.goto('/#v=1&j=xx-district&age=70&situations=nonsense&lang=en');
  await page.locator('.care-switch').click();
  const text = await page.locator('.notice p').boundingBox();
  const button = await page.locator('.notice button').boundingBox();
  expect(text!.width, 'the message keeps a readable width').toBeGreaterThan(240);
  expect(button!.y, 'the button wraps under the message').toBeGreaterThanOrEqual(text!.y + text!.height - 1);

  // Answers that leave "Total household income per month" to ask: at this
  // width and size its link wraps onto two lines, which must read as one
  // link, not as two 48 px rows.
  await page.goto('/#v=1&j=xx-district&age=70&hukou=urban&situations=disability.assistance&assistance_kind=dibao&lang=en');
  const link = page.locator('a.ask-link[data-q="household_income"]').first();
  await expect(link).toBeVisible();
  const box = (await link.boundingBox())!;
  const font = await link.evaluate((a) => parseFloat(getComputedStyle(a).fontSize));
  expect(box.height, 'a touch target').toBeGreaterThanOrEqual(48);
  expect(box.height, 'it does wrap here').toBeGreaterThanOrEqual(2 * font);
  expect(box.height, 'its two lines stay together').toBeLessThan(2 * 1.6 * font);
});

test('the questionnaire can be completed with the keyboard alone, with visible focus', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('#q-age')).toBeVisible();
  await page.locator('#jurisdiction').focus();
  // Tab to the age field (past the view tabs), type, then move on.
  for (let i = 0; i < 10 && !(await page.locator('#q-age').evaluate((e) => e === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(page.locator('#q-age')).toBeFocused();
  await page.keyboard.type('66');
  const outline = await page.locator('#q-age').evaluate((e) => getComputedStyle(e).outlineStyle);
  expect(outline).not.toBe('none');
  await page.keyboard.press('Tab'); // sex: first radio
  await page.keyboard.press('Space');
  await expect(page.locator('#q-sex-male')).toBeChecked();
  await page.keyboard.press('Tab'); // hukou
  await page.keyboard.press('Space');
  await expect(page.locator('#q-hukou-urban')).toBeChecked();
  await page.keyboard.press('Tab'); // residence
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab'); // pension scheme
  await page.keyboard.press('Space');
  await expect(page.locator('#q-pension_scheme-resident')).toBeChecked();
  await expect(page.locator('article.card[data-id="basic-pension"] .figure')).toHaveText('¥118.00 元/月');
});

test('result changes are announced through a live region', async ({ page }) => {
  await page.goto('/');
  const live = page.locator('.totals[aria-live="polite"]');
  await expect(live).toHaveAttribute('role', 'status');
  await page.fill('#q-age', '66');
  await page.check('#q-pension_scheme-resident');
  await expect(live).toContainText('¥118.00');
});
