"""What the desk's pages share: the workflow's order, the stale-page message, badges."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Case, IntegerField, Value, When
from django.http import HttpRequest, HttpResponseBadRequest
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from factbase.errors import DomainError, StaleVersion
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


def refusal(exc: DomainError) -> str:
    if isinstance(exc, StaleVersion):
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


# Query-string parameters: what a changelist accepts before any filter reads them.
MAX_PARAMETER = 1000
BIGINT_MAX = 2**63 - 1


def db_id(value: str | None) -> int | None:
    """`value` as a row id the database can hold, else None (`abc`, `-1`, 20 digits)."""
    if value is None or not value.isascii() or not value.isdigit():
        return None
    number = int(value)
    return number if 0 < number <= BIGINT_MAX else None


def _usable(text: str) -> bool:
    if len(text) > MAX_PARAMETER or "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return False
    return True


class SafeChangelist(admin.ModelAdmin):  # type: ignore[type-arg]
    """A changelist whose query string cannot crash it: a NUL, a lone surrogate or an
    endless value is a 400 before any filter or the database sees it, and a value a
    filter cannot parse (a year of twenty digits) is a 400 too, never a 500."""

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> Any:
        for key, values in request.GET.lists():
            if not all(_usable(text) for text in (key, *values)):
                return HttpResponseBadRequest("A query-string parameter is not usable.")
        try:
            response = super().changelist_view(request, extra_context)
            if isinstance(response, TemplateResponse):
                response.render()
        except (ValueError, OverflowError):
            return HttpResponseBadRequest("A filter's value is not usable.")
        return response
