#!/usr/bin/env bash
# Elliptic-curve arithmetic natively and in V8 (node runs the same wasm Chromium would): ECDSA
# verification and field multiplication of the p256/p384/p521 0.13 releases the C2PA SDK uses
# and of the 0.14 releases vendor/c2pa verifies with (issue 24, docs/performance.md).
set -euo pipefail
cd "$(dirname "$0")/curves"
export CARGO_TARGET_DIR="$HOME/.cache/aigc-label/curves-target"
echo '| crates | op | native µs | V8 µs | V8 / native |'
echo '|---|---|---:|---:|---:|'
for version in v013 v014; do
  (cd "$version" && cargo build --quiet --release && cargo build --quiet --release --lib --target wasm32-unknown-unknown)
  native=$("$CARGO_TARGET_DIR/release/curves-bench")
  wasm=$(node run-wasm.mjs "$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/curves_bench.wasm")
  node -e '
    const [version, native, wasm] = process.argv.slice(1);
    const n = JSON.parse(native), w = JSON.parse(wasm);
    const us = (x) => (x >= 10 ? x.toFixed(0) : x.toFixed(3));
    for (const op of Object.keys(n)) {
      console.log(`| ${version.replace("v0", "0.")} | ${op} | ${us(n[op])} | ${us(w[op])} | ${(w[op] / n[op]).toFixed(1)}× |`);
    }' "$version" "$native" "$wasm"
done
