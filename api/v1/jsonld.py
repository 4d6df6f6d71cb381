"""Standards outputs: schema.org ClaimReview and W3C Web Annotations (JSON-LD).

Builders return plain dicts; the serializers below only describe those shapes for
the OpenAPI document (JSON-LD keys such as "@context" are not Python names).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.text import slugify
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer

from factbase.anchoring import text_quote_selector
from factbase.claimauthor import is_role_only, person_in_role
from factbase.models import VERDICT_RATING, Annotation, Article, Claim, ClaimantKind, Verdict
from factbase.shortclaim import short_claim

W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
SCHEMA_CONTEXT = "https://schema.org"


class JSONLDRenderer(JSONRenderer):
    media_type = "application/ld+json"
    format = "jsonld"


class W3CAnnotationRenderer(JSONRenderer):
    """The media type the Web Annotation Protocol gives annotation documents."""

    media_type = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'
    format = "jsonld"


def _iso(value: Any) -> str | None:
    return value.isoformat().replace("+00:00", "Z") if value else None


def _organization() -> dict[str, Any]:
    return {"@type": "Organization", **settings.FACTBASE_PUBLISHER}


def factcheck_path(claim: Claim) -> str:
    """The reader's page of a published claim: /factchecks/<id>/<slug>/."""
    return reverse("factcheck-detail", kwargs={"pk": claim.pk, "slug": factcheck_slug(claim)})


def factcheck_slug(claim: Claim) -> str:
    return slugify(claim_reviewed(claim))[:60].strip("-") or "fact-check"


def claim_reviewed(claim: Claim) -> str:
    """The short statement an editor set, else the default factbase.shortclaim gives."""
    return claim.claim_reviewed or short_claim(claim.text)


def claim_author(claim: Claim, article: Article | None) -> dict[str, Any] | None:
    """Who made the claim, as a named Person or Organization, never a bare role word.

    A claimant recorded as a role ("the minister") is the person the article names in
    that role ("Finance Minister Jane Doe"); failing that, the article's publisher.
    """
    claimant = claim.claimant
    if claimant is not None and not is_role_only(claimant.name):
        kind = "Person" if claimant.kind == ClaimantKind.PERSON else "Organization"
        return {"@type": kind, "name": claimant.name}
    if claimant is not None and article is not None:
        named = person_in_role(article.text, claimant.name)
        if named:
            return {"@type": "Person", "name": named}
    if article is not None and article.publisher:
        return {"@type": "Organization", "name": article.publisher}
    return None


def _appearance(article: Article) -> dict[str, Any]:
    appearance: dict[str, Any] = {"@type": "CreativeWork", "headline": article.title}
    if article.canonical_url or article.url:
        # The page's own canonical address, else the one it was ingested from.
        appearance["url"] = article.canonical_url or article.url
    if article.published_at:
        appearance["datePublished"] = _iso(article.published_at)
    if article.publisher:
        appearance["publisher"] = {"@type": "Organization", "name": article.publisher}
    return appearance


def claimreview(
    claim: Claim, *, url: str, articles: Sequence[Article], under_review: bool = False
) -> dict[str, Any]:
    """schema.org ClaimReview of a published claim (Google's fact-check markup fields).

    `url` is the reader's page of the fact-check (factcheck_path made absolute): the
    page, the API and the feed all carry this one document. `articles` are where the
    claim appeared, first appearance first (a repeat joined as the same claim adds one).
    """
    articles = list({a.pk: a for a in articles}.values())  # each once, in order
    article = articles[0] if articles else None
    label = Verdict(claim.verdict).label
    rating: dict[str, Any] = {"@type": "Rating", "name": label, "alternateName": label}
    if claim.verdict in VERDICT_RATING:
        rating.update(ratingValue=VERDICT_RATING[claim.verdict], bestRating=5, worstRating=1)
    if claim.verdict_summary:
        rating["ratingExplanation"] = claim.verdict_summary
    item: dict[str, Any] = {"@type": "Claim"}
    author = claim_author(claim, article)
    if author is not None:
        item["author"] = author
    if article is not None:
        if article.published_at:
            item["datePublished"] = _iso(article.published_at)
        item["appearance"] = [_appearance(a) for a in articles]
        item["firstAppearance"] = item["appearance"][0]
    review: dict[str, Any] = {
        "@context": SCHEMA_CONTEXT,
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": claim_reviewed(claim),
        "datePublished": _iso(claim.published_at),
        "author": _organization(),
        "reviewRating": rating,
        "reviewBody": claim.verdict_summary,
        "itemReviewed": item,
        # schema.org CreativeWork.license: what readers may do with the fact-check.
        "license": settings.FACTBASE_DATA_LICENSE["url"],
    }
    if claim.updated_at:
        review["dateModified"] = _iso(claim.updated_at)
    corrections = [
        {
            "@type": "CorrectionComment",
            "text": v.content["correction"]["text"],
            "datePublished": _iso(datetime.fromisoformat(v.content["correction"]["date"])),
        }
        for v in sorted(claim.published_versions.all(), key=lambda v: v.pk)
        if "correction" in v.content
    ]
    if corrections:
        review["correction"] = corrections
    if under_review:
        # schema.org creativeWorkStatus: the fact-check shown is the last published
        # version, and the desk is reviewing it again.
        review["creativeWorkStatus"] = "UnderReview"
    return review


def web_annotation(
    annotation: Annotation, *, url: str, claim_url: str, source: str
) -> dict[str, Any]:
    """One W3C Web Annotation: the verdict (body) on the claim's words (target)."""
    claim = annotation.claim
    verdict = Verdict(claim.verdict).label if claim.verdict else "Not yet rated"
    return {
        "id": url,
        "type": "Annotation",
        "motivation": "assessing",
        "created": _iso(claim.published_at),
        "modified": _iso(claim.updated_at),
        "creator": {"type": "Organization", "name": settings.FACTBASE_PUBLISHER["name"]},
        "body": [
            {
                "type": "TextualBody",
                "purpose": "assessing",
                "value": f"{verdict}: {claim.verdict_summary}"
                if claim.verdict_summary
                else verdict,
                "format": "text/plain",
            },
            # A purpose belongs on a SpecificResource, never on the linked resource itself.
            {
                "type": "SpecificResource",
                "purpose": "describing",
                "source": {"id": claim_url, "type": "Dataset", "format": "application/json"},
            },
        ],
        "target": {
            "source": source,
            "selector": [
                text_quote_selector(annotation),
                {"type": "TextPositionSelector", "start": annotation.start, "end": annotation.end},
            ],
        },
    }


def annotation_page(
    items: list[dict[str, Any]], *, url: str, next_url: str | None, prev_url: str | None
) -> dict[str, Any]:
    page: dict[str, Any] = {
        "@context": W3C_CONTEXT,
        "id": url,
        "type": "AnnotationPage",
        "items": items,
    }
    if next_url:
        page["next"] = next_url
    if prev_url:
        page["prev"] = prev_url
    return page


# Schema descriptions ------------------------------------------------------------------


def _ld(name: str, fields: Callable[[], dict[str, serializers.Field[Any, Any, Any, Any]]]) -> type:
    """A documentation-only serializer whose field names may start with '@'."""

    def get_fields(self: serializers.Serializer[Any]) -> dict[str, Any]:
        return fields()

    return type(name, (serializers.Serializer,), {"get_fields": get_fields})


def _s(**kwargs: Any) -> serializers.CharField:
    return serializers.CharField(**kwargs)


ThingSerializer = _ld(
    "ClaimReviewThing", lambda: {"@type": _s(), "name": _s(), "url": _s(required=False)}
)
RatingSerializer = _ld(
    "ClaimReviewRating",
    lambda: {
        "@type": _s(),
        "name": _s(),
        "alternateName": _s(),
        "ratingExplanation": _s(required=False),
        "ratingValue": serializers.IntegerField(required=False, min_value=1, max_value=5),
        "bestRating": serializers.IntegerField(required=False),
        "worstRating": serializers.IntegerField(required=False),
    },
)
AppearanceSerializer = _ld(
    "ClaimReviewAppearance",
    lambda: {
        "@type": _s(),
        "headline": _s(),
        "url": _s(required=False),
        "datePublished": _s(required=False),
        "publisher": ThingSerializer(required=False),
    },
)
ReviewedClaimSerializer = _ld(
    "ClaimReviewItem",
    lambda: {
        "@type": _s(),
        "author": ThingSerializer(required=False),
        "datePublished": _s(required=False),
        "appearance": AppearanceSerializer(many=True, required=False),
        "firstAppearance": AppearanceSerializer(required=False),
    },
)
CorrectionSerializer = _ld(
    "ClaimReviewCorrection", lambda: {"@type": _s(), "text": _s(), "datePublished": _s()}
)
ClaimReviewSerializer = _ld(
    "ClaimReview",
    lambda: {
        "@context": _s(),
        "@type": _s(),
        "url": _s(),
        "claimReviewed": _s(),
        "datePublished": _s(),
        "dateModified": _s(required=False),
        "correction": CorrectionSerializer(many=True, required=False),
        "creativeWorkStatus": _s(
            required=False, help_text="UnderReview: reopened, shown as last published."
        ),
        "author": ThingSerializer(),
        "reviewRating": RatingSerializer(),
        "reviewBody": _s(allow_blank=True),
        "itemReviewed": ReviewedClaimSerializer(),
        "license": _s(help_text="The licence of the published data (FACTBASE_DATA_LICENSE_URL)."),
    },
)


SelectorSerializer = _ld(
    "AnnotationSelector",
    lambda: {
        "type": _s(),
        "exact": _s(
            required=False,
            allow_blank=True,
            help_text="TextQuoteSelector: the claim's words, white space collapsed as on "
            "a web page. Clients anchoring on the publisher's page use the quote.",
        ),
        "prefix": _s(
            required=False,
            allow_blank=True,
            help_text="TextQuoteSelector: the words just before, from the same paragraph "
            "only, white space collapsed, at most 32 UTF-16 code units; left out when the "
            "quote starts its paragraph.",
        ),
        "suffix": _s(
            required=False,
            allow_blank=True,
            help_text="TextQuoteSelector: the words just after, from the same paragraph "
            "only, white space collapsed, at most 32 UTF-16 code units; left out when the "
            "quote ends its paragraph.",
        ),
        "start": serializers.IntegerField(
            required=False,
            help_text="TextPositionSelector: offset in Unicode code points into the "
            "article text this API serves (GET /api/v1/articles/{id}/, `text`), not into "
            "the publisher's page; anchor there with the TextQuoteSelector.",
        ),
        "end": serializers.IntegerField(
            required=False,
            help_text="TextPositionSelector: end offset (exclusive), in Unicode code "
            "points into the article text this API serves.",
        ),
    },
)
TargetSerializer = _ld(
    "AnnotationTarget", lambda: {"source": _s(), "selector": SelectorSerializer(many=True)}
)
LinkedResourceSerializer = _ld(
    "AnnotationLinkedResource", lambda: {"id": _s(), "type": _s(), "format": _s()}
)
BodySerializer = _ld(
    "AnnotationBody",
    lambda: {
        "type": _s(),
        "purpose": _s(),
        "format": _s(required=False),
        "value": _s(required=False),
        "source": LinkedResourceSerializer(required=False),
    },
)
CreatorSerializer = _ld("AnnotationCreator", lambda: {"type": _s(), "name": _s()})
WebAnnotationSerializer = _ld(
    "WebAnnotation",
    lambda: {
        "@context": _s(required=False),
        "id": _s(),
        "type": _s(),
        "motivation": _s(),
        "created": _s(allow_null=True),
        "modified": _s(),
        "creator": CreatorSerializer(),
        "body": BodySerializer(many=True),
        "target": TargetSerializer(),
    },
)
AnnotationPageSerializer = _ld(
    "AnnotationPage",
    lambda: {
        "@context": _s(),
        "id": _s(),
        "type": _s(),
        "items": WebAnnotationSerializer(many=True),
        "next": _s(required=False),
        "prev": _s(required=False),
    },
)
