"""Every API response the suite receives is checked against the OpenAPI document.

A pytest plugin (registered from tests/conftest.py): an autouse fixture wraps
`django.test.Client.request` (which DRF's APIClient calls too), so every response under
/api/v1/ that any test of the suite gets from a test client is validated by openapi-core
(status, headers where documented, body) against the schema drf-spectacular generates,
built once a session. The browsable API's HTML pages, asked for by a caller wanting HTML,
are people's pages the document does not describe: only their asking is checked. An
undocumented status or a body the schema does not describe fails the test that received
it, deliberately invalid requests included: their problem responses are documented and
must validate too.
Additional properties in response bodies are forbidden (strict): what the server sends
must be what the schema says.
"""

from __future__ import annotations

import functools
import json
from typing import Any

import pytest
from django.test import Client

API = "/api/v1/"
# The schema and documentation endpoints describe the document itself.
UNCHECKED = ("/api/v1/schema", "/api/v1/docs", "/api/v1/redoc")
# Known (path template, method, status) gaps, each with its reason. Keep it empty.
ALLOWED_GAPS: dict[tuple[str, str, int], str] = {}

# Media types that are JSON but that openapi-core does not read as JSON by itself.
JSON_MEDIA_TYPES = ("application/problem+json", "application/ld+json")

validated: list[int] = [0]


@functools.cache
def _openapi() -> Any:
    from drf_spectacular.generators import SchemaGenerator
    from openapi_core import Config, OpenAPI

    document = json.loads(
        json.dumps(SchemaGenerator(api_version="v1").get_schema(request=None, public=True))
    )
    document["servers"] = [{"url": "http://testserver"}]
    return OpenAPI.from_dict(
        document,
        config=Config(
            server_base_url="http://testserver",
            additional_properties_default_policy="forbid",
            extra_media_type_deserializers=dict.fromkeys(
                ("application/problem+json", "application/ld+json"), json.loads
            ),
        ),
    )


def check(response: Any) -> None:
    """Validate one response to an APIClient request; raise if the schema does not allow it."""
    from django.conf import settings
    from django.core.exceptions import RequestDataTooBig
    from openapi_core.contrib.django import DjangoOpenAPIResponse
    from openapi_core.templating.paths.exceptions import OperationNotFound, PathNotFound

    request = response.wsgi_request
    if not request.path.startswith(API) or request.path.startswith(UNCHECKED):
        return
    if request.method in ("HEAD", "OPTIONS"):
        # Not operations in the document: HEAD is GET with no body to check, and OPTIONS is
        # a CORS preflight or DRF's metadata answer (the 405s on the docs pages are checked
        # by their own tests).
        return
    if settings.ROOT_URLCONF.startswith("tests."):
        return  # a test's own routes (pytest.mark.urls), not the API the document describes
    if response.get("Content-Type", "").startswith("text/html"):
        # The browsable API: a page for people, which the document does not describe. It
        # is an answer only to a caller who asked for HTML.
        asked = request.META.get("HTTP_ACCEPT", "") + request.GET.get("format", "")
        assert "text/html" in asked or "api" in asked, (request.method, request.path)
        return
    openapi = _openapi()
    try:
        openapi_request = _Request(request)
        result = openapi.unmarshal_response(openapi_request, DjangoOpenAPIResponse(response))
    except RequestDataTooBig:
        # The 413 test's body is over the limit: Django will not hand it over again.
        assert response.status_code == 413, response.status_code
        return
    if any(isinstance(e, PathNotFound | OperationNotFound) for e in result.errors):
        # An address or method the API does not have: no operation to check against. The
        # answers allowed are problems: 404, 405, or 401/403 when DRF checks the caller
        # before it looks for the method's handler.
        assert response.status_code in (401, 403, 404, 405), (request.method, request.path)
        assert response["Content-Type"].startswith("application/problem+json"), response
        return
    validated[0] += 1
    if result.errors:
        template = _template(openapi, openapi_request)
        key = (template, request.method, response.status_code)
        if key in ALLOWED_GAPS:
            return
        details = "; ".join(_explain(error) for error in result.errors)
        raise AssertionError(
            f"response breaks the OpenAPI document: {request.method} {request.path} "
            f"-> {response.status_code} ({template}): {details}\n{response.content[:500]!r}"
        )


def _request_class() -> Any:
    from django.http.request import RawPostDataException
    from openapi_core.contrib.django import DjangoOpenAPIRequest

    class Request(DjangoOpenAPIRequest):  # type: ignore[misc]
        """The request as openapi-core reads it, with the body it can still have: the
        API's own parser reads the stream (api/parsers.py), after which Django refuses
        `request.body`; only the response is validated here, so no body is needed."""

        @property
        def body(self) -> bytes | None:
            try:
                return super().body  # type: ignore[no-any-return]
            except (RawPostDataException, ValueError):
                return None  # read already, or a Content-Length that is no number

    return Request


def _Request(request: Any) -> Any:
    return _request_class()(request)


def _template(openapi: Any, openapi_request: Any) -> str:
    """The path template the request matched, like /api/v1/claims/{id}/."""
    from openapi_core.templating.paths.finders import APICallPathFinder

    found = APICallPathFinder(openapi.spec).find(
        openapi_request.method, openapi_request.host_url + openapi_request.path
    )
    return str(found.path.parts[-1])


def _explain(error: BaseException) -> str:
    causes = [str(error)]
    inner = getattr(error, "schema_errors", None) or []
    causes += [f"{'/'.join(map(str, e.path))}: {e.message}" for e in inner]
    if error.__cause__ is not None:
        causes.append(_explain(error.__cause__))
    return " | ".join(causes)


@pytest.fixture(autouse=True)
def _validate_api_responses(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test: Django's test client is what APIClient and the desk tests both call."""
    original = Client.request

    def checked(self: Client, **kwargs: Any) -> Any:
        response = original(self, **kwargs)
        check(response)
        return response

    monkeypatch.setattr(Client, "request", checked)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if validated[0]:
        terminalreporter.write_line(f"openapi contract: {validated[0]} responses validated")
