from __future__ import annotations

import django_filters
from django.db.models import QuerySet

from factbase.models import Claim, ClaimKind, ClaimStatus, Verdict
from factbase.search import claim_search


class ClaimFilter(django_filters.FilterSet):  # type: ignore[misc]
    status = django_filters.ChoiceFilter(choices=ClaimStatus.choices)
    verdict = django_filters.ChoiceFilter(choices=Verdict.choices)
    kind = django_filters.ChoiceFilter(choices=ClaimKind.choices)
    claimant = django_filters.NumberFilter(field_name="claimant_id", min_value=1)
    article = django_filters.NumberFilter(
        field_name="annotations__article_id", min_value=1, distinct=False
    )
    published_after = django_filters.IsoDateTimeFilter(field_name="published_at", lookup_expr="gte")
    published_before = django_filters.IsoDateTimeFilter(field_name="published_at", lookup_expr="lt")
    q = django_filters.CharFilter(method="search", max_length=200, label="Full-text search")

    class Meta:
        model = Claim
        fields = ["status", "verdict", "kind", "claimant", "article"]

    def search(self, queryset: QuerySet[Claim], name: str, value: str) -> QuerySet[Claim]:
        return claim_search(queryset, value) if value.strip() else queryset
