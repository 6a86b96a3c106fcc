#!/usr/bin/env bash
# Writes static/plan.html, the whole plan (every jurisdiction's items, each
# benefit with the plan's sentence; the widget and index.html's <noscript>
# link it; static/plan.js adds the search), from rules/ with
# `minsheng catalog --html --brief`. Rewrites the file only when it changed.
#   scripts/gen-plan.sh           regenerate (then commit static/plan.html)
#   scripts/gen-plan.sh --check   fail if static/plan.html is out of date; write nothing
# crates/cli/tests/plan_html.rs makes the same check under `cargo test`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/env.sh
OUT=static/plan.html

tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
cargo run --quiet -p minsheng-cli -- catalog --html --brief >"$tmp"

if [[ "${1:-}" == "--check" ]]; then
  if ! cmp -s "$tmp" "$OUT"; then
    echo "gen-plan: $OUT is out of date with rules/ (run scripts/gen-plan.sh and commit it)" >&2
    exit 1
  fi
  exit 0
fi
mkdir -p "$(dirname "$OUT")"
if ! cmp -s "$tmp" "$OUT"; then
  cp "$tmp" "$OUT"
  echo "gen-plan: wrote $OUT"
fi
