"""Article text as HTML with the words of claims marked and linked to their pages."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from factbase.admin.common import claim_url
from factbase.models import Claim


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
        claim_url(claim.pk),
        title,
        words,
    )


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The paragraph (line) of text that holds text[start:end]."""
    stop = text.find("\n", end)
    return text.rfind("\n", 0, start) + 1, len(text) if stop == -1 else stop
