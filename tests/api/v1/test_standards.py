"""ClaimReview and W3C Web Annotation output, checked against the specifications.

The W3C checks are the Web Annotation Working Group's own MUST assertions (JSON Schema
draft-04), vendored with their licence in tests/data/w3c-annotation and used as they are.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from factbase.models import Claimant
from tests.factories import ArticleFactory, anchored_claim

W3C = Path(__file__).parents[2] / "data" / "w3c-annotation"


@cache
def w3c_validators(musts: str) -> list[Draft4Validator]:
    registry: Registry = Registry()
    for definitions in W3C.glob("*.json"):
        resource = Resource.from_contents(json.loads(definitions.read_text()), DRAFT4)
        registry = registry.with_resource(definitions.name, resource)
    listing = json.loads((W3C / "tests" / musts).read_text())
    validators = []
    for assertion in listing["assertions"]:
        schema = json.loads((W3C / "tests" / assertion).read_text())
        validators.append(
            Draft4Validator(schema, registry=registry, format_checker=FormatChecker())
        )
    return validators


def w3c_failures(document: dict[str, Any], musts: str) -> list[str]:
    return [
        f"{v.schema['id']}: {v.schema.get('errorMessage', '')} ({e.message})"
        for v in w3c_validators(musts)
        for e in v.iter_errors(document)
    ]


@pytest.fixture
def published(db: None, publish: Any) -> Any:
    article = ArticleFactory(
        url="https://news.example.org/budget", published_at="2025-03-27T08:00:00Z"
    )
    claim = anchored_claim(article=article, claimant=Claimant.objects.create(name="Dana Ortiz"))
    anchored_claim(article=article, span=(62, 116))  # unpublished: must not show
    return publish(claim)


def test_the_w3c_suite_is_here_and_catches_a_broken_annotation() -> None:
    assert len(w3c_validators("annotations/annotationMusts.test")) >= 50
    assert len(w3c_validators("collections/pages/pageMusts.test")) == 15
    broken = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "Annotation",
        "id": "not a uri",
        "body": "x",
        "bodyValue": "y",
    }
    assert w3c_failures(broken, "annotations/annotationMusts.test")


@pytest.mark.django_db
def test_annotations_for_an_article_url_pass_the_w3c_musts(anon: Any, published: Any) -> None:
    response = anon.get("/api/v1/annotations/", {"uri": "https://news.example.org/budget"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    page = response.json()
    assert w3c_failures(page, "collections/pages/pageMusts.test") == []
    assert page["type"] == "AnnotationPage"
    (item,) = page["items"]
    # Items embedded in a page share the page's @context; checked as standalone documents.
    assert (
        w3c_failures({"@context": page["@context"], **item}, "annotations/annotationMusts.test")
        == []
    )
    assert item["motivation"] == "assessing"
    assert item["target"]["source"] == "https://news.example.org/budget"
    quote, position = item["target"]["selector"]
    article_text = published.annotations.get().article.text
    assert quote == {
        "type": "TextQuoteSelector",
        "exact": article_text[0:61],
        "suffix": article_text[61:93],
    }
    assert position == {"type": "TextPositionSelector", "start": 0, "end": 61}
    verdict, link = item["body"]
    assert verdict["value"].startswith("Mostly true")
    assert link["purpose"] == "describing"
    assert link["source"]["id"].endswith(f"/api/v1/claims/{published.pk}/")


@pytest.mark.django_db
def test_one_annotation_passes_the_w3c_musts(anon: Any, published: Any) -> None:
    annotation = published.annotations.get()
    response = anon.get(f"/api/v1/annotations/{annotation.pk}/")
    assert response.status_code == 200
    assert w3c_failures(response.json(), "annotations/annotationMusts.test") == []


@pytest.mark.django_db
def test_annotations_need_a_uri_and_hide_unknown_or_unpublished(anon: Any, published: Any) -> None:
    assert anon.get("/api/v1/annotations/").status_code == 400
    empty = anon.get("/api/v1/annotations/", {"uri": "https://elsewhere.example/"}).json()
    assert empty["items"] == []
    fragment = anon.get("/api/v1/annotations/", {"uri": "https://news.example.org/budget#top"})
    assert len(fragment.json()["items"]) == 1


@pytest.mark.django_db
def test_claimreview_fields(anon: Any, published: Any, settings: Any) -> None:
    response = anon.get(f"/api/v1/claims/{published.pk}/claimreview/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    review = response.json()
    assert review["@context"] == "https://schema.org"
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == published.text
    # The reader's page of the fact-check, not the JSON resource (issue 13).
    assert review["url"].startswith(f"http://testserver/factchecks/{published.pk}/")
    assert review["datePublished"] == published.published_at.isoformat().replace("+00:00", "Z")
    assert review["author"] == {"@type": "Organization", **settings.FACTBASE_PUBLISHER}
    assert review["reviewRating"] == {
        "@type": "Rating",
        "ratingValue": 4,
        "bestRating": 5,
        "worstRating": 1,
        "name": "Mostly true",
        "alternateName": "Mostly true",
        "ratingExplanation": "Checked.",
    }
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"] == {"@type": "Person", "name": "Dana Ortiz"}
    appearance = {
        "@type": "CreativeWork",
        "headline": published.annotations.get().article.title,
        "url": "https://news.example.org/budget",
        "datePublished": "2025-03-27T08:00:00Z",
        "publisher": {"@type": "Organization", "name": "Example News"},
    }
    assert item["appearance"] == [appearance]
    assert item["firstAppearance"] == appearance
    assert item["datePublished"] == "2025-03-27T08:00:00Z"


TERMS = json.loads(
    (Path(__file__).parents[2] / "data/schemaorg/claimreview-terms.json").read_text()
)


def unknown_terms(node: Any, kind: str) -> list[str]:
    """Keys of `node` (typed `kind`) and its children that schema.org does not define there."""
    if not isinstance(node, dict):
        return []
    kind = node.get("@type", kind)
    allowed = set(TERMS["types"][kind]) | {"@context", "@type"}
    found = [f"{kind}.{key}" for key in node if key not in allowed]
    children = {
        "itemReviewed": "Claim",
        "reviewRating": "Rating",
        "author": "Organization",
        "appearance": "CreativeWork",
        "firstAppearance": "CreativeWork",
        "publisher": "Organization",
        "correction": "CorrectionComment",
    }
    for key, child_kind in children.items():
        for child in node.get(key) if isinstance(node.get(key), list) else [node.get(key)]:
            found += unknown_terms(child, child_kind)
    return found


def google_coverage(review: dict[str, Any]) -> tuple[list[str], list[str]]:
    """(missing required, missing recommended) of Google's ClaimReview documentation."""
    google = TERMS["google"]
    nodes = {
        "ClaimReview": review,
        "ClaimReview.author": review.get("author", {}),
        "Claim": review.get("itemReviewed", {}),
        "Claim.author": review.get("itemReviewed", {}).get("author", {}),
        "Rating": review.get("reviewRating", {}),
    }
    required = [f"{n}.{p}" for n, d in nodes.items() for p in google[n]["required"] if p not in d]
    wanted = [f"{n}.{p}" for n, d in nodes.items() for p in google[n]["recommended"] if p not in d]
    return required, wanted


def test_the_vocabulary_check_catches_an_unknown_term() -> None:
    assert unknown_terms({"@type": "ClaimReview", "verdict": "x"}, "ClaimReview") == [
        "ClaimReview.verdict"
    ]
    assert google_coverage({"@type": "ClaimReview"})[0] == [
        "ClaimReview.claimReviewed",
        "ClaimReview.reviewRating",
        "ClaimReview.url",
        "Rating.alternateName",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("verdict", ["false", "unverifiable"])
def test_claimreview_has_every_google_property_and_only_schema_org_terms(
    anon: Any, publish: Any, verdict: str
) -> None:
    article = ArticleFactory(published_at="2025-03-27T08:00:00Z")
    claim = publish(anchored_claim(article=article, claimant=None), verdict=verdict)
    review = anon.get(f"/api/v1/claims/{claim.pk}/claimreview/").json()
    required, recommended = google_coverage(review)
    assert required == []
    expected = (
        []
        if verdict == "false"
        else ["Rating.bestRating", "Rating.ratingValue", "Rating.worstRating"]
    )
    assert recommended == expected
    assert unknown_terms(review, "ClaimReview") == []
    assert review["itemReviewed"]["author"] == {"@type": "Organization", "name": "Example News"}


@pytest.mark.django_db
def test_a_role_word_claimant_is_the_person_the_article_names_else_the_publisher(
    anon: Any, publish: Any
) -> None:
    text = "Finance Minister Jane Doe spoke on Monday. Taxes will fall by 3% next year."
    named = ArticleFactory(text=text)
    minister = Claimant.objects.create(name="minister")
    claim = publish(anchored_claim(article=named, span=(43, len(text)), claimant=minister))
    author = anon.get(f"/api/v1/claims/{claim.pk}/claimreview/").json()["itemReviewed"]["author"]
    assert author == {"@type": "Person", "name": "Jane Doe"}

    unnamed = ArticleFactory(text="The minister said taxes will fall by 3% next year.")
    claim = publish(anchored_claim(article=unnamed, span=(0, 50), claimant=minister))
    author = anon.get(f"/api/v1/claims/{claim.pk}/claimreview/").json()["itemReviewed"]["author"]
    assert author == {"@type": "Organization", "name": "Example News"}


@pytest.mark.django_db
def test_an_article_without_a_url_appears_by_name_and_publisher_only(
    anon: Any, publish: Any
) -> None:
    article = ArticleFactory(url=None, title="Budget day", publisher="Example News")
    claim = publish(anchored_claim(article=article))
    item = anon.get(f"/api/v1/claims/{claim.pk}/claimreview/").json()["itemReviewed"]
    assert item["appearance"] == [
        {
            "@type": "CreativeWork",
            "headline": "Budget day",
            "publisher": {"@type": "Organization", "name": "Example News"},
        }
    ]


@pytest.mark.django_db
def test_claimreview_of_a_verdict_off_the_scale_has_no_rating_value(
    anon: Any, publish: Any
) -> None:
    claim = publish(anchored_claim(), verdict="misleading")
    rating = anon.get(f"/api/v1/claims/{claim.pk}/claimreview/").json()["reviewRating"]
    assert rating == {
        "@type": "Rating",
        "name": "Misleading",
        "alternateName": "Misleading",
        "ratingExplanation": "Checked.",
    }


@pytest.mark.django_db
def test_claimreview_feed_lists_published_claims_only(
    anon: Any, client_for: Any, editor: Any, published: Any
) -> None:
    for client in (anon, client_for(editor)):
        body = client.get("/api/v1/claimreview/").json()
        assert [r["claimReviewed"] for r in body["results"]] == [published.text]
    unpublished = published.annotations.get().article.annotations.exclude(claim=published).get()
    assert anon.get(f"/api/v1/claims/{unpublished.claim_id}/claimreview/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("page_size", [1, 50])
def test_feed_and_annotation_query_counts_are_flat(
    anon: Any, publish: Any, django_assert_num_queries: Any, page_size: int
) -> None:
    article = ArticleFactory(url="https://news.example.org/many", text="word " * 40)
    for i in range(3):
        publish(anchored_claim(article=article, span=(i * 5, i * 5 + 4)))
    # claims, annotations with articles, published versions (for corrections).
    with django_assert_num_queries(3):
        assert anon.get("/api/v1/claimreview/", {"page_size": page_size}).status_code == 200
    anon.get("/api/v1/annotations/", {"uri": "https://warm.example.org/"})  # version cached
    with django_assert_num_queries(1):
        response = anon.get("/api/v1/annotations/", {"uri": article.url, "page_size": page_size})
    assert len(response.json()["items"]) == min(3, page_size)
