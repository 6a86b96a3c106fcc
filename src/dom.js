// The browser calls the widget makes beyond rendering (src/dom.rs says why
// they live here). Every function tolerates a missing or refusing API (old
// phone browsers, sandboxed frames, private browsing) by doing nothing: none
// may throw into the wasm. The post-build hook folds this module into the
// wasm-bindgen glue, so it costs no request of its own.

const root = () => document.documentElement;

// What a resident sees instead of a dead page if the widget ever stops: a
// panic stops the wasm at once (scripts/bin/trunk), and whatever the wasm
// was doing ends in an uncaught error. Nothing else runs in this page (its
// Content-Security-Policy allows only its own scripts), and an error event
// without an error object (a ResizeObserver loop) is no crash.
addEventListener('error', (e) => {
  if (!e.error) return;
  writeFragment(); // the last answers, so the reload brings them back
  const mount = document.getElementById('minsheng-widget') || document.body;
  mount.innerHTML = '<div class="ms-app broken" role="alert">' +
    '<p>抱歉，页面出错了。您的回答保存在链接中，请<a href="">刷新页面</a>后继续。</p>' +
    '<p lang="en">Sorry, something went wrong. Your answers are kept in the link: <a href="">reload the page</a> to continue.</p></div>';
});

// Runs `f` in a later task of the event loop, `ms` milliseconds from now.
export function nextTask(f, ms) {
  setTimeout(f, ms);
}

// Today on the device as yyyymmdd.
export function todayNumber() {
  const d = new Date();
  return d.getFullYear() * 10000 + (d.getMonth() + 1) * 100 + d.getDate();
}

export function fragment() {
  return location.hash;
}

// Writes the answers into the fragment without a history entry per
// keystroke and without a request (the fragment is never sent). Once the
// answers have stopped changing for FRAGMENT_DELAY ms: history.replaceState
// is the costliest call of a keystroke (README, "Performance"), and written
// while the resident types it would hold up the next keystroke.
// Whatever reads the address first writes what is pending (pageUrl, and the
// page being left or hidden), so a copied link or a reload never misses an
// answer.
// One timer per pause, not one per keystroke: setting a timer is itself a
// cost on every keystroke, so a change only notes its time, and the timer
// waits again for what is left of the delay.
const FRAGMENT_DELAY = 600;
let pendingFragment = null;
let fragmentTimer = 0;
let lastChange = 0;

export function replaceFragment(f) {
  if (f === pendingFragment) return;
  pendingFragment = f;
  lastChange = performance.now();
  if (!fragmentTimer) fragmentTimer = setTimeout(writeWhenQuiet, FRAGMENT_DELAY);
}

function writeWhenQuiet() {
  const left = lastChange + FRAGMENT_DELAY - performance.now();
  if (left > 0) fragmentTimer = setTimeout(writeWhenQuiet, left);
  else writeFragment();
}

function writeFragment() {
  clearTimeout(fragmentTimer);
  fragmentTimer = 0;
  const f = pendingFragment;
  pendingFragment = null;
  try {
    if (f !== null && location.hash.replace(/^#/, '') !== f) history.replaceState(null, '', '#' + f);
  } catch (e) {}
}

addEventListener('pagehide', writeFragment);
addEventListener('visibilitychange', writeFragment);

// Calls `f` with the new fragment when it changes under the widget (a pasted
// link, the back button).
export function onFragmentChange(f) {
  addEventListener('hashchange', () => f(location.hash));
}

// The page's address with the answers: the query (a portal's embedding
// options) is left out, so a shared link opens the widget on its own.
export function pageUrl() {
  writeFragment();
  return baseUrl() + location.hash;
}

// The page's address without its query (a portal's embedding options) or
// fragment: a share link is this and the answers.
export function baseUrl() {
  return location.origin + location.pathname;
}

// Puts text on the clipboard, then calls done(true) once the browser has
// accepted it, or done(false) where there is no clipboard API or the write
// is refused (no permission; a portal's frame without clipboard-write).
// The widget says "copied" only after done(true).
export function copyText(text, done) {
  try {
    navigator.clipboard.writeText(text).then(() => done(true), () => done(false));
  } catch (e) {
    done(false);
  }
}

// Focuses a text box and selects all its text, ready to copy by hand.
export function selectText(id) {
  const el = document.getElementById(id);
  if (el) {
    el.focus();
    el.select();
  }
}

export function printPage() {
  try {
    print();
  } catch (e) {}
}

// Calls f(true) before the page is printed (the print button or the
// browser's own menu) and f(false) after: the widget draws its printed
// summary only then.
export function onPrint(f) {
  addEventListener('beforeprint', () => f(true));
  addEventListener('afterprint', () => f(false));
}

// Scrolls an element into view without touching the fragment.
export function scrollToId(id) {
  const el = document.getElementById(id);
  if (el) el.scrollIntoView();
}

// The question an "answer X" link in the results points to, if the click was
// on one (<a class="ask-link" data-q="age">).
export function askLinkQuestion(event) {
  const link = event.target instanceof Element ? event.target.closest('a.ask-link') : null;
  return link ? link.getAttribute('data-q') : undefined;
}

// Scrolls to a question and focuses its first control, unfolding the
// situations picker of care mode if the control is inside it.
export function focusQuestion(id) {
  const el = document.getElementById('q-' + id);
  if (!el) return;
  const picker = el.querySelector('details');
  if (picker) picker.open = true;
  el.scrollIntoView();
  const input = el.tagName === 'INPUT' ? el : el.querySelector('input');
  if (input) input.focus();
}

let barTracked = false;
let barQueued = false;

// Points the result bar's arrow at the results: up (data-up) once they start
// above the screen, down otherwise. Called after every render, which may
// move the results; follows scrolling and resizing by itself. Reads the
// layout in the next animation frame, where the browser lays the page out
// anyway: read at once, it would lay out the whole page again inside every
// keystroke's task.
export function trackResultBar() {
  if (!barQueued) {
    barQueued = true;
    requestAnimationFrame(() => {
      barQueued = false;
      const bar = document.querySelector('.result-bar');
      const results = document.getElementById('results');
      if (bar && results) bar.toggleAttribute('data-up', results.getBoundingClientRect().top < 0);
    });
  }
  if (barTracked) return;
  barTracked = true;
  addEventListener('scroll', trackResultBar, { passive: true });
  addEventListener('resize', trackResultBar, { passive: true });
}

// <html lang> and the title follow the language, so screen readers
// pronounce the page right. Written only when they change: a title written
// anew is a DOM change on every keystroke.
export function setPageLanguage(lang, title) {
  if (root().lang !== lang) root().lang = lang;
  if (document.title !== title) document.title = title;
}

export function query() {
  return location.search;
}

// Through the CSSOM, which a strict Content-Security-Policy allows.
export function setRootStyle(name, value) {
  root().style.setProperty(name, value);
}

export function setRootClass(name, on) {
  root().classList.toggle(name, on);
}

// Preferences remembered on this device only.
export function loadPreference(key) {
  try {
    return localStorage.getItem(key) ?? undefined;
  } catch (e) {}
}

// Called after every render: storage is read only when the value differs
// from the one last saved here, not on every keystroke.
const saved = {};
export function savePreference(key, value) {
  if (saved[key] === value) return;
  saved[key] = value;
  try {
    if (localStorage.getItem(key) !== value) localStorage.setItem(key, value);
  } catch (e) {}
}

// Tells the embedding page the content's height (static/embed.js fits the
// frame to it). The root's own height: scrollHeight never drops below the
// frame's, so a frame could grow but never shrink back. The height says
// nothing about the answers, so any parent may read it.
export function postHeight() {
  try {
    parent.postMessage({ type: 'minsheng:height', height: Math.ceil(root().getBoundingClientRect().height) }, '*');
  } catch (e) {}
}

let observer;

// Reports the height now and whenever the content changes size without a
// render (an opened <details>, fonts arriving, a narrower frame).
export function reportHeightToParent() {
  postHeight();
  if (observer || typeof ResizeObserver !== 'function' || !document.body) return;
  observer = new ResizeObserver(postHeight);
  observer.observe(document.body);
}
