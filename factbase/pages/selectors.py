"""What the readers' pages read: published claims, and reopened ones as last published,
with their related rows loaded."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch, Q, QuerySet

from factbase import publication, readers, selectors
from factbase.models import (
    Annotation,
    Claim,
    Claimant,
    Evidence,
    PublishedVersion,
    ReviewAction,
    ReviewEvent,
    Verdict,
)

PAGE_SIZE = 20


def factcheck_list(
    *, verdict: str = "", claimant: int | None = None, query: str = ""
) -> QuerySet[Claim]:
    """Public fact-checks (published, and reopened ones as last published), newest first,
    filtered as a reader asked: on the published verdict, claimant and text, never a
    correction's draft (factbase.readers). `shown()` gives each as readers see it."""
    claims = readers.claims_public()
    if verdict:
        claims = claims.filter(Q(public_verdict=verdict))  # readers.claims_public annotates
    if claimant is not None:
        claims = claims.filter(Q(public_claimant=claimant))
    if query:
        claims = readers.public_search(claims, query)
    return (
        claims.select_related("claimant")
        .prefetch_related(
            Prefetch(
                "annotations",
                queryset=Annotation.objects.select_related("article").defer("article__text"),
            ),
            Prefetch("published_versions", queryset=PublishedVersion.objects.order_by("id")),
        )
        .order_by("-published_at", "-id")
    )


def shown(claim: Claim) -> tuple[Claim, bool]:
    """A claim of factcheck_list as readers see it, and whether it is under review again
    (then the unsaved copy of its last published version, its annotations kept)."""
    versions = list(claim.published_versions.all())
    snapshot = versions[-1] if versions else None
    return publication.shown_to_readers(claim, snapshot), readers.is_shown_as_published(
        claim.status
    )


def factcheck_detail(*, pk: int) -> Claim | None:
    return (
        selectors.claimreview_list()
        .prefetch_related(
            Prefetch("evidence", queryset=Evidence.objects.select_related("source").order_by("id"))
        )
        .filter(pk=pk)
        .first()
    )


def reopened(*, pk: int) -> tuple[Claim, PublishedVersion] | None:
    """A fact-check back under review, with the version readers keep seeing meanwhile."""
    claim = (
        Claim.objects.filter(pk=pk, status__in=selectors.UNDER_REVIEW_AGAIN)
        .prefetch_related(
            Prefetch(
                "annotations",
                queryset=Annotation.objects.select_related("article").defer("article__text"),
            )
        )
        .first()
    )
    if claim is None:
        return None
    snapshot = PublishedVersion.objects.filter(claim=claim).order_by("-id").first()
    return None if snapshot is None else (claim, snapshot)


def claimants_with_factchecks() -> QuerySet[Claimant]:
    """Who a reader can filter on: the claimants public fact-checks show."""
    return selectors.claimants_visible(None).order_by("name")


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One line of a fact-check's public history."""

    at: datetime
    kind: str  # published, corrected, reopened
    text: str


def public_history(claim: Claim) -> list[HistoryEntry]:
    """Publications, reopenings and corrections, oldest first, in words for readers.

    The desk's internal steps (evidence edits, proposals sent back) stay internal; what a
    reader learns is when the verdict was published, when and why it was reopened, and
    what a republication changed.
    """
    events = ReviewEvent.objects.filter(
        claim=claim, action__in=[ReviewAction.APPROVE, ReviewAction.REOPEN, ReviewAction.PROPOSE]
    ).order_by("id")
    entries: list[HistoryEntry] = []
    published_verdict = ""
    published_summary = ""
    proposed_summary = ""
    reason = ""
    for event in events:
        if event.action == ReviewAction.PROPOSE:
            proposed_summary = (event.changes or {}).get("verdict_summary", [None, ""])[1] or ""
        elif event.action == ReviewAction.REOPEN:
            reason = event.note
            entries.append(
                HistoryEntry(event.created_at, "reopened", f"Reopened for review: {event.note}")
            )
        elif not published_verdict:
            published_verdict = event.to_verdict
            published_summary = proposed_summary
            entries.append(
                HistoryEntry(
                    event.created_at, "published", f"Published: {Verdict(event.to_verdict).label}."
                )
            )
        else:
            changes = []
            if event.to_verdict != published_verdict:
                changes.append(
                    f"verdict changed from {Verdict(published_verdict).label} "
                    f"to {Verdict(event.to_verdict).label}"
                )
            if proposed_summary and proposed_summary != published_summary:
                changes.append("summary rewritten")
            what = "; ".join(changes) or "no change to the verdict"
            why = f" Reason: {reason}" if reason else ""
            entries.append(HistoryEntry(event.created_at, "corrected", f"Corrected: {what}.{why}"))
            published_verdict = event.to_verdict
            published_summary = proposed_summary or published_summary
    return entries


def first_article(claim: Claim) -> Annotation | None:
    annotations = list(claim.annotations.all())
    return annotations[0] if annotations else None
