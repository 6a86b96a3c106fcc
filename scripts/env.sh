# Sourced by the other scripts (from the repository root): where the tools
# are, and the build's flags, for whichever user runs them and wherever their
# Cargo home is ($CARGO_HOME, else ~/.cargo).
CARGO_HOME=${CARGO_HOME:-$HOME/.cargo}
export PATH="$CARGO_HOME/bin:$PWD/node_modules/.bin:$PATH"

# Panic messages in the wasm carry the source path of each crates.io crate
# (…/registry/src/index.crates.io-1949cf8c6b5b557f/yew-0.23.0/src/…). Mapped
# to `c/yew-0.23.0/src/…`, the wasm is the same whoever builds it and wherever
# their Cargo home is, and 1.9 KB smaller (about 60 bytes brotli; measured
# with /root/.cargo). Only for the wasm target, so native builds and tests keep
# their paths and are not rebuilt. A plain `trunk build` without this file
# works too, with the long paths.
registry_src="$CARGO_HOME/registry/src/index.crates.io-1949cf8c6b5b557f"
if [[ "$registry_src" != *[[:space:]]* ]]; then
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--remap-path-prefix=$registry_src=c"
fi
unset registry_src
