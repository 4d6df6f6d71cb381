"""The one representation of a claim: the JSON every endpoint serves for a claim.

List, detail, article detail and the answers to writes all come from `claims()` over plain
rows, never from a model instance or a serializer field per value (healthchecks'
`to_dict()`, Sentry's batched `serialize()`). `ClaimSerializer` only describes this
shape for the OpenAPI document and the browsable API's forms; its fields are
`CLAIM_FIELDS`, and tests/api/v1/test_schema.py holds the schema's Claim properties
equal to the keys served here.

A page costs two queries whatever its size: the claims (claimant joined, evidence counted
by a correlated subquery evaluated for the page's rows only), then their annotations.
Filtered lists and other orders read rows with the ORM (`claim_rows`); the unfiltered
list in id order and the detail, by far the most requested, use fixed SQL
(`claim_rows_by_id`, `claim_row`), which skips the ORM's query compiler: on these shapes
it costs more than running the query. Adding a field: a column in COLUMNS, a key in
`_claim` and in CLAIM_FIELDS.

Public callers (`public=True`) also see claims reopened for correction, as last
published: their rows are read as any other, then `_as_published` puts the latest
snapshot's values (factbase.publication) in place of the draft's, one query for the
page's reopened claims and none when it has none. Their ETag is `public_etag`'s.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC
from typing import Any

import orjson
from django.db import connections, router
from django.db.models import IntegerField, QuerySet
from django.db.models.expressions import RawSQL
from rest_framework.response import Response

from api.conditional import etag_of
from api.pagination import IdWindow
from factbase import publication, readers, selectors
from factbase.models import Annotation, Claim, ClaimStatus, PublishedVersion

# The keys of a claim's JSON, in order.
CLAIM_FIELDS = (
    "id",
    "text",
    "claim_reviewed",
    "kind",
    "claimant",
    "status",
    "verdict",
    "verdict_summary",
    "checkworthiness",
    "detector",
    "annotations",
    "evidence_count",
    "version",
    "created_at",
    "updated_at",
    "published_at",
)
# The columns a claim row carries: the claim's own, then its claimant's (`claimant__`).
COLUMNS = (
    "id",
    "text",
    "claim_reviewed",
    "kind",
    "claimant_id",
    "claimant__name",
    "claimant__kind",
    "status",
    "verdict",
    "verdict_summary",
    "checkworthiness",
    "detector",
    "version",
    "created_at",
    "updated_at",
    "published_at",
)
DATETIMES = tuple(name for name in COLUMNS if name.endswith("_at"))
# Datetimes as DRF writes them in UTC: ISO 8601 with a "Z".
ORJSON_OPTIONS = orjson.OPT_UTC_Z
JSON = "application/json"


def _sql_column(name: str) -> str:
    table, _, column = name.rpartition("__")
    return f'{"p" if table == "claimant" else "c"}."{column}"'


# The evidence count of each row, evaluated for the page's rows only. Written out because
# composing it from the ORM's Subquery costs more time per request than running it.
EVIDENCE_COUNT_SQL = (
    'SELECT COUNT(*) FROM "factbase_evidence" WHERE "factbase_evidence"."claim_id" = '
    '"factbase_claim"."id"'
)
EVIDENCE_COUNT = RawSQL(EVIDENCE_COUNT_SQL, (), output_field=IntegerField())
# The same rows as claim_rows(), in plain SQL (tests/perf/test_fastpath.py holds them equal).
ROWS_SQL = (
    f"SELECT {', '.join(map(_sql_column, COLUMNS))}, "
    '(SELECT COUNT(*) FROM "factbase_evidence" e WHERE e."claim_id" = c."id") '
    'FROM "factbase_claim" c LEFT JOIN "factbase_claimant" p ON p."id" = c."claimant_id"'
)
ROW_KEYS = (*COLUMNS, "evidence_count")
ANNOTATIONS_SQL = (
    'SELECT "claim_id", "id", "article_id", "start", "end", "exact", "prefix", "suffix" '
    'FROM "factbase_annotation" WHERE "claim_id" IN ({}) ORDER BY "claim_id", "start", "id"'
)


# Rows ----------------------------------------------------------------------------------


def claim_rows(claims: QuerySet[Claim]) -> QuerySet[Claim, dict[str, Any]]:
    """`claims` (any filter, any order) as the rows `claims()` renders, lazily."""
    claims = claims.prefetch_related(None)
    # The public order by updated_at reads the published one (factbase.readers); its
    # cursor is taken from the row.
    extra = [name for name in ("public_updated_at",) if name in claims.query.annotations]
    rows: QuerySet[Claim, dict[str, Any]]
    if "evidence_count" in claims.query.annotations:  # selectors.claim_list counted already
        rows = claims.values(*ROW_KEYS, *extra)
    else:
        rows = claims.values(*COLUMNS, *extra).annotate(evidence_count=EVIDENCE_COUNT)
    return rows


def claim_rows_by_id(window: IdWindow, *, public: bool) -> list[dict[str, Any]]:
    """The rows of a page of all claims (published ones if `public`) in id order."""
    where, params = _visible(public)
    if window.after is not None:
        where.append(f'c."id" {"<" if window.descending else ">"} %s')
        params.append(window.after)
    order = "DESC" if window.descending else "ASC"
    return _rows(where, params, order=f'ORDER BY c."id" {order} LIMIT {int(window.limit)}')


def claim_row(pk: int, *, public: bool) -> dict[str, Any] | None:
    """The row of claim `pk`, None if there is none (visible)."""
    where, params = _visible(public)
    rows = _rows([*where, 'c."id" = %s'], [*params, pk], order="")
    return rows[0] if rows else None


def claim_etag(pk: int, *, public: bool) -> str | None:
    """The ETag of claim `pk`, None if there is none visible: one query, no rendering."""
    where, params = _visible(public)
    sql = (
        'SELECT c."status", c."version", (SELECT v."version" FROM "factbase_publishedversion" v'
        ' WHERE v."claim_id" = c."id" ORDER BY v."id" DESC LIMIT 1) FROM "factbase_claim" c'
        ' WHERE c."id" = %s'
    )
    if where:
        sql += " AND " + " AND ".join(where)
    with connections[router.db_for_read(Claim)].cursor() as cursor:
        cursor.execute(sql, [pk, *params])
        row = cursor.fetchone()
    if row is None:
        return None
    status, version, published = row
    if public and readers.is_shown_as_published(status):
        return public_etag(int(published), reopened=True)
    return public_etag(int(version), reopened=False)


def public_etag(version: int, *, reopened: bool) -> str:
    """A claim's ETag: its version, or for a reopened claim shown as last published, that
    version marked, since the body differs from the one served while it was published
    (its status says it is under review again)."""
    return f'"{version}-reopened"' if reopened else etag_of(version)


def etag_for(body: dict[str, Any], *, public: bool) -> str:
    """The ETag of a claim's JSON as `claims()` rendered it for this caller."""
    return public_etag(
        body["version"], reopened=public and readers.is_shown_as_published(body["status"])
    )


def _visible(public: bool) -> tuple[list[str], list[Any]]:
    if public:
        # Published, or reopened with a published version (factbase.readers.public_filter).
        statuses = ", ".join(["%s"] * len(selectors.UNDER_REVIEW_AGAIN))
        return [
            f'(c."status" = %s OR (c."status" IN ({statuses}) AND EXISTS (SELECT 1 FROM '
            '"factbase_publishedversion" v WHERE v."claim_id" = c."id")))'
        ], [ClaimStatus.PUBLISHED.value, *(s.value for s in selectors.UNDER_REVIEW_AGAIN)]
    return [], []


def _rows(where: list[str], params: list[Any], *, order: str) -> list[dict[str, Any]]:
    sql = ROWS_SQL
    if where:
        sql += " WHERE " + " AND ".join(where)
    connection = connections[router.db_for_read(Claim)]
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} {order}", params)
        rows = [dict(zip(ROW_KEYS, row, strict=True)) for row in cursor.fetchall()]
    if connection.vendor == "sqlite":
        # SQLite's driver parses the stored UTC text naive; the ORM would make it aware.
        for row in rows:
            for name in DATETIMES:
                if row[name] is not None:
                    row[name] = row[name].replace(tzinfo=UTC)
    return rows


def annotations_by_claim(claim_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """The annotations of these claims, each claim's in text order (one query)."""
    found: dict[int, list[dict[str, Any]]] = defaultdict(list)
    if not claim_ids:
        return found
    # Plain SQL on the connection the router picks: the ORM's compiler would cost more
    # than the query for this fixed shape.
    alias = router.db_for_read(Annotation)
    with connections[alias].cursor() as cursor:
        cursor.execute(ANNOTATIONS_SQL.format(", ".join(["%s"] * len(claim_ids))), claim_ids)
        for claim_id, pk, article, start, end, exact, prefix, suffix in cursor.fetchall():
            found[claim_id].append(
                {
                    "id": pk,
                    "article": article,
                    "start": start,
                    "end": end,
                    "exact": exact,
                    "prefix": prefix,
                    "suffix": suffix,
                }
            )
    return found


# The representation ---------------------------------------------------------------------


def claims(
    rows: list[dict[str, Any]] | QuerySet[Claim, dict[str, Any]], *, public: bool = False
) -> list[dict[str, Any]]:
    """The JSON of each claim row (from claim_rows or claim_rows_by_id), in row order;
    reopened claims as last published when the caller is `public`."""
    rows = list(rows)
    if public:
        rows = _as_published(rows)
    annotations = annotations_by_claim([row["id"] for row in rows])
    return [_claim(row, annotations.get(row["id"], [])) for row in rows]


def claims_of(queryset: QuerySet[Claim], *, public: bool = False) -> list[dict[str, Any]]:
    """The JSON of the claims of `queryset`, in its order (two queries, three if `public`
    and one of them is reopened)."""
    return claims(claim_rows(queryset), public=public)


def claim_of(claim: Claim) -> dict[str, Any]:
    """The JSON of `claim` as it is in the database now (after a write, say)."""
    (body,) = claims_of(Claim.objects.filter(pk=claim.pk))
    return body


def _as_published(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`rows` with each reopened claim's row replaced by its last published version's
    (a row without one is dropped: public callers never see a draft)."""
    reopened = [row["id"] for row in rows if readers.is_shown_as_published(row["status"])]
    if not reopened:
        return rows
    snapshots = selectors.latest_snapshots(claim_ids=reopened)
    shown = []
    for row in rows:
        if not readers.is_shown_as_published(row["status"]):
            shown.append(row)
        elif row["id"] in snapshots:
            shown.append(published_row(row, snapshots[row["id"]]))
    return shown


def published_row(row: dict[str, Any], snapshot: PublishedVersion) -> dict[str, Any]:
    """The row of a reopened claim as `snapshot` published it. The claim's own columns
    no draft changes (created and published dates, checkworthiness, detector) stay."""
    content = snapshot.content
    claimant = content["claimant"] or {"id": None, "name": None, "kind": None}
    return {
        **row,
        **{field: content[field] for field in publication.CLAIM_FIELDS},
        "claimant_id": claimant["id"],
        "claimant__name": claimant["name"],
        "claimant__kind": claimant["kind"],
        "status": readers.REOPENED_STATUS.value,
        "evidence_count": len(content["evidence"]),
        "version": snapshot.version,
        "updated_at": snapshot.published_at,
    }


def _claim(row: dict[str, Any], annotations: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "text": row["text"],
        "claim_reviewed": row["claim_reviewed"],
        "kind": row["kind"],
        "claimant": None
        if row["claimant_id"] is None
        else {
            "id": row["claimant_id"],
            "name": row["claimant__name"],
            "kind": row["claimant__kind"],
        },
        "status": row["status"],
        "verdict": row["verdict"] or None,
        "verdict_summary": row["verdict_summary"],
        "checkworthiness": row["checkworthiness"],
        "detector": row["detector"],
        "annotations": annotations,
        "evidence_count": row["evidence_count"],
        "version": row["version"],
        "created_at": row["created_at"],
        "updated_at": row["updated_at"],
        "published_at": row["published_at"],
    }


# Bytes ----------------------------------------------------------------------------------


def render(body: Any) -> bytes:
    return orjson.dumps(body, option=ORJSON_OPTIONS)


class RenderedResponse(Response):
    """A DRF Response whose JSON body is already bytes: no renderer runs on it."""

    def __init__(self, content: bytes, *, headers: dict[str, str] | None = None) -> None:
        super().__init__(None, headers=headers)
        # Setting the content marks the response rendered: render() leaves it as it is.
        self.content = content
        self["Content-Type"] = JSON
