"""The review log, read-only."""

from __future__ import annotations

from django.contrib import admin
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.text import Truncator

from factbase.admin.common import ADMIN_CSS, ReadOnlyAdmin, SafeChangelist, claim_url
from factbase.models import ReviewEvent


class ReviewEventAdmin(ReadOnlyAdmin, SafeChangelist):
    """The append-only log: readable by the desk, writable by no one, superusers included."""

    list_display = (
        "created_at",
        "claim_link",
        "action",
        "status_change",
        "to_verdict",
        "actor_name",
    )
    list_filter = ("action", "to_status")
    list_select_related = ("claim",)
    search_fields = ("claim__text", "note")
    date_hierarchy = "created_at"
    actions = None

    class Media:
        css = ADMIN_CSS

    @admin.display(description="Claim")
    def claim_link(self, event: ReviewEvent) -> SafeString:
        return format_html(
            '<a href="{}">{}</a>', claim_url(event.claim_id), Truncator(event.claim.text).chars(80)
        )

    @admin.display(description="Status")
    def status_change(self, event: ReviewEvent) -> str:
        if event.from_status == event.to_status:
            return event.get_to_status_display()
        return f"{event.get_from_status_display()} → {event.get_to_status_display()}"
