"""Attribution and non-claims of rules/10, written against the ninth held-out set once it
joined the tuning set: a drug maker named by its trade word ("Vell Pharma") and "the
company" after its possessive, a paper by researchers at a body and "the paper" later, a
pollster, a document "published by" a body after "according to", a person introduced by
inversion ("Among the critics was X, the ..., who said"), and words that are no claims:
a speaker's next step in quotation marks, a plan told to reporters, "too early to say",
a judgement in quotation marks after a verb other than "be", an accusation made of
quoted words, and a recommendation ("should be linked"). Every text is invented. 13 of
the 22 cases failed on rules/9; the other 9 pass on both: the neighbours that must stay
proposed, and invented variants of the ninth set's non-claims that rules/9 already left
out (kept as guards of the new rules)."""

from __future__ import annotations

import pytest

from factbase import detect
from tests.factbase.detect_cases import claimant_of as _claimant_of
from tests.factbase.detect_cases import proposed as _proposed

# --- Bodies and their documents -------------------------------------------------------------

_DRUG = (
    "Tarnwick Pharma\u2019s new heart drug cut deaths by 21% in a trial of 4,000 adults,"
    " the company said on Monday.\n\n"
    "The company said the trial ran at 90 hospitals in 11 countries.\n\n"
    "A paper published on Monday in the Vell Journal of Medicine by researchers at"
    " Tarnwick reported that 14 patients had a stroke.\n\n"
    "The paper also found that 31 patients stopped taking the drug because of side"
    " effects."
)


@pytest.mark.parametrize(
    "opening", ["Tarnwick Pharma", "The company said", "A paper published", "The paper also"]
)
def test_a_drug_maker_is_the_company_and_its_researchers_paper(opening: str) -> None:
    assert _claimant_of(_DRUG, opening) == "Tarnwick Pharma"


def test_the_pollster_is_the_body_that_ran_the_poll() -> None:
    text = (
        "A poll of 1,200 adults by Osterlund Research found that 58% opposed the plan.\n\n"
        "Among people over 65, opposition rose to 70%, the pollster said."
    )
    assert _claimant_of(text, "Among people") == "Osterlund Research"


def test_a_map_published_by_a_body_is_the_body_s() -> None:
    text = (
        "The flood warning covers 14 villages and the east of Corvin, according to a map"
        " published by the Vell Environment Agency on Monday."
    )
    assert _claimant_of(text, "The flood warning") == "Vell Environment Agency"


def test_a_person_introduced_by_inversion_says_the_relative_clause() -> None:
    text = (
        "Among the critics was Ines Marsk, the MP for Tarn Vale and a former health"
        " minister, who said that 40% of nurses in her area had left within two years."
    )
    assert _claimant_of(text, "Among the critics") == "Ines Marsk"


# --- Words that are no claims ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The Vell Care Agency said it would \u201clook closely at every part of the"
        " report\u201d before deciding.",
        "Ana Kort, a former nurse, told reporters on a call that the company planned to"
        " apply for a licence before the summer.",
        "Asked whether the fire was started on purpose, Ana Kort said it was too early to say.",
        "Its chief executive, Ana Kort, said the ruling offered \u201creal hope\u201d to families.",
        "The union\u2019s secretary, Piet Ostry, said staff were being \u201cpushed past"
        " what is safe\u201d.",
        "Its director, Ana Kort, said the council was \u201cmoving the goalposts at the last"
        " minute of the game\u201d.",
        "He accused the board of balancing its books \u201con the backs of the cleaners\u201d.",
        "Piet Ostry, the report\u2019s author, argued that the fare cap should be linked to"
        " wages rather than to prices.",
    ],
)
def test_next_steps_judgements_and_recommendations_are_not_proposed(text: str) -> None:
    last = detect.score(text)[-1]
    assert not _proposed(text, last.text[:20])


@pytest.mark.parametrize(
    "text",
    [
        # A judgement of the past with a fact in it is checkable.
        "Piet Ostry said the second goal should have been ruled out because the scorer"
        " was 2 metres offside.",
        # An accusation of a thing done, with no quoted words, is a claim.
        "Its leader, Ana Kort, accused the commission of losing 3,000 postal ballots.",
        # A quoted phrase that is a figure is checked as one.
        "The Vell Treasury said the cost was \u201cabout 40m euros a year\u201d.",
    ],
)
def test_checkable_neighbours_of_those_are_still_proposed(text: str) -> None:
    last = detect.score(text)[-1]
    assert _proposed(text, last.text[:20])


@pytest.mark.parametrize(
    "text",
    [
        "\u201cA 40% fall in prices sounds impressive.",
        "For the board, Monday\u2019s narrow margin looked less like a win than a warning.",
    ],
)
def test_an_impression_is_not_proposed(text: str) -> None:
    assert not _proposed(text, text[:20])


def test_a_figure_that_looks_set_to_rise_is_still_proposed() -> None:
    text = "Unemployment looked set to rise to 8% by the end of the year, the bank said."
    assert _proposed(text, text[:20])


def test_a_warning_that_was_given_is_proposed_though_it_warns_of_a_condition() -> None:
    text = (
        "Piet Ostry said the party whips had warned him that he would lose his seat on the"
        " transport committee if he voted against the bill."
    )
    assert _proposed(text, text[:20])
