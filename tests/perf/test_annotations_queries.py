"""Queries per `annotations?uri=` request, pinned: an extension asks on every page view.

Targets (issue 12): one query for an unknown URL; none for a 304 where a version counter
can answer. The counts below are what the view does today; bench/annotations.py has the
throughput beside pre-serialized bytes.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ArticleFactory, anchored_claim

SENTENCES = [(0, 61), (62, 116), (117, 163)]


def _queries(anon: Any, uri: str, **headers: str) -> tuple[int, Any]:
    with CaptureQueriesContext(connection) as captured:
        response = anon.get("/api/v1/annotations/", {"uri": uri}, **headers)
    return len(captured.captured_queries), response


@pytest.mark.django_db
def test_an_unknown_address_costs_one_query(anon: Any) -> None:
    ArticleFactory(url="https://news.example.org/known")
    count, response = _queries(anon, "https://news.example.org/never-seen")
    assert response.status_code == 200
    assert response.json()["items"] == []
    assert count == 1


@pytest.mark.django_db
def test_a_fact_checked_address_costs_one_query_whatever_its_claims(
    anon: Any, publish: Any
) -> None:
    article = ArticleFactory(url="https://news.example.org/checked")
    for span in SENTENCES:
        publish(anchored_claim(article=article, span=span))
    count, response = _queries(anon, article.url)
    assert len(response.json()["items"]) == 3
    assert count == 1


@pytest.mark.xfail(
    strict=True,
    reason="The annotation page sends no ETag or Cache-Control yet (api/v1/views.py): "
    "a repeat costs the same query and the whole body again.",
)
@pytest.mark.django_db
def test_a_current_validator_is_answered_304_without_a_query(anon: Any, publish: Any) -> None:
    article = ArticleFactory(url="https://news.example.org/checked")
    publish(anchored_claim(article=article, span=SENTENCES[0]))
    _, first = _queries(anon, article.url)
    assert "max-age" in first.get("Cache-Control", "")
    count, again = _queries(anon, article.url, HTTP_IF_NONE_MATCH=first.get("ETag", '"-"'))
    assert (again.status_code, count) == (304, 0)
