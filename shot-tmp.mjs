import { chromium } from '@playwright/test';
const [,, url, out, w='360', h='740', full='1'] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu','--disable-quic','--no-first-run','--disable-background-networking','--disable-component-update','--disable-sync'] });
const page = await browser.newPage({ viewport: { width: +w, height: +h } });
page.on('console', m => console.log('console', m.type(), m.text()));
page.on('pageerror', e => console.log('pageerror', String(e)));
await page.goto(url);
await page.waitForTimeout(800);
if (process.env.ACTIONS) { for (const a of JSON.parse(process.env.ACTIONS)) { if (a[0]==='fill') await page.fill(a[1], a[2]); else if (a[0]==='check') await page.check(a[1]); else if (a[0]==='click') await page.click(a[1]); else if (a[0]==='print') await page.emulateMedia({media:'print'}); } await page.waitForTimeout(300); }
const sw = await page.evaluate(() => document.documentElement.scrollWidth);
console.log('scrollWidth', sw, 'url', page.url());
await page.screenshot({ path: out, fullPage: full === '1' });
await browser.close();
