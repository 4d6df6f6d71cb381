"""Tests for the rule-based claim detector.

The article tests measure the detector against hand labels: the seed article and our own
labelled articles in ``articles/`` (each ``NAME.txt`` with ``NAME.gold.json``). The figures
are printed (run pytest with ``-s`` or ``-rP`` to see them) and repeated in failure messages.
"""

from __future__ import annotations

import json
import re
from dataclasses import FrozenInstanceError, dataclass, field
from pathlib import Path

import pytest

from factbase import detect
from factbase.models import ClaimKind

REPO = Path(__file__).parents[2]
ARTICLES = Path(__file__).parent / "articles"
SEEDS = REPO / "seeds"
SEED = "000_dffdebd4e61e869e"


def _article_names() -> list[str]:
    return [SEED, *sorted(p.stem for p in ARTICLES.glob("*.txt"))]


def _load(name: str) -> tuple[str, list[dict[str, str | None]]]:
    if name == SEED:
        text_path = SEEDS / f"{name}.txt"
        gold_path = SEEDS / f"{name}.gold.json"
    else:
        text_path = ARTICLES / f"{name}.txt"
        gold_path = ARTICLES / f"{name}.gold.json"
    text = text_path.read_text(encoding="utf-8")
    rows: list[dict[str, str | None]] = json.loads(gold_path.read_text(encoding="utf-8"))[
        text_path.name
    ]
    return text, rows


def _norm(name: str | None) -> str | None:
    if name is None:
        return None
    name = " ".join(name.lower().split())
    return name.removeprefix("the ")


@dataclass
class Figures:
    """How the detector does on one labelled article."""

    article: str
    required: int = 0
    required_proposed: int = 0
    no_labelled: int = 0
    no_proposed: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    named_required: int = 0
    named_required_ok: int = 0
    null_required: int = 0
    null_required_ok: int = 0
    labelled: int = 0
    claimant_ok: int = 0
    wrong_claimants: list[str] = field(default_factory=list)

    @property
    def required_recall(self) -> float:
        return self.required_proposed / self.required if self.required else 1.0

    @property
    def named_claimant_accuracy(self) -> float:
        return self.named_required_ok / self.named_required if self.named_required else 1.0

    @property
    def null_claimant_accuracy(self) -> float:
        return self.null_required_ok / self.null_required if self.null_required else 1.0

    @property
    def overall_claimant_accuracy(self) -> float:
        return self.claimant_ok / self.labelled if self.labelled else 1.0

    def summary(self) -> str:
        return (
            f"{self.article}: required recall {self.required_proposed}/{self.required}"
            f" ({self.required_recall:.0%}), 'no' proposed {len(self.no_proposed)}"
            f"/{self.no_labelled}, claimant on required (named) {self.named_required_ok}"
            f"/{self.named_required} ({self.named_claimant_accuracy:.0%}), outlet (null)"
            f" {self.null_required_ok}/{self.null_required}"
            f" ({self.null_claimant_accuracy:.0%}), all labelled {self.claimant_ok}"
            f"/{self.labelled} ({self.overall_claimant_accuracy:.0%})"
            + (f"\n  missed: {self.missed}" if self.missed else "")
            + (f"\n  'no' proposed: {self.no_proposed}" if self.no_proposed else "")
            + (f"\n  wrong claimants: {self.wrong_claimants}" if self.wrong_claimants else "")
        )


def evaluate(name: str, threshold: float = detect.THRESHOLD) -> Figures:
    """Score the article and compare every labelled sentence with its gold row."""
    text, rows = _load(name)
    candidates = detect.score(text)
    figures = Figures(article=name)
    for row in rows:
        start, label, gold = str(row["s"]), row["label"], row["claimant"]
        cand = next((c for c in candidates if c.text.startswith(start)), None)
        proposed = cand is not None and cand.score >= threshold
        claimant = cand.claimant if cand else "<not split out>"
        right = _norm(claimant) == _norm(gold)
        figures.labelled += 1
        figures.claimant_ok += right
        if not right:
            figures.wrong_claimants.append(f"{start!r}: got {claimant!r}, want {gold!r}")
        if label == "required":
            figures.required += 1
            figures.required_proposed += proposed
            if not proposed:
                figures.missed.append(start)
            if gold is None:
                figures.null_required += 1
                figures.null_required_ok += right
            else:
                figures.named_required += 1
                figures.named_required_ok += right
        elif label == "no":
            figures.no_labelled += 1
            if proposed:
                figures.no_proposed.append(start)
    return figures


# --- Labelled articles --------------------------------------------------------------


@pytest.mark.parametrize("name", _article_names())
def test_article_required_sentences_are_all_proposed(name: str) -> None:
    figures = evaluate(name)
    print(figures.summary())
    assert figures.required > 0
    assert figures.missed == [], figures.summary()


@pytest.mark.parametrize("name", _article_names())
def test_article_no_sentences_are_not_proposed(name: str) -> None:
    figures = evaluate(name)
    assert figures.no_labelled > 0
    assert figures.no_proposed == [], figures.summary()


@pytest.mark.parametrize("name", _article_names())
def test_article_claimants_are_right_for_nine_in_ten_required_sentences(name: str) -> None:
    figures = evaluate(name)
    assert figures.named_required > 0
    assert figures.named_claimant_accuracy >= 0.9, figures.summary()


@pytest.mark.parametrize("name", _article_names())
def test_article_outlet_statements_get_no_claimant(name: str) -> None:
    figures = evaluate(name)
    assert figures.null_required > 0
    assert figures.null_claimant_accuracy >= 0.9, figures.summary()


@pytest.mark.parametrize("name", _article_names())
def test_article_every_labelled_sentence_is_split_out(name: str) -> None:
    text, rows = _load(name)
    starts = {text[s:e] for s, e in detect.split_sentences(text)}
    orphans = [r["s"] for r in rows if not any(s.startswith(str(r["s"])) for s in starts)]
    assert orphans == []


def test_corpus_figures_meet_the_targets() -> None:
    figures = [evaluate(name) for name in _article_names()]
    print("\n" + "\n".join(f.summary() for f in figures))
    named = sum(f.named_required for f in figures)
    named_ok = sum(f.named_required_ok for f in figures)
    assert len(figures) >= 5
    assert sum(f.required_proposed for f in figures) == sum(f.required for f in figures)
    assert sum(len(f.no_proposed) for f in figures) == 0
    assert named_ok / named >= 0.9


def test_evaluation_counts_a_wrong_claimant_and_a_missed_sentence() -> None:
    # The harness itself must be able to see failures: with an impossible threshold
    # nothing is proposed, so every required sentence is missed.
    figures = evaluate(SEED, threshold=1.01)
    assert figures.required_proposed == 0
    assert len(figures.missed) == figures.required
    assert _norm("The European Union") == _norm("european union")
    assert _norm("US") != _norm("UK")


# --- Sentence splitting -------------------------------------------------------------


def _sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in detect.split_sentences(text)]


def test_split_keeps_closing_quotes_with_their_sentence() -> None:
    text = (
        "\u201cIt is over,\u201d he said. \u201cWe lost.\u201d She left. "
        "He said it was \u2018a mess.\u2019 Fine."
    )
    assert _sentences(text) == [
        "\u201cIt is over,\u201d he said.",
        "\u201cWe lost.\u201d",
        "She left.",
        "He said it was \u2018a mess.\u2019",
        "Fine.",
    ]


def test_split_does_not_break_a_quoted_question_from_its_speaker() -> None:
    text = "\u201cWhere is the money?\u201d Ortiz asked. Nobody replied."
    assert _sentences(text) == ["\u201cWhere is the money?\u201d Ortiz asked.", "Nobody replied."]


def test_split_ignores_abbreviations_initials_and_dotted_acronyms() -> None:
    text = (
        "Mr. Smith met Dr. Jones at No. 10 on Jan. 5 with J. K. Rowling, e.g. for tea. "
        "They flew to the U.S. The trip cost little."
    )
    assert _sentences(text) == [
        "Mr. Smith met Dr. Jones at No. 10 on Jan. 5 with J. K. Rowling, e.g. for tea.",
        "They flew to the U.S.",
        "The trip cost little.",
    ]


def test_split_ignores_decimals_and_money() -> None:
    text = "Profit rose 3.5% to $2.16bn in 2024. Costs were \u00a31.2m. Sales fell 0.4 points."
    assert _sentences(text) == [
        "Profit rose 3.5% to $2.16bn in 2024.",
        "Costs were \u00a31.2m.",
        "Sales fell 0.4 points.",
    ]


def test_split_ends_sentences_at_line_breaks_and_keeps_headings_apart() -> None:
    text = (
        "Budget row\n\nThe council met. It voted\nThe vote was close.\n\n"
        "## Next steps\nA plan follows."
    )
    assert _sentences(text) == [
        "Budget row",
        "The council met.",
        "It voted",
        "The vote was close.",
        "Next steps",
        "A plan follows.",
    ]


def test_split_joins_a_hard_wrapped_line_that_continues_in_lower_case() -> None:
    text = "The council said on Monday\nit would appeal. Officials agreed."
    assert _sentences(text) == ["The council said on Monday\nit would appeal.", "Officials agreed."]


def test_split_spans_are_trimmed_and_in_order() -> None:
    text = "  First one.   Second one!  \n\n   Third?  "
    spans = detect.split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["First one.", "Second one!", "Third?"]
    assert [s for s, _ in spans] == sorted(s for s, _ in spans)


# --- Candidates ---------------------------------------------------------------------


@pytest.mark.parametrize("name", _article_names())
def test_candidate_offsets_slice_the_text_exactly(name: str) -> None:
    text, _ = _load(name)
    candidates = detect.score(text)
    assert candidates
    for cand in candidates:
        assert text[cand.start : cand.end] == cand.text
        assert cand.text == cand.text.strip()
    assert [c.start for c in candidates] == sorted(c.start for c in candidates)


@pytest.mark.parametrize("name", _article_names())
def test_candidate_fields_are_well_formed(name: str) -> None:
    text, _ = _load(name)
    for cand in detect.score(text):
        assert 0.0 <= cand.score <= 1.0
        assert cand.score == round(cand.score, 3)
        assert cand.kind in ClaimKind.values
        assert (cand.claimant is None) == (cand.claimant_kind is None)
        assert cand.claimant_kind in (None, "person", "organization", "other")
        assert set(cand.features) <= set(detect.FEATURE_WEIGHTS)


def test_detect_keeps_only_candidates_at_or_above_the_threshold() -> None:
    text, _ = _load(SEED)
    scored = detect.score(text)
    assert detect.detect(text) == [c for c in scored if c.score >= detect.THRESHOLD]
    assert detect.detect(text, threshold=0.0) == scored
    assert detect.detect(text, threshold=1.01) == []
    assert 0 < len(detect.detect(text)) < len(scored)


def test_candidates_are_immutable() -> None:
    cand = detect.score("The bridge opened in 1932.")[0]
    with pytest.raises(FrozenInstanceError):
        cand.score = 1.0  # type: ignore[misc]


def test_detector_identifies_itself() -> None:
    assert detect.DETECTOR == f"{detect.DETECTOR_NAME}/{detect.DETECTOR_VERSION}" == "rules/1"
    assert 0.0 < detect.THRESHOLD < 1.0


# --- Scoring features ---------------------------------------------------------------


def _only(text: str) -> detect.Candidate:
    candidates = detect.score(text)
    assert len(candidates) == 1, [c.text for c in candidates]
    return candidates[0]


@pytest.mark.parametrize(
    ("sentence", "feature"),
    [
        ("Unemployment rose to 5.2% in March.", "percent"),
        ("The scheme cost \u00a34.5m.", "money"),
        ("The scheme cost 40 million euros.", "money"),
        ("The bridge opened in 1932.", "date"),
        ("Officials met on Tuesday.", "time_ref"),
        ("The outbreak was caused by dirty water.", "causal"),
        ("It is the largest plant in Europe.", "comparative"),
        ("Is this the end?", "question"),
        ("The club aims to win the cup.", "aim"),
        ("Parents should vaccinate their children.", "advice"),
    ],
)
def test_score_fires_the_expected_feature(sentence: str, feature: str) -> None:
    assert feature in _only(sentence).features


def test_headings_and_questions_score_below_the_threshold() -> None:
    text = "Budget pressure\n\nWill the city run out of money by 2030?"
    heading, question = detect.score(text)
    assert heading.features == ("heading",)
    assert heading.score < detect.THRESHOLD
    assert question.score < detect.THRESHOLD


def test_a_figure_outranks_scene_setting() -> None:
    fact = _only("The city spent $2.4m on consultants in 2021, auditors found.")
    scene = _only("Rain swept across the square as the crowd drifted home.")
    assert fact.score >= detect.THRESHOLD > scene.score


def test_the_speech_tag_does_not_count_as_content() -> None:
    # Only the words of the claim count: the speaker's name and title do not make a
    # vague quote check-worthy.
    cand = _only("\u201cWe take it one game at a time,\u201d said coach Jo Bloggs.")
    assert "named_entity" not in cand.features
    assert "title" not in cand.features
    assert cand.score < detect.THRESHOLD


# --- Kinds --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("\u201cWe will win the league this year,\u201d said coach Jo Bloggs.", "quote"),
        ("Unemployment rose to 5.2% in March.", "quantity"),
        ("The company expects sales to recover next year.", "prediction"),
        ("The outbreak was caused by contaminated water.", "causation"),
        ("Under the new law, landlords must register every tenancy.", "rule"),
        ("I spent three nights in the emergency ward last winter.", "personal_experience"),
        ("Finance Minister Jo Bloggs resigned on Tuesday.", "event"),
        ("Everyone deserves a fair hearing.", "other"),
    ],
)
def test_kind_classification(sentence: str, kind: str) -> None:
    assert _only(sentence).kind == kind


# --- Claimants ----------------------------------------------------------------------


def _claimants(text: str) -> list[tuple[str | None, str | None]]:
    return [(c.claimant, c.claimant_kind) for c in detect.score(text)]


@pytest.mark.parametrize(
    ("text", "claimant", "claimant_kind"),
    [
        ("Taxes will rise, Prime Minister Jo Bloggs has said.", "Jo Bloggs", "person"),
        ("Prices rose 4%, said Dr. Ann Lee, the chief economist.", "Ann Lee", "person"),
        ("Crime fell 8%, according to the Home Office.", "Home Office", "organization"),
        ("The Port Authority said traffic fell 4%.", "Port Authority", "organization"),
        (
            "The World Bank, which lends to poor countries, said growth would slow.",
            "World Bank",
            "organization",
        ),
        ("Health officials say the ward will reopen.", "Health officials", "organization"),
        ("The vote failed, the city council said.", "city council", "organization"),
        ("Exports fell 3% last year, a new study has found.", "study", "other"),
        ("The bridge opened in 1932.", None, None),
        ("The price of milk doubled after the ban, which officials had opposed.", None, None),
    ],
)
def test_claimant_of_a_single_sentence(
    text: str, claimant: str | None, claimant_kind: str | None
) -> None:
    assert _claimants(text) == [(claimant, claimant_kind)]


def test_pronoun_resolves_to_the_last_named_person() -> None:
    text = "Councillor Ann Lee opened the meeting.\n\n\u201cWe are broke,\u201d she said."
    assert _claimants(text)[1] == ("Ann Lee", "person")


def test_pronoun_ignores_a_person_named_after_it() -> None:
    text = "Ann Lee spoke first. \u201cWe won,\u201d she told Tom Hardy."
    assert _claimants(text)[1] == ("Ann Lee", "person")


def test_pronoun_skips_a_person_of_the_other_gender() -> None:
    text = "Ms. Ann Lee introduced Mr. Tom Hardy. She said the deal was done."
    assert _claimants(text)[1] == ("Ann Lee", "person")


def test_surname_resolves_to_the_fullest_earlier_mention() -> None:
    text = "Finance Minister Jo Bloggs spoke first. Bloggs said taxes would rise by 2%."
    assert _claimants(text)[1] == ("Jo Bloggs", "person")


def test_it_and_the_company_resolve_to_the_organisation() -> None:
    text = (
        "Acme Corp lost $4m last year. It said demand was weak. "
        "The company said it would cut 300 jobs. "
        "A spokesperson for the company said the cuts were final."
    )
    assert [c for c, _ in _claimants(text)] == [None, "Acme Corp", "Acme Corp", "Acme Corp"]


def test_a_role_resolves_to_the_person_who_holds_it() -> None:
    text = "Mayor Ann Lee and Councillor Tom Hardy clashed. The mayor said the plan was legal."
    assert _claimants(text)[1] == ("Ann Lee", "person")


def test_a_quote_continuing_the_previous_sentence_keeps_its_speaker() -> None:
    text = "\u201cWe are ready,\u201d said Ann Lee. \u201cThe plan is funded.\u201d"
    assert _claimants(text)[1] == ("Ann Lee", "person")


def test_a_quote_opened_before_its_attribution_gets_that_speaker() -> None:
    text = "Ann Lee spoke first. \u201cThe plan is funded. It is ready,\u201d Lee said."
    assert [c for c, _ in _claimants(text)] == [None, "Ann Lee", "Ann Lee"]


def test_a_speech_verb_inside_a_quote_does_not_attribute() -> None:
    text = "Ann Lee spoke. \u201cHe told me he would pay,\u201d she said."
    assert _claimants(text)[1] == ("Ann Lee", "person")


# --- Source hygiene and speed -------------------------------------------------------

DETECTOR_DIR = REPO / "factbase" / "detect"
# The detector's code and its word lists, which the hygiene tests read as one text.
SOURCE = "\n".join(
    p.read_text(encoding="utf-8")
    for p in sorted([*DETECTOR_DIR.glob("*.py"), *DETECTOR_DIR.glob("data/*.txt")])
)

SEED_WORDS = [
    "Macron", "Emmanuel", "Ukraine", "Ukrainian", "Kyiv", "Starmer", "Keir", "Trump",
    "Meloni", "Giorgia", "Zelenskyy", "SWIFT", "Rosselkhozbank", "reassurance", "summit",
    "Moscow", "Russia", "Russian", "NATO", "Black Sea", "unanimity", "unanimous",
    "peacekeepers", "ceasefire", "Franco-British", "coalition of action", "co-pilot",
    "deterrence", "Paris", "France", "French", "European Union", "Europe", "Turkish",
    "Al Jazeera",
]  # fmt: skip


def test_detector_source_contains_no_seed_names_or_phrases() -> None:
    found = [w for w in SEED_WORDS if re.search(rf"\b{re.escape(w)}\b", SOURCE, re.IGNORECASE)]
    assert found == []


def test_detector_source_names_no_claimant_from_the_labelled_articles() -> None:
    # The last word of each gold claimant (a surname, "Whitfield", or an organisation's
    # head, "Association") must not appear capitalised in the detector; lower-case generic
    # vocabulary ("association") may. Forenames are left out: "Mark" is also a verb.
    words = {
        str(row["claimant"]).split()[-1]
        for name in _article_names()
        for row in _load(name)[1]
        if row["claimant"] and str(row["claimant"]).split()[-1][:1].isupper()
    }
    assert {"Whitfield", "Lindqvist", "Okoye"} <= words
    found = sorted(w for w in words if re.search(rf"\b{re.escape(w)}\b", SOURCE))
    assert found == []


def test_detector_does_not_import_django() -> None:
    assert not re.search(r"^\s*(from|import)\s+django", SOURCE, re.MULTILINE)
