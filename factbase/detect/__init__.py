"""Transparent, offline, rule-based claim detection.

An article body is split into sentences; each sentence gets a check-worthiness score from
a small table of weighted language features (``FEATURE_WEIGHTS``), a claim kind, and a
claimant: the speaker of a direct quote or of reported speech, or ``None`` when the outlet
states the thing itself. Every rule is about how English news copy is written (speech
verbs, title words, name shapes), never about a particular story, so the detector can be
judged on articles it has never seen.

Pure Python with no Django import: the ingest service and batch tools call it directly.
Detection is linear in the length of the text on every input; any failure inside it is a
:class:`DetectionError` for that one text, which callers catch.

The package, in reading order: ``lexicon`` (word lists from ``data/*.txt``), ``sentences``
(splitting and tokens), ``quotes``, ``names`` (name runs and discourse memory),
``attribution`` (speakers), ``features`` and ``scoring`` (weights, kinds, the article
loop), ``learned`` (what is proposed: the rules' candidates the check-worthiness model
learned from ClaimBuster, ``factbase.checkworthy``, also keeps). Names with a leading
underscore are private to the package.
"""

from __future__ import annotations

from factbase.detect.errors import DetectionError, TooManyNames, TooManySentences
from factbase.detect.learned import (
    DETECTOR,
    detect,
    is_check_worthy,
    learned_score,
    sentence_score,
)
from factbase.detect.scoring import (
    BIAS,
    DETECTOR_NAME,
    DETECTOR_VERSION,
    FEATURE_WEIGHTS,
    RULES,
    THRESHOLD,
    Candidate,
    score,
)
from factbase.detect.sentences import MAX_SENTENCES, split_sentences

__all__ = [
    "BIAS",
    "DETECTOR",
    "DETECTOR_NAME",
    "DETECTOR_VERSION",
    "FEATURE_WEIGHTS",
    "MAX_SENTENCES",
    "RULES",
    "THRESHOLD",
    "Candidate",
    "DetectionError",
    "TooManyNames",
    "TooManySentences",
    "detect",
    "is_check_worthy",
    "learned_score",
    "score",
    "sentence_score",
    "split_sentences",
]
