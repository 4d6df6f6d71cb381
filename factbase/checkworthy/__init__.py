"""Check-worthiness of one sentence, learned from labelled data and scored in pure Python.

``combined(sentence, rules_score)`` is the probability (0..1) that a sentence states a
checkable fact worth checking, given the rule detector's score of it
(``factbase.detect.Candidate.score``); compare it with ``THRESHOLD``. The detector
(``factbase.detect.detect``) proposes what both its rules and this model keep, and
``factbase.detect.learned_score(sentence)`` reads a sentence on its own, as in training.
This package does not import the detector: it is the layer under it. The model is trained by
``bench/train_detector.py`` (``make train-detector``) on the ClaimBuster sentences
(``data/claimbuster/``; Arslan et al., ICWSM 2020, CC BY 4.0): two logistic regressions,
one over TF-IDF word terms and one over TF-IDF character n-grams, combined by a third
over their logits and, as the weights file says, the rule features of ``features.py``
and the rule detector's score (stacking). The learned weights ship in ``weights.json``;
nothing here needs scikit-learn, numpy or a download, and the tests check that this
scorer reproduces scikit-learn's probabilities.

``THRESHOLD`` was chosen by cross-validation on the training data only (the F1-best cut
of out-of-fold probabilities); articles in the repository are never used for training.
Pure Python with no Django import.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable, Iterable, Set
from functools import cache, lru_cache
from itertools import chain, compress
from operator import mul
from pathlib import Path

from factbase.checkworthy.features import (
    RULE_FEATURES,
    fold,
    folded_word_terms,
    rule_features,
    rules_logit,
    word_char_terms,
)

WEIGHTS_PATH = Path(__file__).with_name("weights.json")

_FULL = ("word_logit", "char_logit", *RULE_FEATURES, "rules_logit")
_SMALL = ("word_logit", "char_logit", "rules_logit")
_V1 = ("word_logit", "char_logit", *RULE_FEATURES)
STACK_INPUTS = (_FULL, _SMALL, _V1)  # the stacking layers a weights file may hold

_ONE_LESS = (1).__lt__


class _TfidfLogistic:
    """A logistic regression over L2-normalised TF-IDF terms (scikit-learn's
    ``TfidfVectorizer``, then ``LogisticRegression``): the logit is ``intercept +
    sum(w_t * coef_t) / sqrt(sum(w_t ** 2))`` over the known terms of the text, with
    ``w_t = idf_t`` for a term present (``binary``) or ``(1 + ln n_t) * idf_t`` for one
    seen ``n_t`` times (sublinear). Per term it keeps ``idf_t ** 2 + 1j * idf_t * coef_t``,
    so both sums are one ``sum`` done in C; under sublinear weights only terms seen more
    than once take a Python step."""

    __slots__ = ("_both", "binary", "intercept", "terms")

    def __init__(
        self, terms: dict[str, tuple[float, float]], intercept: float, binary: bool
    ) -> None:
        self.terms = terms
        self.intercept = intercept
        self.binary = binary
        self._both = {t: complex(idf * idf, idf * coef) for t, (idf, coef) in terms.items()}

    def logit_of_any_terms(self, terms: list[str]) -> float:
        """The logit of a text whose terms, known or not, are ``terms``."""
        if self.binary:
            return self._binary_logit(self._both.keys() & terms)
        return self.logit_of_terms(filter(self._both.__contains__, terms))

    def logit_of_terms(self, known: Iterable[str]) -> float:
        """The logit of a text whose known terms (each term once per occurrence, unknown
        terms left out) are ``known``."""
        both = self._both
        if self.binary:
            return self._binary_logit(set(known))
        counts = Counter(known)
        if not counts:
            return self.intercept
        total = sum(map(both.__getitem__, counts))
        squares, dot = total.real, total.imag
        for term in compress(counts, map(_ONE_LESS, counts.values())):
            tf = 1.0 + math.log(counts[term])
            squares += (tf * tf - 1.0) * both[term].real
            dot += (tf - 1.0) * both[term].imag
        return self.intercept + dot / math.sqrt(squares)

    def _binary_logit(self, present: Set[str]) -> float:
        both = self._both
        if not present:
            return self.intercept
        total = sum(map(both.__getitem__, present))
        return self.intercept + total.imag / math.sqrt(total.real)


class Model:
    """The stacked model: two TF-IDF logistic regressions, and a logistic layer over
    their logits and, as the file says, the rule features and the rule detector's score."""

    def __init__(
        self,
        name: str,
        version: str,
        threshold: float,
        words: _TfidfLogistic,
        chars: _TfidfLogistic,
        inputs: tuple[str, ...],
        stack_intercept: float,
        stack_coef: tuple[float, ...],
    ) -> None:
        if inputs not in STACK_INPUTS:
            raise ValueError(f"stack inputs {list(inputs)} are none of {STACK_INPUTS}")
        if len(stack_coef) != len(inputs):
            raise ValueError(f"{len(stack_coef)} stack coefficients for {len(inputs)} inputs")
        self.name = name
        self.version = version
        self.threshold = threshold
        self.words = words
        self.chars = chars
        self.inputs = inputs
        self.stack_intercept = stack_intercept
        self.stack_coef = stack_coef
        self.uses_rules_score = inputs[-1] == "rules_logit"
        self.uses_rule_features = RULE_FEATURES[0] in inputs
        self._w_words, self._w_chars = stack_coef[0], stack_coef[1]
        self._w_features = stack_coef[2 : 2 + len(RULE_FEATURES)]
        self._w_rules = stack_coef[-1] if self.uses_rules_score else 0.0
        vocabulary = chars.terms
        # The known character terms of each word: words repeat (Zipf), so each is cut and
        # looked up once.
        self._word_chars: Callable[[str], tuple[str, ...]] = lru_cache(maxsize=1 << 16)(
            lambda word: tuple(t for t in word_char_terms(word) if t in vocabulary)
        )

    def combined(self, sentence: str, rules_score: float) -> float:
        """Probability (0..1) that ``sentence`` is check-worthy, given the rule detector's
        score of it (``Candidate.score``); a model whose stack takes no rule score
        ignores it."""
        folded = fold(sentence)
        words = self.words.logit_of_any_terms(folded_word_terms(folded))
        chars = self.chars.logit_of_terms(
            chain.from_iterable(map(self._word_chars, folded.split()))
        )
        z = self.stack_intercept + self._w_words * words + self._w_chars * chars
        if self.uses_rule_features:
            z += sum(map(mul, self._w_features, rule_features(sentence)))
        if self.uses_rules_score:
            z += self._w_rules * rules_logit(rules_score)
        return _sigmoid(z)


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def _tfidf(data: dict[str, object]) -> _TfidfLogistic:
    terms = data["terms"]
    assert isinstance(terms, dict)
    binary = bool(data.get("binary", False))
    if binary == bool(data["sublinear_tf"]):
        raise ValueError("term weights must be binary or sublinear, one of the two")
    return _TfidfLogistic(
        terms={t: (float(v[0]), float(v[1])) for t, v in terms.items()},
        intercept=float(str(data["intercept"])),
        binary=binary,
    )


def load(path: Path = WEIGHTS_PATH) -> Model:
    """Read a weights file written by ``bench/train_detector.py``."""
    data = json.loads(path.read_text(encoding="utf-8"))
    stack = data["stack"]
    try:
        return Model(
            name=str(data["name"]),
            version=str(data["version"]),
            threshold=float(data["threshold"]),
            words=_tfidf(data["words"]),
            chars=_tfidf(data["chars"]),
            inputs=tuple(stack["inputs"]),
            stack_intercept=float(stack["intercept"]),
            stack_coef=tuple(float(c) for c in stack["coef"]),
        )
    except ValueError as exc:
        raise ValueError(f"{path}: {exc}") from exc


@cache
def model() -> Model:
    """The shipped model, read once."""
    return load()


def combined(sentence: str, rules_score: float) -> float:
    """Probability (0..1) that ``sentence`` is a check-worthy factual claim, given the rule
    detector's ``Candidate.score`` for it (read in its article). Compare with
    ``THRESHOLD``."""
    return model().combined(sentence, rules_score)


def __getattr__(name: str) -> float:
    # ``THRESHOLD``: the shipped model's cut, read from its file on first use.
    if name == "THRESHOLD":
        return model().threshold
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
