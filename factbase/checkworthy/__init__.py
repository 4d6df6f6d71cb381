"""Check-worthiness of one sentence, learned from labelled data and scored in pure Python.

``score(sentence)`` is the probability (0..1) that a sentence states a checkable fact
worth checking, from a model trained by ``bench/train_detector.py`` (``make
train-detector``) on the ClaimBuster sentences (``data/claimbuster/``; Arslan et al.,
ICWSM 2020, CC BY 4.0). Two logistic regressions, one over TF-IDF word terms and one
over TF-IDF character n-grams, are combined by a third over their logits and the rule
features of ``features.py`` (stacking). The learned weights ship in ``weights.json``;
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
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from factbase.checkworthy.features import RULE_FEATURES, char_terms, rule_features, word_terms

WEIGHTS_PATH = Path(__file__).with_name("weights.json")


@dataclass(frozen=True, slots=True)
class _TfidfLogistic:
    """A logistic regression over L2-normalised TF-IDF terms (scikit-learn's defaults
    with ``sublinear_tf`` optional): ``terms`` maps a term to (idf, coefficient)."""

    analyzer: Callable[[str], list[str]]
    terms: dict[str, tuple[float, float]]
    intercept: float
    sublinear_tf: bool

    def logit(self, text: str) -> float:
        counts = Counter(t for t in self.analyzer(text) if t in self.terms)
        squares = 0.0
        dot = 0.0
        for term, count in counts.items():
            idf, coef = self.terms[term]
            weight = (1.0 + math.log(count) if self.sublinear_tf else float(count)) * idf
            squares += weight * weight
            dot += weight * coef
        if squares == 0.0:
            return self.intercept
        return self.intercept + dot / math.sqrt(squares)


@dataclass(frozen=True, slots=True)
class Model:
    """The stacked model: two TF-IDF logistic regressions and a logistic layer over
    their logits and the rule features."""

    name: str
    version: str
    threshold: float
    words: _TfidfLogistic
    chars: _TfidfLogistic
    stack_intercept: float
    stack_coef: tuple[float, ...]

    def score(self, sentence: str) -> float:
        inputs = [self.words.logit(sentence), self.chars.logit(sentence)]
        inputs += rule_features(sentence)
        z = self.stack_intercept + sum(w * x for w, x in zip(self.stack_coef, inputs, strict=True))
        return _sigmoid(z)


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def _tfidf(data: dict[str, object], analyzer: Callable[[str], list[str]]) -> _TfidfLogistic:
    terms = data["terms"]
    assert isinstance(terms, dict)
    return _TfidfLogistic(
        analyzer=analyzer,
        terms={t: (float(v[0]), float(v[1])) for t, v in terms.items()},
        intercept=float(str(data["intercept"])),
        sublinear_tf=bool(data["sublinear_tf"]),
    )


def load(path: Path = WEIGHTS_PATH) -> Model:
    """Read a weights file written by ``bench/train_detector.py``."""
    data = json.loads(path.read_text(encoding="utf-8"))
    stack = data["stack"]
    inputs = ["word_logit", "char_logit", *RULE_FEATURES]
    if list(stack["inputs"]) != inputs:
        raise ValueError(f"{path}: stack inputs {stack['inputs']} differ from {inputs}")
    return Model(
        name=str(data["name"]),
        version=str(data["version"]),
        threshold=float(data["threshold"]),
        words=_tfidf(data["words"], word_terms),
        chars=_tfidf(data["chars"], char_terms),
        stack_intercept=float(stack["intercept"]),
        stack_coef=tuple(float(c) for c in stack["coef"]),
    )


@cache
def model() -> Model:
    """The shipped model, read once."""
    return load()


def score(sentence: str) -> float:
    """Probability (0..1) that ``sentence`` is a check-worthy factual claim."""
    return model().score(sentence)


def is_check_worthy(sentence: str, threshold: float | None = None) -> bool:
    """Whether ``score(sentence)`` reaches ``threshold`` (default: the shipped one)."""
    cut = model().threshold if threshold is None else threshold
    return score(sentence) >= cut
