"""What the desk's pages share: the workflow's order, the stale-page message, badges."""

from __future__ import annotations

from typing import Any

from django.db.models import Case, IntegerField, Value, When
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from factbase import review
from factbase.models import ClaimStatus, ReviewAction

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


def refusal(exc: review.ReviewError) -> str:
    if isinstance(exc, review.StaleVersion):
        return STALE_PAGE
    return exc.message


def claim_url(claim_id: int) -> str:
    return reverse("admin:factbase_claim_change", args=[claim_id])


def badge(kind: str, value: str, label: str) -> SafeString:
    if not value:
        return mark_safe('<span class="fb-quiet">—</span>')
    return format_html('<span class="fb-badge fb-{}-{}">{}</span>', kind, value, label)


class ReadOnlyAdmin:
    """A ModelAdmin mixin: pages to read, never to add, change or delete through."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
