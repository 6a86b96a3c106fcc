# Sourced by the other scripts (from the repository root): where the tools
# are, and the build's flags, for whichever user runs them and wherever their
# Cargo home is ($CARGO_HOME, else ~/.cargo).
CARGO_HOME=${CARGO_HOME:-$HOME/.cargo}
export PATH="$CARGO_HOME/bin:$PWD/node_modules/.bin:$PATH"

# `trunk` is scripts/bin/trunk, which builds the wasm for size and then runs
# the installed Trunk.
export PATH="$PWD/scripts/bin:$PATH"
