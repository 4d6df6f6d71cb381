"""v1 resource views: HTTP only. Visibility lives in factbase.selectors, writes in factbase,
the claim's JSON in api/v1/representations.py, the standards views in api/v1/standards.py."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from api.conditional import (
    IF_MATCH,
    IF_MATCH_TRANSITION,
    IF_NONE_MATCH,
    etag_of,
    expected_version,
    not_modified,
    not_modified_response,
    with_etag,
)
from api.pagination import CursorPagination, Key
from api.permissions import DeskOrReadOnly, IsDesk
from api.v1 import examples, representations
from api.v1.filters import ClaimFilter, PublicClaimFilter
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
from factbase import readers, review, selectors, services
from factbase.ingest import article_from_fields, article_ingest
from factbase.models import (
    Article,
    Claim,
    Claimant,
    Evidence,
    ReviewAction,
    ReviewEvent,
    Source,
)

# Query parameters that filter the claim list; without any, the filter set is not built.
CLAIM_FILTERS = frozenset(ClaimFilter.base_filters)


def claimant_from(data: dict[str, Any] | None) -> Claimant | None:
    if not data:
        return None
    return services.claimant_resolve(name=data["name"], kind=data.get("kind"))


def claims_response(request: Request, body: Any, headers: dict[str, str] | None = None) -> Response:
    """Claim JSON as bytes when JSON was negotiated, else for the negotiated renderer."""
    renderer = getattr(request, "accepted_renderer", None)
    if renderer is not None and renderer.format == "json":
        return representations.RenderedResponse(representations.render(body), headers=headers)
    return Response(body, headers=headers)


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
        examples=examples.ARTICLE_CREATE,
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
        public = not selectors.is_desk(request.user)
        claims = (
            readers.article_claims_public(article=article)
            if public
            else selectors.article_claims(article=article, viewer=request.user)
        )
        context = {"claims": claims, "public": public}
        return Response(ArticleDetailSerializer(article, context=context).data)


# Claims --------------------------------------------------------------------------------


class PublicFilterBackend(DjangoFilterBackend):
    """The claim list's filters as public callers get them (api/v1/filters.py)."""

    def get_filterset_class(self, view: Any, queryset: Any = None) -> type[PublicClaimFilter]:
        return PublicClaimFilter


class PublicClaimPagination(CursorPagination):
    """Public callers' claim pages: by updated_at, a reopened claim sorts (and its cursor
    reads) where its last publication put it, not where the desk's draft edits would."""

    def _key(self, request: Request, view: Any) -> Key:
        key = super()._key(request, view)
        return Key("public_updated_at", key.descending) if key.field == "updated_at" else key


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
        public = not selectors.is_desk(request.user)
        paginator = PublicClaimPagination() if public else CursorPagination()
        params = request.query_params
        if CLAIM_FILTERS.intersection(params) or params.get("ordering", "-id") not in ("id", "-id"):
            if public:
                claims = PublicFilterBackend().filter_queryset(
                    request, readers.claims_public(), self
                )
            else:
                claims = self.filter_queryset(selectors.claims_visible(request.user))
            rows = paginator.paginate_queryset(representations.claim_rows(claims), request, self)
        else:
            rows = paginator.paginate_by_id(
                request,
                self,
                lambda window: representations.claim_rows_by_id(window, public=public),
            )
        body = {
            "next": paginator.get_next_link(),
            "previous": paginator.get_previous_link(),
            "results": representations.claims(rows, public=public),
        }
        return claims_response(request, body)

    @extend_schema(
        operation_id="claims_create",
        examples=examples.CLAIM_CREATE,
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
        body = representations.claim_of(claim)
        return with_etag(body, etag_of(body["version"]), status.HTTP_201_CREATED)


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
        pk = self.kwargs["pk"]
        if pk >= 2**63:
            raise Http404  # no 64-bit key is that large; SQLite can't even bind it
        public = not selectors.is_desk(request.user)
        if request.headers.get("If-None-Match"):
            # A current ETag is answered from the versions alone: one query, no rendering.
            etag = representations.claim_etag(pk, public=public)
            if etag is None:
                raise Http404
            if not_modified(request, etag):
                return not_modified_response(etag)
        row = representations.claim_row(pk, public=public)
        shown = representations.claims([row], public=public) if row is not None else []
        if not shown:
            raise Http404
        (body,) = shown
        etag = representations.etag_for(body, public=public)
        return claims_response(request, body, headers={"ETag": etag})

    @extend_schema(
        operation_id="claims_partial_update",
        examples=examples.CLAIM_UPDATE,
        parameters=[IF_MATCH],
        request=ClaimUpdateSerializer,
        responses={200: ClaimSerializer},
        description="Edit text, kind or claimant. Needs If-Match; logged in the history.",
    )
    def patch(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        claim = self.get_object()
        version = expected_version(request, current=claim.version)
        payload = ClaimUpdateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        changes = dict(payload.validated_data)
        if "claimant" in changes:
            changes["claimant"] = claimant_from(changes["claimant"])
        services.claim_update(
            claim=claim, actor=request.user, expected_version=version, changes=changes
        )
        body = representations.claim_of(claim)
        return with_etag(body, etag_of(body["version"]))


class ClaimTransition(generics.GenericAPIView[Claim]):
    """Move a claim along the review workflow (start_review, propose, approve, ...)."""

    serializer_class = ClaimTransitionSerializer
    permission_classes = [IsDesk]
    queryset = Claim.objects.none()

    def get_queryset(self) -> QuerySet[Claim]:
        return selectors.claim_list(viewer=self.request.user)

    @extend_schema(
        operation_id="claims_transition",
        examples=examples.CLAIM_TRANSITION,
        parameters=[IF_MATCH_TRANSITION],
        request=ClaimTransitionSerializer,
        responses={200: ClaimSerializer},
        description="`propose` needs verdict and summary; `dismiss`, `send_back` and "
        "`reopen` need a note (the reason); `approve` needs evidence and a second person. "
        "A transition the workflow does not allow from the claim's status is a 409.",
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        claim = self.get_object()
        payload = ClaimTransitionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        approving = payload.validated_data["action"] == ReviewAction.APPROVE
        version = expected_version(request, current=claim.version, exact=approving)
        review.claim_transition(
            claim=claim, actor=request.user, expected_version=version, **payload.validated_data
        )
        body = representations.claim_of(claim)
        return with_etag(body, etag_of(body["version"]))


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
    def public(self) -> bool:
        return not selectors.is_desk(self.request.user)

    @cached_property
    def claim(self) -> Claim:
        # Public callers also see a claim reopened for correction, with its evidence as
        # last published (factbase.readers.published_evidence).
        claims = (
            Claim.objects.filter(readers.public_filter())
            if self.public
            else selectors.claims_visible(self.request.user)
        )
        return get_object_or_404(claims, pk=self.kwargs["pk"])

    def get_queryset(self) -> QuerySet[Evidence]:
        return selectors.evidence_visible(self.request.user).filter(claim=self.claim)

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        claim = self.claim
        if not (self.public and readers.is_shown_as_published(claim.status)):
            return super().list(request, *args, **kwargs)
        snapshot = readers.latest_snapshot(claim)
        assert snapshot is not None  # public_filter: a reopened claim shown has one
        # The published evidence of one claim is one page (a fact-check cites a few).
        shown = readers.published_evidence(claim_id=claim.pk, snapshot=snapshot)
        results = EvidenceSerializer(shown, many=True).data
        return Response({"next": None, "previous": None, "results": results})

    @extend_schema(
        operation_id="claims_evidence_create",
        examples=examples.EVIDENCE_CREATE,
        request=EvidenceCreateSerializer,
        responses={201: EvidenceSerializer},
        description="Apply a source to the claim. The claim's version (its ETag) moves on.",
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        claim = self.claim
        payload = EvidenceCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        version = (
            expected_version(request, current=claim.version)
            if "If-Match" in request.headers
            else None
        )
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
        if not selectors.is_desk(request.user):
            return self._public_get(request)
        evidence = self.get_object()
        if not_modified(request, evidence.etag):
            return not_modified_response(evidence.etag)
        return with_etag(EvidenceSerializer(evidence).data, evidence.etag)

    def _public_get(self, request: Request) -> Response:
        """Evidence of a published claim as it is; of a reopened one, as last published
        (404 for an item only its draft has), with the ETag of that publication."""
        evidence = get_object_or_404(readers.evidence_public(), pk=self.kwargs["pk"])
        shown, etag = evidence, evidence.etag
        if readers.is_shown_as_published(evidence.claim.status):
            snapshot = readers.latest_snapshot(evidence.claim)
            assert snapshot is not None  # public_filter: a reopened claim shown has one
            published = readers.published_evidence(claim_id=evidence.claim_id, snapshot=snapshot)
            found = [item for item in published if item.pk == evidence.pk]
            if not found:
                raise Http404
            (shown,), etag = found, readers.evidence_etag(snapshot)
        if not_modified(request, etag):
            return not_modified_response(etag)
        return with_etag(EvidenceSerializer(shown).data, etag)

    @extend_schema(
        operation_id="evidence_partial_update",
        examples=examples.EVIDENCE_UPDATE,
        parameters=[IF_MATCH],
        request=EvidenceUpdateSerializer,
        responses={200: EvidenceSerializer},
    )
    def patch(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        evidence = self.get_object()
        version = expected_version(request, current=evidence.version)
        payload = EvidenceUpdateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        evidence = services.evidence_update(
            evidence=evidence,
            expected_version=version,
            changes=payload.validated_data,
            actor=request.user,
        )
        evidence = self.get_object()
        return with_etag(EvidenceSerializer(evidence).data, evidence.etag)

    @extend_schema(operation_id="evidence_destroy", parameters=[IF_MATCH], responses={204: None})
    def delete(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        evidence = self.get_object()
        version = expected_version(request, current=evidence.version)
        services.evidence_delete(evidence=evidence, expected_version=version, actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


# Lookups --------------------------------------------------------------------------------


class ClaimantList(generics.ListAPIView[Claimant]):
    """People and organisations claims are attributed to."""

    serializer_class = ClaimantDetailSerializer
    queryset = Claimant.objects.none()
    ordering = ("id",)

    def get_queryset(self) -> QuerySet[Claimant]:
        return selectors.claimants_visible(self.request.user)


class ClaimantDetail(generics.RetrieveAPIView[Claimant]):
    """One claimant; outside the desk, only one attributed a published claim."""

    serializer_class = ClaimantDetailSerializer
    queryset = Claimant.objects.none()

    def get_queryset(self) -> QuerySet[Claimant]:
        return selectors.claimants_visible(self.request.user)


class SourceList(generics.ListAPIView[Source]):
    """Evidence documents; outside the desk, those cited on published claims."""

    serializer_class = SourceSerializer
    queryset = Source.objects.none()

    def get_queryset(self) -> QuerySet[Source]:
        return selectors.sources_visible(self.request.user)


class SourceDetail(generics.RetrieveAPIView[Source]):
    """One evidence document; outside the desk, only one cited on a published claim."""

    serializer_class = SourceSerializer
    queryset = Source.objects.none()

    def get_queryset(self) -> QuerySet[Source]:
        return selectors.sources_visible(self.request.user)
