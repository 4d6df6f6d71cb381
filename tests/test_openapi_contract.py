"""The contract plugin (tests/openapi_contract.py) is on for every test, and it fails a
response the document does not describe."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from tests.openapi_contract import check


def test_the_validator_wraps_the_test_client_outside_tests_api() -> None:
    assert Client.request.__name__ == "checked"


@pytest.mark.django_db
def test_a_property_the_document_does_not_name_fails(publish: Any) -> None:
    from tests.factories import anchored_claim

    publish(anchored_claim())
    response = Client().get("/api/v1/claims/")
    assert response.status_code == 200  # validated as it came back
    body = json.loads(response.content)
    body["results"][0]["secret"] = "not in the document"
    response.content = json.dumps(body).encode()
    with pytest.raises(AssertionError, match="breaks the OpenAPI document"):
        check(response)


@pytest.mark.django_db
def test_an_undocumented_status_fails() -> None:
    response = Client().get("/api/v1/claims/")
    response.status_code = 418
    with pytest.raises(AssertionError, match="418"):
        check(response)


@pytest.mark.django_db
def test_html_is_allowed_only_to_a_caller_who_asked_for_it() -> None:
    asked = Client().get("/api/v1/claims/", HTTP_ACCEPT="text/html")
    assert asked["Content-Type"].startswith("text/html")
    unasked = Client().get("/api/v1/claims/")
    unasked["Content-Type"] = "text/html; charset=utf-8"
    with pytest.raises(AssertionError):
        check(unasked)
