"""The claims list as a competent team would write it from the DRF docs, for comparison.

ModelSerializers nested for the claimant and the annotations, select_related and
prefetch_related against N+1 queries, an annotated evidence count and DRF's own
CursorPagination (the docs' choice for large tables: no COUNT, stable pages). Same
rows, same fields and the same page envelope as /api/v1/claims/. Mounted only by
bench/urls.py (FACTBASE_URLCONF=bench.urls), never in production URLs.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from rest_framework import generics, pagination, serializers

from api.v1.views import ClaimList
from factbase.models import Annotation, Claim, Claimant


class ConventionalClaimantSerializer(serializers.ModelSerializer[Claimant]):
    class Meta:
        model = Claimant
        fields = ["id", "name", "kind"]


class ConventionalAnnotationSerializer(serializers.ModelSerializer[Annotation]):
    class Meta:
        model = Annotation
        fields = ["id", "article", "start", "end", "exact", "prefix", "suffix"]


class ConventionalClaimSerializer(serializers.ModelSerializer[Claim]):
    claimant = ConventionalClaimantSerializer(read_only=True)
    annotations = ConventionalAnnotationSerializer(many=True, read_only=True)
    evidence_count = serializers.IntegerField(read_only=True)
    verdict = serializers.SerializerMethodField()

    class Meta:
        model = Claim
        fields = [
            "id",
            "text",
            "claim_reviewed",
            "kind",
            "claimant",
            "status",
            "verdict",
            "verdict_summary",
            "checkworthiness",
            "detector",
            "annotations",
            "evidence_count",
            "version",
            "created_at",
            "updated_at",
            "published_at",
        ]

    def get_verdict(self, claim: Claim) -> str | None:
        return claim.verdict or None


class ConventionalPagination(pagination.CursorPagination):
    ordering = "-id"
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100


class ConventionalClaimList(generics.ListAPIView[Claim]):
    serializer_class = ConventionalClaimSerializer
    pagination_class = ConventionalPagination

    def get_queryset(self) -> QuerySet[Claim]:
        return (
            Claim.objects.filter(status="published")
            .select_related("claimant")
            .prefetch_related("annotations")
            .annotate(evidence_count=Count("evidence"))
        )


_pages: dict[str, bytes] = {}
_api_list = ClaimList.as_view()


def claims_as_bytes(request: HttpRequest) -> HttpResponse:
    """The API's own claims page, rendered once and then served as stored bytes: the limit."""
    key = request.META.get("QUERY_STRING", "")
    body = _pages.get(key)
    if body is None:
        response: Any = _api_list(request)
        response.render()
        body = _pages[key] = response.content
    return HttpResponse(body, content_type="application/json")
