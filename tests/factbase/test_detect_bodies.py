"""Attribution to bodies and documents (rules/7): which body "the company", "the
regulator" or "the union leader" is, what a document said and who stands behind it, and
speakers the sentence names in other ways ("X, which said", "A retired nurse, who ...,
said", "Economists at X"). Every text is invented. Each case failed on rules/6 but three
that guard what the new rules must keep: the regulator's fine, "X, which is based in" and
the conditional plan."""

from __future__ import annotations

import pytest

from factbase import detect
from tests.factbase.detect_cases import claimant_of as _claimant_of
from tests.factbase.detect_cases import proposed as _proposed

# --- Kinds of body: "the company" is not the union or the regulator named last ---------


@pytest.mark.parametrize(
    ("text", "opening", "claimant"),
    [
        (
            "Boats across the Tarn valley were idle. Crews employed by Tarn Ferries stopped"
            " work on Monday, according to the Deck"
            " and Engine Crews\u2019 Guild, which called the stoppage.\n\n"
            "The company said 14 of its 30 sailings had run.",
            "The company said",
            "Tarn Ferries",
        ),
        (
            "The Food Standards Inspectorate fined Corvin Dairies \u00a32m on Tuesday.\n\n"
            "Corvin Dairies said it would pay. The fine was cut by a third, the regulator"
            " said, because the firm had settled early.",
            "The fine was cut",
            "Food Standards Inspectorate",
        ),
        (
            "The Vell District Council published the plans on Friday. The developer, Ostry"
            " Estates, said 300 homes would be built.\n\n"
            "The company insisted that half of the land would stay open.",
            "The company insisted",
            "Ostry Estates",
        ),
    ],
)
def test_a_body_noun_is_the_latest_body_of_its_kind(text: str, opening: str, claimant: str) -> None:
    assert _claimant_of(text, opening) == claimant


def test_an_organisation_name_holds_and_before_a_split_plural_possessive() -> None:
    text = "About 900 crews walked out, according to the Tram and Ferry Pilots\u2019 Guild."
    assert _claimant_of(text, "About 900") == "Tram and Ferry Pilots\u2019 Guild"


def test_which_after_a_name_makes_it_a_body_not_a_person() -> None:
    text = (
        "Corvin Tools, which is based in Osterlund, said 2% of its drills were faulty.\n\n"
        "Corvin denied that any buyer had been hurt."
    )
    assert _claimant_of(text, "Corvin denied") == "Corvin Tools"


def test_a_kind_noun_before_a_name_is_the_body_later_called_by_that_noun() -> None:
    text = (
        "The maker recalled 9,000 heaters, the Safety Office said.\n\n"
        "But the campaign group FairPlug said the fault had been known for a year."
        " According to the group, 40 buyers had complained since May."
    )
    assert _claimant_of(text, "According to the group") == "FairPlug"


def test_the_union_leader_is_the_person_introduced_as_the_unions_officer() -> None:
    text = (
        "The guild\u2019s general secretary, Mina Orcutt, said pay had fallen by 8%.\n\n"
        "The guild leader also claimed that the owners had taken \u00a35m in dividends."
    )
    assert _claimant_of(text, "The guild leader") == "Mina Orcutt"


def test_the_spokesperson_is_the_body_a_spokesperson_spoke_for() -> None:
    text = (
        "The Vell Water Board said 12 pipes had burst. A spokesperson for Tarn Ferries"
        " said it had cut 4 sailings.\n\n"
        "\u201cWe ran 20 of 24 sailings,\u201d the spokesperson said."
    )
    assert _claimant_of(text, "\u201cWe ran") == "Tarn Ferries"


# --- Documents and who stands behind them --------------------------------------------


def test_a_document_named_with_its_speaker_is_theirs_later() -> None:
    text = (
        "In a long report sent to members on Monday, the Rail Board said 40 trains were"
        " late.\n\n"
        "The report said that 12 of them had been cancelled. According to the report,"
        " staff had warned of delays in 2021."
    )
    assert _claimant_of(text, "The report said") == "Rail Board"
    assert _claimant_of(text, "According to the report") == "Rail Board"


def test_said_in_a_statement_makes_the_statement_the_speakers() -> None:
    text = (
        "Two ports reopened on Monday, the Osterlund Transport Ministry said in a"
        " statement.\n\n"
        "Ships of up to 40,000 tonnes will be allowed in, according to the statement."
    )
    assert _claimant_of(text, "Ships of up to") == "Osterlund Transport Ministry"


def test_a_lawsuit_far_before_its_verb_is_its_own_claimant() -> None:
    text = (
        "A joint lawsuit lodged last month in the high court for nine tenants alleges that"
        " the landlord ignored 31 complaints.\n\n"
        "The lawsuit also claims that repairs were delayed for two years."
    )
    assert _claimant_of(text, "A joint lawsuit") == "joint lawsuit"
    assert _claimant_of(text, "The lawsuit also") == "joint lawsuit"


def test_a_press_release_issued_by_a_body_is_the_bodys() -> None:
    text = (
        "Researchers at Vell University studied 800 people.\n\n"
        "According to a press release issued by the university, 30% slept better."
    )
    assert _claimant_of(text, "According to a press release") == "Vell University"


def test_a_document_found_whatever_follows_the_verb() -> None:
    text = "A census commissioned by the Tarn Bird Society found rare bats in 4 barns."
    assert _claimant_of(text, "A census") == "Tarn Bird Society"


# --- Other ways a sentence names its speaker -------------------------------------------


def test_the_body_before_which_said_is_the_speaker() -> None:
    text = (
        "Worries about damp have been raised by the Vell Housing Board, which said that"
        " 60 flats were affected."
    )
    assert _claimant_of(text, "Worries about damp") == "Vell Housing Board"


def test_an_unnamed_person_before_a_who_clause_is_the_speaker_as_written() -> None:
    text = "A retired nurse, who did not give her name, said 3 wards had closed in 2022."
    assert _claimant_of(text, "A retired nurse") == "A retired nurse"


def test_professionals_at_a_firm_are_the_firm_and_they_later_too() -> None:
    text = (
        "Economists at Corvin Tessel wrote that the rise was 2% too small.\n\n"
        "They warned, however, that prices could rise by 5% next year."
    )
    assert _claimant_of(text, "Economists at") == "Corvin Tessel"
    assert _claimant_of(text, "They warned") == "Corvin Tessel"


def test_people_briefed_on_a_matter_are_the_speaker_with_the_matter() -> None:
    text = (
        "The sides have not met since May, according to three officials briefed on the"
        " talks, who asked not to be named."
    )
    assert _claimant_of(text, "The sides") == "three officials briefed on the talks"


def test_a_second_verb_after_but_has_the_sentences_subject() -> None:
    text = "The charity Vell Hearts welcomed the plan but warned that 30 clinics had shut."
    assert _claimant_of(text, "The charity") == "Vell Hearts"


def test_a_verb_after_an_opening_phrase_has_the_subject_after_the_comma() -> None:
    text = (
        "In its reply sent late on Monday, the Osterlund Foreign Ministry called the deal"
        " \u201ca start\u201d and accused Vellmark of moving 400 troops."
    )
    assert _claimant_of(text, "In its reply") == "Osterlund Foreign Ministry"


def test_state_media_reported_is_the_media() -> None:
    text = "Osterlund state media reported that 17 people had been hurt in 2 towns."
    assert _claimant_of(text, "Osterlund state") == "Osterlund state media"


# --- What is not a claim ----------------------------------------------------------------


def test_a_judgement_in_quotation_marks_is_an_opinion() -> None:
    text = (
        "The Vell Rail Board\u2019s director, Ana Kort, said the delays were \u201cslow,"
        " costly and quite needless\u201d."
    )
    (cand,) = detect.score(text)
    assert "opinion" in cand.features


@pytest.mark.parametrize(
    "text",
    [
        # A plan that hangs on a condition.
        "The Tarn Guild said it would name new protest days unless the offer improved.",
        # The speaker's own acceptance.
        "Corvin Tools said in its reply that it accepted every point made by the Osterlund"
        " Safety Office.",
    ],
)
def test_conditional_plans_and_acceptances_are_not_proposed(text: str) -> None:
    assert not _proposed(text, text[:12])


# --- rules/8 ---------------------------------------------------------------------------
# Written with the seventh set in the tuning set; each case failed on rules/7.


def test_a_description_of_a_body_named_earlier_in_the_sentence_is_that_body() -> None:
    text = (
        "Thieves took the records of 2 million customers of Corvin Mobile, the mobile"
        " operator said on Monday in a filing.\n\n"
        "It said no bank details had been taken, according to the filing."
    )
    assert _claimant_of(text, "Thieves took") == "Corvin Mobile"
    assert _claimant_of(text, "It said") == "Corvin Mobile"


def test_a_lede_that_describes_a_body_is_the_body_the_story_names_next() -> None:
    text = (
        "Borrowing will be \u00a320bn higher than planned, according to the country\u2019s"
        " independent spending watchdog.\n\n"
        "In its yearly economic and fiscal review, the Vell Budget Council said growth"
        " would be 1.1%. According to the watchdog, debt will reach 90% of output."
    )
    assert _claimant_of(text, "Borrowing will") == "Vell Budget Council"
    assert _claimant_of(text, "According to the watchdog") == "Vell Budget Council"


def test_the_report_after_in_its_review_is_the_publishers() -> None:
    text = (
        "In its twice-yearly review, published on Friday, the Vell Budget Council said growth"
        " had slowed.\n\n"
        "The review said tax receipts had fallen by 3%."
    )
    assert _claimant_of(text, "The review said") == "Vell Budget Council"


def test_a_body_introduced_as_a_cause_group_is_never_the_company() -> None:
    text = (
        "Corvin Mobile Ltd said 900 phones were faulty. Complaints were also raised by the"
        " consumer group Fair Signal, which said 40 buyers had been hurt.\n\n"
        "In a later filing, the company said it expected to replace 700 phones by May."
    )
    assert _claimant_of(text, "In a later filing") == "Corvin Mobile Ltd"


def test_a_charity_name_holds_and_after_its_kind_noun() -> None:
    text = "The rural charity Ash and Willow said 300 farms had closed since 2019."
    assert _claimant_of(text, "The rural charity") == "Ash and Willow"


def test_a_person_of_a_firm_in_apposition_is_the_person() -> None:
    text = (
        "The tenants\u2019 lawyer, Ada Quist of the firm Vell and Tarn, said 400 tenants"
        " had joined the claim."
    )
    assert _claimant_of(text, "The tenants") == "Ada Quist"


@pytest.mark.parametrize(
    ("text", "opening", "claimant"),
    [
        (
            "The Vell Budget Council published its review. It expects prices to rise by 3%.",
            "It expects",
            "Vell Budget Council",
        ),
        (
            "The minister, Ana Kort, spoke on Monday. She pointed out that jobs had risen by 2%.",
            "She pointed out",
            "Ana Kort",
        ),
    ],
)
def test_forecasts_and_pointed_out_have_a_speaker(text: str, opening: str, claimant: str) -> None:
    assert _claimant_of(text, opening) == claimant


@pytest.mark.parametrize(
    "text",
    [
        "The union leader called on the minister to bring forward the pay talks by 3 weeks.",
        "The Vell Safety Office said it expected to publish its findings early next year.",
    ],
)
def test_requests_and_plans_of_ones_own_are_not_proposed(text: str) -> None:
    assert not _proposed(text, text[:12])


def test_a_quoted_judgement_after_looked_is_an_opinion() -> None:
    text = "Economists at Corvin Tessel said the forecast looked \u201coptimistic\u201d."
    (cand,) = detect.score(text)
    assert "opinion" in cand.features
