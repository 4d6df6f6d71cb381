"""Absolute URLs of the API: on the configured public base URL, not the Host header.

FACTBASE_PUBLIC_URL (say `https://factbase.example.org`) is where readers reach the
service behind its proxy; a forged or internal Host header must not leak into the links
a response carries. Without it (development, tests) the request's own host is used.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def absolute_url(request: HttpRequest, path: str) -> str:
    """`path` (absolute, with its query string) as a full URL."""
    base = settings.FACTBASE_PUBLIC_URL.rstrip("/")
    if base:
        return base + path
    return request.build_absolute_uri(path)
