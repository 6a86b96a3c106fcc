#!/usr/bin/env node
// The widget's own work per input (a benchmark, not a test): the release
// build in dist/, in Chromium at 360 px without CPU slowdown. The resident's
// inputs that latency.mjs makes (SEQUENCE in scripts/benchmark.mjs) are made
// in the page itself (a value set and an input event for a key, a label's
// click for a tap), and each is timed from the
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
import { chromium } from 'playwright-core';
import { SEQUENCE, serveBuilds } from './benchmark.mjs';

const dists = process.argv.length > 2 ? process.argv.slice(2, 4) : ['dist'];
const ROUNDS = Number(process.env.ROUNDS ?? 20);
const PORT = Number(process.env.COST_PORT ?? 4300);

// In the page: the inputs of `sequence` (SEQUENCE), each timed, with a
// rendered frame between two (as between a resident's inputs). A key sets
// the text box to what it would hold after the key.
async function replay(sequence) {
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const times = { key: [], tap: [] };
  for (const [kind, target, key] of sequence) {
    const element = document.querySelector(target);
    const start = performance.now();
    if (kind === 'key') {
      element.value = key === 'Backspace' ? element.value.slice(0, -1) : element.value + key;
      element.dispatchEvent(new InputEvent('input', { bubbles: true }));
    } else {
      element.click();
    }
    // The widget renders in a microtask queued by its event handler, before this one.
    await Promise.resolve();
    times[kind].push(performance.now() - start);
    await frame();
  }
  return times;
}

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(3)} ms`;

async function main() {
  const servers = await serveBuilds(dists, PORT);
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
        const times = await page.evaluate(replay, SEQUENCE);
        samples[which].key.push(...times.key);
        samples[which].tap.push(...times.tap);
      }
    }
  } finally {
    await browser.close();
    servers.stop();
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
