#!/usr/bin/env bash
# Builds the npm package into www/pkg: the wasm with its JS glue and TypeScript types, the
# worker-backed API from js/, and the lite build (no C2PA SDK: stores are detected, not
# validated) under www/pkg/lite; optimises both wasm files with binaryen's wasm-opt from npm.
# Leaves a complete static site in www/ and the example extension's copy in www/extension/pkg.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

optimise() { # wasm file
  local wasm=$1 before
  before=$(stat -c %s "$wasm")
  node_modules/.bin/wasm-opt -Os --strip-debug --strip-producers \
    --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue --enable-simd \
    "$wasm" -o "$wasm.opt"
  mv "$wasm.opt" "$wasm"
  echo "[build] $wasm: $before -> $(stat -c %s "$wasm") bytes ($(gzip -9c "$wasm" | wc -c) gzipped)"
}

# The wasm-release profile (Cargo.toml): opt-level "z", 10 KB smaller than "s" at the same
# speed (docs/performance.md, "Size"); the pixel path's crates stay at 3.
wasm-pack build --profile wasm-release --target web --out-dir www/pkg --out-name aigc_label
optimise www/pkg/aigc_label_bg.wasm
wasm-pack build --profile wasm-release --target web --out-dir target/pkg-lite --out-name aigc_label -- --no-default-features
optimise target/pkg-lite/aigc_label_bg.wasm
rm -rf www/pkg-lite
node scripts/package.mjs www/pkg target/pkg-lite

# The OCR models of the visible-label check, served beside the page and fetched by its worker
# the first time an image is checked (docs/ocr.md); never inside the wasm.
bash scripts/models.sh
mkdir -p www/models/ppocrv6-tiny
cp models/ppocrv6-tiny/det.onnx models/ppocrv6-tiny/rec.onnx models/ppocrv6-tiny/dict.txt www/models/ppocrv6-tiny/

# The example extension loads the module from its own folder (extensions may not load remote
# or out-of-folder code).
# It hosts the package's createVerifier (worker, watchdog, restart) in an offscreen document.
rm -rf www/extension/pkg
mkdir -p www/extension/pkg/models/ppocrv6-tiny www/extension/pkg/warmup
cp www/pkg/aigc_label.js www/pkg/aigc_label_bg.wasm www/names.js www/extension/pkg/
cp www/pkg/verifier.js www/pkg/verifier-worker.js www/pkg/models.js www/pkg/blob-source.js \
  www/pkg/warm-up.js www/extension/pkg/
cp www/pkg/warmup/* www/extension/pkg/warmup/
cp www/models/ppocrv6-tiny/* www/extension/pkg/models/ppocrv6-tiny/
