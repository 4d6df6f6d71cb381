"""Splitting, attribution and non-claims of rules/13, written against the twelfth held-out
set once it joined the tuning set: a sentence of reported speech after a quote that ends
in a full stop, a body's description before its possessive ("the combined authority's
own figures"), bulletins and accounts "for" a year, a role given in a "who became" clause
and after a "Dr", a barrister's "KC", a compass word in a place's name, a person before a
"whose" clause, a bereaved families' group as a members' body; and names given in
quotation marks ("called the figure \u201ca smokescreen\u201d") and requests ("asks the
mayor to withdraw"), which are no claims. Every text is invented; the cases that failed on
rules/12 are counted in the last line of this docstring: 10 of 12.
"""

from __future__ import annotations

import pytest

from factbase import detect
from tests.factbase.detect_cases import claimant_of as _claimant_of
from tests.factbase.detect_cases import proposed as _proposed


def test_reported_speech_after_a_quote_ending_in_a_full_stop_is_its_own_sentence() -> None:
    text = (
        "\u201cWe need the right homes, with a school to go with them.\u201d Ana Kort said"
        " the district had approved 2,300 homes in three years."
    )
    starts = [text[s:e] for s, e in detect.split_sentences(text)]
    assert starts[1].startswith("Ana Kort said the district")


@pytest.mark.parametrize(
    ("text", "opening", "claimant"),
    [
        (
            "The Tarn Combined Authority said 400 homes were built.\n\n"
            "According to the combined authority\u2019s own figures, only 31% were affordable.",
            "According to",
            "Tarn Combined Authority",
        ),
        (
            "The Vell Data Office said 9% more patients waited.\n\n"
            "The office\u2019s bulletin shows that 38,900 waited more than a year.",
            "The office\u2019s bulletin",
            "Vell Data Office",
        ),
        (
            "The Corvin Hospitals Trust said it had 19 theatres.\n\n"
            "The trust\u2019s accounts for 2024 show it paid 11m euros to private clinics.",
            "The trust\u2019s accounts",
            "Corvin Hospitals Trust",
        ),
        (
            "Dr Ana Kort, who became the trust\u2019s chief executive in January, said two"
            " theatres were shut. \u201cWe cut our waits from 1,240 to 310,\u201d the chief"
            " executive said.",
            "\u201cWe cut",
            "Ana Kort",
        ),
        (
            "Piet Ostry KC, for Tarn Ferries, told the court the ship passed its survey in May."
            " He denied that the seal had been patched, saying a new one was ordered in 2022.",
            "He denied",
            "Piet Ostry",
        ),
        (
            "Piet Ostry, whose son Ivo, 16, died, said 11 passengers drowned.",
            "Piet Ostry",
            "Piet Ostry",
        ),
        (
            "Tarn Ferries ran 40 crossings a day. The Vell Families Group said 11 people died."
            "\n\nThe company said in a statement that crew hours were within the law.",
            "The company said",
            "Tarn Ferries",
        ),
    ],
)
def test_claimant(text: str, opening: str, claimant: str) -> None:
    assert _claimant_of(text, opening) == claimant


def test_a_place_named_with_a_compass_word_is_no_person() -> None:
    text = (
        "Piet Ostry KC told the court the crew had trained in May. Ivo Marsk, who lives in West"
        " Corvin, gave evidence later. He denied that the alarm had failed."
    )
    assert _claimant_of(text, "He denied") == "Ivo Marsk"


@pytest.mark.parametrize(
    "text",
    [
        "Ana Kort, the shadow health secretary, called the strike figure \u201ca"
        " smokescreen\u201d.",
        "The letter asks Mayor Kort to withdraw the figure before the board votes next month.",
    ],
)
def test_names_in_quotes_and_requests_are_not_proposed(text: str) -> None:
    assert not _proposed(text, text[:20])


def test_a_name_in_quotes_with_a_claim_after_it_is_still_proposed() -> None:
    text = (
        "The charity called the figures \u201ca national emergency\u201d and estimated that"
        " councils were spending 2.6bn euros a year on temporary homes."
    )
    assert _proposed(text, text[:20])
