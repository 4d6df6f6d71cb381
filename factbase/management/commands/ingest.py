from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from factbase.ingest import IngestError, ingest_paths


class Command(BaseCommand):
    help = (
        "Ingest article files (.txt, .md, .html) and folders: store each article with the "
        "claims the detector finds. Metadata comes from a NAME.meta.json sidecar when there "
        "is one. Articles already stored (same URL, else same text) are left as they are."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")

    def handle(self, *args: Any, paths: list[Path], **options: Any) -> None:
        created = unchanged = claims = 0
        failed: list[IngestError] = []
        for path, outcome in ingest_paths(paths):
            if isinstance(outcome, IngestError):
                failed.append(outcome)
                self.stderr.write(f"error: {outcome}")
            elif outcome.created:
                created += 1
                claims += outcome.claims
                self.stdout.write(f"ingested {path}: {outcome.claims} claims")
            else:
                unchanged += 1
                self.stdout.write(
                    f"unchanged {path}: already stored as article {outcome.article.pk}"
                )
        self.stdout.write(
            f"{created} ingested ({claims} claims), {unchanged} unchanged, {len(failed)} failed"
        )
        if failed:
            raise CommandError(
                f"{len(failed)} file(s) could not be ingested: "
                + ", ".join(str(e.path) for e in failed)
            )
        if created + unchanged == 0:
            raise CommandError("No article files found (.txt, .md, .html).")
