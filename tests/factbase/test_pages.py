"""The readers' pages: what a reader, an aggregator and a crawler get from /factchecks/."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from django.test import Client

from factbase import review
from factbase.models import Claimant
from tests.factories import ArticleFactory, ClaimantFactory, anchored_claim

LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def embedded(html: str) -> list[dict[str, Any]]:
    return [json.loads(block) for block in LD.findall(html)]


@pytest.fixture
def page_client() -> Client:
    return Client()


@pytest.fixture
def published(db: None, publish: Any) -> Any:
    article = ArticleFactory(
        url="https://news.example.org/budget", published_at="2025-03-27T08:00:00Z"
    )
    claim = anchored_claim(article=article, claimant=Claimant.objects.create(name="Dana Ortiz"))
    anchored_claim(article=article, span=(62, 116))  # unpublished: never shown
    return publish(claim)


def path_of(client: Client, claim: Any) -> str:
    response = client.get(f"/factchecks/{claim.pk}/")
    assert response.status_code == 301
    return str(response["Location"])


@pytest.mark.django_db
def test_a_fact_check_page_embeds_the_claimreview_the_api_serves(
    page_client: Client, anon: Any, published: Any
) -> None:
    path = path_of(page_client, published)
    response = page_client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    (document,) = embedded(response.content.decode())
    api = anon.get(f"/api/v1/claims/{published.pk}/claimreview/").json()
    assert document == api
    assert document["url"] == f"http://testserver{path}"
    html = response.content.decode()
    assert f'<link rel="canonical" href="http://testserver{path}">' in html
    assert f'<meta property="og:url" content="http://testserver{path}">' in html
    assert "Dana Ortiz" in html
    assert "Mostly true" in html


@pytest.mark.django_db
def test_the_claimreview_url_answers_html_with_the_same_document_under_a_public_url(
    page_client: Client, anon: Any, published: Any, settings: Any
) -> None:
    settings.FACTBASE_PUBLIC_URL = "https://checks.example.org"
    settings.FACTBASE_PUBLISHER = {"name": "Checks", "url": "https://checks.example.org/"}
    api = anon.get(f"/api/v1/claims/{published.pk}/claimreview/").json()
    assert api["url"].startswith("https://checks.example.org/factchecks/")
    assert api["url"].startswith(api["author"]["url"])
    page = page_client.get(api["url"].removeprefix("https://checks.example.org"))
    assert page.status_code == 200
    assert embedded(page.content.decode()) == [api]


@pytest.mark.django_db
def test_a_wrong_slug_redirects_to_the_right_one(page_client: Client, published: Any) -> None:
    path = path_of(page_client, published)
    wrong = page_client.get(f"/factchecks/{published.pk}/not-the-slug/")
    assert wrong.status_code == 301
    assert wrong["Location"] == path


@pytest.mark.django_db
def test_unpublished_claims_are_404(page_client: Client, published: Any) -> None:
    hidden = published.annotations.get().article.annotations.exclude(claim=published).get()
    assert page_client.get(f"/factchecks/{hidden.claim_id}/x/").status_code == 404
    assert page_client.get(f"/factchecks/{hidden.claim_id}/").status_code == 404
    assert page_client.get("/factchecks/999999/x/").status_code == 404
    index = page_client.get("/factchecks/").content.decode()
    assert f"/factchecks/{hidden.claim_id}/" not in index


HOSTILE = "Taxes </script><script>alert(1)</script> <!-- rose & fell"


@pytest.mark.django_db
def test_hostile_claim_text_cannot_break_out_of_the_json_ld(
    page_client: Client, publish: Any
) -> None:
    article = ArticleFactory(text=HOSTILE + " and more words after it.")
    claim = publish(anchored_claim(article=article, span=(0, len(HOSTILE)), text=HOSTILE))
    from factbase.models import Claim

    Claim.objects.filter(pk=claim.pk).update(claim_reviewed=HOSTILE)
    response = page_client.get(path_of(page_client, claim))
    html = response.content.decode()
    assert "<script>alert(1)" not in html
    assert html.count("<script") == 1  # only the JSON-LD block
    assert "<!--" not in html
    (document,) = embedded(html)
    assert document["claimReviewed"] == HOSTILE


@pytest.mark.django_db
def test_the_page_shows_evidence_with_stance_links_and_archived_copies(
    page_client: Client, editor: Any, reviewer: Any
) -> None:
    from factbase import services

    claim = anchored_claim()
    claim = review.claim_transition(claim=claim, actor=editor, action="start_review")
    services.evidence_add(
        claim=claim,
        actor=editor,
        url="https://stats.example.org/budget",
        stance="refutes",
        note="The budget office lists $11.8 million.",
        source_defaults={"title": "Budget 2025", "archived_url": "https://archive.example/b"},
    )
    claim = review.claim_transition(
        claim=claim, actor=editor, action="propose", verdict="false", summary="It was less."
    )
    claim = review.claim_transition(
        claim=claim, actor=reviewer, action="approve", expected_version=claim.version
    )
    html = page_client.get(path_of(page_client, claim)).content.decode()
    assert 'href="https://stats.example.org/budget"' in html
    assert 'href="https://archive.example/b"' in html
    assert "Refutes" in html
    assert "It was less." in html


@pytest.mark.django_db
def test_the_index_filters_searches_and_pages(page_client: Client, publish: Any) -> None:
    article = ArticleFactory(text="alpha beta gamma delta epsilon zeta eta theta iota kappa " * 3)
    ortiz = Claimant.objects.create(name="Dana Ortiz")
    claims = []
    for i in range(25):
        claim = anchored_claim(
            article=article,
            span=(i * 6, i * 6 + 5),
            text=f"Claim number {i} about {'rivers' if i % 5 == 0 else 'roads'}",
            claimant=ortiz if i % 2 else None,
        )
        claims.append(publish(claim, verdict="false" if i % 3 == 0 else "true"))
    first = page_client.get("/factchecks/").content.decode()
    ids = [int(x) for x in re.findall(r'href="/factchecks/(\d+)/', first)]
    newest = sorted(claims, key=lambda c: (c.published_at, c.pk), reverse=True)
    assert ids == [c.pk for c in newest[:20]]
    after = re.search(r'href="(\?[^"]*after=[^"]+)" rel="next"', first)
    assert after is not None
    second = page_client.get("/factchecks/" + after.group(1).replace("&amp;", "&")).content
    ids2 = [int(x) for x in re.findall(r'href="/factchecks/(\d+)/', second.decode())]
    assert ids2 == [c.pk for c in newest[20:]]

    false = page_client.get("/factchecks/", {"verdict": "false"}).content.decode()
    got = {int(x) for x in re.findall(r'href="/factchecks/(\d+)/', false)}
    assert got == {c.pk for c in claims if c.verdict == "false"}
    by = page_client.get("/factchecks/", {"claimant": ortiz.pk}).content.decode()
    got = {int(x) for x in re.findall(r'href="/factchecks/(\d+)/', by)}
    assert got == {c.pk for c in claims if c.claimant_id == ortiz.pk}
    found = page_client.get("/factchecks/", {"q": "rivers"}).content.decode()
    got = {int(x) for x in re.findall(r'href="/factchecks/(\d+)/', found)}
    assert got == {c.pk for i, c in enumerate(claims) if i % 5 == 0}


@pytest.mark.django_db
@pytest.mark.parametrize("count", [1, 15])
def test_index_and_page_query_counts_are_flat(
    page_client: Client, publish: Any, django_assert_num_queries: Any, count: int
) -> None:
    article = ArticleFactory(text="word " * 40)
    made = [publish(anchored_claim(article=article, span=(i * 5, i * 5 + 4))) for i in range(count)]
    # claims, their annotations with articles, their published versions, the claimants.
    with django_assert_num_queries(4):
        assert page_client.get("/factchecks/").status_code == 200
    path = path_of(page_client, made[0])
    # the claim, annotations, published versions, evidence with sources, public history.
    with django_assert_num_queries(5):
        assert page_client.get(path).status_code == 200


@pytest.mark.django_db
def test_the_atom_feed_and_the_sitemap_list_published_fact_checks(
    page_client: Client, published: Any
) -> None:
    path = path_of(page_client, published)
    feed = page_client.get("/factchecks/feed/")
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("application/atom+xml")
    atom = ET.fromstring(feed.content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    links = [e.get("href") for e in atom.findall("a:entry/a:link", ns)]
    assert links == [f"http://testserver{path}"]
    sitemap = page_client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    locs = [e.text for e in ET.fromstring(sitemap.content).iter() if e.tag.endswith("loc")]
    assert locs == [f"http://testserver{path}"]


@pytest.mark.django_db
def test_a_reopened_fact_check_stays_public_until_republished_with_a_correction(
    page_client: Client, anon: Any, published: Any, editor: Any, reviewer: Any, other_editor: Any
) -> None:
    from factbase import services

    path = path_of(page_client, published)
    before = embedded(page_client.get(path).content.decode())
    claim = review.claim_transition(
        claim=published, actor=reviewer, action="reopen", note="The council revised the figure."
    )
    claim = services.claim_update(
        claim=claim,
        actor=editor,
        expected_version=claim.version,
        changes={"text": "An edited claim the readers must not see yet."},
    )
    page = page_client.get(path)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Under review again" in html
    assert "The council revised the figure." in html
    assert "must not see yet" not in html
    assert embedded(html)[0]["reviewRating"] == before[0]["reviewRating"]

    claim = review.claim_transition(
        claim=claim, actor=editor, action="propose", verdict="false", summary="It was less."
    )
    review.claim_transition(
        claim=claim, actor=reviewer, action="approve", expected_version=claim.version
    )
    page = page_client.get(path_of(page_client, published))
    html = page.content.decode()
    assert "Under review again" not in html
    assert "Corrected: verdict changed from Mostly true to False; summary rewritten." in html
    assert "Reason: The council revised the figure." in html
    (document,) = embedded(html)
    assert document["reviewRating"]["alternateName"] == "False"
    (correction,) = document["correction"]
    assert correction["@type"] == "CorrectionComment"
    assert correction["text"] == (
        "Corrected: verdict changed from Mostly true to False; summary rewritten; "
        "claim reworded. Reason: The council revised the figure."
    )
    assert document == anon.get(f"/api/v1/claims/{published.pk}/claimreview/").json()


@pytest.fixture
def reopened_check(db: None, publish: Any, editor: Any, reviewer: Any) -> dict[str, Any]:
    """A fact-check published (false, by Dana Ortiz, about rivers), then reopened and
    reworked: its draft says true, by someone else, about roads."""
    from factbase import services

    article = ArticleFactory(text="alpha beta gamma delta epsilon zeta eta theta iota kappa " * 3)
    ortiz = Claimant.objects.create(name="Dana Ortiz")
    claim = anchored_claim(
        article=article, span=(0, 5), text="Claim zqpublishedriver about rivers", claimant=ortiz
    )
    claim = publish(claim, verdict="false")
    path = path_of(Client(), claim)
    other = publish(anchored_claim(article=article, span=(6, 10)), verdict="true")
    claim = review.claim_transition(claim=claim, actor=reviewer, action="reopen", note="Recheck.")
    drafted = ClaimantFactory(name="Zqdrafted Person")
    claim = services.claim_update(
        claim=claim,
        actor=editor,
        expected_version=claim.version,
        changes={"text": "Claim zqdraftroad about roads", "claimant": drafted},
    )
    claim = review.claim_transition(
        claim=claim, actor=editor, action="propose", verdict="true", summary="zqdraftsummary"
    )
    return {"claim": claim, "path": path, "other": other, "ortiz": ortiz, "drafted": drafted}


def listed(client: Client, params: dict[str, Any] | None = None) -> list[int]:
    html = client.get("/factchecks/", params or {}).content.decode()
    return [int(x) for x in re.findall(r'<h2 id="fc-\d+"><a href="/factchecks/(\d+)/', html)]


@pytest.mark.django_db
def test_a_reopened_fact_check_is_on_the_index_as_published_and_marked(
    page_client: Client, reopened_check: dict[str, Any]
) -> None:
    claim, other = reopened_check["claim"], reopened_check["other"]
    response = page_client.get("/factchecks/")
    html = response.content.decode()
    assert listed(page_client) == [other.pk, claim.pk]
    assert f'href="{reopened_check["path"]}"' in html  # the published slug
    assert "zqpublishedriver" in html
    assert "Dana Ortiz" in html
    for draft in ("zqdraftroad", "Zqdrafted Person", "zqdraftsummary"):
        assert draft not in html, draft
    (item,) = re.findall(
        rf'<li class="factcheck[^"]*">\s*<article aria-labelledby="fc-{claim.pk}".*?</li>',
        html,
        re.S,
    )
    assert "Under review again" in item
    (plain,) = re.findall(
        rf'<li class="factcheck[^"]*">\s*<article aria-labelledby="fc-{other.pk}".*?</li>',
        html,
        re.S,
    )
    assert "Under review again" not in plain


@pytest.mark.django_db
def test_the_index_filters_read_a_reopened_fact_checks_published_values(
    page_client: Client, reopened_check: dict[str, Any]
) -> None:
    claim, other = reopened_check["claim"].pk, reopened_check["other"].pk
    expected = {
        "verdict=false": [claim],
        "verdict=true": [other],
        f"claimant={reopened_check['ortiz'].pk}": [claim],
        f"claimant={reopened_check['drafted'].pk}": [],
        "q=zqpublishedriver": [claim],
        "q=rivers": [claim],
        "q=zqdraftroad": [],
    }
    for query, want in expected.items():
        key, _, value = query.partition("=")
        assert listed(page_client, {key: value}) == want, query
    html = page_client.get("/factchecks/").content.decode()
    options = re.findall(r'<option value="(\d+)"', html)
    assert options == [str(reopened_check["ortiz"].pk)]


@pytest.mark.django_db
def test_the_feed_and_the_sitemap_keep_a_reopened_fact_check_as_published(
    page_client: Client, reopened_check: dict[str, Any]
) -> None:
    claim = reopened_check["claim"]
    snapshot = claim.published_versions.order_by("-id").first()
    feed = page_client.get("/factchecks/feed/")
    atom = ET.fromstring(feed.content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = {
        e.find("a:link", ns).get("href"): e  # type: ignore[union-attr]
        for e in atom.findall("a:entry", ns)
    }
    url = f"http://testserver{reopened_check['path']}"
    assert set(entries) == {
        url,
        f"http://testserver{path_of(page_client, reopened_check['other'])}",
    }
    entry = entries[url]
    assert entry.findtext("a:title", namespaces=ns) == "False: Claim zqpublishedriver about rivers"
    assert entry.findtext("a:updated", namespaces=ns) == snapshot.published_at.isoformat()
    assert b"zqdraft" not in feed.content
    sitemap = page_client.get("/sitemap.xml")
    locs = [e.text for e in ET.fromstring(sitemap.content).iter() if e.tag.endswith("loc")]
    assert url in locs
    assert len(locs) == 2
    assert b"zqdraft" not in sitemap.content


@pytest.mark.django_db
def test_the_index_with_a_reopened_fact_check_costs_the_same_queries(
    page_client: Client, reopened_check: dict[str, Any], django_assert_num_queries: Any
) -> None:
    # claims, their annotations with articles, their published versions, the claimants.
    with django_assert_num_queries(4):
        assert page_client.get("/factchecks/").status_code == 200
    with django_assert_num_queries(4):
        assert page_client.get("/factchecks/", {"q": "rivers"}).status_code == 200
