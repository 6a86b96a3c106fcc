// Job 4a, weight: minified JS and static CSS. Trunk's own JS minifier gives
// up on wasm-bindgen's glue (`export default`), and copies static files as
// they are; the service worker is minified where it is written.
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { minify } from 'terser';
import { glueFiles } from './snippets.mjs';
import { replaceOrFail } from './util.mjs';

// A fresh object each time: terser writes into the options it is given
// (a module's settings would leak into the next script's).
export const terserOptions = (extra = {}) => ({ ecma: 2020, compress: { passes: 2 }, format: { comments: false }, ...extra });

/** Minifies every .js file but `skip`, where that makes it smaller. */
export async function minifyScripts(files, skip) {
  const glues = glueFiles(files);
  for (const path of files.filter((f) => f.endsWith('.js') && basename(f) !== skip)) {
    let code = await readFile(path, 'utf8');
    // The glue also exports `initSync`, which Trunk's loader never calls:
    // without the export the minifier drops it and what only it uses.
    if (glues.includes(path) && /export\s*\{[^}]*\binitSync\b/.test(code)) {
      code = replaceOrFail(code, /export\s*\{\s*initSync\s*,/, 'export {', `${basename(path)}: dropping the export of initSync`);
    }
    const out = await minify(code, terserOptions({ module: true }));
    if (!out.code || out.code.length >= code.length) continue;
    await writeFile(path, out.code);
  }
}

// Static stylesheets Trunk copies as they are (plan.css): comments and
// spacing out. Conservative on purpose: the only strings in them are plain
// `content` labels, which keep their inner spaces.
export async function minifyStaticCss(files) {
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
