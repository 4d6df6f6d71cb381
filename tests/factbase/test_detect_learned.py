"""What the detector proposes: the sentences both its rules and the check-worthiness model
learned from public data (``factbase.checkworthy``, trained on ClaimBuster) keep.

The rules find sentences that carry figures, dates, names and reported speech; the learned
model has seen 9,674 sentences labelled by people and knows, among other things, that a
plan or an appointment ("she would begin talks with the unions on Friday") is rarely worth checking.
A sentence is proposed when the rule score reaches ``detect.THRESHOLD`` and the learned
probability (given that rule score) reaches the model's own cut, chosen by
cross-validation on its training data only.
"""

from __future__ import annotations

import pytest

from factbase import checkworthy, detect

PLAN = "The governor said she would begin talks with the unions on Friday."
FIGURE = "Unemployment rose to 5.2% in the third quarter, the statistics bureau said."
FEELING = "\u201cI am proud of every one of them,\u201d the coach said."
TEXT = " ".join([PLAN, FIGURE, FEELING])


def _scored(text: str) -> dict[str, detect.Candidate]:
    return {c.text: c for c in detect.score(text)}


def test_a_plan_the_rules_keep_is_dropped_by_the_learned_model() -> None:
    plan = _scored(TEXT)[PLAN]
    assert plan.score >= detect.THRESHOLD  # the rules alone would propose it
    assert checkworthy.combined(plan.text, plan.score) < checkworthy.THRESHOLD
    assert PLAN not in {c.text for c in detect.detect(TEXT)}


def test_a_figure_both_keep_is_proposed_and_feeling_is_not() -> None:
    proposed = {c.text for c in detect.detect(TEXT)}
    assert proposed == {FIGURE}


def test_every_proposed_sentence_passes_both_cuts_and_carries_its_learned_score() -> None:
    text = (
        "Harriet Olsen said the bridge had passed every inspection since 2019. "
        "The minister said the plan would cost \u00a34bn over ten years. "
        "Nine people were treated in hospital for smoke inhalation. " + TEXT
    )
    scored = detect.score(text)
    proposed = detect.detect(text)
    assert proposed
    for c in proposed:
        assert c.score >= detect.THRESHOLD
        assert c.checkworthiness == checkworthy.combined(c.text, c.score)
        assert c.checkworthiness >= checkworthy.THRESHOLD
    kept = {(c.start, c.end) for c in proposed}
    for c in scored:
        assert c.checkworthiness is None  # score() is the rules alone
        both = c.score >= detect.THRESHOLD and (
            checkworthy.combined(c.text, c.score) >= checkworthy.THRESHOLD
        )
        assert ((c.start, c.end) in kept) == both, c.text


def test_the_cuts_can_be_moved_for_measurement() -> None:
    everything = detect.detect(TEXT, threshold=0.0, learned_threshold=0.0)
    assert [c.text for c in everything] == [c.text for c in detect.score(TEXT)]
    assert detect.detect(TEXT, learned_threshold=1.01) == []
    rules_only = detect.detect(TEXT, learned_threshold=0.0)
    assert {c.text for c in rules_only} == {PLAN, FIGURE}


def test_the_detector_names_its_rules_and_its_learned_model() -> None:
    model = checkworthy.model()
    assert (
        f"{detect.DETECTOR_NAME}/{detect.DETECTOR_VERSION}+{model.name}/{model.version}"
    ) == detect.DETECTOR
    assert len(detect.DETECTOR) <= 64  # Claim.detector


@pytest.mark.django_db
def test_an_ingested_claim_stores_the_learned_checkworthiness() -> None:
    from factbase.ingest import ArticleData, article_ingest

    article = article_ingest(data=ArticleData(title="Jobs", text=TEXT)).article
    claims = [a.claim for a in article.annotations.select_related("claim")]
    assert [c.text for c in claims] == [FIGURE]
    figure = _scored(TEXT)[FIGURE]
    assert claims[0].checkworthiness == pytest.approx(
        checkworthy.combined(figure.text, figure.score)
    )
    assert claims[0].detector == detect.DETECTOR
