"""Published versions: a snapshot of what readers see, taken at each approval.

The live claim row moves on when a fact-check is reopened (its status, and after
editing its text and evidence); readers keep the last approved version until the next
approval replaces it. Snapshots hold plain fields, not a rendering, so the page and the
ClaimReview are built from them by the same code that builds them from a live claim.
"""

from __future__ import annotations

from typing import Any

from factbase.models import (
    Claim,
    Claimant,
    ClaimStatus,
    Evidence,
    PublishedVersion,
    ReviewAction,
    ReviewEvent,
    Source,
    Verdict,
)

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
    return PublishedVersion.objects.create(
        claim=claim, version=claim.version, published_at=claim.updated_at, content=content
    )


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
