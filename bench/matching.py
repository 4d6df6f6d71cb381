"""Claim matching speed: `find_matches` per second on the imported fact-checks.

    DATABASE_URL=... python -m bench.matching --queries PATH.jsonl [--repeat N]

Run against a database where `manage.py import_claimreview` has stored fact-checks.
Prints queries per second and the mean candidates reranked, one core, in process.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

import django


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factbase.settings")
    django.setup()
    from django.db import connection

    from factbase import matching
    from factbase.models import ExternalFactCheck

    items = [json.loads(line) for line in args.queries.open() if line.strip()]
    texts = [item["text"] for item in items]
    matching.find_matches(texts[0])  # warm the model and the connection
    started = time.perf_counter()
    for _ in range(args.repeat):
        found = [matching.find_matches(text, 5) for text in texts]
    seconds = time.perf_counter() - started
    # MAP@5 through the product's own path (the lab's metric), when the file has labels.
    average_precisions, flagged = [], 0
    for item, results in zip(items, found, strict=True):
        relevant = set(item.get("matches", []))
        hits, total = 0, 0.0
        for rank, result in enumerate(results, start=1):
            if result.external is not None and result.external.identifier in relevant:
                hits += 1
                total += hits / rank
        average_precisions.append(total / min(len(relevant), 5) if relevant else 0.0)
        first = results[0] if results else None
        flagged += bool(
            first and first.match and first.external and first.external.identifier in relevant
        )
    n = len(texts) * args.repeat
    print(
        json.dumps(
            {
                "engine": connection.vendor,
                "fact_checks": ExternalFactCheck.objects.count(),
                "queries": n,
                "queries_per_second": round(n / seconds, 1),
                "ms_per_query": round(1000 * seconds / n, 2),
                "map@5": round(sum(average_precisions) / len(items), 4),
                "true_match_top1_and_flagged": round(flagged / len(items), 4),
            }
        )
    )


if __name__ == "__main__":
    main()
