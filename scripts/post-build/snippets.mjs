// Job 3, snippets into the glue. wasm-bindgen writes the JS of
// `#[wasm_bindgen(module = ...)]` (src/dom.js) to files under snippets/ that
// the glue imports: one more request in a row before the widget can start,
// and one more file to download. Each snippet module becomes an object
// inside the glue instead, its file goes, and so does Trunk's preload of it.
import { readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { splice, startTags } from './html.mjs';
import { fail } from './util.mjs';

const IMPORT = /^import\s*(\{[^}]*\}|\*\s*as\s+[\w$]+)\s*from\s*(['"])(\.\/snippets\/[^'"]+)\2;?[ \t]*$/gm;
const EXPORTED_FUNCTION = /^export\s+((?:async\s+)?function\s+([\w$]+))/gm;

/** The glue files: `name.js` beside a `name_bg.wasm`. */
export const glueFiles = (files) => files.filter((f) => f.endsWith('.js') && files.includes(f.replace(/\.js$/, '_bg.wasm')));

// `{ a, b as c }` → ['a', 'b']; `* as ns` → [].
function importedNames(what) {
  if (what.startsWith('*')) return [];
  return what
    .slice(1, -1)
    .split(',')
    .map((s) => s.trim().split(/\s+as\s+/)[0])
    .filter(Boolean);
}

// A snippet module as an expression: its functions, no longer exported, in an object.
async function snippetObject(glue, spec, local) {
  const code = await readFile(join(dirname(glue), spec), 'utf8').catch(() => fail(`${basename(glue)} imports ${spec}, which is missing`));
  const names = [...code.matchAll(EXPORTED_FUNCTION)].map((m) => m[2]);
  const body = code.replace(EXPORTED_FUNCTION, '$1');
  if (/^\s*export\b/m.test(body)) fail(`${spec}: only \`export function\` can be folded into the glue`);
  return { names, def: `const ${local} = (() => {\n${body}\nreturn { ${names.join(', ')} };\n})();\n` };
}

/** Folds every snippet into its glue and deletes snippets/; returns the files that are left. */
export async function foldSnippets(files, staging) {
  const folded = [];
  for (const glue of glueFiles(files)) {
    let js = await readFile(glue, 'utf8');
    const modules = new Map();
    for (const [, what, , spec] of js.matchAll(IMPORT)) {
      if (!modules.has(spec)) {
        modules.set(spec, await snippetObject(glue, spec, `__snippet${modules.size}`));
        folded.push(join(dirname(glue), spec));
      }
      const missing = importedNames(what).filter((name) => !modules.get(spec).names.includes(name));
      if (missing.length) fail(`${basename(glue)} imports ${missing.join(', ')} from ${spec}, which exports only: ${modules.get(spec).names.join(', ')}`);
    }
    if (modules.size > 0) {
      const locals = [...modules.keys()];
      js = js.replace(IMPORT, (_, what, __, spec) => {
        const local = `__snippet${locals.indexOf(spec)}`;
        if (what.startsWith('*')) return `const ${what.replace(/^\*\s*as\s+/, '')} = ${local};`;
        return `const ${what.replace(/\s+as\s+/g, ': ')} = ${local};`;
      });
      js = [...modules.values()].map((m) => m.def).join('') + js;
    }
    // An import written in a way IMPORT does not know would be left pointing at a deleted file.
    // (The path may stay as a string: the glue names the wasm's import modules by it.)
    if (/(?:\bfrom|\bimport)\s*\(?\s*['"]\.\/snippets\//.test(js)) fail(`${basename(glue)} still imports from ./snippets/ in a form the fold does not recognise`);
    if (modules.size > 0) await writeFile(glue, js);
  }
  for (const path of folded) await rm(path, { force: true });
  if (folded.length) await rm(join(staging, 'snippets'), { recursive: true, force: true });
  return files.filter((f) => !folded.includes(f) && !relative(staging, f).startsWith(`snippets${sep}`));
}

/** Trunk preloads each snippet from the page; folded into the glue, they are gone. */
export function dropSnippetPreloads(html) {
  const snippet = (t) => t.name === 'link' && t.attrs.some((a) => a.name === 'href' && /(^|\/)snippets\//.test(a.value));
  const tags = startTags(html);
  const out = splice(html, tags.filter(snippet).map((t) => [t.start, t.end, '']));
  const left = startTags(out).filter((t) => t.attrs.some((a) => /(^|\/)snippets\//.test(a.value)));
  if (left.length) fail(`a page still refers to snippets/: ${out.slice(left[0].start, left[0].end)}`);
  return out;
}
