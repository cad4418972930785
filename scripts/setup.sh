#!/usr/bin/env bash
# Installs everything the build and the tests need, skipping whatever is already there.
# Safe to run again and again (scripts/test.sh and scripts/serve.sh run it every time).
#
#   bash scripts/setup.sh           # everything: build tools, browser, e2e tools, cargo-fuzz
#   bash scripts/setup.sh --serve   # only what building the site needs (no browser, no fuzzer)
#
# Needs: Debian/Ubuntu as root (or sudo), Rust via rustup, Node 20 + npm, python3.
# Only crates.io, Debian apt and the npm registry are used: no tool may download its own
# binaries from elsewhere (that is why trunk runs offline with the tools installed here).
# Unattended: no prompts (CI runs it with CI=true and no stdin).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

MODE=all
case "${1:-}" in
  "") ;;
  --serve) MODE=serve ;;
  -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
  *) echo "setup.sh: unknown option '$1' (use --serve or nothing)" >&2; exit 2 ;;
esac

TRUNK_VERSION=0.21.14
CARGO_FUZZ_VERSION=0.13.2

say()  { printf '==> setup: %s\n' "$*"; }
skip() { printf '==> setup: skip: %s\n' "$*"; }
die()  { printf '==> setup: ERROR: %s\n' "$*" >&2; exit 1; }
# timed STEP-NAME CMD...: runs CMD and prints how long it took
timed() {
  local name="$1"; shift
  local t0=$SECONDS
  "$@"
  say "$name took $((SECONDS - t0)) s"
}

# cargo-installed tools live here; make sure they are found even in a bare environment
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

# ---------------------------------------------------------------- prerequisites
command -v cargo  >/dev/null || die "cargo not found: install Rust with rustup (https://rustup.rs), then rerun"
command -v rustup >/dev/null || die "rustup not found: the wasm32 target is added with rustup; install Rust with rustup"
command -v node   >/dev/null || die "node not found: install Node.js 20 (with npm), then rerun"
command -v npm    >/dev/null || die "npm not found: install npm (comes with Node.js 20), then rerun"
command -v python3 >/dev/null || die "python3 not found: apt-get install -y python3"
NODE_MAJOR="$(node -p 'process.versions.node.split(".")[0]')"
[ "$NODE_MAJOR" -ge 20 ] || die "Node.js $(node --version) is too old: Node 20 or newer is needed (playwright-core)"

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then SUDO="sudo -n"; fi
fi

# ---------------------------------------------------------------- Chromium (e2e + browser tests)
if [ "$MODE" = all ]; then
  if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
    skip "chromium + chromium-driver already installed ($(chromium --version 2>/dev/null | head -1))"
  else
    say "installing chromium + chromium-driver (apt)"
    install_chromium() {
      $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q
      $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
        chromium chromium-driver
    }
    timed "apt chromium" install_chromium </dev/null || die "apt-get install chromium chromium-driver failed (root needed)"
  fi
fi

# ---------------------------------------------------------------- Rust target
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  skip "rustup target wasm32-unknown-unknown already installed"
else
  timed "rustup target add" rustup target add wasm32-unknown-unknown
fi

# ---------------------------------------------------------------- trunk
# 0.22.x needs a newer rustc than 1.95: keep 0.21.14.
if [ "$(trunk --version 2>/dev/null || true)" = "trunk $TRUNK_VERSION" ]; then
  skip "trunk $TRUNK_VERSION already installed"
else
  say "installing trunk $TRUNK_VERSION (cargo install, ~6.5 min on 2 cores)"
  timed "cargo install trunk" cargo install trunk --version "$TRUNK_VERSION" --locked --force </dev/null
fi

# ---------------------------------------------------------------- wasm-bindgen-cli
# Must be exactly the wasm-bindgen version in Cargo.lock (and Trunk.toml's [tools] pin).
WBG_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/^version = "|"$/, ""); print; exit }' Cargo.lock)"
[ -n "$WBG_VERSION" ] || die "could not read the wasm-bindgen version from Cargo.lock"
if ! grep -q "^wasm_bindgen = \"$WBG_VERSION\"" Trunk.toml; then
  die "Trunk.toml [tools] wasm_bindgen does not match Cargo.lock's wasm-bindgen $WBG_VERSION: make them equal"
fi
if [ "$(wasm-bindgen --version 2>/dev/null || true)" = "wasm-bindgen $WBG_VERSION" ]; then
  skip "wasm-bindgen-cli $WBG_VERSION already installed"
else
  say "installing wasm-bindgen-cli $WBG_VERSION (cargo install, ~2 min)"
  # NOT --locked: its lock file pins a crate version the registry here lacks.
  timed "cargo install wasm-bindgen-cli" cargo install wasm-bindgen-cli --version "$WBG_VERSION" --force </dev/null
fi

# ---------------------------------------------------------------- npm tools (tests/e2e)
# binaryen 132 gives trunk its wasm-opt (Debian's wasm-opt 108 can't parse Rust 1.95 output);
# playwright-core drives Debian's Chromium. Never `npx playwright install`.
E2E="$ROOT/tests/e2e"
npm_ok() {
  [ -x "$E2E/node_modules/.bin/wasm-opt" ] || return 1
  "$E2E/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -q "version 132" || return 1
  (cd "$E2E" && node -e '
    const fs = require("fs");
    const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8")).packages;
    for (const [p, meta] of Object.entries(lock)) {
      if (!p.startsWith("node_modules/")) continue;
      const v = JSON.parse(fs.readFileSync(p + "/package.json", "utf8")).version;
      if (v !== meta.version) process.exit(1);
    }') 2>/dev/null
}
if npm_ok; then
  skip "npm packages in tests/e2e already match package-lock.json"
else
  say "npm ci in tests/e2e (binaryen 132 for wasm-opt, playwright-core, axe-core)"
  timed "npm ci" bash -c 'cd "$1" && npm ci --no-audit --no-fund' _ "$E2E" </dev/null
fi

# ---------------------------------------------------------------- cargo-fuzz
if [ "$MODE" = all ]; then
  if cargo fuzz --version >/dev/null 2>&1; then
    skip "cargo-fuzz already installed ($(cargo fuzz --version 2>/dev/null))"
  else
    say "installing cargo-fuzz $CARGO_FUZZ_VERSION (cargo install)"
    if ! timed "cargo install cargo-fuzz" cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked </dev/null; then
      say "cargo install --locked failed; trying without --locked"
      timed "cargo install cargo-fuzz" cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" </dev/null \
        || say "WARNING: cargo-fuzz could not be installed: scripts/test.sh will skip fuzzing"
    fi
  fi
fi

# ---------------------------------------------------------------- crates
# Trunk.toml has offline = true, so trunk runs cargo --offline: fetch every crate first.
timed "cargo fetch" cargo fetch </dev/null

say "done (mode: $MODE)"
