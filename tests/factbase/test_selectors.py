"""Reads: the selectors' filters and visibility rules."""

from __future__ import annotations

from typing import Any

import pytest

from factbase import review, selectors
from factbase.models import Claim, ReviewAction, Verdict
from tests.factories import EvidenceFactory, anchored_claim

pytestmark = pytest.mark.django_db

A = ReviewAction


def propose(claim: Claim, actor: Any) -> Claim:
    EvidenceFactory(claim=claim)
    claim.refresh_from_db()
    claim = review.claim_transition(claim=claim, actor=actor, action=A.START_REVIEW)
    return review.claim_transition(
        claim=claim, actor=actor, action=A.PROPOSE, verdict=Verdict.TRUE, summary="It checks out."
    )


def test_claims_proposed_by_follows_the_latest_proposal(editor: Any, reviewer: Any) -> None:
    mine = propose(anchored_claim(), editor)
    taken_over = propose(anchored_claim(), editor)
    taken_over = review.claim_transition(
        claim=taken_over, actor=reviewer, action=A.SEND_BACK, note="Needs a second source."
    )
    review.claim_transition(
        claim=taken_over, actor=reviewer, action=A.PROPOSE, verdict=Verdict.FALSE, summary="No."
    )
    anchored_claim()

    proposed = selectors.claims_proposed_by(user=editor, claims=Claim.objects.all())

    assert list(proposed) == [mine]


def test_claims_approvable_by_a_reviewer_are_proposals_by_others(
    editor: Any, reviewer: Any
) -> None:
    by_editor = propose(anchored_claim(), editor)
    propose(anchored_claim(), reviewer)
    anchored_claim()
    all_claims = Claim.objects.all()

    assert list(review.claims_approvable_by(user=reviewer, claims=all_claims)) == [by_editor]
    assert not review.claims_approvable_by(user=editor, claims=all_claims).exists()


def test_a_one_person_desk_approves_its_own_proposals(settings: Any, reviewer: Any) -> None:
    settings.FACTBASE_FOUR_EYES = False
    own = propose(anchored_claim(), reviewer)

    assert list(review.claims_approvable_by(user=reviewer, claims=Claim.objects.all())) == [own]
