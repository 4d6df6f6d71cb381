"""Response headers at the edge: CORS, Cache-Control, CSP, Permissions-Policy, public URLs.

Issue 9 finding 12 and issue 12 item 3. CORS lets any origin read the public API and call
it with a bearer token, never with the desk's cookie; API answers say who may cache them;
every page carries a Content-Security-Policy and a Permissions-Policy (the browser test,
tests/browser/test_headers.py, checks the desk pages raise no violation).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from factbase.web import public_url

ORIGIN = "https://publisher.example.com"
CLAIMS = "/api/v1/claims/"


def _preflight(client: Client, url: str, method: str, headers: str) -> Any:
    return client.options(
        url,
        HTTP_ORIGIN=ORIGIN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD=method,
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS=headers,
    )


# -- CORS --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_public_read_answers_any_origin_without_credentials() -> None:
    response = Client().get(CLAIMS, HTTP_ORIGIN=ORIGIN)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    exposed = {h.strip().lower() for h in response["Access-Control-Expose-Headers"].split(",")}
    assert {"etag", "link", "retry-after"} <= exposed


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["GET", "PATCH", "POST"])
def test_a_preflight_for_a_token_caller_is_allowed(method: str) -> None:
    response = _preflight(
        Client(), CLAIMS, method, "authorization, if-match, if-none-match, content-type"
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    allowed = {h.strip() for h in response["Access-Control-Allow-Headers"].split(",")}
    assert {"authorization", "if-match", "if-none-match", "content-type"} <= allowed
    assert method in response["Access-Control-Allow-Methods"]
    assert "Access-Control-Allow-Credentials" not in response
    assert int(response["Access-Control-Max-Age"]) > 0


@pytest.mark.django_db
def test_a_preflight_for_a_header_nobody_needs_does_not_allow_it() -> None:
    response = _preflight(Client(), CLAIMS, "GET", "x-evil")
    allowed = {h.strip() for h in response.get("Access-Control-Allow-Headers", "").split(",")}
    assert "x-evil" not in allowed


@pytest.mark.django_db
def test_the_admin_answers_no_cors() -> None:
    response = Client().get("/admin/login/", HTTP_ORIGIN=ORIGIN)
    assert "Access-Control-Allow-Origin" not in response


@pytest.mark.django_db
def test_a_cross_origin_write_with_the_desk_cookie_is_refused(editor: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post(
        "/api/v1/articles/",
        '{"title": "t", "text": "The council approved a $12 million budget on Tuesday."}',
        content_type="application/json",
        HTTP_ORIGIN=ORIGIN,
    )
    assert response.status_code == 403
    assert "Access-Control-Allow-Credentials" not in response


# -- Cache-Control -----------------------------------------------------------------------


@pytest.mark.django_db
def test_an_anonymous_public_read_may_be_cached_briefly(settings: Any) -> None:
    response = Client().get(CLAIMS)
    assert response.status_code == 200
    assert response["Cache-Control"] == f"public, max-age={settings.FACTBASE_PUBLIC_MAX_AGE}"
    vary = {v.strip().lower() for v in response["Vary"].split(",")}
    assert {"authorization", "cookie"} <= vary


@pytest.mark.django_db
def test_a_token_caller_gets_private_no_store(client_for: Any, editor: Any) -> None:
    response = client_for(editor).get(CLAIMS)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    vary = {v.strip().lower() for v in response["Vary"].split(",")}
    assert {"authorization", "cookie"} <= vary


@pytest.mark.django_db
def test_a_session_caller_gets_private_no_store(editor: Any) -> None:
    client = Client()
    client.force_login(editor)
    response = client.get(CLAIMS)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.django_db
def test_a_refused_anonymous_write_is_not_cached() -> None:
    response = Client().post("/api/v1/articles/", "{}", content_type="application/json")
    assert response.status_code in {401, 403}
    assert response["Cache-Control"] == "no-store"


# -- CSP and Permissions-Policy ----------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/admin/login/", CLAIMS])
def test_every_answer_carries_a_csp_and_a_permissions_policy(url: str) -> None:
    response = Client().get(url)
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "object-src 'none'" in csp
    assert "'unsafe-inline'" not in csp
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


@pytest.mark.django_db
def test_only_the_api_reference_pages_allow_their_inline_scripts() -> None:
    response = Client().get("/api/v1/docs/")
    assert response.status_code == 200
    assert "script-src 'self' 'unsafe-inline'" in response["Content-Security-Policy"]


# -- public_url --------------------------------------------------------------------------


def test_public_url_uses_the_configured_origin_not_the_host_header(settings: Any) -> None:
    settings.FACTBASE_PUBLIC_URL = "https://factbase.example.org"
    settings.ALLOWED_HOSTS = ["*"]
    request = RequestFactory().get("/", HTTP_HOST="evil.example.net")
    path = reverse("admin:index") + "?page=2"
    assert public_url(path, request) == "https://factbase.example.org/admin/?page=2"
    assert public_url(path) == "https://factbase.example.org/admin/?page=2"


def test_public_url_falls_back_to_the_request(settings: Any) -> None:
    settings.FACTBASE_PUBLIC_URL = ""
    request = RequestFactory().get("/", HTTP_HOST="testserver")
    assert public_url("/api/v1/claims/", request) == "http://testserver/api/v1/claims/"
    assert public_url("/api/v1/claims/") == "/api/v1/claims/"


def test_public_url_refuses_a_relative_path() -> None:
    with pytest.raises(ValueError, match="absolute path"):
        public_url("api/v1/claims/")
