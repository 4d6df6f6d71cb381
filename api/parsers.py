"""Request bodies: JSON, with a size limit that depends on what the body carries.

Writes are small (2 MiB, settings.DATA_UPLOAD_MAX_MEMORY_SIZE) except one: an article
sent as its web page (`POST /api/v1/articles/` with `html`), since real pages run to
1-3 MB of markup. That path takes bodies up to HTML_BODY_LIMIT, and a body over the
general limit must be such a page. Everything over is a 413 problem, before or while
reading, never a 500.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from rest_framework import exceptions, parsers, renderers
from rest_framework.exceptions import ParseError
from rest_framework.settings import api_settings
from rest_framework.utils import json

HTML_BODY_LIMIT = 10 * 1024 * 1024


class BodyTooLarge(exceptions.APIException):
    status_code = 413
    default_detail = "The request body is too large."
    default_code = "payload_too_large"


def general_limit() -> int | None:
    limit: int | None = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return limit


def body_limit(request: HttpRequest) -> int | None:
    """The most bytes a body may have on this request (None: no limit)."""
    general = general_limit()
    if request.method == "POST" and request.path_info == reverse("v1:article-list"):
        return max(general or 0, HTML_BODY_LIMIT)
    return general


class JSONParser(parsers.BaseParser):
    """JSON bodies, read against the limits above; nesting too deep for the decoder is a
    400, not a 500.

    It is DRF's JSON parsing (same media type, renderer, strictness), but not a subclass
    of DRF's JSONParser on purpose: for that class DRF first reads the whole body through
    Django's `request.body`, which refuses anything over DATA_UPLOAD_MAX_MEMORY_SIZE with
    an uncaught error, so a page's 10 MiB could never reach a parser. Here the stream is
    read up to the limit of the path, and no further.
    """

    media_type = "application/json"
    renderer_class = renderers.JSONRenderer
    strict = api_settings.STRICT_JSON

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        parser_context = parser_context or {}
        request = parser_context.get("request")
        limit = body_limit(request._request) if request is not None else general_limit()
        raw = b"" if stream is None else stream.read() if limit is None else stream.read(limit + 1)
        if limit is not None and len(raw) > limit:
            raise BodyTooLarge(f"The request body is over {limit} bytes, the limit here.")
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        try:
            data = json.loads(
                raw.decode(encoding),
                parse_constant=json.strict_constant if self.strict else None,
            )
        except RecursionError:
            raise ParseError("JSON parse error - nested too deeply.") from None
        except ValueError as exc:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
            raise ParseError(f"JSON parse error - {exc}") from None
        general = general_limit()
        if general is not None and len(raw) > general and not _is_page(data):
            raise BodyTooLarge(
                f"The request body is {len(raw)} bytes; the limit is {general}, or "
                f"{HTML_BODY_LIMIT} for an article sent as its page (`html`)."
            )
        return data


def _is_page(data: Any) -> bool:
    return isinstance(data, dict) and isinstance(data.get("html"), str)
