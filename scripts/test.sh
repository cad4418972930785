#!/usr/bin/env bash
# THE test command (CI runs it through .ci/run). From a fresh clone:
#
#   bash scripts/test.sh
#
# Steps, in order, stopping at the first failure:
#   1. scripts/setup.sh                 install/skip the tools (idempotent)
#   2. cargo test                       native unit, integration and property tests
#   3. cargo test --target wasm32 ...   tests/web.rs in headless Chromium (wasm-bindgen-test)
#   4. trunk build --release            the site, into dist/
#   5. node --test (tests/e2e)          end-to-end tests: dist/ served on 127.0.0.1, Chromium
#   6. cargo fuzz run (each target)     a short fuzz run per target (FUZZ_SECONDS each)
#   7. scripts/size-report.sh           wasm/JS/CSS sizes; fails over the gzip ceiling
#
# Environment knobs:
#   FUZZ_SECONDS=45     seconds per fuzz target (0 skips fuzzing)
#   FUZZ_SANITIZER=none cargo fuzz --sanitizer (none|address); the engine is safe Rust
#   SKIP_SETUP=1        don't run scripts/setup.sh (tools already installed)
#   SKIP_WASM_TESTS=1   skip step 3
#   SIZE_LIMIT_KB=600   gzip ceiling for dist/*.wasm + *.js + *.css (target 400: see size-report.sh)
#   ONLY=e2e,size       run only these steps (setup,cargo,wasm,build,e2e,fuzz,size)
# Logs of every step: target/test-logs/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

FUZZ_SECONDS="${FUZZ_SECONDS:-45}"
FUZZ_SANITIZER="${FUZZ_SANITIZER:-none}"
LOGS="$ROOT/target/test-logs"
mkdir -p "$LOGS"

export PATH="$ROOT/tests/e2e/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

PASSED=0
FAILED=0
CURRENT=""
TIMINGS=()

banner() { printf '\n======== %s ========\n' "$*"; }
note()   { printf '==> test: %s\n' "$*"; }

on_exit() {
  local rc=$?
  if [ $rc -ne 0 ]; then
    echo
    note "FAILED in step: ${CURRENT:-?} (exit $rc). Logs: target/test-logs/"
    [ ${#TIMINGS[@]} -gt 0 ] && printf '  %s\n' "${TIMINGS[@]}"
    [ "$FAILED" -gt 0 ] || FAILED=1   # a failed step that counted no test still counts once
    echo "summary: $PASSED passed, $FAILED failed"
  fi
}
trap on_exit EXIT

# want KEY: is this step selected (ONLY unset, or KEY in the comma-separated ONLY)?
want() { [ -z "${ONLY:-}" ] || [[ ",$ONLY," == *",$1,"* ]]; }

# step NAME CMD...: runs CMD as a named, timed step
step() {
  CURRENT="$1"; shift
  banner "$CURRENT"
  local t0=$SECONDS
  "$@"
  TIMINGS+=("$(printf '%-28s %5d s' "$CURRENT" $((SECONDS - t0)))")
  CURRENT=""
}

# Adds the counts from cargo test's "test result:" lines in a log.
count_cargo() {
  local p f
  p=$(awk '/^test result:/ { for (i = 1; i < NF; i++) if ($(i+1) ~ /^passed/) s += $i } END { print s + 0 }' "$1")
  f=$(awk '/^test result:/ { for (i = 1; i < NF; i++) if ($(i+1) ~ /^failed/) s += $i } END { print s + 0 }' "$1")
  PASSED=$((PASSED + p)); FAILED=$((FAILED + f))
}

# logged LOG CMD...: runs CMD, output to the terminal and to LOG; returns CMD's status
logged() {
  local log="$1"; shift
  local rc=0
  "$@" 2>&1 | tee "$log" || rc=$?
  return $rc
}

# ------------------------------------------------------------------------ 1. setup
if ! want setup; then
  :
elif [ "${SKIP_SETUP:-0}" = 1 ]; then
  note "SKIP_SETUP=1: not running scripts/setup.sh"
else
  step "setup" bash scripts/setup.sh
fi

# ------------------------------------------------------------------------ 2. cargo test
native_tests() {
  local rc=0
  logged "$LOGS/cargo-test.log" cargo test || rc=$?
  count_cargo "$LOGS/cargo-test.log"
  return $rc
}
if want cargo; then step "cargo test" native_tests; fi

# ------------------------------------------------------------------------ 3. browser unit tests
wasm_tests() {
  command -v chromedriver >/dev/null || { note "chromedriver missing: run scripts/setup.sh"; return 1; }
  # Only tests/web.rs: the other integration tests use native-only dev-dependencies.
  local rc=0
  logged "$LOGS/wasm-test.log" cargo test --target wasm32-unknown-unknown --test web || rc=$?
  count_cargo "$LOGS/wasm-test.log"
  return $rc
}
if ! want wasm; then
  :
elif [ "${SKIP_WASM_TESTS:-0}" = 1 ]; then
  note "SKIP_WASM_TESTS=1: skipping the wasm-bindgen browser tests"
elif [ -f tests/web.rs ]; then
  step "browser unit tests (wasm)" wasm_tests
fi

# ------------------------------------------------------------------------ 4. trunk build
site_build() {
  command -v wasm-opt >/dev/null && wasm-opt --version | grep -q "version 132" \
    || { note "wasm-opt 132 is not first on PATH (tests/e2e/node_modules/.bin): run scripts/setup.sh"; return 1; }
  rm -rf dist
  logged "$LOGS/trunk-build.log" trunk build --release --skip-version-check
  ls dist/*.wasm dist/*.js dist/index.html >/dev/null
}
if want build; then step "trunk build --release" site_build; fi

# ------------------------------------------------------------------------ 5. end-to-end
e2e() {
  local files=()
  (cd tests/e2e && ls *.test.mjs >/dev/null) || { note "no tests/e2e/*.test.mjs"; return 1; }
  mapfile -t files < <(cd tests/e2e && ls *.test.mjs)
  rm -rf tests/e2e/screenshots
  local rc=0 p f
  logged "$LOGS/e2e.log" env -C tests/e2e SITE_DIR="$ROOT/dist" \
    node --test --test-concurrency=1 --test-reporter=spec "${files[@]}" || rc=$?
  p=$(grep -E '^(ℹ|#) pass [0-9]+' "$LOGS/e2e.log" | tail -1 | grep -oE '[0-9]+$' || echo 0)
  f=$(grep -E '^(ℹ|#) fail [0-9]+' "$LOGS/e2e.log" | tail -1 | grep -oE '[0-9]+$' || echo 0)
  PASSED=$((PASSED + p)); FAILED=$((FAILED + f))
  note "screenshots: tests/e2e/screenshots/"
  return $rc
}
if want e2e; then step "e2e (headless Chromium)" e2e; fi

# ------------------------------------------------------------------------ 6. fuzz
fuzz() {
  export RUSTC_BOOTSTRAP=1   # cargo fuzz passes nightly-only flags; this lets stable rustc take them
  note "building fuzz targets (sanitizer: $FUZZ_SANITIZER)"
  if ! cargo fuzz build --sanitizer "$FUZZ_SANITIZER" >"$LOGS/fuzz-build.log" 2>&1; then
    tail -40 "$LOGS/fuzz-build.log"
    note "cargo fuzz build failed (full log: target/test-logs/fuzz-build.log)"
    return 1
  fi
  grep -E '^\s+Finished' "$LOGS/fuzz-build.log" || true
  local t bad=()
  for t in $(cargo fuzz list); do
    mkdir -p "fuzz/corpus/$t"
    note "fuzzing $t for ${FUZZ_SECONDS}s (corpus fuzz/corpus/$t, seeds fuzz/seeds/$t)"
    # A target's dictionary (fuzz/dicts/<target>.dict), when it has one: the words its input
    # is made of, so that mutations reach past the reader into the engine.
    local dict=()
    [ -f "fuzz/dicts/$t.dict" ] && dict=(-dict="fuzz/dicts/$t.dict")
    if cargo fuzz run --sanitizer "$FUZZ_SANITIZER" "$t" "fuzz/corpus/$t" "fuzz/seeds/$t" -- \
         -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=2048 -max_len=8192 "${dict[@]}" \
         -print_final_stats=1 >"$LOGS/fuzz-$t.log" 2>&1; then
      grep -E '^(Done|stat::number_of_executed_units|stat::new_units_added|#[0-9]+ +DONE)' "$LOGS/fuzz-$t.log" || tail -3 "$LOGS/fuzz-$t.log"
      PASSED=$((PASSED + 1))
    else
      grep -m1 -A2 'panicked at' "$LOGS/fuzz-$t.log" | cut -c1-2000 || true
      grep -E 'Test unit written to|^SUMMARY' "$LOGS/fuzz-$t.log" || tail -30 "$LOGS/fuzz-$t.log"
      note "fuzz target $t FAILED (full log: target/test-logs/fuzz-$t.log). Reproduce with:"
      note "  RUSTC_BOOTSTRAP=1 cargo fuzz run --sanitizer $FUZZ_SANITIZER $t fuzz/artifacts/$t/<crash file>"
      FAILED=$((FAILED + 1))
      bad+=("$t")
    fi
  done
  if [ ${#bad[@]} -gt 0 ]; then
    note "fuzz targets that found a crash: ${bad[*]}"
    return 1
  fi
}
if ! want fuzz; then
  :
elif [ "$FUZZ_SECONDS" = 0 ]; then
  note "FUZZ_SECONDS=0: skipping fuzzing"
elif ! cargo fuzz --version >/dev/null 2>&1; then
  note "SKIPPED fuzzing: cargo-fuzz is not installed (scripts/setup.sh could not install it)"
else
  step "fuzz (${FUZZ_SECONDS}s per target)" fuzz
fi

# ------------------------------------------------------------------------ 7. sizes
sizes() {
  bash scripts/size-report.sh dist
  PASSED=$((PASSED + 1))
}
if want size; then step "size report" sizes; fi

banner "timings"
printf '  %s\n' "${TIMINGS[@]}"
echo
echo "summary: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
