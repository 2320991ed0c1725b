#!/usr/bin/env bash
# Peak resident memory of the CLI over hostile JPEGs (docs/performance.md, "CLI memory with
# --jobs"): COUNT copies of a C2PA-signed corpus JPEG, each padded to SIZE bytes with a chain
# of empty APP15 segments after SOI, so that the container, the C2PA check and the SDK all read
# the file whole. The files go to a scratch folder under the cargo target folder and are
# deleted afterwards.
#
#   bench/memory.sh [BINARY...]     (default: the release build, built first)
#
# Environment: SIZE (bytes, default 500 MiB), COUNT (default 4), JOBS (the --jobs values to
# run, default "2"), RUNS (runs of each, default 1); AIGC_LABEL_MEMORY_BUDGET and
# AIGC_LABEL_MODELS reach the CLI as usual. Needs GNU time (/usr/bin/time -v) and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

if [ $# -eq 0 ]; then
  cargo build --release --bin aigc-label
  set -- "$CARGO_TARGET_DIR/release/aigc-label"
fi
size="${SIZE:-$((500 << 20))}"
count="${COUNT:-4}"
runs="${RUNS:-1}"
seed=tests/fixtures/corpus/adobe-20220124-CA.jpg

scratch="$CARGO_TARGET_DIR/memory-bench"
rm -rf "$scratch"
mkdir -p "$scratch"
trap 'rm -rf "$scratch"' EXIT

python3 - "$seed" "$scratch/hostile-1.jpg" "$size" <<'EOF'
import sys
seed, out, size = sys.argv[1], sys.argv[2], int(sys.argv[3])
data = open(seed, "rb").read()
assert data[:2] == b"\xff\xd8"
# One APP15 segment: marker, length 0xFFFF (counting itself), 65533 zero bytes.
segment = b"\xff\xef\xff\xff" + bytes(65533)
with open(out, "wb") as f:
    f.write(data[:2])
    for _ in range(max(0, (size - len(data)) // len(segment))):
        f.write(segment)
    f.write(data[2:])
EOF
for i in $(seq 2 "$count"); do
  cp "$scratch/hostile-1.jpg" "$scratch/hostile-$i.jpg"
done
files=("$scratch"/hostile-*.jpg)
sync  # written back before the runs: the first run does not race the disk
echo "$count files of $(stat -c %s "${files[0]}") bytes; budget ${AIGC_LABEL_MEMORY_BUDGET:-default}"
echo "| binary | --jobs | max RSS (MB) | wall (s) | verdicts |"
echo "|---|---:|---:|---:|---|"
for binary in "$@"; do
  for jobs in ${JOBS:-2}; do
    for _ in $(seq "$runs"); do
      /usr/bin/time -f '%M %e' -o "$scratch/time.txt" \
        "$binary" check --json --jobs "$jobs" "${files[@]}" > "$scratch/out.txt" 2>/dev/null || true
      read -r kb wall < <(tail -n 1 "$scratch/time.txt")
      verdicts=$(python3 -c 'import json,sys; print(" ".join(json.loads(l)["verdict"] for l in open(sys.argv[1])))' "$scratch/out.txt")
      echo "| $binary | $jobs | $((kb / 1024)) | $wall | $verdicts |"
    done
  done
done
