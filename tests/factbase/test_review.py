from __future__ import annotations

from typing import Any

import pytest

from factbase import errors, review
from factbase.models import Claim, ClaimStatus, ReviewAction, ReviewEvent, Verdict
from factbase.review import TRANSITIONS, WORKFLOW_ACTIONS
from tests.factories import EvidenceFactory, anchored_claim

S, A = ClaimStatus, ReviewAction
INPUTS: dict[str, dict[str, Any]] = {
    A.PROPOSE: {"verdict": Verdict.MOSTLY_TRUE, "summary": "Close to the official figure."},
    A.DISMISS: {"note": "Not check-worthy."},
    A.SEND_BACK: {"note": "Needs a second source."},
    A.REOPEN: {"note": "New figures were released."},
}


def walk(claim: Claim, status: str, *, editor: Any, reviewer: Any) -> Claim:
    """Bring a new claim to `status` through the workflow itself."""
    steps = {
        S.NEW: [],
        S.IN_REVIEW: [(editor, A.START_REVIEW)],
        S.AWAITING_APPROVAL: [(editor, A.START_REVIEW), (editor, A.PROPOSE)],
        S.PUBLISHED: [(editor, A.START_REVIEW), (editor, A.PROPOSE), (reviewer, A.APPROVE)],
        S.DISMISSED: [(editor, A.DISMISS)],
    }[status]
    if status in (S.AWAITING_APPROVAL, S.PUBLISHED):
        EvidenceFactory(claim=claim)
    for actor, action in steps:
        claim = review.claim_transition(
            claim=claim,
            actor=actor,
            action=action,
            expected_version=claim.version,
            **INPUTS.get(action, {}),
        )
    assert claim.status == status
    return claim


@pytest.mark.django_db
@pytest.mark.parametrize("status", S.values)
@pytest.mark.parametrize("action", WORKFLOW_ACTIONS)
def test_every_state_and_action_is_allowed_or_refused_by_the_table(
    status: str, action: str, editor: Any, reviewer: Any, other_reviewer: Any
) -> None:
    claim = walk(anchored_claim(), status, editor=editor, reviewer=reviewer)
    before_version, before_events = claim.version, claim.events.count()
    target = TRANSITIONS.get((status, action))
    # other_reviewer holds every permission and proposed nothing: only the table decides.
    if target is None:
        with pytest.raises(errors.InvalidState):
            review.claim_transition(
                claim=claim,
                actor=other_reviewer,
                action=action,
                expected_version=claim.version,
                **INPUTS.get(action, {}),
            )
        claim.refresh_from_db()
        assert (claim.status, claim.version) == (status, before_version)
        assert claim.events.count() == before_events
    else:
        claim = review.claim_transition(
            claim=claim,
            actor=other_reviewer,
            action=action,
            expected_version=claim.version,
            **INPUTS.get(action, {}),
        )
        assert claim.status == target
        assert claim.version == before_version + 1
        assert claim.events.count() == before_events + 1
        event = claim.events.first()
        assert event is not None
        assert (event.action, event.from_status, event.to_status, event.actor) == (
            action,
            status,
            target,
            other_reviewer,
        )
        assert event.note == INPUTS.get(action, {}).get("note", "")


def test_the_table_covers_the_designed_workflow() -> None:
    assert TRANSITIONS == {
        (S.NEW, A.START_REVIEW): S.IN_REVIEW,
        (S.NEW, A.DISMISS): S.DISMISSED,
        (S.DISMISSED, A.RESTORE): S.NEW,
        (S.IN_REVIEW, A.PROPOSE): S.AWAITING_APPROVAL,
        (S.IN_REVIEW, A.DISMISS): S.DISMISSED,
        (S.AWAITING_APPROVAL, A.APPROVE): S.PUBLISHED,
        (S.AWAITING_APPROVAL, A.SEND_BACK): S.IN_REVIEW,
        (S.PUBLISHED, A.REOPEN): S.IN_REVIEW,
    }


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "action"),
    [(S.AWAITING_APPROVAL, A.APPROVE), (S.AWAITING_APPROVAL, A.SEND_BACK), (S.PUBLISHED, A.REOPEN)],
)
def test_editors_cannot_take_reviewer_actions(
    status: str, action: str, editor: Any, reviewer: Any, other_editor: Any
) -> None:
    claim = walk(anchored_claim(), status, editor=editor, reviewer=reviewer)
    with pytest.raises(errors.NotAllowed):
        review.claim_transition(
            claim=claim, actor=other_editor, action=action, **INPUTS.get(action, {})
        )
    claim.refresh_from_db()
    assert claim.status == status


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "action"),
    [
        (S.NEW, A.START_REVIEW),
        (S.NEW, A.DISMISS),
        (S.DISMISSED, A.RESTORE),
        (S.IN_REVIEW, A.PROPOSE),
        (S.IN_REVIEW, A.DISMISS),
    ],
)
def test_editors_take_the_editor_actions(
    status: str, action: str, editor: Any, reviewer: Any, other_editor: Any
) -> None:
    claim = walk(anchored_claim(), status, editor=editor, reviewer=reviewer)
    claim = review.claim_transition(
        claim=claim, actor=other_editor, action=action, **INPUTS.get(action, {})
    )
    assert claim.status == TRANSITIONS[(status, action)]


@pytest.mark.django_db
def test_people_outside_the_desk_cannot_move_claims(outsider: Any) -> None:
    from django.contrib.auth.models import AnonymousUser

    claim = anchored_claim()
    for actor in (outsider, AnonymousUser()):
        with pytest.raises(errors.NotAllowed):
            review.claim_transition(claim=claim, actor=actor, action=A.START_REVIEW)
    assert not ReviewEvent.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "action"),
    [(S.NEW, A.DISMISS), (S.AWAITING_APPROVAL, A.SEND_BACK), (S.PUBLISHED, A.REOPEN)],
)
def test_dismiss_send_back_and_reopen_need_a_reason(
    status: str, action: str, editor: Any, reviewer: Any, other_reviewer: Any
) -> None:
    claim = walk(anchored_claim(), status, editor=editor, reviewer=reviewer)
    for note in ("", "   "):
        with pytest.raises(errors.InvalidValue) as caught:
            review.claim_transition(claim=claim, actor=other_reviewer, action=action, note=note)
        assert caught.value.field == "note"
    claim.refresh_from_db()
    assert claim.status == status


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("inputs", "field"),
    [
        ({"summary": "Right."}, "verdict"),
        ({"verdict": Verdict.TRUE}, "summary"),
        ({"verdict": Verdict.TRUE, "summary": "  "}, "summary"),
        ({"verdict": "pants_on_fire", "summary": "No."}, "verdict"),
    ],
)
def test_propose_needs_a_known_verdict_and_a_summary(
    inputs: dict[str, str], field: str, editor: Any, reviewer: Any
) -> None:
    claim = walk(anchored_claim(), S.IN_REVIEW, editor=editor, reviewer=reviewer)
    with pytest.raises(errors.InvalidValue) as caught:
        review.claim_transition(claim=claim, actor=editor, action=A.PROPOSE, **inputs)
    assert caught.value.field == field
    claim.refresh_from_db()
    assert (claim.status, claim.verdict) == (S.IN_REVIEW, "")


@pytest.mark.django_db
def test_propose_records_the_verdict_change(editor: Any, reviewer: Any) -> None:
    claim = walk(anchored_claim(), S.AWAITING_APPROVAL, editor=editor, reviewer=reviewer)
    event = claim.events.first()
    assert event is not None
    assert (event.from_verdict, event.to_verdict) == ("", Verdict.MOSTLY_TRUE)
    assert claim.verdict_summary == "Close to the official figure."


@pytest.mark.django_db
def test_only_propose_takes_a_verdict(editor: Any) -> None:
    claim = anchored_claim()
    with pytest.raises(errors.InvalidValue):
        review.claim_transition(claim=claim, actor=editor, action=A.START_REVIEW, verdict="true")


@pytest.mark.django_db
def test_approve_requires_evidence(editor: Any, reviewer: Any) -> None:
    claim = walk(anchored_claim(), S.IN_REVIEW, editor=editor, reviewer=reviewer)
    claim = review.claim_transition(
        claim=claim, actor=editor, action=A.PROPOSE, **INPUTS[A.PROPOSE]
    )
    with pytest.raises(errors.InvalidValue, match="evidence"):
        review.claim_transition(
            claim=claim, actor=reviewer, action=A.APPROVE, expected_version=claim.version
        )
    claim.refresh_from_db()
    assert claim.status == S.AWAITING_APPROVAL
    assert claim.published_at is None


@pytest.mark.django_db
def test_approve_requires_a_second_person(reviewer: Any, other_reviewer: Any) -> None:
    claim = walk(anchored_claim(), S.AWAITING_APPROVAL, editor=reviewer, reviewer=other_reviewer)
    with pytest.raises(errors.NotAllowed, match="someone other"):
        review.claim_transition(
            claim=claim, actor=reviewer, action=A.APPROVE, expected_version=claim.version
        )
    claim = review.claim_transition(
        claim=claim, actor=other_reviewer, action=A.APPROVE, expected_version=claim.version
    )
    assert claim.status == S.PUBLISHED


@pytest.mark.django_db
def test_four_eyes_can_be_turned_off_for_a_one_person_desk(settings: Any, reviewer: Any) -> None:
    settings.FACTBASE_FOUR_EYES = False
    claim = walk(anchored_claim(), S.AWAITING_APPROVAL, editor=reviewer, reviewer=reviewer)
    claim = review.claim_transition(
        claim=claim, actor=reviewer, action=A.APPROVE, expected_version=claim.version
    )
    assert claim.status == S.PUBLISHED


@pytest.mark.django_db
def test_a_stale_version_changes_nothing(editor: Any) -> None:
    claim = anchored_claim()
    with pytest.raises(errors.StaleVersion):
        review.claim_transition(
            claim=claim, actor=editor, action=A.START_REVIEW, expected_version=claim.version + 1
        )
    claim.refresh_from_db()
    assert (claim.status, claim.version, claim.events.count()) == (S.NEW, 1, 0)


@pytest.mark.django_db
def test_approve_publishes_and_reopen_keeps_the_published_record(
    editor: Any, reviewer: Any, other_reviewer: Any
) -> None:
    claim = walk(anchored_claim(), S.PUBLISHED, editor=editor, reviewer=reviewer)
    first_published = claim.published_at
    assert first_published is not None
    claim = review.claim_transition(
        claim=claim, actor=other_reviewer, action=A.REOPEN, note="New data."
    )
    assert claim.status == S.IN_REVIEW
    assert claim.published_at == first_published
    assert claim.verdict == Verdict.MOSTLY_TRUE
    claim = review.claim_transition(
        claim=claim, actor=editor, action=A.PROPOSE, verdict=Verdict.FALSE, summary="Revised."
    )
    claim = review.claim_transition(
        claim=claim, actor=reviewer, action=A.APPROVE, expected_version=claim.version
    )
    assert claim.published_at == first_published
    approvals = claim.events.filter(action=A.APPROVE).order_by("id")
    assert [e.changes.get("correction", False) for e in approvals] == [False, True]


@pytest.mark.django_db
def test_allowed_actions_depend_on_role_and_state(editor: Any, reviewer: Any) -> None:
    claim = walk(anchored_claim(), S.AWAITING_APPROVAL, editor=editor, reviewer=reviewer)
    assert [t.action for t in review.allowed_actions(claim, editor)] == []
    assert sorted(t.action for t in review.allowed_actions(claim, reviewer)) == [
        A.APPROVE,
        A.SEND_BACK,
    ]
