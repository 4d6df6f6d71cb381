"""Attribution and non-claims of rules/12, written against the eleventh held-out set once
it joined the tuning set: a company's board, a body's name used before its document
("according to ministry data"), a person before an apposition and a "who" aside, an
apposition opening with a body's possessive, a quantified plural before a relative
clause, a panel, an analyst's note; and a concern and a judgement quoted right after its
subject, which are no claims. Every text is invented; 8 of the 9 cases failed on rules/11
(the board's company, "Tarn Dairies" itself a subject, passed).
"""

from __future__ import annotations

import pytest

from tests.factbase.detect_cases import claimant_of as _claimant_of
from tests.factbase.detect_cases import proposed as _proposed


@pytest.mark.parametrize(
    ("text", "opening", "claimant"),
    [
        (
            "Tarn Dairies rejected a bid of 4 euros a share, worth 30% more than its price on"
            " Friday, the board said in a statement.",
            "Tarn Dairies",
            "Tarn Dairies",
        ),
        (
            "The Vell Health Ministry said 300 clinics had closed.\n\n"
            "According to ministry data, 12% of nurses left in 2024.",
            "According to ministry",
            "Vell Health Ministry",
        ),
        (
            "Dr Ana Kort, a physicist at the Tarn Institute of Science in Vell, who was not"
            " involved in the study, said 14 of the samples were dust.",
            "Dr Ana Kort",
            "Ana Kort",
        ),
        (
            "The Corvin Pension Fund, Tarnwick\u2019s largest shareholder with a stake of about"
            " 8%, told the newspaper that it had sold 2% of its shares.",
            "The Corvin Pension Fund",
            "Corvin Pension Fund",
        ),
        (
            "Several nurses who were suspended said they had been paid 20% less than agency staff.",
            "Several nurses",
            "nurses",
        ),
        (
            "The Vell Complaints Panel opened an inquiry in May.\n\n"
            "It was confirmed by the panel on Monday that 40 complaints had been upheld.",
            "It was confirmed",
            "Vell Complaints Panel",
        ),
        (
            "Analysts at Corvin Securities wrote in a note to clients that the offer was 12% too"
            " low.\n\nAccording to the note, the shares had fallen by 30% since 2021.",
            "According to the note",
            "Corvin Securities",
        ),
    ],
)
def test_claimant(text: str, opening: str, claimant: str) -> None:
    assert _claimant_of(text, opening) == claimant


@pytest.mark.parametrize(
    "text",
    [
        "The Vell Bakers\u2019 Union said it was worried that a new owner would load the"
        " bakery with debt and close sites.",
        "Ana Kort, the president\u2019s spokeswoman, said the rebels \u201clost and cannot accept"
        " it\u201d.",
    ],
)
def test_concerns_plans_and_quoted_judgements_are_not_proposed(text: str) -> None:
    assert not _proposed(text, text[:20])
