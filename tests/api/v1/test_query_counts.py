"""Every list endpoint costs the same number of queries at page size 1 and 50."""

from __future__ import annotations

from typing import Any

import pytest

from factbase import review
from tests.factories import ArticleFactory, ClaimantFactory, EvidenceFactory, anchored_claim

# (url, queries, rows an anonymous caller sees in the corpus below)
LISTS = [
    ("/api/v1/articles/", 1, 7),
    ("/api/v1/claims/", 2, 3),
    ("/api/v1/claimants/", 1, 3),
    # Sources cited on published claims only: the other three are unpublished work.
    ("/api/v1/sources/", 1, 3),
    ("/api/v1/claimreview/", 3, 3),  # + published versions (corrections)
]
# A token caller adds: the token with its user, knox's look at the user's tokens, and the
# user's and groups' permissions.
AUTH = 4


@pytest.fixture
def corpus(db: None, publish: Any, editor: Any) -> dict[str, Any]:
    claims = []
    for i in range(3):
        claim = anchored_claim(article=ArticleFactory(), claimant=ClaimantFactory(name=f"P{i}"))
        claims.append(publish(claim))
        EvidenceFactory(claim=anchored_claim())
    review.claim_transition(claim=anchored_claim(), actor=editor, action="start_review")
    return {"claim": claims[0]}


@pytest.mark.parametrize("page_size", [1, 50])
@pytest.mark.parametrize(("url", "queries", "rows"), LISTS)
def test_public_lists_have_a_fixed_query_count(
    anon: Any,
    corpus: Any,
    django_assert_num_queries: Any,
    url: str,
    queries: int,
    rows: int,
    page_size: int,
) -> None:
    with django_assert_num_queries(queries):
        response = anon.get(url, {"page_size": page_size})
    assert response.status_code == 200
    assert len(response.json()["results"]) == min(page_size, rows)


@pytest.mark.parametrize("page_size", [1, 50])
def test_nested_lists_have_a_fixed_query_count(
    anon: Any,
    client_for: Any,
    editor: Any,
    corpus: Any,
    django_assert_num_queries: Any,
    page_size: int,
) -> None:
    claim = corpus["claim"]
    # claim lookup + evidence page with sources
    with django_assert_num_queries(2):
        assert (
            anon.get(f"/api/v1/claims/{claim.pk}/evidence/", {"page_size": page_size}).status_code
            == 200
        )
    desk = client_for(editor)
    # claim lookup + events with their actors
    with django_assert_num_queries(AUTH + 2):
        response = desk.get(f"/api/v1/claims/{claim.pk}/history/", {"page_size": page_size})
    assert response.status_code == 200
    assert len(response.json()["results"]) == min(page_size, 3)


@pytest.mark.parametrize("page_size", [1, 50])
def test_desk_claim_list_has_a_fixed_query_count(
    client_for: Any, editor: Any, corpus: Any, django_assert_num_queries: Any, page_size: int
) -> None:
    desk = client_for(editor)
    # claims + their annotations
    with django_assert_num_queries(AUTH + 2):
        response = desk.get("/api/v1/claims/", {"page_size": page_size})
    assert len(response.json()["results"]) == min(page_size, 7)
