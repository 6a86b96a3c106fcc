#!/usr/bin/env bash
# Lighthouse 12 (mobile preset, simulated throttling) against the release
# build in dist/, served by scripts/serve-dist.mjs, three times. Prints each
# run's scores and the median; fails if the median performance is below 98
# or the median largest contentful paint above 1200 ms, or if any run's
# accessibility or best practices is below 100, and then lists the audits
# that cost points (in the median run).
# Full reports: target/lighthouse/report-N.json; report.json is the median run's.
# DIST=dir to measure another build, LH_PORT=port (default 4180) to serve on another port,
# LH_RUNS=n runs (default 3); LH_MIN_PERFORMANCE / LH_MAX_LCP_MS / LH_MIN_ACCESSIBILITY /
# LH_MIN_BEST_PRACTICES override the thresholds.
# Scores (performance above all) drop when other jobs load the machine.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/env.sh
DIST=${DIST:-dist}
PORT=${LH_PORT:-4180}
OUT=target/lighthouse
URL="http://127.0.0.1:$PORT/"
RUNS=${LH_RUNS:-3}
# Same flags as the Playwright tests: quiet Chromium on a closed network.
FLAGS="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync"

if [[ ! -f "$DIST/index.html" ]]; then echo "lighthouse: no $DIST/index.html (run trunk build --release first)" >&2; exit 1; fi
mkdir -p "$OUT"
rm -f "$OUT"/report*.json

node scripts/serve-dist.mjs "$DIST" "$PORT" >"$OUT/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  if curl -fsS -o /dev/null "$URL" 2>/dev/null; then break; fi
  if ! kill -0 "$server" 2>/dev/null; then echo "lighthouse: server did not start:" >&2; cat "$OUT/server.log" >&2; exit 1; fi
  sleep 0.1
done

for run in $(seq "$RUNS"); do
  if ! CHROME_PATH=/usr/bin/chromium npx --no-install lighthouse "$URL" \
      --output=json --output-path="$OUT/report-$run.json" \
      --only-categories=performance,accessibility,best-practices,seo \
      --chrome-flags="$FLAGS" >"$OUT/lighthouse.log" 2>&1; then
    echo "lighthouse: run $run failed (last lines of $OUT/lighthouse.log follow)" >&2
    tail -n 30 "$OUT/lighthouse.log" >&2
    exit 1
  fi
done

MIN_PERF=${LH_MIN_PERFORMANCE:-98} MAX_LCP=${LH_MAX_LCP_MS:-1200} MIN_A11Y=${LH_MIN_ACCESSIBILITY:-100} MIN_BP=${LH_MIN_BEST_PRACTICES:-100} \
node - "$OUT" "$RUNS" <<'JS'
const fs = require('node:fs');
const [out, runs] = [process.argv[2], +process.argv[3]];
const env = process.env;
const reports = Array.from({ length: runs }, (_, i) => JSON.parse(fs.readFileSync(`${out}/report-${i + 1}.json`, 'utf8')));
const score = (lhr, id) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
const lcp = (lhr) => lhr.audits['largest-contentful-paint']?.numericValue ?? Infinity;
const metric = (lhr, id) => lhr.audits[id]?.displayValue ?? '-';
const cats = ['performance', 'accessibility', 'best-practices', 'seo'];
reports.forEach((lhr, i) => {
  console.log(`lighthouse: run ${i + 1}: ` + cats.map((id) => `${id} ${lhr.categories[id] ? score(lhr, id) : '-'}`).join(', ') +
    `; first contentful paint ${metric(lhr, 'first-contentful-paint')}, largest ${metric(lhr, 'largest-contentful-paint')}, ` +
    `total blocking time ${metric(lhr, 'total-blocking-time')}, layout shift ${metric(lhr, 'cumulative-layout-shift')}`);
});
// The median run by performance score (then by largest paint); the median largest paint on its own.
const byPerf = [...reports].sort((a, b) => score(a, 'performance') - score(b, 'performance') || lcp(b) - lcp(a));
const median = byPerf[Math.floor((runs - 1) / 2)];
const lcps = reports.map(lcp).sort((a, b) => a - b);
const medianLcp = lcps[Math.floor((runs - 1) / 2)];
fs.copyFileSync(`${out}/report-${reports.indexOf(median) + 1}.json`, `${out}/report.json`);
console.log(`lighthouse: median of ${runs}: performance ${score(median, 'performance')}, largest contentful paint ${Math.round(medianLcp)} ms`);

let failed = false;
for (const lhr of reports) {
  if (!lhr.runtimeError) continue;
  failed = true;
  console.error(`lighthouse: runtime error: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
}
const explain = (lhr, id) => {
  for (const ref of lhr.categories[id].auditRefs) {
    const a = lhr.audits[ref.id];
    const counts = ref.weight > 0 || (id === 'performance' && a.details?.type === 'opportunity');
    if (!counts || a.score === null || a.score >= (id === 'performance' ? 0.9 : 1)) continue;
    const value = a.displayValue ? ` (${a.displayValue})` : '';
    const items = (a.details?.items ?? []).slice(0, 5).map((it) =>
      it.node?.selector ?? it.url ?? it.description ?? it.source?.url ?? JSON.stringify(it).slice(0, 100));
    console.error(`  - ${a.id}: ${a.title}${value}${items.length ? `\n      ${items.join('\n      ')}` : ''}`);
  }
};
if (score(median, 'performance') < +env.MIN_PERF) {
  failed = true;
  console.error(`lighthouse: FAIL: median performance ${score(median, 'performance')} < ${env.MIN_PERF}; audits that cost points:`);
  explain(median, 'performance');
}
if (medianLcp > +env.MAX_LCP) {
  failed = true;
  console.error(`lighthouse: FAIL: median largest contentful paint ${Math.round(medianLcp)} ms > ${env.MAX_LCP} ms`);
}
for (const [id, min] of [['accessibility', +env.MIN_A11Y], ['best-practices', +env.MIN_BP]]) {
  const low = reports.find((lhr) => score(lhr, id) < min);
  if (!low) continue;
  failed = true;
  console.error(`lighthouse: FAIL: ${id} ${score(low, id)} < ${min}; audits that cost points:`);
  explain(low, id);
}
process.exit(failed ? 1 : 0);
JS
