"""Attribution rules of English news copy (issue 11, part 2): a speaker named before an
apposition that holds a role and a place, bullets after a speaker's colon, a study and
its publisher, a body's role word and a collective speaker resolved within the article,
and negated or refused speech that attributes nothing. Every sentence here is written
for this file: none comes from a labelled article.
"""

from __future__ import annotations

import pytest

from factbase import detect


def _claimant_of(text: str, opening: str) -> tuple[str | None, str | None]:
    (cand,) = [c for c in detect.score(text) if c.text.startswith(opening)]
    return cand.claimant, cand.claimant_kind


# --- 1. A speaker in apposition ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "opening", "claimant"),
    [
        (
            "Marta Quill, the energy minister of Osterlund, said the country had 12 reactors.",
            "Marta Quill",
            ("Marta Quill", "person"),
        ),
        (
            "Marta Quill, the energy minister of Osterlund, which backed the plan only after "
            "a late change to its terms, said her country had 12 reactors.",
            "Marta Quill",
            ("Marta Quill", "person"),
        ),
        (
            "Marta Quill, the energy minister, said the country had 12 reactors.",
            "Marta Quill",
            ("Marta Quill", "person"),
        ),
        (
            "The leader of the opposition, Tomas Reyes, said membership rose 9% in 2023.",
            "The leader",
            ("Tomas Reyes", "person"),
        ),
    ],
)
def test_the_speaker_is_the_person_not_the_place_of_their_apposition(
    text: str, opening: str, claimant: tuple[str, str]
) -> None:
    assert _claimant_of(text, opening) == claimant


@pytest.mark.parametrize(
    ("text", "opening"),
    [
        (
            "Marta Quill, the energy minister of Osterlund, opened the plant on Monday. "
            "The minister said exports of power fell 4% last year.",
            "The minister said",
        ),
        (
            "The leader of the opposition, Marta Quill, toured the port on Monday. "
            "The leader said 3,000 jobs had gone since 2020.",
            "The leader said",
        ),
    ],
)
def test_a_role_given_in_apposition_is_held_by_that_person(text: str, opening: str) -> None:
    assert _claimant_of(text, opening) == ("Marta Quill", "person")


# --- 2. Bullets after a speaker's colon -------------------------------------------------


def test_bullets_after_a_reporters_colon_are_the_speakers_and_not_headings() -> None:
    text = (
        "Mayor Ines Duarte spoke at the depot on Friday.\n\n"
        "Duarte told reporters:\n\n"
        "- Bus fares would rise by 5% in May.\n"
        "- The city would buy 40 electric buses by 2027.\n\n"
        "The depot opened in 1968."
    )
    for opening in ("Bus fares would rise", "The city would buy"):
        (cand,) = [c for c in detect.score(text) if c.text.startswith(opening)]
        assert (cand.claimant, cand.claimant_kind) == ("Ines Duarte", "person")
        assert "heading" not in cand.features
    assert _claimant_of(text, "The depot opened") == (None, None)


# --- 3. A study and its publisher ---------------------------------------------------------


def test_a_study_is_its_publishers_claim_and_so_are_its_later_findings() -> None:
    text = (
        "A report commissioned by the Coastal Rivers Trust in May found that 41% of "
        "beaches failed the test. The report also found that 6 beaches had closed. "
        "It found that sewage was the main cause."
    )
    for opening in ("A report commissioned", "The report also found", "It found"):
        assert _claimant_of(text, opening) == ("Coastal Rivers Trust", "organization")


def test_papers_seen_by_an_outlet_are_the_papers_claim() -> None:
    text = "Emails seen by the Evening Courier suggest that the council paid $2m for the site."
    claimant, _ = _claimant_of(text, "Emails seen")
    assert claimant == "Emails"


# --- 4. Bodies by their role word, collective speakers, "according to" -------------------


def test_a_bodys_role_word_is_the_body_named_as_the_speaker_earlier() -> None:
    text = (
        "Health ministers of the Baltic Forum approved the plan on Monday, the forum\u2019s "
        "secretariat said, after 3 years of talks. The plan costs $3bn, according to the "
        "secretariat. The secretariat said the text would be signed in June."
    )
    for opening in ("Health ministers", "The plan costs", "The secretariat said"):
        assert _claimant_of(text, opening) == ("forum\u2019s secretariat", "organization")


def test_a_bodys_projection_is_that_bodys_claim() -> None:
    text = (
        "The Federal Vote Commission began its count at noon. Turnout reached 64%, "
        "according to the commission\u2019s projection."
    )
    assert _claimant_of(text, "Turnout reached") == ("Federal Vote Commission", "organization")


@pytest.mark.parametrize(
    ("text", "opening", "claimant"),
    [
        (
            "The city\u2019s clinics said they had seen 300 cases of flu in January.",
            "The city",
            "city\u2019s clinics",
        ),
        (
            "Nurses at the new clinic in Port Avel said they had worked 14-hour shifts.",
            "Nurses at",
            "Nurses",
        ),
        (
            "Retired pilots say they warned the airline about the fault in 2019.",
            "Retired pilots",
            "Retired pilots",
        ),
        (
            "Exports fell 3.1% in May, according to the state data agency, the lowest in years.",
            "Exports fell",
            "state data agency",
        ),
    ],
)
def test_a_collective_speaker_is_the_group_as_written(
    text: str, opening: str, claimant: str
) -> None:
    assert _claimant_of(text, opening) == (claimant, "organization")


def test_a_call_for_something_is_the_callers_claim() -> None:
    text = "The Tenants\u2019 Union called for rents to be frozen for 2 years."
    assert _claimant_of(text, "The Tenants") == ("Tenants\u2019 Union", "organization")


def test_an_estimate_given_in_a_tag_is_the_estimators() -> None:
    text = (
        "The Bank of Osterlund held its rate on Tuesday. About 30% of loans are in "
        "arrears, the bank estimated in its annual review, up from 22% a year ago."
    )
    assert _claimant_of(text, "About 30%") == ("Bank of Osterlund", "organization")


# --- 5. Refused or negated speech ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "opening"),
    [
        ("Neither airline responded to questions about the 3 delays.", "Neither airline"),
        ("No hospital commented on the figures released in March.", "No hospital"),
        ("The council did not say how much the 2 bridges would cost.", "The council"),
    ],
)
def test_refused_or_negated_speech_attributes_nothing(text: str, opening: str) -> None:
    assert _claimant_of(text, opening) == (None, None)


def test_the_bank_is_the_bank_the_article_is_about_not_one_named_in_passing() -> None:
    text = (
        "The Bank of Osterlund held its rate on Tuesday. Ivo Lund, an economist at "
        "Harbour Bank, said the pause was overdue. About 30% of loans are in arrears, the "
        "bank estimated in its annual review, up from 22% a year ago."
    )
    assert _claimant_of(text, "About 30%") == ("Bank of Osterlund", "organization")


def test_a_speech_verb_with_a_reflexive_object_is_no_past_event() -> None:
    text = "Retired pilots say they asked themselves the same thing."
    (cand,) = detect.score(text)
    assert cand.claimant == "Retired pilots"
    assert "past_tense" not in cand.features


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        ("Residents called the new tolls ridiculous.", "Residents"),
        ("Fishermen called the quota plan disgraceful, and 40 boats stayed in port.", "Fishermen"),
    ],
)
def test_calling_something_a_judgement_is_the_callers_claim(text: str, claimant: str) -> None:
    assert detect.score(text)[0].claimant == claimant


def test_calling_someone_is_no_speech() -> None:
    assert detect.score("Neighbours called the police at 2am.")[0].claimant is None


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        ("Police in Port Avel said 4 people had died in the fire.", "Police"),
        ("Years of cuts, teachers say, have left 40 schools short of staff.", "teachers"),
    ],
)
def test_a_group_before_a_place_or_in_a_tag_is_the_speaker(text: str, claimant: str) -> None:
    assert detect.score(text)[0].claimant == claimant


# --- rules/4: names with "and" and commas, roles and deputies, documents and their chains


@pytest.mark.parametrize(
    ("text", "opening", "claimant"),
    [
        (
            "Fares rose 8% last year, according to the Roads and Canals Board.",
            "Fares rose",
            ("Roads and Canals Board", "organization"),
        ),
        (
            "The Coal and Steel Union said 400 jobs had gone since May.",
            "The Coal and Steel",
            ("Coal and Steel Union", "organization"),
        ),
        (
            "The rival group, the Bakers, Millers and Grocers Federation, said 40 shops shut.",
            "The rival group",
            ("Bakers, Millers and Grocers Federation", "organization"),
        ),
    ],
)
def test_a_name_joined_by_and_or_commas_before_its_org_word_is_one_body(
    text: str, opening: str, claimant: tuple[str, str]
) -> None:
    assert _claimant_of(text, opening) == claimant


def test_a_role_with_a_modifier_in_apposition_is_that_persons() -> None:
    text = (
        "The transport minister, Elsa Varg, opened the line on Monday. "
        "The minister said 9,000 people used it each day."
    )
    assert _claimant_of(text, "The minister said") == ("Elsa Varg", "person")


def test_a_deputy_is_not_the_holder_of_the_role() -> None:
    text = (
        "The mayor of Dunmore, Clara Best, said rents rose 6% in 2024. "
        "Deputy Mayor Ivo Kent said 300 flats were empty. "
        "A spokesperson for the mayor said the figure was 280. "
        "The mayor said 12 schools would close. "
        "The deputy mayor said 40 families had moved."
    )
    assert _claimant_of(text, "A spokesperson for the mayor") == ("Clara Best", "person")
    assert _claimant_of(text, "The mayor said") == ("Clara Best", "person")
    assert _claimant_of(text, "The deputy mayor said") == ("Ivo Kent", "person")


def test_the_head_of_a_body_is_later_its_leader() -> None:
    text = (
        "The head of the Dockers' Union, Rita Moss, said 200 members had left. "
        "Pay fell 3% last year. "
        "The union leader said the port had cut 90 jobs."
    )
    assert _claimant_of(text, "The union leader") == ("Rita Moss", "person")


def test_a_report_by_a_body_is_the_bodys_claim() -> None:
    text = "That survey, by the Institute of Grocers, found that 30% of shops had closed."
    assert _claimant_of(text, "That survey") == ("Institute of Grocers", "organization")


def test_documents_seen_by_an_outlet_are_the_documents_in_later_sentences_too() -> None:
    text = (
        "Sales fell 12% last year, according to confidential papers seen by the Herald. "
        "The papers show that 40 stores lost money. "
        "They also show that the board cut 300 jobs in May. "
        "According to the papers, the chairman was paid $3m."
    )
    for opening in ("Sales fell", "The papers show", "They also show", "According to the papers"):
        assert _claimant_of(text, opening) == ("confidential papers", "other")


def test_a_bodys_own_accounts_are_its_claim() -> None:
    text = (
        "Halvern Foods said its sales rose 4%. "
        "Halvern made a profit of $40m in 2024, according to its annual accounts."
    )
    assert _claimant_of(text, "Halvern made") == ("Halvern Foods", "organization")


def test_the_company_is_the_body_it_referred_to_before() -> None:
    text = (
        "Halvern Foods said its sales rose 4%. "
        "The company said it had 40 plants. "
        "The Vantry Agency said it had inspected 30 of the plants in 2024. "
        "The company denied that 12 plants had failed."
    )
    assert _claimant_of(text, "The company denied") == ("Halvern Foods", "organization")


def test_a_study_by_researchers_at_a_body_is_the_bodys_and_so_is_its_chain() -> None:
    text = (
        "A study published in the Lancet Review by researchers at the University of "
        "Orrin found that 20% of adults slept less than six hours. "
        "The effect held for every age group, the study said. "
        "The study also found that 9% of children slept less than eight hours. "
        "The researchers said 4,000 people had taken part."
    )
    for opening in ("A study", "The effect held", "The study also", "The researchers said"):
        assert _claimant_of(text, opening) == ("University of Orrin", "organization")


def test_a_report_is_its_publishers_in_later_sentences_after_according_to() -> None:
    text = (
        "Thefts rose 9% in 2024, according to a report published in May by the Crime "
        "Statistics Office. According to the report, 40% of thefts were of bicycles. "
        "The report put the cost of thefts at $90m a year."
    )
    for opening in ("According to the report", "The report put"):
        assert _claimant_of(text, opening) == ("Crime Statistics Office", "organization")


def test_a_titled_person_of_a_body_is_the_person() -> None:
    text = (
        "Dr Omar Leith of Vantry University, who led an earlier study, said 14% of the "
        "sample had moved. Most of them moved within a year, he said."
    )
    assert _claimant_of(text, "Dr Omar Leith") == ("Omar Leith", "person")
    assert _claimant_of(text, "Most of them") == ("Omar Leith", "person")


def test_papers_an_outlet_obtained_are_theirs_in_later_sentences_too() -> None:
    text = (
        "Leaked emails obtained by the Gazette show that the firm paid $2m. "
        "The emails also show that 4 staff were told in May."
    )
    for opening in ("Leaked emails", "The emails also"):
        assert _claimant_of(text, opening) == ("Leaked emails", "other")


@pytest.mark.parametrize(
    "text",
    [
        "Dr Ines Palo of the Orrin Institute said 20% of patients relapsed.",
        "Ines Palo of the Orrin Institute said 20% of patients relapsed.",
    ],
)
def test_a_person_of_a_body_is_the_speaker_not_the_body(text: str) -> None:
    assert _claimant_of(text, text[:8]) == ("Ines Palo", "person")


def test_a_body_named_of_a_body_is_still_the_body() -> None:
    text = "The Ministry of the Interior said 30 police stations had closed."
    assert _claimant_of(text, "The Ministry") == ("Ministry of the Interior", "organization")


@pytest.mark.parametrize(
    "text",
    [
        "The Vantry Food Agency said it did not comment on individual plants.",
        "The Orrin Council said in a statement that it would review the report carefully.",
        "A spokesman for Halvern Foods said the company would not comment on staff matters.",
        "Lena Marr said she would consider the offer.",
    ],
)
def test_a_speakers_word_on_their_own_response_is_no_claim(text: str) -> None:
    (cand,) = detect.score(text)
    assert cand.score < detect.THRESHOLD
    assert "own_response" in cand.features


def test_a_speakers_claim_with_a_pronoun_is_still_a_claim() -> None:
    (cand,) = detect.score("The Orrin Council said it would cut 300 jobs by 2027.")
    assert cand.score >= detect.THRESHOLD
    assert "own_response" not in cand.features


def test_a_role_after_a_bodys_possessive_in_apposition_is_that_persons() -> None:
    text = (
        "Omar Leith, Vell Rail's chief executive, said fares rose 9%. "
        "The chief executive said 40 trains were late."
    )
    assert _claimant_of(text, "The chief executive said") == ("Omar Leith", "person")


# Variants of the rules/4 constructions in other words, written after the rules to check
# that they are general (each passed when added; they guard against narrowing them).
@pytest.mark.parametrize(
    ("text", "opening", "claimant"),
    [
        (
            "The governor of Vell, Ana Ruiz, said 30 roads shut. Acting Governor Tom Bell "
            "said 12 bridges fell. A spokeswoman for the governor said 40 homes were lost.",
            "A spokeswoman",
            "Ana Ruiz",
        ),
        (
            "The governor of Vell, Ana Ruiz, said 30 roads shut. Acting Governor Tom Bell "
            "said 12 bridges fell. The acting governor said 40 homes were lost.",
            "The acting governor",
            "Tom Bell",
        ),
        (
            "An analysis by scientists at the Orrin Institute found that 30% of lakes were "
            "dry. The scientists said 12 lakes had vanished since 2010.",
            "The scientists said",
            "Orrin Institute",
        ),
        (
            "Thefts rose 9% in 2024, according to figures published by the Crime Bureau. "
            "According to the figures, 40% were bicycles.",
            "According to the figures",
            "Crime Bureau",
        ),
        (
            "The chair of the Rivers Trust, Kim Oduya, said 40 rivers failed. "
            "The trust chair said 12 had improved.",
            "The trust chair",
            "Kim Oduya",
        ),
        (
            "The Fire, Rescue and Ambulance Service said 30 crews were sent.",
            "The Fire",
            "Fire, Rescue and Ambulance Service",
        ),
        (
            "Orrin Motors said sales rose 4%. The firm said it had 30 plants. The Vell "
            "Council said it had fined 3 plants. The firm denied that 12 plants had failed.",
            "The firm denied",
            "Orrin Motors",
        ),
        (
            "Talks between the United States and China resumed, according to the Trade Office.",
            "Talks",
            "Trade Office",
        ),
        (
            "Omar Leith, the head of Vell Rail, warned that fares would rise 9% and added "
            "that 40 trains were late.",
            "Omar Leith",
            "Omar Leith",
        ),
        (
            "The study, by the Orrin Institute, found that 30% of lakes were dry. "
            "It said 12 had vanished since 2010.",
            "It said",
            "Orrin Institute",
        ),
    ],
)
def test_the_rules4_constructions_hold_in_other_words(
    text: str, opening: str, claimant: str
) -> None:
    assert _claimant_of(text, opening)[0] == claimant


@pytest.mark.parametrize(
    "text",
    [
        "\u201cYou knew what the plan would cost you,\u201d the judge said.",
        "\u201cSome mornings you can hear the trains from the hill,\u201d she said.",
    ],
)
def test_a_quote_that_addresses_you_is_colour(text: str) -> None:
    (cand,) = detect.score(text)
    assert "quoted_you" in cand.features
    assert cand.score < detect.THRESHOLD


def test_you_outside_quotes_or_with_a_figure_keeps_its_weight() -> None:
    text = "Q: You received a bonus of $400,000 last year."
    assert "quoted_you" not in detect.score(text)[0].features
    (cand,) = detect.score("\u201cYou pay 40% more than in 2020,\u201d she said.")
    assert "quoted_you" in cand.features
    assert cand.score >= detect.THRESHOLD


# --- rules/5 -----------------------------------------------------------------------------

_TRANSCRIPT = (
    "Dana Whitcombe, the council leader, spoke to the audit panel on Monday. "
    "Councillor Ravi Okafor chaired it.\n\n"
    "Okafor: You spent \u00a34m on consultants last year. Why was that?\n\n"
    "Whitcombe: The bill was \u00a33.1m. The rest came from the transport fund, according "
    "to the annual accounts.\n\n"
    "Okafor: And the fund grew?\n"
)


@pytest.mark.parametrize(
    ("opening", "claimant"),
    [
        ("Okafor: You spent", "Ravi Okafor"),
        ("Why was that?", "Ravi Okafor"),
        ("Whitcombe: The bill", "Dana Whitcombe"),
        ("The rest came", "Dana Whitcombe"),
        ("Okafor: And the fund", "Ravi Okafor"),
    ],
)
def test_a_transcript_line_is_its_speakers_whoever_it_cites(opening: str, claimant: str) -> None:
    assert _claimant_of(_TRANSCRIPT, opening) == (claimant, "person")


def test_a_transcript_line_in_other_words() -> None:
    text = (
        "Sen. Lia Quist questioned the agency head, Tom Iveson, for an hour.\n\n"
        "Quist: How many inspectors did you cut in 2022?\n\n"
        "Iveson: Forty, the inspector general found. We hired 12 back.\n"
    )
    assert _claimant_of(text, "Quist: How many")[0] == "Lia Quist"
    assert _claimant_of(text, "Iveson: Forty")[0] == "Tom Iveson"
    assert _claimant_of(text, "We hired 12")[0] == "Tom Iveson"


def test_a_label_before_a_colon_that_names_no_one_known_is_no_speaker() -> None:
    text = (
        "Dana Whitcombe, the council leader, spoke on Monday.\n\n"
        "Update: The bill was \u00a33.1m, the council said.\n\n"
        "Note: Rents rose 9% in 2023.\n"
    )
    assert _claimant_of(text, "Update: The bill")[0] == "council"
    assert _claimant_of(text, "Note: Rents")[0] is None


@pytest.mark.parametrize(
    ("text", "opening", "claimant"),
    [
        (
            "The Harbour Workers\u2019 Union, which has 4,000 members, said pay fell 3%.",
            "The Harbour",
            "Harbour Workers\u2019 Union",
        ),
        (
            "The Parents' Alliance, which runs 40 clubs, estimated that fees rose 8%.",
            "The Parents",
            "Parents' Alliance",
        ),
        (
            "A survey by the Tenants\u2019 Federation found that rents rose 9%.",
            "A survey",
            "Tenants\u2019 Federation",
        ),
    ],
)
def test_a_plural_possessive_inside_a_body_name_is_part_of_it(
    text: str, opening: str, claimant: str
) -> None:
    assert _claimant_of(text, opening)[0] == claimant


@pytest.mark.parametrize(
    ("text", "opening", "claimant"),
    [
        (
            "In a note to clients, analysts at Corvin Partners said sales fell 4%.",
            "In a note",
            "Corvin Partners",
        ),
        (
            "Economists at the Brill Bank said inflation would reach 5% in 2025.",
            "Economists",
            "Brill Bank",
        ),
        (
            "Nurses at the clinic in Osterlund said 40 beds were closed.",
            "Nurses",
            "Nurses",
        ),
    ],
)
def test_unnamed_members_of_a_named_body_are_the_body(
    text: str, opening: str, claimant: str
) -> None:
    assert _claimant_of(text, opening)[0] == claimant


@pytest.mark.parametrize(
    ("text", "opening", "claimant"),
    [
        (
            "The Orrin Institute published a study in May. People familiar with the study "
            "said it cost $2m.",
            "People familiar",
            "People familiar with the study",
        ),
        (
            "Vell Rail cut 40 trains. Sources close to the company said 200 jobs would go.",
            "Sources close",
            "Sources close to the company",
        ),
    ],
)
def test_people_familiar_with_a_matter_are_the_speaker_as_written(
    text: str, opening: str, claimant: str
) -> None:
    assert _claimant_of(text, opening)[0] == claimant


@pytest.mark.parametrize(
    ("text", "opening", "claimant"),
    [
        (
            "Sales rose 9% in 2024, according to the research firm Corvin Data.",
            "Sales rose",
            "Corvin Data",
        ),
        (
            "Rents rose 9%, according to the charity Homefirst.",
            "Rents rose",
            "Homefirst",
        ),
    ],
)
def test_a_body_named_after_its_kind_is_the_name(text: str, opening: str, claimant: str) -> None:
    assert _claimant_of(text, opening)[0] == claimant


def test_a_plural_possessive_after_the_heads_a_body_whatever_its_noun() -> None:
    text = "The Dock Pilots\u2019 Circle, which has 300 members, said fees rose 8%."
    assert _claimant_of(text, "The Dock")[0] == "Dock Pilots\u2019 Circle"
    text = "Tom Ames, a driver, said the Ferrers\u2019 Circle had 90 members in 2023."
    assert _claimant_of(text, "Tom Ames")[0] == "Tom Ames"


# Variants of the rules/5 constructions in other words, written after the rules to check
# they generalise.
@pytest.mark.parametrize(
    ("text", "opening", "claimant"),
    [
        (
            "Traders at Holm Capital estimated that 30 funds closed in 2023.",
            "Traders",
            "Holm Capital",
        ),
        (
            "Officials briefed on the plan said 12 sites would shut.",
            "Officials briefed",
            "Officials briefed on the plan",
        ),
        (
            "Exports fell 9% last year, according to the company Orvell Foods.",
            "Exports",
            "Orvell Foods",
        ),
        (
            "Mia Grund, the mayor, met Lars Pohl, a tenant, on Friday.\n\n"
            "Pohl: My rent rose 40% in two years.\n\n"
            "Grund: Rents rose 6%, the housing office says.\n",
            "Grund: Rents",
            "Mia Grund",
        ),
    ],
)
def test_the_rules5_constructions_hold_in_other_words(
    text: str, opening: str, claimant: str
) -> None:
    assert _claimant_of(text, opening)[0] == claimant


@pytest.mark.parametrize(
    "text",
    [
        "Tarn Air said it was reviewing the findings.",
        "The council said it is considering the report.",
        "Mia Grund would not be drawn on the cost of the bridge.",
        "The ministry declined to comment on the figures.",
        "The bank refused to be drawn on rates in 2025.",
    ],
)
def test_a_response_in_progress_or_a_refusal_is_no_claim(text: str) -> None:
    (cand,) = detect.score(text)
    assert "own_response" in cand.features
    assert cand.score < detect.THRESHOLD


def test_a_refusal_names_no_claimant() -> None:
    # As labelled in the tuning articles ("X would not be drawn", "A spokesperson
    # declined to comment"): a refusal says nothing, so no one claims it.
    text = (
        "The Ministry of Ports said 40 ships were late in 2023. "
        "The ministry declined to comment on the delays."
    )
    assert _claimant_of(text, "The ministry declined")[0] is None
    text = "Mia Grund, the mayor, opened the bridge. Grund would not be drawn on its cost."
    assert _claimant_of(text, "Grund would")[0] is None


@pytest.mark.parametrize(
    ("text", "opening", "claimant"),
    [
        (
            "The Vell Safety Board published its review on Monday. "
            "It found no fault with the signals or the track.",
            "It found no",
            "Vell Safety Board",
        ),
        (
            "An audit by the Orrin Office found no error in the 2023 accounts.",
            "An audit",
            "Orrin Office",
        ),
    ],
)
def test_found_no_is_a_finding(text: str, opening: str, claimant: str) -> None:
    (cand,) = [c for c in detect.score(text) if c.text.startswith(opening)]
    assert cand.claimant == claimant
    assert cand.score >= detect.THRESHOLD


@pytest.mark.parametrize(
    ("text", "opening", "claimant"),
    [
        (
            "Vell Harbour Ltd runs the port. A spokesperson for the harbour operator said "
            "40 ships docked in May.",
            "A spokesperson",
            "Vell Harbour Ltd",
        ),
        (
            "Vell Harbour Ltd signed a deal with Tarn Ferries. A spokesperson for Tarn "
            "Ferries said fares would rise. The harbour operator said 40 ships docked in May.",
            "The harbour operator",
            "Vell Harbour Ltd",
        ),
    ],
)
def test_a_body_described_by_a_word_of_its_name_is_that_body(
    text: str, opening: str, claimant: str
) -> None:
    assert _claimant_of(text, opening)[0] == claimant


@pytest.mark.parametrize(
    "text",
    [
        "The Dock Pilots\u2019 Circle warned against blaming the crew before the inquiry ended.",
        "Doctors cautioned against reading too much into the figures from 2023.",
    ],
)
def test_warning_against_doing_something_is_advice(text: str) -> None:
    (cand,) = detect.score(text)
    assert "advice" in cand.features
    assert cand.score < detect.THRESHOLD


def test_a_warning_of_a_fact_is_no_advice() -> None:
    (cand,) = detect.score("The union warned that 400 jobs would go in 2025.")
    assert "advice" not in cand.features
    assert cand.score >= detect.THRESHOLD


@pytest.mark.parametrize(
    ("text", "opening", "claimant"),
    [
        (
            "Vell Rail cut 40 trains in 2024, its chief executive tells MPs.\n\n"
            "The chief executive of Vell Rail, Ada Quist, told the panel that fares rose 9%.",
            "Vell Rail cut",
            "Ada Quist",
        ),
        (
            "Fares will rise 9% next year, the mayor says.\n\n"
            "The mayor, Tom Iveson, said the city had 40 new buses.",
            "Fares will rise",
            "Tom Iveson",
        ),
    ],
)
def test_a_role_in_the_standfirst_is_the_person_named_in_it_next(
    text: str, opening: str, claimant: str
) -> None:
    assert _claimant_of(text, opening)[0] == claimant


def test_a_role_named_only_much_later_stays_unnamed() -> None:
    text = (
        "Fares will rise 9% next year, the mayor says.\n\n"
        "Buses were late in May.\n\n"
        "Trams were late in June.\n\n"
        "The mayor, Tom Iveson, said the city had 40 new buses."
    )
    assert _claimant_of(text, "Fares will rise")[0] is None


# --- rules/6 -------------------------------------------------------------------------
# Sentences written for these rules, in words of no labelled article.


@pytest.mark.parametrize(
    ("text", "opening", "claimant"),
    [
        (
            "The Vell Rowing Federation banned two clubs on Monday. "
            "Fees rose 8% in 2023, the federation said.",
            "Fees rose",
            "Vell Rowing Federation",
        ),
        (
            "Prices rose 4% in May, according to the Orrin Office for Fair Trading. "
            "Rents rose 9%, the office found. Fuel rose 3%, it said.",
            "Rents rose",
            "Orrin Office for Fair Trading",
        ),
        (
            "Prices rose 4% in May, according to the Orrin Office for Fair Trading. "
            "Rents rose 9%, the office found. Fuel rose 3%, it said.",
            "Fuel rose",
            "Orrin Office for Fair Trading",
        ),
        (
            "The Tarn Coastal Bureau closed 12 beaches. A survey published by the bureau "
            "showed that 40 sites were unsafe.",
            "A survey",
            "Tarn Coastal Bureau",
        ),
        (
            "The Vell Rowing Federation banned two clubs on Monday. "
            "According to the federation\u2019s own records, 40 clubs closed in 2023.",
            "According to",
            "Vell Rowing Federation",
        ),
    ],
)
def test_a_body_word_after_the_is_the_body_named_with_it(
    text: str, opening: str, claimant: str
) -> None:
    assert _claimant_of(text, opening)[0] == claimant


@pytest.mark.parametrize(
    ("text", "opening", "claimant"),
    [
        (
            "The Vell Rowing Federation banned two clubs on Monday. An official at the "
            "federation, who asked not to be named, said 12 more clubs were under review.",
            "An official",
            "Vell Rowing Federation",
        ),
        (
            "A senior executive at Holm Water Board, who was not allowed to speak on the "
            "record, said 30 pipes had burst in 2024.",
            "A senior executive",
            "Holm Water Board",
        ),
    ],
)
def test_one_unnamed_member_of_a_body_is_the_body(text: str, opening: str, claimant: str) -> None:
    assert _claimant_of(text, opening)[0] == claimant


@pytest.mark.parametrize(
    ("text", "opening", "claimant"),
    [
        (
            "Its largest lender, the investment bank Corvin Partners, said it had cut the "
            "loan by 20% in 2024.",
            "Its largest lender",
            "Corvin Partners",
        ),
        (
            "Its main creditor, the Dutch lender Corvin Bank, said the loan of 4m euros "
            "would be called in.",
            "Its main creditor",
            "Corvin Bank",
        ),
        (
            "Tarnwell, a debt charity, called the rise \u201cbrutal\u201d and estimated that "
            "9,000 homes were in arrears.",
            "Tarnwell",
            "Tarnwell",
        ),
        (
            "The Women\u2019s Rowing League, which has 90 clubs, said fees rose 6% in 2024.",
            "The Women",
            "Women\u2019s Rowing League",
        ),
    ],
)
def test_a_body_in_apposition_or_with_a_possessive_in_its_name(
    text: str, opening: str, claimant: str
) -> None:
    assert _claimant_of(text, opening)[0] == claimant


def test_a_place_in_the_subject_is_not_the_speaker() -> None:
    text = "Crews fighting a wildfire in the hills near Osterlund have called for 20 more aircraft."
    assert _claimant_of(text, "Crews")[0] is None
    text = "Doctors at a clinic in Osterlund have called for 20 more beds."
    assert _claimant_of(text, "Doctors")[0] != "Osterlund"


@pytest.mark.parametrize(
    ("text", "opening"),
    [
        (
            "Marta Quill chairs the board. Quill later summed it up bluntly: "
            "\u201cWe have 12 reactors and we need 20.\u201d",
            "Quill later",
        ),
        (
            "Marta Quill chairs the board. She put it simply: "
            "\u201cWe have 12 reactors and we need 20.\u201d",
            "She put",
        ),
    ],
)
def test_a_quote_after_its_speakers_colon_is_theirs(text: str, opening: str) -> None:
    assert _claimant_of(text, opening)[0] == "Marta Quill"


def test_a_quote_after_a_colon_of_a_plain_statement_is_no_ones() -> None:
    text = "Osterlund has a new motto: \u201cOpen for business since 1990.\u201d"
    assert _claimant_of(text, "Osterlund")[0] is None


@pytest.mark.parametrize(
    "text",
    [
        "Tarn Air did not respond to requests for comment.",
        "Mia Grund did not immediately respond to a request for comment.",
        "The ministry could not be reached for comment on Monday.",
    ],
)
def test_no_reply_to_a_request_for_comment_is_no_claim(text: str) -> None:
    (cand,) = detect.score(text)
    assert "own_response" in cand.features
    assert cand.score < detect.THRESHOLD


def test_not_responding_to_an_event_is_a_claim() -> None:
    (cand,) = detect.score("The council did not respond to the floods for three days in 2023.")
    assert "own_response" not in cand.features
    assert cand.score >= detect.THRESHOLD


@pytest.mark.parametrize(
    "text",
    [
        "Anyone who saw the crash is asked to contact the station on 101, quoting 4471.",
        "Witnesses are asked to call detectives at Tarn Road station on 14 May.",
    ],
)
def test_an_appeal_for_information_is_no_claim(text: str) -> None:
    (cand,) = detect.score(text)
    assert "appeal" in cand.features
    assert cand.score < detect.THRESHOLD


def test_a_request_in_the_past_is_no_appeal() -> None:
    (cand,) = detect.score("The council was asked to repay \u00a34m in 2023.")
    assert "appeal" not in cand.features
    assert cand.score >= detect.THRESHOLD
    (cand,) = detect.score("On Sunday 4 million voters are asked to choose a new mayor.")
    assert "appeal" not in cand.features


def test_a_defence_argument_with_should_is_no_advice() -> None:
    text = (
        "Hal Brennan, for the defence, spoke first. "
        "He argued that his client had no previous convictions and should be freed."
    )
    cand = detect.score(text)[1]
    assert "advice" not in cand.features
    assert cand.score >= detect.THRESHOLD
    (advice,) = detect.score("Parents should keep their children at home this week.")
    assert "advice" in advice.features


def test_a_titled_persons_short_act_is_an_event() -> None:
    cand = _only_one("Chief Constable Ines Harrow resigned yesterday.")
    assert "short" not in cand.features
    assert cand.score >= detect.THRESHOLD
    assert "short" in _only_one("Ines Harrow smiled at the crowd.").features
    cand = _only_one("Circuit Judge Ines Harrow refused bail.")
    assert cand.score >= detect.THRESHOLD


def _only_one(text: str) -> detect.Candidate:
    (cand,) = detect.score(text)
    return cand


def test_a_participle_after_an_article_is_an_adjective_not_past_tense() -> None:
    cand = _only_one("In a crowded side street near the harbour, children play on the steps.")
    assert "past_tense" not in cand.features
    assert "past_tense" in _only_one("The council closed the street.").features
    assert "past_tense" in _only_one("The injured were in a ward on Monday.").features


@pytest.mark.parametrize(
    ("text", "opening", "claimant"),
    [
        (
            "Other drivers said privately that the track had been unsafe for years.",
            "Other drivers",
            "Other drivers",
        ),
        (
            "People briefed on the council\u2019s draft budget said 40 posts would go.",
            "People briefed",
            "People briefed on the council\u2019s draft budget",
        ),
    ],
)
def test_a_collective_speaker_with_a_modifier_is_as_written(
    text: str, opening: str, claimant: str
) -> None:
    assert _claimant_of(text, opening)[0] == claimant


@pytest.mark.parametrize(
    "text",
    [
        "Other drivers said privately that they had long suspected that the track was unsafe.",
        "The coach said she feared that the team was tired.",
    ],
)
def test_a_speakers_own_suspicion_is_opinion(text: str) -> None:
    (cand,) = detect.score(text)
    assert "opinion" in cand.features
    assert cand.score < detect.THRESHOLD


def test_a_belief_of_someone_else_is_no_opinion() -> None:
    (cand,) = detect.score("The coach said the players believed the pitch was unsafe.")
    assert "opinion" not in cand.features


# Variants of the rules/6 constructions in other words, written after the rules to check
# they generalise.
@pytest.mark.parametrize(
    ("text", "opening", "claimant"),
    [
        (
            "The Tarn Statistics Bureau published its figures on Monday. It found that 4% "
            "of homes were empty. The bureau also said rents rose 6%.",
            "The bureau also",
            "Tarn Statistics Bureau",
        ),
        (
            "An analyst at Tarn Securities said shares could fall 10%.",
            "An analyst",
            "Tarn Securities",
        ),
        (
            "The firm\u2019s biggest customer, the carmaker Vell Motors, said orders fell 8%.",
            "The firm",
            "Vell Motors",
        ),
        (
            "Tarnwell, a charity, welcomed the report and warned that 300 families were at risk.",
            "Tarnwell",
            "Tarnwell",
        ),
        (
            "The Vell Sailing Association met on Friday. According to the association\u2019s "
            "annual report, 20 boats were lost.",
            "According to",
            "Vell Sailing Association",
        ),
        (
            "The Sailor\u2019s Rest Fund, which runs 12 hostels, said 40 crews were stranded.",
            "The Sailor",
            "Sailor\u2019s Rest Fund",
        ),
        (
            "Mia Grund chairs the panel. Grund later put the point bluntly: \u201cWe lost 40 "
            "members in 2023.\u201d",
            "Grund later",
            "Mia Grund",
        ),
    ],
)
def test_the_rules6_constructions_hold_in_other_words(
    text: str, opening: str, claimant: str
) -> None:
    assert _claimant_of(text, opening)[0] == claimant


@pytest.mark.parametrize(
    ("text", "opening", "claimant"),
    [
        (
            "The Vell Coastguard rescued 12 sailors. The coastguard said 3 were in hospital.",
            "The coastguard",
            "Vell Coastguard",
        ),
        (
            "Jo Ames, 45, a nurse from Osterlund, said the ward had 12 beds.",
            "Jo Ames",
            "Jo Ames",
        ),
        (
            "The Tarn Audit Office said 40 schools were unsafe. Its report also found that "
            "12 had no heating.",
            "Its report",
            "Tarn Audit Office",
        ),
        (
            "A Tarn Rail spokesman said 40 trains were cancelled.",
            "A Tarn",
            "Tarn Rail",
        ),
        (
            "Tarn Rail officials said 40 trains were cancelled.",
            "Tarn Rail",
            "Tarn Rail",
        ),
    ],
)
def test_a_body_its_members_and_its_documents_in_other_shapes(
    text: str, opening: str, claimant: str
) -> None:
    assert _claimant_of(text, opening)[0] == claimant


def test_a_lower_case_noun_after_the_names_no_one_unless_a_body_ends_with_it() -> None:
    text = "The Vell Coastguard rescued 12 sailors. The weather said little about 2025."
    assert _claimant_of(text, "The weather")[0] is None
