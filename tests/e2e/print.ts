import { Page } from '@playwright/test';

/**
 * What a browser does when the resident prints (the print button or the
 * browser's menu): `beforeprint`, on which the widget draws its printed
 * summary, then the print media. Emulating the media alone would not fire
 * the event.
 */
export async function beforePrint(page: Page) {
  await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
  await page.emulateMedia({ media: 'print' });
}
