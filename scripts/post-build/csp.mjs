// Job 1, a strict Content-Security-Policy. Every inline <script> (Trunk's
// wasm loader, and `trunk serve`'s autoreload) moves to an external file
// with a content-hashed name (no SRI hash: every file is same-origin, and
// the hashes would cost every visitor bytes); the policy's <meta> goes in
// right after <meta charset>. The build fails on anything the policy would
// block: inline <style>, style="" or on*="" attributes, javascript: URLs,
// data: images.
import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { minify } from 'terser';
import { attr, hasScheme, splice, startTags, withoutAttrs } from './html.mjs';
import { terserOptions } from './minify.mjs';
import { fail, slashed } from './util.mjs';

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

// A <script> with code in it and no src. Data blocks (JSON, templates) are
// not run, and the policy does not touch them.
function isInlineCode(html, tag) {
  if (tag.name !== 'script' || attr(tag, 'src') !== undefined) return false;
  if (html.slice(tag.text.start, tag.text.end).trim() === '') return false;
  const type = attr(tag, 'type')?.trim();
  return !type || /^(module|(text|application)\/(java|ecma)script)$/i.test(type);
}

/**
 * Moves each inline script of the page at `htmlPath` into `inline-<hash>.js`
 * beside it (minified, as the other scripts are: moved out after that step,
 * it would be missed); returns the page.
 */
export async function externaliseScripts(html, { htmlPath, staging, publicUrl }) {
  const changes = [];
  const writes = [];
  for (const tag of startTags(html)) {
    if (!isInlineCode(html, tag)) continue;
    // `trunk serve` fills these in inside HTML responses only; its autoreload
    // script now lives outside, so fill them in the way Trunk does by default.
    const body = html
      .slice(tag.text.start, tag.text.end)
      .replace(/(['`])\{\{__TRUNK_ADDRESS__\}\}\1/g, 'window.location.host')
      .replaceAll('{{__TRUNK_WS_BASE__}}', publicUrl);
    if (body.includes('{{__TRUNK_')) fail(`${htmlPath}: a Trunk placeholder in an inline script is left unfilled`);
    const name = `inline-${createHash('sha256').update(body).digest('hex').slice(0, 16)}.js`;
    const module = attr(tag, 'type') === 'module';
    writes.push(
      minify(body, terserOptions({ module })).then((out) =>
        writeFile(join(dirname(htmlPath), name), out.code && out.code.length < body.length ? out.code : body),
      ),
    );
    const kept = tag.attrs.filter((a) => a.name !== 'nonce' && a.name !== 'integrity').map((a) => html.slice(a.lead, a.end).trim());
    const url = publicUrl + slashed(relative(staging, join(dirname(htmlPath), name)));
    changes.push([tag.start, tag.close, `<script${kept.map((a) => ` ${a}`).join('')} src="${url}"></script>`]);
  }
  await Promise.all(writes);
  return splice(html, changes);
}

/** The policy's <meta>, first in <head>: it covers only what comes after it. */
export function insertCsp(html) {
  const tags = startTags(html);
  const isCsp = (t) => t.name === 'meta' && attr(t, 'http-equiv')?.toLowerCase() === 'content-security-policy';
  if (tags.some(isCsp)) return html;
  const meta = `<meta http-equiv="Content-Security-Policy" content="${CSP}">`;
  const anchor =
    tags.find((t) => t.name === 'meta' && (attr(t, 'charset') !== undefined || attr(t, 'http-equiv')?.toLowerCase() === 'content-type')) ??
    tags.find((t) => t.name === 'head') ??
    tags.find((t) => t.name === 'html');
  return anchor ? html.slice(0, anchor.end) + meta + html.slice(anchor.end) : meta + html;
}

// This hook rewrites files after Trunk hashed them, so any integrity
// attribute would be stale; none is wanted (every file is same-origin), and
// Trunk leaves `data-integrity` itself on the stylesheet link.
export function dropIntegrity(html) {
  const stale = (a) => a.name === 'integrity' || a.name === 'data-integrity';
  const changes = startTags(html)
    .filter((t) => (t.name === 'link' || t.name === 'script') && t.attrs.some(stale))
    .map((t) => [t.start, t.end, withoutAttrs(html, t, stale)]);
  return splice(html, changes);
}

const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'xlink:href']);

/** What the policy would block, one line each: a build that ships it is broken. */
export function blocked(html) {
  const found = [];
  for (const tag of startTags(html)) {
    const shown = html.slice(tag.start, Math.min(tag.end, tag.start + 80));
    if (tag.name === 'style') found.push('an inline <style> element');
    if (isInlineCode(html, tag)) found.push('an inline <script>');
    for (const { name, value } of tag.attrs) {
      if (name === 'style') found.push(`a style="" attribute: ${shown}`);
      if (/^on[a-z]+$/.test(name)) found.push(`an inline event handler: ${shown}`);
      if (URL_ATTRS.has(name) && hasScheme(value, 'javascript:')) found.push(`a javascript: URL: ${shown}`);
      const fetched = ['img', 'link', 'source', 'script'].includes(tag.name) && ['src', 'href', 'srcset'].includes(name);
      if (fetched && value.split(',').some((candidate) => hasScheme(candidate, 'data:'))) {
        found.push(`a data: URL (${tag.name === 'script' ? 'script' : 'img'}-src 'self'): ${shown}`);
      }
    }
  }
  return found;
}
