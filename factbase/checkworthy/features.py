"""What the check-worthiness model sees in one sentence, in pure Python.

Three views of the same sentence, shared by the training script (``bench/train_detector.py``,
which hands them to scikit-learn as analyzers) and the run-time scorer, so the two cannot
drift apart:

- ``word_terms``: lower-case word unigrams and bigrams, digits folded to ``0`` so that
  "4.2%" and "7.9%" are one term;
- ``char_terms``: character 2- to 4-grams inside each padded word (the shape of a word:
  "-ed", "£0m", capitals folded away);
- ``rule_features``: a handful of named signals of how English copy states a checkable
  fact (numbers, money, names, reported speech, comparisons) or not (questions, opinion,
  first-person wishes), each in 0..1.

Every rule is about the language, never about a story: the model is judged on articles
nobody trained on.
"""

from __future__ import annotations

import itertools
import math
import re
from functools import lru_cache

_WORD = re.compile(r"[a-z0-9]+(?:['\u2019][a-z]+)?|[%$£€]")
_DIGITS = re.compile(r"[0-9]+")
_CHAR_SPAN = (2, 4)
_SPACE = " "

_NUMBER = re.compile(r"\d")
_PERCENT = re.compile(r"\d\s?%|\bper ?cent\b|\bpercent(?:age)?\b", re.IGNORECASE)
_MONEY = re.compile(
    r"[$£€¥]\s?\d|\d\s?(?:bn|m)\b|\b(?:dollars?|euros?|pounds|yen|billion|million|trillion)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_TIME_WORDS = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|"
    r"april|june|july|august|september|october|november|december|yesterday|last (?:year|"
    r"month|week)|since|ago)\b",
    re.IGNORECASE,
)
_CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-zA-Z]+")
_ACRONYM = re.compile(r"\b[A-Z]{2,}\b")
_REPORTING = re.compile(
    r"\b(?:said|says|say|told|tells|added|stated|announced|reported|estimated|found|"
    r"showed|shows|according to|confirmed|acknowledged|admitted|warned|claimed|"
    r"argued|insisted|denied|disputed)\b",
    re.IGNORECASE,
)
_COMPARATIVE = re.compile(
    r"\b(?:more|less|fewer|higher|lower|larger|smaller|bigger|biggest|largest|smallest|"
    r"highest|lowest|most|least|better|worse|best|worst|than|record|doubled|tripled|"
    r"half|twice)\b|\b\w+est\b",
    re.IGNORECASE,
)
_CHANGE = re.compile(
    r"\b(?:rose|rise[sn]?|fell|fall(?:s|en)?|increased?|decreased?|grew|grow(?:n|s)?|"
    r"dropped|drop|cut|cuts|raised?|declined?|jumped|climbed|lost|gained|surged|slumped)\b",
    re.IGNORECASE,
)
_CAUSAL = re.compile(
    r"\b(?:because|caused?|due to|led to|leads to|result(?:ed)? in|as a result|so that)\b",
    re.IGNORECASE,
)
_OPINION = re.compile(
    r"\b(?:i|we) (?:think|believe|feel|hope|want|wish|guess|suppose|am sure|'m sure)\b|"
    r"\b(?:i|we)['\u2019](?:m|re) (?:sure|glad|proud|happy|going to)\b|"
    r"\bin my (?:view|opinion)\b",
    re.IGNORECASE,
)
_FIRST_PERSON = re.compile(
    r"\b(?:i|me|my|mine|we|us|our|ours)\b|\b(?:i|we)['\u2019]", re.IGNORECASE
)
_SECOND_PERSON = re.compile(r"\b(?:you|your|yours)\b", re.IGNORECASE)
_MODAL = re.compile(
    r"\b(?:will|would|should|could|must|might|may|ought|going to)\b|['\u2019]ll\b", re.IGNORECASE
)
_FUTURE_PLAN = re.compile(
    r"\b(?:aims? to|plans? to|hopes? to|intends? to|wants? to|let['\u2019]s|let us)\b",
    re.IGNORECASE,
)
_QUOTE = re.compile(r"[\u201c\u201d\"]")
_GREETING = re.compile(
    r"^\W*(?:thank|thanks|good (?:evening|morning|night)|well|yes|no|okay|ok|oh|sure)\b",
    re.IGNORECASE,
)

RULE_FEATURES: tuple[str, ...] = (
    "number",
    "numbers",
    "percent",
    "money",
    "year",
    "time_ref",
    "named_entity",
    "named_entities",
    "acronym",
    "reported_speech",
    "comparative",
    "change",
    "causal",
    "opinion",
    "first_person",
    "second_person",
    "modal",
    "plan",
    "question",
    "exclamation",
    "quote",
    "greeting",
    "length",
    "short",
)


_TYPOGRAPHIC = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def fold(text: str) -> str:
    """``text`` as both term views read it: lower case, typographic quotes made straight,
    digit runs folded to ``0``."""
    # Debate transcripts use straight quotes, news copy curly ones: one term for both.
    return _DIGITS.sub("0", text.lower().translate(_TYPOGRAPHIC))


def folded_word_terms(folded: str) -> list[str]:
    """``word_terms`` of a text already passed through ``fold``."""
    words = _WORD.findall(folded)
    return words + list(map(_SPACE.join, itertools.pairwise(words)))


def word_terms(text: str) -> list[str]:
    """Word unigrams and bigrams of ``text`` (lower case, digit runs folded to ``0``)."""
    return folded_word_terms(fold(text))


def char_terms(text: str) -> list[str]:
    """Character 2- to 4-grams within each word padded by one space on each side."""
    terms: list[str] = []
    for word in fold(text).split():
        terms.extend(_cached_word_char_terms(word))
    return terms


def rules_logit(rules_score: float) -> float:
    """The rule detector's check-worthiness (0..1, rounded to 3 places) back on its logit
    scale, clipped to +-6.9 (0.001 and 0.999) so a score rounded to 0 or 1 stays finite:
    the stacking layer's input for the rules."""
    p = min(max(rules_score, _RULES_CLIP), 1.0 - _RULES_CLIP)
    return math.log(p / (1.0 - p))


_RULES_CLIP = 0.001


def word_char_terms(word: str) -> tuple[str, ...]:
    """The character terms of one (folded) word, padded by a space on each side. The
    scorer keeps, per word, only those in its vocabulary (``Model``)."""
    padded = f" {word} "
    size = len(padded)
    low, high = _CHAR_SPAN
    return tuple(padded[i : i + n] for n in range(low, high + 1) for i in range(size - n + 1))


# Words repeat (Zipf): training cuts each one once.
_cached_word_char_terms = lru_cache(maxsize=1 << 16)(word_char_terms)


def rule_features(text: str) -> list[float]:
    """The values of ``RULE_FEATURES`` for ``text``, in that order, each in 0..1."""
    stripped = text.strip()
    numbers = len(_DIGITS.findall(stripped))
    capitalised = len(_CAPITALISED.findall(stripped))
    words = len(stripped.split())
    values = {
        "number": float(numbers > 0),
        "numbers": float(numbers > 1),
        "percent": float(bool(_PERCENT.search(stripped))),
        "money": float(bool(_MONEY.search(stripped))),
        "year": float(bool(_YEAR.search(stripped))),
        "time_ref": float(bool(_TIME_WORDS.search(stripped))),
        "named_entity": float(capitalised > 0),
        "named_entities": float(capitalised > 2),
        "acronym": float(bool(_ACRONYM.search(stripped))),
        "reported_speech": float(bool(_REPORTING.search(stripped))),
        "comparative": float(bool(_COMPARATIVE.search(stripped))),
        "change": float(bool(_CHANGE.search(stripped))),
        "causal": float(bool(_CAUSAL.search(stripped))),
        "opinion": float(bool(_OPINION.search(stripped))),
        "first_person": float(bool(_FIRST_PERSON.search(stripped))),
        "second_person": float(bool(_SECOND_PERSON.search(stripped))),
        "modal": float(bool(_MODAL.search(stripped))),
        "plan": float(bool(_FUTURE_PLAN.search(stripped))),
        "question": float(stripped.rstrip("\u201d\u2019\"' )").endswith("?")),
        "exclamation": float(stripped.rstrip("\u201d\u2019\"' )").endswith("!")),
        "quote": float(bool(_QUOTE.search(stripped))),
        "greeting": float(bool(_GREETING.search(stripped))),
        "length": min(words, 60) / 60.0,
        "short": float(words < 6),
    }
    return [values[name] for name in RULE_FEATURES]
