"""The claim representation (api/v1/representations.py) serves exactly what ClaimSerializer
would, in a fixed number of queries, and answers a current If-None-Match without
rendering."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from rest_framework.renderers import JSONRenderer

from api.v1 import representations
from api.v1.serializers import ClaimSerializer
from factbase import review, selectors
from factbase.models import Annotation, Claim
from factbase.search import claim_search
from tests.factories import ArticleFactory, ClaimantFactory, EvidenceFactory, anchored_claim

SENTENCES = [(0, 61), (62, 116), (117, 163)]


def _canonical(value: Any) -> str:
    """JSON text that keeps key order, so equal strings mean equal fields in equal order."""
    return json.dumps(value, ensure_ascii=False)


def _serialized(claims: Any) -> Any:
    """ClaimSerializer's output, through DRF's own JSON renderer, parsed back."""
    return json.loads(JSONRenderer().render(ClaimSerializer(claims, many=True).data))


@pytest.fixture
def claims(db: None, publish: Any, editor: Any, reviewer: Any) -> dict[str, Claim]:
    """Every shape a claim can take in the representation."""
    article, other = ArticleFactory(), ArticleFactory()
    # Published, a claimant, two annotations (two articles) and two pieces of evidence.
    quoted = anchored_claim(
        article=article, span=SENTENCES[0], claimant=ClaimantFactory(name="Dana Ortiz")
    )
    Annotation.objects.create(
        claim=quoted,
        article=other,
        start=SENTENCES[0][0],
        end=SENTENCES[0][1],
        exact=other.text[slice(*SENTENCES[0])],
        prefix="",
        suffix=other.text[61:93],
    )
    EvidenceFactory(claim=quoted)
    quoted = publish(quoted, "mostly_true")
    # Published by the outlet itself (claimant null), an off-scale verdict.
    own = publish(anchored_claim(article=article, span=SENTENCES[1]), "misleading")
    # A published_at on a whole second: no fraction in the ISO string.
    Claim.objects.filter(pk=own.pk).update(published_at=datetime(2025, 3, 27, 9, 30, tzinfo=UTC))
    # Unpublished: new (verdict null, no score), and awaiting approval (a verdict, not public).
    new = anchored_claim(article=article, span=SENTENCES[2], checkworthiness=None)
    waiting = anchored_claim(article=other, span=SENTENCES[1], text="We will hire teachers")
    EvidenceFactory(claim=waiting)
    waiting = review.claim_transition(claim=waiting, actor=editor, action="start_review")
    waiting = review.claim_transition(
        claim=waiting, actor=editor, action="propose", verdict="false", summary="No."
    )
    # A claim with no annotation at all (the data allows it) and no evidence.
    bare = Claim.objects.create(text="Bare claim.", kind="other")
    return {"quoted": quoted, "own": own, "new": new, "waiting": waiting, "bare": bare}


@pytest.fixture
def desk(client_for: Any, editor: Any) -> Any:
    return client_for(editor)


@pytest.mark.parametrize("who", ["anon", "desk"])
def test_list_equals_claim_serializer(
    request: pytest.FixtureRequest, claims: dict[str, Claim], editor: Any, who: str
) -> None:
    client = request.getfixturevalue(who)
    viewer = editor if who == "desk" else None
    response = client.get("/api/v1/claims/", {"page_size": 100})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    expected = _serialized(selectors.claim_list(viewer=viewer).order_by("-id"))
    assert len(expected) == (5 if who == "desk" else 2)
    assert _canonical(response.json()["results"]) == _canonical(expected)


def test_list_covers_every_shape(claims: dict[str, Claim], desk: Any) -> None:
    by_id = {c["id"]: c for c in desk.get("/api/v1/claims/").json()["results"]}
    quoted, own = by_id[claims["quoted"].pk], by_id[claims["own"].pk]
    assert quoted["claimant"]["name"] == "Dana Ortiz"
    assert [a["article"] for a in quoted["annotations"]] != []
    assert len(quoted["annotations"]) == 2
    assert quoted["evidence_count"] == 2
    assert own["claimant"] is None
    assert own["published_at"] == "2025-03-27T09:30:00Z"
    assert by_id[claims["new"].pk]["verdict"] is None
    assert by_id[claims["new"].pk]["checkworthiness"] is None
    assert by_id[claims["waiting"].pk]["verdict"] == "false"
    assert by_id[claims["waiting"].pk]["published_at"] is None
    assert by_id[claims["bare"].pk]["annotations"] == []
    assert by_id[claims["bare"].pk]["evidence_count"] == 0


@pytest.mark.parametrize("who", ["anon", "desk"])
def test_detail_equals_claim_serializer(
    request: pytest.FixtureRequest, claims: dict[str, Claim], editor: Any, who: str
) -> None:
    client = request.getfixturevalue(who)
    viewer = editor if who == "desk" else None
    visible = selectors.claim_list(viewer=viewer)
    for name, claim in claims.items():
        response = client.get(f"/api/v1/claims/{claim.pk}/")
        if not visible.filter(pk=claim.pk).exists():
            assert who == "anon"
            assert name in {"new", "waiting", "bare"}
            assert response.status_code == 404
            assert response["Content-Type"] == "application/problem+json"
            continue
        assert response.status_code == 200
        (expected,) = _serialized(visible.filter(pk=claim.pk))
        assert _canonical(response.json()) == _canonical(expected)
        assert response["ETag"] == f'"{expected["version"]}"'


def test_filtered_and_searched_lists_equal_claim_serializer(
    claims: dict[str, Claim], desk: Any, editor: Any
) -> None:
    article = claims["quoted"].annotations.order_by("id").first()
    assert article is not None
    for params, narrowed in [
        ({"status": "published"}, {"status": "published"}),
        ({"verdict": "false"}, {"verdict": "false"}),
        ({"claimant": claims["quoted"].claimant_id}, {"claimant": claims["quoted"].claimant}),
        ({"article": article.article_id}, {"annotations__article_id": article.article_id}),
    ]:
        body = desk.get("/api/v1/claims/", {**params, "page_size": 100}).json()
        expected = _serialized(
            selectors.claim_list(viewer=editor).filter(**narrowed).order_by("-id")
        )
        assert expected
        assert _canonical(body["results"]) == _canonical(expected)
    found = desk.get("/api/v1/claims/", {"q": "teachers"}).json()["results"]
    expected = _serialized(claim_search(selectors.claim_list(viewer=editor), "teachers"))
    assert {c["id"] for c in expected} == {claims["waiting"].pk, claims["own"].pk}
    assert _canonical(found) == _canonical(sorted(expected, key=lambda c: -c["id"]))


@pytest.mark.parametrize("ordering", ["-id", "id", "published_at", "-published_at"])
def test_cursor_links_walk_every_row_once_both_ways(
    claims: dict[str, Claim], desk: Any, ordering: str
) -> None:
    everything = [
        c["id"] for c in desk.get("/api/v1/claims/", {"ordering": ordering}).json()["results"]
    ]
    assert len(everything) == 5
    seen: list[int] = []
    url: str | None = f"/api/v1/claims/?ordering={ordering}&page_size=2"
    last = None
    while url:
        last = desk.get(url).json()
        seen += [c["id"] for c in last["results"]]
        url = last["next"]
    assert seen == everything
    back: list[int] = []
    url = last["previous"] if last else None
    while url:
        page = desk.get(url).json()
        back = [c["id"] for c in page["results"]] + back
        url = page["previous"]
    assert back + [c["id"] for c in last["results"]] == everything  # type: ignore[index]


@pytest.mark.parametrize("page_size", [1, 50, 100])
@pytest.mark.parametrize(
    "params", [{}, {"q": "council"}, {"kind": "quantity"}, {"ordering": "-published_at"}]
)
def test_list_costs_two_queries_whatever_the_page(
    anon: Any,
    claims: dict[str, Claim],
    django_assert_num_queries: Any,
    page_size: int,
    params: dict[str, str],
) -> None:
    # The claims with claimant and evidence count, then their annotations.
    with django_assert_num_queries(2):
        first = anon.get("/api/v1/claims/", {**params, "page_size": page_size})
    assert first.status_code == 200
    next_url = first.json()["next"]
    if next_url:
        with django_assert_num_queries(2):
            assert anon.get(next_url).status_code == 200


def test_detail_costs_two_queries_and_a_current_etag_one(
    anon: Any, claims: dict[str, Claim], django_assert_num_queries: Any
) -> None:
    claim = claims["quoted"]
    with django_assert_num_queries(2):
        assert anon.get(f"/api/v1/claims/{claim.pk}/").status_code == 200
    with django_assert_num_queries(3):
        stale = anon.get(f"/api/v1/claims/{claim.pk}/", HTTP_IF_NONE_MATCH='"0"')
    assert stale.status_code == 200
    with django_assert_num_queries(1):
        current = anon.get(f"/api/v1/claims/{claim.pk}/", HTTP_IF_NONE_MATCH=f'"{claim.version}"')
    assert current.status_code == 304


def test_conditional_get_answers_304_without_serializing(
    anon: Any, claims: dict[str, Claim], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a 304 must not build the representation")

    monkeypatch.setattr(representations, "claims", refuse)
    monkeypatch.setattr(ClaimSerializer, "to_representation", refuse)
    claim = claims["quoted"]
    response = anon.get(f"/api/v1/claims/{claim.pk}/", HTTP_IF_NONE_MATCH=f'"{claim.version}"')
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == f'"{claim.version}"'
    hidden = anon.get(f"/api/v1/claims/{claims['new'].pk}/", HTTP_IF_NONE_MATCH='"1"')
    assert hidden.status_code == 404


def test_the_browsable_api_still_renders_through_the_serializer(
    anon: Any, claims: dict[str, Claim]
) -> None:
    page = anon.get("/api/v1/claims/", HTTP_ACCEPT="text/html")
    assert page.status_code == 200
    assert page["Content-Type"].startswith("text/html")
    assert b"Dana Ortiz" in page.content
    detail = anon.get(f"/api/v1/claims/{claims['own'].pk}/", HTTP_ACCEPT="text/html")
    assert detail.status_code == 200
    assert detail["ETag"] == f'"{claims["own"].version}"'


def test_list_payload_never_carries_article_text(anon: Any, claims: dict[str, Claim]) -> None:
    body = anon.get("/api/v1/claims/").content
    assert claims["quoted"].annotations.first().article.text.encode() not in body  # type: ignore[union-attr]
