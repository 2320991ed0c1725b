#!/usr/bin/env bash
# Benchmarks: native (cargo bench) then headless Chromium, printed side by side; then C2PA
# validation against @contentauth/c2pa-web in the same browser, and the elliptic-curve crates
# natively and in V8.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
cargo bench --bench verify
bash scripts/build.sh
node bench/browser.mjs
node bench/c2pa.mjs
bash bench/curves.sh
node bench/watermark.mjs
node bench/ocr.mjs
node bench/text.mjs
node bench/batch.mjs
