"""Matching in the desk: a claim's best candidates, and why each matches.

The claim page computes its candidates when it is opened (one retrieval, at most
retrieve.CANDIDATES rows per source reranked): always current, whatever was imported or
published since, for a few milliseconds per page. Only the outcome the queue filters on
is stored (factbase.models.ClaimMatch, written by `claim_matches_store`).
"""

from __future__ import annotations

from dataclasses import dataclass

from factbase import matching
from factbase.matching.explain import why
from factbase.models import Claim

SHOWN = 5


@dataclass(frozen=True)
class Candidate:
    """A match as the claim page shows it."""

    found: matching.Match
    reasons: list[str]


def claim_candidates(claim: Claim, limit: int = SHOWN) -> list[Candidate]:
    """The best candidates for `claim`: imported fact-checks and this desk's published and
    in-progress claims, never the claim itself, best first, each with its reasons."""
    found = matching.find_matches(claim.text, limit, statuses=matching.DESK, exclude_claim=claim.pk)
    return [Candidate(m, why(claim.text, m.text, m.row)) for m in found]
