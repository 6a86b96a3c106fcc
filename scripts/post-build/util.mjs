// Shared by the post-build jobs: failing the build, listing files, checked rewrites.
import { readdir } from 'node:fs/promises';
import { join, sep } from 'node:path';

/** A problem that must stop the build; post-build.mjs prints its message and exits 1. */
export class BuildError extends Error {}

export function fail(message) {
  throw new BuildError(message);
}

/** Every file under `dir`, recursively. */
export async function walk(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(path)));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

/** A path with `/` separators, as in a URL. */
export const slashed = (path) => path.split(sep).join('/');

/**
 * `text.replace(pattern, replacement)`, failing the build when `pattern`
 * matches nothing: a rewrite that silently stops matching (after a tool
 * upgrade, say) would ship a broken or heavier build. `what` names the
 * rewrite in the message.
 */
export function replaceOrFail(text, pattern, replacement, what) {
  const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  if (!global.test(text)) fail(`${what}: the pattern ${pattern} no longer matches; update scripts/post-build/`);
  return text.replace(pattern, replacement);
}
