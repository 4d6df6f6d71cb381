"""The article page: an article's text with every claim in it marked."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from factbase.admin.common import (
    ADMIN_CSS,
    OPEN_STATUSES,
    WORKFLOW_ORDER,
    ReadOnlyAdmin,
    S,
    SafeChangelist,
)
from factbase.admin.highlight import Mark, highlight
from factbase.models import Annotation, Article, Verdict


class ArticleAdmin(ReadOnlyAdmin, SafeChangelist):
    """Articles are read here: their words are what every annotation's offsets point into."""

    list_display = ("title", "publisher", "published_at", "claims", "open_claims", "published")
    search_fields = ("title", "url", "publisher")
    fields = ("title", "url", "publisher", "author", "published_at", "language")
    date_hierarchy = "published_at"

    class Media:
        css = ADMIN_CSS

    def get_queryset(self, request: HttpRequest) -> Any:
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_claims=Count("annotations"),
                n_open=Count(
                    "annotations",
                    filter=Q(annotations__claim__status__in=OPEN_STATUSES),
                ),
                n_published=Count("annotations", filter=Q(annotations__claim__status=S.PUBLISHED)),
            )
        )

    @admin.display(description="Claims", ordering="n_claims")
    def claims(self, article: Any) -> SafeString:
        url = reverse("admin:factbase_claim_changelist") + f"?article={article.pk}"
        return format_html('<a href="{}">{}</a>', url, article.n_claims)

    @admin.display(description="Open", ordering="n_open")
    def open_claims(self, article: Any) -> int:
        return int(article.n_open)

    @admin.display(description="Published", ordering="n_published")
    def published(self, article: Any) -> int:
        return int(article.n_published)

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Article | None = None,
    ) -> HttpResponse:
        if obj is not None:
            context.update(self.reading(request, obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def reading(self, request: HttpRequest, article: Article) -> dict[str, Any]:
        """The article's text with every claim marked, and a legend that counts them."""
        colour_by = "verdict" if request.GET.get("colour") == "verdict" else "status"
        annotations = list(
            Annotation.objects.filter(article=article).select_related("claim").order_by("start")
        )
        marks = [Mark(a.start, a.end, a.claim) for a in annotations]
        claims = {a.claim_id: a.claim for a in annotations}.values()
        if colour_by == "status":
            counted = _tally(claims, "status", [(s, S(s).label) for s in WORKFLOW_ORDER])
        else:
            counted = _tally(claims, "verdict", [*Verdict.choices, ("", "No verdict")])
        return {
            "article_html": highlight(article.text, 0, len(article.text), marks),
            "colour_by": colour_by,
            "legend": counted,
            "claim_count": len(claims),
            "queue_url": reverse("admin:factbase_claim_changelist") + f"?article={article.pk}",
        }


def _tally(claims: Any, field: str, choices: list[tuple[str, str]]) -> list[dict[str, Any]]:
    values = [getattr(claim, field) for claim in claims]
    return [
        {"value": value or "none", "label": label, "count": values.count(value)}
        for value, label in choices
    ]
