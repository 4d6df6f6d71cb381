"""Claim matching at scale: `find_matches` per second at 10k, 100k and 1M stored fact-checks.

    python -m bench.matching_scale --data ../shared/data/claim-matching [--sizes 10000 ...]
        [--engines sqlite postgresql] [--queries 100]

For each engine and size, a fresh database (a SQLite file under /tmp; the PostgreSQL
database `factbase_bench_scale` on 127.0.0.1) is migrated and filled: the real
ClaimReviews of the folder through `import_claimreview`'s code (all of them, or the first
N when N is smaller), then, past those, generated fact-checks made by splicing two real
claims at a word (the words, names and numbers of real claims, in claims no one wrote),
stored in bulk. Then the dev tweets are asked through `factbase.matching.find_matches`,
one process on one core: queries per second, the first stage's share (the index lookup
alone, `retrieve.candidates`), candidates reranked, and MAP@5 (generated fact-checks are
distractors: a figure beside the 33k-row one, not a new benchmark). Writes
bench/results/matching_scale.{json,md}.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RESULTS = Path(__file__).parent / "results"
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
PG_DB = os.environ.get("FACTBASE_BENCH_DB", "factbase_bench_scale")
FEEDS = ("politifact-claimreview.jsonl", "snopes-claimreview.jsonl")
BATCH = 5000


def _fill(size: int, data: Path, relevant: set[str]) -> dict[str, float]:
    from factbase.external import InvalidItem, fields_of, import_claimreviews, read_items
    from factbase.models import ExternalFactCheck

    started = time.perf_counter()
    real = [data / name for name in FEEDS]
    if size >= 33_000:
        import_claimreviews(real)
    else:
        # The asked queries' own fact-checks first (else MAP@5 measures the sample), then
        # the others in file order.
        wanted, others = [], []
        for path in real:
            for _, item in read_items(path):
                try:
                    fields = fields_of(item)
                except InvalidItem:
                    continue  # refused, as the import refuses it
                chosen = wanted if fields.get("identifier") in relevant else others
                chosen.append(ExternalFactCheck(**fields))
        rows = (wanted + others)[:size]
        ExternalFactCheck.objects.bulk_create(rows, batch_size=BATCH, ignore_conflicts=True)
    imported = time.perf_counter() - started
    texts = list(ExternalFactCheck.objects.values_list("claim_reviewed", flat=True))
    missing = size - len(texts)
    rng = random.Random(size)
    made = 0
    while made < missing:
        batch = []
        for _ in range(min(BATCH, missing - made)):
            one, two = rng.choice(texts).split(), rng.choice(texts).split()
            cut_one, cut_two = rng.randint(1, max(1, len(one))), rng.randint(0, len(two))
            made += 1
            batch.append(
                ExternalFactCheck(
                    publisher="Generated (bench)",
                    identifier=f"bench-{size}-{made}",
                    claim_reviewed=" ".join(one[:cut_one] + two[cut_two:])[:2000],
                    rating="False",
                )
            )
        ExternalFactCheck.objects.bulk_create(batch, batch_size=BATCH)
    return {
        "import_seconds": round(imported, 1),
        "fill_seconds": round(time.perf_counter() - started, 1),
    }


def _measure(queries: list[dict[str, object]]) -> dict[str, float]:
    from factbase import matching
    from factbase.matching import retrieve

    texts = [str(item["text"]) for item in queries]
    matching.find_matches(texts[0])  # warm the model and the connection
    started = time.perf_counter()
    for text in texts:
        retrieve.candidates(text)
    first_stage = time.perf_counter() - started
    started = time.perf_counter()
    found = [matching.find_matches(text, 5) for text in texts]
    seconds = time.perf_counter() - started
    precisions = []
    for item, results in zip(queries, found, strict=True):
        relevant = set(item.get("matches", []))  # type: ignore[call-overload]
        hits, total = 0, 0.0
        for rank, result in enumerate(results, start=1):
            if result.external is not None and result.external.identifier in relevant:
                hits += 1
                total += hits / rank
        precisions.append(total / min(len(relevant), 5) if relevant else 0.0)
    n = len(texts)
    return {
        "queries": n,
        "queries_per_second": round(n / seconds, 1),
        "ms_per_query": round(1000 * seconds / n, 1),
        "first_stage_ms_per_query": round(1000 * first_stage / n, 1),
        "map@5": round(sum(precisions) / n, 4),
    }


def _one(size: int, data: Path, queries: Path, count: int) -> None:
    """In the child process: migrate, fill, measure, print one JSON line."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factbase.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from factbase.models import ExternalFactCheck

    call_command("migrate", verbosity=0, interactive=False)
    asked = [json.loads(line) for line in queries.open() if line.strip()][:count]
    fill = _fill(size, data, {str(m) for item in asked for m in item.get("matches", [])})
    row = {"engine": connection.vendor, "fact_checks": ExternalFactCheck.objects.count()}
    print(json.dumps(row | fill | _measure(asked)), flush=True)


def _database(engine: str, size: int, folder: Path) -> str:
    if engine == "sqlite":
        return f"sqlite:///{folder / f'scale-{size}.sqlite3'}"
    import psycopg

    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {PG_DB}")
        admin.execute(f"CREATE DATABASE {PG_DB}")
    return f"postgres://postgres@127.0.0.1:5432/{PG_DB}"


def _markdown(rows: list[dict[str, object]]) -> str:
    lines = [
        "# Claim matching at scale (bench/matching_scale.py)",
        "",
        "Real ClaimReviews (33,481, two fact-checkers) and, past them, generated "
        "fact-checks spliced from two real claims; the first 100 dev tweets asked through "
        "`find_matches` in one process (one core of a shared 2-core machine: compare rows "
        "of one run). First stage: `retrieve.candidates` alone (the full-text index, at "
        "most 100 candidates). MAP@5 with the generated rows as distractors.",
        "",
        "| engine | fact-checks | fill s | queries/s | ms/query | first stage ms | MAP@5 |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['engine']} | {r['fact_checks']:,} | {r['fill_seconds']} | "
            f"{r['queries_per_second']} | {r['ms_per_query']} | "
            f"{r['first_stage_ms_per_query']} | {r['map@5']} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--engines", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    queries = args.data / "tweets-dev.jsonl"
    if args.child is not None:
        _one(args.child, args.data.resolve(), queries, args.queries)
        return
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as folder:
        for engine in args.engines:
            for size in args.sizes:
                env = os.environ | {"DATABASE_URL": _database(engine, size, Path(folder))}
                done = subprocess.run(
                    [sys.executable, "-m", "bench.matching_scale", "--data", str(args.data),
                     "--queries", str(args.queries), "--child", str(size)],
                    env=env, check=True, capture_output=True, text=True,
                )  # fmt: skip
                rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
                print(json.dumps(rows[-1]), flush=True)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "matching_scale.json").write_text(json.dumps(rows, indent=2) + "\n")
    (RESULTS / "matching_scale.md").write_text(_markdown(rows))


if __name__ == "__main__":
    main()
