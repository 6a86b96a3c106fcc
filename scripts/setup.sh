#!/usr/bin/env bash
# Idempotent set-up for a fresh Debian 12 machine that has only the Rust
# toolchain, node 20 / npm and python 3. Each step prints one line: what it did
# or why it skipped. Verbose tool output goes to target/setup-logs/ (shown on failure).
# Versions pinned here are the ones known to work with Rust 1.95 (rust-toolchain.toml) on Debian 12.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD

TRUNK_VERSION=0.21.14
WASM_TARGET=wasm32-unknown-unknown
APT_PACKAGES=(chromium fonts-noto-cjk brotli)
RUST_VERSION=$(sed -n 's/^channel *= *"\(.*\)"/\1/p' rust-toolchain.toml)

source scripts/env.sh
LOGDIR="$ROOT/target/setup-logs"
mkdir -p "$LOGDIR"

say() { printf 'setup: %s\n' "$*"; }
# run_logged NAME CMD...: run quietly into a log; on failure show its tail and stop.
run_logged() {
  local name=$1; shift
  local log="$LOGDIR/$name.log"
  if ! "$@" >"$log" 2>&1; then
    say "FAILED: $* (last lines of $log follow)"
    tail -n 40 "$log" >&2
    exit 1
  fi
}
elapsed() { echo "$(( $(date +%s) - $1 ))s"; }

# 0. The Rust toolchain of rust-toolchain.toml. Where the same release is
# installed only as `stable`, it is linked under its number: nothing to download.
if rustup toolchain list | grep -q "^$RUST_VERSION-"; then
  say "skip rust $RUST_VERSION (installed)"
elif [[ "$(rustup run stable rustc -V 2>/dev/null)" == "rustc $RUST_VERSION "* ]]; then
  run_logged rustup-link rustup toolchain link "$RUST_VERSION" "$(rustup run stable rustc --print sysroot)"
  say "linked rust $RUST_VERSION to the installed stable toolchain"
else
  t=$(date +%s); run_logged rustup-toolchain rustup toolchain install "$RUST_VERSION" --profile minimal --target "$WASM_TARGET"
  say "installed rust $RUST_VERSION ($(elapsed "$t"))"
fi

# 1. wasm target (looked for in the toolchain itself: `rustup target list` refuses linked toolchains)
if [[ -d "$(rustc --print sysroot)/lib/rustlib/$WASM_TARGET/lib" ]]; then
  say "skip rustup target $WASM_TARGET (already installed)"
else
  t=$(date +%s)
  # A linked toolchain takes no targets: add it to the `stable` it points to.
  if ! rustup target add "$WASM_TARGET" >"$LOGDIR/rustup-target.log" 2>&1; then
    run_logged rustup-target rustup target add --toolchain stable "$WASM_TARGET"
  fi
  say "installed rustup target $WASM_TARGET ($(elapsed "$t"))"
fi

# 1b. The standard library's source: the wasm is built with std compiled
# for size along with the widget (scripts/bin/trunk says why).
if [[ -d "$(rustc --print sysroot)/lib/rustlib/src/rust/library/std" ]]; then
  say "skip rust-src (already installed)"
else
  t=$(date +%s)
  if ! rustup component add rust-src >"$LOGDIR/rust-src.log" 2>&1; then
    run_logged rust-src rustup component add --toolchain stable rust-src
  fi
  say "installed rust-src ($(elapsed "$t"))"
fi

# 2. Trunk (needs --locked; 0.22 wants a newer rustc)
have_trunk=$(trunk --version 2>/dev/null || true)
if [[ "$have_trunk" == "trunk $TRUNK_VERSION" ]]; then
  say "skip trunk $TRUNK_VERSION (already installed)"
else
  t=$(date +%s); run_logged trunk cargo install trunk --version "$TRUNK_VERSION" --locked --force
  say "installed trunk $TRUNK_VERSION ($(elapsed "$t"); was: ${have_trunk:-none})"
fi

# 3. wasm-bindgen CLI = the wasm-bindgen version in Cargo.lock. Not --locked: 0.2.130's own lock wants
# webpki-roots 1.0.11, which the registry mirror here lacks (checked with 0.2.130; retry on a version bump).
if [[ ! -f Cargo.lock ]]; then
  run_logged lockfile cargo metadata --format-version 1
fi
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [[ -z "$WB_VERSION" ]]; then
  say "FAILED: no wasm-bindgen entry in Cargo.lock"; exit 1
fi
TRUNK_WB=$(sed -n 's/^wasm_bindgen *= *"\(.*\)".*/\1/p' Trunk.toml)
if [[ "$TRUNK_WB" != "$WB_VERSION" ]]; then
  say "FAILED: Trunk.toml [tools] wasm_bindgen = \"$TRUNK_WB\" but Cargo.lock has wasm-bindgen $WB_VERSION"; exit 1
fi
have_wb=$(wasm-bindgen --version 2>/dev/null || true)
if [[ "$have_wb" == "wasm-bindgen $WB_VERSION" ]]; then
  say "skip wasm-bindgen-cli $WB_VERSION (already installed, matches Cargo.lock)"
else
  t=$(date +%s); run_logged wasm-bindgen-cli cargo install wasm-bindgen-cli --version "$WB_VERSION" --force
  say "installed wasm-bindgen-cli $WB_VERSION ($(elapsed "$t"); was: ${have_wb:-none})"
fi

# 4. Debian packages: Chromium for the e2e tests, CJK fonts (else Chinese renders as boxes), brotli for size.sh
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if (( ${#missing[@]} == 0 )); then
  say "skip apt ${APT_PACKAGES[*]} (already installed)"
else
  SUDO=()
  if [[ $(id -u) -ne 0 ]]; then
    # Not root: only a sudo that asks no password can install them from here.
    if ! sudo -n true 2>/dev/null; then
      say "FAILED: missing Debian packages ${missing[*]}; as root run: apt-get install -y --no-install-recommends ${missing[*]}"
      exit 1
    fi
    SUDO=(sudo -n)
  fi
  t=$(date +%s)
  run_logged apt-update "${SUDO[@]}" apt-get update
  run_logged apt-install "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
  say "installed apt ${missing[*]} ($(elapsed "$t"))"
fi

# 5. npm devDependencies (exact pins, package-lock.json): Playwright, axe-core, binaryen (wasm-opt), Lighthouse.
# Never `npx playwright install`: Chromium comes from Debian.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
STAMP=node_modules/.setup-stamp
if [[ -f package-lock.json ]]; then
  want=$(sha256sum package.json package-lock.json | sha256sum | cut -d' ' -f1)
  if [[ -f "$STAMP" && "$(cat "$STAMP")" == "$want" ]]; then
    say "skip npm ci (node_modules matches package-lock.json)"
  else
    t=$(date +%s); run_logged npm npm ci --no-audit --no-fund
    sha256sum package.json package-lock.json | sha256sum | cut -d' ' -f1 >"$STAMP"
    say "ran npm ci ($(elapsed "$t"))"
  fi
else
  t=$(date +%s); run_logged npm npm install --no-audit --no-fund
  sha256sum package.json package-lock.json | sha256sum | cut -d' ' -f1 >"$STAMP"
  say "ran npm install, wrote package-lock.json ($(elapsed "$t"))"
fi

# 6. wasm-opt for Trunk (Trunk.toml pins version_132; node_modules/.bin is on PATH in every script)
wo=$(wasm-opt --version 2>/dev/null || true)
if [[ "$wo" != *"version 132"* ]]; then
  say "FAILED: wasm-opt on PATH is '${wo:-missing}', want version 132 from npm binaryen"; exit 1
fi
say "ok wasm-opt version 132 at $(command -v wasm-opt)"
