"""Claim matching and other fact-checkers' work: `matches/`, `claims/{id}/matches/`,
`external-factchecks/`.
"""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from api.permissions import IsDesk
from factbase import matching
from factbase.matching import desk
from factbase.models import Claim, ExternalFactCheck

# Where a match comes from: this desk's published work, or another publisher's.
ORIGINS = [("ours", "Ours"), ("external", "External")]


class ExternalFactCheckSerializer(serializers.ModelSerializer[ExternalFactCheck]):
    """A fact-check another organisation published (imported, read-only, never ours)."""

    publisher_url = serializers.SerializerMethodField()

    class Meta:
        model = ExternalFactCheck
        fields = [
            "id",
            "publisher",
            "publisher_url",
            "url",
            "identifier",
            "claim_reviewed",
            "title",
            "claimant",
            "rating",
            "published_at",
            "claim_date",
        ]
        read_only_fields = fields

    def get_publisher_url(self, obj: ExternalFactCheck) -> str | None:
        return obj.publisher_url or None


class MatchQuerySerializer(serializers.Serializer[Any]):
    text = serializers.CharField(max_length=2000, help_text="The claim to look up.")
    limit = serializers.IntegerField(
        min_value=1, max_value=matching.MAX_LIMIT, default=5, help_text="At most 20."
    )


class MatchSerializer(serializers.Serializer[Any]):
    """One fact-check that may check the same claim, in rank order."""

    origin = serializers.ChoiceField(
        choices=ORIGINS,
        help_text="`ours`: a claim of this desk; `external`: another publisher's fact-check.",
    )
    id = serializers.IntegerField(help_text="The claim's id (ours) or the external fact-check's.")
    claim = serializers.CharField(help_text="The claim as the fact-check states it.")
    claimant = serializers.CharField(allow_null=True)
    rating = serializers.CharField(
        allow_null=True, help_text="Our verdict, or the publisher's rating as given."
    )
    status = serializers.CharField(
        help_text="Our claim's workflow status; `published` if external."
    )
    publisher = serializers.CharField(allow_null=True)
    url = serializers.URLField(allow_null=True, help_text="The fact-check's own address.")
    score = serializers.FloatField(
        min_value=0, max_value=1, help_text="How likely this checks the same claim (0..1)."
    )
    match = serializers.BooleanField(help_text="True above the 'already checked' threshold.")


class MatchListSerializer(serializers.Serializer[Any]):
    text = serializers.CharField()
    results = MatchSerializer(many=True)


def represent(request: Request, found: matching.Match) -> dict[str, Any]:
    if found.external is not None:
        external = found.external
        return {
            "origin": "external",
            "id": external.pk,
            "claim": external.claim_reviewed,
            "claimant": external.claimant or None,
            "rating": external.rating or None,
            "status": "published",
            "publisher": external.publisher,
            "url": external.url,
            "score": found.score,
            "match": found.match,
        }
    claim = found.claim
    assert claim is not None
    return {
        "origin": "ours",
        "id": claim.pk,
        "claim": claim.text,
        "claimant": claim.claimant.name if claim.claimant else None,
        "rating": claim.verdict or None,
        "status": claim.status,
        "publisher": None,
        "url": request.build_absolute_uri(reverse("v1:claim-claimreview", args=[claim.pk])),
        "score": found.score,
        "match": found.match,
    }


class MatchList(generics.GenericAPIView[Any]):
    """Published fact-checks (ours and imported) that may check the claim in `text`."""

    permission_classes = [AllowAny]
    pagination_class = None
    serializer_class = MatchListSerializer

    @extend_schema(
        operation_id="matches_list",
        parameters=[MatchQuerySerializer],
        responses={200: MatchListSerializer},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        query = MatchQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        text, limit = query.validated_data["text"], query.validated_data["limit"]
        found = matching.find_matches(text, limit)
        return Response({"text": text, "results": [represent(request, m) for m in found]})


class ClaimMatchList(generics.GenericAPIView[Claim]):
    """For the desk: fact-checks (imported, ours published or in progress) of the same
    claim, as the claim page lists them (never the claim itself nor a pair decided on)."""

    permission_classes = [IsDesk]
    pagination_class = None
    serializer_class = MatchListSerializer
    queryset = Claim.objects.all()

    @extend_schema(operation_id="claims_matches", responses={200: MatchListSerializer})
    def get(self, request: Request, pk: int, *args: Any, **kwargs: Any) -> Response:
        claim = get_object_or_404(Claim, pk=pk)
        # The claim page's candidates: pairs an editor decided on are left out.
        found = [c.found for c in desk.claim_candidates(claim, 10)]
        return Response({"text": claim.text, "results": [represent(request, m) for m in found]})


class ExternalFactCheckList(generics.ListAPIView[ExternalFactCheck]):
    """Other fact-checkers' published fact-checks, imported for matching (read-only)."""

    serializer_class = ExternalFactCheckSerializer
    queryset = ExternalFactCheck.objects.all()
    ordering = ("id",)


class ExternalFactCheckDetail(generics.RetrieveAPIView[ExternalFactCheck]):
    """One fact-check another organisation published, as imported (read-only)."""

    serializer_class = ExternalFactCheckSerializer
    queryset = ExternalFactCheck.objects.all()
