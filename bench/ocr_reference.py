"""The peer of the visible-label check for bench/ocr.mjs: RapidOCR (PyPI rapidocr_onnxruntime,
PP-OCRv4 mobile on onnxruntime, CPU) reading the whole image, then its lines searched for an
explicit label. `--serve`: one JSON line (`total_ms`, `found`, `text`) per path on stdin."""
import json
import re
import sys
import time

from rapidocr_onnxruntime import RapidOCR

# A label: the AI element and the generation element in one line (GB 45438 5.2), roughly.
LABEL = re.compile(r"(AI|人工智能).{0,6}(生成|合成)|AI[- ]?generated", re.IGNORECASE)


def main():
    engine = RapidOCR()
    for line in sys.stdin:
        path = line.strip()
        start = time.perf_counter()
        result, _ = engine(path)
        texts = [r[1] for r in (result or [])]
        label = next((t for t in texts if LABEL.search(t)), "")
        ms = (time.perf_counter() - start) * 1e3
        print(json.dumps({"total_ms": ms, "found": bool(label), "text": label}, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
