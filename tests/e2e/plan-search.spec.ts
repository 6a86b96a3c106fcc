import { test, expect, Page } from '@playwright/test';

// The whole plan's search, as residents word it: everyday words find the
// plan's terms, any word of several is enough, ages find their age limits,
// and the count says how many items are listed.

async function openPlan(page: Page) {
  await page.goto('/');
  await expect(page.locator('#q-age')).toBeVisible();
  await page.getByRole('tab', { name: '全部实事' }).click();
  await expect(page.locator('article.item').first()).toBeVisible();
}

const items = (page: Page) => page.locator('article.item');
const numbers = (page: Page) => items(page).evaluateAll((as) => as.map((a) => a.getAttribute('data-number')));

test('the count is the number of items listed', async ({ page }) => {
  await openPlan(page);
  await expect(items(page)).toHaveCount(51);
  await expect(page.locator('.plan .count')).toHaveText('共 51 项');
  expect((await numbers(page)).filter((n) => /^\d+$/.test(n!))).toHaveLength(51);
  // Document 5's two programmes are a place of their own, counted as such.
  await page.selectOption('#jurisdiction', 'jiaoqu');
  await expect(items(page)).toHaveCount(2);
  await expect(page.locator('.plan .count')).toHaveText('共 2 项');
  await page.selectOption('#jurisdiction', 'province');
  await expect(items(page)).toHaveCount(51);
  await expect(page.locator('.plan .count')).toHaveText('共 51 项');
});

test('老人 finds the resident pension (item 8) and the old-age items', async ({ page }) => {
  await openPlan(page);
  await page.fill('#plan-search', '老人');
  await expect(page.locator('article.item[data-number="8"]')).toBeVisible();
  const found = await items(page).count();
  expect(found).toBeGreaterThan(1);
  expect(found).toBeLessThan(53);
  await expect(page.locator('.plan .count')).toHaveText(`找到 ${found} 项（共 51 项）`);
});

test('看病, 房子 and 80岁 find what the plan calls them', async ({ page }) => {
  await openPlan(page);
  for (const [query, must] of [['看病', /医|卫生/], ['房子', /房|住宅/]] as const) {
    await page.fill('#plan-search', query);
    const n = await items(page).count();
    expect(n, query).toBeGreaterThan(0);
    expect(n, query).toBeLessThan(53);
    for (const text of await items(page).allInnerTexts()) expect(text, query).toMatch(must);
  }
  // 80岁: the items whose age limits include 80, the pension's "80周岁以上" first among them.
  await page.fill('#plan-search', '80岁');
  await expect(page.locator('article.item[data-number="8"]')).toBeVisible();
  const n = await items(page).count();
  await expect(page.locator('.plan .count')).toHaveText(`找到 ${n} 项（共 51 项）`);
});

test('"残疾 儿童" finds items with either word', async ({ page }) => {
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
  await expect(page.locator('.plan .count')).toHaveText(`找到 ${both.length} 项（共 51 项）`);
});
