"""A claim attributed to a role word alone ("the minister said") is the claim of the person
the article named earlier in that role ("Transport Minister Amaru Quispe"), within the
article; a role the article never tied to a name is reported speech with no claimant,
never a person called "minister". Every sentence here is written for this file: none
comes from a labelled article.
"""

from __future__ import annotations

import pytest

from factbase import detect


def _claimant_of(text: str, opening: str) -> tuple[str | None, str | None]:
    (cand,) = [c for c in detect.score(text) if c.text.startswith(opening)]
    return cand.claimant, cand.claimant_kind


@pytest.mark.parametrize(
    ("text", "opening", "person"),
    [
        (
            "Transport Minister Amaru Quispe opened the bridge on Friday. "
            "The minister said it had cost $96m.",
            "The minister said",
            "Amaru Quispe",
        ),
        (
            "The hearing resumed with prosecutor Dalia Nour questioning the surveyor. "
            "The prosecutor told the jury that 14 invoices were forged.",
            "The prosecutor told",
            "Dalia Nour",
        ),
        (
            "Harlow Mills chief executive Petra Lind presented the accounts on Thursday. "
            "The company's chief executive said sales rose 6% to \u00a3410m.",
            "The company's chief executive said",
            "Petra Lind",
        ),
        (
            "Harlow Mills chief executive Petra Lind presented the accounts on Thursday.\n\n"
            "Analysts had expected less.\n\n"
            "The chief executive said sales rose 6% to \u00a3410m.",
            "The chief executive said",
            "Petra Lind",
        ),
    ],
)
def test_a_role_word_alone_is_the_person_named_earlier_in_that_role(
    text: str, opening: str, person: str
) -> None:
    assert _claimant_of(text, opening) == (person, "person")


def test_the_latest_person_named_in_a_role_holds_it() -> None:
    text = (
        "Coach Ilse Brandt left the club in June after three seasons. "
        "Her successor, coach Marek Wolny, arrived from Gdynia in July. "
        "The coach said the squad would need 4 new defenders."
    )
    assert _claimant_of(text, "The coach said") == ("Marek Wolny", "person")


def test_a_deputy_is_not_the_holder_of_the_role() -> None:
    text = (
        "Energy Minister Rui Costa was abroad on Wednesday. "
        "The deputy minister said gas prices would fall 3% by April."
    )
    claimant, _ = _claimant_of(text, "The deputy minister said")
    assert claimant != "Rui Costa"


def test_a_role_never_tied_to_a_name_is_reported_speech_without_a_claimant() -> None:
    text = "The minister said bus fares would rise by 5% in May."
    (cand,) = detect.score(text)
    assert (cand.claimant, cand.claimant_kind) == (None, None)
    assert "reported_speech" in cand.features


def test_a_role_is_resolved_within_its_own_article_only() -> None:
    detect.score("Transport Minister Amaru Quispe opened the bridge on Friday.")
    (cand,) = detect.score("The minister said it had cost $96m.")
    assert cand.claimant is None


def test_a_named_speaker_with_a_role_keeps_their_name() -> None:
    text = "Port warden Kofi Mensah said 212 ships docked in March."
    assert _claimant_of(text, "Port warden") == ("Kofi Mensah", "person")
