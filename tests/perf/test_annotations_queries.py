"""Queries per `annotations?uri=` request, pinned: an extension asks on every page view.

Targets (issue 12): one query for an unknown URL; none for a 304 where a version counter
can answer. The publication version (factbase.publication) is read from the cache, so
the counts below are with it cached, as every request but the first in
FACTBASE_PUBLIC_MAX_AGE seconds finds it; a cold cache adds that one query.
bench/annotations.py has the throughput beside pre-serialized bytes.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from factbase import review
from tests.factories import ArticleFactory, anchored_claim

SENTENCES = [(0, 61), (62, 116), (117, 163)]


@pytest.fixture(autouse=True)
def _cold_cache() -> None:
    cache.clear()


def _queries(anon: Any, uri: str, **headers: str) -> tuple[int, Any]:
    with CaptureQueriesContext(connection) as captured:
        response = anon.get("/api/v1/annotations/", {"uri": uri}, **headers)
    return len(captured.captured_queries), response


def _warm(anon: Any) -> None:
    """One request for another page: the publication version is now cached."""
    assert anon.get("/api/v1/annotations/", {"uri": "https://warm.example.org/"}).status_code == 200


@pytest.mark.django_db
def test_an_unknown_address_costs_one_query(anon: Any) -> None:
    ArticleFactory(url="https://news.example.org/known")
    _warm(anon)
    count, response = _queries(anon, "https://news.example.org/never-seen")
    assert response.status_code == 200
    assert response.json()["items"] == []
    assert count == 1


@pytest.mark.django_db
def test_a_cold_cache_adds_the_version_query(anon: Any) -> None:
    count, response = _queries(anon, "https://news.example.org/never-seen")
    assert (response.status_code, count) == (200, 2)
    count, _ = _queries(anon, "https://news.example.org/never-seen-either")
    assert count == 1


@pytest.mark.django_db
def test_a_fact_checked_address_costs_one_query_whatever_its_claims(
    anon: Any, publish: Any
) -> None:
    article = ArticleFactory(url="https://news.example.org/checked")
    for span in SENTENCES:
        publish(anchored_claim(article=article, span=span))
    _warm(anon)
    count, response = _queries(anon, article.url)
    assert len(response.json()["items"]) == 3
    assert count == 1
    # Every other reader of the article: the page rendered for this version, no query.
    count, again = _queries(anon, article.url)
    assert (count, again.content) == (0, response.content)


@pytest.mark.django_db
def test_a_reopened_claim_on_the_page_adds_its_snapshot_query(
    anon: Any, publish: Any, reviewer: Any
) -> None:
    article = ArticleFactory(url="https://news.example.org/checked")
    claims = [publish(anchored_claim(article=article, span=span)) for span in SENTENCES]
    review.claim_transition(claim=claims[0], actor=reviewer, action="reopen", note="Recheck.")
    _warm(anon)
    count, response = _queries(anon, article.url)
    assert len(response.json()["items"]) == 3
    assert count == 2


@pytest.mark.django_db
def test_a_current_validator_is_answered_304_without_a_query(anon: Any, publish: Any) -> None:
    article = ArticleFactory(url="https://news.example.org/checked")
    publish(anchored_claim(article=article, span=SENTENCES[0]))
    _, first = _queries(anon, article.url)
    assert "max-age" in first.get("Cache-Control", "")
    count, again = _queries(anon, article.url, HTTP_IF_NONE_MATCH=first.get("ETag", '"-"'))
    assert (again.status_code, count) == (304, 0)


@pytest.mark.django_db
def test_an_unknown_address_revalidates_without_a_query(anon: Any) -> None:
    _, first = _queries(anon, "https://news.example.org/never-seen")
    count, again = _queries(
        anon, "https://news.example.org/never-seen", HTTP_IF_NONE_MATCH=first["ETag"]
    )
    assert (again.status_code, count) == (304, 0)
