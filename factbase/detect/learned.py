"""What the detector proposes: the sentences that both the rules and the check-worthiness
model learned from public labelled data (``factbase.checkworthy``) keep.

The rules (:func:`score`) find the sentences that carry figures, dates, names and reported
speech, and their speakers; the learned model, trained on the ClaimBuster sentences with
the rules' score as one of its inputs, weighs the wording the rules cannot (a plan or an
appointment is rarely worth checking). A sentence is proposed when its rule score reaches
``THRESHOLD`` and its learned probability reaches the model's own cut, chosen by
cross-validation on the training data only.
"""

from __future__ import annotations

from factbase import checkworthy
from factbase.detect.scoring import RULES, THRESHOLD, Candidate, score

_MODEL = checkworthy.model()
# What decides a proposal, stored on every detected claim: the rules and the learned model.
DETECTOR = f"{RULES}+{_MODEL.name}/{_MODEL.version}"


def _with_checkworthiness(c: Candidate, learned: float) -> Candidate:
    # dataclasses.replace reads the fields anew on every call, a tenth of detection's cost
    # here; tests compare every field of what is proposed with the rules' candidate.
    return Candidate(
        c.start, c.end, c.text, c.score, c.kind, c.claimant, c.claimant_kind, c.features, learned
    )


def sentence_score(sentence: str) -> float:
    """The rules' check-worthiness of ``sentence`` read as a text of its own (the highest,
    should the rules split it): the rule score the learned model was trained with."""
    return max((c.score for c in score(sentence)), default=0.0)


def learned_score(sentence: str) -> float:
    """The learned probability (0..1) that ``sentence``, read on its own, is a check-worthy
    factual claim."""
    return _MODEL.combined(sentence, sentence_score(sentence))


def is_check_worthy(sentence: str, threshold: float | None = None) -> bool:
    """Whether ``learned_score(sentence)`` reaches ``threshold`` (default: the model's cut)."""
    cut = _MODEL.threshold if threshold is None else threshold
    return learned_score(sentence) >= cut


def detect(
    text: str, *, threshold: float = THRESHOLD, learned_threshold: float | None = None
) -> list[Candidate]:
    """The sentences of ``text`` worth checking: a rule score of at least ``threshold`` and
    a learned check-worthiness (given that score, read in its article) of at least
    ``learned_threshold`` (default: the model's cut). Each carries its ``checkworthiness``.
    Raises :class:`DetectionError` as :func:`score` does."""
    cut = _MODEL.threshold if learned_threshold is None else learned_threshold
    proposed = []
    for c in score(text):
        if c.score >= threshold:
            learned = _MODEL.combined(c.text, c.score)
            if learned >= cut:
                proposed.append(_with_checkworthiness(c, learned))
    return proposed
