"""A fact-check reopened for correction stays public as it was last published.

Public callers (anonymous, or a token outside the editorial groups) get the claim's last
published version from its snapshot (factbase.publication), marked `in_review`, in the
list, the detail and the article that embeds it; filters, search and orders read those
published values, and its ETag moves when a new version is published, never with the
draft. The desk keeps seeing and editing the live claim.
"""

from __future__ import annotations

from typing import Any

import pytest

from api.v1 import representations
from factbase import review, services
from factbase.models import Claim, ClaimStatus
from tests.factories import ArticleFactory, ClaimantFactory, EvidenceFactory, anchored_claim

SENTENCES = [(0, 61), (62, 116), (117, 163)]
PUBLISHED_TEXT = "The stadium zqpublishedword cost $300 million."
DRAFT_TEXT = "The stadium zqdraftword cost $340 million."
DRAFT_MARKERS = ("zqdraftword", "zqdraftsummary", "Drafted claimant")


@pytest.fixture
def reopened(db: None, publish: Any, editor: Any, reviewer: Any) -> dict[str, Any]:
    """One article: a claim published and left alone, and one published, reopened and
    reworked (text, kind, claimant, evidence, a proposed verdict) awaiting approval."""
    article = ArticleFactory()
    first = ClaimantFactory(name="Published claimant")
    claim = anchored_claim(article=article, span=SENTENCES[0], text=PUBLISHED_TEXT, kind="quantity")
    Claim.objects.filter(pk=claim.pk).update(claimant=first)
    claim = publish(Claim.objects.get(pk=claim.pk), verdict="false")
    other = publish(anchored_claim(article=article, span=SENTENCES[1], kind="rule"))
    claim = review.claim_transition(
        claim=claim, actor=reviewer, action="reopen", note="New figures."
    )
    claim = services.claim_update(
        claim=claim,
        actor=editor,
        expected_version=claim.version,
        changes={
            "text": DRAFT_TEXT,
            "kind": "event",
            "claimant": ClaimantFactory(name="Drafted claimant"),
        },
    )
    EvidenceFactory(claim=claim)
    claim = review.claim_transition(
        claim=claim, actor=editor, action="propose", verdict="true", summary="zqdraftsummary"
    )
    assert claim.status == ClaimStatus.AWAITING_APPROVAL
    return {"claim": claim, "other": other, "article": article, "claimant": first}


def assert_as_published(body: dict[str, Any], reopened: dict[str, Any]) -> None:
    claim = reopened["claim"]
    snapshot = claim.published_versions.order_by("-id").first()
    assert list(body) == list(representations.CLAIM_FIELDS)
    assert body["id"] == claim.pk
    assert body["text"] == PUBLISHED_TEXT
    assert body["kind"] == "quantity"
    assert body["claimant"] == {
        "id": reopened["claimant"].pk,
        "name": "Published claimant",
        "kind": reopened["claimant"].kind,
    }
    assert body["status"] == "in_review"
    assert body["verdict"] == "false"
    assert body["verdict_summary"] == "Checked."
    assert body["evidence_count"] == 1
    assert body["version"] == snapshot.version
    assert body["published_at"] is not None
    assert body["updated_at"] == snapshot.published_at.isoformat().replace("+00:00", "Z")
    assert len(body["annotations"]) == 1


def public_clients(anon: Any, client_for: Any, outsider: Any) -> list[Any]:
    return [anon, client_for(outsider)]


@pytest.mark.django_db
def test_public_callers_get_a_reopened_claim_as_last_published(
    anon: Any, client_for: Any, outsider: Any, reopened: dict[str, Any]
) -> None:
    pk = reopened["claim"].pk
    for api in public_clients(anon, client_for, outsider):
        response = api.get(f"/api/v1/claims/{pk}/")
        assert response.status_code == 200, response.content[:300]
        assert_as_published(response.json(), reopened)
        assert not [m for m in DRAFT_MARKERS if m in response.content.decode()]


@pytest.mark.django_db
def test_the_desk_sees_the_live_claim_being_corrected(
    client_for: Any, editor: Any, reopened: dict[str, Any]
) -> None:
    claim = reopened["claim"]
    response = client_for(editor).get(f"/api/v1/claims/{claim.pk}/")
    body = response.json()
    assert (body["text"], body["status"], body["verdict"]) == (
        DRAFT_TEXT,
        "awaiting_approval",
        "true",
    )
    assert body["evidence_count"] == 2
    assert response["ETag"] == f'"{claim.version}"'
    listed = client_for(editor).get("/api/v1/claims/").json()["results"]
    assert [c["text"] for c in listed if c["id"] == claim.pk] == [DRAFT_TEXT]


@pytest.mark.django_db
def test_the_public_list_and_the_article_carry_the_published_version(
    anon: Any, client_for: Any, outsider: Any, reopened: dict[str, Any]
) -> None:
    claim, other = reopened["claim"], reopened["other"]
    for api in public_clients(anon, client_for, outsider):
        article_filter = f"/api/v1/claims/?article={reopened['article'].pk}"
        for url in ("/api/v1/claims/", "/api/v1/claims/?ordering=id", article_filter):
            response = api.get(url)
            results = response.json()["results"]
            assert {c["id"] for c in results} == {claim.pk, other.pk}, url
            (shown,) = [c for c in results if c["id"] == claim.pk]
            assert_as_published(shown, reopened)
            assert not [m for m in DRAFT_MARKERS if m in response.content.decode()]
        article = api.get(f"/api/v1/articles/{reopened['article'].pk}/")
        embedded = {c["id"]: c for c in article.json()["claims"]}
        assert set(embedded) == {claim.pk, other.pk}
        assert_as_published(embedded[claim.pk], reopened)
        assert not [m for m in DRAFT_MARKERS if m in article.content.decode()]


def ids(api: Any, query: str) -> set[int]:
    response = api.get(f"/api/v1/claims/?{query}")
    assert response.status_code == 200, (query, response.content[:300])
    return {c["id"] for c in response.json()["results"]}


@pytest.mark.django_db
def test_public_filters_and_search_read_the_published_values_not_the_draft(
    anon: Any, client_for: Any, editor: Any, reopened: dict[str, Any]
) -> None:
    claim, other = reopened["claim"].pk, reopened["other"].pk
    drafted = reopened["claim"].claimant_id
    published = {
        "verdict=false": {claim},
        "verdict=true": set(),
        "kind=quantity": {claim},
        "kind=event": set(),
        f"claimant={reopened['claimant'].pk}": {claim},
        f"claimant={drafted}": set(),
        "status=in_review": {claim},
        "status=awaiting_approval": set(),
        "status=published": {other},
        "q=zqpublishedword": {claim},
        "q=zqdraftword": set(),
        "q=stadium": {claim},
    }
    for query, want in published.items():
        assert ids(anon, query) == want, query
    desk = client_for(editor)
    assert ids(desk, "verdict=true") == {claim}
    assert ids(desk, "q=zqdraftword") == {claim}
    assert ids(desk, "q=zqpublishedword") == set()
    assert ids(desk, "status=awaiting_approval") == {claim}


@pytest.mark.django_db
def test_the_public_order_by_updated_at_is_the_published_one(
    anon: Any, reopened: dict[str, Any]
) -> None:
    # `other` was published after `claim`; the draft work on `claim` came later still.
    claim, other = reopened["claim"], reopened["other"]
    live = Claim.objects.get(pk=claim.pk)
    assert live.updated_at > Claim.objects.get(pk=other.pk).updated_at
    newest_first = anon.get("/api/v1/claims/?ordering=-updated_at").json()["results"]
    assert [c["id"] for c in newest_first] == [other.pk, claim.pk]
    # Paging one at a time walks the same order, the cursor holding the published value.
    page = anon.get("/api/v1/claims/?ordering=-updated_at&page_size=1").json()
    assert [c["id"] for c in page["results"]] == [other.pk]
    page = anon.get(page["next"].replace("http://testserver", "")).json()
    assert [c["id"] for c in page["results"]] == [claim.pk]
    assert page["next"] is None
    back = anon.get(page["previous"].replace("http://testserver", "")).json()
    assert [c["id"] for c in back["results"]] == [other.pk]


@pytest.mark.django_db
def test_a_draft_edit_changes_neither_the_public_body_nor_its_etag(
    anon: Any, editor: Any, reviewer: Any, reopened: dict[str, Any]
) -> None:
    claim = reopened["claim"]
    url = f"/api/v1/claims/{claim.pk}/"
    before = anon.get(url)
    listed_before = anon.get("/api/v1/claims/").content
    claim = review.claim_transition(
        claim=claim, actor=reviewer, action="send_back", note="Not yet."
    )
    claim = services.claim_update(
        claim=claim, actor=editor, expected_version=claim.version, changes={"text": "zqagain"}
    )
    EvidenceFactory(claim=claim)
    after = anon.get(url)
    assert after.content == before.content
    assert after["ETag"] == before["ETag"]
    assert anon.get("/api/v1/claims/").content == listed_before
    cached = anon.get(url, HTTP_IF_NONE_MATCH=before["ETag"])
    assert cached.status_code == 304
    assert cached["ETag"] == before["ETag"]


@pytest.mark.django_db
def test_the_public_etag_moves_on_reopening_and_on_republication(
    anon: Any, editor: Any, reviewer: Any, publish: Any
) -> None:
    claim = publish(anchored_claim(article=ArticleFactory(), span=SENTENCES[0]))
    url = f"/api/v1/claims/{claim.pk}/"
    published = anon.get(url)
    assert published["ETag"] == f'"{claim.version}"'
    claim = review.claim_transition(claim=claim, actor=reviewer, action="reopen", note="Typo.")
    reopened = anon.get(url)
    # The body changed (its status says it is under review again): so must the ETag.
    assert reopened.json()["status"] == "in_review"
    assert reopened["ETag"] != published["ETag"]
    assert anon.get(url, HTTP_IF_NONE_MATCH=published["ETag"]).status_code == 200
    assert anon.get(url, HTTP_IF_NONE_MATCH=reopened["ETag"]).status_code == 304
    claim = review.claim_transition(
        claim=claim, actor=editor, action="propose", verdict="false", summary="Corrected."
    )
    claim = review.claim_transition(
        claim=claim, actor=reviewer, action="approve", expected_version=claim.version
    )
    republished = anon.get(url, HTTP_IF_NONE_MATCH=reopened["ETag"])
    assert republished.status_code == 200
    assert republished["ETag"] == f'"{claim.version}"'
    assert republished.json()["verdict"] == "false"
    assert republished["ETag"] not in (published["ETag"], reopened["ETag"])


@pytest.mark.django_db
def test_a_dismissed_reopened_claim_leaves_the_public_outputs(
    anon: Any, editor: Any, reviewer: Any, reopened: dict[str, Any]
) -> None:
    claim = review.claim_transition(
        claim=reopened["claim"], actor=reviewer, action="send_back", note="Again."
    )
    review.claim_transition(claim=claim, actor=editor, action="dismiss", note="Withdrawn.")
    assert anon.get(f"/api/v1/claims/{claim.pk}/").status_code == 404
    assert ids(anon, "") == {reopened["other"].pk}
    assert ids(anon, "verdict=false") == set()


@pytest.mark.django_db
def test_a_public_page_with_a_reopened_claim_costs_one_query_more(
    anon: Any, reopened: dict[str, Any], django_assert_num_queries: Any
) -> None:
    # Claims, their annotations, and the snapshots of the reopened ones on the page.
    with django_assert_num_queries(3):
        assert anon.get("/api/v1/claims/").status_code == 200
    with django_assert_num_queries(3):
        assert anon.get("/api/v1/claims/?verdict=false").status_code == 200
    with django_assert_num_queries(3):
        assert anon.get(f"/api/v1/claims/{reopened['claim'].pk}/").status_code == 200


# Its evidence: as published ----------------------------------------------------------


def published_item(reopened: dict[str, Any]) -> Any:
    """The evidence the claim was published with (the `publish` fixture's), as a row."""
    from factbase.models import Evidence

    snapshot = reopened["claim"].published_versions.order_by("-id").first()
    return Evidence.objects.get(claim=reopened["claim"], created_at__lte=snapshot.published_at)


def assert_item_as_published(item: dict[str, Any], row: Any, snapshot: Any) -> None:
    (published,) = snapshot.content["evidence"]
    assert item == {
        "id": row.pk,
        "claim": row.claim_id,
        "source": {
            "id": row.source_id,
            **{k: published["source"][k] for k in ("url", "title", "publisher", "published_at")},
            "archived_url": published["source"]["archived_url"] or None,
        },
        "stance": published["stance"],
        "excerpt": published["excerpt"],
        "note": published["note"],
        "version": snapshot.version,
        "created_at": row.created_at.isoformat().replace("+00:00", "Z"),
        "updated_at": snapshot.published_at.isoformat().replace("+00:00", "Z"),
    }


@pytest.mark.django_db
def test_public_callers_get_a_reopened_claims_evidence_as_published(
    anon: Any, client_for: Any, outsider: Any, editor: Any, reopened: dict[str, Any]
) -> None:
    from factbase.models import Evidence

    claim = reopened["claim"]
    snapshot = claim.published_versions.order_by("-id").first()
    row = published_item(reopened)
    (added,) = Evidence.objects.filter(claim=claim).exclude(pk=row.pk)  # by the draft
    for api in public_clients(anon, client_for, outsider):
        listed = api.get(f"/api/v1/claims/{claim.pk}/evidence/")
        assert listed.status_code == 200, listed.content[:300]
        body = listed.json()
        assert (body["next"], body["previous"]) == (None, None)
        (item,) = body["results"]
        assert (
            len(body["results"]) == api.get(f"/api/v1/claims/{claim.pk}/").json()["evidence_count"]
        )
        assert_item_as_published(item, row, snapshot)
        detail = api.get(f"/api/v1/evidence/{row.pk}/")
        assert detail.status_code == 200
        assert detail.json() == item
        assert detail["ETag"] == f'"{snapshot.version}-reopened"'
        cached = api.get(f"/api/v1/evidence/{row.pk}/", HTTP_IF_NONE_MATCH=detail["ETag"])
        assert cached.status_code == 304
        assert api.get(f"/api/v1/evidence/{added.pk}/").status_code == 404
    desk = client_for(editor).get(f"/api/v1/claims/{claim.pk}/evidence/").json()["results"]
    assert [e["id"] for e in desk] == [row.pk, added.pk]
    assert client_for(editor).get(f"/api/v1/evidence/{row.pk}/")["ETag"] == f'"{row.version}"'


@pytest.mark.django_db
def test_draft_edits_and_removals_of_evidence_change_no_published_item(
    anon: Any, editor: Any, reviewer: Any, reopened: dict[str, Any]
) -> None:
    from factbase.models import Evidence

    claim = reopened["claim"]
    snapshot = claim.published_versions.order_by("-id").first()
    row = published_item(reopened)
    url = f"/api/v1/claims/{claim.pk}/evidence/"
    before = anon.get(url).json()["results"]
    detail = anon.get(f"/api/v1/evidence/{row.pk}/")
    claim = review.claim_transition(claim=claim, actor=reviewer, action="send_back", note="No.")
    edited = services.evidence_update(
        evidence=row,
        expected_version=row.version,
        changes={"stance": "refutes", "note": "zqdraftnote", "excerpt": "zqdraftexcerpt"},
        actor=editor,
    )
    assert anon.get(url).json()["results"] == before
    again = anon.get(f"/api/v1/evidence/{row.pk}/")
    assert (again.content, again["ETag"]) == (detail.content, detail["ETag"])
    assert "zqdraft" not in anon.get(url).content.decode()

    # Removed by the draft: still listed as published, with no row left to address; the
    # draft's new evidence on the same source is not the published item.
    services.evidence_delete(evidence=edited, expected_version=edited.version, actor=editor)
    readded = services.evidence_add(
        claim=Claim.objects.get(pk=claim.pk),
        actor=editor,
        url=row.source.url,
        stance="refutes",
        note="zqdraftnote",
    )
    (item,) = anon.get(url).json()["results"]
    assert item == {**before[0], "id": None, "created_at": None}
    assert anon.get(f"/api/v1/claims/{claim.pk}/").json()["evidence_count"] == 1
    assert anon.get(f"/api/v1/evidence/{row.pk}/").status_code == 404
    assert anon.get(f"/api/v1/evidence/{readded.pk}/").status_code == 404
    assert Evidence.objects.filter(claim=claim).count() == 2  # the draft's two
    assert snapshot.content["evidence"][0]["note"] == item["note"]


@pytest.mark.django_db
def test_a_reopened_claims_evidence_costs_a_fixed_number_of_queries(
    anon: Any, reopened: dict[str, Any], django_assert_num_queries: Any
) -> None:
    claim, row = reopened["claim"], published_item(reopened)
    # The claim, its latest snapshot, the sources by URL, the evidence rows.
    with django_assert_num_queries(4):
        assert anon.get(f"/api/v1/claims/{claim.pk}/evidence/").status_code == 200
    # The evidence with its claim and source, the snapshot, the sources, the rows.
    with django_assert_num_queries(4):
        assert anon.get(f"/api/v1/evidence/{row.pk}/").status_code == 200
