#!/usr/bin/env bash
# Runs every fuzz target for SECONDS (default 60) each, seeded with the test fixtures.
# Needs the nightly toolchain and cargo-fuzz (`cargo +nightly install cargo-fuzz`).
# Inputs that crash land in fuzz/artifacts/<target>/. After a run, `./run.sh --keep` minimises
# each corpus (cargo fuzz cmin) and stores it, inputs under 16 KiB, as
# tests/fixtures/regression/<target>.zip, replayed by tests/regression.rs.
set -euo pipefail
cd "$(dirname "$0")"
if [ "${1:-}" = "--keep" ]; then
  for dir in corpus/*; do cargo +nightly fuzz cmin "$(basename "$dir")" "$dir" >/dev/null 2>&1; done
  python3 - <<'PY'
import os, zipfile
for target in sorted(os.listdir("corpus")):
    folder = os.path.join("corpus", target)
    names = sorted(n for n in os.listdir(folder) if os.path.getsize(os.path.join(folder, n)) < 16384)
    with zipfile.ZipFile(f"../tests/fixtures/regression/{target}.zip", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name in names:
            z.write(os.path.join(folder, name), name)
    print(target, len(names))
PY
  exit 0
fi
seconds=${1:-60}
fixtures=../tests/fixtures
seed() { # target, file patterns...
  local target=$1; shift
  mkdir -p "corpus/$target"
  for f in "$@"; do [ -f "$f" ] && cp -n "$f" "corpus/$target/" || true; done
}
seed png $fixtures/*/*.png
seed jpeg $fixtures/*/*.jpg
seed webp $fixtures/*/*.webp
seed gif $fixtures/*/*.gif
seed tiff $fixtures/*/*.tif
seed bmff $fixtures/media/*.mp4 $fixtures/media/*.mov $fixtures/media/*.m4a $fixtures/media/*.heic
seed riff $fixtures/media/*.wav $fixtures/media/*.avi
seed id3 $fixtures/media/*.mp3
seed flac $fixtures/media/*.flac
seed ogg $fixtures/media/*.ogg $fixtures/media/*.opus
seed matroska $fixtures/media/*.mkv $fixtures/media/*.webm
seed flv $fixtures/media/*.flv
seed pdf $fixtures/documents/*.pdf
seed ooxml $fixtures/documents/*.docx
seed text $fixtures/documents/*.md
seed watermark $fixtures/watermark/*.png
seed byte_scan $fixtures/forms/png-*.png
mkdir -p corpus/xmp corpus/label_json
printf '%s' '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:TC260="http://www.tc260.org.cn/ns/AIGC/1.0/" TC260:AIGC="{}"><TC260:AIGC>{&quot;Label&quot;:&quot;1&quot;}</TC260:AIGC></rdf:Description></rdf:RDF></x:xmpmeta>' > corpus/xmp/seed.xmp
printf '%s' '{"AIGC":{"Label":"1","ContentProducer":"001191110102MACQD9K64010000","ProduceID":"x","ContentPropagator":"00119144030008867405X220001"}}' > corpus/label_json/seed.json
targets=${TARGETS:-png jpeg webp gif tiff bmff riff id3 flac ogg matroska flv pdf ooxml text xmp label_json watermark byte_scan}
for target in $targets; do
  echo "=== $target (${seconds}s) ==="
  mkdir -p logs
  cargo +nightly fuzz run "$target" "corpus/$target" -- -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=262144 >"logs/$target.log" 2>&1 || true
  grep -E "^(Done|==[0-9]+==|SUMMARY|Test unit written)" "logs/$target.log" || true
done
# How coverage grew in each run (second-half gain: near zero once a target levels off).
./plateau.sh
