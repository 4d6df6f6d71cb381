"""Claimants and sources: the lookups claims and evidence point to."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString


class ClaimantAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "claim_count")
    list_filter = ("kind",)
    search_fields = ("name",)

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).annotate(n_claims=Count("claims"))

    @admin.display(description="Claims", ordering="n_claims")
    def claim_count(self, claimant: Any) -> SafeString:
        url = reverse("admin:factbase_claim_changelist") + f"?claimant__id__exact={claimant.pk}"
        return format_html('<a href="{}">{}</a>', url, claimant.n_claims)


class SourceAdmin(admin.ModelAdmin):
    formfield_overrides: ClassVar[dict[Any, Any]] = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("__str__", "publisher", "published_at", "url", "used")
    search_fields = ("title", "url", "publisher")

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).annotate(n_evidence=Count("evidence"))

    @admin.display(description="Used as evidence", ordering="n_evidence")
    def used(self, source: Any) -> int:
        return int(source.n_evidence)
