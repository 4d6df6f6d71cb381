"""Readers' pages of published fact-checks: HTML views, the Atom feed and the sitemap.

A fact-check reopened for correction stays on all of them as last published (its
snapshot, factbase.publication), marked under review again on the index and its page.

The page of a fact-check embeds the very ClaimReview document the API serves
(api.v1.jsonld.claimreview, with the page's own absolute URL as its `url`).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from django.contrib.sitemaps import Sitemap
from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.utils.feedgenerator import Atom1Feed
from django.utils.safestring import SafeString, mark_safe

from api.v1 import jsonld
from factbase import publication
from factbase.models import VERDICT_RATING, Claim, Verdict
from factbase.pages import selectors
from factbase.web import public_url

# JSON inside <script>: "<", ">" and "&" as \u escapes, so no text of a claim can close
# the element or open a comment, and the JSON still parses to the same document.
_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def script_json(document: dict[str, Any]) -> SafeString:
    return mark_safe(json.dumps(document, ensure_ascii=False).translate(_SCRIPT_ESCAPES))


def claimreview_for(request: HttpRequest | None, claim: Claim) -> dict[str, Any]:
    articles = [annotation.article for annotation in claim.annotations.all()]
    url = public_url(jsonld.factcheck_path(claim), request)
    return jsonld.claimreview(claim, url=url, articles=articles)


def _cursor(value: str) -> tuple[datetime, int] | None:
    """A page cursor "<published_at ISO>~<id>"; anything else is no cursor."""
    stamp, _, pk = value.partition("~")
    try:
        return datetime.fromisoformat(stamp), int(pk)
    except ValueError:
        return None


def factcheck_list(request: HttpRequest) -> HttpResponse:
    verdict = request.GET.get("verdict", "")
    verdict = verdict if verdict in Verdict.values else ""
    claimant_raw = request.GET.get("claimant", "")
    claimant = int(claimant_raw) if claimant_raw.isdigit() and len(claimant_raw) < 18 else None
    query = request.GET.get("q", "")[:200].strip()
    claims = selectors.factcheck_list(verdict=verdict, claimant=claimant, query=query)
    cursor = _cursor(request.GET.get("after", ""))
    if cursor is not None:
        published, pk = cursor
        claims = claims.filter(Q(published_at__lt=published) | Q(published_at=published, id__lt=pk))
    page = list(claims[: selectors.PAGE_SIZE + 1])
    more = len(page) > selectors.PAGE_SIZE
    page = page[: selectors.PAGE_SIZE]
    next_url = None
    if more and page:
        last = page[-1]
        params = {
            k: v
            for k, v in (
                ("verdict", verdict),
                ("claimant", claimant_raw if claimant else ""),
                ("q", query),
            )
            if v
        }
        assert last.published_at is not None  # a constraint: published claims have a date
        params["after"] = f"{last.published_at.isoformat()}~{last.pk}"
        next_url = "?" + urlencode(params)
    rows = []
    for claim in page:
        readers_see, under_review = selectors.shown(claim)
        path = jsonld.factcheck_path(readers_see)
        rows.append((readers_see, path, selectors.first_article(readers_see), under_review))
    context = {
        "rows": rows,
        "verdicts": Verdict.choices,
        "verdict": verdict,
        "claimants": selectors.claimants_with_factchecks(),
        "claimant": claimant,
        "query": query,
        "next_url": next_url,
        "first_page": cursor is None,
        "canonical": public_url(request.path, request),
    }
    return render(request, "factchecks/list.html", context)


def factcheck_detail(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    claim = selectors.factcheck_detail(pk=pk)
    under_review = False
    if claim is not None:
        evidence = list(claim.evidence.all())
        history_of = claim
    else:
        found = selectors.reopened(pk=pk)
        if found is None:
            raise Http404("No published fact-check here.")
        history_of, snapshot = found
        claim, evidence = publication.as_published(history_of, snapshot)
        claim._prefetched_objects_cache = history_of._prefetched_objects_cache  # type: ignore[attr-defined]
        under_review = True
    path = jsonld.factcheck_path(claim)
    if request.path != path:
        return HttpResponsePermanentRedirect(path)
    review = claimreview_for(request, claim)
    annotation = selectors.first_article(claim)
    history = selectors.public_history(history_of)
    context = {
        "claim": claim,
        "claim_reviewed": review["claimReviewed"],
        "review": review,
        "jsonld": script_json(review),
        "article": annotation.article if annotation else None,
        "annotation": annotation,
        "verdict_label": Verdict(claim.verdict).label,
        "rating": VERDICT_RATING.get(claim.verdict),
        "scale": [(v, Verdict(v).label) for v in VERDICT_RATING],
        "evidence": evidence,
        "history": history,
        "under_review": under_review,
        "reopened": next((e for e in reversed(history) if e.kind == "reopened"), None),
        "canonical": review["url"],
    }
    return render(request, "factchecks/detail.html", context)


class FactcheckFeed(Feed):  # type: ignore[type-arg]
    """Atom feed of published fact-checks (reopened ones as last published), newest first."""

    feed_type = Atom1Feed
    title = "Fact-checks"
    subtitle = "Published fact-checks, newest first."

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def link(self) -> str:
        return public_url("/factchecks/", self.request)

    def items(self) -> list[Claim]:
        # Reopened fact-checks as last published (the title, summary and date readers see).
        return [selectors.shown(claim)[0] for claim in selectors.factcheck_list()[:50]]

    def item_title(self, item: Claim) -> str:
        return f"{Verdict(item.verdict).label}: {jsonld.claim_reviewed(item)}"

    def item_description(self, item: Claim) -> str:
        return item.verdict_summary

    def item_link(self, item: Claim) -> str:
        return public_url(jsonld.factcheck_path(item), self.request)

    def item_pubdate(self, item: Claim) -> datetime | None:
        return item.published_at

    def item_updateddate(self, item: Claim) -> datetime | None:
        return item.updated_at


class FactcheckSitemap(Sitemap):  # type: ignore[type-arg]
    changefreq = "weekly"

    def items(self) -> list[Claim]:
        # As readers see them: a reopened fact-check at its published address and date.
        return [selectors.shown(claim)[0] for claim in selectors.factcheck_list()]

    def location(self, item: Claim) -> str:
        return jsonld.factcheck_path(item)

    def lastmod(self, item: Claim) -> datetime:
        return item.updated_at
