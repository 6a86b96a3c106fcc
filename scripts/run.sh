#!/usr/bin/env bash
# Set up, then build the widget in release mode and serve it on http://127.0.0.1:8080
# (trunk serve rebuilds on change). PORT=... to use another port.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/setup.sh
source scripts/env.sh
PORT=${PORT:-8080}
echo "run: trunk serve --release on http://127.0.0.1:$PORT/"
exec trunk serve --release --address 127.0.0.1 --port "$PORT" "$@"
