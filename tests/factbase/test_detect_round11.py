"""Attribution and non-claims of rules/11, written against the tenth held-out set once it
joined the tuning set: more trade words of businesses ("Vell Steel"), the role "MP" in
capitals, a passive agent ("It was announced by X that"), a body's acronym in brackets and
later alone, a lede's body described after a headline line, a role in apposition after a
possessive ("the agency's operations director"), a country's possessive before a body, a
plural before a participle clause ("Nurses employed by ... said") and later "the X
groups", documents issued on a day at the end of a sentence, "the figures" and "its
breakdown" of a body named before; and next steps and judgements that are no claims.
Every text is invented. 14 of the 16 cases failed on rules/10; the two that passed (a
next step of travel, a lede under a headline line) guard the new rules' neighbours."""

from __future__ import annotations

import pytest

from tests.factbase.detect_cases import claimant_of as _claimant_of
from tests.factbase.detect_cases import proposed as _proposed

# --- Bodies -------------------------------------------------------------------------------

_MILL = (
    "Vell Steel will shut its Tarn mill with the loss of 800 jobs, the company said on"
    " Monday.\n\n"
    "It said the mill had lost 2 million euros a week since January."
)


@pytest.mark.parametrize("opening", ["Vell Steel will", "It said the mill"])
def test_a_steel_maker_is_the_company_and_it(opening: str) -> None:
    assert _claimant_of(_MILL, opening) == "Vell Steel"


def test_the_mp_is_the_person_introduced_as_the_mp() -> None:
    text = (
        "Ana Kort, the MP for Tarn Vale and chair of the transport committee, said the line"
        " carried 9,000 people a day.\n\n"
        "\u201cThe town has been ignored for ten years,\u201d the MP said."
    )
    assert _claimant_of(text, "\u201cThe town") == "Ana Kort"


def test_a_passive_agent_is_the_speaker() -> None:
    text = "It was announced by the Tarn Rail Agency that 40 trains would be withdrawn in May."
    assert _claimant_of(text, "It was announced") == "Tarn Rail Agency"


def test_an_acronym_in_brackets_names_the_body_later() -> None:
    text = (
        "In its yearly review, the Tarn Rail Agency (TRA) said 12% of trains were late.\n\n"
        "That total was disclosed by TRA, which said 3% were cancelled."
    )
    assert _claimant_of(text, "In its yearly") == "Tarn Rail Agency"
    assert _claimant_of(text, "That total") == "Tarn Rail Agency"


def test_a_lede_body_under_a_headline_is_the_body_named_next() -> None:
    text = (
        "Rail agency warns of summer delays\n\n"
        "More than 3,000 trains ran late in May, a Tarn Valley rail agency said on Monday.\n\n"
        "In its monthly report, the Tarn Valley Rail Agency said 40 drivers had left."
    )
    assert _claimant_of(text, "More than 3,000") == "Tarn Valley Rail Agency"


def test_a_role_after_a_possessive_in_apposition_is_held_later() -> None:
    text = (
        "\u201cWe need 200 more drivers,\u201d said Ana Kort, the agency\u2019s operations"
        " director, who joined last year.\n\n"
        "The operations director said 14% of posts were empty."
    )
    assert _claimant_of(text, "The operations director") == "Ana Kort"


def test_a_country_s_possessive_before_a_body_is_not_the_speaker() -> None:
    text = "Exports fell by 4% last year, according to Vell\u2019s National Statistics Bureau."
    assert _claimant_of(text, "Exports fell") == "National Statistics Bureau"


@pytest.mark.parametrize(
    ("text", "opening", "claimant"),
    [
        (
            "Nurses employed by 40 of the city\u2019s clinics said they had not been paid for"
            " three months.",
            "Nurses employed",
            "Nurses",
        ),
        (
            "Aid charities working in Tarn, among them Vell Aid and the Corvin Trust, said 30 of"
            " their vans had been stopped.\n\n"
            "Some drivers were held for three days, the aid groups said.",
            "Some drivers",
            "Aid charities",
        ),
    ],
)
def test_a_plural_before_a_participle_clause_is_the_speaker(
    text: str, opening: str, claimant: str
) -> None:
    assert _claimant_of(text, opening) == claimant


_BOARD = (
    "Rents rose by 9% in the year to March, housing board figures released on Monday"
    " show.\n\n"
    "The average rent reached 1,200 euros a month, the Vell Housing Board said. The figures"
    " show that 40% of tenants spent more than a third of their pay on rent. Its breakdown"
    " shows that rents in Tarn rose by 14%.\n\n"
    "The board\u2019s review of evictions since 2015 found that 12% followed a rent rise."
)


@pytest.mark.parametrize(
    "opening", ["Rents rose", "The figures show", "Its breakdown", "The board\u2019s review"]
)
def test_a_body_s_figures_breakdown_and_review_are_its(opening: str) -> None:
    assert _claimant_of(_BOARD, opening) == "Vell Housing Board"


# --- Words that are no claims ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The ministry said officials would travel to the site next week to meet residents.",
        "The minister, Ana Kort, said the ruling showed \u201ca court that has lost its way\u201d.",
    ],
)
def test_next_steps_and_quoted_judgements_are_not_proposed(text: str) -> None:
    assert not _proposed(text, text[:20])
