"""An editor's word on a suggested match: "different" or "same claim".

"Different" is remembered per pair (ClaimMatchDecision) and the pair is never suggested
nor counted by the queue's filters again. "Same claim" closes the newer claim as a
duplicate of the one that stays (the published or furthest along; else the older): its
appearances (annotations) join the claim that stays, the duplicate is dismissed with a
link to it, and both get a ReviewEvent. Nothing else moves: the duplicate's text, verdict
and evidence stay with it, so what a published claim says changes only through review. A
claim that awaits approval takes no duplicate until it is approved or sent back (its
version would move under the proposal).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from factbase import publication, review
from factbase.errors import InvalidState, InvalidValue, NotAllowed
from factbase.models import (
    Annotation,
    Claim,
    ClaimMatchDecision,
    ClaimStatus,
    ExternalFactCheck,
    MatchDecision,
    ReviewAction,
)

if TYPE_CHECKING:
    from factbase.review import Actor

S = ClaimStatus
# Which of two claims stays when they are the same: the furthest along, else the older.
STAYS_RANK = {S.PUBLISHED: 0, S.AWAITING_APPROVAL: 1, S.IN_REVIEW: 2, S.NEW: 3, S.DISMISSED: 4}


def pair_order(a: Claim, b: Claim) -> tuple[Claim, Claim]:
    """(duplicate, original) for two claims found to be the same."""
    original, duplicate = sorted((a, b), key=lambda c: (STAYS_RANK[S(c.status)], c.pk))
    return duplicate, original


def merge_refusal(duplicate: Claim, original: Claim) -> str | None:
    """Why `duplicate` cannot be closed into `original` now, or None if it can."""
    if duplicate.pk == original.pk:
        return "A claim is not a duplicate of itself."
    if duplicate.status not in review.DUPLICATE_FROM:
        return (
            f"Claim #{duplicate.pk} is {S(duplicate.status).label.lower()}: only a new or "
            "in-review claim is closed as a duplicate."
        )
    if original.status == S.DISMISSED:
        return f"Claim #{original.pk} is dismissed: restore it first."
    if original.status == S.AWAITING_APPROVAL:
        return (
            f"Claim #{original.pk} awaits approval: what is approved is what was proposed, "
            "so join the duplicate once it is approved or sent back."
        )
    return None


def duplicate_of(claim: Claim) -> Claim | None:
    """The claim `claim` was closed into as a duplicate (a query only for dismissed ones)."""
    if claim.status != S.DISMISSED:
        return None
    decision = (
        ClaimMatchDecision.objects.filter(claim=claim, decision=MatchDecision.SAME)
        .select_related("other")
        .first()
    )
    return decision.other if decision is not None else None


def _decision_record(
    *,
    claim: Claim,
    actor: Actor,
    decision: str,
    other: Claim | None = None,
    external: ExternalFactCheck | None = None,
) -> ClaimMatchDecision:
    # The latest word on a pair wins; a claims' pair is one decision whichever way round.
    if other is not None:
        ClaimMatchDecision.objects.filter(claim=other, other=claim).delete()
    row, _ = ClaimMatchDecision.objects.update_or_create(
        claim=claim,
        other=other,
        external=external,
        defaults={"decision": decision, "actor": actor, "actor_name": actor.get_username()},
    )
    return row


def match_mark_different(
    *,
    claim: Claim,
    actor: Actor,
    other: Claim | None = None,
    external: ExternalFactCheck | None = None,
) -> ClaimMatchDecision:
    """Remember that `claim` and `other` (or `external`) are different claims: the pair is
    never suggested on either claim's page nor counted by the queue's filters again."""
    if not review.may_edit(actor):
        raise NotAllowed("You may not decide on matches.")
    if (other is None) == (external is None):
        raise InvalidValue("Name one claim or one fact-check.", field="target")
    if other is not None and other.pk == claim.pk:
        raise InvalidValue("A claim is not different from itself.", field="target")
    with transaction.atomic():
        return _decision_record(
            claim=claim,
            actor=actor,
            decision=MatchDecision.DIFFERENT,
            other=other,
            external=external,
        )


def claim_merge(
    *,
    duplicate: Claim,
    original: Claim,
    actor: Actor,
    expected_version: int | None = None,
    note: str = "",
) -> Claim:
    """Same claim: close `duplicate` into `original` and return `original`, refreshed.

    In one transaction, both rows locked (in id order): the duplicate's annotations move
    to the original, the duplicate is dismissed (close_duplicate event, `duplicate_of`),
    the original's version moves on (its appearances changed: its ETag must) with a
    duplicate_joined event naming the duplicate and the articles, and the pair is
    remembered as `same`. Raises NotAllowed without the editor's role, InvalidState
    (merge_refusal's reason) and StaleVersion when the duplicate moved past
    `expected_version`.
    """
    if not review.may_edit(actor):
        raise NotAllowed("You may not close claims as duplicates.")
    note = (note or "").strip()
    with transaction.atomic():
        locked = {
            c.pk: review.claim_lock(c, expected_version if c.pk == duplicate.pk else None)
            for c in sorted((duplicate, original), key=lambda c: c.pk)
        }
        dup, orig = locked[duplicate.pk], locked[original.pk]
        refusal = merge_refusal(dup, orig)
        if refusal is not None:
            raise InvalidState(refusal)
        moving = Annotation.objects.filter(claim=dup)
        articles = sorted(set(moving.values_list("article_id", flat=True)))
        moved = moving.update(claim=orig)
        review.duplicate_close(current=dup, actor=actor, original_id=orig.pk, note=note)
        version = review.claim_bump(orig)
        review.event_record(
            claim=orig,
            actor=actor,
            action=ReviewAction.DUPLICATE_JOINED,
            note=note or f"Claim #{dup.pk} is the same claim: its appearances joined this one.",
            changes={"duplicate": dup.pk, "appearances": moved, "articles": articles},
            claim_version=version,
        )
        _decision_record(claim=dup, actor=actor, decision=MatchDecision.SAME, other=orig)
        # Readers' annotations change when either was ever published: the appearance now
        # shows the original's fact-check, and a reopened duplicate leaves public view.
        if orig.published_at is not None or dup.published_at is not None:
            publication.public_version_bump()  # once for both
    original.refresh_from_db()
    return original
