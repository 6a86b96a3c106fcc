#!/usr/bin/env bash
# Brotli (-q 11) size of every file in dist/ and the total; fails if the total
# exceeds the budget in bytes: the first argument, else $SIZE_BUDGET, else
# PROJECT_BUDGET below. DIST=... to measure another folder. Every file
# counts, the <noscript> plan tables and embed.js included: the budget is for
# the whole dist/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# The project's size budget: brotli bytes for the whole dist/. The one place
# it is written; scripts/test.sh and the documents refer here.
PROJECT_BUDGET=130000

BUDGET=${1:-${SIZE_BUDGET:-$PROJECT_BUDGET}}
DIST=${DIST:-dist}

if [[ ! -d "$DIST" ]]; then echo "size: no $DIST/ (run trunk build --release first)" >&2; exit 1; fi
command -v brotli >/dev/null || { echo "size: brotli not installed (scripts/setup.sh)" >&2; exit 1; }

total=0; raw_total=0; n=0
printf '%10s %10s  %s\n' brotli raw file
while IFS= read -r -d '' f; do
  raw=$(wc -c <"$f")
  br=$(brotli -c -q 11 -- "$f" | wc -c)
  printf '%10d %10d  %s\n' "$br" "$raw" "${f#"$DIST"/}"
  total=$((total + br)); raw_total=$((raw_total + raw)); n=$((n + 1))
done < <(find "$DIST" -type f -print0 | sort -z)

if (( n == 0 )); then echo "size: $DIST/ is empty" >&2; exit 1; fi
printf '%10d %10d  TOTAL (%d files; budget %d bytes brotli)\n' "$total" "$raw_total" "$n" "$BUDGET"
if (( total > BUDGET )); then
  echo "size: FAIL: $total bytes brotli > budget $BUDGET" >&2
  exit 1
fi
echo "size: ok, $total <= $BUDGET bytes brotli"
