// examples/portal.js loads embed.js from the address in `?widget=`: only the
// portal's own origin or this machine may be loaded from, never any other site.
// Run with: node --test tests/node/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';

const SOURCE = readFileSync(new URL('../../examples/portal.js', import.meta.url), 'utf8');
const PORTAL = 'http://127.0.0.1:8081/portal.html';

/** Runs portal.js on a page at `pageUrl`; returns what it put into #self-check. */
function runPortal(pageUrl) {
  const added = [];
  const slot = { appendChild: (el) => added.push(el) };
  const document = {
    createElement: (tag) => ({ tagName: tag.toUpperCase(), dataset: {}, textContent: '', src: '' }),
    getElementById: (id) => (id === 'self-check' ? slot : null),
  };
  runInNewContext(SOURCE, { location: new URL(pageUrl), document, URL, URLSearchParams });
  return added;
}

function scriptsLoaded(widget) {
  const page = widget === undefined ? PORTAL : `${PORTAL}?${new URLSearchParams({ widget })}`;
  return runPortal(page)
    .filter((el) => el.tagName === 'SCRIPT')
    .map((el) => el.src);
}

test('loads embed.js from this machine, as scripts/run.sh and the e2e tests serve it', () => {
  assert.deepEqual(scriptsLoaded(undefined), ['http://127.0.0.1:8080/embed.js']);
  assert.deepEqual(scriptsLoaded('http://127.0.0.1:4173/'), ['http://127.0.0.1:4173/embed.js']);
  assert.deepEqual(scriptsLoaded('http://localhost:9000/widget/'), ['http://localhost:9000/widget/embed.js']);
});

test('loads embed.js from the portal’s own origin, relative addresses included', () => {
  assert.deepEqual(scriptsLoaded('/widget/'), ['http://127.0.0.1:8081/widget/embed.js']);
  assert.deepEqual(scriptsLoaded('http://127.0.0.1:8081/w/'), ['http://127.0.0.1:8081/w/embed.js']);
});

test('refuses any other address, and says so on the page', () => {
  for (const widget of [
    'https://evil.example/',
    '//evil.example/',
    'http://127.0.0.1.evil.example/',
    'http://localhost@evil.example/',
    'http://user:pw@127.0.0.1:8080/',
    'javascript:alert(1)//',
    'data:text/javascript,alert(1)//',
    'http://[::ffff:7f00:1].evil.example/',
  ]) {
    const page = `${PORTAL}?${new URLSearchParams({ widget })}`;
    const added = runPortal(page);
    assert.deepEqual(added.filter((el) => el.tagName === 'SCRIPT').map((el) => el.src), [], widget);
    assert.match(added.map((el) => el.textContent).join(' '), /not allowed/, widget);
  }
});
