"""The review queue: the claims changelist, its filters, columns and status tabs.

Every filter parameter is validated: a value the filter cannot use gives an empty queue,
never an error page (common.SafeChangelist guards what Django's own filters parse).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.db.models import Count, F, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.text import Truncator

from factbase import review, selectors
from factbase.admin.common import STATUS_RANK, WORKFLOW_ORDER, S, badge, db_id
from factbase.matching import desk
from factbase.models import Annotation, Article, Claim


class ArticleFilter(admin.SimpleListFilter):
    """The newest articles in the sidebar; any article through ?article=<id> (its page links it)."""

    title = "article"
    parameter_name = "article"
    shown = 25

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[Any, str]]:
        articles = Article.objects.order_by("-id").only("title")
        chosen = db_id(self.value())
        query = articles[: self.shown]
        if chosen is not None:
            query = articles.filter(Q(pk__in=articles[: self.shown].values("pk")) | Q(pk=chosen))
        return [(str(a.pk), Truncator(a.title).chars(60)) for a in query]

    def queryset(self, request: HttpRequest, queryset: Any) -> Any:
        if not self.value():
            return queryset
        chosen = db_id(self.value())
        if chosen is None:
            return queryset.none()  # not an article id: no claims are in it
        anchored = Annotation.objects.filter(article_id=chosen).values("claim_id")
        return queryset.filter(pk__in=anchored)


class QueueChangeList(ChangeList):
    """The queue's rows come with the article each claim is anchored in (no query per row)."""

    def get_queryset(self, request: HttpRequest, exclude_parameters: Any = None) -> Any:
        articles = Annotation.objects.select_related("article").only(
            "claim_id", "start", "article__title"
        )
        return (
            super()
            .get_queryset(request, exclude_parameters)
            .prefetch_related(Prefetch("annotations", queryset=articles, to_attr="anchors"))
        )


class MyWorkFilter(admin.SimpleListFilter):
    title = "my work"
    parameter_name = "mine"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        choices = [("proposed", "Proposed by me")]
        if review.may_review(request.user):
            choices.insert(0, ("to_approve", "Waiting for my approval"))
        return choices

    def queryset(self, request: HttpRequest, queryset: Any) -> Any:
        if self.value() == "proposed":
            return selectors.claims_proposed_by(user=request.user, claims=queryset)
        if self.value() == "to_approve":
            return review.claims_approvable_by(user=request.user, claims=queryset)
        return queryset


class MatchedFilter(admin.SimpleListFilter):
    """Claims checked before: by another fact-checker, or by this desk (a repeat).

    Reads the stored match outcomes (factbase.matching.desk), so the queue runs no
    matching; an unknown value gives an empty queue. A claim not matched yet (past the
    first claims of a long article, until `match_claims --pending`) is under "pending",
    never under "none".
    """

    title = "checked before"
    parameter_name = "matched"
    READERS = {
        "elsewhere": desk.checked_elsewhere,
        "desk": desk.repeats_in_desk,
        "none": desk.unmatched,
        "pending": desk.pending,
    }

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [
            ("elsewhere", "Already checked elsewhere"),
            ("desk", "Repeats a claim in this desk"),
            ("none", "Neither"),
            ("pending", "Not matched yet"),
        ]

    def queryset(self, request: HttpRequest, queryset: Any) -> Any:
        value = self.value()
        if not value:
            return queryset
        reader = self.READERS.get(value)
        return queryset.none() if reader is None else reader(queryset)


class ReviewQueue(admin.ModelAdmin):  # type: ignore[type-arg]
    """The ModelAdmin half that is the queue: the claim page (claim_page.py) adds the rest."""

    list_display = (
        "queue_text",
        "claimant",
        "kind",
        "status_badge",
        "verdict_badge",
        "worth",
        "article_link",
    )
    list_display_links = ("queue_text",)
    list_filter = (
        "status",
        "verdict",
        "kind",
        ("claimant", admin.RelatedOnlyFieldListFilter),
        ArticleFilter,
        MyWorkFilter,
        MatchedFilter,
    )
    list_select_related = ("claimant",)
    list_per_page = 50
    search_fields = ("text", "claimant__name")
    ordering = (STATUS_RANK.asc(), F("checkworthiness").desc(nulls_last=True), "-id")  # type: ignore[assignment]  # Django accepts expressions

    def get_changelist(self, request: HttpRequest, **kwargs: Any) -> type[ChangeList]:
        return QueueChangeList

    @admin.display(description="Claim", ordering="text")
    def queue_text(self, claim: Claim) -> str:
        return Truncator(claim.text).chars(180)

    @admin.display(description="Status", ordering=STATUS_RANK)
    def status_badge(self, claim: Claim) -> SafeString:
        return badge("status", claim.status, claim.get_status_display())

    @admin.display(description="Verdict", ordering="verdict")
    def verdict_badge(self, claim: Claim) -> SafeString:
        return badge("verdict", claim.verdict, claim.get_verdict_display())

    @admin.display(
        description="Check-worthiness", ordering=F("checkworthiness").desc(nulls_last=True)
    )
    def worth(self, claim: Claim) -> SafeString:
        if claim.checkworthiness is None:
            return badge("worth", "", "")
        return format_html(
            '<span class="fb-worth"><meter min="0" max="1" value="{}"></meter> {}</span>',
            claim.checkworthiness,
            f"{claim.checkworthiness:.2f}",
        )

    @admin.display(description="Article")
    def article_link(self, claim: Claim) -> SafeString:
        anchors: list[Annotation] = getattr(claim, "anchors", [])  # prefetched by the queryset
        if not anchors:
            return badge("article", "", "")
        article = anchors[0].article
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:factbase_article_change", args=[article.pk]),
            Truncator(article.title).chars(40),
        )

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        extra_context = {"title": "Review queue", **(extra_context or {})}
        response = super().changelist_view(request, extra_context)
        context = response.context_data if isinstance(response, TemplateResponse) else None
        if context is not None and "cl" in context:
            context["status_tabs"] = self.status_tabs(request, context["cl"])
        return response

    def status_tabs(self, request: HttpRequest, cl: Any) -> list[dict[str, Any]]:
        """One tab per status with its count (all claims), plus the reviewer's own queue."""
        counts = dict(
            Claim.objects.values_list("status").annotate(n=Count("pk")).order_by("status")
        )
        chosen = request.GET.get("status__exact")
        mine = request.GET.get(MyWorkFilter.parameter_name)
        drop = ["p", "status__exact", MyWorkFilter.parameter_name]
        tabs = [
            {
                "key": "all",
                "label": "All",
                "count": sum(counts.values()),
                "url": cl.get_query_string(remove=drop),
                "active": not chosen and not mine,
            }
        ]
        tabs += [
            {
                "key": status,
                "label": S(status).label,
                "count": counts.get(status, 0),
                "url": cl.get_query_string({"status__exact": status}, drop),
                "active": chosen == status and not mine,
            }
            for status in WORKFLOW_ORDER
        ]
        if review.may_review(request.user):
            tabs.append(
                {
                    "key": "mine",
                    "label": "Waiting for my approval",
                    "count": review.claims_approvable_by(
                        user=request.user, claims=Claim.objects.all()
                    ).count(),
                    "url": cl.get_query_string({MyWorkFilter.parameter_name: "to_approve"}, drop),
                    "active": mine == "to_approve",
                }
            )
        return tabs
