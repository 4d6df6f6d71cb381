"""Claimants and sources: the lookups claims and evidence point to.

A claimant's name and kind, and everything about a source, are part of every claim that
cites them, so saves go through services.claimant_update / source_update: refused while
a citing claim awaits approval or is published, logged on every citing claim otherwise.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib import admin, messages
from django.db import models
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from factbase import services
from factbase.admin.common import SafeChangelist, refusal
from factbase.errors import DomainError
from factbase.models import Claimant, Source


class ServiceSaves(SafeChangelist):
    """Change pages whose saves a service may refuse: the refusal is shown, nothing kept."""

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: Any = None,
    ) -> HttpResponse:
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except DomainError as exc:
            self.message_user(request, refusal(exc), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())


class ClaimantAdmin(ServiceSaves):
    list_display = ("name", "kind", "claim_count")
    list_filter = ("kind",)
    search_fields = ("name",)

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).annotate(n_claims=Count("claims"))

    @admin.display(description="Claims", ordering="n_claims")
    def claim_count(self, claimant: Any) -> SafeString:
        url = reverse("admin:factbase_claim_changelist") + f"?claimant__id__exact={claimant.pk}"
        return format_html('<a href="{}">{}</a>', url, claimant.n_claims)

    def save_model(self, request: HttpRequest, obj: Claimant, form: Any, change: bool) -> None:
        data = {name: form.cleaned_data[name] for name in services.EDITABLE_CLAIMANT_FIELDS}
        if not change:
            saved = services.claimant_create(**data)
            obj.pk, obj.name_key = saved.pk, saved.name_key
            return
        stored = Claimant.objects.get(pk=obj.pk)
        services.claimant_update(claimant=stored, actor=request.user, changes=data)


class SourceAdmin(ServiceSaves):
    formfield_overrides: ClassVar[dict[Any, Any]] = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("__str__", "publisher", "published_at", "url", "used")
    search_fields = ("title", "url", "publisher")

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).annotate(n_evidence=Count("evidence"))

    @admin.display(description="Used as evidence", ordering="n_evidence")
    def used(self, source: Any) -> int:
        return int(source.n_evidence)

    def save_model(self, request: HttpRequest, obj: Source, form: Any, change: bool) -> None:
        data = {name: form.cleaned_data[name] for name in services.SOURCE_FIELDS}
        if not change:
            saved = services.source_get_or_create(url=data.pop("url"), defaults=data)
            obj.pk = saved.pk
            return
        stored = Source.objects.get(pk=obj.pk)
        services.source_update(source=stored, actor=request.user, changes=data)
