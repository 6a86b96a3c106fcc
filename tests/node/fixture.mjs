// Helpers for the post-build tests: a copy of tests/node/fixture/staging (a
// Trunk staging directory in miniature) with a small wasm module, and the
// hook run on it exactly as Trunk runs it.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURE = join(ROOT, 'tests/node/fixture');
export const GLUE = 'app-1a2b3c4d5e6f7a8b.js';
export const WASM = 'app-1a2b3c4d5e6f7a8b_bg.wasm';
export const IMPORTS = ['__wbg_greet_0123456789abcdef', '__wbg_loud_fedcba9876543210'];

const uleb = (n) => {
  const out = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return out;
};
const str = (s) => {
  const b = [...Buffer.from(s, 'utf8')];
  return [...uleb(b.length), ...b];
};
const vec = (items) => [...uleb(items.length), ...items.flat()];
const section = (id, body) => [id, ...uleb(body.length), ...body];

/**
 * A wasm module shaped like wasm-bindgen's: function imports from `wbg`, a
 * memory, and `__wbindgen_start`, which calls import i with the argument 7 + 2i.
 * `extraExports` adds more export names for the start function.
 */
export function makeWasm({ imports = IMPORTS, extraExports = [] } = {}) {
  const calls = imports.flatMap((_, i) => [0x41, ...uleb(7 + 2 * i), 0x10, ...uleb(i)]);
  const body = [0x00, ...calls, 0x0b];
  const start = imports.length;
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([[0x60, 1, 0x7f, 0], [0x60, 0, 0]])),
    ...section(2, vec(imports.map((name) => [...str('wbg'), ...str(name), 0x00, 0x00]))),
    ...section(3, vec([[1]])),
    ...section(5, vec([[0x00, 1]])),
    ...section(7, vec([
      [...str('memory'), 0x02, 0x00],
      ...['__wbindgen_start', ...extraExports].map((name) => [...str(name), 0x00, ...uleb(start)]),
    ])),
    ...section(10, vec([[...uleb(body.length), ...body]])),
    ...section(0, [...str('producers'), 0x00]),
  ];
  return Buffer.from(bytes);
}

/**
 * A fresh copy of the fixture in a temporary directory. `edit` maps a path
 * in it to new content, or to a function of the old content; `wasm` gives
 * makeWasm's options.
 */
const staged = [];
process.on('exit', () => staged.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

export function stage({ edit = {}, wasm = {} } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'post-build-'));
  staged.push(dir);
  cpSync(join(FIXTURE, 'staging'), dir, { recursive: true });
  writeFileSync(join(dir, WASM), makeWasm(wasm));
  for (const [path, change] of Object.entries(edit)) {
    const file = join(dir, path);
    writeFileSync(file, typeof change === 'function' ? change(readFileSync(file, 'utf8')) : change);
  }
  return dir;
}

/** Runs scripts/post-build.mjs on `dir` as Trunk's post_build hook does. */
export function postBuild(dir) {
  const run = spawnSync(process.execPath, [join(ROOT, 'scripts/post-build.mjs')], {
    cwd: ROOT,
    env: { ...process.env, TRUNK_STAGING_DIR: dir, TRUNK_SOURCE_DIR: FIXTURE, TRUNK_PUBLIC_URL: '/' },
    encoding: 'utf8',
  });
  return { ok: run.status === 0, status: run.status, stderr: run.stderr };
}

/** Every file under `dir`: relative path (with /) → contents. */
export function tree(dir) {
  const out = new Map();
  const visit = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) visit(path);
      else out.set(relative(dir, path).split(sep).join('/'), readFileSync(path));
    }
  };
  visit(dir);
  return out;
}
