#!/usr/bin/env node
// Trunk post_build hook (Trunk.toml [[hooks]]): runs in $TRUNK_STAGING_DIR
// before Trunk moves it to dist/. Four jobs, one module each in
// scripts/post-build/:
//
// 1. csp.mjs: a strict Content-Security-Policy. Inline scripts move to
//    content-hashed files, the policy's <meta> goes in, and the build fails
//    on anything the policy would block.
// 2. service-worker.mjs: offline. Writes sw.js, which precaches the build.
// 3. snippets.mjs: folds wasm-bindgen's snippet modules (src/dom.js) into
//    the glue, so they cost no request.
// 4. minify.mjs and bindings.mjs: weight. Minifies the JS and static CSS,
//    and gives the names that tie the glue to the wasm short ones.
// 5. prerender.mjs: the first screen before the wasm. A page whose mount
//    element says `data-prerender` gets the widget's own first render, cut
//    at a phone's first screen, drawn by Chromium from this directory. Runs
//    after the others (it needs the finished build) and before sw.js is
//    written (the worker's cache name hashes the final index.html). Such a
//    page's loader fetches the wasm once that first screen is shown.
//
// Every rewrite checks that it found what it rewrites, and fails the build
// otherwise. Idempotent: a second run over the same directory changes
// nothing. Tested on a fixture by tests/node/post-build.test.mjs.
//
// Usage outside Trunk: node scripts/post-build.mjs [DIR]  (DIR defaults to $TRUNK_STAGING_DIR)
import { readFile, writeFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { shortenBindings } from './post-build/bindings.mjs';
import { blocked, dropIntegrity, externaliseScripts, insertCsp } from './post-build/csp.mjs';
import { minifyScripts, minifyStaticCss } from './post-build/minify.mjs';
import { capture, insertPrerender, startAfterFirstPaint, wantsPrerender } from './post-build/prerender.mjs';
import { SW_FILE, writeServiceWorker } from './post-build/service-worker.mjs';
import { dropSnippetPreloads, foldSnippets } from './post-build/snippets.mjs';
import { BuildError, fail, slashed, walk } from './post-build/util.mjs';

async function main() {
  const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
  if (!dir) fail('no directory: run from Trunk (TRUNK_STAGING_DIR) or pass one');
  const staging = resolve(dir);
  // Trunk writes its public_url into the loader; external files use the same base.
  const base = process.env.TRUNK_PUBLIC_URL ?? '/';
  const publicUrl = base.endsWith('/') ? base : `${base}/`;
  // rules/ sits beside index.html (TRUNK_SOURCE_DIR), else in the working directory.
  const sourceDir = resolve(process.env.TRUNK_SOURCE_DIR ?? '.');

  const files = await foldSnippets(await walk(staging).catch((e) => fail(`cannot read ${staging}: ${e.message}`)), staging);
  await minifyScripts(files, SW_FILE);
  await minifyStaticCss(files);
  await shortenBindings(files);

  const problems = [];
  for (const htmlPath of files.filter((f) => f.endsWith('.html'))) {
    const before = await readFile(htmlPath, 'utf8');
    let html = dropIntegrity(dropSnippetPreloads(before));
    if (wantsPrerender(html)) html = startAfterFirstPaint(html);
    html = insertCsp(await externaliseScripts(html, { htmlPath, staging, publicUrl }));
    for (const p of blocked(html)) problems.push(`${relative(staging, htmlPath)}: ${p}`);
    if (html !== before) await writeFile(htmlPath, html);
  }
  if (problems.length) fail(`the Content-Security-Policy would block:\n  ${problems.join('\n  ')}`);

  for (const htmlPath of files.filter((f) => f.endsWith('.html'))) {
    const before = await readFile(htmlPath, 'utf8');
    if (!wantsPrerender(before)) continue;
    const markup = await capture({ staging, page: slashed(relative(staging, htmlPath)), publicUrl });
    const html = insertPrerender(before, markup);
    const found = blocked(html);
    if (found.length) fail(`the Content-Security-Policy would block, in the prerendered ${relative(staging, htmlPath)}:\n  ${found.join('\n  ')}`);
    if (html !== before) await writeFile(htmlPath, html);
  }

  await writeServiceWorker({ staging, publicUrl, sourceDir });
}

try {
  await main();
} catch (e) {
  if (!(e instanceof BuildError)) throw e;
  console.error(`post-build: ${e.message}`);
  process.exit(1);
}
