"""v1 views: HTTP only. Visibility lives in factbase.selectors, writes in factbase."""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from api.exceptions import PreconditionFailed, PreconditionRequired
from api.pagination import CursorPagination
from api.permissions import DeskOrReadOnly, IsDesk
from api.v1 import fastpath, jsonld
from api.v1.filters import ClaimFilter
from api.v1.serializers import (
    ArticleCreateSerializer,
    ArticleDetailSerializer,
    ArticleSerializer,
    ClaimantDetailSerializer,
    ClaimCreateSerializer,
    ClaimSerializer,
    ClaimTransitionSerializer,
    ClaimUpdateSerializer,
    EvidenceCreateSerializer,
    EvidenceSerializer,
    EvidenceUpdateSerializer,
    ReviewEventSerializer,
    SourceSerializer,
)
from factbase import review, selectors, services
from factbase.ingest import article_from_fields, article_ingest
from factbase.models import Annotation, Article, Claim, Claimant, Evidence, ReviewEvent, Source

ETAG = re.compile(r'^\s*(?:W/)?"(\d{1,18})"\s*$')

IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description="The ETag of the version you read; a stale one gets 412, none gets 428.",
)
IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description="An ETag you hold; if it is current the answer is 304 with no body.",
)


def expected_version(request: Request) -> int:
    """The version named by If-Match: 428 without one, 412 for one that is not ours."""
    header = request.headers.get("If-Match")
    if header is None:
        raise PreconditionRequired()
    match = ETAG.match(header)
    if match is None:
        raise PreconditionFailed('If-Match must be an ETag this API gave out, like "3".')
    return int(match.group(1))


def is_web_address(value: str) -> bool:
    try:
        URLValidator(schemes=["http", "https"])(value)
    except DjangoValidationError:
        return False
    return True


def not_modified(request: Request, etag: str) -> bool:
    header = request.headers.get("If-None-Match", "")
    return any(tag.strip() in (etag, "*", f"W/{etag}") for tag in header.split(","))


def with_etag(body: Any, etag: str, code: int = status.HTTP_200_OK) -> Response:
    return Response(body, status=code, headers={"ETag": etag})


def claimant_from(data: dict[str, Any] | None) -> Claimant | None:
    if not data:
        return None
    return services.claimant_resolve(name=data["name"], kind=data.get("kind"))


# Articles ------------------------------------------------------------------------------


class ArticleList(generics.ListCreateAPIView[Article]):
    """Articles, newest first. Editors POST an article to ingest it and detect its claims."""

    serializer_class = ArticleSerializer
    permission_classes = [DeskOrReadOnly]
    queryset = Article.objects.none()

    def get_queryset(self) -> QuerySet[Article]:
        return selectors.article_list()

    @extend_schema(
        operation_id="articles_create",
        request=ArticleCreateSerializer,
        responses={201: ArticleDetailSerializer, 200: ArticleDetailSerializer},
        description="Ingest one article: detection runs and the article comes back with its "
        "claims (201). Send its fields, or its web page as `html` (up to 10 MiB; fields "
        "given beside it win). The same article again (any form of the same URL, else the "
        "same text) is returned unchanged (200).",
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        payload = ArticleCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        result = article_ingest(data=article_from_fields(**payload.validated_data))
        claims = selectors.article_claims(article=result.article, viewer=request.user)
        body = ArticleDetailSerializer(result.article, context={"claims": claims}).data
        return Response(body, status=status.HTTP_201_CREATED if result.created else 200)


class ArticleDetail(generics.RetrieveAPIView[Article]):
    """One article with its full text and the claims in it that you may see."""

    serializer_class = ArticleDetailSerializer
    queryset = Article.objects.all()

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        article = self.get_object()
        claims = selectors.article_claims(article=article, viewer=request.user)
        return Response(ArticleDetailSerializer(article, context={"claims": claims}).data)


# Claims --------------------------------------------------------------------------------


class ClaimList(generics.ListCreateAPIView[Claim]):
    """Claims: published ones for everyone, all of them for the editorial desk.

    `q` searches claim text with the database's own full-text engine.
    """

    serializer_class = ClaimSerializer
    filterset_class = ClaimFilter
    permission_classes = [DeskOrReadOnly]
    queryset = Claim.objects.none()
    ordering = ("-id",)
    ordering_fields = ["id", "created_at", "updated_at", "published_at", "checkworthiness"]

    def get_queryset(self) -> QuerySet[Claim]:
        return selectors.claim_list(viewer=self.request.user)

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # JSON comes from rows (api/v1/fastpath.py); the browsable API from the serializer.
        return fastpath.claim_list(self, request) or super().list(request, *args, **kwargs)

    @extend_schema(
        operation_id="claims_create",
        request=ClaimCreateSerializer,
        responses={201: ClaimSerializer},
        description="Create a claim by hand, anchored to a span of an article's text.",
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        payload = ClaimCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        span = data["annotation"]
        article = Article.objects.filter(pk=span["article"]).first()
        if article is None:
            raise ValidationError({"annotation": {"article": "No such article."}})
        claim = services.claim_create(
            article=article,
            start=span["start"],
            end=span["end"],
            exact=span.get("exact"),
            text=data.get("text"),
            kind=data["kind"],
            claimant=claimant_from(data.get("claimant")),
            actor=request.user,
        )
        claim = selectors.claim_list(viewer=request.user).get(pk=claim.pk)
        return with_etag(ClaimSerializer(claim).data, claim.etag, status.HTTP_201_CREATED)


class ClaimDetail(generics.RetrieveUpdateAPIView[Claim]):
    """One claim, with an ETag from its version (If-None-Match gets 304)."""

    serializer_class = ClaimSerializer
    permission_classes = [DeskOrReadOnly]
    http_method_names = ["get", "patch", "head", "options"]
    queryset = Claim.objects.none()

    def get_queryset(self) -> QuerySet[Claim]:
        return selectors.claim_list(viewer=self.request.user)

    @extend_schema(parameters=[IF_NONE_MATCH], responses={200: ClaimSerializer, 304: None})
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        fast = fastpath.claim_detail(self, request)
        if fast is not None:
            return fast
        claim = self.get_object()
        if not_modified(request, claim.etag):
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": claim.etag})
        return with_etag(self.get_serializer(claim).data, claim.etag)

    @extend_schema(
        operation_id="claims_partial_update",
        parameters=[IF_MATCH],
        request=ClaimUpdateSerializer,
        responses={200: ClaimSerializer},
        description="Edit text, kind or claimant. Needs If-Match; logged in the history.",
    )
    def patch(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        claim = self.get_object()
        version = expected_version(request)
        payload = ClaimUpdateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        changes = dict(payload.validated_data)
        if "claimant" in changes:
            changes["claimant"] = claimant_from(changes["claimant"])
        services.claim_update(
            claim=claim, actor=request.user, expected_version=version, changes=changes
        )
        claim = self.get_object()
        return with_etag(ClaimSerializer(claim).data, claim.etag)


class ClaimTransition(generics.GenericAPIView[Claim]):
    """Move a claim along the review workflow (start_review, propose, approve, ...)."""

    serializer_class = ClaimTransitionSerializer
    permission_classes = [IsDesk]
    queryset = Claim.objects.none()

    def get_queryset(self) -> QuerySet[Claim]:
        return selectors.claim_list(viewer=self.request.user)

    @extend_schema(
        operation_id="claims_transition",
        parameters=[IF_MATCH],
        request=ClaimTransitionSerializer,
        responses={200: ClaimSerializer},
        description="`propose` needs verdict and summary; `dismiss`, `send_back` and "
        "`reopen` need a note (the reason); `approve` needs evidence and a second person. "
        "A transition the workflow does not allow from the claim's status is a 409.",
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        claim = self.get_object()
        version = expected_version(request)
        payload = ClaimTransitionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        review.claim_transition(
            claim=claim, actor=request.user, expected_version=version, **payload.validated_data
        )
        claim = self.get_object()
        return with_etag(ClaimSerializer(claim).data, claim.etag)


class ClaimHistory(generics.ListAPIView[ReviewEvent]):
    """The claim's workflow transitions and field edits, newest first (desk only)."""

    serializer_class = ReviewEventSerializer
    permission_classes = [IsDesk]
    ordering = ("-id",)
    queryset = ReviewEvent.objects.none()

    def get_queryset(self) -> QuerySet[ReviewEvent]:
        claim = get_object_or_404(selectors.claims_visible(self.request.user), pk=self.kwargs["pk"])
        return selectors.claim_history(claim=claim)


# Evidence -------------------------------------------------------------------------------


class ClaimEvidenceList(generics.ListCreateAPIView[Evidence]):
    """The evidence on a claim. Editors add a source by URL (found or created)."""

    serializer_class = EvidenceSerializer
    permission_classes = [DeskOrReadOnly]
    ordering = ("id",)
    queryset = Evidence.objects.none()

    @cached_property
    def claim(self) -> Claim:
        return get_object_or_404(selectors.claims_visible(self.request.user), pk=self.kwargs["pk"])

    def get_queryset(self) -> QuerySet[Evidence]:
        return selectors.evidence_visible(self.request.user).filter(claim=self.claim)

    @extend_schema(
        operation_id="claims_evidence_create",
        request=EvidenceCreateSerializer,
        responses={201: EvidenceSerializer},
        description="Apply a source to the claim. The claim's version (its ETag) moves on.",
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        claim = self.claim
        payload = EvidenceCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        version = expected_version(request) if "If-Match" in request.headers else None
        evidence = services.evidence_add(
            claim=claim,
            actor=request.user,
            url=data["url"],
            stance=data["stance"],
            excerpt=data["excerpt"],
            note=data["note"],
            source_defaults={
                k: data[k] for k in ("title", "publisher", "published_at", "archived_url")
            },
            expected_version=version,
        )
        return with_etag(EvidenceSerializer(evidence).data, evidence.etag, status.HTTP_201_CREATED)


class EvidenceDetail(generics.RetrieveUpdateDestroyAPIView[Evidence]):
    """One piece of evidence, with an ETag from its version."""

    serializer_class = EvidenceSerializer
    permission_classes = [DeskOrReadOnly]
    http_method_names = ["get", "patch", "delete", "head", "options"]
    queryset = Evidence.objects.none()

    def get_queryset(self) -> QuerySet[Evidence]:
        return selectors.evidence_visible(self.request.user)

    @extend_schema(parameters=[IF_NONE_MATCH], responses={200: EvidenceSerializer, 304: None})
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        evidence = self.get_object()
        if not_modified(request, evidence.etag):
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": evidence.etag})
        return with_etag(EvidenceSerializer(evidence).data, evidence.etag)

    @extend_schema(
        operation_id="evidence_partial_update",
        parameters=[IF_MATCH],
        request=EvidenceUpdateSerializer,
        responses={200: EvidenceSerializer},
    )
    def patch(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        evidence = self.get_object()
        version = expected_version(request)
        payload = EvidenceUpdateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        evidence = services.evidence_update(
            evidence=evidence, expected_version=version, changes=payload.validated_data
        )
        evidence = self.get_object()
        return with_etag(EvidenceSerializer(evidence).data, evidence.etag)

    @extend_schema(operation_id="evidence_destroy", parameters=[IF_MATCH], responses={204: None})
    def delete(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        evidence = self.get_object()
        services.evidence_delete(evidence=evidence, expected_version=expected_version(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


# Lookups --------------------------------------------------------------------------------


class ClaimantList(generics.ListAPIView[Claimant]):
    """People and organisations claims are attributed to."""

    serializer_class = ClaimantDetailSerializer
    queryset = Claimant.objects.all()
    ordering = ("id",)


class ClaimantDetail(generics.RetrieveAPIView[Claimant]):
    serializer_class = ClaimantDetailSerializer
    queryset = Claimant.objects.all()


class SourceList(generics.ListAPIView[Source]):
    """Evidence documents."""

    serializer_class = SourceSerializer
    queryset = Source.objects.all()


class SourceDetail(generics.RetrieveAPIView[Source]):
    serializer_class = SourceSerializer
    queryset = Source.objects.all()


# Standards outputs ----------------------------------------------------------------------


def claimreview_body(request: Request, claim: Claim) -> dict[str, Any]:
    url = request.build_absolute_uri(f"/api/v1/claims/{claim.pk}/")
    annotations = list(claim.annotations.all())
    article = annotations[0].article if annotations else None
    return jsonld.claimreview(claim, url=url, article=article)


class ClaimReviewDetail(generics.RetrieveAPIView[Claim]):
    """The schema.org ClaimReview of a published claim."""

    renderer_classes = [jsonld.JSONLDRenderer, JSONRenderer]
    queryset = Claim.objects.none()

    def get_queryset(self) -> QuerySet[Claim]:
        return selectors.claimreview_list()

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
        return selectors.claimreview_list()

    @extend_schema(
        operation_id="claimreview_list", responses={200: jsonld.ClaimReviewSerializer(many=True)}
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        assert page is not None
        return self.get_paginated_response([claimreview_body(request, c) for c in page])


URI_PARAM = OpenApiParameter(
    "uri",
    OpenApiTypes.URI,
    OpenApiParameter.QUERY,
    required=True,
    description="The address of the article page (its fragment is ignored).",
)


class WebAnnotationList(generics.GenericAPIView[Annotation]):
    """W3C Web Annotations (an AnnotationPage) of the published claims in the article at `uri`."""

    renderer_classes = [jsonld.W3CAnnotationRenderer, jsonld.JSONLDRenderer, JSONRenderer]
    pagination_class = type("AnnotationPagination", (CursorPagination,), {"page_size": 100})
    ordering = ("start",)
    queryset = Annotation.objects.none()

    @extend_schema(
        operation_id="annotations_list",
        parameters=[URI_PARAM],
        responses={200: jsonld.AnnotationPageSerializer},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        uri = request.query_params.get("uri", "").split("#", 1)[0].strip()
        if not uri:
            raise ValidationError({"uri": "The article's address is required."})
        if "\x00" in uri or len(uri) > 2000 or not is_web_address(uri):
            raise ValidationError({"uri": "An absolute http(s) address, like an article's URL."})
        page = self.paginate_queryset(selectors.published_annotations(uri=uri))
        assert page is not None
        assert self.paginator is not None
        items = [self._item(request, a, uri) for a in page]
        body = jsonld.annotation_page(
            items,
            url=request.build_absolute_uri(),
            next_url=self.paginator.get_next_link(),  # type: ignore[attr-defined]
            prev_url=self.paginator.get_previous_link(),  # type: ignore[attr-defined]
        )
        return Response(body)

    @staticmethod
    def _item(request: Request, annotation: Annotation, source: str) -> dict[str, Any]:
        return jsonld.web_annotation(
            annotation,
            url=request.build_absolute_uri(f"/api/v1/annotations/{annotation.pk}/"),
            claim_url=request.build_absolute_uri(f"/api/v1/claims/{annotation.claim_id}/"),
            source=source,
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
        annotation = self.get_object()
        source = annotation.article.url
        if not source:
            raise NotFound()
        body = WebAnnotationList._item(request, annotation, source)
        return Response({"@context": jsonld.W3C_CONTEXT, **body})
