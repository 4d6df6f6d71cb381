from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from tqdm import tqdm

from factbase.matching.desk import claim_matches_store
from factbase.models import Claim, ClaimStatus

BATCH = 200


def store_matches(ids: Sequence[int], *, progress: bool) -> int:
    """Store the best matches of the claims `ids`, BATCH to a transaction; how many stored."""
    stored = 0
    with tqdm(total=len(ids), unit=" claims", disable=not progress) as bar:
        for start in range(0, len(ids), BATCH):
            batch = list(Claim.objects.filter(pk__in=ids[start : start + BATCH]))
            with transaction.atomic():
                stored += claim_matches_store(claims=batch)
            bar.update(len(batch))
    return stored


class Command(BaseCommand):
    help = (
        "Match every claim of the desk (dismissed ones aside) again and store its best "
        "matches, which the queue's 'checked before' filter reads: run it after importing "
        "other fact-checkers' work (import_claimreview). --pending matches only the claims "
        "not matched yet (those past the first of a long article an ingest request "
        "matches): run it often, from cron."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--status",
            choices=ClaimStatus.values,
            action="append",
            help="Only claims in this status (repeatable). Default: all but dismissed.",
        )
        parser.add_argument(
            "--pending",
            action="store_true",
            help="Only the claims not matched yet (the queue's 'Not matched yet').",
        )

    def handle(self, *args: Any, status: list[str] | None, pending: bool, **options: Any) -> None:
        claims = Claim.objects.order_by("pk")
        claims = (
            claims.filter(status__in=status)
            if status
            else claims.exclude(status=ClaimStatus.DISMISSED)
        )
        if pending:
            claims = claims.filter(matched_at__isnull=True)
        ids = list(claims.values_list("pk", flat=True))
        stored = store_matches(ids, progress=options["verbosity"] >= 1)
        which = "pending claims" if pending else "claims"
        self.stdout.write(f"Matched {len(ids)} {which}: {stored} matches stored.")
