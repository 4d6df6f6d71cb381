from __future__ import annotations

from typing import Any

import pytest
from django.db.models import F

from factbase.models import Claim, ClaimStatus
from tests.api.helpers import assert_problem
from tests.factories import ArticleFactory, anchored_claim


@pytest.fixture
def claims(db: None) -> list[Claim]:
    """Seven published claims; checkworthiness has ties and nulls."""
    article = ArticleFactory(text="abcdefghij" * 3)
    scores = [0.5, None, 0.9, 0.5, None, 0.1, 0.5]
    made = [
        anchored_claim(article=article, span=(i, i + 1), checkworthiness=s, text=f"claim {i}")
        for i, s in enumerate(scores)
    ]
    Claim.objects.update(status=ClaimStatus.PUBLISHED, verdict="true", published_at=F("created_at"))
    return made


def walk(client: Any, params: dict[str, Any]) -> tuple[list[int], list[list[int]]]:
    pages, url, query = [], "/api/v1/claims/", params
    while url:
        body = client.get(url, query).json()
        pages.append([c["id"] for c in body["results"]])
        url, query = body["next"], None
    return [i for page in pages for i in page], pages


@pytest.mark.parametrize(
    "ordering", ["-id", "id", "checkworthiness", "-checkworthiness", "-published_at", "created_at"]
)
def test_pages_cover_every_row_once_in_order(anon: Any, claims: list[Claim], ordering: str) -> None:
    ids, pages = walk(anon, {"ordering": ordering, "page_size": 2})
    assert len(pages) == 4
    field = ordering.lstrip("-")
    rows = list(Claim.objects.values_list("id", field))
    nulls = [r for r in rows if r[1] is None]
    known = [r for r in rows if r[1] is not None]
    desc = ordering.startswith("-")
    expected = sorted(known, key=lambda r: (r[1], r[0]), reverse=desc) + sorted(
        nulls, key=lambda r: r[0], reverse=desc
    )
    assert ids == [r[0] for r in expected]


def test_previous_links_walk_back(anon: Any, claims: list[Claim]) -> None:
    first = anon.get("/api/v1/claims/", {"ordering": "checkworthiness", "page_size": 3}).json()
    assert first["previous"] is None
    second = anon.get(first["next"]).json()
    third = anon.get(second["next"]).json()
    back = anon.get(third["previous"]).json()
    assert back["results"] == second["results"]
    assert anon.get(back["previous"]).json()["results"] == first["results"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"cursor": "garbage"}, "cursor"),
        ({"cursor": "eyJ2IjogMX0"}, "cursor"),
        ({"ordering": "text"}, "ordering"),
        ({"page_size": "0"}, "page_size"),
        ({"page_size": "-5"}, "page_size"),
    ],
)
def test_bad_paging_is_a_400(
    anon: Any, claims: list[Claim], params: dict[str, str], field: str
) -> None:
    assert_problem(anon.get("/api/v1/claims/", params), 400, field=field)


def _cursor(value: Any, pk: Any = 1) -> str:
    import base64
    import json

    raw = json.dumps({"v": value, "i": pk, "b": False}).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


@pytest.mark.parametrize(
    ("ordering", "value", "pk"),
    [
        ("checkworthiness", "abc", 1),
        ("checkworthiness", True, 1),
        ("created_at", "9999-12-31T23:59:59-23:59", 1),
        ("created_at", "2020-01-01T00:00:00", 1),
        ("created_at", 5, 1),
        ("-id", 1.5, 1),
        ("-id", 5, 2**70),
        ("-id", 5, "1"),
    ],
)
def test_forged_cursors_are_400(
    anon: Any, claims: list[Claim], ordering: str, value: Any, pk: Any
) -> None:
    response = anon.get("/api/v1/claims/", {"ordering": ordering, "cursor": _cursor(value, pk)})
    assert_problem(response, 400, field="cursor")
