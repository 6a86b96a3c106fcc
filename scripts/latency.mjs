#!/usr/bin/env node
// Input latency of the widget (a benchmark, not a test): the release build in
// dist/, in Chromium at 360 px with the CPU slowed 4× (Chrome DevTools'
// `Emulation.setCPUThrottlingRate`, a mid-range phone), a resident answering:
// an age typed digit by digit, two choices, situations ticked, a household's
// size and income typed, the age corrected. Per keystroke or tap it takes,
// in the page, the time from the input event (its timestamp: the key or the
// tap) to
//   dom:   the DOM updated, the widget's work done (the mutation observer's
//          callback after the last change; the effects after a render
//          included), and
//   frame: the next frame after that rendered (its style, layout and paint
//          done on the main thread; the screen shows it a little later).
// Prints the median, p90 and count of each, in all and per kind of input.
//
// Given two builds, it compares them: passes alternate between the two (A B,
// B A, A B, …) in one browser, so a busy moment of the machine weighs on
// both alike, and it prints each build's figures and the median of the
// differences input by input. On a shared virtual machine a run can differ
// from the next by several milliseconds; this pairing is how a change is
// judged.
//
// Usage: node scripts/latency.mjs [DIST=dist] [OTHER_DIST]
// Environment: RATE (CPU slowdown, default 4), ROUNDS (passes over the
// sequence per build, default 5), LATENCY_PORT (default 4190, and the next
// port for OTHER_DIST), JSON=1 for one JSON line.
import { chromium } from 'playwright-core';
import { SEQUENCE, serveBuilds } from './benchmark.mjs';

const dists = process.argv.length > 2 ? process.argv.slice(2, 4) : ['dist'];
const RATE = Number(process.env.RATE ?? 4);
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const PORT = Number(process.env.LATENCY_PORT ?? 4190);
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// In the page: the input's timestamp, the last mutation, the frame after it.
function probe() {
  const m = (window.__latency = { start: null, dom: null, frame: null });
  const begin = (e) => {
    if (m.start === null) m.start = e.timeStamp;
  };
  addEventListener('keydown', begin, true);
  addEventListener('pointerdown', begin, true);
  addEventListener('DOMContentLoaded', () => {
    new MutationObserver(() => {
      if (m.start === null) return;
      m.dom = performance.now();
      // A message posted from the frame's callbacks arrives once the
      // browser has rendered that frame (style, layout, paint).
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => (m.frame = performance.now());
        channel.port2.postMessage(0);
      });
    }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] : NaN;
};
const ms = (x) => `${x.toFixed(1)} ms`;

/** One pass over SEQUENCE in `page`, from a fresh load of `url`: a sample per input. */
async function pass(page, cdp, url) {
  const samples = [];
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await page.goto(url);
  await page.locator('#results:not([aria-busy])').waitFor();
  await page.waitForTimeout(300);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: RATE });
  for (const [kind, target, k] of SEQUENCE) {
    if (kind === 'key') {
      const field = page.locator(target);
      if (!(await field.evaluate((el) => el === document.activeElement))) {
        await field.focus();
        await page.waitForTimeout(100);
      }
    } else {
      await page.locator(target).scrollIntoViewIfNeeded();
      await page.waitForTimeout(100);
    }
    await page.evaluate(() => Object.assign(window.__latency, { start: null, dom: null, frame: null }));
    if (kind === 'key') await page.keyboard.press(k);
    else await page.locator(target).click();
    await page.waitForFunction(() => window.__latency.frame !== null, null, { timeout: 5000 });
    await page.waitForTimeout(150); // work in later tasks shows up as a later mutation
    const m = await page.evaluate(() => window.__latency);
    samples.push({ kind, dom: m.dom - m.start, frame: m.frame - m.start });
  }
  return samples;
}

async function main() {
  const servers = await serveBuilds(dists, PORT);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  const samples = dists.map(() => []);
  try {
    const context = await browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'zh-CN', serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.addInitScript(probe);
    const cdp = await context.newCDPSession(page);
    for (let round = 0; round < ROUNDS; round++) {
      for (let n = 0; n < dists.length; n++) {
        const which = (n + round) % dists.length;
        samples[which].push(...(await pass(page, cdp, `http://127.0.0.1:${PORT + which}/`)));
      }
    }
  } finally {
    await browser.close();
    servers.stop();
  }

  const stats = (xs) => ({ median: quantile(xs, 0.5), p90: quantile(xs, 0.9), count: xs.length });
  const reports = samples.map((of) => {
    const report = { rate: RATE, width: 360 };
    for (const [name, some] of [['all', of], ['keys', of.filter((s) => s.kind === 'key')], ['taps', of.filter((s) => s.kind === 'tap')]]) {
      report[name] = { dom: stats(some.map((s) => s.dom)), frame: stats(some.map((s) => s.frame)) };
    }
    return report;
  });
  // The same input in the two builds, the second's time less the first's.
  const paired = dists.length === 2 ? quantile(samples[0].map((s, i) => samples[1][i].dom - s.dom), 0.5) : undefined;
  if (process.env.JSON) {
    console.log(JSON.stringify(dists.length === 2 ? { [dists[0]]: reports[0], [dists[1]]: reports[1], paired_dom_median: paired } : reports[0]));
    return;
  }
  dists.forEach((dist, i) => {
    console.log(`latency: ${dist}: input → DOM updated, Chromium at 360 px, CPU ${RATE}× slower, ${ROUNDS} passes`);
    for (const name of ['all', 'keys', 'taps']) {
      const r = reports[i][name];
      console.log(
        `latency: ${name.padEnd(4)}  dom median ${ms(r.dom.median)}, p90 ${ms(r.dom.p90)}` +
          `  | frame rendered median ${ms(r.frame.median)}, p90 ${ms(r.frame.p90)}  (${r.dom.count} inputs)`,
      );
    }
  });
  if (paired !== undefined) console.log(`latency: ${dists[1]} − ${dists[0]}, input by input: median ${ms(paired)}`);
}

await main();
