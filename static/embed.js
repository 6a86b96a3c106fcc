/*
 * 民生实事 · 福利自查 — one-line embed for portals.
 *
 *   <script src="https://widget.example.gov.cn/embed.js"
 *           data-jurisdiction="province" data-lang="en"
 *           data-theme-color="#005bac" data-title="民生实事福利自查"></script>
 *
 * Inserts an <iframe> with the widget (index.html beside this file) right
 * after the script tag, or into the element whose id is data-target, and
 * fits the frame's height to the widget's content. The widget chooses only
 * from the data attributes; this script reads nothing else of the host
 * page, sets no cookies and defines no globals. Include it once per widget.
 */
(function () {
  'use strict';

  // The widget's own tag. Null for module scripts and inside eval: then
  // there is no way to know where the widget lives, so do nothing.
  const script = document.currentScript;
  if (!script || !script.src) return;

  // px; a bound on whatever a message claims. Not lower: before any answer
  // every benefit "may apply", over 24000 px of cards at phone width.
  const MAX_HEIGHT = 100000;
  const widget = new URL('index.html', script.src);
  const origin = widget.origin;
  const data = script.dataset;

  // The host's choices, URL-encoded by URLSearchParams. The widget checks
  // them again (unknown values are ignored there, never fatal).
  const query = new URLSearchParams({ embed: '1' });
  if (data.jurisdiction) query.set('j', data.jurisdiction);
  if (data.lang) query.set('lang', data.lang);
  if (data.themeColor) query.set('accent', data.themeColor.replace(/^#/, ''));
  widget.search = query.toString();
  widget.hash = '';

  const iframe = document.createElement('iframe');
  iframe.src = widget.href;
  // The frame's accessible name: screen readers announce it on entering.
  iframe.title = data.title || '民生实事福利自查 Livelihood benefits self-check';
  iframe.setAttribute('allow', 'clipboard-write');
  // Styles through the CSSOM, which a host's strict CSP still allows.
  iframe.style.display = 'block';
  iframe.style.width = '100%';
  iframe.style.border = '0';
  iframe.style.height = '600px'; // until the widget reports its own

  // Only the widget in this very frame may resize it: several widgets on a
  // page each listen, and each ignores the others' and any other sender.
  window.addEventListener('message', (event) => {
    if (event.source !== iframe.contentWindow || event.origin !== origin) return;
    const message = event.data;
    if (!message || message.type !== 'minsheng:height') return;
    const height = message.height;
    if (typeof height !== 'number' || !isFinite(height) || height <= 0) return;
    iframe.style.height = Math.min(Math.ceil(height), MAX_HEIGHT) + 'px';
  });

  function place() {
    const target = data.target ? document.getElementById(data.target) : null;
    if (target) {
      target.appendChild(iframe);
    } else if (inHead) {
      document.body.appendChild(iframe); // nothing in <head> is displayed
    } else if (script.parentNode) {
      script.parentNode.insertBefore(iframe, script.nextSibling);
    }
  }

  // A target further down the page, or the body for a script in <head>,
  // does not exist yet while the parser runs this script: wait for it.
  const inHead = script.parentNode === document.head;
  const missing = data.target ? !document.getElementById(data.target) : inHead && !document.body;
  if (missing && document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', place, { once: true });
  } else {
    place();
  }
})();
