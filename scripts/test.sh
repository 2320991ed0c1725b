#!/usr/bin/env bash
# Everything: format, lints (native and wasm32), native tests, the same core tests in
# headless Chromium, then the page end to end. Run through `npm test`.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
step() { echo; echo "=== $* ==="; }

step "cargo fmt --check"
cargo fmt --check
step "cargo clippy (native, all targets)"
cargo clippy --all-targets --locked -- -D warnings
step "cargo clippy (wasm32)"
cargo clippy --lib --tests --target wasm32-unknown-unknown --locked -- -D warnings
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
node --test --test-concurrency=1 tests/e2e/
