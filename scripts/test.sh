#!/usr/bin/env bash
# Everything: format, lints (native and wasm32), native tests, the same core tests in
# headless Chromium, then the page end to end. Run through `npm test`; ends with each
# step's time (docs/ci.md says where the time goes and why the target folder is shared).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

steps=()
current=""
started=0
finish_step() {
  if [ -n "$current" ]; then
    steps+=("$(printf '%6ds  %s' $((SECONDS - started)) "$current")")
  fi
}
step() {
  finish_step
  current="$*"
  started=$SECONDS
  echo
  echo "=== $* ==="
}
summary() {
  local status=$?
  finish_step
  echo
  echo "=== time per step (target folder: $CARGO_TARGET_DIR) ==="
  printf '%s\n' "${steps[@]}"
  printf '%6ds  total\n' "$SECONDS"
  [ "$status" = 0 ] || echo "FAILED in: $current"
}
trap summary EXIT

step "cargo fmt --check"
cargo fmt --check
step "cargo clippy (native, all targets)"
cargo clippy --all-targets --locked -- -D warnings
step "cargo clippy (wasm32)"
cargo clippy --lib --tests --target wasm32-unknown-unknown --locked -- -D warnings
step "JS unit tests (node --test tests/js/)"
node --test tests/js/
step "cargo test (native)"
cargo test --locked
step "lite build (no C2PA SDK): clippy, unit tests, C2PA stores detected but not judged"
cargo clippy --no-default-features --all-targets --locked -- -D warnings
cargo test --no-default-features --locked --lib --test fixtures_native -- --skip every_fixture --skip well_formed
step "build the page (npm run build)"
bash scripts/build.sh
step "core tests in headless Chromium (wasm-pack test)"
wasm-pack test --headless --chrome -- --locked --test web
step "end-to-end tests of the page (node --test)"
node --test --test-concurrency=2 tests/e2e/
