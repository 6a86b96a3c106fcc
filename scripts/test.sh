#!/usr/bin/env bash
# Set up, then: Rust tests, node tests, release build, size budget, browser (Playwright) tests, Lighthouse.
# Exits non-zero on the first failure. SIZE_BUDGET=bytes overrides the brotli budget
# (PROJECT_BUDGET in scripts/size.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/env.sh

step() {
  local name=$1; shift
  local t=$(date +%s)
  echo "== test: $name"
  "$@"
  echo "== test: $name ok ($(( $(date +%s) - t ))s)"
}

step setup scripts/setup.sh
step "cargo test --workspace" cargo test --workspace
# The build scripts (post-build hook, service worker), the mock portal, the documents' paths.
step "node tests" node --test tests/node/
step "trunk build --release" trunk build --release
# The budget is PROJECT_BUDGET in scripts/size.sh (SIZE_BUDGET=bytes overrides it).
step "size budget" scripts/size.sh
step "e2e (playwright)" npx --no-install playwright test
# Accessibility and best practices are deterministic and must be 100. The
# performance score and the largest paint (targets: 98 and 1200 ms, the median
# of three runs) depend on how busy the machine is, so here they are printed,
# not enforced: run scripts/lighthouse.sh alone on a quiet machine to hold them.
step "lighthouse" env LH_MIN_PERFORMANCE="${LH_MIN_PERFORMANCE:-0}" LH_MAX_LCP_MS="${LH_MAX_LCP_MS:-1000000}" scripts/lighthouse.sh
