"""The hot read path of claims: `.values()` rows rendered with orjson.

ClaimSerializer stays the contract (the schema, writes, the browsable API); this module
serves the same bytes for the list and the detail of claims without building a model
instance or a serializer field per value. tests/perf/test_fastpath.py holds the two to
the same output, field for field, on every kind of claim.

A page costs two queries whatever its size or depth: the claims (with the claimant
joined and the evidence counted by a correlated subquery, evaluated for the page's rows
only) on an index walk from the cursor, then their annotations. Filtered lists and other
orders build the first query with the ORM (the filter set and the keyset pagination of
api/pagination.py); the unfiltered list in id order and the detail, by far the most
requested, use fixed SQL.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC
from typing import TYPE_CHECKING, Any

import orjson
from django.db import connections, router
from django.db.models import IntegerField, QuerySet
from django.db.models.expressions import RawSQL
from django.http import Http404
from rest_framework import status
from rest_framework.response import Response

from api.pagination import CursorPagination
from api.v1.filters import ClaimFilter
from factbase import selectors
from factbase.models import Annotation, Claim, ClaimStatus

if TYPE_CHECKING:
    from rest_framework.generics import GenericAPIView
    from rest_framework.request import Request

JSON = "application/json"
# Query parameters that filter the list; without any, the filter set is not built at all.
FILTERS = frozenset(ClaimFilter.base_filters)
# Datetimes as DRF writes them in UTC: ISO 8601 with a "Z".
ORJSON_OPTIONS = orjson.OPT_UTC_Z

CLAIM_COLUMNS = (
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


# The evidence count of each row, by a correlated subquery that the database evaluates for
# the page's rows only. Written out because composing it from the ORM's Subquery costs more
# time per request than running it.
EVIDENCE_COUNT = RawSQL(
    'SELECT COUNT(*) FROM "factbase_evidence" WHERE "factbase_evidence"."claim_id" = '
    '"factbase_claim"."id"',
    (),
    output_field=IntegerField(),
)
ANNOTATIONS_SQL = (
    'SELECT "claim_id", "id", "article_id", "start", "end", "exact", "prefix", "suffix" '
    'FROM "factbase_annotation" WHERE "claim_id" IN ({}) ORDER BY "claim_id", "start", "id"'
)


def claim_rows(claims: QuerySet[Claim]) -> QuerySet[Claim, dict[str, Any]]:
    """`claims` as plain rows with what the claim representation needs, no prefetch."""
    rows: QuerySet[Claim, dict[str, Any]] = claims.values(*CLAIM_COLUMNS).annotate(
        evidence_count=EVIDENCE_COUNT
    )
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


# The hottest requests, pages of the unfiltered list in id order and the detail, skip the
# ORM's query compiler, which costs more than running the query: the same rows as
# claim_rows() (tests/perf/test_fastpath.py holds the outputs equal), in plain SQL.
HOT_SQL = (
    'SELECT c."id", c."text", c."claim_reviewed", c."kind", c."claimant_id", p."name", p."kind", '
    'c."status", '
    'c."verdict", c."verdict_summary", c."checkworthiness", c."detector", c."version", '
    'c."created_at", c."updated_at", c."published_at", '
    '(SELECT COUNT(*) FROM "factbase_evidence" e WHERE e."claim_id" = c."id") '
    'FROM "factbase_claim" c LEFT JOIN "factbase_claimant" p ON p."id" = c."claimant_id"'
)
HOT_COLUMNS = (*CLAIM_COLUMNS, "evidence_count")
DATETIMES = ("created_at", "updated_at", "published_at")


def hot_rows(
    *, public: bool, id_op: str | None = None, pk: int = 0, descending: bool = True, limit: int
) -> list[dict[str, Any]]:
    """Claim rows by id: those beyond `pk` (id_op "<" or ">") or `pk` itself ("=")."""
    where: list[str] = []
    params: list[Any] = []
    if public:
        where.append('c."status" = %s')
        params.append(ClaimStatus.PUBLISHED.value)
    if id_op is not None:
        assert id_op in ("<", ">", "=")
        where.append(f'c."id" {id_op} %s')
        params.append(pk)
    sql = HOT_SQL
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += f' ORDER BY c."id" {"DESC" if descending else "ASC"} LIMIT {int(limit)}'
    connection = connections[router.db_for_read(Claim)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = [dict(zip(HOT_COLUMNS, row, strict=True)) for row in cursor.fetchall()]
    if connection.vendor == "sqlite":
        # SQLite's driver parses the stored UTC text naive; the ORM would make it aware.
        for row in rows:
            for name in DATETIMES:
                if row[name] is not None:
                    row[name] = row[name].replace(tzinfo=UTC)
    return rows


def hot_version(*, public: bool, pk: int) -> int | None:
    """The version (the ETag) of claim `pk`, None if there is none visible."""
    sql = 'SELECT "version" FROM "factbase_claim" WHERE "id" = %s'
    params: list[Any] = [pk]
    if public:
        sql += ' AND "status" = %s'
        params.append(ClaimStatus.PUBLISHED.value)
    with connections[router.db_for_read(Claim)].cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return None if row is None else int(row[0])


def represent(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """ClaimSerializer's representation of `rows` (from claim_rows), in the same key order."""
    annotations = annotations_by_claim([row["id"] for row in rows])
    return [
        {
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
            "annotations": annotations.get(row["id"], []),
            "evidence_count": row["evidence_count"],
            "version": row["version"],
            "created_at": row["created_at"],
            "updated_at": row["updated_at"],
            "published_at": row["published_at"],
        }
        for row in rows
    ]


def render(body: Any) -> bytes:
    return orjson.dumps(body, option=ORJSON_OPTIONS)


class RenderedResponse(Response):
    """A DRF Response whose JSON body is already bytes: no renderer runs on it."""

    def __init__(self, content: bytes, *, headers: dict[str, str] | None = None) -> None:
        super().__init__(None, headers=headers)
        # Setting the content marks the response rendered: render() leaves it as it is.
        self.content = content
        self["Content-Type"] = JSON


class RowCursorPagination(CursorPagination):
    """The API's keyset pagination over `.values()` rows instead of model instances."""

    def _encode(self, row: Any, *, backwards: bool) -> str:
        if isinstance(row, dict):
            row = _Row(row)
        return super()._encode(row, backwards=backwards)

    def paginate_by_id(self, request: Request, view: Any, *, public: bool) -> list[Any]:
        """paginate_queryset for the unfiltered list in id order, on hot_rows()."""
        self.request = request
        self.key = self._key(request, view)
        assert self.key.field == "id"
        size = self._page_size(request)
        cursor = request.query_params.get(self.cursor_query_param)
        descending, backwards, id_op, pk = self.key.descending, False, None, 0
        if cursor:
            _, pk, backwards = self._decode(cursor)
            descending ^= backwards
            id_op = "<" if descending else ">"
        rows = hot_rows(public=public, id_op=id_op, pk=pk, descending=descending, limit=size + 1)
        return self.settle(rows, size, cursor=cursor, backwards=backwards)


class _Row:
    __slots__ = ("_row",)

    def __init__(self, row: dict[str, Any]) -> None:
        self._row = row

    @property
    def pk(self) -> Any:
        return self._row["id"]

    def __getattr__(self, name: str) -> Any:
        return self._row[name]


def _wants_json(request: Request) -> bool:
    renderer = getattr(request, "accepted_renderer", None)
    return renderer is not None and renderer.format == "json"


def claim_list(view: GenericAPIView[Claim], request: Request) -> Response | None:
    """A page of the claims `request.user` may see, filtered, as JSON bytes.

    None when the client negotiated another representation (the browsable API), which
    the serializer path serves.
    """
    if not _wants_json(request):
        return None
    paginator = RowCursorPagination()
    params = request.query_params
    if FILTERS.intersection(params) or params.get("ordering", "-id") not in ("id", "-id"):
        claims = view.filter_queryset(selectors.claims_visible(request.user))
        page = paginator.paginate_queryset(claim_rows(claims), request, view)
    else:
        page = paginator.paginate_by_id(request, view, public=not selectors.is_desk(request.user))
    body = {
        "next": paginator.get_next_link(),
        "previous": paginator.get_previous_link(),
        "results": represent(page),
    }
    return RenderedResponse(render(body))


def claim_detail(view: GenericAPIView[Claim], request: Request) -> Response | None:
    """One claim as JSON bytes with its ETag; 304 from its version alone when current.

    None when the client negotiated another representation (see claim_list).
    """
    from api.v1.views import not_modified

    if view.kwargs["pk"] >= 2**63:
        raise Http404  # no 64-bit key is that large; SQLite can't even bind it
    public = not selectors.is_desk(request.user)
    if request.headers.get("If-None-Match"):
        version = hot_version(public=public, pk=view.kwargs["pk"])
        if version is None:
            raise Http404
        etag = f'"{version}"'
        if not_modified(request, etag):
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": etag})
    if not _wants_json(request):
        return None
    rows = hot_rows(public=public, id_op="=", pk=view.kwargs["pk"], limit=1)
    if not rows:
        raise Http404
    etag = f'"{rows[0]["version"]}"'
    return RenderedResponse(render(represent(rows)[0]), headers={"ETag": etag})
