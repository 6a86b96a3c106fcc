// scripts/post-build.mjs on a miniature Trunk staging directory
// (tests/node/fixture): what it must produce, that a second run changes
// nothing, and that it fails the build, loudly, where it cannot do its job.
// Run with: node --test tests/node/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { GLUE, IMPORTS, WASM, postBuild, stage, tree } from './fixture.mjs';

const read = (dir, path) => readFileSync(join(dir, path), 'utf8');

/** Loads the built glue and wasm as Trunk's loader does; returns the calls the wasm made through the glue. */
async function start(dir) {
  globalThis.fixtureCalls = [];
  const glue = await import(pathToFileURL(join(dir, GLUE)).href);
  await glue.default({ module_or_path: readFileSync(join(dir, WASM)) });
  return globalThis.fixtureCalls;
}

function built(options) {
  const dir = stage(options);
  const run = postBuild(dir);
  assert.ok(run.ok, `post-build failed:\n${run.stderr}`);
  return dir;
}

function refused(options) {
  const run = postBuild(stage(options));
  assert.ok(!run.ok, 'post-build should have failed the build');
  return run.stderr;
}

test('builds the fixture: scripts out, policy in, snippets folded, short names that still link', async () => {
  const dir = built();
  const files = tree(dir);
  const html = read(dir, 'index.html');

  assert.match(html, /<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval';[^"]*">/);
  const loader = /<script type="module" src="\/(inline-[0-9a-f]{16}\.js)"><\/script>/.exec(html)?.[1];
  assert.ok(loader, 'the loader is an external script');
  assert.match(read(dir, loader), /TrunkApplicationStarted/);
  assert.doesNotMatch(html, /<script\b[^>]*>[^<]/, 'no inline script left');
  assert.doesNotMatch(html, /integrity/);
  assert.doesNotMatch(html, /snippets/);
  assert.match(html, /<p title="a > b">/, 'the rest of the page is untouched');

  assert.deepEqual([...files.keys()].filter((f) => f.startsWith('snippets/')), []);
  const glue = read(dir, GLUE);
  assert.doesNotMatch(glue, /from\s*['"]\.\/snippets|initSync/);
  for (const name of IMPORTS) assert.ok(!glue.includes(name), `${name} is shortened in the glue`);

  const wasm = readFileSync(join(dir, WASM));
  assert.ok(WebAssembly.validate(wasm));
  const module = new WebAssembly.Module(wasm);
  assert.deepEqual(WebAssembly.Module.imports(module).map((i) => `${i.module}.${i.name}`), ['wbg.$0', 'wbg.$1']);
  assert.deepEqual(WebAssembly.Module.exports(module).map((e) => e.name), ['memory', '$2']);
  assert.deepEqual(await start(dir), [['greet', 7], ['shout', 9]]);

  assert.match(read(dir, 'sw.js'), /^"use strict";const CACHE ?= ?"minsheng\|town@2024\.9\|[0-9a-f]{16}"/, 'a strict-mode classic script');
  assert.equal(read(dir, 'plan.css'), 'table{border-collapse: collapse}caption::before{content: "表 "}');
});

test('a second run changes nothing', () => {
  const dir = built();
  const first = tree(dir);
  assert.ok(postBuild(dir).ok);
  assert.deepEqual(tree(dir), first);
});

const addToBody = (markup) => ({ 'index.html': (html) => html.replace('<body>', `<body>${markup}`) });

test('the policy check reads whole tags: a `>` inside a value hides nothing', () => {
  assert.match(refused({ edit: addToBody('<p title="x>y" onclick="alert(1)">x</p>') }), /inline event handler/);
  assert.match(refused({ edit: addToBody("<a title='->' href=\"javascript:alert(1)\">x</a>") }), /javascript: URL/);
  assert.match(refused({ edit: addToBody('<a href="jav&#x61;script&colon;alert(1)">x</a>') }), /javascript: URL/);
  assert.match(refused({ edit: addToBody('<img alt=">" src="data:image/png;base64,AAAA">') }), /data: URL/);
  assert.match(refused({ edit: addToBody('<div data-x=">"><style>p{}</style></div>') }), /inline <style>/);
  assert.match(refused({ edit: addToBody('<b\nstyle="color:red">x</b>') }), /style="" attribute/);
});

test('the policy check reads no tags in comments or in a script’s text', () => {
  built({ edit: addToBody('<!-- <p onclick="alert(1)"> --><script type="application/json">{"a":"<b style=x>"}</script>') });
});

test('a snippet import the hook does not recognise fails the build', () => {
  const oneLine = (glue) => glue.replace(/^import (.*)\n\nlet wasm;/m, 'let wasm; import $1');
  assert.match(refused({ edit: { [GLUE]: oneLine } }), /snippets/);
  const commented = (glue) => glue.replace(/^(import .*;)$/m, '$1 // the page’s calls');
  assert.match(refused({ edit: { [GLUE]: commented } }), /snippets/);
});

test('a name imported from a snippet that it does not export fails the build', () => {
  const more = (glue) => glue.replace('shout as loud }', 'shout as loud, whisper }');
  assert.match(refused({ edit: { [GLUE]: more } }), /whisper/);
});

test('an initSync export the hook cannot remove fails the build', () => {
  const swapped = (glue) => glue.replace('export { initSync, __wbg_init as default };', 'export { __wbg_init as default, initSync };');
  assert.match(refused({ edit: { [GLUE]: swapped } }), /initSync/);
});

test('short names never collide with names already in the wasm or the glue', async () => {
  // The wasm already exports a `$2` the glue never uses: a new `$2` would make two exports of one name.
  const dir = built({ wasm: { extraExports: ['$2'] } });
  const wasm = readFileSync(join(dir, WASM));
  assert.ok(WebAssembly.validate(wasm), 'the wasm is still valid (export names are unique)');
  const exports = WebAssembly.Module.exports(new WebAssembly.Module(wasm)).map((e) => e.name);
  assert.equal(new Set(exports).size, exports.length, `unique exports: ${exports}`);
  assert.ok(exports.includes('$2'));
  assert.deepEqual(await start(dir), [['greet', 7], ['shout', 9]]);

  // `$1` in a string of the glue: no new name may be `$1`.
  const other = built({ edit: { [GLUE]: (glue) => glue.replace('let wasm;', "let wasm; globalThis.fixtureDollar = '$1';") } });
  const names = WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(join(other, WASM)))).map((i) => i.name);
  assert.ok(!names.includes('$1'), `new names avoid $1: ${names}`);
  assert.deepEqual(await start(other), [['greet', 7], ['shout', 9]]);
});

test('a wasm name the glue never mentions fails the build', () => {
  assert.match(refused({ wasm: { imports: [...IMPORTS, '__wbg_gone_0000000000000000'] } }), /__wbg_gone_0000000000000000/);
});
