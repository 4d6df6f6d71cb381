"""Conditional requests (RFC 9110 section 13): ETags out, If-Match and If-None-Match in.

A resource's ETag is its version number in quotes (`Claim.etag`, `Evidence.etag`). Reads
answer a current If-None-Match with 304; writes need If-Match (428 without one) and
answer a stale one with 412, so two editors never overwrite each other unknowingly.
"""

from __future__ import annotations

import re
from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from api.exceptions import PreconditionFailed, PreconditionRequired

ETAG = re.compile(r'^\s*(?:W/)?"(\d{1,18})"\s*$')

IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description="The ETag of the version you read; a stale one gets 412, none gets 428.",
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


def expected_version(request: Request) -> int:
    """The version named by If-Match: 428 without one, 412 for one that is not ours."""
    header = request.headers.get("If-Match")
    if header is None:
        raise PreconditionRequired()
    match = ETAG.match(header)
    if match is None:
        raise PreconditionFailed('If-Match must be an ETag this API gave out, like "3".')
    return int(match.group(1))


def not_modified(request: Request, etag: str) -> bool:
    """Whether If-None-Match names `etag` (weakly, as RFC 9110 compares for reads)."""
    header = request.headers.get("If-None-Match", "")
    return any(tag.strip() in (etag, "*", f"W/{etag}") for tag in header.split(","))


def not_modified_response(etag: str) -> Response:
    return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": etag})


def with_etag(body: Any, etag: str, code: int = status.HTTP_200_OK) -> Response:
    return Response(body, status=code, headers={"ETag": etag})
