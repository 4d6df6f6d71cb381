"""A reopened fact-check stays public in the API from its last published version (issue 13).

Readers (and aggregators reading ClaimReview, extensions reading annotations) keep the
version that was approved until the next approval; the edited draft never leaks.
"""

from __future__ import annotations

from typing import Any

import pytest

from factbase import review, services
from tests.factories import ArticleFactory, anchored_claim

DRAFT = "An edited claim the readers must not see yet."


@pytest.fixture
def reopened(publish: Any, editor: Any, reviewer: Any) -> Any:
    article = ArticleFactory(url="https://news.example.org/reopened")
    claim = publish(anchored_claim(article=article, span=(0, 61)), verdict="false")
    published_text = claim.text
    claim = review.claim_transition(
        claim=claim, actor=reviewer, action="reopen", note="The council revised the figure."
    )
    claim = services.claim_update(
        claim=claim, actor=editor, expected_version=claim.version, changes={"text": DRAFT}
    )
    return claim, article, published_text


@pytest.mark.django_db
def test_claimreview_keeps_the_published_version_marked_under_review(
    anon: Any, reopened: Any
) -> None:
    claim, _, _ = reopened
    detail = anon.get(f"/api/v1/claims/{claim.pk}/claimreview/")
    assert detail.status_code == 200
    body = detail.json()
    assert body["reviewRating"]["name"] == "False"
    assert body["creativeWorkStatus"] == "UnderReview"
    assert DRAFT not in detail.content.decode()
    feed = anon.get("/api/v1/claimreview/")
    items = feed.json()["results"]
    assert [i["reviewRating"]["name"] for i in items] == ["False"]
    assert DRAFT not in feed.content.decode()


@pytest.mark.django_db
def test_annotations_keep_the_published_verdict(anon: Any, reopened: Any) -> None:
    _, article, _ = reopened
    page = anon.get("/api/v1/annotations/", {"uri": article.url})
    assert page.status_code == 200
    items = page.json()["items"]
    assert len(items) == 1
    assert items[0]["body"][0]["value"].startswith("False")
    assert DRAFT not in page.content.decode()
    pk = items[0]["id"].rstrip("/").rsplit("/", 1)[-1]
    detail = anon.get(f"/api/v1/annotations/{pk}/")
    assert detail.status_code == 200
    assert detail.json()["body"][0]["value"].startswith("False")


@pytest.mark.django_db
def test_republishing_adds_the_correction_note(
    anon: Any, reopened: Any, editor: Any, reviewer: Any
) -> None:
    claim, _, _ = reopened
    claim = review.claim_transition(
        claim=claim, actor=editor, action="propose", verdict="mostly_false", summary="Revised."
    )
    review.claim_transition(
        claim=claim, actor=reviewer, action="approve", expected_version=claim.version
    )
    body = anon.get(f"/api/v1/claims/{claim.pk}/claimreview/").json()
    assert "creativeWorkStatus" not in body
    assert body["reviewRating"]["name"] == "Mostly false"
    assert "The council revised the figure." in body["correction"][0]["text"]


@pytest.mark.django_db
def test_appearance_and_annotation_source_use_the_canonical_url(anon: Any, publish: Any) -> None:
    article = ArticleFactory(
        url="https://news.example.org/amp/story?utm_source=x",
        canonical_url="https://news.example.org/story",
    )
    claim = publish(anchored_claim(article=article, span=(0, 61)))
    body = anon.get(f"/api/v1/claims/{claim.pk}/claimreview/").json()
    assert body["itemReviewed"]["appearance"][0]["url"] == "https://news.example.org/story"
    pk = claim.annotations.get().pk
    detail = anon.get(f"/api/v1/annotations/{pk}/").json()
    assert detail["target"]["source"] == "https://news.example.org/story"


@pytest.mark.django_db
def test_a_reopened_claim_costs_one_more_query_on_the_annotation_page(
    anon: Any, reopened: Any
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _, article, _ = reopened
    anon.get("/api/v1/annotations/", {"uri": "https://warm.example.org/"})  # version cached
    with CaptureQueriesContext(connection) as captured:
        anon.get("/api/v1/annotations/", {"uri": article.url})
    assert len(captured.captured_queries) == 2  # the annotations, then their snapshots
    with CaptureQueriesContext(connection) as captured:
        anon.get("/api/v1/claimreview/")
    assert len(captured.captured_queries) == 3  # claims, annotations, published versions
