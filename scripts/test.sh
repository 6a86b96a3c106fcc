#!/usr/bin/env bash
# Set up, then: Rust tests, release build, size budget, browser (Playwright) tests, Lighthouse.
# Exits non-zero on the first failure. SIZE_BUDGET=bytes overrides the brotli budget.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

step() {
  local name=$1; shift
  local t=$(date +%s)
  echo "== test: $name"
  "$@"
  echo "== test: $name ok ($(( $(date +%s) - t ))s)"
}

step setup scripts/setup.sh
step "cargo test --workspace" cargo test --workspace
step "trunk build --release" trunk build --release
# The build is about 130 KB brotli; fail well before the old 150 KB ceiling so
# weight cannot creep back unnoticed.
step "size budget" scripts/size.sh "${SIZE_BUDGET:-130000}"
step "e2e (playwright)" npx --no-install playwright test
# Accessibility and best practices are deterministic and must be 100. The
# performance score (target: 95) depends on how busy the machine is, so here
# it is printed, not enforced: run scripts/lighthouse.sh alone to hold it to 95.
step "lighthouse" env LH_MIN_PERFORMANCE="${LH_MIN_PERFORMANCE:-0}" scripts/lighthouse.sh
