from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandError, CommandParser

from factbase.ingest import IngestError, IngestResult, ingest_paths, iter_article_files
from factbase.management.commands.match_claims import store_matches
from factbase.models import Claim

Outcome = tuple[Path, IngestResult | IngestError]


class Command(BaseCommand):
    help = (
        "Ingest article files (.txt, .md, .html, .htm) and folders: store each article with "
        "the claims the detector finds. Metadata comes from a NAME.meta.json sidecar when "
        "there is one (its fields win over what an HTML page says). Articles already stored "
        "(any form of the same URL, else the same text) are left as they are. The new "
        "claims are then matched against what this desk and other fact-checkers have "
        "checked, for the queue's 'checked before' filter (--no-match leaves that to "
        "match_claims)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
        parser.add_argument(
            "--detect-workers",
            type=int,
            default=1,
            help="Processes that detect claims while the next chunk is stored (0: none).",
        )
        parser.add_argument(
            "--no-match",
            action="store_false",
            dest="match",
            help="Store the articles only; `manage.py match_claims` matches their claims later.",
        )

    def handle(
        self, *args: Any, paths: list[Path], detect_workers: int, match: bool, **options: Any
    ) -> None:
        # On a terminal a progress bar (rate, ETA) stands for the per-file lines.
        bar = on_terminal(sys.stderr)
        verbose = options["verbosity"] >= 2 or (options["verbosity"] == 1 and not bar)
        total = sum(1 for _ in iter_article_files(paths)) if bar else 0
        created = unchanged = claims = 0
        failed: list[IngestError] = []
        new_articles: list[int] = []
        outcomes = ingest_paths(paths, detect_workers=max(0, detect_workers))
        for path, outcome in progress(outcomes, total=total, stream=sys.stderr):
            if isinstance(outcome, IngestError):
                failed.append(outcome)
                self.stderr.write(f"error: {outcome}")
            elif outcome.created:
                created += 1
                claims += outcome.claims
                new_articles.append(outcome.article.pk)
                if verbose:
                    self.stdout.write(f"ingested {path}: {outcome.claims} claims")
            else:
                unchanged += 1
                if verbose:
                    self.stdout.write(
                        f"unchanged {path}: already stored as article {outcome.article.pk}"
                    )
        self.stdout.write(
            f"{created} ingested ({claims} claims), {unchanged} unchanged, {len(failed)} failed"
        )
        if match and claims:
            # After the ingest, not inside it: matching costs far more a claim than
            # storing, and the articles are in whether or not it finishes.
            ids = sorted(
                {
                    pk
                    for start in range(0, len(new_articles), 500)  # bound the query's size
                    for pk in Claim.objects.filter(
                        annotations__article__in=new_articles[start : start + 500]
                    ).values_list("pk", flat=True)
                }
            )
            stored = store_matches(ids, progress=bar)
            self.stdout.write(f"Matched {len(ids)} new claims: {stored} matches stored.")
        if failed:
            raise CommandError(
                f"{len(failed)} file(s) could not be ingested: "
                + ", ".join(str(e.path) for e in failed)
            )
        if created + unchanged == 0:
            raise CommandError("No article files found (.txt, .md, .html, .htm).")


def on_terminal(stream: TextIO) -> bool:
    """A progress bar only for a person watching: not into a file or pipe, not under CI."""
    return stream.isatty() and os.environ.get("CI", "").lower() != "true"


def progress(outcomes: Iterable[Outcome], *, total: int, stream: TextIO) -> Iterator[Outcome]:
    """`outcomes` with a progress bar (articles, claims a second, ETA) on a terminal."""
    from tqdm import tqdm

    quiet = not on_terminal(stream)
    with tqdm(total=total, unit="article", file=stream, disable=quiet, smoothing=0.1) as bar:
        claims = 0
        for path, outcome in outcomes:
            if isinstance(outcome, IngestResult):
                claims += outcome.claims
            bar.update(1)
            bar.set_postfix(claims=claims, refresh=False)
            yield path, outcome
