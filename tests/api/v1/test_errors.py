"""Every error under /api/ is RFC 9457 problem+json, from DRF, the domain or Django."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import path

from tests.api.helpers import assert_problem
from tests.factories import anchored_claim


@pytest.mark.django_db
def test_unknown_urls_are_problem_404(anon: Any) -> None:
    for url in ("/api/v1/nothing/", "/api/v9/claims/", "/api/v1/claims/abc/"):
        assert_problem(anon.get(url), 404)


@pytest.mark.django_db
def test_wrong_method_is_problem_405_with_allow(anon: Any) -> None:
    response = anon.delete("/api/v1/claims/")
    assert_problem(response, 405)
    assert "GET" in response["Allow"]


@pytest.mark.django_db
def test_malformed_json_is_problem_400(client_for: Any, editor: Any) -> None:
    response = client_for(editor).post(
        "/api/v1/articles/", data='{"title": ', content_type="application/json"
    )
    assert_problem(response, 400)


@pytest.mark.django_db
def test_wrong_content_type_is_problem_415(client_for: Any, editor: Any) -> None:
    response = client_for(editor).post(
        "/api/v1/articles/", data="title=x", content_type="application/x-www-form-urlencoded"
    )
    assert_problem(response, 415)


@pytest.mark.django_db
def test_a_body_over_the_limit_is_problem_413(client_for: Any, editor: Any, settings: Any) -> None:
    big = '{"title": "x", "text": "' + "a" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1) + '"}'
    response = client_for(editor).post(
        "/api/v1/articles/", data=big, content_type="application/json"
    )
    assert_problem(response, 413)


@pytest.mark.django_db
def test_unacceptable_accept_is_problem_406(anon: Any) -> None:
    assert_problem(anon.get("/api/v1/claims/", HTTP_ACCEPT="image/png"), 406)


@pytest.mark.django_db
def test_bad_tokens_are_problem_401(anon: Any) -> None:
    anon.credentials(HTTP_AUTHORIZATION="Bearer not-a-token")
    response = anon.get("/api/v1/claims/")
    assert_problem(response, 401)
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.django_db
def test_throttled_callers_get_429_with_retry_after(anon: Any, settings: Any) -> None:
    from django.core.cache import cache

    cache.clear()
    settings.FACTBASE_THROTTLING = True
    statuses = [anon.get("/api/v1/articles/").status_code for _ in range(130)]
    assert statuses.count(429) >= 1
    response = anon.get("/api/v1/articles/")
    assert_problem(response, 429)
    assert int(response["Retry-After"]) >= 1
    cache.clear()


def _boom(request: Any) -> Any:
    raise RuntimeError("secret database password is hunter2")


urlpatterns = [path("api/v1/boom/", _boom)]
handler500 = "api.exceptions.server_error"


@pytest.mark.django_db
@pytest.mark.urls("tests.api.v1.test_errors")
def test_a_server_error_is_problem_500_and_leaks_nothing() -> None:
    client = Client(raise_request_exception=False)
    response = client.get("/api/v1/boom/")
    body = assert_problem(response, 500)
    assert "hunter2" not in response.content.decode()
    assert "Traceback" not in body["detail"]


@pytest.mark.django_db
def test_evidence_errors(client_for: Any, editor: Any) -> None:
    claim = anchored_claim()
    client = client_for(editor)
    url = f"/api/v1/claims/{claim.pk}/evidence/"
    assert_problem(
        client.post(url, {"url": "nope", "stance": "supports"}, format="json"), 400, field="url"
    )
    assert_problem(
        client.post(url, {"url": "https://a.example/", "stance": "maybe"}, format="json"),
        400,
        field="stance",
    )
    ok = client.post(url, {"url": "https://a.example/", "stance": "supports"}, format="json")
    assert ok.status_code == 201
    assert_problem(
        client.post(url, {"url": "https://a.example/", "stance": "refutes"}, format="json"), 409
    )


@pytest.mark.django_db
def test_json_nested_too_deeply_is_problem_400(client_for: Any, editor: Any) -> None:
    body = "[" * 100_000 + "]" * 100_000
    response = client_for(editor).post(
        "/api/v1/articles/", data=body, content_type="application/json"
    )
    assert_problem(response, 400)


@pytest.mark.django_db
@pytest.mark.parametrize("value", [12345, 1.5, True, ["x"], {"a": 1}])
def test_numbers_are_not_taken_for_text(client_for: Any, editor: Any, value: Any) -> None:
    payload = {"title": "T", "text": "The council spent $4 million.", "publisher": value}
    response = client_for(editor).post("/api/v1/articles/", payload, format="json")
    assert_problem(response, 400, field="publisher")


@pytest.mark.django_db
def test_a_lone_surrogate_in_a_choice_is_a_readable_400(client_for: Any, editor: Any) -> None:
    claim = anchored_claim()
    response = client_for(editor).post(
        f"/api/v1/claims/{claim.pk}/transitions/",
        data='{"action": "\\ud800"}',
        content_type="application/json",
        HTTP_IF_MATCH='"1"',
    )
    body = assert_problem(response, 400, field="action")
    assert "\\ud800" in body["detail"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"claimant": "1e30"},
        {"article": "99999999999999999999999"},
        {"claimant": "1.5"},
        {"published_after": "2020-01-01T00:00:00-17:00"},
        {"published_before": "9999-12-31T23:59:59-23:59"},
        {"published_after": "0001-01-01T00:00:00+05:00"},
    ],
)
def test_out_of_range_filters_are_400_or_empty(anon: Any, params: dict[str, str]) -> None:
    response = anon.get("/api/v1/claims/", params)
    if response.status_code == 200:
        assert response.json()["results"] == []
    else:
        assert_problem(response, 400, field=next(iter(params)))


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["/api/v1/docs/", "/api/v1/redoc/"])
def test_docs_pages_answer_options_with_405(anon: Any, page: str) -> None:
    assert_problem(anon.options(page), 405)


@pytest.mark.django_db
def test_anonymous_writes_are_401_before_any_lookup(anon: Any) -> None:
    hidden = anchored_claim()
    for url in (f"/api/v1/claims/{hidden.pk}/evidence/", "/api/v1/claims/999999/evidence/"):
        response = anon.post(url, {"url": "https://x.example/", "stance": "context"}, format="json")
        assert_problem(response, 401)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params", [{"status": ""}, {"published_after": ""}, {"article": " "}, {"ordering": ""}]
)
def test_empty_filter_values_are_400(anon: Any, params: dict[str, str]) -> None:
    assert_problem(anon.get("/api/v1/claims/", params), 400, field=next(iter(params)))


@pytest.mark.django_db
@pytest.mark.parametrize("uri", ["not an address", "ftp://x.example/a", "/relative/path"])
def test_annotations_need_an_absolute_web_address(anon: Any, uri: str) -> None:
    assert_problem(anon.get("/api/v1/annotations/", {"uri": uri}), 400, field="uri")
