"""Matching in the desk, measured: what a claim page's candidates and a stored outcome cost.

    python -m bench.desk_matching --articles 300 [--externals 5000] [--sample 200]

A fresh SQLite database gets the ingest bench's generated articles (bench/ingest.py's
folder, made once; ingest_paths stores no match outcomes) and `--externals` generated
fact-checks in the same shape of copy. Then, for `--sample` claims picked with a fixed
seed: the claim page's candidates (factbase.matching.desk.claim_candidates, as the page
computes them when it opens) and a stored outcome (claim_matches_store, what
article_ingest and `manage.py match_claims` do per claim). Generated copy repeats its
words far more than real news, so the index lookups return their full bound of
candidates: these are upper figures. Results go to bench/results/desk_matching.json/.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import time
from pathlib import Path
from typing import Any

from bench.generate import DATA, ROOT, SEED, Text, claimant_names
from bench.ingest import write_articles

RESULTS = ROOT / "bench" / "results"


def _timed(calls: list[Any]) -> list[float]:
    out = []
    for call in calls:
        began = time.perf_counter()
        call()
        out.append((time.perf_counter() - began) * 1000)
    return out


def store_external_checks(count: int) -> None:
    """``count`` generated fact-checks from elsewhere, each of a claim in the bench's
    shape, for the matcher to search (the same ones for the same count)."""
    from factbase.models import ExternalFactCheck

    text = Text(SEED + 11)
    people = [name for name, kind in claimant_names(400) if kind == "person"]
    rng = random.Random(SEED + 12)
    ExternalFactCheck.objects.bulk_create(
        ExternalFactCheck(
            publisher="Generated Checks",
            url=f"https://checks.example.org/{n}/",
            claim_reviewed=text.claim(rng.choice(people), []),
            rating=rng.choice(["False", "Mostly true", "Misleading"]),
        )
        for n in range(count)
    )


def measure(articles: int, externals: int, sample: int) -> dict[str, Any]:
    database = DATA / f"desk-matching-{articles}.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factbase.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    from factbase.ingest import ingest_paths
    from factbase.matching import desk
    from factbase.models import Claim

    call_command("migrate", verbosity=0)
    for _ in ingest_paths([write_articles(articles)]):
        pass
    store_external_checks(externals)
    ids = sorted(Claim.objects.values_list("pk", flat=True))
    picked = list(Claim.objects.filter(pk__in=random.Random(SEED).sample(ids, sample)))
    desk.claim_candidates(picked[0])  # warm the model and the connection
    page = _timed([lambda c=c: desk.claim_candidates(c) for c in picked])

    def store(claim: Claim) -> None:
        with transaction.atomic():
            desk.claim_matches_store(claims=[claim])

    stored = _timed([lambda c=c: store(c) for c in picked])
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    return {
        "engine": "sqlite",
        "claims": len(ids),
        "externals": externals,
        "sample": sample,
        "page_ms_median": round(statistics.median(page), 1),
        "page_ms_p95": round(sorted(page)[int(0.95 * len(page)) - 1], 1),
        "store_ms_median": round(statistics.median(stored), 1),
        "store_ms_p95": round(sorted(stored)[int(0.95 * len(stored)) - 1], 1),
        "stored_claims_per_second": round(1000 / statistics.mean(stored), 1),
    }


def write_report(run: dict[str, Any]) -> None:
    (RESULTS / "desk_matching.json").write_text(json.dumps(run, indent=2) + "\n")
    lines = [
        "# Matching in the desk",
        "",
        "What a claim's matches cost on this 2-core machine (bench/desk_matching.py), on "
        "SQLite with generated articles and fact-checks, whose repeated words make every "
        "index lookup return its full bound of candidates (upper figures). The claim page "
        "reranks up to 100 candidates per source when it opens; a stored outcome (what "
        "article_ingest and `manage.py match_claims` write per claim) reranks 25.",
        "",
        "| claims | fact-checks | sample | page ms (median) | page ms (p95) "
        "| stored ms (median) | stored ms (p95) | stored claims/s |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| {run['claims']:,} | {run['externals']:,} | {run['sample']} "
        f"| {run['page_ms_median']} | {run['page_ms_p95']} | {run['store_ms_median']} "
        f"| {run['store_ms_p95']} | {run['stored_claims_per_second']} |",
    ]
    (RESULTS / "desk_matching.md").write_text("\n".join(lines) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--externals", type=int, default=5000)
    parser.add_argument("--sample", type=int, default=200)
    args = parser.parse_args()
    run = measure(args.articles, args.externals, args.sample)
    write_report(run)
    print(json.dumps(run))


if __name__ == "__main__":
    main()
