"""Other fact-checkers' fact-checks, imported for matching: read in the desk, never edited."""

from __future__ import annotations

from django.contrib import admin
from django.utils.html import format_html
from django.utils.safestring import SafeString

from factbase.admin.common import ADMIN_CSS, ReadOnlyAdmin, SafeChangelist
from factbase.models import ExternalFactCheck


class ExternalFactCheckAdmin(ReadOnlyAdmin, SafeChangelist):
    """Always shown with its publisher: another organisation's work, never ours."""

    list_display = ("publisher", "claim_reviewed", "rating", "claimant", "published_at", "link")
    list_filter = ("publisher",)
    search_fields = ("claim_reviewed", "title", "claimant")
    actions = None

    class Media:
        css = ADMIN_CSS

    @admin.display(description="Fact-check")
    def link(self, check: ExternalFactCheck) -> SafeString | str:
        if not check.url:
            return check.identifier or ""
        return format_html('<a href="{}" rel="noopener noreferrer">{}</a>', check.url, "read")
