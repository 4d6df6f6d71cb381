"""RFC 9457 problem details for every error under /api/.

DRF's own exceptions, the domain's errors (factbase.errors.DomainError, ingest's
IngestError among them, mapped to a status in DOMAIN_STATUS, the one place they meet
HTTP), a database busy with writes (503) and Django's 404/500 all become
`application/problem+json` with `type`, `title`, `status`, `detail` and, for
validation errors, `errors: [{"field", "message"}]`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db import OperationalError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views import defaults
from rest_framework import exceptions, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from api.parsers import body_limit
from factbase import errors as domain

PROBLEM_MEDIA_TYPE = "application/problem+json"
TYPE_BASE = "https://factbase.example.org/problems/"


class ProblemJSONRenderer(JSONRenderer):
    media_type = PROBLEM_MEDIA_TYPE


class PreconditionRequired(exceptions.APIException):
    status_code = 428
    default_detail = "This request needs an If-Match header with the resource's current ETag."
    default_code = "precondition_required"


class PreconditionFailed(exceptions.APIException):
    status_code = 412
    default_detail = "The resource has changed since the ETag in If-Match; fetch it again."
    default_code = "precondition_failed"


TITLES = {
    400: "Bad request",
    401: "Authentication required",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    406: "Not acceptable",
    409: "Conflict",
    412: "Precondition failed",
    413: "Payload too large",
    415: "Unsupported media type",
    428: "Precondition required",
    429: "Too many requests",
    500: "Internal server error",
    503: "Service unavailable",
}

# SQLite's one writer: a write that waited the whole busy timeout. Try again shortly.
RETRY_AFTER_BUSY = 2


def problem(
    status_code: int,
    detail: str,
    *,
    code: str | None = None,
    errors: list[dict[str, str]] | None = None,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": TYPE_BASE + (code or _slug(status_code)),
        "title": TITLES.get(status_code, "Error"),
        "status": status_code,
        "detail": _printable(detail),
    }
    if errors is not None:
        body["errors"] = [
            {"field": _printable(e["field"]), "message": _printable(e["message"])} for e in errors
        ]
    return body


def _printable(text: str) -> str:
    """Messages may quote what the client sent; a lone surrogate there must not break UTF-8."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _slug(status_code: int) -> str:
    return TITLES.get(status_code, "error").lower().replace(" ", "-")


def flatten_errors(detail: Any, prefix: str = "") -> list[dict[str, str]]:
    """DRF's nested error detail as a flat list of {field, message}."""
    if isinstance(detail, dict):
        out: list[dict[str, str]] = []
        for key, value in detail.items():
            name = "" if key == "non_field_errors" else str(key)
            out += flatten_errors(value, f"{prefix}.{name}" if prefix and name else prefix or name)
        return out
    if isinstance(detail, list):
        out = []
        for index, value in enumerate(detail):
            nested = isinstance(value, dict | list)
            out += flatten_errors(value, f"{prefix}[{index}]" if nested else prefix)
        return out
    return [{"field": prefix, "message": str(detail)}]


DOMAIN_STATUS: dict[type[domain.DomainError], int] = {
    domain.NotAllowed: 403,
    domain.InvalidState: 409,
    domain.InvalidValue: 400,
    domain.StaleVersion: 412,
    domain.Conflict: 409,
}


def domain_status(exc: domain.DomainError) -> int:
    for cls, mapped in DOMAIN_STATUS.items():
        if isinstance(exc, cls):
            return mapped
    return 409


def problem_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    request = context.get("request")
    headers: dict[str, str] = {}
    errors: list[dict[str, str]] | None = None
    if isinstance(exc, domain.DomainError):
        code = domain_status(exc)
        detail = exc.message
        slug = exc.code.replace("_", "-")
        if code == 400:
            errors = [{"field": exc.field or "", "message": exc.message}]
    elif isinstance(exc, OperationalError) and "database is locked" in str(exc):
        code, detail, slug = 503, "The database is busy with other writes; try again.", "busy"
        headers["Retry-After"] = str(RETRY_AFTER_BUSY)
    else:
        if isinstance(exc, Http404):
            exc = exceptions.NotFound()
        elif isinstance(exc, DjangoPermissionDenied):
            exc = exceptions.PermissionDenied()
        if not isinstance(exc, exceptions.APIException):
            return None
        code = exc.status_code
        slug = _code_of(exc)
        if isinstance(exc, exceptions.ValidationError):
            errors = flatten_errors(exc.detail)
            detail = (
                "; ".join(
                    f"{e['field']}: {e['message']}" if e["field"] else e["message"] for e in errors
                )
                or "Invalid input."
            )
        else:
            detail = str(exc.detail) if not isinstance(exc.detail, dict | list) else str(exc)
        wait = getattr(exc, "wait", None)
        if isinstance(exc, exceptions.Throttled) and wait is not None:
            headers["Retry-After"] = str(max(1, math.ceil(wait)))
        auth_header = getattr(exc, "auth_header", None)
        if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
            headers["WWW-Authenticate"] = auth_header or 'Bearer realm="api"'
    if request is not None:
        request.accepted_renderer = ProblemJSONRenderer()
        request.accepted_media_type = PROBLEM_MEDIA_TYPE
    response = Response(
        problem(code, detail, code=slug, errors=errors),
        status=code,
        headers=headers,
        content_type=PROBLEM_MEDIA_TYPE,
    )
    return response


def _code_of(exc: exceptions.APIException) -> str:
    codes = exc.get_codes()
    if isinstance(codes, str):
        return codes.replace("_", "-")
    return "invalid" if isinstance(exc, exceptions.ValidationError) else _slug(exc.status_code)


def problem_response(status_code: int, detail: str, **extra: Any) -> HttpResponse:
    return JsonResponse(
        problem(status_code, detail, **extra),
        status=status_code,
        content_type=PROBLEM_MEDIA_TYPE,
    )


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return problem_response(404, "Nothing here.", code="not-found")
    return defaults.page_not_found(request, exception or Http404())


def server_error(request: HttpRequest) -> HttpResponse:
    if _is_api(request):
        # Nothing about the failure leaks: the log has it, the client gets this.
        return problem_response(500, "Something went wrong on our side.", code="server-error")
    return defaults.server_error(request)


class ProblemDetailsMiddleware:
    """Errors raised before a view runs: bodies over the size limit, bad request bodies."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if _is_api(request):
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                return problem_response(400, "Content-Length is not a number.")
            limit = body_limit(request)
            if limit is not None and length > limit:
                return problem_response(
                    status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
                    f"The request body is {length} bytes; the limit is {limit}.",
                    code="payload-too-large",
                )
        return self.get_response(request)
