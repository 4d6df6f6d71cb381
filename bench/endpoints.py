"""What the benchmark requests, from a generated database's manifest."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode


@dataclass(frozen=True)
class Endpoint:
    name: str
    path: str
    what: str
    headers: dict[str, str] = field(default_factory=dict)


def api_cursor(pk: int) -> str:
    """The API's own cursor (api/pagination.py) for the default order, after row `pk`."""
    raw = json.dumps({"v": pk, "i": pk, "b": False}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def drf_cursor(pk: int) -> str:
    """DRF's CursorPagination cursor after position `pk` (ordering -id)."""
    return base64.b64encode(urlencode({"p": str(pk)}).encode()).decode()


def endpoints(manifest: dict[str, Any], detail_version: int) -> list[Endpoint]:
    deep, detail = manifest["deep_id"], manifest["detail_id"]
    terms = manifest["terms"]
    claims = "/api/v1/claims/"
    return [
        Endpoint("list", claims, "claims list, page 1 (20 rows)"),
        Endpoint("list_deep", f"{claims}?cursor={api_cursor(deep)}", "claims list, 90% deep"),
        Endpoint("list_100", f"{claims}?page_size=100", "claims list, page 1 (100 rows)"),
        Endpoint("drf", "/bench/drf/claims/", "conventional DRF list, page 1 (20 rows)"),
        Endpoint(
            "drf_deep",
            f"/bench/drf/claims/?cursor={quote(drf_cursor(deep))}",
            "conventional DRF list, 90% deep",
        ),
        Endpoint("drf_100", "/bench/drf/claims/?page_size=100", "conventional DRF, 100 rows"),
        Endpoint("bytes", "/bench/bytes/claims/", "pre-serialized bytes, page 1 (20 rows)"),
        Endpoint("bytes_100", "/bench/bytes/claims/?page_size=100", "pre-serialized, 100 rows"),
        Endpoint("detail", f"{claims}{detail}/", "claim detail"),
        Endpoint(
            "detail_304",
            f"{claims}{detail}/",
            "claim detail, If-None-Match current (304)",
            {"If-None-Match": f'"{detail_version}"'},
        ),
        Endpoint("filtered", f"{claims}?verdict=false", "filtered list (verdict=false)"),
        Endpoint(
            "search_rare",
            f"{claims}?q={terms['rare'][0]}&page_size=50",
            f"search, rare term ({terms['rare'][1]} rows), top 50",
        ),
        Endpoint(
            "search_1pct",
            f"{claims}?q={terms['one_percent'][0]}&page_size=50",
            "search, 1% term, top 50",
        ),
        Endpoint(
            "search_30pct",
            f"{claims}?q={terms['thirty_percent'][0]}&page_size=50",
            "search, 30% term, top 50",
        ),
        Endpoint(
            "annotations",
            f"/api/v1/annotations/?uri={quote(manifest['annotation_uri'], safe='')}",
            "W3C annotations?uri=",
        ),
        Endpoint("claimreview", "/api/v1/claimreview/", "ClaimReview feed, page 1"),
    ]
