"""The learned check-worthiness scorer beside the rule detector, on the repository's articles.

    .venv/bin/python bench/checkworthy.py

Neither the seed nor any labelled article is training data (the model learns from
ClaimBuster only), so every figure here is out of sample for the learned scorer. The rule
detector was tuned on the seed and the first five articles ("rules-tuned"); the newer
articles ("new": three of the tuning set written after it, and the held-out folder) are
first contact for both. Positives are sentences labelled "required", negatives "no";
"optional" ones are left out. Also reports throughput (sentences per second on one core,
CPU time) and writes ``bench/results/checkworthy.{json,md}``. Pure Python: no
scikit-learn needed.
"""

from __future__ import annotations

import json
import math
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factbase import checkworthy, detect  # noqa: E402
from factbase.checkworthy.features import rules_logit  # noqa: E402

ARTICLES = ROOT / "tests" / "factbase" / "articles"
RESULTS = ROOT / "bench" / "results"
RULES_TUNED = (
    "council_tax_vote",
    "football_comeback",
    "measles_figures",
    "river_pollution_study",
    "wholesaler_results",
)


def article_paths() -> list[tuple[Path, str]]:
    paths = [(p, "rules-tuned") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    for p in sorted(ARTICLES.glob("*.txt")):
        paths.append((p, "rules-tuned" if p.stem in RULES_TUNED else "new"))
    paths += [(p, "held-out") for p in sorted((ARTICLES / "heldout").glob("*.txt"))]
    return paths


def labelled_sentences(path: Path) -> list[tuple[str, float, int]]:
    """(sentence, rule score, 1 required / 0 no) for each labelled sentence."""
    text = path.read_text(encoding="utf-8")
    gold = json.loads(path.with_suffix(".gold.json").read_text(encoding="utf-8"))[path.name]
    candidates = detect.score(text)
    out = []
    for row in gold:
        if row["label"] == "optional":
            continue
        cand = next((c for c in candidates if c.text.startswith(row["s"])), None)
        if cand is None:
            raise SystemExit(f"{path.name}: no sentence starts with {row['s']!r}")
        out.append((cand.text, cand.score, int(row["label"] == "required")))
    return out


def auc(scores: list[float], labels: list[int]) -> float:
    """Area under the ROC curve (Mann-Whitney, ties counted half)."""
    pos = [s for s, y in zip(scores, labels, strict=True) if y]
    neg = [s for s, y in zip(scores, labels, strict=True) if not y]
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def at_threshold(scores: list[float], labels: list[int], cut: float) -> dict[str, Any]:
    chosen = [s >= cut for s in scores]
    tp = sum(c and y for c, y in zip(chosen, labels, strict=True))
    fp = sum(c and not y for c, y in zip(chosen, labels, strict=True))
    return {
        "threshold": cut,
        "recall": round(tp / sum(labels), 4),
        "false_positives": fp,
        "negatives": len(labels) - sum(labels),
    }


def fp_at_recall(scores: list[float], labels: list[int], recall: float) -> dict[str, Any]:
    """The highest cut reaching ``recall``, and how many negatives it lets through."""
    for cut in sorted(set(scores), reverse=True):
        point = at_threshold(scores, labels, cut)
        if point["recall"] >= recall:
            return point
    return at_threshold(scores, labels, min(scores))


def compare(rows: list[tuple[str, float, int]]) -> dict[str, Any]:
    labels = [y for _, _, y in rows]
    rules = [r for _, r, _ in rows]
    # As detection would call it: the rule score read in the article, beside the sentence.
    learned = [checkworthy.combined(s, r) for s, r, _ in rows]
    rules_point = at_threshold(rules, labels, detect.THRESHOLD)
    return {
        "positives": sum(labels),
        "negatives": len(labels) - sum(labels),
        "auc_rules": round(auc(rules, labels), 4),
        "auc_learned": round(auc(learned, labels), 4),
        "rules_at_its_threshold": rules_point,
        "learned_at_its_threshold": at_threshold(learned, labels, checkworthy.model().threshold),
        "learned_at_the_rules_recall": fp_at_recall(learned, labels, rules_point["recall"]),
        # What detection proposes: the rules' cut and the learned cut, both.
        "both_cuts": at_threshold(
            [
                float(r >= detect.THRESHOLD and p >= checkworthy.model().threshold)
                for r, p in zip(rules, learned, strict=True)
            ],
            labels,
            1.0,
        ),
    }


RULE_WEIGHTS = (0.5, 1.0, 2.0, 4.0)


def rule_weight_diagnostic(rows: list[tuple[str, float, int]]) -> dict[str, Any]:
    """How the articles would rank under other weights of the rule score in the stack
    (``text logit + w * rules_logit``; the shipped model has its own, learned on
    ClaimBuster). A diagnostic read on these very articles, so no figure for choosing a
    model: the lead's new held-out articles would have to confirm any change."""
    labels = [y for _, _, y in rows]
    text = [_logit(checkworthy.combined(s, 0.5)) for s, _, _ in rows]  # rules_logit(0.5) = 0
    recall = at_threshold([r for _, r, _ in rows], labels, detect.THRESHOLD)["recall"]
    out = {}
    for w in RULE_WEIGHTS:
        z = [t + w * rules_logit(r) for t, (_, r, _) in zip(text, rows, strict=True)]
        out[str(w)] = {
            "auc": round(auc(z, labels), 4),
            "false_positives_at_the_rules_recall": fp_at_recall(z, labels, recall)[
                "false_positives"
            ],
        }
    return out


def _logit(p: float) -> float:
    return math.log(p / (1.0 - p))


def speed(rows: list[tuple[str, float, int]]) -> dict[str, Any]:
    """``checkworthy.combined`` on sentences whose rule score is known: the cost detection
    would add per sentence."""
    batch = [(s, r) for s, r, _ in rows] * max(1, 20_000 // len(rows))
    combined = checkworthy.combined
    rates = []
    for _ in range(5):
        started = time.process_time()
        for s, r in batch:
            combined(s, r)
        rates.append(len(batch) / (time.process_time() - started))
    return {
        "sentences": len(batch),
        "best_per_second": round(max(rates)),
        "median_per_second": round(statistics.median(rates)),
    }


def markdown(result: dict[str, Any]) -> str:
    model = checkworthy.model()
    cv = result["training"]["cross_validation"]
    lines = [
        f"# Check-worthiness: learned `{model.name}/{model.version}` beside `{detect.RULES}`",
        "",
        "Written by `bench/checkworthy.py`; the training figures by `bench/train_detector.py`"
        " (`make train-detector`). Positives: sentences labelled required; negatives: no.",
        "",
        f"Training (ClaimBuster, {result['training']['sentences']} sentences, nested "
        f"{cv['folds']}-fold cross-validation): chosen `{cv['chosen']}`, AUC {cv['auc']} "
        f"(words only {cv['auc_words_only']}, characters only {cv['auc_chars_only']}, rule "
        f"features only {cv['auc_rules_only']}, the rule detector's score alone "
        f"{cv['auc_rule_detector']}); threshold {cv['threshold']} (F1-best out of fold: F1 "
        f"{cv['at_threshold']['f1']}, precision {cv['at_threshold']['precision']}, recall "
        f"{cv['at_threshold']['recall']}).",
        "",
        "Every model tried, nested CV AUC on ClaimBuster (term weights / stack: `v1` = the "
        "two text logits and the rule features, stack/1's inputs; `full` = those and the "
        "rule detector's score; `small` = the two text logits and the rule detector's "
        "score). The chosen one is the fastest within "
        f"{result['training'].get('prefer_faster_within', 0.002)} of the best candidate:",
        "",
        "| model | AUC | average precision |",
        "|---|---|---|",
        *(
            f"| {name} | {auc} | {cv['average_precision_by_model'][name]} |"
            for name, auc in cv["auc_by_model"].items()
        ),
        "",
        "The learned score on the articles is `checkworthy.combined(sentence, rule score)`,"
        " the rule score read in the article, as detection would call it.",
        "",
        "| articles | pos/neg | AUC rules | AUC learned | rules at 0.5: recall, FP "
        "| learned at its threshold: recall, FP | learned at the rules' recall: cut, FP "
        "| both cuts (what detection proposes): recall, FP |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, c in result["articles"].items():
        r, t, e = (
            c["rules_at_its_threshold"],
            c["learned_at_its_threshold"],
            c["learned_at_the_rules_recall"],
        )
        lines.append(
            f"| {name} | {c['positives']}/{c['negatives']} | {c['auc_rules']} "
            f"| {c['auc_learned']} | {r['recall']}, {r['false_positives']} "
            f"| {t['recall']}, {t['false_positives']} "
            f"| {e['threshold']:.3f}, {e['false_positives']} "
            f"| {c['both_cuts']['recall']}, {c['both_cuts']['false_positives']} |"
        )
    model_w = model.stack_coef[-1] if model.uses_rules_score else 0.0
    lines += [
        "",
        "Diagnostic, read on these articles (not a figure to choose a model by): AUC and "
        "false positives at the rules' recall if the stack weighed the rule score by w "
        f"instead of its learned {model_w:.3f} (`text logit + w * rules_logit`):",
        "",
        "| articles | " + " | ".join(f"w = {w}" for w in RULE_WEIGHTS) + " |",
        "|---|" + "---|" * len(RULE_WEIGHTS),
    ]
    for name, by_w in result["diagnostic_rule_weight"].items():
        cells = [f"{d['auc']}, {d['false_positives_at_the_rules_recall']}" for d in by_w.values()]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    s = result["speed"]
    lines += [
        "",
        f"Speed of `checkworthy.combined` (pure Python, one core, CPU time; the rule score"
        f" given): best "
        f"{s['best_per_second']:,} sentences/s, median {s['median_per_second']:,}/s over "
        f"{s['sentences']:,} sentences.",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    groups: dict[str, list[tuple[str, float, int]]] = {"all": []}
    for path, group in article_paths():
        rows = labelled_sentences(path)
        groups.setdefault(group, []).extend(rows)
        groups["all"].extend(rows)
    weights = json.loads(checkworthy.WEIGHTS_PATH.read_text(encoding="utf-8"))
    result = {
        "model": f"{checkworthy.model().name}/{checkworthy.model().version}",
        "rules": detect.RULES,
        "training": weights["training"],
        "articles": {name: compare(rows) for name, rows in groups.items()},
        "diagnostic_rule_weight": {
            name: rule_weight_diagnostic(rows) for name, rows in groups.items()
        },
        "speed": speed(groups["all"]),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "checkworthy.json").write_text(json.dumps(result, indent=2) + "\n")
    (RESULTS / "checkworthy.md").write_text(markdown(result), encoding="utf-8")
    print(markdown(result))


if __name__ == "__main__":
    main()
