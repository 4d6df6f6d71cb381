"""v1 representations. Output serializers describe what is served; input serializers
validate shape only and never save (writes go through factbase services)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from factbase.models import (
    Annotation,
    Article,
    Claim,
    Claimant,
    ClaimantKind,
    ClaimKind,
    ClaimStatus,
    Verdict,
)


class BlankAsNullChoiceField(serializers.ChoiceField):
    """A choice stored as '' when unset, served as null."""

    def to_representation(self, value: Any) -> Any:
        return value or None


class ClaimantSerializer(serializers.ModelSerializer[Claimant]):
    kind = serializers.ChoiceField(choices=ClaimantKind.choices, read_only=True)

    class Meta:
        model = Claimant
        fields = ["id", "name", "kind"]
        read_only_fields = fields


class AnnotationSerializer(serializers.ModelSerializer[Annotation]):
    class Meta:
        model = Annotation
        fields = ["id", "article", "start", "end", "exact", "prefix", "suffix"]
        read_only_fields = fields


class ClaimSerializer(serializers.ModelSerializer[Claim]):
    kind = serializers.ChoiceField(choices=ClaimKind.choices, read_only=True)
    status = serializers.ChoiceField(choices=ClaimStatus.choices, read_only=True)
    verdict = BlankAsNullChoiceField(choices=Verdict.choices, allow_null=True, read_only=True)
    verdict_summary = serializers.CharField(read_only=True)
    claimant = ClaimantSerializer(read_only=True, allow_null=True)
    annotations = AnnotationSerializer(many=True, read_only=True)
    evidence_count = serializers.IntegerField(read_only=True)
    checkworthiness = serializers.FloatField(read_only=True, allow_null=True)

    class Meta:
        model = Claim
        fields = [
            "id",
            "text",
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
        read_only_fields = fields


class ArticleSerializer(serializers.ModelSerializer[Article]):
    class Meta:
        model = Article
        fields = ["id", "url", "title", "publisher", "author", "published_at", "language",
                  "created_at"]
        read_only_fields = fields


class ArticleDetailSerializer(ArticleSerializer):
    claims = serializers.SerializerMethodField()

    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, "text", "text_sha256", "claims"]
        read_only_fields = fields

    @extend_schema_field(ClaimSerializer(many=True))
    def get_claims(self, article: Article) -> list[dict[str, Any]]:
        claims = self.context.get("claims")
        return ClaimSerializer(claims or [], many=True, context=self.context).data  # type: ignore[return-value]


class ArticleCreateSerializer(serializers.Serializer[Any]):
    title = serializers.CharField(max_length=500)
    text = serializers.CharField(max_length=1_000_000, trim_whitespace=False)
    url = serializers.URLField(max_length=2000, required=False, allow_null=True, allow_blank=True)
    publisher = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    author = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    published_at = serializers.DateTimeField(required=False, allow_null=True)
    language = serializers.CharField(max_length=16, required=False, default="en")

