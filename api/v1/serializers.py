"""v1 shapes. Output serializers describe what is served (for the schema and the browsable
API's forms); the claim's JSON itself comes from api/v1/representations.py. Input
serializers validate shape only and never save (writes go through factbase services)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.parsers import HTML_BODY_LIMIT
from api.v1 import representations
from factbase.models import (
    Annotation,
    Article,
    Claim,
    Claimant,
    ClaimantKind,
    ClaimKind,
    ClaimStatus,
    Evidence,
    ReviewAction,
    ReviewEvent,
    Source,
    Stance,
    Verdict,
)
from factbase.review import WORKFLOW_ACTION_CHOICES


class BlankAsNullChoiceField(serializers.ChoiceField):
    """A choice stored as '' when unset, served as null."""

    def to_representation(self, value: Any) -> Any:
        return value or None


class StrictCharField(serializers.CharField):
    """Text, and only text: no numbers taken for strings, no NUL (PostgreSQL cannot store
    it), no lone surrogates (not Unicode text at all)."""

    default_error_messages = {
        "nul": "NUL characters are not allowed.",
        "not_text": "Must be a JSON string.",
        "surrogate": "Must be valid Unicode text (a lone surrogate is not).",
    }

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("not_text")
        try:
            data.encode("utf-8")
        except UnicodeEncodeError:
            self.fail("surrogate")
        value = super().to_internal_value(data)
        if "\x00" in value:
            self.fail("nul")
        return value


# Lookups ------------------------------------------------------------------------------


class ClaimantSerializer(serializers.ModelSerializer[Claimant]):
    kind = serializers.ChoiceField(choices=ClaimantKind.choices, read_only=True)

    class Meta:
        model = Claimant
        fields = ["id", "name", "kind"]
        read_only_fields = fields


class ClaimantDetailSerializer(ClaimantSerializer):
    class Meta(ClaimantSerializer.Meta):
        fields = [*ClaimantSerializer.Meta.fields, "description", "aliases"]
        read_only_fields = fields


class BlankAsNullURLField(serializers.URLField):
    """An optional URL stored as '' when unset, served as null."""

    def to_representation(self, value: Any) -> Any:
        return value or None


class SourceSerializer(serializers.ModelSerializer[Source]):
    archived_url = BlankAsNullURLField(read_only=True, allow_null=True)

    class Meta:
        model = Source
        fields = ["id", "url", "title", "publisher", "published_at", "archived_url"]
        read_only_fields = fields


# Claims -------------------------------------------------------------------------------


class AnnotationSerializer(serializers.ModelSerializer[Annotation]):
    class Meta:
        model = Annotation
        fields = ["id", "article", "start", "end", "exact", "prefix", "suffix"]
        read_only_fields = fields


class ClaimSerializer(serializers.ModelSerializer[Claim]):
    """The shape of representations.claims(), for the schema and the browsable API's forms."""

    kind = serializers.ChoiceField(choices=ClaimKind.choices, read_only=True)
    status = serializers.ChoiceField(choices=ClaimStatus.choices, read_only=True)
    verdict = BlankAsNullChoiceField(choices=Verdict.choices, allow_null=True, read_only=True)
    claimant = ClaimantSerializer(read_only=True, allow_null=True)
    annotations = AnnotationSerializer(many=True, read_only=True)
    evidence_count = serializers.IntegerField(read_only=True)
    checkworthiness = serializers.FloatField(read_only=True, allow_null=True)

    class Meta:
        model = Claim
        fields = list(representations.CLAIM_FIELDS)
        read_only_fields = fields


class ClaimantInputSerializer(serializers.Serializer[Any]):
    name = StrictCharField(max_length=200)
    kind = serializers.ChoiceField(choices=ClaimantKind.choices, default=ClaimantKind.PERSON)


class AnnotationInputSerializer(serializers.Serializer[Any]):
    article = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    start = serializers.IntegerField(min_value=0, max_value=2**31 - 1)
    end = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    exact = StrictCharField(required=False, trim_whitespace=False, max_length=100_000)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["start"] >= attrs["end"]:
            raise serializers.ValidationError({"end": "end must be greater than start."})
        return attrs


class ClaimCreateSerializer(serializers.Serializer[Any]):
    annotation = AnnotationInputSerializer()
    text = StrictCharField(required=False, max_length=10_000)
    kind = serializers.ChoiceField(choices=ClaimKind.choices, default=ClaimKind.OTHER)
    claimant = ClaimantInputSerializer(required=False, allow_null=True)


class ClaimUpdateSerializer(serializers.Serializer[Any]):
    text = StrictCharField(required=False, max_length=10_000)
    kind = serializers.ChoiceField(choices=ClaimKind.choices, required=False)
    claimant = ClaimantInputSerializer(required=False, allow_null=True)


class ClaimTransitionSerializer(serializers.Serializer[Any]):
    action = serializers.ChoiceField(choices=WORKFLOW_ACTION_CHOICES)
    verdict = serializers.ChoiceField(choices=Verdict.choices, required=False)
    summary = StrictCharField(required=False, max_length=10_000)
    note = StrictCharField(required=False, allow_blank=True, max_length=10_000, default="")


class ReviewEventSerializer(serializers.ModelSerializer[ReviewEvent]):
    # The name as it was when they acted: renaming a user rewrites no history.
    actor = serializers.CharField(source="actor_username", read_only=True, allow_null=True)
    action = serializers.ChoiceField(choices=ReviewAction.choices, read_only=True)
    from_status = serializers.ChoiceField(choices=ClaimStatus.choices, read_only=True)
    to_status = serializers.ChoiceField(choices=ClaimStatus.choices, read_only=True)
    from_verdict = BlankAsNullChoiceField(choices=Verdict.choices, allow_null=True, read_only=True)
    to_verdict = BlankAsNullChoiceField(choices=Verdict.choices, allow_null=True, read_only=True)
    changes = serializers.DictField(read_only=True)

    class Meta:
        model = ReviewEvent
        fields = [
            "id",
            "action",
            "actor",
            "from_status",
            "to_status",
            "from_verdict",
            "to_verdict",
            "note",
            "changes",
            "created_at",
        ]
        read_only_fields = fields


# Evidence -----------------------------------------------------------------------------


class EvidenceSerializer(serializers.ModelSerializer[Evidence]):
    # Null only on evidence public callers get of a claim reopened for correction: an
    # item as published that the draft has removed (factbase.readers.published_evidence).
    id = serializers.IntegerField(read_only=True, allow_null=True)
    source = SourceSerializer(read_only=True)  # type: ignore[assignment]
    stance = serializers.ChoiceField(choices=Stance.choices, read_only=True)
    created_at = serializers.DateTimeField(read_only=True, allow_null=True)

    class Meta:
        model = Evidence
        fields = [
            "id",
            "claim",
            "source",
            "stance",
            "excerpt",
            "note",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class EvidenceCreateSerializer(serializers.Serializer[Any]):
    url = serializers.URLField(max_length=2000)
    stance = serializers.ChoiceField(choices=Stance.choices)
    excerpt = StrictCharField(required=False, allow_blank=True, default="", max_length=20_000)
    note = StrictCharField(required=False, allow_blank=True, default="", max_length=20_000)
    title = StrictCharField(required=False, allow_blank=True, default="", max_length=500)
    publisher = StrictCharField(required=False, allow_blank=True, default="", max_length=200)
    published_at = serializers.DateField(required=False, allow_null=True, default=None)
    archived_url = serializers.URLField(
        required=False, allow_blank=True, default="", max_length=2000
    )


class EvidenceUpdateSerializer(serializers.Serializer[Any]):
    stance = serializers.ChoiceField(choices=Stance.choices, required=False)
    excerpt = StrictCharField(required=False, allow_blank=True, max_length=20_000)
    note = StrictCharField(required=False, allow_blank=True, max_length=20_000)


# Articles -----------------------------------------------------------------------------


class ArticleSerializer(serializers.ModelSerializer[Article]):
    class Meta:
        model = Article
        fields = [
            "id",
            "url",
            "title",
            "publisher",
            "author",
            "published_at",
            "language",
            "created_at",
        ]
        read_only_fields = fields


class ArticleDetailSerializer(ArticleSerializer):
    claims = serializers.SerializerMethodField()

    class Meta(ArticleSerializer.Meta):
        fields = [
            *ArticleSerializer.Meta.fields,
            "text",
            "text_sha256",
            "detection_skipped",
            "claims",
        ]
        read_only_fields = fields

    @extend_schema_field(ClaimSerializer(many=True))
    def get_claims(self, article: Article) -> Any:
        claims = self.context.get("claims")
        if claims is None:
            return []
        return representations.claims_of(claims, public=self.context.get("public", False))


class ArticleCreateSerializer(serializers.Serializer[Any]):
    """An article as fields (`title`, `text`, ...) or as its web page (`html`, with `url`):
    a page's headline, text, author, date, site and canonical address are read from it,
    and fields given beside `html` win over what the page says."""

    html = StrictCharField(
        required=False,
        trim_whitespace=False,
        max_length=HTML_BODY_LIMIT,
        help_text="The article's web page as HTML (a saved page, or what a browser extension "
        "sends). Request bodies with `html` may be up to 10 MiB; other bodies keep the "
        "general limit (2 MiB). A larger body is a 413 problem. A page of more than "
        "60,000 elements, or more than 20,000 once menus and ads are dropped, is a 400 "
        "problem on this field.",
    )
    title = StrictCharField(max_length=500, required=False)
    text = StrictCharField(max_length=1_000_000, trim_whitespace=False, required=False)
    url = serializers.URLField(max_length=2000, required=False, allow_null=True, allow_blank=True)
    publisher = StrictCharField(max_length=200, required=False, allow_blank=True, default="")
    author = StrictCharField(max_length=200, required=False, allow_blank=True, default="")
    published_at = serializers.DateTimeField(required=False, allow_null=True)
    language = StrictCharField(
        max_length=16, required=False, help_text="BCP 47 tag; default: the page's, else en."
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs.get("html"):
            required = ("title", "text")
            missing = {name: "This field is required." for name in required if name not in attrs}
            if missing:
                raise serializers.ValidationError(missing)
        return attrs
