"""Claim matching: retrieval through each engine's index, the learned reranker, the API."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from factbase import matching
from factbase.matching import features as f
from factbase.models import ClaimStatus, ExternalFactCheck
from tests.budget import examples
from tests.factories import ClaimantFactory, ClaimFactory

# Invented fact-checks, written for this test (no text of any benchmark or article).
CHECKS = [
    ("The new harbour tunnel cost twice its budget, reaching 4.2 billion dollars.", "false"),
    ("Drinking three cups of coffee a day doubles the risk of heart disease.", "false"),
    ("The city planted 10,000 trees along the river in 2023.", "true"),
    ("Unemployment in the region fell to its lowest level in 40 years.", "mostly-true"),
    ("A photo shows a shark swimming on a flooded motorway after the storm.", "fake"),
    ("The mayor cut the library budget by half to pay for the stadium.", "half-true"),
    ("Electric buses caught fire twice as often as diesel buses last year.", "false"),
    ("Children who read before bed sleep an hour longer on average.", "unproven"),
]


@pytest.fixture
def checks(db: None) -> list[ExternalFactCheck]:
    return [
        ExternalFactCheck.objects.create(
            publisher="Example Checks",
            url=f"https://checks.example.org/{n}/",
            claim_reviewed=text,
            rating=rating,
        )
        for n, (text, rating) in enumerate(CHECKS)
    ]


@pytest.mark.django_db
def test_a_repeated_claim_phrased_differently_finds_its_fact_check(
    checks: list[ExternalFactCheck],
) -> None:
    found = matching.find_matches(
        "Viral post: a shark was seen swimming on the motorway in the flood"
    )
    assert found[0].external == checks[4]
    assert found[0].match is True
    assert 0.0 <= found[0].score <= 1.0


@pytest.mark.django_db
def test_a_claim_nobody_checked_is_not_already_checked(checks: list[ExternalFactCheck]) -> None:
    found = matching.find_matches("The festival sold out its tickets for the tunnel concert")
    assert not any(m.match for m in found)


@pytest.mark.django_db
def test_our_published_claims_are_matched_and_drafts_only_for_the_desk(db: None) -> None:
    published = ClaimFactory(
        text="The ferry fare rose by 30 percent in one year.",
        status=ClaimStatus.PUBLISHED,
        verdict="false",
        published_at=timezone.now(),
        claimant=ClaimantFactory(name="Ann Lee"),
    )
    draft = ClaimFactory(text="The ferry timetable lost 30 percent of its sailings.")
    public = matching.find_matches("ferry fares went up 30 percent this year")
    assert [m.claim for m in public] == [published]
    desk = matching.find_matches("ferry fares went up 30 percent this year", statuses=matching.DESK)
    assert {m.claim for m in desk} == {published, draft}
    assert (
        matching.find_matches(published.text, statuses=matching.DESK, exclude_claim=published.pk)[
            0
        ].claim
        == draft
    )


@pytest.mark.django_db
def test_the_query_count_does_not_grow_with_the_candidates(db: None) -> None:
    for n in range(60):
        ExternalFactCheck.objects.create(
            publisher="P", identifier=f"x{n}", claim_reviewed=f"The toll bridge claim {n}"
        )
    with CaptureQueriesContext(connection) as queries:
        found = matching.find_matches("toll bridge claim", 20)
    assert len(found) == 20
    # The terms' document counts, one index lookup (no claim of ours holds the terms, so
    # theirs is skipped) and one fetch by id.
    assert len(queries) == 3


HOSTILE = st.text(
    alphabet=st.sampled_from(list("\"*^-:()NEARANDORNOT \x00\t\n'\u2019.,;|&!<>\\éß漢🙂")),
    max_size=200,
) | st.text(max_size=200)


@settings(
    max_examples=examples(150),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=HOSTILE)
@pytest.mark.django_db
def test_no_text_breaks_the_index_query_or_the_features(
    checks: list[ExternalFactCheck], text: str
) -> None:
    found = matching.find_matches(text, 20)
    assert all(0.0 <= m.score <= 1.0 for m in found)


def test_the_shipped_reranker_is_for_these_features() -> None:
    model = matching.reranker()
    assert tuple(model["features"]) == f.NAMES
    assert len(model["rank"]["weights"]) == len(f.NAMES)
    assert len(model["match"]["weights"]) == len(f.NAMES) - f.ABSOLUTE_FROM
    assert 0.0 < model["match"]["threshold"] < 1.0


def test_features_of_a_text_beside_itself_are_at_their_maximum() -> None:
    text = "Unemployment in the region fell to 4.1 percent, Minister Ann Lee said."
    (row,) = f.features(text, [f.Retrieved(text, 1, 3.0)])
    values = dict(zip(f.NAMES, row, strict=True))
    for name in (
        "query_stems_found",
        "candidate_stems_found",
        "stem_jaccard",
        "ratio",
        "token_set_ratio",
    ):
        assert values[name] == pytest.approx(1.0)
    assert values["numbers_shared"] == 1.0
    assert values["numbers_missing"] == 0.0


# The API ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_anyone_gets_ranked_scored_matches(
    checks: list[ExternalFactCheck], anon: APIClient
) -> None:
    response = anon.get(
        "/api/v1/matches/", {"text": "coffee every day doubles heart disease risk", "limit": 3}
    )
    assert response.status_code == 200
    body = response.json()
    assert len(body["results"]) <= 3
    first = body["results"][0]
    assert (first["origin"], first["url"], first["rating"], first["publisher"]) == (
        "external",
        "https://checks.example.org/1/",
        "false",
        "Example Checks",
    )
    assert first["match"] is True


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {},
        {"text": ""},
        {"text": "x" * 2001},
        {"text": "coffee", "limit": 21},
        {"text": "coffee", "limit": "abc"},
    ],
)
def test_bad_match_queries_are_problems(anon: APIClient, params: dict[str, Any]) -> None:
    response = anon.get("/api/v1/matches/", params)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")


@pytest.mark.django_db
def test_a_claims_matches_are_for_the_desk_only(
    anon: APIClient, client_for: Any, editor: Any
) -> None:
    claim = ClaimFactory(text="The ferry fare rose by 30 percent in one year.")
    other = ClaimFactory(text="Ferry fares rose 30 percent within a year.")
    assert anon.get(f"/api/v1/claims/{claim.pk}/matches/").status_code in (401, 403)
    response = client_for(editor).get(f"/api/v1/claims/{claim.pk}/matches/")
    assert response.status_code == 200
    assert [r["id"] for r in response.json()["results"]] == [other.pk]


@pytest.mark.django_db
def test_imported_fact_checks_are_listed_read_only(
    checks: list[ExternalFactCheck], anon: APIClient, client_for: Any, editor: Any
) -> None:
    response = anon.get("/api/v1/external-factchecks/")
    assert response.status_code == 200
    assert {r["publisher"] for r in response.json()["results"]} == {"Example Checks"}
    write = client_for(editor).post("/api/v1/external-factchecks/", {}, format="json")
    assert write.status_code == 405
