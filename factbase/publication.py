"""Published versions: a snapshot of what readers see, taken at each approval.

The live claim row moves on when a fact-check is reopened (its status, and after
editing its text and evidence); readers keep the last approved version until the next
approval replaces it. Snapshots hold plain fields, not a rendering, so the page and the
ClaimReview are built from them by the same code that builds them from a live claim.

The publication version: one counter (PublicationVersion, one row) that every change to
what readers see in an annotation moves on, in the transaction of the change. Snapshots
are written here, so a publish bumps it here; the review workflow bumps it for any other
transition of a claim that has been published (reopen, send back, withdraw), and ingest
when it records new addresses of a stored article. The annotation page's ETag carries
the counter (api/v1/standards.py).

`public_version()` is read from Django's cache (CACHES: whatever it is configured as; the
default LocMemCache is per process) for at most FACTBASE_PUBLIC_MAX_AGE seconds. A bump
deletes the cached value at once and again when its transaction commits (so a reader who
read the old value before the commit cannot keep it), but only in the caches it can
reach: with a per-process cache, another worker may answer a revalidation from its old
counter, a 304 where a 200 is due, until its cached value expires. That stale window is
never longer than the one Cache-Control already grants any cache holding the page.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest

from factbase.models import (
    Claim,
    Claimant,
    ClaimStatus,
    Evidence,
    PublicationVersion,
    PublishedVersion,
    ReviewAction,
    ReviewEvent,
    Source,
    Verdict,
)

VERSION_CACHE_KEY = "factbase:publication-version"

CLAIM_FIELDS = ("text", "claim_reviewed", "kind", "verdict", "verdict_summary")
SOURCE_FIELDS = ("url", "title", "publisher", "archived_url")


def published_version_record(*, claim_id: int) -> PublishedVersion:
    """Snapshot the claim as just approved (call inside the approving transaction)."""
    claim = Claim.objects.select_related("claimant").get(pk=claim_id)
    evidence = Evidence.objects.filter(claim=claim).select_related("source").order_by("id")
    content: dict[str, Any] = {f: getattr(claim, f) for f in CLAIM_FIELDS}
    content["claimant"] = (
        None
        if claim.claimant is None
        else {"id": claim.claimant.pk, "name": claim.claimant.name, "kind": claim.claimant.kind}
    )
    content["evidence"] = [
        {
            "stance": e.stance,
            "excerpt": e.excerpt,
            "note": e.note,
            "source": {
                **{f: getattr(e.source, f) for f in SOURCE_FIELDS},
                "published_at": e.source.published_at.isoformat()
                if e.source.published_at
                else None,
            },
        }
        for e in evidence
    ]
    previous = PublishedVersion.objects.filter(claim=claim).order_by("-id").first()
    if previous is not None:
        content["correction"] = {
            "date": claim.updated_at.isoformat(),
            "text": correction_text(previous.content, content, reason=_reopen_reason(claim)),
        }
    snapshot = PublishedVersion.objects.create(
        claim=claim, version=claim.version, published_at=claim.updated_at, content=content
    )
    public_version_bump()
    return snapshot


def public_version() -> int:
    """The publication version, from the cache (at most FACTBASE_PUBLIC_MAX_AGE seconds
    old) or else one query. Read it before the data it labels, never after: an older
    counter on newer data only costs a 200 later, a newer one on older data a stale 304."""
    value = cache.get(VERSION_CACHE_KEY)
    if value is None:
        row = PublicationVersion.objects.filter(pk=1).values_list("value", flat=True)
        value = next(iter(row), 0)
        cache.set(VERSION_CACHE_KEY, value, timeout=settings.FACTBASE_PUBLIC_MAX_AGE)
    return int(value)


def public_version_bump() -> None:
    """Move the publication version on, in the caller's transaction (its row stays locked
    until the commit, so concurrent bumps count in commit order), and drop the cached
    value now and when the transaction commits."""
    with transaction.atomic():
        # Past every value before it and past the clock (microseconds): a database
        # restored from a backup, or rolled back, never hands out an old value again.
        moved = Greatest(F("value") + 1, Value(time.time_ns() // 1000))
        if not PublicationVersion.objects.filter(pk=1).update(value=moved):
            try:
                with transaction.atomic():
                    PublicationVersion.objects.create(pk=1, value=time.time_ns() // 1000)
            except IntegrityError:  # another transaction made the row first
                PublicationVersion.objects.filter(pk=1).update(value=moved)
    cache.delete(VERSION_CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(VERSION_CACHE_KEY))


def public_change(claim: Claim) -> None:
    """Bump the publication version if `claim` has been published: its transition can
    change or remove what readers see (a publish bumps in published_version_record)."""
    if claim.published_at is not None:
        public_version_bump()


def _reopen_reason(claim: Claim) -> str:
    event = (
        ReviewEvent.objects.filter(claim=claim, action=ReviewAction.REOPEN).order_by("-id").first()
    )
    return event.note if event else ""


def correction_text(before: dict[str, Any], after: dict[str, Any], *, reason: str) -> str:
    """What a republication changed, and why, in one sentence for readers."""
    changes = []
    if before["verdict"] != after["verdict"]:
        changes.append(
            f"verdict changed from {Verdict(before['verdict']).label} "
            f"to {Verdict(after['verdict']).label}"
        )
    if before["verdict_summary"] != after["verdict_summary"]:
        changes.append("summary rewritten")
    if (before["text"], before["claim_reviewed"]) != (after["text"], after["claim_reviewed"]):
        changes.append("claim reworded")
    if before["evidence"] != after["evidence"]:
        changes.append("evidence revised")
    what = "; ".join(changes) or "no change to the verdict"
    text = f"Corrected: {what}."
    return f"{text} Reason: {reason}" if reason else text


def as_published(claim: Claim, snapshot: PublishedVersion) -> tuple[Claim, list[Evidence]]:
    """`claim` as readers last saw it (unsaved copies: never to be saved)."""
    content = snapshot.content
    shown = Claim(
        pk=claim.pk,
        status=claim.status,
        published_at=claim.published_at,
        updated_at=snapshot.published_at,
        version=snapshot.version,
        **{f: content[f] for f in CLAIM_FIELDS},
    )
    if content["claimant"] is not None:
        shown.claimant = Claimant(**content["claimant"])
    evidence = []
    for item in content["evidence"]:
        source = Source(**item["source"])
        evidence.append(
            Evidence(
                stance=item["stance"], excerpt=item["excerpt"], note=item["note"], source=source
            )
        )
    return shown, evidence


def shown_to_readers(claim: Claim, snapshot: PublishedVersion | None) -> Claim:
    """The claim readers see: `claim` itself when published, else its `snapshot` as
    published (with `claim`'s loaded relations, so annotations and corrections follow)."""
    if claim.status == ClaimStatus.PUBLISHED or snapshot is None:
        return claim
    shown, _ = as_published(claim, snapshot)
    cache = getattr(claim, "_prefetched_objects_cache", None)
    if cache is not None:
        shown._prefetched_objects_cache = cache  # type: ignore[attr-defined]
    return shown
