#!/usr/bin/env node
// Trunk post_build hook (Trunk.toml [[hooks]]): runs in $TRUNK_STAGING_DIR
// before Trunk moves it to dist/. Three jobs:
//
// 1. Strict Content-Security-Policy. Every inline <script> (Trunk's wasm
//    loader, and `trunk serve`'s autoreload) moves to an external file with a
//    content-hashed name (no SRI hash: every file is same-origin, and the
//    hashes would cost every visitor bytes); the CSP <meta> goes
//    in right after <meta charset>. The build fails on anything the policy
//    would block: inline <style>, style="" or on*="" attributes, javascript:
//    URLs, data: icons.
// 2. Offline. Writes sw.js: a service worker that precaches every file of the
//    build, in a cache named after the rules versions (rules/*.toml
//    `rules_version`) and a hash of the build, and deletes older caches when
//    it takes over. Pages and unhashed files: network first (the cached copy
//    when offline or after 5 s); hashed assets (name-<hash>.ext): cache first.
// 3. Weight. Folds wasm-bindgen's snippet modules (src/dom.js) into the glue,
//    minifies the JS (Trunk's minifier gives up on wasm-bindgen's glue) and
//    gives the names that tie the glue to the wasm — imports such as
//    `__wbg_addEventListener_847fd86b8c33ec43` — short ones, in both files:
//    their random hashes cost about 2 KB even after compression.
//
// Idempotent: a second run over the same directory changes nothing.
//
// Usage outside Trunk: node scripts/post-build.mjs [DIR]  (DIR defaults to $TRUNK_STAGING_DIR)
import { createHash } from 'node:crypto';
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { minify } from 'terser';

export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');

const SW_FILE = 'sw.js';

const staging = resolve(process.argv[2] ?? process.env.TRUNK_STAGING_DIR ?? '');
if (!process.argv[2] && !process.env.TRUNK_STAGING_DIR) {
  fail('no directory: run from Trunk (TRUNK_STAGING_DIR) or pass one');
}
// Trunk writes its public_url into the loader; external files use the same base.
const publicUrl = withSlash(process.env.TRUNK_PUBLIC_URL ?? '/');
// rules/ sits beside index.html (TRUNK_SOURCE_DIR), else in the working directory.
const sourceDir = resolve(process.env.TRUNK_SOURCE_DIR ?? '.');

function fail(msg) {
  console.error(`post-build: ${msg}`);
  process.exit(1);
}

function withSlash(u) {
  return u.endsWith('/') ? u : `${u}/`;
}

const sha = (alg, data) => createHash(alg).update(data).digest();

async function walk(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(path)));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

// `name="value"`, `name='value'`, `name=value` or bare `name` (Trunk minifies HTML).
function attrValue(attrs, name) {
  const m = new RegExp(`(?:^|\\s)${name}(?:\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+)))?(?=\\s|/|$)`, 'i').exec(attrs);
  if (!m) return undefined;
  return m[1] ?? m[2] ?? m[3] ?? '';
}

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;

// A <script> with code in it and no src. Data blocks (JSON, templates) are not
// run, and CSP does not touch them.
function isInlineCode(attrs, body) {
  if (attrValue(attrs, 'src') !== undefined || body.trim() === '') return false;
  const type = attrValue(attrs, 'type');
  return type === undefined || type === '' || /^(module|(text|application)\/(java|ecma)script)$/i.test(type.trim());
}

async function externaliseScripts(htmlPath, html) {
  const dir = dirname(htmlPath);
  const jobs = [];
  html = html.replace(SCRIPT, (tag, attrs, body) => {
    if (!isInlineCode(attrs, body)) return tag;
    // `trunk serve` fills these in inside HTML responses only; its autoreload
    // script now lives outside, so fill them in the way Trunk does by default.
    body = body
      .replace(/(['`])\{\{__TRUNK_ADDRESS__\}\}\1/g, 'window.location.host')
      .replaceAll('{{__TRUNK_WS_BASE__}}', publicUrl);
    const name = `inline-${sha('sha256', body).toString('hex').slice(0, 16)}.js`;
    // Minified here, as the other scripts are: moved out after that step, it would be missed.
    const module = attrValue(attrs, 'type') === 'module';
    jobs.push(
      minify(body, { module, ecma: 2020, compress: { passes: 2 }, format: { comments: false } })
        .then((out) => writeFile(join(dir, name), out.code && out.code.length < body.length ? out.code : body)),
    );
    const kept = attrs.replace(/\s(nonce|integrity)(\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?/gi, '').trim();
    const url = publicUrl + relative(staging, join(dir, name)).split(sep).join('/');
    return `<script${kept ? ` ${kept}` : ''} src="${url}"></script>`;
  });
  await Promise.all(jobs);
  return html;
}

function insertCsp(html) {
  if (/<meta\b[^>]*http-equiv\s*=\s*["']?content-security-policy/i.test(html)) return html;
  const meta = `<meta http-equiv="Content-Security-Policy" content="${CSP}">`;
  // The policy only covers what comes after it: put it first in <head>.
  for (const anchor of [/<meta\b[^>]*\bcharset\b[^>]*>/i, /<head\b[^>]*>/i, /<html\b[^>]*>/i]) {
    const m = anchor.exec(html);
    if (m) return html.slice(0, m.index + m[0].length) + meta + html.slice(m.index + m[0].length);
  }
  return meta + html;
}

// What the policy above would block: a build that ships it is broken, so stop.
function blocked(html) {
  const found = [];
  const tags = html.match(/<[a-z][^>]*>/gi) ?? [];
  for (const tag of tags) {
    if (/^<style\b/i.test(tag)) found.push('an inline <style> element');
    if (/\sstyle\s*=/i.test(tag)) found.push(`a style="" attribute: ${tag.slice(0, 80)}`);
    if (/\son[a-z]+\s*=/i.test(tag)) found.push(`an inline event handler: ${tag.slice(0, 80)}`);
    if (/\s(href|src|action)\s*=\s*["']?\s*javascript:/i.test(tag)) found.push(`a javascript: URL: ${tag.slice(0, 80)}`);
    if (/^<(img|link|source)\b/i.test(tag) && /\s(src|href|srcset)\s*=\s*["']?\s*data:/i.test(tag)) {
      found.push(`a data: URL (img-src 'self'): ${tag.slice(0, 80)}`);
    }
  }
  for (const [, attrs, body] of html.matchAll(SCRIPT)) {
    if (isInlineCode(attrs, body)) found.push('an inline <script>');
  }
  return found;
}

async function rulesVersions() {
  const dir = join(sourceDir, 'rules');
  const files = (await readdir(dir).catch(() => [])).filter((f) => f.endsWith('.toml')).sort();
  const versions = [];
  for (const f of files) {
    const m = /^\s*rules_version\s*=\s*"([^"]*)"/m.exec(await readFile(join(dir, f), 'utf8'));
    if (m) versions.push(`${basename(f, '.toml')}@${m[1]}`);
  }
  if (versions.length === 0) fail(`no rules_version in ${dir}/*.toml`);
  return versions.join('+');
}

function serviceWorker(cacheName, urls) {
  // What it does (one cache per build; pages network first, hashed assets
  // cache first) is described at the top of this file and in the README.
  return `// Generated by scripts/post-build.mjs; do not edit.
'use strict';
const CACHE = ${JSON.stringify(cacheName)};
const PRECACHE = ${JSON.stringify(urls)};
const BASE = new URL(${JSON.stringify(publicUrl)}, self.location).href;
const INDEX = new URL('index.html', BASE).href;
const HASHED = /-[0-9a-f]{8,}(_bg)?\\.[a-z0-9]+$/;
const NETWORK_TIMEOUT_MS = 5000;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE.map((url) => new Request(url, { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('minsheng|') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

function fromCache(request) {
  return caches.open(CACHE).then((cache) =>
    cache.match(request, { ignoreSearch: true }).then((hit) => {
      if (hit || request.mode !== 'navigate') return hit;
      // Any page of the widget (/, /?embed=1, ...) is index.html.
      return cache.match(INDEX);
    }),
  );
}

function networkFirst(request) {
  const network = fetch(request);
  network.catch(() => {}); // a late failure is handled below; keep it out of the console
  const fallback = () => fromCache(request).then((hit) => hit || network);
  let timer;
  const slow = new Promise((resolve) => {
    timer = setTimeout(resolve, NETWORK_TIMEOUT_MS);
  });
  const fresh = network.then((response) => {
    clearTimeout(timer);
    return response;
  });
  return Promise.race([fresh, slow.then(fallback)]).catch(fallback);
}

function cacheFirst(request) {
  return fromCache(request).then(
    (hit) =>
      hit ||
      fetch(request).then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      }),
  );
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.href.startsWith(BASE)) return;
  event.respondWith(HASHED.test(url.pathname) ? cacheFirst(request) : networkFirst(request));
});
`;
}

// wasm-bindgen writes the JS of `#[wasm_bindgen(module = ...)]` (src/dom.js)
// to files under snippets/ that the glue imports: one more request in a row
// before the widget can start, and one more file to download. Each snippet
// module becomes an object inside the glue instead, and its file goes.
async function foldSnippets(files) {
  const IMPORT = /^import\s*(\{[^}]*\}|\*\s*as\s+[\w$]+)\s*from\s*(['"])(\.\/snippets\/[^'"]+)\2;?[ \t]*$/gm;
  const folded = [];
  for (const glue of files.filter((f) => f.endsWith('.js') && files.includes(f.replace(/\.js$/, '_bg.wasm')))) {
    let js = await readFile(glue, 'utf8');
    const modules = new Map();
    for (const [, , , spec] of js.matchAll(IMPORT)) {
      if (modules.has(spec)) continue;
      const path = join(dirname(glue), spec);
      let code = await readFile(path, 'utf8').catch(() => fail(`${basename(glue)} imports ${spec}, which is missing`));
      const names = [...code.matchAll(/^export\s+(?:async\s+)?function\s+([\w$]+)/gm)].map((m) => m[1]);
      code = code.replace(/^export\s+((?:async\s+)?function\s)/gm, '$1');
      if (/^\s*export\b/m.test(code)) fail(`${spec}: only \`export function\` can be folded into the glue`);
      const local = `__snippet${modules.size}`;
      modules.set(spec, { local, def: `const ${local} = (() => {\n${code}\nreturn { ${names.join(', ')} };\n})();\n` });
      folded.push(path);
    }
    if (modules.size === 0) continue;
    js = js.replace(IMPORT, (_, what, __, spec) => {
      const { local } = modules.get(spec);
      if (what.startsWith('*')) return `const ${what.replace(/^\*\s*as\s+/, '')} = ${local};`;
      return `const ${what.replace(/\s+as\s+/g, ': ')} = ${local};`;
    });
    js = [...modules.values()].map((m) => m.def).join('') + js;
    await writeFile(glue, js);
  }
  for (const path of folded) await rm(path, { force: true });
  if (folded.length) await rm(join(staging, 'snippets'), { recursive: true, force: true });
  return files.filter((f) => !folded.includes(f) && !relative(staging, f).startsWith(`snippets${sep}`));
}

// Trunk preloads each snippet from the HTML; folded into the glue, they are gone.
function dropSnippetPreloads(html) {
  return html.replace(/<link\b[^>]*\shref\s*=\s*["']?[^"'\s>]*\/snippets\/[^>]*>/gi, '');
}

// Trunk's own JS minifier gives up on wasm-bindgen's glue (`export default`),
// so the glue and the static scripts are minified here.
async function minifyScripts(files) {
  for (const path of files.filter((f) => f.endsWith('.js') && basename(f) !== SW_FILE)) {
    let code = await readFile(path, 'utf8');
    // The glue also exports `initSync`, which Trunk's loader never calls:
    // without the export the minifier drops it and what only it uses.
    if (files.includes(path.replace(/\.js$/, '_bg.wasm'))) code = code.replace(/export\s*\{\s*initSync\s*,/, 'export {');
    const out = await minify(code, { module: true, ecma: 2020, compress: { passes: 2 }, format: { comments: false } });
    if (!out.code || out.code.length >= code.length) continue;
    await writeFile(path, out.code);
  }
}

// wasm-bindgen's imports and exports, renamed `$0`, `$1`, ... in the module and
// its glue. Names are replaced as whole identifiers, so a name that also
// occurs in the glue for another reason would be caught by the check below.
async function shortenBindings(files) {
  for (const wasmPath of files.filter((f) => f.endsWith('_bg.wasm'))) {
    const jsPath = wasmPath.replace(/_bg\.wasm$/, '.js');
    if (!files.includes(jsPath)) continue;
    const wasm = await readFile(wasmPath);
    let js = await readFile(jsPath, 'utf8');
    const renames = new Map();
    const taken = new Set(js.match(/\$\d+/g) ?? []);
    let next = 0;
    const shortName = (name) => {
      if (!/^(__wbg|__wbindgen|__externref|wasm_bindgen__)/.test(name)) return name;
      if (!renames.has(name)) {
        while (taken.has(`$${next}`)) next++;
        renames.set(name, `$${next++}`);
      }
      return renames.get(name);
    };
    const out = renameWasmNames(wasm, shortName);
    for (const [from, to] of renames) {
      const whole = new RegExp(`(?<![\\w$])${from.replace(/\$/g, '\\$')}(?![\\w$])`, 'g');
      const count = (js.match(whole) ?? []).length;
      if (count === 0) fail(`${basename(jsPath)} never names ${from}`);
      js = js.replace(whole, to);
    }
    await writeFile(wasmPath, out);
    await writeFile(jsPath, js);
  }
}

// Rewrites the names in a wasm module's import (2) and export (7) sections.
function renameWasmNames(bytes, rename) {
  let pos = 8;
  const uleb = () => {
    let result = 0;
    let shift = 0;
    let byte;
    do {
      byte = bytes[pos++];
      result += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return result;
  };
  const encode = (n) => {
    const out = [];
    do {
      let byte = n % 128;
      n = Math.floor(n / 128);
      if (n > 0) byte |= 0x80;
      out.push(byte);
    } while (n > 0);
    return Buffer.from(out);
  };
  const name = () => {
    const len = uleb();
    const s = bytes.subarray(pos, pos + len).toString('utf8');
    pos += len;
    return s;
  };
  const str = (s) => {
    const b = Buffer.from(s, 'utf8');
    return Buffer.concat([encode(b.length), b]);
  };
  const limits = () => {
    const flags = bytes[pos++];
    uleb();
    if (flags & 1) uleb();
  };
  const parts = [bytes.subarray(0, 8)];
  while (pos < bytes.length) {
    const start = pos;
    const id = bytes[pos++];
    const size = uleb();
    const end = pos + size;
    if (id !== 2 && id !== 7) {
      pos = end;
      parts.push(bytes.subarray(start, end));
      continue;
    }
    const body = [];
    const count = uleb();
    body.push(encode(count));
    for (let i = 0; i < count; i++) {
      if (id === 2) {
        body.push(str(name()), str(rename(name())));
        const descStart = pos;
        const kind = bytes[pos++];
        if (kind === 0) uleb();
        else if (kind === 1) (pos++, limits());
        else if (kind === 2) limits();
        else if (kind === 3) pos += 2;
        else if (kind === 4) (pos++, uleb());
        else fail(`unknown import kind ${kind}`);
        body.push(bytes.subarray(descStart, pos));
      } else {
        body.push(str(rename(name())));
        const descStart = pos;
        pos++;
        uleb();
        body.push(bytes.subarray(descStart, pos));
      }
    }
    if (pos !== end) fail(`wasm section ${id} did not parse`);
    const content = Buffer.concat(body);
    parts.push(Buffer.from([id]), encode(content.length), content);
  }
  return Buffer.concat(parts);
}

// Static stylesheets Trunk copies as they are (plan.css): comments and
// spacing out. Conservative on purpose: the only strings in them are plain
// `content` labels, which keep their inner spaces.
async function minifyStaticCss(files) {
  for (const path of files.filter((f) => f.endsWith('.css') && !/-[0-9a-f]{16}\.css$/.test(f))) {
    const css = await readFile(path, 'utf8');
    const out = css
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/\s*([{};,>])\s*/g, '$1')
      .replace(/;}/g, '}')
      .trim();
    if (out.length < css.length) await writeFile(path, out);
  }
}

// This hook rewrites files after Trunk hashed them, so any integrity
// attribute would be stale; none is wanted (every file is same-origin), and
// Trunk leaves `data-integrity` itself on the stylesheet link.
function dropIntegrity(html) {
  return html.replace(/<(link|script)\b[^>]*>/gi, (tag) => tag.replace(/\s(data-)?integrity\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+)/gi, ''));
}

async function main() {
  const files = await foldSnippets(await walk(staging).catch((e) => fail(`cannot read ${staging}: ${e.message}`)));
  await minifyScripts(files);
  await minifyStaticCss(files);
  await shortenBindings(files);
  const problems = [];
  for (const path of files.filter((f) => f.endsWith('.html'))) {
    const before = await readFile(path, 'utf8');
    let html = await externaliseScripts(path, dropIntegrity(dropSnippetPreloads(before)));
    html = insertCsp(html);
    for (const p of blocked(html)) problems.push(`${relative(staging, path)}: ${p}`);
    if (html !== before) await writeFile(path, html);
  }
  if (problems.length) fail(`the Content-Security-Policy would block:\n  ${problems.join('\n  ')}`);

  // Precache list and build hash: every file but the worker itself, in a fixed order.
  const all = (await walk(staging))
    .map((f) => relative(staging, f).split(sep).join('/'))
    .filter((f) => f !== SW_FILE && !f.split('/').some((part) => part.startsWith('.')))
    .sort();
  const hash = createHash('sha256');
  for (const f of all) {
    hash.update(f).update('\0').update(await readFile(join(staging, f))).update('\0');
  }
  const cacheName = `minsheng|${await rulesVersions()}|${hash.digest('hex').slice(0, 16)}`;
  const urls = [publicUrl, ...all.map((f) => publicUrl + f)];
  const worker = await minify(serviceWorker(cacheName, urls), { ecma: 2020, compress: { passes: 2 }, format: { comments: false } });
  await writeFile(join(staging, SW_FILE), worker.code);
}

await main();
