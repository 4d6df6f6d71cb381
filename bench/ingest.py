"""Streaming ingest, measured: a folder of generated articles into a fresh SQLite database.

    python -m bench.ingest --articles 2000            (make bench runs this size)
    python -m bench.ingest --articles 50000           (about a million claims)

Articles are written once to bench/data/articles-N/ (a thousand a folder, each with its
sidecar), in the shape of news copy: attributed figures, reported speech, quotes and
plain colour, so the detector finds about twenty claims in each. The ingest runs with
detection through factbase.ingest.ingest_paths (chunked transactions, bulk inserts) in a
child process, with a progress bar on a terminal (none under CI). Its wall time, claims
a second and peak resident memory go to bench/results/ingest.json and the targets table.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.generate import DATA, ROOT, SEED, Text, claimant_names

RESULTS = ROOT / "bench" / "results"
PER_FOLDER = 1000
VERSION = 2  # of the articles' shape: a new one writes the folder again


def write_articles(count: int) -> Path:
    """bench/data/articles-COUNT/, made once (a marker file says it is complete)."""
    folder = DATA / f"articles-{count}"
    done = folder / f".complete-{VERSION}"
    if done.exists():
        return folder
    if folder.exists():
        shutil.rmtree(folder)
    text = Text(SEED + 7)
    rng = random.Random(SEED + 8)
    people = [name for name, kind in claimant_names(400) if kind == "person"]
    for i in range(count):
        sub = folder / f"{i // PER_FOLDER:04d}"
        if i % PER_FOLDER == 0:
            sub.mkdir(parents=True, exist_ok=True)
        paragraphs = []
        for _ in range(8):
            sentences = []
            for _ in range(3):
                person = rng.choice(people)
                kind = rng.random()
                if kind < 0.55:
                    sentences.append(text.claim(person, []))
                elif kind < 0.8:
                    sentences.append(text.statement())
                else:
                    sentences.append(text.filler())
            paragraphs.append(" ".join(sentences))
        (sub / f"{i:06d}.txt").write_text("\n\n".join(paragraphs), encoding="utf-8")
        meta = {
            "title": f"Story {i}",
            "url": f"https://wire.example.org/{i // 1000}/story-{i}",
            "publisher": "Example Wire",
            "published_at": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}T08:00:00Z",
        }
        (sub / f"{i:06d}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    done.touch()
    return folder


def child(folder: Path, database: Path, workers: int) -> None:
    """Runs in the measured process: migrate a fresh database, ingest, report as JSON."""
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factbase.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from factbase.ingest import IngestResult, ingest_paths, iter_article_files
    from factbase.management.commands.ingest import progress

    call_command("migrate", verbosity=0)
    total = sum(1 for _ in iter_article_files([folder]))
    began = time.perf_counter()
    created = claims = failed = 0
    rss_halfway = 0.0
    for n, (_, outcome) in enumerate(
        progress(ingest_paths([folder], detect_workers=workers), total=total, stream=sys.stderr),
        start=1,
    ):
        if isinstance(outcome, IngestResult):
            created += outcome.created
            claims += outcome.claims
        else:
            failed += 1
        if n == total // 2:
            rss_halfway = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    seconds = time.perf_counter() - began
    print(
        json.dumps(
            {
                "articles": total,
                "created": created,
                "failed": failed,
                "claims": claims,
                "seconds": round(seconds, 1),
                "claims_per_second": round(claims / seconds),
                "articles_per_second": round(total / seconds),
                "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                "peak_rss_halfway_mib": round(rss_halfway),
                "detect_workers": workers,
                # The largest worker's peak (RUSAGE_CHILDREN counts reaped children).
                "peak_rss_worker_mib": round(
                    resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
                ),
            }
        )
    )


def measure(count: int, workers: int) -> dict[str, Any]:
    folder = write_articles(count)
    database = DATA / f"ingest-{count}.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.ingest",
            "--child",
            str(folder),
            str(database),
            f"--workers={workers}",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    ).stdout
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    return result


def write_report(runs: list[dict[str, Any]]) -> None:
    lines = [
        "# Streaming ingest",
        "",
        "`factbase.ingest.ingest_paths` with detection, into a fresh SQLite database: one "
        "process stores while detection runs in a forked worker (`detect_workers`), on this "
        "2-core machine (bench/ingest.py). Peak memory is the resident set of the storing "
        "process (Python, Django and the detector included) and of the worker; halfway is "
        "the storing process's peak when half the articles were in.",
        "",
        "| articles | claims | detection workers | seconds | claims/s | articles/s "
        "| peak RSS MiB | halfway | worker peak RSS MiB |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for run in runs:
        lines.append(
            f"| {run['articles']:,} | {run['claims']:,} | {run.get('detect_workers', 0)} "
            f"| {run['seconds']:,} | {run['claims_per_second']:,} "
            f"| {run['articles_per_second']:,} | {run['peak_rss_mib']} "
            f"| {run['peak_rss_halfway_mib']} | {run.get('peak_rss_worker_mib', '')} |"
        )
    (RESULTS / "ingest.md").write_text("\n".join(lines) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[2000])
    parser.add_argument("--workers", type=int, default=1, help="detection worker processes")
    parser.add_argument("--child", nargs=2, metavar=("FOLDER", "DATABASE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(Path(args.child[0]), Path(args.child[1]), args.workers)
        return
    path = RESULTS / "ingest.json"
    previous = json.loads(path.read_text())["runs"] if path.exists() else []
    runs = {run["articles"]: run for run in previous}
    for count in args.articles:
        runs[count] = measure(count, args.workers)
        print(json.dumps(runs[count]))
    ordered = [runs[k] for k in sorted(runs)]
    RESULTS.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"runs": ordered}, indent=2) + "\n")
    write_report(ordered)
    from bench import report

    report.write_all()


if __name__ == "__main__":
    main()
