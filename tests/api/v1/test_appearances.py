"""A claim that appeared in several articles (a repeat joined as the same claim) names
every appearance in its ClaimReview, on the API and on its readers' page, and has one W3C
annotation per appearance."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.test import Client

from factbase import duplicates
from tests.factories import ArticleFactory, anchored_claim


@pytest.fixture
def joined(editor: Any, publish: Any) -> Any:
    first = ArticleFactory(url="https://news.example.org/first", title="First report")
    second = ArticleFactory(url="https://other.example.net/again", title="The same, again")
    original = publish(anchored_claim(article=first))
    repeat = anchored_claim(article=second)
    duplicates.claim_merge(
        duplicate=repeat, original=original, actor=editor, expected_version=repeat.version
    )
    return original


def _appearances(document: dict[str, Any]) -> list[tuple[str, str]]:
    item = document["itemReviewed"]
    assert item["firstAppearance"] == item["appearance"][0]
    return [(a["url"], a["headline"]) for a in item["appearance"]]


EXPECTED = [
    ("https://news.example.org/first", "First report"),
    ("https://other.example.net/again", "The same, again"),
]


@pytest.mark.django_db
def test_the_claimreview_names_every_appearance_first_one_first(joined: Any) -> None:
    response = Client().get(f"/api/v1/claims/{joined.pk}/claimreview/")
    assert response.status_code == 200
    assert _appearances(response.json()) == EXPECTED


@pytest.mark.django_db
def test_the_readers_page_embeds_the_same_appearances(joined: Any) -> None:
    listed = Client().get(f"/api/v1/claims/{joined.pk}/claimreview/").json()
    page = Client().get(listed["url"].replace("http://testserver", ""), follow=True)
    assert page.status_code == 200
    (embedded,) = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', page.content.decode(), re.S
    )
    assert _appearances(json.loads(embedded)) == EXPECTED


@pytest.mark.django_db
def test_each_appearance_has_its_annotation(joined: Any) -> None:
    claim_id = f"http://testserver/api/v1/claims/{joined.pk}/"
    for url, _ in EXPECTED:
        items = Client().get("/api/v1/annotations/", {"uri": url}).json()["items"]
        assert [(i["target"]["source"], i["body"][1]["source"]["id"]) for i in items] == [
            (url, claim_id)
        ]


@pytest.mark.django_db
def test_a_repeat_joining_a_published_claim_moves_the_annotation_validator(
    editor: Any, publish: Any
) -> None:
    """The repeat's page had nothing; once joined it shows the fact-check, so a reader's
    cached validator of that page must no longer be answered 304."""
    first = ArticleFactory(url="https://news.example.org/first")
    second = ArticleFactory(url="https://other.example.net/again")
    original = publish(anchored_claim(article=first))
    repeat = anchored_claim(article=second)
    before = Client().get("/api/v1/annotations/", {"uri": second.url})
    assert before.json()["items"] == []

    duplicates.claim_merge(
        duplicate=repeat, original=original, actor=editor, expected_version=repeat.version
    )

    again = Client().get(
        "/api/v1/annotations/", {"uri": second.url}, HTTP_IF_NONE_MATCH=before["ETag"]
    )
    assert again.status_code == 200
    assert len(again.json()["items"]) == 1
