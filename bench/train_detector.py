"""Train the check-worthiness model and write ``factbase/checkworthy/weights.json``.

    make train-detector        # installs the `train` extra (scikit-learn), then runs this
    .venv/bin/python bench/train_detector.py [--out PATH]

Data: the ClaimBuster sentences vendored in ``data/claimbuster/`` (9,674 sentences from US
presidential debates, 2,764 check-worthy; CC BY 4.0, attribution in its README). Nothing
from the repository's articles is used: they are the test.

Model (stacking):

1. TF-IDF over ``features.word_terms`` + logistic regression -> a word logit;
2. TF-IDF over ``features.char_terms`` + logistic regression -> a character logit;
3. logistic regression over the two logits and ``features.rule_features``, trained on
   out-of-fold logits so it learns how far to trust each first-layer model on unseen text.

The vocabularies are cut to the most frequent terms before fitting (``max_features``), so
the shipped file is small and the pure-Python scorer reproduces scikit-learn exactly (the
L2 norm is taken over the same terms). The threshold is the F1-best cut of out-of-fold
probabilities from a nested cross-validation on the training data only; the same folds
give the reported AUCs. Fixed seed: the run is reproducible.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score, f1_score, roc_auc_score
from sklearn.model_selection import StratifiedKFold

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factbase.checkworthy.features import (  # noqa: E402
    RULE_FEATURES,
    char_terms,
    rule_features,
    word_terms,
)

DATA = ROOT / "data" / "claimbuster" / "kfold_25ncs.json"
OUT = ROOT / "factbase" / "checkworthy" / "weights.json"
SEED = 20240601
FOLDS = 5
WORD_FEATURES = 3000
CHAR_FEATURES = 5000
C_WORDS = 2.0
C_CHARS = 2.0
C_STACK = 1.0
DIGITS = 8  # rounding of the shipped floats: far below the 1e-6 the tests allow


def load() -> tuple[list[str], np.ndarray]:
    rows = json.loads(DATA.read_text(encoding="utf-8"))
    rows.sort(key=lambda r: r["sentence_id"])
    return [r["text"] for r in rows], np.array([r["label"] for r in rows])


class TfidfLogistic:
    """One first-layer model: a TF-IDF vectoriser and a logistic regression."""

    def __init__(self, analyzer: Any, max_features: int, c: float) -> None:
        self.vectorizer = TfidfVectorizer(
            analyzer=analyzer, max_features=max_features, sublinear_tf=True, dtype=np.float64
        )
        self.model = LogisticRegression(C=c, max_iter=2000, random_state=SEED)

    def fit(self, texts: list[str], y: np.ndarray) -> TfidfLogistic:
        self.model.fit(self.vectorizer.fit_transform(texts), y)
        return self

    def logit(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self.model.decision_function(self.vectorizer.transform(texts)))

    def export(self) -> dict[str, Any]:
        idf = self.vectorizer.idf_
        coef = self.model.coef_[0]
        terms = {
            term: [round(float(idf[i]), DIGITS), round(float(coef[i]), DIGITS)]
            for term, i in sorted(self.vectorizer.vocabulary_.items())
        }
        return {
            "sublinear_tf": True,
            "intercept": round(float(self.model.intercept_[0]), DIGITS),
            "terms": terms,
        }


def first_layer(texts: list[str], y: np.ndarray) -> tuple[TfidfLogistic, TfidfLogistic]:
    words = TfidfLogistic(word_terms, WORD_FEATURES, C_WORDS).fit(texts, y)
    chars = TfidfLogistic(char_terms, CHAR_FEATURES, C_CHARS).fit(texts, y)
    return words, chars


def stack_inputs(
    words: TfidfLogistic, chars: TfidfLogistic, texts: list[str], rules: np.ndarray
) -> np.ndarray:
    return np.column_stack([words.logit(texts), chars.logit(texts), rules])


def out_of_fold_logits(texts: list[str], y: np.ndarray, rules: np.ndarray) -> np.ndarray:
    """Stack inputs for every sentence from first-layer models that did not see it."""
    inputs = np.zeros((len(texts), 2 + rules.shape[1]))
    folds = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=SEED)
    for train, test in folds.split(texts, y):
        words, chars = first_layer([texts[i] for i in train], y[train])
        inputs[test] = stack_inputs(words, chars, [texts[i] for i in test], rules[test])
    return inputs


class Stacked:
    """The whole model, fitted on one training set."""

    def __init__(self, texts: list[str], y: np.ndarray, rules: np.ndarray) -> None:
        self.stack = LogisticRegression(C=C_STACK, max_iter=2000, random_state=SEED)
        self.stack.fit(out_of_fold_logits(texts, y, rules), y)
        self.words, self.chars = first_layer(texts, y)

    def inputs(self, texts: list[str], rules: np.ndarray) -> np.ndarray:
        return stack_inputs(self.words, self.chars, texts, rules)

    def proba(self, texts: list[str], rules: np.ndarray) -> np.ndarray:
        return np.asarray(self.stack.predict_proba(self.inputs(texts, rules))[:, 1])


def best_threshold(y: np.ndarray, proba: np.ndarray) -> float:
    cuts = np.unique(np.round(proba, 3))
    scores = [f1_score(y, proba >= c) for c in cuts]
    return float(cuts[int(np.argmax(scores))])


def evaluate(texts: list[str], y: np.ndarray, rules: np.ndarray) -> dict[str, Any]:
    """Nested cross-validation: out-of-fold probabilities of the whole pipeline."""
    proba = np.zeros(len(texts))
    parts = {name: np.zeros(len(texts)) for name in ("words", "chars", "rules")}
    folds = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=SEED + 1)
    for k, (train, test) in enumerate(folds.split(texts, y)):
        train_texts = [texts[i] for i in train]
        test_texts = [texts[i] for i in test]
        model = Stacked(train_texts, y[train], rules[train])
        proba[test] = model.proba(test_texts, rules[test])
        parts["words"][test] = model.words.logit(test_texts)
        parts["chars"][test] = model.chars.logit(test_texts)
        rules_only = LogisticRegression(max_iter=2000, random_state=SEED)
        rules_only.fit(rules[train], y[train])
        parts["rules"][test] = rules_only.decision_function(rules[test])
        print(f"  outer fold {k + 1}/{FOLDS}: AUC {roc_auc_score(y[test], proba[test]):.4f}")
    threshold = best_threshold(y, proba)
    chosen = proba >= threshold
    true_positives = int((chosen & (y == 1)).sum())
    return {
        "folds": FOLDS,
        "auc": round(float(roc_auc_score(y, proba)), 4),
        "average_precision": round(float(average_precision_score(y, proba)), 4),
        "auc_words_only": round(float(roc_auc_score(y, parts["words"])), 4),
        "auc_chars_only": round(float(roc_auc_score(y, parts["chars"])), 4),
        "auc_rules_only": round(float(roc_auc_score(y, parts["rules"])), 4),
        "threshold": threshold,
        "at_threshold": {
            "f1": round(float(f1_score(y, chosen)), 4),
            "precision": round(true_positives / max(int(chosen.sum()), 1), 4),
            "recall": round(true_positives / int((y == 1).sum()), 4),
        },
    }


def export(model: Stacked, threshold: float, cv: dict[str, Any], size: int) -> dict[str, Any]:
    import sklearn

    return {
        "about": (
            "Check-worthiness weights learned by bench/train_detector.py from the ClaimBuster "
            "sentences (Arslan, Hassan, Li and Tremayne, 'A Benchmark Dataset of Check-worthy "
            "Factual Claims', ICWSM 2020, https://doi.org/10.5281/zenodo.3609356, CC BY 4.0; "
            "data/claimbuster/). Read by factbase/checkworthy/__init__.py."
        ),
        "license": "CC-BY-4.0 (derived from the ClaimBuster dataset)",
        "name": "claimbuster-stack",
        "version": "1",
        "threshold": threshold,
        "training": {
            "sentences": size,
            "seed": SEED,
            "scikit_learn": sklearn.__version__,
            "word_features": WORD_FEATURES,
            "char_features": CHAR_FEATURES,
            "c": {"words": C_WORDS, "chars": C_CHARS, "stack": C_STACK},
            "cross_validation": cv,
        },
        "words": model.words.export(),
        "chars": model.chars.export(),
        "stack": {
            "inputs": ["word_logit", "char_logit", *RULE_FEATURES],
            "intercept": round(float(model.stack.intercept_[0]), DIGITS),
            "coef": [round(float(c), DIGITS) for c in model.stack.coef_[0]],
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--skip-cv", action="store_true", help="fit only (threshold 0.5)")
    args = parser.parse_args()
    texts, y = load()
    rules = np.array([rule_features(t) for t in texts])
    print(f"{len(texts)} sentences, {int(y.sum())} check-worthy")
    cv: dict[str, Any] = {}
    threshold = 0.5
    if not args.skip_cv:
        cv = evaluate(texts, y, rules)
        threshold = cv["threshold"]
        print(json.dumps(cv, indent=2))
    model = Stacked(texts, y, rules)
    data = export(model, threshold, cv, len(texts))
    args.out.write_text(
        json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
