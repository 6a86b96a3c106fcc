import { test, expect, Page } from '@playwright/test';

// The whole plan (plan.html, generated from the rules) and its search, as
// residents word it: everyday words find the plan's terms, any word of
// several is enough, ages find their age limits, and each place's count
// says how many of its items are listed.

const district = (page: Page) => page.locator('section#xx-district');
const items = (page: Page) => district(page).locator('article.item:visible');
const item = (page: Page, n: string) => district(page).locator('article.item', { has: page.locator(`h4 .number:text-is("${n}.")`) });
const numbers = (page: Page) =>
  items(page).evaluateAll((as) => as.map((a) => a.querySelector('.number')!.textContent!.replace(/\.$/, '')));
const count = (page: Page) => district(page).locator('.count');

async function openPlan(page: Page) {
  await page.goto('/');
  await expect(page.locator('#q-age')).toBeVisible();
  await page.getByRole('link', { name: '查看全部实事（方案原文）' }).click();
  await expect(page).toHaveURL(/\/plan\.html#xx-district$/);
  await expect(page.locator('#plan-search')).toBeVisible();
}

test('the widget links its place in the whole plan; the count is the number of items listed', async ({ page }) => {
  await openPlan(page);
  await expect(items(page)).toHaveCount(51);
  await expect(count(page)).toHaveText('共 51 项');
  await expect(district(page).locator('section.area h3')).toHaveCount(8);
  await expect(item(page, '40')).toContainText('推进城区消防设施改造');
  // Each benefit with the plan's own sentence.
  await expect(item(page, '8').locator('.benefits q').first()).toContainText('将60周岁以上的参保人员最低基础养老金提高5元');
  // Document 5's two programmes are a place of their own, counted as such.
  await expect(page.locator('section#jiaoqu .count')).toHaveText('共 2 项');
  await expect(page.locator('section#province .count')).toHaveText('共 51 项');
});

test('老人 finds the resident pension (item 8) and the old-age items', async ({ page }) => {
  await openPlan(page);
  await page.fill('#plan-search', '老人');
  await expect(item(page, '8')).toBeVisible();
  const found = await items(page).count();
  expect(found).toBeGreaterThan(1);
  expect(found).toBeLessThan(51);
  await expect(count(page)).toHaveText(`找到 ${found} 项（共 51 项）`);
});

test('看病, 房子 and 80岁 find what the plan calls them', async ({ page }) => {
  await openPlan(page);
  for (const [query, must] of [['看病', /医|卫生/], ['房子', /房|住宅/]] as const) {
    await page.fill('#plan-search', query);
    const n = await items(page).count();
    expect(n, query).toBeGreaterThan(0);
    expect(n, query).toBeLessThan(51);
    for (const text of await items(page).allInnerTexts()) expect(text, query).toMatch(must);
  }
  // 80岁: the items whose age limits include 80, the pension's "80周岁以上" among them.
  await page.fill('#plan-search', '80岁');
  await expect(item(page, '8')).toBeVisible();
  const n = await items(page).count();
  await expect(count(page)).toHaveText(`找到 ${n} 项（共 51 项）`);
});

test('"残疾 儿童" finds items with either word; an emptied search shows all again', async ({ page }) => {
  await openPlan(page);
  await page.fill('#plan-search', '残疾');
  const disability = await numbers(page);
  await page.fill('#plan-search', '儿童');
  const children = await numbers(page);
  expect(disability.length).toBeGreaterThan(0);
  expect(children.length).toBeGreaterThan(0);
  await page.fill('#plan-search', '残疾 儿童');
  const both = await numbers(page);
  expect(new Set(both)).toEqual(new Set([...disability, ...children]));
  await expect(count(page)).toHaveText(`找到 ${both.length} 项（共 51 项）`);
  await page.fill('#plan-search', '低保');
  await expect(items(page)).toHaveCount(1);
  await expect(item(page, '12')).toBeVisible();
  await page.fill('#plan-search', '');
  await expect(items(page)).toHaveCount(51);
});

test('in English the link says the plan is in Chinese', async ({ page }) => {
  await page.goto('/#v=1&j=province&lang=en');
  const link = page.getByRole('link', { name: 'The whole plan (in Chinese)' });
  await expect(link).toHaveAttribute('href', 'plan.html#province');
});
