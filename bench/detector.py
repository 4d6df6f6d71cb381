"""Detector throughput: sentences per second of `factbase.detect.score` on one core.

    .venv/bin/python bench/detector.py

Scores the seed and the labelled test articles, repeated into one long document, five
times, and prints the best and median rates (a figure to report, never a test); the
figures also go to bench/results/detector.json.
"""

from __future__ import annotations

import json
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factbase import detect  # noqa: E402


def main() -> None:
    files = sorted((ROOT / "tests" / "factbase" / "articles").glob("*.txt"))
    files += sorted((ROOT / "seeds").glob("*.txt"))
    document = "\n\n".join(p.read_text(encoding="utf-8") for p in files) * 50
    sentences = len(detect.split_sentences(document))
    rates = []
    for _ in range(5):
        started = time.process_time()
        detect.score(document)
        rates.append(sentences / (time.process_time() - started))
    print(
        f"detector {detect.DETECTOR}: {sentences} sentences, "
        f"best {max(rates):,.0f}/s, median {statistics.median(rates):,.0f}/s (CPU time)"
    )
    report = {
        "detector": detect.DETECTOR,
        "sentences": sentences,
        "runs": len(rates),
        "best_per_second": round(max(rates)),
        "median_per_second": round(statistics.median(rates)),
        "python": platform.python_version(),
        "clock": "time.process_time (CPU seconds, one process, one core)",
    }
    results = ROOT / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    (results / "detector.json").write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
