// The prerender's page surgery (scripts/post-build/prerender.mjs), without a
// browser: where the widget's first screen goes and what stays. The capture
// itself runs in Chromium on the real build: tests/e2e/first-paint.spec.ts.
// Run with: node --test tests/node/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHOWN_ATTRIBUTES, insertPrerender, wantsPrerender } from '../../scripts/post-build/prerender.mjs';
import { ROOT, postBuild, stage } from './fixture.mjs';

const PAGE = '<body><div id=minsheng-widget data-prerender><div class=ms-app><h1>shell</h1></div><noscript><p>no JS</p></noscript></div></body>';

test('the first screen takes the place of the shell; the <noscript> message stays', () => {
  const html = insertPrerender(PAGE, '<div class=ms-app inert><h1>widget</h1></div>');
  assert.equal(html, '<body><div id=minsheng-widget data-prerender><div class=ms-app inert><h1>widget</h1></div><noscript><p>no JS</p></noscript></div></body>');
  assert.ok(wantsPrerender(html), 'the page still asks for it: a second build replaces it');
  assert.equal(insertPrerender(html, '<p>again</p>'), PAGE.replace('<div class=ms-app><h1>shell</h1></div>', '<p>again</p>'));
});

test('only a mount element marked data-prerender asks for it, and it must keep its <noscript>', () => {
  assert.ok(!wantsPrerender(PAGE.replace(' data-prerender', '')));
  assert.ok(!wantsPrerender('<p title="<div id=minsheng-widget data-prerender>"></p>'), 'a tag inside a value is no tag');
  assert.throws(() => insertPrerender(PAGE.replace(/<noscript>.*<\/noscript>/, ''), '<p>x</p>'), /must end with its <noscript>/);
  assert.throws(() => insertPrerender('<body></body>', '<p>x</p>'), /no element with id="minsheng-widget"/);
});

test('the copy keeps the attributes that change how it looks, and no others', () => {
  for (const name of ['class', 'lang', 'href', 'hidden', 'open', 'data-deciding', 'data-layout', 'aria-pressed', 'aria-selected']) {
    assert.match(name, SHOWN_ATTRIBUTES, name);
  }
  for (const name of ['id', 'for', 'name', 'value', 'role', 'tabindex', 'aria-describedby', 'aria-label', 'inputmode', 'style', 'onclick']) {
    assert.doesNotMatch(name, SHOWN_ATTRIBUTES, name);
  }
});

test('the widget\'s own index.html asks for it; the hook leaves a page that does not alone', () => {
  assert.ok(wantsPrerender(readFileSync(join(ROOT, 'index.html'), 'utf8')));
  const dir = stage();
  assert.ok(postBuild(dir).ok);
  assert.doesNotMatch(readFileSync(join(dir, 'index.html'), 'utf8'), /inert/);
});
