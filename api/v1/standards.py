"""v1 views of the standards outputs: schema.org ClaimReview and W3C Web Annotations.

The documents themselves are built by api/v1/jsonld.py; these views find the published
claims and annotations (factbase.selectors) and give the builders absolute URLs.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.urls import get_script_prefix, reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from api.conditional import IF_NONE_MATCH, not_modified, not_modified_response, with_etag
from api.pagination import CursorPagination
from api.v1 import jsonld
from factbase import publication, selectors
from factbase.addresses import address_key
from factbase.models import Annotation, Claim, ClaimStatus
from factbase.web import public_url

URI_PARAM = OpenApiParameter(
    "uri",
    OpenApiTypes.URI,
    OpenApiParameter.QUERY,
    required=True,
    description="The address of the article page (its fragment is ignored).",
)


def is_web_address(value: str) -> bool:
    try:
        URLValidator(schemes=["http", "https"])(value)
    except DjangoValidationError:
        return False
    return True


def claim_url(request: Request, pk: int) -> str:
    return public_url(reverse("v1:claim-detail", kwargs={"pk": pk}), request)


def claimreview_body(request: Request, claim: Claim) -> dict[str, Any]:
    articles = [annotation.article for annotation in claim.annotations.all()]
    # A reopened fact-check is shown as last published (its latest snapshot, prefetched).
    under_review = claim.status != ClaimStatus.PUBLISHED
    if under_review:
        versions = sorted(claim.published_versions.all(), key=lambda v: v.pk)
        claim = publication.shown_to_readers(claim, versions[-1] if versions else None)
    # ClaimReview's url is the readers' page of the fact-check (factbase/pages).
    url = public_url(jsonld.factcheck_path(claim), request)
    return jsonld.claimreview(claim, url=url, articles=articles, under_review=under_review)


def shown_annotations(annotations: list[Annotation]) -> list[Annotation]:
    """`annotations` with reopened claims replaced by their published version (one query,
    only when the page holds a reopened claim)."""
    reopened = [a.claim_id for a in annotations if a.claim.status != ClaimStatus.PUBLISHED]
    snapshots = selectors.latest_snapshots(claim_ids=reopened)
    for annotation in annotations:
        if annotation.claim_id in snapshots:
            annotation.claim = publication.shown_to_readers(
                annotation.claim, snapshots[annotation.claim_id]
            )
    return annotations


def web_annotation_body(request: Request, annotation: Annotation, source: str) -> dict[str, Any]:
    return jsonld.web_annotation(
        annotation,
        url=public_url(reverse("v1:annotation-detail", kwargs={"pk": annotation.pk}), request),
        claim_url=claim_url(request, annotation.claim_id),
        source=source,
    )


_PK = 987654321  # a stand-in pk: reverse() once per route, not twice per annotation
_ROUTES: dict[tuple[str, str], tuple[str, str]] = {}


def url_maker(request: HttpRequest, name: str) -> Callable[[int], str]:
    """pk -> the public URL of route `name` for that pk, what
    public_url(reverse(name, kwargs={"pk": pk}), request) gives, with reverse() once per
    route and script prefix and public_url() once per page."""
    route = (name, get_script_prefix())
    parts = _ROUTES.get(route)
    if parts is None:
        head, tail = reverse(name, kwargs={"pk": _PK}).rsplit(str(_PK), 1)
        parts = _ROUTES[route] = (head, tail)
    head = public_url(parts[0], request)
    tail = parts[1]
    return lambda pk: f"{head}{pk}{tail}"


class AnyAcceptedNegotiation(DefaultContentNegotiation):
    """DRF's content negotiation, remembered for the common case: no Accept header or
    `*/*` (what fetch() and extensions send) gets what DRF chose the first time for the
    same renderers, without parsing the header again."""

    _chosen: ClassVar[dict[tuple[type[BaseRenderer], ...], tuple[int, str]]] = {}

    def select_renderer(
        self, request: Request, renderers: Iterable[BaseRenderer], format_suffix: str | None = None
    ) -> tuple[BaseRenderer, str]:
        renderers = list(renderers)
        if request.META.get("HTTP_ACCEPT", "*/*") != "*/*" or format_suffix:
            answer: tuple[BaseRenderer, str] = super().select_renderer(
                request, renderers, format_suffix
            )
            return answer
        kinds = tuple(type(r) for r in renderers)
        known = self._chosen.get(kinds)
        if known is None:
            renderer, media_type = super().select_renderer(request, renderers, format_suffix)
            known = self._chosen[kinds] = (renderers.index(renderer), media_type)
        return renderers[known[0]], known[1]


class ClaimReviewDetail(generics.RetrieveAPIView[Claim]):
    """The schema.org ClaimReview of a published claim."""

    renderer_classes = [jsonld.JSONLDRenderer, JSONRenderer]
    queryset = Claim.objects.none()

    def get_queryset(self) -> QuerySet[Claim]:
        return selectors.claimreviews_public()

    @extend_schema(operation_id="claims_claimreview", responses={200: jsonld.ClaimReviewSerializer})
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        claim = self.get_object()
        return Response(claimreview_body(request, claim))


class ClaimReviewFeed(generics.ListAPIView[Claim]):
    """Every published fact-check as schema.org ClaimReview, newest first."""

    renderer_classes = [jsonld.JSONLDRenderer, JSONRenderer]
    ordering = ("-published_at",)
    queryset = Claim.objects.none()

    def get_queryset(self) -> QuerySet[Claim]:
        return selectors.claimreviews_public()

    @extend_schema(
        operation_id="claimreview_list", responses={200: jsonld.ClaimReviewSerializer(many=True)}
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        assert page is not None
        return self.get_paginated_response([claimreview_body(request, c) for c in page])


class AnnotationPagination(CursorPagination):
    page_size = 100


CURSOR_PARAM = OpenApiParameter(
    "cursor",
    OpenApiTypes.STR,
    OpenApiParameter.QUERY,
    required=False,
    description="Where the page starts: from the `next` or `prev` link of an AnnotationPage.",
)


def annotation_page_etag(request: HttpRequest, *, version: int, media_type: str) -> str:
    """The annotation page's ETag, computed without a query: the publication version
    (factbase.publication) and a digest of the path with its query (the address, whose
    normalised key picks the article, in the spelling the page's `id` repeats; `cursor`
    and `page_size`, which choose the rows), the host and settings the URLs and creator
    are built from, and the media type."""
    parts = (
        request.get_full_path(),
        settings.FACTBASE_PUBLIC_URL or request.get_host(),
        request.scheme or "",
        settings.FACTBASE_PUBLISHER["name"],
        media_type,
    )
    digest = hashlib.blake2b("\n".join(parts).encode(), digest_size=12).hexdigest()
    return f'"{version}-{digest}"'


PAGE_CACHE_PREFIX = "factbase:annotation-page:"


class WebAnnotationList(generics.GenericAPIView[Annotation]):
    """W3C Web Annotations (an AnnotationPage) of the published claims in the article at `uri`.

    Asked by extensions on every page a reader opens, so it is lean: the first page (no
    `cursor`, no `page_size`) is one query of fixed SQL (selectors.published_annotations_at),
    and the answer carries an ETag from the publication version, so a current
    If-None-Match is a 304 with no query while the version is cached (factbase.publication:
    at most FACTBASE_PUBLIC_MAX_AGE seconds, the max-age anonymous callers get). The
    anonymous path (`lean_answer`) keeps a page with fact-checks under its ETag for as
    long, so the other readers of a checked article cost no query either.
    """

    renderer_classes = [jsonld.W3CAnnotationRenderer, jsonld.JSONLDRenderer, JSONRenderer]
    content_negotiation_class = AnyAcceptedNegotiation
    pagination_class = AnnotationPagination
    ordering = ("start",)
    queryset = Annotation.objects.none()

    # Off in tests that compare the two paths.
    lean_dispatch = True

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        """The first page for an anonymous caller that accepts anything is answered before
        DRF's dispatch: the same throttles are asked, the same renderer renders the same
        body with the same headers (tests/api/v1/test_annotations_etag.py compares the
        two paths byte for byte). Anything else (credentials, an Accept header, a cursor,
        a bad `uri`, a throttled caller, an error) goes through DRF as before."""
        if self.lean_dispatch:
            answer = self.lean_answer(request)
            if answer is not None:
                return answer
        return super().dispatch(request, *args, **kwargs)

    def lean_answer(self, request: HttpRequest) -> HttpResponseBase | None:
        meta = request.META
        if (
            request.method != "GET"
            or meta.get("HTTP_AUTHORIZATION")
            or request.COOKIES
            or meta.get("HTTP_ACCEPT", "*/*") != "*/*"
            or getattr(request, "_force_auth_user", None) is not None
        ):
            return None
        renderers = tuple(self.renderer_classes)
        chosen = AnyAcceptedNegotiation._chosen.get(renderers)
        if chosen is None or request.GET.keys() != {"uri"} or len(request.GET.getlist("uri")) != 1:
            return None
        uri = request.GET["uri"].split("#", 1)[0].strip()
        if not uri or "\x00" in uri or len(uri) > 2000 or not is_web_address(uri):
            return None
        self.request = drf_request = Request(request)
        drf_request.user, drf_request.auth = AnonymousUser(), None
        if settings.FACTBASE_THROTTLING and not all(
            throttle.allow_request(drf_request, self) for throttle in self.get_throttles()
        ):
            return None  # DRF's dispatch asks again and answers 429 as it does
        index, media_type = chosen
        version = publication.public_version()
        etag = annotation_page_etag(request, version=version, media_type=media_type)
        if not_modified(request, etag):
            response = HttpResponse(status=304)
            del response["Content-Type"]  # no body, no type (as DRF answers it)
        else:
            # The ETag names the body (version, address, host, media type): a page with
            # fact-checks, asked by every reader of that article, is rendered once per
            # version and kept as long as the version may be (empty pages are not kept:
            # they cost one probe, and every unknown address would take a slot).
            page_key = f"{PAGE_CACHE_PREFIX}{etag}"
            content = cache.get(page_key)
            if content is None:
                try:
                    key: str | None = address_key(uri)
                except ValueError:
                    key = None
                body = self.page(request, uri, key)
                content = renderers[index]().render(body, media_type, {})
                if body["items"]:
                    cache.set(page_key, content, timeout=settings.FACTBASE_PUBLIC_MAX_AGE)
            response = HttpResponse(content, content_type=media_type)
        response["ETag"] = etag
        for header, value in self.default_response_headers.items():
            response[header] = value
        return response

    def perform_authentication(self, request: Request) -> None:
        """A request with no Authorization header and no cookie is anonymous whatever the
        authenticators say (bearer needs the header, session the cookie): say so without
        asking them. Throttles then count it as the anonymous caller it is."""
        if request.META.get("HTTP_AUTHORIZATION") or request.COOKIES:
            super().perform_authentication(request)
            return
        request.user = AnonymousUser()
        request.auth = None

    @extend_schema(
        operation_id="annotations_list",
        parameters=[URI_PARAM, CURSOR_PARAM, IF_NONE_MATCH],
        responses={200: jsonld.AnnotationPageSerializer, 304: None},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        uri = request.query_params.get("uri", "").split("#", 1)[0].strip()
        if not uri:
            raise ValidationError({"uri": "The article's address is required."})
        if "\x00" in uri or len(uri) > 2000 or not is_web_address(uri):
            raise ValidationError({"uri": "An absolute http(s) address, like an article's URL."})
        # The version before the rows, never after (see publication.public_version).
        version = publication.public_version()
        etag = annotation_page_etag(
            request._request, version=version, media_type=request.accepted_media_type or ""
        )
        if not_modified(request, etag):
            return not_modified_response(etag)
        try:
            key: str | None = address_key(uri)
        except ValueError:
            key = None
        return with_etag(self.page(request._request, uri, key), etag)

    def page(self, request: HttpRequest, uri: str, key: str | None) -> dict[str, Any]:
        page_size = AnnotationPagination.page_size
        first_page = request.GET.keys() <= {"uri"}
        if key is None:
            annotations: list[Annotation] = []
            next_url = prev_url = None
        elif (
            first_page
            and len(rows := selectors.published_annotations_at(key, limit=page_size + 1))
            <= page_size
        ):
            annotations, next_url, prev_url = rows, None, None
        else:
            paginator = AnnotationPagination()
            rows = paginator.paginate_queryset(
                selectors.published_annotations(uri=uri), self.request, self
            )
            annotations = list(rows)
            next_url, prev_url = paginator.get_next_link(), paginator.get_previous_link()
        items: list[dict[str, Any]] = []
        if annotations:  # an empty page (almost every page view) reverses no route
            annotation_url = url_maker(request, "v1:annotation-detail")
            claim_url_of = url_maker(request, "v1:claim-detail")
            items = [
                jsonld.web_annotation(
                    a,
                    url=annotation_url(a.pk),
                    claim_url=claim_url_of(a.claim_id),
                    source=a.article.canonical_url or uri,
                )
                for a in shown_annotations(annotations)
            ]
        return jsonld.annotation_page(
            items,
            url=public_url(request.get_full_path(), request),
            next_url=next_url,
            prev_url=prev_url,
        )


class WebAnnotationDetail(generics.RetrieveAPIView[Annotation]):
    """One W3C Web Annotation of a published claim."""

    renderer_classes = [jsonld.W3CAnnotationRenderer, jsonld.JSONLDRenderer, JSONRenderer]
    queryset = Annotation.objects.none()

    def get_queryset(self) -> QuerySet[Annotation]:
        return selectors.published_annotations(uri=None)

    @extend_schema(
        operation_id="annotations_retrieve", responses={200: jsonld.WebAnnotationSerializer}
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        annotation = shown_annotations([self.get_object()])[0]
        source = annotation.article.canonical_url or annotation.article.url
        if not source:
            raise NotFound()
        body = web_annotation_body(request, annotation, source)
        return Response({"@context": jsonld.W3C_CONTEXT, **body})
