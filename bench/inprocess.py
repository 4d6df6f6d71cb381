"""In-process timings: each endpoint through Django's full stack, no network, no server.

    DATABASE_URL=... python -m bench.inprocess MANIFEST.json DETAIL_VERSION

Prints one JSON object: per endpoint the median and 90th percentile in milliseconds and
the number of SQL queries one request sends. bench/run.py calls it for each engine.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

BUDGET_SECONDS = 1.0
MAX_CALLS = 300


def main() -> None:
    manifest = json.loads(Path(sys.argv[1]).read_text())
    version = int(sys.argv[2])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factbase.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.endpoints import endpoints

    client = Client()
    results: dict[str, Any] = {}
    for endpoint in endpoints(manifest, version):
        headers = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in endpoint.headers.items()}
        for _ in range(5):
            response = client.get(endpoint.path, **headers)  # type: ignore[arg-type]
        with CaptureQueriesContext(connection) as queries:
            client.get(endpoint.path, **headers)  # type: ignore[arg-type]
        # Read now: the log is emptied when the next request starts.
        query_count = len(queries)
        times: list[float] = []
        began = time.perf_counter()
        while len(times) < MAX_CALLS and time.perf_counter() - began < BUDGET_SECONDS:
            start = time.perf_counter()
            response = client.get(endpoint.path, **headers)  # type: ignore[arg-type]
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        results[endpoint.name] = {
            "status": response.status_code,
            "bytes": len(response.content),
            "queries": query_count,
            "calls": len(times),
            "median_ms": round(statistics.median(times), 3),
            "p90_ms": round(times[int(len(times) * 0.9) - 1], 3),
        }
    print(json.dumps(results))


if __name__ == "__main__":
    main()
