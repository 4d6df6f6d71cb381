"""Conditional requests (RFC 9110 section 13): ETags out, If-Match and If-None-Match in.

A resource's ETag is its version number in quotes (`Claim.etag`, `Evidence.etag`), except
what public callers get of a fact-check reopened for correction and shown as last
published (its evidence too): `"<published version>-reopened"`
(api/v1/representations.py `public_etag`), since that body differs from the one served
while it was published; writes never take such an ETag (the desk reads the live
version's). Reads answer a current If-None-Match with 304; writes need If-Match (428
without one) and answer a stale one with 412, so two editors never overwrite each other
unknowingly.
"""

from __future__ import annotations

import re
from typing import Any

from django.http import HttpRequest
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from api.exceptions import PreconditionFailed, PreconditionRequired

STRONG_ETAG = re.compile(r'^"(\d{1,18})"$')
WEAK_ETAG = re.compile(r'^W/"[^"]*"$')

IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description='The ETag of the version you read, like `"3"`, as RFC 9110 reads it: a list '
    "matches when any of its ETags is current, `*` matches whatever version is current "
    "(you give up the lost-update guard), a weak ETag (`W/...`) never matches for a write. "
    "Not current: 412; no If-Match: 428.",
)
IF_MATCH_TRANSITION = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description=IF_MATCH.description
    + ' Except for `approve`: it must name the one exact version it approves (`"7"`, the '
    "version that was proposed: four eyes approve what they read), so `*` or a list is "
    "refused with 428.",
)
IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description="An ETag you hold; if it is current the answer is 304 with no body.",
)


def etag_of(version: int) -> str:
    return f'"{version}"'


def expected_version(request: Request, *, current: int, exact: bool = False) -> int:
    """The version a write may proceed from, by If-Match (RFC 9110 section 13.1.1).

    `current` is the version the view loaded. `*` and a list naming `current` proceed from
    it; otherwise the first strong ETag is returned, and the domain's version check
    answers it as stale (412). Weak ETags never match. `exact` (approve) accepts one
    strong ETag only, so what is approved is the version the approver names.
    """
    header = request.headers.get("If-Match")
    if header is None or not header.strip():
        raise PreconditionRequired()
    tags = [tag.strip() for tag in header.split(",") if tag.strip()]
    if exact and (tags == ["*"] or len(tags) != 1):
        raise PreconditionRequired(
            'To approve, If-Match must name the exact version you approve, like "7": '
            "not * and not a list (four eyes approve what they read)."
        )
    if tags == ["*"]:
        return current
    strong: list[int] = []
    for tag in tags:
        match = STRONG_ETAG.match(tag)
        if match is not None:
            strong.append(int(match.group(1)))
        elif WEAK_ETAG.match(tag) is None:
            raise PreconditionFailed('If-Match must be ETags this API gave out, like "3", or *.')
    if current in strong:
        return current
    if not strong:
        raise PreconditionFailed("A weak ETag never matches for a write; send the strong one.")
    return strong[0]


def not_modified(request: Request | HttpRequest, etag: str) -> bool:
    """Whether If-None-Match names `etag` (weakly, as RFC 9110 compares for reads)."""
    header = request.META.get("HTTP_IF_NONE_MATCH", "")
    return any(tag.strip() in (etag, "*", f"W/{etag}") for tag in header.split(","))


def not_modified_response(etag: str) -> Response:
    return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": etag})


def with_etag(body: Any, etag: str, code: int = status.HTTP_200_OK) -> Response:
    return Response(body, status=code, headers={"ETag": etag})
