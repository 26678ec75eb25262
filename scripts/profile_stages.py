#!/usr/bin/env python3
"""CPU time of each extraction stage: where the pipeline spends its time.

Usage: profile_stages.py [FOLDER] [REPEATS]   (default fixtures/ga78/docs, 10)
Every stage of `pipeline.PIPELINE` and the language detection are wrapped with `time.process_time`; the folder's
texts run once to warm up, then REPEATS times. Prints the total (and MB/s) and each stage's time and share.
"""

import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mandates.extraction import pipeline  # noqa: E402


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "fixtures" / "ga78" / "docs"
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    spent: dict[str, float] = defaultdict(float)

    def timed(function, name):
        def run(*args):
            start = time.process_time()
            result = function(*args)
            spent[name] += time.process_time() - start
            return result

        return run

    pipeline.PIPELINE[:] = [timed(stage, getattr(stage, "name", None) or stage.__name__) for stage in pipeline.PIPELINE]
    pipeline.detect_language = timed(pipeline.detect_language, "detect_language")
    for text in texts:
        pipeline.extract_text(text)
    spent.clear()
    start = time.process_time()
    for _ in range(repeats):
        for text in texts:
            pipeline.extract_text(text)
    total = time.process_time() - start
    megabytes = sum(len(t.encode("utf-8")) for t in texts) * repeats / 1e6
    print(f"total {total:.3f} s CPU, {megabytes:.2f} MB, {megabytes / total:.2f} MB/s")
    for name, seconds in sorted(spent.items(), key=lambda item: -item[1]):
        print(f"{name:32s} {seconds * 1000:8.0f} ms {100 * seconds / total:5.1f} %")


if __name__ == "__main__":
    main()
