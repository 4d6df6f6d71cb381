"""The claim queue and the claim page, where editors and reviewers spend the day.

Every write with domain rules goes through factbase/review.py (status, verdict) or
factbase/services.py (claim fields, evidence), exactly as the API's does.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.views.decorators.http import require_POST

from factbase import review, selectors, services
from factbase.admin.common import (
    ADMIN_CSS,
    STATUS_RANK,
    WORKFLOW_ORDER,
    A,
    S,
    badge,
    claim_url,
    refusal,
)
from factbase.admin.forms import ClaimForm, EvidenceForm, TransitionForm
from factbase.admin.highlight import Mark, highlight, paragraph_bounds
from factbase.models import Annotation, Article, Claim, Evidence, ReviewEvent, Verdict
from factbase.shortclaim import TARGET_CHARS

# The review queue ------------------------------------------------------------------------


class ArticleFilter(admin.SimpleListFilter):
    """The newest articles in the sidebar; any article through ?article=<id> (its page links it)."""

    title = "article"
    parameter_name = "article"
    shown = 25

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[Any, str]]:
        articles = Article.objects.order_by("-id").only("title")
        chosen = self.value()
        query = articles[: self.shown]
        if chosen and chosen.isdigit():
            query = articles.filter(Q(pk__in=articles[: self.shown].values("pk")) | Q(pk=chosen))
        return [(str(a.pk), Truncator(a.title).chars(60)) for a in query]

    def queryset(self, request: HttpRequest, queryset: Any) -> Any:
        if not self.value():
            return queryset
        anchored = Annotation.objects.filter(article_id=self.value()).values("claim_id")
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
        if request.user.has_perm(review.REVIEW_PERMISSION):
            choices.insert(0, ("to_approve", "Waiting for my approval"))
        return choices

    def queryset(self, request: HttpRequest, queryset: Any) -> Any:
        if self.value() == "proposed":
            return selectors.claims_proposed_by(user=request.user, claims=queryset)
        if self.value() == "to_approve":
            return selectors.claims_awaiting_approval_for(user=request.user, claims=queryset)
        return queryset


# The claim page --------------------------------------------------------------------------
class EvidenceInline(admin.TabularInline):
    model = Evidence
    form = EvidenceForm
    extra = 1
    fields = ("url", "source_title", "stance", "excerpt", "note", "added_by", "expected_version")
    readonly_fields = ("added_by",)

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).select_related("source", "added_by")

    def _editable(self, obj: Claim | None) -> bool:
        return obj is None or obj.status != S.PUBLISHED

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._editable(obj) and super().has_delete_permission(request, obj)


class ClaimAdmin(admin.ModelAdmin):
    form = ClaimForm
    inlines = (EvidenceInline,)
    fieldsets = (
        ("Claim", {"fields": ("text", "claim_reviewed", ("kind", "claimant"), "expected_version")}),
    )
    autocomplete_fields = ("claimant",)
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
    )
    list_select_related = ("claimant",)
    list_per_page = 50
    search_fields = ("text", "claimant__name")
    ordering = (STATUS_RANK.asc(), F("checkworthiness").desc(nulls_last=True), "-id")
    actions = None

    class Media:
        css = ADMIN_CSS

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
        if not claim.anchors:
            return badge("article", "", "")
        article = claim.anchors[0].article
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:factbase_article_change", args=[article.pk]),
            Truncator(article.title).chars(40),
        )

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        extra_context = {"title": "Review queue", **(extra_context or {})}
        response = super().changelist_view(request, extra_context)
        if isinstance(response, TemplateResponse) and "cl" in (response.context_data or {}):
            response.context_data["status_tabs"] = self.status_tabs(
                request, response.context_data["cl"]
            )
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
        if request.user.has_perm(review.REVIEW_PERMISSION):
            tabs.append(
                {
                    "key": "mine",
                    "label": "Waiting for my approval",
                    "count": selectors.claims_awaiting_approval_for(
                        user=request.user, claims=Claim.objects.all()
                    ).count(),
                    "url": cl.get_query_string({MyWorkFilter.parameter_name: "to_approve"}, drop),
                    "active": mine == "to_approve",
                }
            )
        return tabs

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Claims come from ingest (or the API's anchored create); dismiss is the way out.
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is not None and obj.status == S.PUBLISHED:
            return ("text", "kind", "claimant")
        return ()

    def get_urls(self) -> list[Any]:
        transition = self.admin_site.admin_view(require_POST(self.transition_view))
        return [
            path("<path:object_id>/transition/", transition, name="factbase_claim_transition"),
            *super().get_urls(),
        ]

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: Any = None,
    ) -> HttpResponse:
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except review.ReviewError as exc:
            # A service refused the save after the form was valid (a race); the admin's
            # transaction has rolled back, so nothing of this save is stored.
            self.message_user(request, refusal(exc), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def save_model(self, request: HttpRequest, obj: Claim, form: Any, change: bool) -> None:
        changes = {
            name: form.cleaned_data[name]
            for name in services.EDITABLE_CLAIM_FIELDS
            if name in form.changed_data
        }
        if len(form.cleaned_data.get("claim_reviewed") or "") > TARGET_CHARS:
            warning = f"The short claim is over {TARGET_CHARS} characters: search results cut it."
            self.message_user(request, warning, messages.WARNING)
        if changes:
            services.claim_update(
                claim=obj,
                actor=request.user,
                expected_version=form.cleaned_data["expected_version"],
                changes=changes,
            )
            obj.refresh_from_db()

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for row in formset.forms:
            evidence, data = row.instance, row.cleaned_data
            if row in formset.deleted_forms:
                if evidence.pk:
                    services.evidence_delete(
                        evidence=evidence,
                        expected_version=data.get("expected_version") or evidence.version,
                    )
                    formset.deleted_objects.append(evidence)
            elif evidence.pk is None and row.has_changed():
                added = services.evidence_add(
                    claim=form.instance,
                    actor=request.user,
                    url=data["url"],
                    stance=data["stance"],
                    excerpt=data["excerpt"],
                    note=data["note"],
                    source_defaults={"title": data["source_title"]},
                )
                formset.new_objects.append(added)
            elif evidence.pk and row.changed_data:
                fields = [f for f in row.changed_data if f in services.EDITABLE_EVIDENCE_FIELDS]
                services.evidence_update(
                    evidence=evidence,
                    expected_version=data.get("expected_version") or evidence.version,
                    changes={name: data[name] for name in fields},
                )
                formset.changed_objects.append((evidence, fields))

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Claim | None = None,
    ) -> HttpResponse:
        if obj is not None:
            context.update(
                contexts=self.paragraphs(obj),
                workflow=self.workflow(request, obj),
                history=[_event_row(e) for e in selectors.claim_history(claim=obj)],
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def paragraphs(self, claim: Claim) -> list[dict[str, Any]]:
        """Each article paragraph the claim is anchored in, its words and neighbours marked."""
        out = []
        for annotation in claim.annotations.select_related("article"):
            article = annotation.article
            start, end = paragraph_bounds(article.text, annotation.start, annotation.end)
            neighbours = (
                Annotation.objects.filter(article=article, start__lt=end, end__gt=start)
                .exclude(claim=claim)
                .select_related("claim")
            )
            marks = [Mark(annotation.start, annotation.end, claim, current=True)]
            marks += [Mark(n.start, n.end, n.claim) for n in neighbours]
            out.append(
                {
                    "article": article,
                    "url": reverse("admin:factbase_article_change", args=[article.pk])
                    + f"#claim-{claim.pk}",
                    "html": highlight(article.text, start, end, marks),
                    "neighbours": len(marks) - 1,
                }
            )
        return out

    def workflow(self, request: HttpRequest, claim: Claim) -> dict[str, Any]:
        """The actions this user may take now, and why an expected one is missing."""
        user = request.user
        actions, notes = [], []
        proposer = review.last_proposer_id(claim) if claim.status == S.AWAITING_APPROVAL else None
        for transition in review.allowed_actions(claim, user):
            if (
                transition.action == A.APPROVE
                and settings.FACTBASE_FOUR_EYES
                and proposer == user.pk
            ):
                notes.append("You proposed this verdict: another reviewer must approve it.")
                continue
            actions.append(
                {
                    "action": transition.action,
                    "label": A(transition.action).label,
                    "to": S(transition.to_status).label,
                    "needs_reason": transition.action in review.NEEDS_REASON,
                    "needs_verdict": transition.action == A.PROPOSE,
                }
            )
        if claim.status == S.AWAITING_APPROVAL and not user.has_perm(review.REVIEW_PERMISSION):
            notes.append("Waiting for a reviewer to approve or send back the proposed verdict.")
        if claim.status == S.PUBLISHED and not actions:
            notes.append("Published. A reviewer can reopen it to correct it.")
        return {
            "actions": actions,
            "notes": notes,
            "verdicts": Verdict.choices,
            "url": reverse("admin:factbase_claim_transition", args=[claim.pk]),
        }

    def transition_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        claim = self.get_object(request, object_id)
        if claim is None:
            raise Http404("No such claim.")
        if not self.has_view_permission(request, claim):
            raise PermissionDenied
        back = HttpResponseRedirect(claim_url(claim.pk))
        form = TransitionForm(request.POST)
        if not form.is_valid():
            self.message_user(request, "That action was not understood.", messages.ERROR)
            return back
        data = form.cleaned_data
        proposing = data["action"] == A.PROPOSE
        try:
            claim = review.claim_transition(
                claim=claim,
                actor=request.user,
                action=data["action"],
                verdict=data["verdict"] if proposing else None,
                summary=data["summary"] if proposing else None,
                note=data["note"],
                expected_version=data["expected_version"],
            )
        except review.ReviewError as exc:
            self.message_user(request, refusal(exc), messages.ERROR)
            return back
        self.message_user(
            request,
            f"{A(data['action']).label}: the claim is now {claim.get_status_display().lower()}.",
            messages.SUCCESS,
        )
        return back


def _event_row(event: ReviewEvent) -> dict[str, Any]:
    changes = []
    for field, value in (event.changes or {}).items():
        if isinstance(value, list) and len(value) == 2:
            changes.append({"field": field.replace("_", " "), "old": value[0], "new": value[1]})
        else:
            changes.append({"field": field.replace("_", " "), "value": value})
    return {"event": event, "changes": changes}
