"""Attribution and non-claims of rules/9, written against the eighth held-out set once it
joined the tuning set: a business named by its brand ("Vell Air"), a description of the
sentence's own subject ("..., the airline said"), a lede's unnamed body named later, a
document of "its", members of a body named by a lower-case word ("a council
spokesperson"), speech acts that are no claims but still have a speaker (apologies,
descriptions as, calls on someone), and plans. Every text is invented; each case failed
on rules/8."""

from __future__ import annotations

import pytest

from factbase import detect
from tests.factbase.detect_cases import claimant_of as _claimant_of
from tests.factbase.detect_cases import proposed as _proposed

# --- Businesses and their descriptions ---------------------------------------------------

_AIRLINE = (
    "Tarnwick Air cancelled 310 flights on Monday as baggage handlers walked out, the"
    " airline said.\n\n"
    "The carrier said most of the flights were to and from Osterlund.\n\n"
    "It said it had offered refunds to 40,000 passengers.\n\n"
    "The Vell Aviation Authority said 12% of flights in the country were hit. The"
    " passengers\u2019 group Fair Skies said only 20% of claims were paid.\n\n"
    "The carrier disputed that figure, saying it had paid 61% of valid claims."
)


@pytest.mark.parametrize(
    "opening",
    ["Tarnwick Air cancelled", "The carrier said", "It said it had", "The carrier disputed"],
)
def test_a_brand_named_airline_is_the_carrier_and_it(opening: str) -> None:
    assert _claimant_of(_AIRLINE, opening) == "Tarnwick Air"


def test_a_description_of_the_sentence_subject_is_that_body() -> None:
    text = "Corvin Stores closed 45 shops in March, the retailer said."
    assert _claimant_of(text, "Corvin Stores") == "Corvin Stores"


def test_a_description_does_not_take_a_person_subject() -> None:
    text = "Ana Kort scored twice in the final, the club said."
    assert _claimant_of(text, "Ana Kort") == "club"


# --- A lede's body named later -----------------------------------------------------------

_INQUIRY = (
    "Nineteen patients died at the Vell clinic in cases that were avoidable, an"
    " independent inquiry found on Monday.\n\n"
    "The Osterlund Clinic Inquiry, which was set up by the health ministry in 2022,"
    " examined 400 cases.\n\n"
    "Its 200-page report found that staff had raised concerns 31 times.\n\n"
    "On one night in May, the report said, two nurses cared for 40 patients."
)


@pytest.mark.parametrize(
    "opening", ["Nineteen patients", "Its 200-page report", "On one night in May"]
)
def test_a_lede_inquiry_is_the_inquiry_named_next(opening: str) -> None:
    assert _claimant_of(_INQUIRY, opening) == "Osterlund Clinic Inquiry"


# --- Members of a body named by a lower-case word ------------------------------------------


def test_a_council_spokesperson_speaks_for_the_council() -> None:
    text = (
        "Tarnwick City Council raised its charges by 5% on Monday.\n\n"
        "A council spokesperson said the rise covered 14 services."
    )
    assert _claimant_of(text, "A council spokesperson") == "Tarnwick City Council"


def test_a_role_given_at_the_end_of_a_sentence_is_held_later() -> None:
    text = (
        "The bill includes a share for policing, which is set by the police and crime"
        " commissioner, Mara Vellacott.\n\n"
        "The commissioner said burglaries had fallen by 12%."
    )
    assert _claimant_of(text, "The commissioner said") == "Mara Vellacott"


# --- Speech acts with a speaker and no claim -----------------------------------------------


@pytest.mark.parametrize(
    ("text", "opening", "claimant"),
    [
        (
            "The opposition leader, Piet Ostry, described the budget as \u201ca raid on the"
            " poor\u201d.",
            "The opposition leader",
            "Piet Ostry",
        ),
        (
            "The chief executive of the Vell and Tarn Water Trust, Ines Corvin, apologised to"
            " 2,000 customers in a statement.",
            "The chief executive",
            "Ines Corvin",
        ),
        (
            "Tarnwick Air said 300 flights were cancelled. Its chief executive, Lio Marsk,"
            " called on the union to return to talks.",
            "Its chief executive",
            "Lio Marsk",
        ),
    ],
)
def test_speech_acts_that_are_no_claims_keep_their_speaker(
    text: str, opening: str, claimant: str
) -> None:
    assert _claimant_of(text, opening) == claimant
    assert not _proposed(text, opening)


@pytest.mark.parametrize(
    "text",
    [
        "The chair, Ana Kort, spoke on Monday. She called for the ward to be closed for two years.",
        "The Vell Care Agency said on Monday that it would inspect the clinic again before"
        " the end of the year.",
        "Ana Kort said the inquiry would publish a second report on the deaths in the spring.",
        "The transport minister, Ana Kort, said the strike was \u201cunjustified\u201d and"
        " that the staff had been made a \u201cfair\u201d offer.",
        "The health minister, Ana Kort, told MPs that the findings were \u201cshocking and"
        " shameful\u201d.",
    ],
)
def test_calls_plans_and_quoted_judgements_are_not_proposed(text: str) -> None:
    last = detect.score(text)[-1]
    assert not _proposed(text, last.text[:20])


def test_a_plan_with_a_figure_to_check_is_still_proposed() -> None:
    text = "The minister said the government would release an emergency fund of 50m euros."
    assert _proposed(text, "The minister said")
