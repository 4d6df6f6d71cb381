"""Tests for the learned check-worthiness scorer (factbase.checkworthy).

The scorer is pure Python; the training script uses scikit-learn. The reproduction test
fits a small model with the training script's own code, exports it the way the shipped
file is exported, and checks that the pure-Python scorer gives scikit-learn's
probabilities (skipped when scikit-learn, the `train` extra, is absent).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from factbase import checkworthy, detect
from factbase.checkworthy.features import (
    RULE_FEATURES,
    char_terms,
    rule_features,
    rules_logit,
    word_terms,
)

REPO = Path(__file__).parents[2]
CLAIMBUSTER = REPO / "data" / "claimbuster" / "kfold_25ncs.json"


def _feature(sentence: str, name: str) -> float:
    return dict(zip(RULE_FEATURES, rule_features(sentence), strict=True))[name]


@pytest.mark.parametrize(
    "model_name", ["binary-pruned/small", "binary/small", "sublinear/full", "sublinear/v1"]
)
def test_scorer_reproduces_scikit_learn_probabilities(tmp_path: Path, model_name: str) -> None:
    pytest.importorskip("sklearn")
    import numpy as np

    from bench import train_detector as train

    rows = json.loads(CLAIMBUSTER.read_text(encoding="utf-8"))
    rows.sort(key=lambda r: r["sentence_id"])
    fit_rows, check_rows = rows[:800], rows[800:1000]
    texts = [r["text"] for r in fit_rows]
    y = np.array([r["label"] for r in fit_rows])
    tf, variant = model_name.split("/")
    model = train.Stacked(texts, y, train.Side.of(texts), tf, (variant,))
    path = tmp_path / "weights.json"
    data = train.export(model, variant, 0.5, {}, len(texts))
    path.write_text(json.dumps(data), encoding="utf-8")
    loaded = checkworthy.load(path)
    assert loaded.inputs == tuple(data["stack"]["inputs"])

    sample = [r["text"] for r in check_rows] + ["", "Thank you.", "42", "“Quoted,” she said."]
    sample += ["the the the cat", "Rates rose 4% and 4% and 4%.", "x" * 300]
    side = train.Side.of(sample)
    want = model.proba(variant, sample, side)
    got = [loaded.combined(s, float(r)) for s, r in zip(sample, side.rules_score, strict=True)]
    assert max(abs(g - float(w)) for g, w in zip(got, want, strict=True)) < 1e-6
    assert len(set(got)) > 100  # the comparison is not between constants
    # Training read the rule detector's score of each sentence alone, as the detector's
    # learned_score() does.
    assert list(side.rules_score) == [detect.sentence_score(s) for s in sample]


def test_combined_uses_the_rules_score_the_way_the_shipped_stack_weighs_it() -> None:
    model = checkworthy.model()
    sentence = "The council said it would review the plan."
    low, high = checkworthy.combined(sentence, 0.05), checkworthy.combined(sentence, 0.95)
    if model.uses_rules_score:
        assert (high > low) == (model.stack_coef[-1] > 0)
    else:
        assert high == low
    assert model.threshold == checkworthy.THRESHOLD


def test_shipped_weights_load_and_are_small_and_attributed() -> None:
    model = checkworthy.model()
    assert 0.0 < model.threshold < 1.0
    assert checkworthy.WEIGHTS_PATH.stat().st_size < 2_000_000
    data = json.loads(checkworthy.WEIGHTS_PATH.read_text(encoding="utf-8"))
    assert "ClaimBuster" in data["about"]
    assert "CC BY 4.0" in data["about"]
    assert data["training"]["cross_validation"]["threshold"] == model.threshold
    assert model.inputs in checkworthy.STACK_INPUTS
    assert len(model.stack_coef) == len(model.inputs)
    assert data["version"] == "10"


def test_the_shipped_weights_were_trained_with_the_rules_that_ship() -> None:
    # The stack weighs the rules' score of a sentence: rules that score differently from
    # the ones it was trained with need `make train-detector` (and a new version).
    data = json.loads(checkworthy.WEIGHTS_PATH.read_text(encoding="utf-8"))
    assert data["training"]["rules"] == detect.RULES


def test_load_refuses_a_file_whose_inputs_differ(tmp_path: Path) -> None:
    data = json.loads(checkworthy.WEIGHTS_PATH.read_text(encoding="utf-8"))
    data["stack"]["inputs"] = data["stack"]["inputs"][1:]
    path = tmp_path / "weights.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match="stack inputs"):
        checkworthy.load(path)


@pytest.mark.parametrize(
    "sentence",
    [
        "Unemployment rose to 5.2% in March, the statistics office said.",
        "The company cut 1,200 jobs last year after sales fell by $3.4bn.",
    ],
)
def test_a_sentence_with_a_figure_is_check_worthy(sentence: str) -> None:
    assert detect.is_check_worthy(sentence)


@pytest.mark.parametrize(
    "sentence", ["Thank you very much.", "I think we need to be strong.", "Is this the end?"]
)
def test_courtesies_opinions_and_questions_are_not(sentence: str) -> None:
    assert not detect.is_check_worthy(sentence)


def test_score_is_a_probability_and_the_threshold_argument_is_used() -> None:
    for sentence in ["", "   ", "?", "x" * 5000, "Prices rose 4% in 2024."]:
        assert 0.0 <= detect.learned_score(sentence) <= 1.0
    assert detect.is_check_worthy("Thank you.", threshold=0.0)
    assert not detect.is_check_worthy("Prices rose 4% in 2024.", threshold=1.01)


def test_the_scorer_needs_neither_scikit_learn_nor_numpy() -> None:
    code = (
        "import sys\n"
        "from factbase import detect\n"
        "detect.detect('Prices rose 4% in 2024.')\n"
        "print(sorted(m for m in ('sklearn', 'numpy', 'scipy') if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


def test_terms_fold_case_digits_and_typographic_quotes() -> None:
    assert word_terms("Prices ROSE 4.2%") == ["prices", "rose", "0", "0", "%", "prices rose",
                                              "rose 0", "0 0", "0 %"]  # fmt: skip
    assert word_terms("I\u2019m") == word_terms("I'm") == ["i'm"]
    assert char_terms("Ab") == [" a", "ab", "b ", " ab", "ab ", " ab "]
    assert char_terms("") == []


def test_rules_logit_is_the_logit_clipped_to_finite_values() -> None:
    assert rules_logit(0.5) == 0.0
    assert rules_logit(0.0) == rules_logit(0.001) == pytest.approx(-rules_logit(1.0))
    assert -7.0 < rules_logit(0.0) < -6.9


@pytest.mark.parametrize(
    ("sentence", "feature", "value"),
    [
        ("Turnout was 64.2%.", "percent", 1.0),
        ("Turnout was high.", "percent", 0.0),
        ("The fund holds \u00a3400m.", "money", 1.0),
        ("It cost 40 million euros.", "money", 1.0),
        ("The bridge opened in 1932.", "year", 1.0),
        ("Will bills go up?", "question", 1.0),
        ("\u201cWill bills go up?\u201d", "question", 1.0),
        ("Bills will go up.", "question", 0.0),
        ("I think we can win.", "opinion", 1.0),
        ("They think we can win.", "opinion", 0.0),
        ("Sales rose, the company said.", "reported_speech", 1.0),
        ("It is the largest plant.", "comparative", 1.0),
        ("The mayor met Ann Lee and Tom Hardy.", "named_entities", 1.0),
        ("The mayor met them.", "named_entity", 0.0),
    ],
)
def test_rule_features(sentence: str, feature: str, value: float) -> None:
    assert _feature(sentence, feature) == value


def test_rule_features_are_bounded() -> None:
    for sentence in ["", "word " * 500, "1 2 3 % $ \u00a3 ? !"]:
        values = rule_features(sentence)
        assert len(values) == len(RULE_FEATURES)
        assert all(0.0 <= v <= 1.0 for v in values)
