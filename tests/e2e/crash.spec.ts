import { test, expect } from '@playwright/test';

// Should the widget ever panic, the resident sees a friendly message with a
// way back, not a dead page. A panic is forced from outside: once the form is
// drawn, the browser is made to refuse new elements, which yew treats as
// impossible and panics on.

test('a panic shows a friendly message that keeps the answers in the link', async ({ page }) => {
  await page.goto('/#v=1&j=xx-district&age=66');
  await expect(page.locator('#q-age')).toHaveValue('66');
  await page.evaluate(() => {
    const refuse = () => {
      throw new Error('element creation refused by the test');
    };
    Node.prototype.cloneNode = refuse;
    Document.prototype.createElement = refuse;
  });
  // Ticking "disability" draws its follow-up questions: new elements.
  // (Clicked from the page: the box is gone once the message replaces the form.)
  await page.evaluate(() => document.getElementById('q-situations-disability')?.click());
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('抱歉，页面出错了');
  await expect(alert).toContainText('Sorry, something went wrong');
  await expect(alert.getByRole('link', { name: '刷新页面' })).toBeVisible();
  // The answers are still in the link, so reloading brings them back.
  await expect.poll(() => page.url()).toContain('age=66');
});
