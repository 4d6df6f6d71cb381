"""The licence of the published data: a deployment setting (FACTBASE_DATA_LICENSE_NAME and
FACTBASE_DATA_LICENSE_URL), Creative Commons Attribution 4.0 unless set, named by the
OpenAPI document and by every ClaimReview (schema.org `license`)."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured

from factbase.settings import env_data_license
from tests.factories import ArticleFactory, anchored_claim

CC_BY = {
    "name": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
    "url": "https://creativecommons.org/licenses/by/4.0/",
}
OPENAPI = "application/vnd.oai.openapi+json"


def test_the_default_licence_is_cc_by_4(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FACTBASE_DATA_LICENSE_NAME", raising=False)
    monkeypatch.delenv("FACTBASE_DATA_LICENSE_URL", raising=False)
    assert env_data_license() == CC_BY


def test_a_deployment_names_its_own_licence(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACTBASE_DATA_LICENSE_NAME", " Open Data Commons ODbL ")
    monkeypatch.setenv("FACTBASE_DATA_LICENSE_URL", "https://opendatacommons.org/licenses/odbl/")
    assert env_data_license() == {
        "name": "Open Data Commons ODbL",
        "url": "https://opendatacommons.org/licenses/odbl/",
    }


@pytest.mark.parametrize(
    ("name", "url", "named"),
    [
        # One without the other would pair a name with another licence's address.
        ("CC0 1.0", "", "FACTBASE_DATA_LICENSE_URL"),
        ("", "https://creativecommons.org/publicdomain/zero/1.0/", "FACTBASE_DATA_LICENSE_NAME"),
        ("CC0 1.0", "creativecommons.org/publicdomain/zero/1.0/", "FACTBASE_DATA_LICENSE_URL"),
        ("CC0 1.0", "ftp://example.org/licence", "FACTBASE_DATA_LICENSE_URL"),
    ],
)
def test_a_half_or_malformed_licence_stops_startup_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, name: str, url: str, named: str
) -> None:
    monkeypatch.setenv("FACTBASE_DATA_LICENSE_NAME", name)
    monkeypatch.setenv("FACTBASE_DATA_LICENSE_URL", url)
    with pytest.raises(ImproperlyConfigured, match=named):
        env_data_license()


@pytest.mark.django_db
def test_the_openapi_document_names_the_data_licence(anon: Any, settings: Any) -> None:
    info = anon.get("/api/v1/schema/", HTTP_ACCEPT=OPENAPI).json()["info"]
    assert info["license"] == CC_BY
    settings.FACTBASE_DATA_LICENSE = {"name": "CC0 1.0", "url": "https://example.org/cc0"}
    info = anon.get("/api/v1/schema/", HTTP_ACCEPT=OPENAPI).json()["info"]
    assert info["license"] == {"name": "CC0 1.0", "url": "https://example.org/cc0"}


@pytest.mark.django_db
def test_every_claimreview_carries_the_data_licence(anon: Any, publish: Any, settings: Any) -> None:
    claim = publish(anchored_claim(article=ArticleFactory(), span=(0, 61)))
    settings.FACTBASE_DATA_LICENSE = {"name": "CC0 1.0", "url": "https://example.org/cc0"}
    (review,) = anon.get("/api/v1/claimreview/").json()["results"]
    assert review["license"] == "https://example.org/cc0"
    assert anon.get(f"/api/v1/claims/{claim.pk}/claimreview/").json()["license"] == (
        "https://example.org/cc0"
    )
    page = anon.get(review["url"].replace("http://testserver", "")).content.decode()
    (embedded,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert json.loads(embedded)["license"] == "https://example.org/cc0"
