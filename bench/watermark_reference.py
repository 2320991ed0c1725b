#!/usr/bin/env python3
"""Times the Python reference on one image, file -> bits, as a person would run it:
cv2.imread + imwatermark WatermarkDecoder("bits", 48).decode(bgr, "dwtDct") (the SDXL check
of Stability's scripts). Needs the virtualenv of tests/fixtures/watermark/make_watermarks.py
(bench/watermark.mjs makes it when missing).

  watermark_reference.py FILE [RUNS]  prints the medians of RUNS checks as one JSON line;
  watermark_reference.py --serve      checks each path read from a line of standard input once
                                      and answers with one JSON line (interleaved by the bench)."""
import json
import statistics
import sys
import time
import types

sys.modules.setdefault("torch", types.ModuleType("torch"))  # imwatermark imports it; unused

import cv2  # noqa: E402
from imwatermark import WatermarkDecoder  # noqa: E402

SDXL = [int(b) for b in bin(0xB3EC907BB19E)[2:].zfill(48)]


def check(path):
    """One timed check: (total ms, watermark decode ms, matching SDXL bits)."""
    start = time.perf_counter()
    bgr = cv2.imread(path)
    middle = time.perf_counter()
    bits = WatermarkDecoder("bits", 48).decode(bgr, "dwtDct")
    end = time.perf_counter()
    matching = sum(int(a) == b for a, b in zip(bits, SDXL))
    return (end - start) * 1e3, (end - middle) * 1e3, matching


def serve():
    for line in sys.stdin:
        total, _, matching = check(line.strip())
        print(json.dumps({"total_ms": total, "sdxl_bits": matching}), flush=True)


def main():
    if sys.argv[1] == "--serve":
        serve()
        return
    path, runs = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 10
    total, decode = [], []
    matching = 0
    for _ in range(runs):
        elapsed, decoding, matching = check(path)
        total.append(elapsed)
        decode.append(decoding)
    print(json.dumps({"file": path, "runs": runs, "total_ms": statistics.median(total),
                      "watermark_decode_ms": statistics.median(decode), "sdxl_bits": matching}))


if __name__ == "__main__":
    main()
