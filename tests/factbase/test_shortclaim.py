"""The short claim: reported content without its attribution, quotes or leading symbols."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factbase.shortclaim import MAX_CHARS, short_claim


@pytest.mark.parametrize(
    ("text", "short"),
    [
        (
            "\u201cWe will hire 40 new teachers,\u201d Mayor Dana Ortiz said.",
            "We will hire 40 new teachers",
        ),
        ('"Prices will fall," said the minister.', "Prices will fall"),
        (
            "Unemployment fell to 4%, the minister told reporters on Friday.",
            "Unemployment fell to 4%",
        ),
        ("Critics said the plan would raise taxes by 3%.", "The plan would raise taxes by 3%."),
        ("According to the ministry, unemployment fell by 3%.", "Unemployment fell by 3%."),
        (
            "Zelenskyy told reporters that allies might announce new aid.",
            "Allies might announce new aid.",
        ),
        (
            "\U0001f6a8 \u201cThe bridge will open in May,\u201d he said.",
            "The bridge will open in May",
        ),
        # Not reported speech: left as it is.
        (
            "The council approved a budget of $12 million.",
            "The council approved a budget of $12 million.",
        ),
        (
            "The United States did not take part in the summit.",
            "The United States did not take part in the summit.",
        ),
        ("On 25 March the US announced a deal.", "On 25 March the US announced a deal."),
    ],
)
def test_reported_speech_loses_its_attribution(text: str, short: str) -> None:
    assert short_claim(text) == short


def test_a_long_claim_is_cut_at_a_boundary() -> None:
    long = "The budget " + "rose and fell, " * 30 + "officials said."
    short = short_claim(long)
    assert len(short) <= MAX_CHARS
    assert short.endswith("\u2026")


@given(st.text(min_size=1, max_size=400))
def test_any_text_gives_a_bounded_statement_without_a_leading_symbol(text: str) -> None:
    short = short_claim(text)
    assert len(short) <= MAX_CHARS
    if short.strip():
        first = short[0]
        assert unicodedata.category(first) not in {"So", "Sk", "Cf", "Zs"} or short == text.strip()
        assert first not in "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb" or short == text.strip()
