// Job 4b, weight: short names for the wasm's imports and exports. The names
// that tie wasm-bindgen's glue to the wasm — imports such as
// `__wbg_addEventListener_847fd86b8c33ec43`, exports such as the closures'
// `wasm_bindgen_2ecf14568f8d53ff___convert__closures_____invoke___bool______true_`
// — become `$0`, `$1`, ... in both files: their random hashes cost over
// 2 KB even after compression (the closures' exports 0.3 KB of it).
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { fail } from './util.mjs';

const BINDGEN_NAME = /^(__wbg|__wbindgen|__externref|wasm_bindgen_)/;
const wholeName = (name) => new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`, 'g');
const count = (text, name) => (text.match(wholeName(name)) ?? []).length;

// The names the glue module exports (Trunk's loader imports them): never renamed.
function glueExports(js) {
  const names = new Set();
  for (const [, list] of js.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const item of list.split(',')) for (const n of item.trim().split(/\s+as\s+/)) if (n) names.add(n);
  }
  for (const [, n] of js.matchAll(/export\s+(?:async\s+)?(?:function\*?|class|const|let|var)\s+([\w$]+)/g)) names.add(n);
  return names;
}

/**
 * Renames in place, for each `name_bg.wasm` with its `name.js`. Checks what
 * would make the pair stop fitting together: a new name already used in
 * either file, a renamed name the glue never mentions or exports to the
 * loader, export names no longer unique.
 */
export async function shortenBindings(files) {
  for (const wasmPath of files.filter((f) => f.endsWith('_bg.wasm'))) {
    const jsPath = wasmPath.replace(/_bg\.wasm$/, '.js');
    if (!files.includes(jsPath)) continue;
    const glue = basename(jsPath);
    const wasm = await readFile(wasmPath);
    let js = await readFile(jsPath, 'utf8');

    const before = wasmNames(wasm);
    const taken = new Set([...(js.match(/\$\d+/g) ?? []), ...before.imports, ...before.exports]);
    const renames = new Map();
    let next = 0;
    const out = renameWasmNames(wasm, (name) => {
      if (!BINDGEN_NAME.test(name)) return name;
      if (!renames.has(name)) {
        while (taken.has(`$${next}`)) next++;
        renames.set(name, `$${next++}`);
      }
      return renames.get(name);
    });

    const exported = glueExports(js);
    for (const [from, to] of renames) {
      const uses = count(js, from);
      if (uses === 0) fail(`${glue} never names ${from}, which ${basename(wasmPath)} has`);
      if (exported.has(from)) fail(`${glue} exports ${from} to the page: it cannot be renamed`);
      if (count(js, to) !== 0) fail(`${glue} already has ${to}: renaming ${from} to it would collide`);
      js = js.replace(wholeName(from), to);
    }
    const after = wasmNames(out).exports;
    const twice = after.filter((name, i) => after.indexOf(name) !== i);
    if (twice.length) fail(`${basename(wasmPath)}: export names collide after renaming: ${twice.join(', ')}`);

    await writeFile(wasmPath, out);
    await writeFile(jsPath, js);
  }
}

/** The import field names and export names of a wasm module. */
export function wasmNames(bytes) {
  const names = { imports: [], exports: [] };
  renameWasmNames(bytes, (name, section) => {
    names[section].push(name);
    return name;
  });
  return names;
}

/**
 * Rewrites the names in a wasm module's import (2) and export (7) sections:
 * `rename(name, 'imports' | 'exports')` gives each new name (import module
 * names are kept).
 */
export function renameWasmNames(bytes, rename) {
  let pos = 8;
  const uleb = () => {
    let result = 0;
    let shift = 0;
    let byte;
    do {
      if (pos >= bytes.length) fail('wasm module ends inside a number');
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
        body.push(str(name()), str(rename(name(), 'imports')));
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
        body.push(str(rename(name(), 'exports')));
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
