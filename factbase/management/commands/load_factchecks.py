from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from factbase.errors import DomainError
from factbase.factchecks import load_factchecks
from factbase.ingest import IngestError


class Command(BaseCommand):
    help = (
        "Load curated fact-checks (fixtures/*.json): ingest their article if needed and walk "
        "each claim through review as the demo editor and reviewer. Safe to run again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")

    def handle(self, *args: Any, paths: list[Path], **options: Any) -> None:
        files = [
            p for path in paths for p in (sorted(path.glob("*.json")) if path.is_dir() else [path])
        ]
        if not files:
            raise CommandError("No fixture files found.")
        for path in files:
            try:
                report = load_factchecks(path, base_dir=Path(settings.BASE_DIR))
            except (IngestError, DomainError, KeyError) as exc:
                raise CommandError(f"{path}: {exc}") from exc
            self.stdout.write(
                f"{path}: article {report.article.pk}, {report.claims} fact-checks: "
                f"{report.published} published, {report.in_review} left in review, "
                f"{report.unchanged} already done"
            )
