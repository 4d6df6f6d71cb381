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


def test_every_public_read_shows_the_same_claims(editor: Any, reviewer: Any, publish: Any) -> None:
    """The claims list, the ClaimReview list and the annotations agree on what is public:
    published, or reopened (in review or awaiting approval again) with a published version;
    never a draft, a dismissed claim, or a claim in review that was never published."""
    from factbase import readers
    from tests.factories import ArticleFactory

    article = ArticleFactory(url="https://news.example.org/story/")
    spans = iter(range(0, 40, 5))

    def claim() -> Claim:
        start = next(spans)
        return anchored_claim(article=article, span=(start, start + 20))

    published = publish(claim())
    in_review_again = review.claim_transition(
        claim=publish(claim()), actor=reviewer, action=A.REOPEN, note="New figures."
    )
    awaiting_again = review.claim_transition(
        claim=review.claim_transition(
            claim=publish(claim()), actor=reviewer, action=A.REOPEN, note="New figures."
        ),
        actor=editor,
        action=A.PROPOSE,
        verdict=Verdict.FALSE,
        summary="Corrected.",
    )
    claim()  # detected
    propose(claim(), editor)  # awaiting approval, never published
    review.claim_transition(claim=claim(), actor=editor, action=A.DISMISS, note="Opinion.")
    expected = {published.pk, in_review_again.pk, awaiting_again.pk}

    assert set(readers.claims_public().values_list("pk", flat=True)) == expected
    assert set(selectors.claimreviews_public().values_list("pk", flat=True)) == expected
    annotations = selectors.published_annotations(uri=None)
    assert sorted(a.claim_id for a in annotations) == sorted(expected)
    on_page = selectors.published_annotations(uri="http://www.news.example.org/story/?utm_x=1")
    assert sorted(a.claim_id for a in on_page) == sorted(expected)
