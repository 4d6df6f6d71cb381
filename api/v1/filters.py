from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django_filters.fields import IsoDateTimeField

from factbase import readers
from factbase.models import Claim, ClaimKind, ClaimStatus, Verdict
from factbase.search import claim_search

MAX_ID = 2**63 - 1


class IdField(forms.IntegerField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(min_value=1, max_value=MAX_ID, **kwargs)


class IdFilter(django_filters.NumberFilter):
    """A whole-number id: no decimals, nothing a 64-bit key cannot hold."""

    field_class = IdField


class UTCDateTimeField(IsoDateTimeField):
    """ISO 8601, compared in UTC: an offset no database stores is converted, not passed on."""

    def to_python(self, value: Any) -> datetime | None:
        parsed: datetime | None = super().to_python(value)
        if parsed is None:
            return None
        try:
            return parsed.astimezone(UTC)
        except OverflowError:
            raise forms.ValidationError("That moment is outside the years 1 to 9999.") from None


class UTCDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = UTCDateTimeField


class ClaimFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=ClaimStatus.choices)
    verdict = django_filters.ChoiceFilter(choices=Verdict.choices)
    kind = django_filters.ChoiceFilter(choices=ClaimKind.choices)
    claimant = IdFilter(field_name="claimant_id")
    article = IdFilter(field_name="annotations__article_id", distinct=False)
    published_after = UTCDateTimeFilter(field_name="published_at", lookup_expr="gte")
    published_before = UTCDateTimeFilter(field_name="published_at", lookup_expr="lt")
    q = django_filters.CharFilter(method="search", max_length=200, label="Full-text search")

    class Meta:
        model = Claim
        fields = ["status", "verdict", "kind", "claimant", "article"]

    def is_valid(self) -> bool:
        valid: bool = super().is_valid()
        for name in self.filters:
            if name != "q" and name in self.data and not str(self.data[name]).strip():
                # The schema promises a value of the filter's type: '' is not one.
                self.form.add_error(name, "Give a value, or leave the parameter out.")
                valid = False
        return valid

    def search(self, queryset: QuerySet[Claim], name: str, value: str) -> QuerySet[Claim]:
        return claim_search(queryset, value) if value.strip() else queryset


class PublicClaimFilter(ClaimFilter):
    """ClaimFilter for public callers: on what they see (factbase.readers), so a reopened
    claim is found by its published verdict, kind, claimant, status and text, never by
    its draft's. The same parameters, so one schema documents both."""

    status = django_filters.ChoiceFilter(choices=ClaimStatus.choices, field_name="public_status")
    verdict = django_filters.ChoiceFilter(choices=Verdict.choices, field_name="public_verdict")
    kind = django_filters.ChoiceFilter(choices=ClaimKind.choices, field_name="public_kind")
    claimant = IdFilter(field_name="public_claimant")

    def search(self, queryset: QuerySet[Claim], name: str, value: str) -> QuerySet[Claim]:
        return readers.public_search(queryset, value) if value.strip() else queryset
