#!/usr/bin/env bash
# Screening throughput: generates a registry of ROWS residents (default
# 1,000,000; varied from the rows of docs/examples/registry.csv, a few of
# them bad) and screens it against the district rules, CSV in and out, with
# the summary. Prints rows a second; fails below MIN_RATE (default 50,000).
#   scripts/bench-screen.sh [ROWS]
# The release build is used (cargo build --release -p minsheng-cli).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROWS=${1:-1000000}
MIN_RATE=${MIN_RATE:-50000}
DIR=${TMPDIR:-/tmp}/minsheng-bench-screen
mkdir -p "$DIR"

cargo build --release -p minsheng-cli --quiet
BIN=target/release/minsheng

echo "generating $ROWS rows in $DIR/registry.csv" >&2
# Every example row in turn, with its own id and an age moved by up to ±4
# years (which moves the pension supplements and the age tests); one row in
# 1,000 gets an age of "abc" and is refused.
awk -F, -v OFS=, -v rows="$ROWS" '
  NR == 1 { print; next }
  $1 != "R009" && $1 != "R010" { t[n++] = $0 }
  END {
    for (i = 0; i < rows; i++) {
      split(t[i % n], f, ",")
      f[1] = sprintf("P%07d", i + 1)
      f[3] = (i % 1000 == 999) ? "abc" : f[3] + (i % 9) - 4
      line = f[1]
      for (k = 2; k <= 20; k++) line = line OFS f[k]
      print line
    }
  }' docs/examples/registry.csv >"$DIR/registry.csv"

input=$DIR/registry.csv
out=$DIR/results.csv
echo "screening on $(nproc) cores" >&2
start=$(date +%s.%N)
status=0
"$BIN" screen --date 2025-03-01 --jurisdiction xx-district --out "$out" --summary "$DIR/summary.csv" "$input" \
  2>"$DIR/stderr.txt" || status=$?
end=$(date +%s.%N)
if [[ $status -ge 2 ]]; then cat "$DIR/stderr.txt" >&2; exit "$status"; fi

rate=$(awk -v r="$ROWS" -v s="$start" -v e="$end" 'BEGIN { printf "%d", r / (e - s) }')
secs=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", e - s }')
grep -E '^(汇总|summary)' "$DIR/stderr.txt" >&2 || true
echo "screened $ROWS rows in $secs s: $rate rows/s ($(du -h "$out" | cut -f1) of results)"
if [[ $rate -lt $MIN_RATE ]]; then
  echo "bench-screen: below $MIN_RATE rows/s" >&2
  exit 1
fi
