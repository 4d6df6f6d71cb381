"""W3C TextQuoteSelectors that anchor on the publisher's page, not only in our text.

The stored article text keeps the article's line structure: the ingest paths write one
block (paragraph, heading, list item) per line, and the detector never lets a sentence
cross a line. A news site renders each of those blocks as its own element, and the page
text a client searches (the concatenated text nodes: Apache Annotator's matcher,
dom-anchor-text-quote) has no line break between them, or some other white space, or
none at all. So a quote's context comes from its own paragraph only, with white space
collapsed as it is in the page's markup, and the `exact` words likewise.

Clients of the Hypothesis lineage anchor fuzzily with diff-match-patch, whose bitap
patterns are at most 32 bits, one per UTF-16 code unit of the pattern: a longer prefix
or suffix makes them throw ("Pattern too long"). Python counts code points, so an emoji
is one character here and two units there; context is measured in UTF-16 units and cut
between code points, never inside a surrogate pair.

The TextPositionSelector is unchanged: code points (the W3C model) in the article text
the API serves. Only the quote is meant for the publisher's page.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from factbase.errors import InvalidValue
from factbase.models import Annotation

if TYPE_CHECKING:
    from factbase.models import Article, Claim

# diff-match-patch's Match_MaxBits: the longest pattern its bitap search accepts.
CONTEXT_UTF16_UNITS = 32

# The white space HTML and CSS collapse. Not U+00A0 (&nbsp;) or the other Unicode
# spaces, which a browser keeps as they are, and which Python's str.split() would eat.
_BLANK = re.compile(r"[ \t\n\r\f]+")
_LINE_BREAK = "\n"


def _utf16_units(char: str) -> int:
    return 2 if ord(char) > 0xFFFF else 1


def _collapse(text: str) -> str:
    return _BLANK.sub(" ", text)


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")  # two UTF-16 units each


def _units(text: str) -> int:
    return len(text) + len(_ASTRAL.findall(text))


def _tail(text: str) -> str:
    """The longest end of `text` that is at most CONTEXT_UTF16_UNITS UTF-16 units."""
    last = text[-CONTEXT_UTF16_UNITS:]
    if not _ASTRAL.search(last):
        return last  # one unit a character
    units, cut = 0, len(text)
    while cut > 0 and units + _utf16_units(text[cut - 1]) <= CONTEXT_UTF16_UNITS:
        cut -= 1
        units += _utf16_units(text[cut])
    return text[cut:]


def _head(text: str) -> str:
    """The longest start of `text` that is at most CONTEXT_UTF16_UNITS UTF-16 units."""
    first = text[:CONTEXT_UTF16_UNITS]
    if not _ASTRAL.search(first):
        return first
    units, cut = 0, 0
    while cut < len(text) and units + _utf16_units(text[cut]) <= CONTEXT_UTF16_UNITS:
        units += _utf16_units(text[cut])
        cut += 1
    return text[:cut]


# Context is read from a window of the text around the quote, widened while it is too short,
# so that a quote in a paragraph of a million characters costs what one in a short one
# does. Collapsed, a window of more units than the context takes ends (or starts) exactly as
# the whole paragraph would: a white-space run cut at its edge still collapses to one space.
_WINDOW = 4 * CONTEXT_UTF16_UNITS
_ENOUGH = CONTEXT_UTF16_UNITS + 2


def _context_before(text: str, start: int) -> str:
    width = _WINDOW
    while True:
        low = max(0, start - width)
        line = text.rfind(_LINE_BREAK, low, start)
        if line >= 0 or low == 0:  # the paragraph starts in the window
            return _tail(_collapse(text[line + 1 : start]).lstrip(" "))
        piece = _collapse(text[low:start])
        if _units(piece) >= _ENOUGH:
            return _tail(piece)
        width *= 2


def _context_after(text: str, end: int) -> str:
    width = _WINDOW
    while True:
        high = min(len(text), end + width)
        line = text.find(_LINE_BREAK, end, high)
        if line >= 0 or high == len(text):  # the paragraph ends in the window
            return _head(_collapse(text[end : high if line < 0 else line]).rstrip(" "))
        piece = _collapse(text[end:high])
        if _units(piece) >= _ENOUGH:
            return _head(piece)
        width *= 2


def quote_exact(exact: str) -> str:
    """The quoted words as the page shows them: white space collapsed, ends trimmed.

    The stored `exact` stays text[start:end] (a database constraint holds it to the
    span); this is what a TextQuoteSelector carries. Words that are nothing but white
    space are left as they are rather than quoted as nothing.
    """
    collapsed = _collapse(exact).strip(" ")
    return collapsed or exact


def quote_context(text: str, start: int, end: int) -> tuple[str, str]:
    """The TextQuoteSelector prefix and suffix around text[start:end], for a page.

    Each comes from the quote's own paragraph (never across a line break), with white
    space collapsed and the paragraph's ends trimmed as the page's markup has them, and
    is at most 32 UTF-16 units. Read in order with quote_exact(text[start:end]) they are
    a piece of the collapsed paragraph, for words within one paragraph.
    """
    span = text[start:end]
    words = span.strip(" \t\n\r\f")
    if words:
        # White space around the words belongs to the context, where it collapses.
        start += len(span) - len(span.lstrip(" \t\n\r\f"))
        end = start + len(words)
    return _context_before(text, start), _context_after(text, end)


def annotation_build(*, article: Article, claim: Claim, start: int, end: int) -> Annotation:
    """An unsaved Annotation of article.text[start:end], validated against the text."""
    if not 0 <= start < end <= len(article.text):
        raise InvalidValue(
            f"The span {start}..{end} is outside the article (0..{len(article.text)}).",
            field="annotation",
        )
    prefix, suffix = quote_context(article.text, start, end)
    return Annotation(
        claim=claim,
        article=article,
        start=start,
        end=end,
        exact=article.text[start:end],
        prefix=prefix,
        suffix=suffix,
    )


def text_quote_selector(annotation: Annotation) -> dict[str, Any]:
    """The W3C TextQuoteSelector of an annotation, for anchoring on the publisher's page.

    An empty prefix or suffix is left out rather than sent as "": dom-anchor-text-quote
    takes an empty prefix as found, at the middle of the page, and anchors from there.
    """
    selector: dict[str, Any] = {"type": "TextQuoteSelector", "exact": quote_exact(annotation.exact)}
    if annotation.prefix:
        selector["prefix"] = annotation.prefix
    if annotation.suffix:
        selector["suffix"] = annotation.suffix
    return selector
