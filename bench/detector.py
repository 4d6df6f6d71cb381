"""Detector throughput: sentences per second on one core of `factbase.detect.detect` (what
ingest runs: the rules, then the learned check-worthiness of the sentences they keep) and
of `factbase.detect.score` (the rules alone).

    .venv/bin/python bench/detector.py

Scores the seed and the labelled test articles, repeated into one long document (under
the limit of sentences a text), five
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
    once = "\n\n".join(p.read_text(encoding="utf-8") for p in files)
    # As many copies as stay under the detector's limit of sentences a text.
    document = "\n\n".join([once] * (detect.MAX_SENTENCES // len(detect.split_sentences(once))))
    sentences = len(detect.split_sentences(document))
    rates: dict[str, list[float]] = {"detect": [], "score": []}
    for _ in range(5):
        for name, run in (("detect", detect.detect), ("score", detect.score)):
            started = time.process_time()
            run(document)
            rates[name].append(sentences / (time.process_time() - started))
    for name, got in rates.items():
        print(
            f"{name} ({detect.DETECTOR if name == 'detect' else detect.RULES}): {sentences}"
            f" sentences, best {max(got):,.0f}/s, median {statistics.median(got):,.0f}/s"
        )
    report = {
        "detector": detect.DETECTOR,
        "sentences": sentences,
        "runs": len(rates["detect"]),
        "best_per_second": round(max(rates["detect"])),
        "median_per_second": round(statistics.median(rates["detect"])),
        "rules_alone_median_per_second": round(statistics.median(rates["score"])),
        "python": platform.python_version(),
        "clock": "time.process_time (CPU seconds, one process, one core)",
    }
    results = ROOT / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    (results / "detector.json").write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
