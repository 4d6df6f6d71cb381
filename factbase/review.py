"""The review workflow: the only code that changes a claim's status.

    new --start_review--> in_review --propose--> awaiting_approval --approve--> published
    new --dismiss--> dismissed --restore--> new
    awaiting_approval --send_back--> in_review
    published --reopen--> in_review

Every transition is one compare-and-swap UPDATE on (id, version) plus exactly one
ReviewEvent, in one transaction, so two people acting on the same version cannot both win.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from factbase import publication
from factbase.models import Claim, ClaimStatus, ReviewAction, ReviewEvent, Verdict

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    Actor = User | AnonymousUser

S = ClaimStatus
A = ReviewAction

# (from status, action) -> to status: the workflow's single source of truth.
TRANSITIONS: dict[tuple[str, str], str] = {
    (S.NEW, A.START_REVIEW): S.IN_REVIEW,
    (S.NEW, A.DISMISS): S.DISMISSED,
    (S.DISMISSED, A.RESTORE): S.NEW,
    (S.IN_REVIEW, A.PROPOSE): S.AWAITING_APPROVAL,
    (S.IN_REVIEW, A.DISMISS): S.DISMISSED,
    (S.AWAITING_APPROVAL, A.APPROVE): S.PUBLISHED,
    (S.AWAITING_APPROVAL, A.SEND_BACK): S.IN_REVIEW,
    (S.PUBLISHED, A.REOPEN): S.IN_REVIEW,
}

WORKFLOW_ACTIONS: tuple[str, ...] = tuple(dict.fromkeys(action for (_, action) in TRANSITIONS))
WORKFLOW_ACTION_CHOICES = [(a, ReviewAction(a).label) for a in WORKFLOW_ACTIONS]
NEEDS_REASON = frozenset({A.DISMISS, A.SEND_BACK, A.REOPEN})
# Editors may take every action but these; reviewers may take all.
REVIEWER_ONLY = frozenset({A.APPROVE, A.SEND_BACK, A.REOPEN})

EDIT_PERMISSION = "factbase.change_claim"
REVIEW_PERMISSION = "factbase.review_claim"


class ReviewError(Exception):
    """A transition that was refused; nothing was changed."""

    code = "review_error"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class InvalidTransition(ReviewError):
    code = "invalid_transition"


class NotAllowed(ReviewError):
    code = "not_allowed"


class MissingInput(ReviewError):
    code = "missing_input"


class StaleVersion(ReviewError):
    code = "stale_version"


@dataclass(frozen=True, slots=True)
class Transition:
    action: str
    from_status: str
    to_status: str


def allowed_actions(claim: Claim, actor: Actor) -> list[Transition]:
    """The transitions `actor` may try on `claim` now (guards on input are checked later)."""
    return [
        Transition(action, claim.status, to)
        for (frm, action), to in TRANSITIONS.items()
        if frm == claim.status and _may(actor, action)
    ]


def _may(actor: Actor, action: str) -> bool:
    if not actor.is_authenticated or not actor.is_active:
        return False
    permission = REVIEW_PERMISSION if action in REVIEWER_ONLY else EDIT_PERMISSION
    return bool(actor.has_perm(permission))


def last_proposer_id(claim: Claim) -> int | None:
    event = (
        ReviewEvent.objects.filter(claim=claim, action=A.PROPOSE)
        .order_by("-created_at", "-id")
        .only("actor_id")
        .first()
    )
    return event.actor_id if event else None


def claim_transition(
    *,
    claim: Claim,
    actor: Actor,
    action: str,
    verdict: str | None = None,
    summary: str | None = None,
    note: str = "",
    expected_version: int | None = None,
) -> Claim:
    """Move `claim` along the workflow and log it.

    Writes one ReviewEvent and bumps `Claim.version` in the same transaction. Raises a
    ReviewError subclass, changing nothing, when the action is unknown or not allowed
    from this status (InvalidTransition), the actor lacks the role or proposed the
    verdict being approved (NotAllowed), a verdict, summary, reason or evidence is
    missing (MissingInput), or the claim changed since `expected_version` (StaleVersion).
    """
    note = (note or "").strip()
    summary = (summary or "").strip() or None
    if action not in WORKFLOW_ACTIONS:
        raise InvalidTransition(f"Unknown action {action!r}.", field="action")
    if not _may(actor, action):
        raise NotAllowed(f"You may not {action.replace('_', ' ')} claims.")

    with transaction.atomic():
        current = Claim.objects.select_for_update().get(pk=claim.pk)
        if expected_version is not None and current.version != expected_version:
            raise StaleVersion(
                f"The claim is at version {current.version}, not {expected_version}."
            )
        to_status = TRANSITIONS.get((current.status, action))
        if to_status is None:
            raise InvalidTransition(
                f"Cannot {action.replace('_', ' ')} a claim that is "
                f"{current.status.replace('_', ' ')}."
            )
        if action in NEEDS_REASON and not note:
            raise MissingInput(f"A reason is required to {action.replace('_', ' ')}.", field="note")

        updates: dict[str, object] = {"status": to_status}
        new_verdict = current.verdict
        if action == A.PROPOSE:
            if not verdict:
                raise MissingInput("A verdict is required to propose.", field="verdict")
            if verdict not in Verdict.values:
                raise MissingInput(f"{verdict!r} is not a verdict.", field="verdict")
            if not summary:
                raise MissingInput("A summary is required to propose.", field="summary")
            new_verdict = verdict
            updates.update(verdict=verdict, verdict_summary=summary)
        elif action == A.APPROVE:
            _check_approvable(current, actor)
            now = timezone.now()
            updates["published_at"] = current.published_at or now
        elif verdict is not None or summary is not None:
            raise MissingInput("Only propose takes a verdict and summary.", field="verdict")

        # Compare-and-swap: a concurrent transition on the same version makes this miss.
        changed = Claim.objects.filter(pk=current.pk, version=current.version).update(
            version=F("version") + 1, updated_at=timezone.now(), **updates
        )
        if changed != 1:
            raise StaleVersion("The claim changed while this action was being recorded.")
        ReviewEvent.objects.create(
            claim=current,
            actor=actor if actor.is_authenticated else None,
            action=action,
            from_status=current.status,
            to_status=to_status,
            from_verdict=current.verdict,
            to_verdict=new_verdict,
            note=note,
            changes=_event_changes(current, action, summary),
        )
        if to_status == S.PUBLISHED:
            publication.published_version_record(claim_id=current.pk)
    claim.refresh_from_db()
    return claim


def _check_approvable(claim: Claim, actor: Actor) -> None:
    if not claim.verdict or not claim.verdict_summary:
        raise MissingInput("A verdict and a summary are required to approve.", field="verdict")
    if not claim.evidence.exists():
        raise MissingInput("At least one piece of evidence is required to approve.")
    if settings.FACTBASE_FOUR_EYES and last_proposer_id(claim) == actor.pk:
        raise NotAllowed("The verdict must be approved by someone other than its proposer.")


def _event_changes(claim: Claim, action: str, summary: str | None) -> dict[str, object]:
    changes: dict[str, object] = {}
    if action == A.PROPOSE and summary != claim.verdict_summary:
        changes["verdict_summary"] = [claim.verdict_summary, summary]
    if action == A.APPROVE and claim.published_at is not None:
        # Republishing after a reopen: the earlier publication stands, this corrects it.
        changes["correction"] = True
    return changes
