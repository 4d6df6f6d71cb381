"""Train the claim matcher's reranker and measure it (issue: the desk remembers).

    python tools/train_matcher.py --data ../shared/data/claim-matching

Reads the CLEF CheckThat! claim-matching files (not in the repository: their texts
belong to Snopes and PolitiFact), indexes the 33,481 ClaimReviews in an in-memory SQLite
FTS5 table with the product's own query (factbase.matching.retrieve), takes the top
candidates of every training query, computes the product's features
(factbase.matching.features) and fits a logistic regression (scikit-learn, the `train`
extra; fixed seed). Writes the learned constants to factbase/matching/reranker.json and
the figures on the dev splits to bench/results/matching.{json,md}.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factbase.matching import features as f  # noqa: E402
from factbase.matching.features import ABSOLUTE_FROM  # noqa: E402
from factbase.matching.retrieve import (  # noqa: E402
    CANDIDATES,
    FTS5_EXTERNAL,
    fts5_expression,
    query_terms,
)

SEED = 20250302
MAX_FALSE_FLAG = 0.10


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def build_index(data: Path) -> tuple[sqlite3.Connection, list[dict[str, Any]]]:
    reviews = read_jsonl(data / "snopes-claimreview.jsonl") + read_jsonl(
        data / "politifact-claimreview.jsonl"
    )
    db = sqlite3.connect(":memory:")
    db.execute(
        "CREATE VIRTUAL TABLE factbase_externalfactcheck_fts USING fts5("
        "claim_reviewed, title, tokenize='porter unicode61')"
    )
    db.executemany(
        "INSERT INTO factbase_externalfactcheck_fts(rowid, claim_reviewed, title) VALUES (?,?,?)",
        [(i + 1, r.get("claimReviewed") or "", r.get("name") or "") for i, r in enumerate(reviews)],
    )
    return db, reviews


def retrieve(
    db: sqlite3.Connection, query: str, excluded: frozenset[int] = frozenset()
) -> list[tuple[int, float]]:
    terms = query_terms(query)
    if not terms:
        return []
    # The product's SQLite query (retrieve.FTS5_EXTERNAL) in sqlite3's parameter style.
    rows = db.execute(
        FTS5_EXTERNAL.replace("%s", "?"),
        (fts5_expression(terms), CANDIDATES + len(excluded)),
    ).fetchall()
    return [(int(r), float(s)) for r, s in rows if int(r) not in excluded][:CANDIDATES]


def candidate_text(review: dict[str, Any]) -> str:
    return review.get("claimReviewed") or review.get("name") or ""


def scored(
    db: sqlite3.Connection,
    reviews: list[dict[str, Any]],
    query: str,
    excluded: frozenset[int] = frozenset(),
) -> tuple[list[int], list[list[float]]]:
    found = retrieve(db, query, excluded)
    retrieved = [
        f.Retrieved(text=candidate_text(reviews[rowid - 1]), rank=i + 1, score=score)
        for i, (rowid, score) in enumerate(found)
    ]
    return [rowid for rowid, _ in found], f.features(query, retrieved)


def average_precision(ranked: list[int], relevant: set[int], k: int = 5) -> float:
    hits, total = 0, 0.0
    for i, rowid in enumerate(ranked[:k]):
        if rowid in relevant:
            hits += 1
            total += hits / (i + 1)
    return total / min(len(relevant), k) if relevant else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared/data/claim-matching")
    parser.add_argument("--out", type=Path, default=ROOT / "factbase/matching/reranker.json")
    parser.add_argument("--results", type=Path, default=ROOT / "bench/results")
    args = parser.parse_args()

    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    started = time.monotonic()
    db, reviews = build_index(args.data)
    by_identifier = {r["identifier"]: i + 1 for i, r in enumerate(reviews)}
    splits = {
        name: read_jsonl(args.data / f"{name}.jsonl")
        for name in ("tweets-train", "sentences-train", "tweets-dev", "sentences-dev")
    }

    # Every query's candidates, with and without its true fact-checks in the index.
    prepared: dict[str, list[tuple[set[int], list[int], list[list[float]], list[list[float]]]]]
    prepared = {}
    for name, items in splits.items():
        prepared[name] = []
        for item in items:
            relevant = {by_identifier[m] for m in item["matches"] if m in by_identifier}
            ids, rows = scored(db, reviews, item["text"])
            _, rows_without = scored(db, reviews, item["text"], frozenset(relevant))
            prepared[name].append((relevant, ids, rows, rows_without))
    train = prepared["tweets-train"] + prepared["sentences-train"]
    x = [row for _, _, rows, _ in train for row in rows]
    y = [int(rowid in rel) for rel, ids, _, _ in train for rowid in ids]

    # Ranking head: every feature, standardised, classes balanced; the scaler is folded
    # into the weights so that run time needs only a dot product.
    scaler = StandardScaler().fit(x)
    ranker = LogisticRegression(max_iter=5000, class_weight="balanced", random_state=SEED)
    ranker.fit(scaler.transform(x), y)
    rank_weights = [float(w / s) for w, s in zip(ranker.coef_[0], scaler.scale_, strict=True)]
    rank_bias = float(
        ranker.intercept_[0]
        - sum(
            w * m / s for w, m, s in zip(ranker.coef_[0], scaler.mean_, scaler.scale_, strict=True)
        )
    )
    # Match head: absolute similarity only (no rank or score relative to the other
    # candidates, which make the best of unrelated candidates look like a match).
    absolute = [row[ABSOLUTE_FROM:] for row in x]
    matcher = LogisticRegression(max_iter=5000, random_state=SEED).fit(absolute, y)
    match_weights = [float(w) for w in matcher.coef_[0]]
    match_bias = float(matcher.intercept_[0])

    def best(rows: list[list[float]], ids: list[int]) -> tuple[list[int], float]:
        if not rows:
            return [], 0.0
        ranks = [f.probability(row, rank_weights, rank_bias) for row in rows]
        order = sorted(range(len(ids)), key=lambda i: -ranks[i])
        top = f.probability(rows[order[0]][ABSOLUTE_FROM:], match_weights, match_bias)
        return [ids[i] for i in order], top

    def flag_rates(queries: list[Any], threshold: float) -> tuple[float, float]:
        flagged = false_flag = 0
        for relevant, ids, rows, rows_without in queries:
            ranked, top = best(rows, ids)
            flagged += bool(ranked) and ranked[0] in relevant and top >= threshold
            false_flag += any(
                f.probability(r[ABSOLUTE_FROM:], match_weights, match_bias) >= threshold
                for r in rows_without
            )
        return flagged / len(queries), false_flag / len(queries)

    # The "already checked" threshold, on training queries only: the lowest that keeps
    # false "already checked" answers at or under MAX_FALSE_FLAG.
    threshold = next(
        t / 100 for t in range(5, 100) if flag_rates(train, t / 100)[1] <= MAX_FALSE_FLAG
    )

    figures: dict[str, Any] = {
        "fact_checks_indexed": len(reviews),
        "candidates_per_query": CANDIDATES,
        "threshold": threshold,
        "max_false_flag_on_training": MAX_FALSE_FLAG,
        "training_pairs": len(x),
        "training_positive_pairs": sum(y),
        "splits": {},
    }
    for name in ("tweets-dev", "sentences-dev"):
        queries = prepared[name]
        bm25_ap = [average_precision(ids, rel) for rel, ids, _, _ in queries]
        rerank_ap = [average_precision(best(rows, ids)[0], rel) for rel, ids, rows, _ in queries]
        flagged, false_flag = flag_rates(queries, threshold)
        n = len(queries)
        figures["splits"][name] = {
            "queries": n,
            "map@5_bm25": round(sum(bm25_ap) / n, 4),
            "map@5_reranked": round(sum(rerank_ap) / n, 4),
            "recall@100_first_stage": round(
                sum(bool(rel & set(ids)) for rel, ids, _, _ in queries) / n, 4
            ),
            "true_match_top1_and_flagged": round(flagged, 4),
            "false_already_checked_rate": round(false_flag, 4),
        }
    figures["seconds"] = round(time.monotonic() - started, 1)

    args.out.write_text(
        json.dumps(
            {
                "about": (
                    "Logistic-regression reranker for claim matching, trained by "
                    "tools/train_matcher.py on the CLEF CheckThat! 2021-2022 English claim-"
                    "matching training splits (free for general research use; claim texts by "
                    "Snopes and PolitiFact). Only these constants are shipped."
                ),
                "features": list(f.NAMES),
                "rank": {
                    "weights": [round(w, 8) for w in rank_weights],
                    "bias": round(rank_bias, 8),
                },
                "match": {
                    "features": list(f.NAMES[ABSOLUTE_FROM:]),
                    "weights": [round(w, 8) for w in match_weights],
                    "bias": round(match_bias, 8),
                    "threshold": threshold,
                },
                "seed": SEED,
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    args.results.mkdir(parents=True, exist_ok=True)
    (args.results / "matching.json").write_text(json.dumps(figures, indent=2) + "\n")
    lines = [
        "# Claim matching: dev-split figures (tools/train_matcher.py)",
        "",
        f"{len(reviews):,} fact-checks indexed; top {CANDIDATES} candidates by BM25 (SQLite "
        f"FTS5, OR of content words), reranked by the learned model; threshold "
        f"{threshold:.2f} chosen on training queries only (false 'already checked' at most "
        f"{MAX_FALSE_FLAG:.0%} there).",
        "",
        "| split | queries | MAP@5 BM25 | MAP@5 reranked | recall@100 | true match flagged | "
        "false 'already checked' |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, s in figures["splits"].items():
        lines.append(
            f"| {name} | {s['queries']} | {s['map@5_bm25']:.3f} | {s['map@5_reranked']:.3f} | "
            f"{s['recall@100_first_stage']:.3f} | {s['true_match_top1_and_flagged']:.3f} | "
            f"{s['false_already_checked_rate']:.3f} |"
        )
    (args.results / "matching.md").write_text("\n".join(lines) + "\n")
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
