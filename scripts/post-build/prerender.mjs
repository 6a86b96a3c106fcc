// Job 5, the first screen before the wasm. A page whose mount element says
// `data-prerender` gets the widget's own first render in place of its
// static shell: the title and the first questions paint with the HTML and
// the CSS, so the largest paint does not wait for the wasm.
//
// The page is opened in Chromium (Debian's, as the browser tests use it),
// served from the staging directory, at phone size (FOLD). What the wasm
// draws first is serialised as it is drawn, then cut after the last
// element that shows on that first screen: whatever starts below it is left
// to the wasm, which renders it below, where nothing above moves. Elements
// that show on the screen anyway (the result bar fixed to its bottom) stay.
//
// The copy is `inert` (nothing to type into before the wasm can hear it)
// and carries a thin loading bar; the wasm's mount replaces all of it in one
// task with the same markup, so nothing flashes or shifts. The mount
// element's <noscript> stays as written. What the copy cannot know: a
// portal's choices (?embed, ?lang, ?j, ?accent), answers in a shared link,
// care mode remembered on the device, a wider screen. Those pages change
// when the wasm starts, as they did before.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { attr, splice, startTags } from './html.mjs';
import { fail } from './util.mjs';

/** The first screen: a small phone, as the widget is designed for. */
export const FOLD = { width: 360, height: 640 };
export const MOUNT_ID = 'minsheng-widget';
/** Marks the copy (the wasm's own render has no such attribute) and shows that it is still loading. */
const LOADING_BAR = '<div class=bar></div>';
/**
 * The attributes the copy keeps: those that change how it looks (styles/main.css
 * selects on `data-` attributes and on ARIA states that are "true"; `lang`
 * picks glyphs and line breaks; `href` makes an `<a>` a link, underlined;
 * an input's `type` is kept too).
 * Names, ids, labels' targets and what only speaks to assistive technology
 * are left out: the copy is inert, and every byte of it is downloaded.
 */
export const SHOWN_ATTRIBUTES = /^(class|lang|href|hidden|open|aria-pressed|aria-selected|data-[\w-]+)$/;
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
// Quiet Chromium on a closed network (as playwright.config.ts).
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const TIMEOUT_MS = 30_000;

/** The mount element's start tag if the page asks to be prerendered, else undefined. */
function mountTag(html) {
  const tags = startTags(html);
  const i = tags.findIndex((t) => attr(t, 'id') === MOUNT_ID && attr(t, 'data-prerender') !== undefined);
  if (i < 0) return undefined;
  return { mount: tags[i], noscript: tags.slice(i + 1).find((t) => t.name === 'noscript') };
}

export const wantsPrerender = (html) => mountTag(html) !== undefined;

// Waits until the first paint is on the screen: at most 1 s, where
// nothing paints (a hidden tab, a frame out of sight) or paint timing is
// missing. Shorter, a busy phone's first paint could come after it, and the
// wasm would replace the first screen before it was ever shown.
const FIRST_PAINT = `await new Promise((go) => {
  setTimeout(go, 1000);
  try {
    new PerformanceObserver(go).observe({ type: 'paint', buffered: true });
  } catch (e) {}
});
`;
const TRUNK_START = /^([ \t]*const\s+wasm\s*=\s*await\s+init\s*\()/m;

/**
 * Trunk's loader fetches the wasm only once the first screen is shown, and
 * the wasm is not preloaded. The wasm then cannot replace the first screen
 * before the browser has shown it (a paint replaced that early does not
 * count, and the largest paint would wait for the wasm), and it does not
 * take the bandwidth the first screen's stylesheet needs. It costs the
 * wasm's start the time from the page's arrival to its first paint. A page
 * whose loader is already rewritten (or moved out by the CSP job) is left
 * as it is.
 */
export function startAfterFirstPaint(html) {
  const changes = [];
  for (const tag of startTags(html)) {
    const href = attr(tag, 'href');
    if (tag.name === 'link' && attr(tag, 'rel') === 'preload' && href?.endsWith('.wasm')) changes.push([tag.start, tag.end, '']);
    if (tag.name !== 'script' || !tag.text) continue;
    const body = html.slice(tag.text.start, tag.text.end);
    if (!/\binit\s*\(/.test(body) || body.includes(FIRST_PAINT)) continue;
    if (!TRUNK_START.test(body)) fail("prerender: Trunk's loader no longer says `const wasm = await init(`; update scripts/post-build/prerender.mjs");
    changes.push([tag.text.start, tag.text.end, body.replace(TRUNK_START, `${FIRST_PAINT}$1`)]);
  }
  return splice(html, changes);
}

/**
 * The page with `markup` as the mount element's content, in place of
 * whatever stood before its <noscript> (the static shell, or an earlier
 * prerender: a second run replaces the first).
 */
export function insertPrerender(html, markup) {
  const found = mountTag(html);
  if (!found) fail(`prerender: no element with id="${MOUNT_ID}" and data-prerender`);
  if (!found.noscript) fail(`prerender: the element with id="${MOUNT_ID}" must end with its <noscript> message`);
  return html.slice(0, found.mount.end) + markup + html.slice(found.noscript.start);
}

// Runs in the page before its scripts: waits for the wasm's first render (a
// `.ms-app` in the mount element that is not the inert copy, with <main>
// drawn) and serialises it, cut at the fold, as compact HTML.
function pageScript({ mountId, fold, bar, keep }) {
  const shown = new RegExp(keep);
  const VOID = new Set(['area', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
  const text = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\u00a0/g, '&nbsp;');
  const value = (s) => (s !== '' && /^[^\s"'=<>`&]+$/.test(s) ? `=${s}` : s === '' ? '' : `="${s.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`);
  function attrs(el) {
    // An input's type changes how it looks; a button's does not.
    const out = [...el.attributes]
      .filter((a) => (shown.test(a.name) && (!a.name.startsWith('aria-') || a.value === 'true')) || (a.name === 'type' && el instanceof HTMLInputElement))
      .map((a) => ` ${a.name}${value(a.value)}`);
    // The state of controls, as it shows: a tick, a typed value.
    if (el instanceof HTMLInputElement) {
      if (el.type === 'checkbox' || el.type === 'radio') {
        if (el.checked) out.push(' checked');
      } else if (el.value !== '') out.push(` value${value(el.value)}`);
    }
    return out.join('');
  }
  function capture(app) {
    let cut = false;
    const shows = (r) => (r.width > 0 || r.height > 0) && r.top < fold.height && r.bottom > 0;
    // A closed drop-down shows its chosen option only (styles/main.css
    // sizes it to the page, not to its widest option).
    const kids = (el) => (el instanceof HTMLSelectElement && !el.multiple && el.size <= 1 ? [...el.selectedOptions] : [...el.childNodes]);
    const element = (el, each) =>
      `<${el.localName}${attrs(el)}>` + (VOID.has(el.localName) ? '' : `${kids(el).map(each).join('')}</${el.localName}>`);
    const node = (n) => (n.nodeType === Node.TEXT_NODE ? text(n.data) : n.nodeType === Node.ELEMENT_NODE ? element(n, node) : '');
    const whole = (el) => element(el, node);
    // Keeps everything before the first laid-out element that starts below
    // the fold; after it, only what shows on the first screen anyway.
    function cutNode(n) {
      if (n.nodeType === Node.TEXT_NODE) return cut ? '' : text(n.data);
      if (n.nodeType !== Node.ELEMENT_NODE) return '';
      const r = n.getBoundingClientRect();
      if (!cut && (r.width > 0 || r.height > 0) && r.top >= fold.height) cut = true;
      if (cut) return shows(r) ? whole(n) : '';
      return element(n, cutNode);
    }
    const inner = [...app.childNodes].map(cutNode).join('');
    return `<${app.localName}${attrs(app)} inert>${inner}${bar}</${app.localName}>`;
  }
  const observer = new MutationObserver(() => {
    const app = document.querySelector(`#${mountId} > .ms-app:not([inert])`);
    if (!app || !app.querySelector('main')) return;
    observer.disconnect();
    window.__prerendered = capture(app);
  });
  observer.observe(document, { childList: true, subtree: true });
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.svg': 'image/svg+xml' };

/** Serves `dir` as the site at `publicUrl` on a free local port; resolves to { url, close }. */
async function serve(dir, publicUrl) {
  const server = createServer(async (req, res) => {
    let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (!path.startsWith(publicUrl)) return res.writeHead(404).end();
    path = path.slice(publicUrl.length) || 'index.html';
    if (path.endsWith('/')) path += 'index.html';
    const file = normalize(join(dir, path));
    if (!file.startsWith(dir + sep)) return res.writeHead(403).end();
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}${publicUrl}`, close: () => new Promise((r) => server.close(r)) };
}

/** The widget's first render of `page` (served from `staging`), cut at the fold. */
export async function capture({ staging, page, publicUrl }) {
  const { chromium } = await import('playwright-core').catch(() => fail('prerender: playwright-core is not installed (scripts/setup.sh)'));
  const site = await serve(staging, publicUrl);
  const browser = await chromium
    .launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
    .catch((e) => fail(`prerender: cannot start ${CHROMIUM} (scripts/setup.sh installs it): ${e.message.split('\n')[0]}`));
  try {
    const context = await browser.newContext({ viewport: FOLD, locale: 'zh-CN', serviceWorkers: 'block' });
    const tab = await context.newPage();
    const errors = [];
    tab.on('pageerror', (e) => errors.push(e.message));
    await tab.addInitScript(pageScript, { mountId: MOUNT_ID, fold: FOLD, bar: LOADING_BAR, keep: SHOWN_ATTRIBUTES.source });
    await tab.goto(site.url + page);
    const markup = await tab
      .waitForFunction(() => window.__prerendered, null, { timeout: TIMEOUT_MS })
      .then((handle) => handle.jsonValue())
      .catch(() => fail(`prerender: the widget drew nothing in ${TIMEOUT_MS / 1000} s${errors.length ? `: ${errors.join('; ')}` : ''}`));
    if (errors.length) fail(`prerender: the page failed: ${errors.join('; ')}`);
    return markup;
  } finally {
    await browser.close();
    await site.close();
  }
}
