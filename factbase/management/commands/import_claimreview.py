from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from factbase.external import import_claimreviews


class Command(BaseCommand):
    help = (
        "Import other fact-checkers' published ClaimReviews (a JSON array, JSON Lines or a "
        "schema.org DataFeed) for claim matching. Safe to run again: idempotent by url."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")

    def handle(self, *args: Any, paths: list[Path], **options: Any) -> None:
        missing = [p for p in paths if not p.is_file()]
        if missing:
            raise CommandError(f"No such file: {', '.join(map(str, missing))}")
        with tqdm(unit=" items", disable=options["verbosity"] < 1, file=self.stderr) as bar:
            report = import_claimreviews(paths, progress=bar.update)
        for where, why in report.refused:
            self.stderr.write(f"{where}: refused: {why}")
        self.stdout.write(
            f"{report.created} fact-checks imported, {report.updated} updated, "
            f"{len(report.refused)} refused"
        )
