"""TextQuoteSelectors built for the publisher's page: one paragraph's context, white space
collapsed, at most 32 UTF-16 units (diff-match-patch's pattern limit) each side.

The browser judges (Apache Annotator, dom-anchor-text-quote) are in
tests/browser/test_anchoring.py; these pin the properties over any text.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from factbase.anchoring import (
    CONTEXT_UTF16_UNITS,
    annotation_build,
    quote_context,
    quote_exact,
    text_quote_selector,
)
from factbase.errors import InvalidValue
from factbase.models import Annotation, Article, Claim

SEED = next((Path(__file__).parents[2] / "seeds").glob("*.txt"))
HTML_BLANK = re.compile(r"[ \t\n\r\f]+")


def utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def collapsed(paragraph: str) -> str:
    """What a page's markup holds for a paragraph (as the browser tests render it)."""
    return HTML_BLANK.sub(" ", paragraph).strip(" ")


# Words of letters, digits, punctuation, emoji and other astral characters, &nbsp; and
# curly quotes, with any run of HTML white space between them, in lines and paragraphs.
_chars = st.sampled_from(
    "ab\u00e9\u4e2d1.,\u2019\u201c\u201d\u00a0\u2014\U0001f525\U0001f1eb\U0001f1f7"
    "\U0001d400\u200d\ufe0f\u0301"
)
_words = st.text(_chars, min_size=1, max_size=12)
_gaps = st.text(" \t\f", min_size=1, max_size=3)
_lines = st.lists(st.tuples(_words, _gaps), min_size=1, max_size=12).map(
    lambda parts: "".join(w + g for w, g in parts)
)
_breaks = st.sampled_from(["\n", "\n\n", "\n \n", "\n\t\n\n"])
articles = st.lists(st.tuples(_lines, _breaks), min_size=1, max_size=6).map(
    lambda parts: "".join(line + brk for line, brk in parts)
)


@st.composite
def spans_in_a_paragraph(draw: st.DrawFn) -> tuple[str, int, int]:
    """An article and a span of non-blank words inside one of its lines."""
    text = draw(articles)
    lines = [m for m in re.finditer(r"[^\n]+", text) if m.group().strip(" \t\f")]
    line = draw(st.sampled_from(lines))
    start = draw(st.integers(line.start(), line.end() - 1))
    end = draw(st.integers(start + 1, line.end()))
    if not text[start:end].strip(" \t\f"):
        start, end = line.start(), line.end()
    return text, start, end


@st.composite
def any_spans(draw: st.DrawFn) -> tuple[str, int, int]:
    text = draw(st.text(min_size=1, max_size=300) | articles)
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, len(text)))
    return text, start, end


def _line_around(text: str, start: int, end: int) -> str:
    line_end = text.find("\n", end)
    return text[text.rfind("\n", 0, start) + 1 : len(text) if line_end < 0 else line_end]


@given(spans_in_a_paragraph())
@example(("\U0001f525" * 40 + " Rivers rose.", 41, 53))
@example(("a" * 31 + "\U0001f525 Rivers rose.", 33, 45))
def test_the_quote_reads_as_a_piece_of_its_collapsed_paragraph(
    case: tuple[str, int, int],
) -> None:
    text, start, end = case
    prefix, suffix = quote_context(text, start, end)
    exact = quote_exact(text[start:end])
    paragraph = collapsed(_line_around(text, start, end))
    assert prefix + exact + suffix in paragraph
    assert exact == collapsed(text[start:end])


@given(spans_in_a_paragraph())
def test_the_context_is_as_long_as_the_limit_allows(case: tuple[str, int, int]) -> None:
    text, start, end = case
    prefix, suffix = quote_context(text, start, end)
    span = text[start:end]
    words_start = start + len(span) - len(span.lstrip(" \t\f"))
    words_end = end - (len(span) - len(span.rstrip(" \t\f")))
    line = _line_around(text, start, end)
    line_start = text.rfind("\n", 0, start) + 1
    before = HTML_BLANK.sub(" ", text[line_start:words_start]).lstrip(" ")
    after = HTML_BLANK.sub(" ", text[words_end : line_start + len(line)]).rstrip(" ")
    assert before.endswith(prefix)
    if prefix != before:
        assert utf16_units(before[-len(prefix) - 1] + prefix) > CONTEXT_UTF16_UNITS
    assert after.startswith(suffix)
    if suffix != after:
        assert utf16_units(suffix + after[len(suffix)]) > CONTEXT_UTF16_UNITS


@given(any_spans())
@example(("a\n\nb", 0, 4))
@example((" \n ", 1, 2))
def test_context_never_crosses_a_paragraph_and_fits_a_bitap_pattern(
    case: tuple[str, int, int],
) -> None:
    text, start, end = case
    for context in quote_context(text, start, end):
        assert "\n" not in context
        assert utf16_units(context) <= CONTEXT_UTF16_UNITS
        assert not re.search(r"[\t\r\f]|  ", context)
        # Whole code points only: no lone surrogate from a split pair.
        context.encode("utf-16-le")
        assert len(context) <= Annotation._meta.get_field("prefix").max_length


def test_the_seed_article_gives_context_without_paragraph_breaks() -> None:
    text = SEED.read_text(encoding="utf-8").strip()
    start = text.index("Macron hosted the leaders of nearly 30 countries")
    end = text.index(".", start) + 1
    prefix, suffix = quote_context(text, start, end)
    assert prefix == ""
    assert suffix == " The summit comes at a crucial j"


def test_an_emoji_counts_two_units_and_is_never_split() -> None:
    text = "\U0001f525" * 20 + " It burned."
    start = text.index("It")
    prefix, _ = quote_context(text, start, len(text))
    assert prefix == "\U0001f525" * 15 + " "
    assert utf16_units(prefix) == 31


def test_nbsp_is_kept_and_html_white_space_collapsed() -> None:
    text = "Officials\u00a0said  the\tforce would have\n10,000 troops."
    start = text.index("said")
    end = text.index("have") + 4
    assert quote_exact(text[start:end]) == "said the force would have"
    assert quote_context(text, start, end) == ("Officials\u00a0", "")


def test_the_selector_leaves_out_empty_context() -> None:
    article = Article(text="First sentence.\n\nSecond  one here.")
    claim = Claim(text="x")
    first = annotation_build(article=article, claim=claim, start=0, end=15)
    assert text_quote_selector(first) == {"type": "TextQuoteSelector", "exact": "First sentence."}
    second = annotation_build(article=article, claim=claim, start=17, end=27)
    assert second.exact == "Second  on"
    assert text_quote_selector(second) == {
        "type": "TextQuoteSelector",
        "exact": "Second on",
        "suffix": "e here.",
    }


@pytest.mark.parametrize("span", [(-1, 3), (3, 3), (0, 99)])
def test_a_span_outside_the_article_is_refused(span: tuple[int, int]) -> None:
    with pytest.raises(InvalidValue):
        annotation_build(
            article=Article(text="Short text."), claim=Claim(), start=span[0], end=span[1]
        )


def _context_by_definition(text: str, start: int, end: int) -> tuple[str, str]:
    """quote_context read off the whole paragraph, the slow way: its definition."""
    span = text[start:end]
    words = span.strip(" \t\n\r\f")
    if words:
        start += len(span) - len(span.lstrip(" \t\n\r\f"))
        end = start + len(words)
    line_end = text.find("\n", end)
    before = HTML_BLANK.sub(" ", text[text.rfind("\n", 0, start) + 1 : start]).lstrip(" ")
    after = HTML_BLANK.sub(" ", text[end : len(text) if line_end < 0 else line_end]).rstrip(" ")
    tail, head = "", ""
    for char in reversed(before):
        if utf16_units(char + tail) > CONTEXT_UTF16_UNITS:
            break
        tail = char + tail
    for char in after:
        if utf16_units(head + char) > CONTEXT_UTF16_UNITS:
            break
        head += char
    return tail, head


@st.composite
def spans_in_long_lines(draw: st.DrawFn) -> tuple[str, int, int]:
    """Lines much longer than the context, with long runs of white space, in paragraphs."""
    gaps = st.text(" \t\f", min_size=1, max_size=300)
    line = st.lists(st.tuples(_words, gaps), min_size=1, max_size=40).map(
        lambda parts: "".join(w + g for w, g in parts)
    )
    parts = draw(st.lists(st.tuples(line, _breaks), min_size=1, max_size=3))
    text = "".join(a + b for a, b in parts)
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, len(text)))
    return text, start, end


@given(any_spans() | spans_in_long_lines())
@example(("x" * 500 + " " * 400 + "quote" + " " * 400 + "y" * 500, 1300, 1305))
def test_the_context_is_read_off_a_window_exactly_as_off_the_whole_paragraph(
    case: tuple[str, int, int],
) -> None:
    text, start, end = case
    assert quote_context(text, start, end) == _context_by_definition(text, start, end)


def test_context_reads_a_bounded_window_however_long_the_paragraph(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # One paragraph of 20,000 sentences (an article pasted without line breaks): reading
    # each quote's context off the whole paragraph collapsed it 20,000 times (about 5
    # minutes for 570,000 characters). Count what is collapsed instead of timing it.
    import factbase.anchoring as anchoring

    read = 0
    collapse = anchoring._collapse

    def counted(text: str) -> str:
        nonlocal read
        read += len(text)
        return collapse(text)

    monkeypatch.setattr(anchoring, "_collapse", counted)
    text = " ".join(f"Sentence {i} has 4% words." for i in range(20_000))
    starts = range(0, len(text) - 30, 2_800)
    for start in starts:
        quote_context(text, start, start + 20)
    assert read <= len(starts) * 256  # two windows of 128 characters each
