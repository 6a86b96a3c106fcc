// Every file or folder that README.md and ARCHITECTURE.md name exists.
// Run with: node --test tests/node/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ROOT } from './fixture.mjs';

const DOCUMENTS = ['README.md', 'ARCHITECTURE.md'];
// Made by the build or by set-up, not in the repository: named, never checked.
const GENERATED = /^(dist|target|node_modules|test-results|playwright-report)\//;
// Engine and CLI sections name their files from the crate's folder (`tests/cases.rs`).
const BASES = ['', 'crates/engine', 'crates/cli'];

/** The paths a document names: words with a `/` in `code` spans, link targets and image sources. */
function namedPaths(markdown) {
  const spans = [
    ...[...markdown.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]),
    ...[...markdown.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]),
    ...[...markdown.matchAll(/\bsrc="([^"]+)"/g)].map((m) => m[1]),
  ];
  const words = spans.flatMap((s) => s.split(/\s+/));
  // Relative paths only: no URLs (`https://...`), no paths of this machine (`/usr/...`).
  return [...new Set(words.filter((w) => /^[\w.-][\w./*-]*$/.test(w) && w.includes('/')))];
}

// `dir/*.ext` matches at least one file; anything else exists.
function exists(path) {
  if (!path.includes('*')) return existsSync(join(ROOT, path));
  const [dir, pattern] = [dirname(path), path.slice(dirname(path).length + 1)];
  const re = new RegExp(`^${pattern.replace(/\./g, '\\.').replace(/\*/g, '.*')}$`);
  return existsSync(join(ROOT, dir)) && readdirSync(join(ROOT, dir)).some((f) => re.test(f));
}

for (const doc of DOCUMENTS) {
  test(`every path ${doc} names exists`, () => {
    const paths = namedPaths(readFileSync(join(ROOT, doc), 'utf8')).filter((p) => !GENERATED.test(p));
    assert.ok(paths.length > 10, `${doc} names paths: ${paths}`);
    const missing = paths.filter((p) => !BASES.some((base) => exists(join(base, p))));
    assert.deepEqual(missing, [], `${doc} names paths that do not exist`);
  });
}
