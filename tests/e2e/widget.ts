import { Page, expect } from '@playwright/test';

/** Opens the widget (with answers in `fragment`) and waits for the live form. */
export async function open(page: Page, fragment = '') {
  await page.goto('/' + fragment);
  // The live form is the wasm's: the first screen's inert copy has no ids.
  await expect(page.locator('#q-age')).toBeVisible();
}

/** A result card, by the id of its benefit. */
export function card(page: Page, id: string) {
  return page.locator(`article.card[data-id="${id}"]`);
}
