"""v1 views: HTTP only. Visibility lives in factbase.selectors, writes in factbase."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response

from api.permissions import DeskOrReadOnly
from api.v1.filters import ClaimFilter
from api.v1.serializers import (
    ArticleCreateSerializer,
    ArticleDetailSerializer,
    ArticleSerializer,
    ClaimSerializer,
)
from factbase import selectors
from factbase.ingest import article_ingest, clean_article
from factbase.models import Article, Claim


def not_modified(request: Request, etag: str) -> bool:
    header = request.headers.get("If-None-Match", "")
    return any(tag.strip() in (etag, "*", f"W/{etag}") for tag in header.split(","))


class ArticleList(generics.ListCreateAPIView[Article]):
    """Articles, newest first. Editors POST an article to ingest it and detect its claims."""

    serializer_class = ArticleSerializer
    permission_classes = [DeskOrReadOnly]

    def get_queryset(self) -> QuerySet[Article]:
        return selectors.article_list()

    @extend_schema(
        operation_id="articles_create",
        request=ArticleCreateSerializer,
        responses={201: ArticleDetailSerializer},
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        payload = ArticleCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        result = article_ingest(data=clean_article(**payload.validated_data))
        claims = selectors.claim_list(viewer=request.user).filter(
            annotations__article=result.article
        ).order_by("annotations__start")
        body = ArticleDetailSerializer(
            result.article, context={"request": request, "claims": claims}
        ).data
        code = status.HTTP_201_CREATED if result.created else status.HTTP_200_OK
        return Response(body, status=code)


class ArticleDetail(generics.RetrieveAPIView[Article]):
    """One article with its full text and the claims found in it that you may see."""

    serializer_class = ArticleDetailSerializer
    queryset = Article.objects.all()

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        if "pk" in self.kwargs:
            context["claims"] = selectors.claim_list(viewer=self.request.user).filter(
                annotations__article_id=self.kwargs["pk"]
            ).order_by("annotations__start")
        return context


class ClaimList(generics.ListAPIView[Claim]):
    """Claims: published ones for everyone, all of them for the editorial desk."""

    serializer_class = ClaimSerializer
    filterset_class = ClaimFilter

    def get_queryset(self) -> QuerySet[Claim]:
        return selectors.claim_list(viewer=self.request.user)


class ClaimDetail(generics.RetrieveAPIView[Claim]):
    """One claim, with an ETag from its version (If-None-Match gets 304)."""

    serializer_class = ClaimSerializer

    def get_queryset(self) -> QuerySet[Claim]:
        return selectors.claim_list(viewer=self.request.user)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        claim = self.get_object()
        if not_modified(request, claim.etag):
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": claim.etag})
        return Response(self.get_serializer(claim).data, headers={"ETag": claim.etag})
