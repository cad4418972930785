#!/usr/bin/env bash
# Builds the site and serves it locally:
#
#   bash scripts/serve.sh                 # http://127.0.0.1:8080/
#   PORT=9000 bash scripts/serve.sh       # another port
#   SKIP_BUILD=1 bash scripts/serve.sh    # serve the dist/ that is already built
#
# Runs scripts/setup.sh --serve first (installs only what building needs: the wasm32
# target, trunk, wasm-bindgen-cli, wasm-opt from npm; skips what is there), then
# `trunk build --release`, then serves dist/ with python3's http.server until Ctrl-C.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PORT="${PORT:-8080}"
BIND="${BIND:-127.0.0.1}"

export PATH="$ROOT/tests/e2e/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
  bash scripts/setup.sh --serve
  trunk build --release --skip-version-check
fi
[ -f dist/index.html ] || { echo "serve: dist/index.html is missing: build first (run without SKIP_BUILD=1)" >&2; exit 1; }

echo
echo "ECS Playground: http://$BIND:$PORT/   (Ctrl-C to stop)"
echo
exec python3 -m http.server "$PORT" --bind "$BIND" --directory dist
