"""The editorial desk: the Django admin as editors and reviewers use it all day.

The admin only presents and collects input. Every write with domain rules goes through
factbase/review.py (status, verdict) or factbase/services.py (claim fields, evidence),
exactly as the API's does; the page's version travels in a hidden field so that a stale
page is refused instead of overwriting someone else's work.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.views.decorators.http import require_POST

from factbase import review, selectors, services
from factbase.models import (
    Annotation,
    Article,
    Claim,
    Claimant,
    ClaimStatus,
    Evidence,
    ReviewAction,
    ReviewEvent,
    Source,
    Verdict,
)

admin.site.site_header = "factbase · fact-checking desk"
admin.site.site_title = "factbase desk"
admin.site.index_title = "The desk"
# The queue, the claim page and the article page need the width more than a second menu.
admin.site.enable_nav_sidebar = False

S, A = ClaimStatus, ReviewAction
# The workflow's order, left to right in the status tabs and top to bottom in the queue.
WORKFLOW_ORDER = [S.NEW, S.IN_REVIEW, S.AWAITING_APPROVAL, S.PUBLISHED, S.DISMISSED]
STATUS_RANK = Case(
    *(When(status=status, then=Value(rank)) for rank, status in enumerate(WORKFLOW_ORDER)),
    output_field=IntegerField(),
)
STALE_PAGE = (
    "Someone else changed this claim after you opened the page, so nothing was saved. "
    "Reload the page to see their changes, then make yours again."
)
OPEN_STATUSES = [S.NEW, S.IN_REVIEW, S.AWAITING_APPROVAL]
ADMIN_CSS = {"all": ["factbase/admin.css"]}


def _last_proposer() -> Subquery:
    return Subquery(
        ReviewEvent.objects.filter(claim=OuterRef("pk"), action=A.PROPOSE)
        .order_by("-created_at", "-id")
        .values("actor_id")[:1]
    )


def _refusal(exc: review.ReviewError) -> str:
    if isinstance(exc, review.StaleVersion):
        return STALE_PAGE
    return exc.message


def _claim_url(claim_id: int) -> str:
    return reverse("admin:factbase_claim_change", args=[claim_id])


def _badge(kind: str, value: str, label: str) -> SafeString:
    if not value:
        return mark_safe('<span class="fb-quiet">—</span>')
    return format_html('<span class="fb-badge fb-{}-{}">{}</span>', kind, value, label)


# Highlighting ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    claim: Claim
    current: bool = False


def highlight(text: str, start: int, end: int, marks: list[Mark]) -> SafeString:
    """text[start:end] as escaped HTML, each mark's words in a <mark> linked to its claim.

    Overlapping marks are skipped (the current claim's own mark always wins), so the
    output is always well formed.
    """
    current = [m for m in marks if m.current]
    others = [m for m in marks if not m.current and not any(_overlap(m, c) for c in current)]
    parts: list[str] = []
    cursor = start
    for mark in sorted(current + others, key=lambda m: (m.start, m.end)):
        if mark.start < cursor or mark.start >= end:
            continue
        stop = min(mark.end, end)
        parts.append(escape(text[cursor : mark.start]))
        parts.append(_mark_html(mark, text[mark.start : stop]))
        cursor = stop
    parts.append(escape(text[cursor:end]))
    return mark_safe("".join(parts))  # every piece above is escaped


def _overlap(a: Mark, b: Mark) -> bool:
    return a.start < b.end and b.start < a.end


def _mark_html(mark: Mark, words: str) -> SafeString:
    claim = mark.claim
    classes = f"fb-mark fb-status-{claim.status} fb-verdict-{claim.verdict or 'none'}"
    if mark.current:
        return format_html('<mark class="{} fb-current" id="claim-words">{}</mark>', classes, words)
    title = f"Claim #{claim.pk} · {claim.get_status_display()}"
    if claim.verdict:
        title += f" · {claim.get_verdict_display()}"
    return format_html(
        '<mark class="{}" id="claim-{}" data-claim="{}"><a href="{}" title="{}">{}</a></mark>',
        classes,
        claim.pk,
        claim.pk,
        _claim_url(claim.pk),
        title,
        words,
    )


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph (line) of text that holds text[start:end]."""
    stop = text.find("\n", end)
    return text.rfind("\n", 0, start) + 1, len(text) if stop == -1 else stop


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
            return queryset.alias(proposer=_last_proposer()).filter(proposer=request.user.pk)
        if self.value() == "to_approve":
            return waiting_for_approval_by(request.user, queryset)
        return queryset


def waiting_for_approval_by(user: Any, queryset: Any) -> Any:
    """Claims awaiting approval that `user` may approve: a reviewer's, proposed by others."""
    if not user.has_perm(review.REVIEW_PERMISSION):
        return queryset.none()
    return (
        queryset.filter(status=S.AWAITING_APPROVAL)
        .alias(proposer=_last_proposer())
        .filter(Q(proposer__isnull=True) | ~Q(proposer=user.pk))
    )


# The claim page --------------------------------------------------------------------------


class ClaimForm(forms.ModelForm):
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = Claim
        fields = ("text", "kind", "claimant")
        widgets: ClassVar[dict[str, Any]] = {"text": forms.Textarea(attrs={"rows": 3, "cols": 80})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["expected_version"].initial = self.instance.version

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        expected = cleaned.get("expected_version")
        if expected is not None and expected != self.instance.version:
            raise forms.ValidationError(STALE_PAGE, code="stale")
        return cleaned


class EvidenceForm(forms.ModelForm):
    url = forms.URLField(label="Source URL", max_length=2000, assume_scheme="https")
    source_title = forms.CharField(
        label="Source title", max_length=500, required=False, help_text="Used for a new source."
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Evidence
        fields = ("stance", "excerpt", "note")
        widgets: ClassVar[dict[str, Any]] = {
            "excerpt": forms.Textarea(attrs={"rows": 2, "cols": 36}),
            "note": forms.Textarea(attrs={"rows": 2, "cols": 24}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The source of a piece of evidence is fixed: remove it and add another.
            self.fields["url"].initial = self.instance.source.url
            self.fields["source_title"].initial = self.instance.source.title
            self.fields["url"].disabled = self.fields["source_title"].disabled = True
            self.fields["expected_version"].initial = self.instance.version

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        url = cleaned.get("url")
        if (
            not self.instance.pk
            and url
            and Evidence.objects.filter(claim_id=self.instance.claim_id, source__url=url).exists()
        ):
            self.add_error("url", "This source is already evidence for the claim.")
        return cleaned


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


class TransitionForm(forms.Form):
    action = forms.ChoiceField(choices=[(a, a) for a in review.WORKFLOW_ACTIONS])
    expected_version = forms.IntegerField(min_value=1)
    verdict = forms.ChoiceField(choices=[("", "—"), *Verdict.choices], required=False)
    summary = forms.CharField(required=False)
    note = forms.CharField(required=False)


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    form = ClaimForm
    inlines = (EvidenceInline,)
    fieldsets = (("Claim", {"fields": ("text", ("kind", "claimant"), "expected_version")}),)
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
        return _badge("status", claim.status, claim.get_status_display())

    @admin.display(description="Verdict", ordering="verdict")
    def verdict_badge(self, claim: Claim) -> SafeString:
        return _badge("verdict", claim.verdict, claim.get_verdict_display())

    @admin.display(
        description="Check-worthiness", ordering=F("checkworthiness").desc(nulls_last=True)
    )
    def worth(self, claim: Claim) -> SafeString:
        if claim.checkworthiness is None:
            return _badge("worth", "", "")
        return format_html(
            '<span class="fb-worth"><meter min="0" max="1" value="{}"></meter> {}</span>',
            claim.checkworthiness,
            f"{claim.checkworthiness:.2f}",
        )

    @admin.display(description="Article")
    def article_link(self, claim: Claim) -> SafeString:
        if not claim.anchors:
            return _badge("article", "", "")
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
                    "count": waiting_for_approval_by(request.user, Claim.objects.all()).count(),
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
            self.message_user(request, _refusal(exc), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def save_model(self, request: HttpRequest, obj: Claim, form: Any, change: bool) -> None:
        changes = {
            name: form.cleaned_data[name]
            for name in services.EDITABLE_CLAIM_FIELDS
            if name in form.changed_data
        }
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
        back = HttpResponseRedirect(_claim_url(claim.pk))
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
            self.message_user(request, _refusal(exc), messages.ERROR)
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


# Articles ---------------------------------------------------------------------------------


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
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

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

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


# Lookups and the log ------------------------------------------------------------------------


@admin.register(Claimant)
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


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    formfield_overrides: ClassVar[dict[Any, Any]] = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("__str__", "publisher", "published_at", "url", "used")
    search_fields = ("title", "url", "publisher")

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).annotate(n_evidence=Count("evidence"))

    @admin.display(description="Used as evidence", ordering="n_evidence")
    def used(self, source: Any) -> int:
        return int(source.n_evidence)


@admin.register(ReviewEvent)
class ReviewEventAdmin(admin.ModelAdmin):
    """The append-only log: readable by the desk, writable by no one, superusers included."""

    list_display = ("created_at", "claim_link", "action", "status_change", "to_verdict", "actor")
    list_filter = ("action", "to_status")
    list_select_related = ("claim", "actor")
    search_fields = ("claim__text", "note")
    date_hierarchy = "created_at"
    actions = None

    class Media:
        css = ADMIN_CSS

    @admin.display(description="Claim")
    def claim_link(self, event: ReviewEvent) -> SafeString:
        return format_html(
            '<a href="{}">{}</a>', _claim_url(event.claim_id), Truncator(event.claim.text).chars(80)
        )

    @admin.display(description="Status")
    def status_change(self, event: ReviewEvent) -> str:
        if event.from_status == event.to_status:
            return event.get_to_status_display()
        return f"{event.get_from_status_display()} → {event.get_to_status_display()}"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
