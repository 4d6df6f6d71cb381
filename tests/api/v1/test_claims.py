from __future__ import annotations

from typing import Any

import pytest

from api.v1 import representations
from factbase import review
from factbase.models import Annotation, Claim, ClaimStatus, ReviewEvent
from tests.api.helpers import assert_problem
from tests.factories import ArticleFactory, ClaimantFactory, anchored_claim

SENTENCES = [(0, 61), (62, 116), (117, 163)]


@pytest.fixture
def desk_claims(db: None, publish: Any, editor: Any) -> dict[str, Claim]:
    """One article: a published claim, a new one and one in review."""
    article = ArticleFactory()
    published = publish(anchored_claim(article=article, span=SENTENCES[0]))
    new = anchored_claim(article=article, span=SENTENCES[1], text="We will hire 40 new teachers")
    pending = anchored_claim(article=article, span=SENTENCES[2], text="Taxes rise by 3%")
    pending = review.claim_transition(claim=pending, actor=editor, action="start_review")
    return {"published": published, "new": new, "pending": pending, "article": article}


@pytest.mark.django_db
def test_anonymous_sees_only_published_claims(anon: Any, desk_claims: dict[str, Any]) -> None:
    body = anon.get("/api/v1/claims/").json()
    assert [c["id"] for c in body["results"]] == [desk_claims["published"].pk]
    for hidden in ("new", "pending"):
        assert_problem(anon.get(f"/api/v1/claims/{desk_claims[hidden].pk}/"), 404)
    assert anon.get("/api/v1/claims/", {"status": "new"}).json()["results"] == []


@pytest.mark.django_db
def test_users_outside_the_desk_see_only_published_claims(
    client_for: Any, outsider: Any, desk_claims: dict[str, Any]
) -> None:
    client = client_for(outsider)
    assert [c["id"] for c in client.get("/api/v1/claims/").json()["results"]] == [
        desk_claims["published"].pk
    ]
    assert_problem(client.get(f"/api/v1/claims/{desk_claims['new'].pk}/"), 404)


@pytest.mark.django_db
def test_the_desk_sees_every_claim(
    client_for: Any, editor: Any, desk_claims: dict[str, Any]
) -> None:
    ids = {c["id"] for c in client_for(editor).get("/api/v1/claims/").json()["results"]}
    assert ids == {desk_claims[k].pk for k in ("published", "new", "pending")}


@pytest.mark.django_db
def test_claim_representation(anon: Any, desk_claims: dict[str, Any]) -> None:
    claim = desk_claims["published"]
    response = anon.get(f"/api/v1/claims/{claim.pk}/")
    assert response.status_code == 200
    assert response["ETag"] == f'"{claim.version}"'
    body = response.json()
    assert list(body) == list(representations.CLAIM_FIELDS)
    assert body["status"] == "published"
    assert body["verdict"] == "mostly_true"
    assert body["evidence_count"] == 1
    (annotation,) = body["annotations"]
    article = desk_claims["article"]
    assert annotation["article"] == article.pk
    assert article.text[annotation["start"] : annotation["end"]] == annotation["exact"]


@pytest.mark.django_db
def test_if_none_match_gets_304(anon: Any, desk_claims: dict[str, Any]) -> None:
    claim = desk_claims["published"]
    response = anon.get(f"/api/v1/claims/{claim.pk}/", HTTP_IF_NONE_MATCH=f'"{claim.version}"')
    assert response.status_code == 304
    assert response.content == b""
    stale = anon.get(f"/api/v1/claims/{claim.pk}/", HTTP_IF_NONE_MATCH='"1"')
    assert stale.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "new"}, {"new"}),
        ({"status": "published"}, {"published"}),
        ({"status": "in_review"}, {"pending"}),
        ({"verdict": "mostly_true"}, {"published"}),
        ({"kind": "quantity"}, {"published", "new", "pending"}),
        ({"q": "teachers"}, {"new"}),
        ({"q": "teacher hire"}, {"new"}),
        ({"q": "council budget"}, {"published"}),
        ({"q": "nothing-matches-this"}, set()),
        ({"q": '"; DROP TABLE x; --'}, set()),
        ({"published_after": "2000-01-01T00:00:00Z"}, {"published"}),
        ({"published_before": "2000-01-01T00:00:00Z"}, set()),
    ],
)
def test_claim_filters(
    client_for: Any,
    editor: Any,
    desk_claims: dict[str, Any],
    params: dict[str, str],
    expected: set[str],
) -> None:
    response = client_for(editor).get("/api/v1/claims/", params)
    assert response.status_code == 200, response.json()
    ids = {c["id"] for c in response.json()["results"]}
    assert ids == {desk_claims[k].pk for k in expected}


@pytest.mark.django_db
def test_filter_by_article_and_claimant(
    client_for: Any, editor: Any, desk_claims: dict[str, Any]
) -> None:
    other = anchored_claim(claimant=ClaimantFactory(name="Dana Ortiz"))
    client = client_for(editor)
    by_article = client.get("/api/v1/claims/", {"article": desk_claims["article"].pk}).json()
    assert len(by_article["results"]) == 3
    by_claimant = client.get("/api/v1/claims/", {"claimant": other.claimant_id}).json()
    assert [c["id"] for c in by_claimant["results"]] == [other.pk]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [
        {"status": "bogus"},
        {"article": "x"},
        {"page_size": "abc"},
        {"published_after": "soon"},
        {"ordering": "password"},
    ],
)
def test_bad_filters_are_400_or_ignored_never_500(anon: Any, params: dict[str, str]) -> None:
    response = anon.get("/api/v1/claims/", params)
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert_problem(response, 400)


@pytest.mark.django_db
def test_page_size_is_capped_at_100(anon: Any, publish: Any) -> None:
    article = ArticleFactory(text="x" * 300)
    for i in range(102):
        claim = anchored_claim(article=article, span=(i, i + 1), text=f"claim {i}")
        Claim.objects.filter(pk=claim.pk).update(
            status=ClaimStatus.PUBLISHED, verdict="true", published_at="2025-01-01T00:00:00Z"
        )
    body = anon.get("/api/v1/claims/", {"page_size": 10**9}).json()
    assert len(body["results"]) == 100
    assert body["next"]
    rest = anon.get(body["next"]).json()
    assert len(rest["results"]) == 2


@pytest.mark.django_db
@pytest.mark.parametrize("page_size", [1, 50])
def test_claim_list_query_count_is_flat(
    anon: Any, publish: Any, django_assert_num_queries: Any, page_size: int
) -> None:
    for _ in range(3):
        publish(anchored_claim())
    # claims + their annotations; no COUNT, nothing per row.
    with django_assert_num_queries(2):
        response = anon.get("/api/v1/claims/", {"page_size": page_size})
    assert response.status_code == 200
    assert len(response.json()["results"]) == min(page_size, 3)


# Writes ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_editors_create_a_claim_anchored_to_the_article(client_for: Any, editor: Any) -> None:
    article = ArticleFactory()
    payload = {
        "annotation": {
            "article": article.pk,
            "start": 62,
            "end": 116,
            "exact": article.text[62:116],
        },
        "kind": "quote",
        "claimant": {"name": "Dana Ortiz", "kind": "person"},
    }
    response = client_for(editor).post("/api/v1/claims/", payload, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["text"] == article.text[62:116]
    assert body["claimant"]["name"] == "Dana Ortiz"
    assert body["status"] == "new"
    assert body["detector"] == "manual"
    assert response["ETag"] == '"1"'


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("annotation", "status", "field"),
    [
        ({"start": 0, "end": 10, "exact": "not these words"}, 400, "annotation.exact"),
        ({"start": 10, "end": 5}, 400, "annotation.end"),
        ({"start": -1, "end": 5}, 400, "annotation.start"),
        ({"start": 0, "end": 10**6}, 400, "annotation"),
        ({"start": 0, "end": 2**40}, 400, "annotation.end"),
        ({"start": 0, "end": 61}, 409, None),
    ],
)
def test_bad_annotations_are_refused_and_nothing_is_stored(
    client_for: Any, editor: Any, annotation: dict[str, Any], status: int, field: str | None
) -> None:
    article = ArticleFactory()
    anchored_claim(article=article, span=(0, 61))
    before = (Claim.objects.count(), Annotation.objects.count())
    response = client_for(editor).post(
        "/api/v1/claims/", {"annotation": {"article": article.pk, **annotation}}, format="json"
    )
    assert_problem(response, status, field=field)
    assert (Claim.objects.count(), Annotation.objects.count()) == before


@pytest.mark.django_db
def test_patch_needs_if_match_and_refuses_a_stale_one(
    client_for: Any, editor: Any, desk_claims: dict[str, Any]
) -> None:
    claim = desk_claims["new"]
    client = client_for(editor)
    url = f"/api/v1/claims/{claim.pk}/"
    assert_problem(client.patch(url, {"text": "Edited"}, format="json"), 428)
    assert_problem(client.patch(url, {"text": "Edited"}, format="json", HTTP_IF_MATCH='"9"'), 412)
    assert_problem(client.patch(url, {"text": "Edited"}, format="json", HTTP_IF_MATCH="junk"), 412)
    claim.refresh_from_db()
    assert claim.text == "We will hire 40 new teachers"
    response = client.patch(
        url,
        {"text": "The city will hire 40 teachers", "kind": "prediction"},
        format="json",
        HTTP_IF_MATCH=f'"{claim.version}"',
    )
    assert response.status_code == 200, response.json()
    assert response["ETag"] == f'"{claim.version + 1}"'
    assert response.json()["kind"] == "prediction"
    event = ReviewEvent.objects.filter(claim=claim).first()
    assert event is not None
    assert event.changes["text"] == [
        "We will hire 40 new teachers",
        "The city will hire 40 teachers",
    ]


@pytest.mark.django_db
def test_published_claims_must_be_reopened_before_editing(
    client_for: Any, editor: Any, desk_claims: dict[str, Any]
) -> None:
    claim = desk_claims["published"]
    response = client_for(editor).patch(
        f"/api/v1/claims/{claim.pk}/",
        {"text": "Rewritten"},
        format="json",
        HTTP_IF_MATCH=f'"{claim.version}"',
    )
    assert_problem(response, 409)


@pytest.mark.django_db
def test_anonymous_cannot_patch(anon: Any, desk_claims: dict[str, Any]) -> None:
    claim = desk_claims["published"]
    response = anon.patch(
        f"/api/v1/claims/{claim.pk}/",
        {"text": "x"},
        format="json",
        HTTP_IF_MATCH=f'"{claim.version}"',
    )
    assert_problem(response, 401)


# Transitions and history ---------------------------------------------------------------


def transition(client: Any, claim: Claim, version: int | None = None, **body: Any) -> Any:
    claim.refresh_from_db()
    return client.post(
        f"/api/v1/claims/{claim.pk}/transitions/",
        body,
        format="json",
        HTTP_IF_MATCH=f'"{claim.version if version is None else version}"',
    )


@pytest.mark.django_db
def test_the_whole_flow_through_the_api(
    client_for: Any, editor: Any, reviewer: Any, anon: Any, desk_claims: dict[str, Any]
) -> None:
    claim = desk_claims["new"]
    ed, rev = client_for(editor), client_for(reviewer)
    assert transition(ed, claim, action="start_review").json()["status"] == "in_review"
    evidence = ed.post(
        f"/api/v1/claims/{claim.pk}/evidence/",
        {"url": "https://city.example.gov/budget", "stance": "supports", "title": "Budget"},
        format="json",
    )
    assert evidence.status_code == 201, evidence.json()
    proposed = transition(ed, claim, action="propose", verdict="true", summary="Budget says so.")
    assert proposed.json()["status"] == "awaiting_approval"
    assert_problem(transition(ed, claim, action="approve"), 403)
    published = transition(rev, claim, action="approve")
    assert published.status_code == 200
    assert published.json()["status"] == "published"
    assert anon.get(f"/api/v1/claims/{claim.pk}/").json()["verdict"] == "true"
    history = ed.get(f"/api/v1/claims/{claim.pk}/history/").json()["results"]
    assert [e["action"] for e in history] == ["approve", "propose", "edit", "start_review"]
    assert history[0]["actor"] == reviewer.username


@pytest.mark.django_db
def test_transition_errors(client_for: Any, editor: Any, desk_claims: dict[str, Any]) -> None:
    claim = desk_claims["new"]
    ed = client_for(editor)
    assert_problem(transition(ed, claim, action="restore"), 409)
    assert_problem(transition(ed, claim, action="approve"), 403)
    assert_problem(transition(ed, claim, action="dismiss"), 400, field="note")
    assert_problem(transition(ed, claim, action="fly"), 400, field="action")
    assert_problem(transition(ed, claim, version=claim.version + 5, action="start_review"), 412)
    response = ed.post(
        f"/api/v1/claims/{claim.pk}/transitions/", {"action": "start_review"}, format="json"
    )
    assert_problem(response, 428)
    claim.refresh_from_db()
    assert (claim.status, claim.version) == ("new", 1)


@pytest.mark.django_db
def test_transitions_and_history_are_hidden_from_outside_the_desk(
    client_for: Any, outsider: Any, anon: Any, desk_claims: dict[str, Any]
) -> None:
    claim = desk_claims["new"]
    assert_problem(transition(anon, claim, action="start_review"), 401)
    assert_problem(transition(client_for(outsider), claim, action="start_review"), 403)
    assert_problem(anon.get(f"/api/v1/claims/{claim.pk}/history/"), 401)
    assert_problem(client_for(outsider).get(f"/api/v1/claims/{claim.pk}/history/"), 403)
    claim.refresh_from_db()
    assert claim.status == "new"


@pytest.mark.django_db
def test_four_eyes_through_the_api(
    client_for: Any, reviewer: Any, desk_claims: dict[str, Any]
) -> None:
    claim = desk_claims["pending"]
    rev = client_for(reviewer)
    rev.post(
        f"/api/v1/claims/{claim.pk}/evidence/",
        {"url": "https://x.example/a", "stance": "refutes"},
        format="json",
    )
    transition(rev, claim, action="propose", verdict="false", summary="No.")
    body = assert_problem(transition(rev, claim, action="approve"), 403)
    assert "someone other" in body["detail"]
