"""The review workflow: the only code that changes a claim's status, and its rules.

    new --start_review--> in_review --propose--> awaiting_approval --approve--> published
    new --dismiss--> dismissed --restore--> new
    awaiting_approval --send_back--> in_review
    published --reopen--> in_review

Every transition is one compare-and-swap UPDATE on (id, version) plus exactly one
ReviewEvent, in one transaction, so two people acting on the same version cannot both win.

What is approved is exactly what was proposed: while a claim awaits approval, and once
it is published, its content (text, kind, claimant, evidence and what they point to)
cannot change for anyone; a reviewer who wants changes sends it back, a published claim
is reopened. Approve names the version that was proposed. Events are ordered by id.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from factbase import publication
from factbase.errors import InvalidState, InvalidValue, NotAllowed, StaleVersion
from factbase.matching import desk
from factbase.models import Claim, ClaimStatus, ReviewAction, ReviewEvent, Verdict
from factbase.roles import EDIT_PERMISSION, REVIEW_PERMISSION

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

# The states whose content is frozen, and the way to change it from there.
FROZEN: dict[str, str] = {
    S.AWAITING_APPROVAL: "a reviewer sends it back to change it",
    S.PUBLISHED: "a reviewer reopens it to change it",
}


@dataclass(frozen=True, slots=True)
class Transition:
    action: str
    from_status: str
    to_status: str

    @property
    def label(self) -> str:
        return str(A(self.action).label)

    @property
    def needs_reason(self) -> bool:
        return self.action in NEEDS_REASON

    @property
    def needs_verdict(self) -> bool:
        return self.action == A.PROPOSE


@dataclass(frozen=True, slots=True)
class Options:
    """What `actor` may do with a claim now, and why an expected action is missing."""

    actions: list[Transition]
    notes: list[str] = field(default_factory=list)
    content_editable: bool = True


# Who may do what ---------------------------------------------------------------------------


def _may(actor: Actor, action: str) -> bool:
    if not actor.is_authenticated or not actor.is_active:
        return False
    permission = REVIEW_PERMISSION if action in REVIEWER_ONLY else EDIT_PERMISSION
    return bool(actor.has_perm(permission))


def may_review(actor: Actor) -> bool:
    """Whether `actor` holds the reviewer's role (approve, send back, reopen)."""
    return _may(actor, A.APPROVE)


def may_edit(actor: Actor) -> bool:
    """Whether `actor` holds the editor's role (edit, dismiss, decide on matches)."""
    return _may(actor, A.EDIT)


def content_editable(claim: Claim) -> bool:
    """Whether the claim's text, kind, claimant and evidence may change in its state."""
    return claim.status not in FROZEN


def check_content_editable(claim: Claim) -> None:
    """Raise InvalidState, naming the state, when the claim's content is frozen."""
    if claim.status in FROZEN:
        raise InvalidState(
            f"The claim is {S(claim.status).label.lower()}: its content cannot change; "
            f"{FROZEN[claim.status]}."
        )


def _proposals() -> QuerySet[ReviewEvent]:
    # Latest first by id, the database's sequence: app servers' clocks may disagree.
    return ReviewEvent.objects.filter(action=A.PROPOSE).order_by("-id")


def latest_proposal(claim: Claim) -> ReviewEvent | None:
    """The claim's latest `propose` event: who proposed the verdict, at which version."""
    return _proposals().filter(claim=claim).only("actor_id", "claim_version").first()


def latest_proposer() -> Subquery:
    """The actor of a claim's latest `propose` event (NULL if never proposed), per claim row."""
    return Subquery(_proposals().filter(claim=OuterRef("pk")).values("actor_id")[:1])


def _four_eyes_blocks(actor: Actor, proposal: ReviewEvent | None) -> bool:
    return bool(
        settings.FACTBASE_FOUR_EYES and proposal is not None and proposal.actor_id == actor.pk
    )


def allowed_actions(claim: Claim, actor: Actor) -> list[Transition]:
    """The transitions `actor` may try on `claim` now (guards on input are checked later)."""
    return workflow_options(claim, actor).actions


def workflow_options(claim: Claim, actor: Actor) -> Options:
    """The actions `actor` may take on `claim` now, with notes on those withheld."""
    proposal = latest_proposal(claim) if claim.status == S.AWAITING_APPROVAL else None
    actions, notes = [], []
    for (frm, action), to in TRANSITIONS.items():
        if frm != claim.status or not _may(actor, action):
            continue
        if action == A.APPROVE and _four_eyes_blocks(actor, proposal):
            notes.append("You proposed this verdict: another reviewer must approve it.")
            continue
        actions.append(Transition(action, claim.status, to))
    if claim.status == S.AWAITING_APPROVAL and not may_review(actor):
        notes.append("Waiting for a reviewer to approve or send back the proposed verdict.")
    if claim.status == S.PUBLISHED and not actions:
        notes.append("Published. A reviewer can reopen it to correct it.")
    return Options(actions=actions, notes=notes, content_editable=content_editable(claim))


def claims_approvable_by(*, user: Actor, claims: QuerySet[Claim]) -> QuerySet[Claim]:
    """The `claims` awaiting approval that `user` may approve (the four-eyes rule applied)."""
    if not may_review(user):
        return claims.none()
    awaiting = claims.filter(status=S.AWAITING_APPROVAL)
    if not settings.FACTBASE_FOUR_EYES:
        return awaiting
    return awaiting.alias(proposer=latest_proposer()).filter(
        Q(proposer__isnull=True) | ~Q(proposer=user.pk)
    )


# Writing: the lock, the compare-and-swap and the log row, used by every write --------------


def claim_lock(claim: Claim, expected_version: int | None) -> Claim:
    """The claim's row, locked until the transaction ends, at `expected_version` if given.

    Call inside a transaction. Raises StaleVersion when the claim has moved on.
    """
    current = Claim.objects.select_for_update().get(pk=claim.pk)
    if expected_version is not None and current.version != expected_version:
        raise StaleVersion(f"The claim is at version {current.version}, not {expected_version}.")
    return current


def claim_bump(claim: Claim, **updates: Any) -> int:
    """Write `updates` and move the version on, if `claim` is still at its version.

    Returns the new version; StaleVersion when a concurrent write got there first.
    """
    changed = Claim.objects.filter(pk=claim.pk, version=claim.version).update(
        version=F("version") + 1, updated_at=timezone.now(), **updates
    )
    if changed != 1:
        raise StaleVersion("The claim changed while this change was being recorded.")
    return claim.version + 1


def event_record(
    *,
    claim: Claim,
    actor: Actor | None,
    action: str,
    claim_version: int,
    to_status: str | None = None,
    to_verdict: str | None = None,
    note: str = "",
    changes: dict[str, Any] | None = None,
) -> ReviewEvent:
    """Append the log row of a change to `claim` (as it was before the change).

    `claim_version` is the version the change produced; the actor's name is kept as it is
    now, so a later rename of the user rewrites nothing.
    """
    user = actor if actor is not None and actor.is_authenticated else None
    return ReviewEvent.objects.create(
        claim=claim,
        actor=user,
        actor_name=user.get_username() if user is not None else "",
        action=action,
        from_status=claim.status,
        to_status=claim.status if to_status is None else to_status,
        from_verdict=claim.verdict,
        to_verdict=claim.verdict if to_verdict is None else to_verdict,
        note=note,
        changes=changes or {},
        claim_version=claim_version,
    )


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

    Writes one ReviewEvent and bumps `Claim.version` in the same transaction. Raises,
    changing nothing: InvalidValue when the action is unknown, or a verdict, summary,
    reason or evidence is missing or wrong, or approve does not name the version it
    approves; NotAllowed when the actor lacks the role or proposed the verdict being
    approved; InvalidState when the action is not open from the claim's status or the
    claim is no longer the version that was proposed; StaleVersion when the claim
    changed since `expected_version`.
    """
    note = (note or "").strip()
    summary = (summary or "").strip() or None
    if action not in WORKFLOW_ACTIONS:
        raise InvalidValue(f"Unknown action {action!r}.", field="action")
    if not _may(actor, action):
        raise NotAllowed(f"You may not {action.replace('_', ' ')} claims.")

    with transaction.atomic():
        current = claim_lock(claim, expected_version)
        to_status = TRANSITIONS.get((current.status, action))
        if to_status is None:
            raise InvalidState(
                f"Cannot {action.replace('_', ' ')} a claim that is "
                f"{current.status.replace('_', ' ')}."
            )
        if action in NEEDS_REASON and not note:
            raise InvalidValue(f"A reason is required to {action.replace('_', ' ')}.", field="note")

        updates: dict[str, object] = {"status": to_status}
        new_verdict = current.verdict
        if action == A.PROPOSE:
            if not verdict:
                raise InvalidValue("A verdict is required to propose.", field="verdict")
            if verdict not in Verdict.values:
                raise InvalidValue(f"{verdict!r} is not a verdict.", field="verdict")
            if not summary:
                raise InvalidValue("A summary is required to propose.", field="summary")
            new_verdict = verdict
            updates.update(verdict=verdict, verdict_summary=summary)
        elif action == A.APPROVE:
            _check_approvable(current, actor, expected_version)
            updates["published_at"] = current.published_at or timezone.now()
        elif verdict is not None or summary is not None:
            raise InvalidValue("Only propose takes a verdict and summary.", field="verdict")

        version = claim_bump(current, **updates)
        publication.public_change(current)
        event_record(
            claim=current,
            actor=actor,
            action=action,
            to_status=to_status,
            to_verdict=new_verdict,
            note=note,
            changes=_event_changes(current, action, summary),
            claim_version=version,
        )
        if to_status == S.PUBLISHED:
            publication.published_version_record(claim_id=current.pk)
            desk.claim_matches_refresh(claim=current)
    claim.refresh_from_db()
    return claim


def _check_approvable(claim: Claim, actor: Actor, expected_version: int | None) -> None:
    if expected_version is None:
        raise InvalidValue(
            "Approving must name the version of the claim that was proposed.",
            field="expected_version",
        )
    if not claim.verdict or not claim.verdict_summary:
        raise InvalidValue("A verdict and a summary are required to approve.", field="verdict")
    if not claim.evidence.exists():
        raise InvalidValue("At least one piece of evidence is required to approve.")
    proposal = latest_proposal(claim)
    if proposal is None or proposal.claim_version != claim.version:
        proposed = proposal.claim_version if proposal is not None else None
        raise InvalidState(
            f"The claim is at version {claim.version}, but version {proposed} was proposed: "
            "send it back and propose it again."
        )
    if _four_eyes_blocks(actor, proposal):
        raise NotAllowed("The verdict must be approved by someone other than its proposer.")


def _event_changes(claim: Claim, action: str, summary: str | None) -> dict[str, object]:
    changes: dict[str, object] = {}
    if action == A.PROPOSE and summary != claim.verdict_summary:
        changes["verdict_summary"] = [claim.verdict_summary, summary]
    if action == A.APPROVE and claim.published_at is not None:
        # Republishing after a reopen: the earlier publication stands, this corrects it.
        changes["correction"] = True
    return changes


# Closing a duplicate (factbase/duplicates.py decides when): open claims only, since what
# awaits approval or is published is never closed behind a reviewer's back.
DUPLICATE_FROM = frozenset({S.NEW, S.IN_REVIEW})


def duplicate_close(*, current: Claim, actor: Actor, original_id: int, note: str) -> int:
    """Dismiss `current` (locked, open) as a duplicate of claim `original_id`, with one
    close_duplicate event naming it. Call inside the caller's transaction; returns the
    new version."""
    if current.status not in DUPLICATE_FROM:
        raise InvalidState(
            f"A claim that is {S(current.status).label.lower()} cannot be closed as a duplicate."
        )
    version = claim_bump(current, status=S.DISMISSED)
    event_record(
        claim=current,
        actor=actor,
        action=A.CLOSE_DUPLICATE,
        to_status=S.DISMISSED,
        note=note or f"Same claim as #{original_id}.",
        changes={"duplicate_of": original_id},
        claim_version=version,
    )
    return version
