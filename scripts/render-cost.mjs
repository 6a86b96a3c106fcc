#!/usr/bin/env node
// The widget's own work per input (a benchmark, not a test): the release
// build in dist/, in Chromium at 360 px without CPU slowdown. The inputs of
// scripts/latency.mjs are made in the page itself (a value set and an input
// event for a key, a label's click for a tap), and each is timed from the
// event to the end of the widget's render (the DOM written; the layout and
// paint that follow are left out). Without the browser's own handling of a
// real key or tap, and without slowdown, two builds compare more steadily
// than with latency.mjs: the way to judge a change to the widget's code.
// The figures still grow with the machine's load; compare builds in one run.
//
// Given two builds, passes alternate between them (A B, B A, …) in one
// browser. Prints the mean and median per key and per tap.
//
// Usage: node scripts/render-cost.mjs [DIST=dist] [OTHER_DIST]
// Environment: ROUNDS (page loads per build, default 20), COST_PORT
// (default 4300, and the next port for OTHER_DIST).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const dists = process.argv.length > 2 ? process.argv.slice(2, 4) : ['dist'];
const ROUNDS = Number(process.env.ROUNDS ?? 20);
const PORT = Number(process.env.COST_PORT ?? 4300);

// In the page: the inputs of latency.mjs's sequence, each timed, with a
// rendered frame between two (as between a resident's inputs).
async function sequence() {
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  // The widget renders in a microtask queued by its event handler, before this one.
  const rendered = () => Promise.resolve();
  const times = { key: [], tap: [] };
  const type = async (id, value) => {
    const field = document.getElementById(id);
    const start = performance.now();
    field.value = value;
    field.dispatchEvent(new InputEvent('input', { bubbles: true }));
    await rendered();
    times.key.push(performance.now() - start);
    await frame();
  };
  const tap = async (id) => {
    const label = document.querySelector(`label[for="${id}"]`);
    const start = performance.now();
    label.click();
    await rendered();
    times.tap.push(performance.now() - start);
    await frame();
  };
  await type('q-age', '6');
  await type('q-age', '68');
  for (const id of ['q-sex-female', 'q-hukou-rural', 'q-situations-farming', 'q-situations-assistance', 'q-assistance_kind-dibao_applying']) await tap(id);
  await type('q-household_members', '3');
  for (const value of ['2', '24', '240', '2400']) await type('q-household_income', value);
  await type('q-age', '6');
  await type('q-age', '62');
  return times;
}

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(3)} ms`;

async function main() {
  const servers = dists.map((dist, i) => spawn(process.execPath, [`${root}scripts/serve-dist.mjs`, dist, String(PORT + i)], { stdio: ['ignore', 'pipe', 'inherit'] }));
  await Promise.all(
    servers.map(
      (server) =>
        new Promise((resolve, reject) => {
          server.stdout.once('data', resolve);
          server.once('exit', (code) => reject(new Error(`serve-dist exited (${code})`)));
        }),
    ),
  );
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  const samples = dists.map(() => ({ key: [], tap: [] }));
  try {
    const page = await browser.newPage({ viewport: { width: 360, height: 640 }, locale: 'zh-CN', serviceWorkers: 'block' });
    for (let round = 0; round < ROUNDS; round++) {
      for (let n = 0; n < dists.length; n++) {
        const which = (n + round) % dists.length;
        await page.goto(`http://127.0.0.1:${PORT + which}/`);
        await page.locator('#results:not([aria-busy])').waitFor();
        await page.waitForTimeout(200);
        const times = await page.evaluate(sequence);
        samples[which].key.push(...times.key);
        samples[which].tap.push(...times.tap);
      }
    }
  } finally {
    await browser.close();
    for (const server of servers) server.kill('SIGKILL');
  }
  dists.forEach((dist, i) => {
    const { key, tap } = samples[i];
    console.log(
      `render-cost: ${dist}: keys mean ${ms(mean(key))}, median ${ms(median(key))} (${key.length})` +
        ` | taps mean ${ms(mean(tap))}, median ${ms(median(tap))} (${tap.length})`,
    );
  });
}

await main();
