"""Claim matching: which published fact-checks (ours and imported) check the same claim.

Two stages. `retrieve` asks the database's full-text index for at most a few hundred
candidates (an OR of the query's rarer content words, BM25-ranked); `features` describes each
candidate beside the query and two learned logistic heads (reranker.json, trained by
tools/train_matcher.py) order them and say whether the best is "already checked".
Pure Python at run time: the learned constants are a dot product each.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from factbase.matching import retrieve
from factbase.matching.features import ABSOLUTE_FROM, NAMES, Retrieved, probability
from factbase.matching.features import features as describe
from factbase.models import Claim, ClaimStatus, ExternalFactCheck

MAX_LIMIT = 20


@dataclass(frozen=True)
class Match:
    """One ranked answer: an imported fact-check or one of our published claims."""

    external: ExternalFactCheck | None
    claim: Claim | None
    score: float
    match: bool
    # The candidate's feature row (features.NAMES order): what `explain.why` reads.
    row: tuple[float, ...] = ()

    @property
    def text(self) -> str:
        return self.external.claim_reviewed if self.external else self.claim.text  # type: ignore[union-attr]


@cache
def reranker() -> dict[str, Any]:
    model: dict[str, Any] = json.loads(
        (Path(__file__).parent / "reranker.json").read_text(encoding="utf-8")
    )
    if tuple(model["features"]) != NAMES:
        raise RuntimeError("reranker.json was trained on other features: run make train-matcher")
    return model


PUBLIC = (ClaimStatus.PUBLISHED.value,)
# What the desk also compares a new claim with: its own work in progress.
DESK = (
    ClaimStatus.PUBLISHED.value,
    ClaimStatus.IN_REVIEW.value,
    ClaimStatus.AWAITING_APPROVAL.value,
    ClaimStatus.NEW.value,
)


def find_matches(
    text: str,
    limit: int = 5,
    *,
    statuses: tuple[str, ...] = PUBLIC,
    exclude_claim: int | None = None,
    exclude_claims: frozenset[int] = frozenset(),
    exclude_externals: frozenset[int] = frozenset(),
    candidates: int = retrieve.CANDIDATES,
) -> list[Match]:
    """The fact-checks most likely to check the claim in `text`, best first.

    Anyone sees imported fact-checks and our published claims (`PUBLIC`); the desk also
    sees its claims in progress (`DESK`). The excluded ones (the claim itself, pairs an
    editor said are different) are left out before ranking, so they take no place.
    `candidates` bounds what each source's index lookup returns for reranking.
    """
    limit = max(1, min(limit, MAX_LIMIT))
    skip = exclude_claims | ({exclude_claim} if exclude_claim is not None else set())
    external_hits, claim_hits = retrieve.candidates(text, statuses, limit=candidates)
    externals = ExternalFactCheck.objects.in_bulk(
        [pk for pk, _ in external_hits if pk not in exclude_externals]
    )
    claims = Claim.objects.select_related("claimant").in_bulk(
        [pk for pk, _ in claim_hits if pk not in skip]
    )
    pool: list[tuple[ExternalFactCheck | None, Claim | None, Retrieved]] = []
    for rank, (pk, score) in enumerate(external_hits, start=1):
        if pk in externals:
            pool.append((externals[pk], None, Retrieved(externals[pk].claim_reviewed, rank, score)))
    for rank, (pk, score) in enumerate(claim_hits, start=1):
        claim = claims.get(pk)
        if claim is not None and claim.status in statuses:
            pool.append((None, claim, Retrieved(claim.text, rank, score)))
    if not pool:
        return []
    model = reranker()
    rank_head, match_head = model["rank"], model["match"]
    rows = describe(text, [item[2] for item in pool])
    scored = []
    for (external, claim, _), row in zip(pool, rows, strict=True):
        order = probability(row, rank_head["weights"], rank_head["bias"])
        score = probability(row[ABSOLUTE_FROM:], match_head["weights"], match_head["bias"])
        scored.append((order, score, external, claim, tuple(row)))
    scored.sort(key=lambda item: -item[0])
    return [
        Match(external, claim, round(score, 4), score >= match_head["threshold"], row)
        for _, score, external, claim, row in scored[:limit]
    ]
