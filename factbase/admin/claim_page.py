"""The claim page: the claim's words in its article, its evidence, the workflow, the history.

Every write goes through factbase/review.py (status, verdict) or factbase/services.py
(claim fields, evidence), exactly as the API's does; which actions are offered and
whether the content may be edited are asked of review, never re-derived here.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
)
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from factbase import duplicates, review, selectors, services
from factbase.admin.common import ADMIN_CSS, A, S, SafeChangelist, claim_url, refusal
from factbase.admin.forms import ClaimForm, EvidenceForm, MatchDecisionForm, TransitionForm
from factbase.admin.highlight import Mark, highlight, paragraph_bounds
from factbase.admin.queue import ReviewQueue
from factbase.errors import DomainError
from factbase.matching import desk
from factbase.models import (
    Annotation,
    Claim,
    Evidence,
    ExternalFactCheck,
    MatchDecision,
    ReviewEvent,
    Verdict,
)
from factbase.shortclaim import TARGET_CHARS


class EvidenceInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Evidence
    form = EvidenceForm
    extra = 1
    fields = ("url", "source_title", "stance", "excerpt", "note", "added_by", "expected_version")
    readonly_fields = ("added_by",)

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).select_related("source", "added_by")

    def _editable(self, obj: Claim | None) -> bool:
        return obj is None or review.content_editable(obj)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._editable(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._editable(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._editable(obj) and super().has_delete_permission(request, obj)


class ClaimAdmin(SafeChangelist, ReviewQueue):
    form = ClaimForm
    inlines = (EvidenceInline,)
    fieldsets = (
        ("Claim", {"fields": ("text", "claim_reviewed", ("kind", "claimant"), "expected_version")}),
    )
    autocomplete_fields = ("claimant",)
    actions = None

    class Media:
        css = ADMIN_CSS

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Claims come from ingest (or the API's anchored create); dismiss is the way out.
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if obj is not None and not review.content_editable(obj):
            return ("text", "claim_reviewed", "kind", "claimant")
        return ()

    def get_urls(self) -> list[Any]:
        transition = self.admin_site.admin_view(require_POST(self.transition_view))
        decide = self.admin_site.admin_view(require_POST(self.match_decision_view))
        return [
            path("<path:object_id>/transition/", transition, name="factbase_claim_transition"),
            path("<path:object_id>/match/", decide, name="factbase_claim_match_decision"),
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
        except DomainError as exc:
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
                        actor=request.user,
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
                    actor=request.user,
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
                matches=[_match_row(obj, c) for c in desk.claim_candidates(obj)],
                duplicate_of=duplicates.duplicate_of(obj),
                match_decisions={
                    "allowed": review.may_edit(request.user),
                    "url": reverse("admin:factbase_claim_match_decision", args=[obj.pk]),
                },
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
        options = review.workflow_options(claim, request.user)
        notes = list(options.notes)
        if claim.status == S.AWAITING_APPROVAL:
            notes.append(
                "What is approved is what was proposed: the text, claimant and evidence are "
                "frozen until a reviewer sends the claim back."
            )
        return {
            "actions": [
                {
                    "action": t.action,
                    "label": t.label,
                    "to": S(t.to_status).label,
                    "needs_reason": t.needs_reason,
                    "needs_verdict": t.needs_verdict,
                }
                for t in options.actions
            ],
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
        except DomainError as exc:
            self.message_user(request, refusal(exc), messages.ERROR)
            return back
        self.message_user(
            request,
            f"{A(data['action']).label}: the claim is now {claim.get_status_display().lower()}.",
            messages.SUCCESS,
        )
        return back

    def match_decision_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Different (remembered for the pair) or same claim (the duplicate closed into the
        claim that stays), through factbase.duplicates."""
        claim = self.get_object(request, object_id)
        if claim is None:
            raise Http404("No such claim.")
        if not self.has_view_permission(request, claim):
            raise PermissionDenied
        form = MatchDecisionForm(request.POST)
        if not form.is_valid():
            return HttpResponseBadRequest("That decision was not understood.")
        data = form.cleaned_data
        back = HttpResponseRedirect(claim_url(claim.pk) + "#matches")
        try:
            if data["origin"] == "external":
                external = ExternalFactCheck.objects.filter(pk=data["target"]).first()
                if external is None:
                    raise Http404("No such fact-check.")
                duplicates.match_mark_different(claim=claim, actor=request.user, external=external)
                message = f"Marked different from {external.publisher}'s fact-check."
            else:
                other = Claim.objects.filter(pk=data["target"]).first()
                if other is None:
                    raise Http404("No such claim.")
                if data["decision"] == MatchDecision.DIFFERENT:
                    duplicates.match_mark_different(claim=claim, actor=request.user, other=other)
                    message = f"Marked different from claim #{other.pk}."
                else:
                    duplicate, original = duplicates.pair_order(claim, other)
                    duplicates.claim_merge(
                        duplicate=duplicate,
                        original=original,
                        actor=request.user,
                        expected_version=data["expected_version"],
                        note=data["note"],
                    )
                    message = f"Claim #{duplicate.pk} is closed as a duplicate of #{original.pk}."
                    back = HttpResponseRedirect(claim_url(original.pk))
        except DomainError as exc:
            self.message_user(request, refusal(exc), messages.ERROR)
            return back
        self.message_user(request, message, messages.SUCCESS)
        return back


def _match_row(page_claim: Claim, candidate: desk.Candidate) -> dict[str, Any]:
    """A candidate as the claim page lists it: ours link to their page, others' to theirs;
    ours say which of the two "same claim" would close, or why it cannot."""
    found = candidate.found
    row: dict[str, Any] = {
        "score": found.score,
        "match": found.match,
        "reasons": candidate.reasons,
        "text": found.text,
    }
    if found.external is not None:
        external = found.external
        row.update(
            origin="external",
            id=external.pk,
            rating=external.rating,
            publisher=external.publisher,
            url=external.url,
            claimant=external.claimant,
        )
    else:
        claim = found.claim
        assert claim is not None
        row.update(
            origin="ours",
            id=claim.pk,
            claim=claim,
            publisher=None,
            url=claim_url(claim.pk),
            claimant=claim.claimant.name if claim.claimant else "",
        )
        duplicate, original = duplicates.pair_order(page_claim, claim)
        row.update(
            same_refusal=duplicates.merge_refusal(duplicate, original),
            same_label=f"Same claim: close #{duplicate.pk} into #{original.pk}",
            duplicate_version=duplicate.version,
        )
    return row


def _event_row(event: ReviewEvent) -> dict[str, Any]:
    changes = []
    for field, value in (event.changes or {}).items():
        name = field.replace("_", " ").replace(".", " ")
        if isinstance(value, list) and len(value) == 2:
            changes.append({"field": name, "old": _shown(value[0]), "new": _shown(value[1])})
        else:
            changes.append({"field": name, "value": _shown(value)})
    return {"event": event, "changes": changes}


def _shown(value: Any) -> Any:
    """An event's value as the page shows it: a piece of evidence as `key: value; ...`."""
    if isinstance(value, dict):
        return "; ".join(f"{k.replace('_', ' ')}: {v}" for k, v in value.items() if v)
    return value
