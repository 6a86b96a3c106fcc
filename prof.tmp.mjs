import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 360, height: 640 } });
await page.goto('http://127.0.0.1:4192/');
await page.waitForSelector('#results:not([aria-busy])');
await page.click('label[for="q-hukou-rural"]');
await page.click('label[for="q-situations-assistance"]');
await page.focus('#q-age');
const cdp = await page.context().newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
await cdp.send('Profiler.start');
for (let r = 0; r < 6; r++) {
  for (const l of ['q-situations-disability','q-situations-military','q-sex-female','q-sex-male','q-situations-disability','q-situations-military']) { await page.click(`label[for="${l}"]`); await page.waitForTimeout(150); }
}
const { profile } = await cdp.send('Profiler.stop');
const byId = new Map(profile.nodes.map(n => [n.id, { ...n, self: 0 }]));
const dt = profile.timeDeltas;
profile.samples.forEach((id, i) => { byId.get(id).self += dt[i] || 0; });
const parent = new Map();
for (const n of byId.values()) for (const c of (n.children||[])) parent.set(c, n.id);
const incl = new Map();
function total(id){ if (incl.has(id)) return incl.get(id); const n = byId.get(id); let t = n.self; for (const c of (n.children||[])) t += total(c); incl.set(id,t); return t; }
const name = n => (n.callFrame.functionName || '(anon)') .replace(/::h[0-9a-f]{16}/,'').slice(0,110);
// Find nodes named like yew listener handling; print tree from root with inclusive >= 1% 
const root = profile.nodes[0].id; const T = total(root);
function walk(id, depth) {
  const n = byId.get(id); const t = total(id);
  if (t < T * 0.002 || depth > 60) return;
  const nm = name(n);
  if (!['(root)','(idle)','(program)'].includes(nm) || depth < 2) console.log(' '.repeat(depth) + (t/1000).toFixed(1) + ' ' + nm);
  for (const c of (n.children||[]).sort((a,b)=>total(b)-total(a))) walk(c, depth+1);
}
walk(root, 0);
await browser.close();
