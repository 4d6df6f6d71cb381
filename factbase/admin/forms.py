"""The claim page's forms. Each carries the version it was loaded with, so that a stale
page is refused instead of overwriting someone else's work."""

from __future__ import annotations

from typing import Any, ClassVar

from django import forms

from factbase import review
from factbase.admin.common import BIGINT_MAX, STALE_PAGE
from factbase.models import Claim, Evidence, MatchDecision, Verdict


class ClaimForm(forms.ModelForm):  # type: ignore[type-arg]
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = Claim
        fields = ("text", "claim_reviewed", "kind", "claimant")
        help_texts: ClassVar[dict[str, str]] = {
            "claim_reviewed": "The claim in one short sentence, without who said it: ClaimReview's "
            "claimReviewed. Google asks for under 75 characters."
        }
        widgets: ClassVar[dict[str, Any]] = {"text": forms.Textarea(attrs={"rows": 3, "cols": 80})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["expected_version"].initial = self.instance.version

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        expected = cleaned.get("expected_version")
        if expected is not None and expected != self.instance.version:
            raise forms.ValidationError(STALE_PAGE, code="stale")
        return cleaned


class EvidenceForm(forms.ModelForm):  # type: ignore[type-arg]
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
        cleaned = super().clean() or {}
        url = cleaned.get("url")
        if (
            not self.instance.pk
            and url
            and Evidence.objects.filter(claim_id=self.instance.claim_id, source__url=url).exists()
        ):
            self.add_error("url", "This source is already evidence for the claim.")
        return cleaned


class TransitionForm(forms.Form):
    action = forms.ChoiceField(choices=[(a, a) for a in review.WORKFLOW_ACTIONS])
    expected_version = forms.IntegerField(min_value=1)
    verdict = forms.ChoiceField(choices=[("", "—"), *Verdict.choices], required=False)
    summary = forms.CharField(required=False)
    note = forms.CharField(required=False)


class MatchDecisionForm(forms.Form):
    """An editor's word on one suggested match: `different`, or `same` (ours only)."""

    decision = forms.ChoiceField(choices=MatchDecision.choices)
    origin = forms.ChoiceField(choices=[("ours", "ours"), ("external", "external")])
    target = forms.IntegerField(min_value=1, max_value=BIGINT_MAX)
    expected_version = forms.IntegerField(min_value=1, max_value=BIGINT_MAX, required=False)
    note = forms.CharField(required=False, max_length=2000)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("decision") == MatchDecision.SAME and cleaned.get("origin") != "ours":
            raise forms.ValidationError("Only a claim of this desk can be the same claim.")
        return cleaned
