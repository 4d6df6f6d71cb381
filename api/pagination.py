"""Keyset ("cursor") pagination: pages cost the same at any depth and never COUNT(*).

The cursor is an opaque token holding the last row's sort value and id. Ordering is on
(field, id), so ties never repeat or skip rows; nullable fields sort their nulls last.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db.models import Model, Q, QuerySet
from django.utils.dateparse import parse_datetime
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from factbase.web import public_url


@dataclass(frozen=True, slots=True)
class Key:
    field: str
    descending: bool

    def reversed(self) -> Key:
        return Key(self.field, not self.descending)


@dataclass(frozen=True, slots=True)
class IdWindow:
    """The rows a page in id order needs: `limit` of them in `descending` order, from the
    first (`after` None) or strictly beyond id `after`."""

    descending: bool
    after: int | None
    limit: int


def _after(key: Key, value: Any, pk: int, *, nulls_last: bool) -> Q:
    """Rows strictly after (value, pk) in the order (key, id in the same direction)."""
    beyond = "lt" if key.descending else "gt"
    id_beyond = Q(**{f"id__{beyond}": pk})
    if key.field == "id":
        return id_beyond
    is_null = Q(**{f"{key.field}__isnull": True})
    if value is None:
        return (is_null & id_beyond) if nulls_last else (is_null & id_beyond) | ~is_null
    later = Q(**{f"{key.field}__{beyond}": value}) | (Q(**{key.field: value}) & id_beyond)
    return later | is_null if nulls_last else later


def _order(key: Key, *, nulls_last: bool) -> list[Any]:
    from django.db.models import F

    expr = F(key.field)
    id_expr = F("id")
    if key.field == "id":
        return [id_expr.desc() if key.descending else id_expr.asc()]
    if key.descending:
        ordered = expr.desc(nulls_last=True) if nulls_last else expr.desc(nulls_first=True)
        return [ordered, id_expr.desc()]
    ordered = expr.asc(nulls_last=True) if nulls_last else expr.asc(nulls_first=True)
    return [ordered, id_expr.asc()]


class CursorPagination(BasePagination):
    page_size = 20
    max_page_size = 100
    page_size_query_param = "page_size"
    cursor_query_param = "cursor"
    ordering_query_param = "ordering"
    # The default order; views may allow others with `ordering_fields`.
    ordering: tuple[str, ...] = ("-id",)

    def paginate_queryset(
        self, queryset: QuerySet[Any], request: Request, view: Any = None
    ) -> list[Any]:
        self.request = request
        self.key = self._key(request, view)
        size = self._page_size(request)
        cursor = request.query_params.get(self.cursor_query_param)
        backwards = False
        key, nulls_last = self.key, True
        if cursor:
            value, pk, backwards = self._decode(cursor)
            if backwards:
                key, nulls_last = key.reversed(), False
            queryset = queryset.filter(_after(key, value, pk, nulls_last=nulls_last))
        rows = list(queryset.order_by(*_order(key, nulls_last=nulls_last))[: size + 1])
        return self._settle(rows, size, cursor=cursor, backwards=backwards)

    def paginate_by_id(
        self, request: Request, view: Any, fetch: Callable[[IdWindow], list[Any]]
    ) -> list[Any]:
        """A page in id order from rows `fetch` reads itself (plain SQL, not a queryset).

        The view's order must be on id; rows may be model instances or mappings with "id".
        """
        self.request = request
        self.key = self._key(request, view)
        if self.key.field != "id":
            raise ValueError("paginate_by_id pages in id order only")
        size = self._page_size(request)
        cursor = request.query_params.get(self.cursor_query_param)
        descending, backwards, after = self.key.descending, False, None
        if cursor:
            _, after, backwards = self._decode(cursor)
            descending ^= backwards
        rows = fetch(IdWindow(descending=descending, after=after, limit=size + 1))
        return self._settle(rows, size, cursor=cursor, backwards=backwards)

    def _settle(
        self, rows: list[Any], size: int, *, cursor: str | None, backwards: bool
    ) -> list[Any]:
        """The page from `size + 1` fetched rows, noting whether pages lie either side."""
        more = len(rows) > size
        rows = rows[:size]
        if backwards:
            rows.reverse()
            self.has_previous, self.has_next = more, True
        else:
            self.has_previous, self.has_next = bool(cursor), more
        self.rows = rows
        return rows

    def _key(self, request: Request, view: Any) -> Key:
        allowed = getattr(view, "ordering_fields", None) or []
        default = getattr(view, "ordering", None) or self.ordering
        raw = request.query_params.get(self.ordering_query_param, default[0])
        field = raw.lstrip("-")
        if raw not in default and field not in allowed:
            choices = ", ".join(sorted({*allowed, *(o.lstrip("-") for o in default)}))
            raise ValidationError(
                {"ordering": f"Order by one of: {choices} (prefix - to reverse)."}
            )
        return Key(field, raw.startswith("-"))

    def _page_size(self, request: Request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            raise ValidationError({"page_size": "A whole number from 1 to 100."}) from None
        if size < 1:
            raise ValidationError({"page_size": "A whole number from 1 to 100."})
        return min(size, self.max_page_size)

    def _decode(self, cursor: str) -> tuple[Any, int, bool]:
        try:
            data = json.loads(base64.urlsafe_b64decode(cursor.encode("ascii") + b"=="))
            value, pk, backwards = data["v"], data["i"], data.get("b", False)
            if not isinstance(pk, int) or isinstance(pk, bool) or not 0 <= pk < 2**63:
                raise ValueError
            if not isinstance(backwards, bool):
                raise ValueError
            if value is not None:
                value = self._cursor_value(value)
        except (ValueError, KeyError, TypeError, OverflowError, UnicodeError, binascii.Error):
            raise ValidationError({"cursor": "Not a cursor this API gave out."}) from None
        return value, pk, backwards

    def _cursor_value(self, value: Any) -> Any:
        """The cursor's sort value, of the type its field holds (else ValueError)."""
        if self.key.field.endswith("_at"):
            moment = parse_datetime(value) if isinstance(value, str) else None
            if moment is None or moment.tzinfo is None:
                raise ValueError
            return moment.astimezone(UTC)  # OverflowError past the years 1..9999
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValueError
        if self.key.field == "id" and not isinstance(value, int):
            raise ValueError
        if not math.isfinite(value) or abs(value) >= 2**63:
            raise ValueError
        return value

    def _encode(self, row: Model | Mapping[str, Any], *, backwards: bool) -> str:
        if isinstance(row, Mapping):
            value, pk = row[self.key.field], row["id"]
        else:
            value, pk = getattr(row, self.key.field), row.pk
        if isinstance(value, datetime):
            value = value.isoformat()
        payload = json.dumps({"v": value, "i": pk, "b": backwards}, separators=(",", ":"))
        return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")

    def _link(self, row: Model | Mapping[str, Any], *, backwards: bool) -> str:
        url = public_url(self.request.get_full_path(), self.request)
        return replace_query_param(
            url, self.cursor_query_param, self._encode(row, backwards=backwards)
        )

    def get_next_link(self) -> str | None:
        if not self.has_next or not self.rows:
            return None
        return self._link(self.rows[-1], backwards=False)

    def get_previous_link(self) -> str | None:
        if not self.has_previous:
            return None
        if not self.rows:
            url = public_url(self.request.get_full_path(), self.request)
            return remove_query_param(url, self.cursor_query_param)
        return self._link(self.rows[0], backwards=True)

    def get_paginated_response(self, data: Any) -> Response:
        return Response(
            {"next": self.get_next_link(), "previous": self.get_previous_link(), "results": data}
        )

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        return {
            "type": "object",
            "required": ["next", "previous", "results"],
            "properties": {
                "next": {"type": "string", "format": "uri", "nullable": True},
                "previous": {"type": "string", "format": "uri", "nullable": True},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        params: list[dict[str, Any]] = [
            {
                "name": self.cursor_query_param,
                "in": "query",
                "required": False,
                "schema": {"type": "string"},
                "description": "Where the page starts: from a `next` or `previous` link.",
            },
            {
                "name": self.page_size_query_param,
                "in": "query",
                "required": False,
                "schema": {"type": "integer", "minimum": 1},
                "description": f"Rows a page, at most {self.max_page_size} "
                f"(default {self.page_size}).",
            },
        ]
        allowed = getattr(view, "ordering_fields", None)
        if allowed:
            params.append(
                {
                    "name": self.ordering_query_param,
                    "in": "query",
                    "required": False,
                    "schema": {
                        "type": "string",
                        "enum": sorted({f for a in allowed for f in (a, f"-{a}")}),
                    },
                    "description": "Sort order; `-` for descending.",
                }
            )
        return params
