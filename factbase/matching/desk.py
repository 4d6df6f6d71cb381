"""Matching in the desk: a claim's best candidates, why each matches, and the stored
outcome the queue filters on.

The claim page computes its candidates when it is opened (one retrieval, at most
retrieve.CANDIDATES rows per source reranked): always current, whatever was imported or
published since, for a few milliseconds per page. The queue cannot afford that per row,
so each claim's best matches are stored (ClaimMatch) when an article is ingested on its
own (factbase.ingest.article_ingest: the API, the desk; its first MATCHED_IN_REQUEST
claims only), and refreshed for the claims around a claim when it is published. A
folder's ingest (ingest_paths, whose throughput matching would cut a hundredfold) stores
none: `manage.py ingest` matches the claims it stored once the files are in, `manage.py
match_claims --pending` those a request left, and `manage.py match_claims` recomputes
them all after an import of other fact-checkers' work. Claim.matched_at says when a
claim's were stored (null: not matched yet, which the queue tells apart from matching
nothing). Pairs an editor has decided on (ClaimMatchDecision) are never suggested or
stored again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from factbase import matching
from factbase.matching import retrieve
from factbase.matching.explain import why
from factbase.models import Claim, ClaimMatch, ClaimMatchDecision, ClaimStatus

SHOWN = 5
# What a stored outcome reranks per source: the "already checked" head reads only how
# alike two texts are, and a text's true match is near the top of its index lookup.
STORE_CANDIDATES = 25
# How many claims around a newly published one have their stored matches refreshed.
REFRESH = 20


@dataclass(frozen=True)
class Candidate:
    """A match as the claim page shows it."""

    found: matching.Match
    reasons: list[str]


@dataclass(frozen=True)
class Decided:
    """What an editor has already decided about for one claim: never suggested again."""

    claims: frozenset[int]
    externals: frozenset[int]


def decided(claim_id: int) -> Decided:
    """The claims (either way round) and fact-checks decided on for this claim (one query)."""
    rows = ClaimMatchDecision.objects.filter(Q(claim_id=claim_id) | Q(other_id=claim_id))
    claims: set[int] = set()
    externals: set[int] = set()
    for mine, other, external in rows.values_list("claim_id", "other_id", "external_id"):
        if other is not None:
            claims.add(other if mine == claim_id else mine)
        elif mine == claim_id:
            externals.add(external)
    return Decided(frozenset(claims), frozenset(externals))


def _find(
    claim: Claim, limit: int, skip: Decided | None, candidates: int = retrieve.CANDIDATES
) -> list[matching.Match]:
    skip = skip or Decided(frozenset(), frozenset())
    return matching.find_matches(
        claim.text,
        limit,
        statuses=matching.DESK,
        exclude_claim=claim.pk,
        exclude_claims=skip.claims,
        exclude_externals=skip.externals,
        candidates=candidates,
    )


def claim_candidates(claim: Claim, limit: int = SHOWN) -> list[Candidate]:
    """The best candidates for `claim`: imported fact-checks and this desk's published and
    in-progress claims, never the claim itself nor a pair an editor decided on, best
    first, each with its reasons."""
    found = _find(claim, limit, decided(claim.pk))
    return [Candidate(m, why(claim.text, m.text, m.row)) for m in found]


# Stored outcomes --------------------------------------------------------------------------


def _stored(found: list[matching.Match]) -> list[matching.Match]:
    """What is kept of a claim's ranked matches: every `match: true` among them (a claim
    repeated ten times in the desk must not push the fact-check elsewhere out), and the
    best of each origin even below the threshold."""
    best_external = next((m for m in found if m.external is not None), None)
    best_claim = next((m for m in found if m.claim is not None), None)
    return [m for m in found if m.match or m is best_external or m is best_claim]


def claim_matches_store(*, claims: Iterable[Claim], new: bool = False) -> int:
    """Match each claim now, store its matches (`_stored`) in place of its old ones and
    stamp its matched_at.

    `new` claims (just ingested) have no decisions nor stored rows to look up. Returns
    how many rows were stored.
    """
    rows: list[ClaimMatch] = []
    matched: list[Claim] = []
    for claim in claims:
        matched.append(claim)
        skip = None if new else decided(claim.pk)
        for m in _stored(_find(claim, matching.MAX_LIMIT, skip, STORE_CANDIDATES)):
            rows.append(
                ClaimMatch(
                    claim=claim,
                    other=m.claim,
                    external=m.external,
                    score=m.score,
                    match=m.match,
                )
            )
    ids = [claim.pk for claim in matched]
    if not new and ids:
        ClaimMatch.objects.filter(claim_id__in=ids).delete()
    ClaimMatch.objects.bulk_create(rows)
    now = timezone.now()
    Claim.objects.filter(pk__in=ids).update(matched_at=now)
    for claim in matched:
        claim.matched_at = now
    return len(rows)


def claim_matches_refresh(*, claim: Claim) -> int:
    """After `claim` is published (perhaps with new words): store its matches again, and
    those of the claims that matched it or that its words now find (at most REFRESH)."""
    _, around = retrieve.candidates(claim.text, matching.DESK, limit=REFRESH)
    ids = {pk for pk, _ in around} | set(
        ClaimMatch.objects.filter(other=claim).values_list("claim_id", flat=True)
    )
    ids.discard(claim.pk)
    others = Claim.objects.filter(pk__in=ids).exclude(status=ClaimStatus.DISMISSED)
    return claim_matches_store(claims=[claim, *others])


# What the queue filters on ----------------------------------------------------------------


def _undecided(matches: QuerySet[ClaimMatch]) -> QuerySet[ClaimMatch]:
    """The stored matches no editor has decided on (claims' pairs either way round)."""
    about_external = ClaimMatchDecision.objects.filter(
        claim=OuterRef("claim_id"), external=OuterRef("external_id")
    )
    about_claims = ClaimMatchDecision.objects.filter(
        Q(claim=OuterRef("claim_id"), other=OuterRef("other_id"))
        | Q(claim=OuterRef("other_id"), other=OuterRef("claim_id"))
    )
    return matches.exclude(Exists(about_external)).exclude(Exists(about_claims))


def checked_elsewhere(claims: QuerySet[Claim]) -> QuerySet[Claim]:
    """The claims with a stored `match: true` against an imported fact-check."""
    hits = ClaimMatch.objects.filter(claim=OuterRef("pk"), match=True, external__isnull=False)
    return claims.filter(Exists(_undecided(hits)))


def repeats_in_desk(claims: QuerySet[Claim]) -> QuerySet[Claim]:
    """The claims with a stored `match: true` with another live claim of the desk,
    whichever of the two was matched against the other."""
    dismissed = ClaimStatus.DISMISSED
    out = ClaimMatch.objects.filter(claim=OuterRef("pk"), match=True, other__isnull=False)
    back = ClaimMatch.objects.filter(other=OuterRef("pk"), match=True)
    return claims.filter(
        Exists(_undecided(out.exclude(other__status=dismissed)))
        | Exists(_undecided(back.exclude(claim__status=dismissed)))
    )


def unmatched(claims: QuerySet[Claim]) -> QuerySet[Claim]:
    """The claims matched and found to have neither kind of match (not those not
    matched yet: nothing is known of theirs)."""
    matched = claims.filter(matched_at__isnull=False)
    return matched.exclude(pk__in=checked_elsewhere(claims).values("pk")).exclude(
        pk__in=repeats_in_desk(claims).values("pk")
    )


def pending(claims: QuerySet[Claim]) -> QuerySet[Claim]:
    """The claims not matched yet (`manage.py match_claims --pending` matches them)."""
    return claims.filter(matched_at__isnull=True)
