"""What public callers see of a claim: published ones, and reopened ones as last published.

A fact-check reopened for correction stays public from its last published version
(factbase.publication) until it is approved again. Outside the desk, everything a list
filters, searches or orders on is that version's value: the published verdict, kind,
claimant, text and date, never the draft's. Otherwise a filter would answer questions
about unpublished work (`?verdict=true` finding a claim whose draft says true), even with
the draft's words kept out of the body. The status such a claim shows is `in_review`
whatever the draft's stage, so the desk's work on it changes nothing public callers see.

`claims_public()` carries those values as `public_<field>` annotations: a published
claim's own, else its latest snapshot's. The API's public filter set and orders read them.
"""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    DateTimeField,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.fields.json import KT
from django.db.models.functions import Cast

from factbase import search, selectors
from factbase.models import Article, Claim, ClaimStatus, Evidence, PublishedVersion, Source
from factbase.selectors import latest_snapshots

# The status public callers see of a reopened claim, whatever stage its draft is at.
REOPENED_STATUS = ClaimStatus.IN_REVIEW


def is_shown_as_published(status: str) -> bool:
    """Whether a publicly visible claim in `status` is shown from its snapshot."""
    return status != ClaimStatus.PUBLISHED


def _latest_snapshot() -> QuerySet[PublishedVersion]:
    return PublishedVersion.objects.filter(claim=OuterRef("pk")).order_by("-id")


def _shown(field: str, key: str, output: Any) -> Case:
    """`field` of a published claim, else `key` of its latest snapshot's content."""
    snapshot = _latest_snapshot().annotate(value=KT(f"content__{key}")).values("value")[:1]
    return Case(
        When(status=ClaimStatus.PUBLISHED, then=F(field)),
        default=Cast(Subquery(snapshot), output_field=output),
        output_field=output,
    )


def public_filter() -> Q:
    """Claims public callers see: published, or reopened with a published version."""
    return selectors.public_claims()


def claims_public() -> QuerySet[Claim]:
    """The claims public callers see, with the values they see as `public_*`."""
    return Claim.objects.filter(public_filter()).annotate(
        public_verdict=_shown("verdict", "verdict", CharField()),
        public_kind=_shown("kind", "kind", CharField()),
        public_claimant=_shown("claimant_id", "claimant__id", IntegerField()),
        public_status=Case(
            When(status=ClaimStatus.PUBLISHED, then=Value(ClaimStatus.PUBLISHED.value)),
            default=Value(REOPENED_STATUS.value),
            output_field=CharField(),
        ),
        public_updated_at=Case(
            When(status=ClaimStatus.PUBLISHED, then=F("updated_at")),
            default=Subquery(_latest_snapshot().values("published_at")[:1]),
            output_field=DateTimeField(),
        ),
    )


def article_claims_public(*, article: Article) -> QuerySet[Claim]:
    """The claims in `article` public callers see, in reading order."""
    return claims_public().filter(annotations__article=article).order_by("annotations__start")


def public_search(claims: QuerySet[Claim], query: str) -> QuerySet[Claim]:
    """`claims` whose published text matches every word of `query`, with the engine and
    rules of factbase.search: a reopened claim's snapshot text, not its draft's."""
    terms = search.TOKEN.findall(query)[: search.MAX_TERMS]
    if not terms:
        return claims.none()
    published = search.claim_search(claims.filter(status=ClaimStatus.PUBLISHED), query)
    reopened = claims.exclude(status=ClaimStatus.PUBLISHED).filter(_snapshot_matches(terms))
    return published | reopened


# The latest snapshot of the claim in the outer query (the table is not aliased there,
# as factbase.search's own SQL assumes too).
LATEST = (
    "SELECT v.{column} FROM factbase_publishedversion v "
    "WHERE v.claim_id = factbase_claim.id ORDER BY v.id DESC LIMIT 1"
)


def _snapshot_matches(terms: list[str]) -> RawSQL:
    if connection.vendor == "postgresql":
        # Reopened claims are few: their snapshot text is parsed as the stored
        # search_vector of factbase_claim is (migration 0006), on the fly.
        text = f"({LATEST.format(column='content')})->>'text'"
        return RawSQL(
            f"to_tsvector(%s::regconfig, coalesce({text}, ''))"
            " @@ plainto_tsquery(%s::regconfig, %s)",
            [search.CONFIG, search.CONFIG, " ".join(terms)],
            output_field=BooleanField(),
        )
    # SQLite: the FTS5 index of snapshot texts (migration 0014), quoted as factbase.search
    # quotes terms so that user input never reaches FTS5's query syntax.
    match = " ".join('"' + t.replace('"', "") + '"' for t in terms)
    return RawSQL(
        f"({LATEST.format(column='id')}) IN (SELECT rowid FROM factbase_publishedversion_fts "
        "WHERE factbase_publishedversion_fts MATCH %s)",
        [match],
        output_field=BooleanField(),
    )


def published_evidence(*, claim_id: int, snapshot: PublishedVersion) -> list[Evidence]:
    """The evidence of a reopened claim as `snapshot` published it: unsaved copies, never
    to be saved, in the snapshot's order; none the draft added, each as published however
    the draft edited it, and one the draft removed still there (two queries).

    The snapshot keeps what readers read of each item (stance, excerpt, note, the source's
    fields) but no identity: the id and creation date are those of the claim's evidence
    row on the same source (one per claim and source), if it is older than the snapshot,
    else None (the draft removed it, perhaps adding another on that source since); the
    source's id is the Source row's with that URL. `version` and `updated_at` are the
    published version's (the claim's, as for the claim's own body): the snapshot keeps no
    per-item version, and a body that moved with draft edits would tell of them.
    """
    items = snapshot.content["evidence"]
    urls = [item["source"]["url"] for item in items]
    sources = dict(Source.objects.filter(url__in=urls).values_list("url", "id"))
    rows = {
        url: (pk, created)
        for url, pk, created in Evidence.objects.filter(
            claim_id=claim_id, source__url__in=urls, created_at__lte=snapshot.published_at
        ).values_list("source__url", "id", "created_at")
    }
    shown = []
    for item in items:
        url = item["source"]["url"]
        pk, created = rows.get(url, (None, None))
        evidence = Evidence(
            id=pk,
            claim_id=claim_id,
            source=Source(id=sources.get(url), **item["source"]),
            stance=item["stance"],
            excerpt=item["excerpt"],
            note=item["note"],
            version=snapshot.version,
            updated_at=snapshot.published_at,
        )
        # None for an item the draft removed: no row tells when it was made.
        evidence.created_at = created  # type: ignore[assignment]
        shown.append(evidence)
    return shown


def evidence_etag(snapshot: PublishedVersion) -> str:
    """The ETag of evidence shown as published: moves with each publication, never with
    the draft (the same form as the claim's, api/v1/representations.py public_etag)."""
    return f'"{snapshot.version}-reopened"'


def evidence_public() -> QuerySet[Evidence]:
    """Evidence rows of the claims public callers see (a reopened claim's are shown as
    published: `published_evidence`, never these rows as they are now)."""
    return Evidence.objects.select_related("source", "claim").filter(
        claim__in=Claim.objects.filter(public_filter())
    )


def latest_snapshot(claim: Claim) -> PublishedVersion | None:
    return latest_snapshots(claim_ids=[claim.pk]).get(claim.pk)
