"""Tests for the rule-based claim detector.

The article tests measure the detector against hand labels: the seed article and our own
labelled articles in ``articles/`` (each ``NAME.txt`` with ``NAME.gold.json``). The figures
are printed (run pytest with ``-s`` or ``-rP`` to see them) and repeated in failure messages.
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import FrozenInstanceError, dataclass, field
from pathlib import Path

import pytest

from factbase import detect
from factbase.models import ClaimKind

REPO = Path(__file__).parents[2]
ARTICLES = Path(__file__).parent / "articles"
HELDOUT = ARTICLES / "heldout"
SEEDS = REPO / "seeds"
SEED = "000_dffdebd4e61e869e"


def _text_paths(folder: Path) -> list[Path]:
    """The labelled articles of a folder: every ``NAME.txt`` beside a ``NAME.gold.json``."""
    return sorted(p for p in folder.glob("*.txt") if p.with_name(f"{p.stem}.gold.json").exists())


def _tuned_paths() -> list[Path]:
    """Articles the rules were written beside: the seed and ``articles/`` (not heldout)."""
    return [SEEDS / f"{SEED}.txt", *_text_paths(ARTICLES)]


def _heldout_paths() -> list[Path]:
    return _text_paths(HELDOUT) if HELDOUT.is_dir() else []


def _article_names() -> list[str]:
    return [p.stem for p in _tuned_paths()]


def _path(name: str) -> Path:
    return next(p for p in [*_tuned_paths(), *_heldout_paths()] if p.stem == name)


def _load(name: str) -> tuple[str, list[dict[str, str | None]]]:
    text_path = _path(name)
    gold_path = text_path.with_name(f"{name}.gold.json")
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
    """How the detector does on one labelled article (or, summed, on several)."""

    article: str
    required: int = 0
    required_proposed: int = 0
    no_labelled: int = 0
    no_proposed: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    required_claimant_ok: int = 0
    named_required: int = 0
    named_required_ok: int = 0
    null_required: int = 0
    null_required_ok: int = 0
    labelled: int = 0
    claimant_ok: int = 0
    wrong_claimants: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        """Required sentences proposed, of all required sentences."""
        return self.required_proposed / self.required if self.required else 1.0

    @property
    def precision(self) -> float:
        """Required sentences proposed, of the required and 'no' sentences proposed
        (optional sentences may be proposed or not and do not count)."""
        proposed = self.required_proposed + len(self.no_proposed)
        return self.required_proposed / proposed if proposed else 1.0

    @property
    def claimant_accuracy(self) -> float:
        """Required sentences whose claimant (a name, or None for the outlet) is right."""
        return self.required_claimant_ok / self.required if self.required else 1.0

    @property
    def named_claimant_accuracy(self) -> float:
        return self.named_required_ok / self.named_required if self.named_required else 1.0

    @property
    def null_claimant_accuracy(self) -> float:
        return self.null_required_ok / self.null_required if self.null_required else 1.0

    def __add__(self, other: Figures) -> Figures:
        total = Figures(article="pooled")
        for f in dataclasses.fields(Figures):
            if f.name != "article":
                setattr(total, f.name, getattr(self, f.name) + getattr(other, f.name))
        return total

    def summary(self) -> str:
        return (
            f"{self.article}: recall {self.required_proposed}/{self.required}"
            f" ({self.recall:.3f}), precision {self.precision:.3f} ('no' proposed"
            f" {len(self.no_proposed)}/{self.no_labelled}), claimant"
            f" {self.required_claimant_ok}/{self.required} ({self.claimant_accuracy:.3f};"
            f" named {self.named_required_ok}/{self.named_required}, outlet"
            f" {self.null_required_ok}/{self.null_required})"
            + (f"\n  missed: {self.missed}" if self.missed else "")
            + (f"\n  'no' proposed: {self.no_proposed}" if self.no_proposed else "")
            + (f"\n  wrong claimants: {self.wrong_claimants}" if self.wrong_claimants else "")
        )


def evaluate(
    name: str, threshold: float = detect.THRESHOLD, learned_threshold: float | None = None
) -> Figures:
    """Detect on the article as the product does and compare every labelled sentence with
    its gold row (a sentence is proposed when ``detect.detect`` returns it)."""
    text, rows = _load(name)
    candidates = detect.score(text)
    kept = {
        (c.start, c.end)
        for c in detect.detect(text, threshold=threshold, learned_threshold=learned_threshold)
    }
    figures = Figures(article=name)
    for row in rows:
        start, label, gold = str(row["s"]), row["label"], row["claimant"]
        cand = next((c for c in candidates if c.text.startswith(start)), None)
        proposed = cand is not None and (cand.start, cand.end) in kept
        claimant = cand.claimant if cand else "<not split out>"
        right = _norm(claimant) == _norm(gold)
        figures.labelled += 1
        figures.claimant_ok += right
        if not right:
            figures.wrong_claimants.append(f"{start!r}: got {claimant!r}, want {gold!r}")
        if label == "required":
            figures.required += 1
            figures.required_proposed += proposed
            figures.required_claimant_ok += right
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


def _pooled(names: list[str]) -> Figures:
    figures = [evaluate(name) for name in names]
    print("\n" + "\n".join(f.summary() for f in figures))
    return sum(figures[1:], figures[0])


# --- Labelled articles --------------------------------------------------------------
#
# Floors, never perfection: the rules were written beside the tuned articles, so their
# figures flatter the detector; the held-out articles (written and labelled by someone
# else, never tuned on) are the honest measure. Floors are set a little under what the
# detector reaches today, so a change that costs real accuracy fails, and are raised as
# the detector improves. The targets for detector version 2 are recall 0.90,
# precision 0.90 and claimant accuracy 0.85 on every held-out article.

# What is proposed is what both the rules and the learned check-worthiness model keep
# (detect.detect). Pooled over the 45 tuning articles (the seed and 44 articles, the
# fifth to twelfth held-out sets among them since rules/7 to rules/13 were written
# beside them) with rules/13+claimbuster-stack/10: recall 710/744 (0.954), precision
# 0.942 (44 'no' proposed of 754), claimant 722/744 (0.970). The learned model drops plans
# and appointments these labels call required ("would begin talks on Tuesday") and some
# short answers.
TUNED_POOLED = {"recall": 0.90, "precision": 0.94, "claimant_accuracy": 0.95}
TUNED_PER_ARTICLE = {"recall": 0.85, "precision": 0.85, "claimant_accuracy": 0.80}
# Measured exceptions, each with its reason; every other tuned article meets the floors.
# utility_chief_interview: 10/15 required sentences proposed (0.667). Three are answers
# with no figure, date or named source ("The regulator has checked those figures."):
# nothing in the sentence itself marks them as checkable, and scoring every answer up
# would propose the interview's 'no' answers as well; two more short answers ("I waived
# half of it.") the learned model scores under its cut.
# election_night_results: 10/12 (0.833): the learned model drops a plan ("said she would
# begin talks ... on Tuesday") and a rule of the constitution, both labelled required.
# mobile_operator_data_breach: precision 0.840 (4 'no' proposed of 13): an apology folded
# with a paid-for remedy ("said she was \u201ctruly sorry\u201d and that the company would
# pay for two years of ..."), a quote of contrition, a commissioner's quote of opinion
# and a scene outside a shop that names the shop and the day.
# ferry_sinking_inquest: recall 19/24 (0.792), claimant 18/24 (0.750): a survivor's
# testimony in short quoted sentences the learned model scores under its cut, a coroner
# named only after the lede, "the coroner found" set inside a sentence, an operator's
# acceptance in the passive ("It was accepted by the operator that").
# housing_target_row: claimant 15/19 (0.789): a lede whose speakers are councils named in
# the next sentence only by their leaders, a spokesperson of a person, a professor's
# department after "his".
TUNED_PER_ARTICLE_EXCEPTIONS = {
    "ferry_sinking_inquest": {"recall": 0.75, "claimant_accuracy": 0.70},
    "housing_target_row": {"claimant_accuracy": 0.75},
    "mobile_operator_data_breach": {"precision": 0.80},
    "utility_chief_interview": {"recall": 0.65},
    "election_night_results": {"recall": 0.80},
}
# Held-out floors, set from the measured figures alone: rules/13+claimbuster-stack/10 on
# the thirteenth held-out set, written blind while rules/13 was being written beside the
# twelfth (bench/results/detector_heldout_first_contact_set13_rules13.md): pooled recall
# 58/63 (0.921), precision 0.892 (7 'no' proposed of 65), claimant 39/63 (0.619); lowest
# per article recall 0.789 and claimant 0.526 (airport_expansion_ruling: a judge's ruling
# and the parties' barristers), precision 0.875 (police_force_inspection). A small
# margin under each. Against the targets (0.90 / 0.90 / 0.85 on every article):
# recall is met on two of three, precision on one (0.938), claimant accuracy on none
# (0.526, 0.773, 0.545). rules/12+claimbuster-stack/9 on this set: recall 58/63,
# precision 0.892, claimant 37/63. (The twelfth set at first contact, rules/12: recall
# 60/66, precision 0.857, claimant 44/66.)
HELDOUT_POOLED = {"recall": 0.90, "precision": 0.87, "claimant_accuracy": 0.60}
HELDOUT_PER_ARTICLE = {"recall": 0.77, "precision": 0.85, "claimant_accuracy": 0.50}


def _below(figures: Figures, floors: dict[str, float]) -> dict[str, float]:
    return {k: getattr(figures, k) for k, floor in floors.items() if getattr(figures, k) < floor}


def _heldout_names() -> list[str]:
    return [p.stem for p in _heldout_paths()]


_NO_HELDOUT = pytest.mark.skipif(
    not _heldout_names(),
    reason="no labelled articles in tests/factbase/articles/heldout/ (NAME.txt + NAME.gold.json)",
)


@pytest.mark.parametrize("name", _article_names())
def test_tuned_article_meets_the_per_article_floors(name: str) -> None:
    figures = evaluate(name)
    print(figures.summary())
    assert figures.required > 0
    assert figures.no_labelled > 0
    floors = TUNED_PER_ARTICLE | TUNED_PER_ARTICLE_EXCEPTIONS.get(name, {})
    assert _below(figures, floors) == {}, figures.summary()


def test_tuned_articles_pooled_meet_the_floors() -> None:
    figures = _pooled(_article_names())
    assert len(_article_names()) >= 6
    assert _below(figures, TUNED_POOLED) == {}, figures.summary()


@_NO_HELDOUT
@pytest.mark.parametrize("name", _heldout_names() or ["(none)"])
def test_heldout_article_meets_the_per_article_floors(name: str) -> None:
    figures = evaluate(name)
    print(figures.summary())
    assert figures.required > 0
    assert _below(figures, HELDOUT_PER_ARTICLE) == {}, figures.summary()


@_NO_HELDOUT
def test_heldout_articles_pooled_meet_the_floors() -> None:
    figures = _pooled(_heldout_names())
    assert _below(figures, HELDOUT_POOLED) == {}, figures.summary()


# Sentences of the held-out set the splitter does not split out, found at first contact
# and left as they are (the set is never tuned on): the figures count each as not
# proposed. (The twelfth set had one, a sentence of reported speech after a quote ending
# in a full stop; rules/13 splits it, written once the set joined the tuning set.)
HELDOUT_UNSPLIT: dict[str, list[str]] = {}


@pytest.mark.parametrize("name", _article_names() + _heldout_names())
def test_article_every_labelled_sentence_is_split_out(name: str) -> None:
    text, rows = _load(name)
    starts = {text[s:e] for s, e in detect.split_sentences(text)}
    orphans = [r["s"] for r in rows if not any(s.startswith(str(r["s"])) for s in starts)]
    assert orphans == HELDOUT_UNSPLIT.get(name, [])


def test_evaluation_counts_a_wrong_claimant_and_a_missed_sentence() -> None:
    # The harness itself must be able to see failures: with an impossible threshold
    # nothing is proposed, so every required sentence is missed; with a threshold of 0
    # every 'no' sentence is proposed and precision falls.
    figures = evaluate(SEED, threshold=1.01)
    assert figures.required_proposed == 0
    assert len(figures.missed) == figures.required
    assert _below(figures, TUNED_PER_ARTICLE)["recall"] == 0.0
    everything = evaluate(SEED, threshold=0.0, learned_threshold=0.0)
    assert len(everything.no_proposed) == everything.no_labelled > 0
    assert everything.precision < 1.0
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
    # With the learned cut at 0 the rules alone decide (test_detect_learned.py has both).
    text, _ = _load(SEED)
    scored = detect.score(text)
    rules = [(c.start, c.end) for c in scored if c.score >= detect.THRESHOLD]
    assert [(c.start, c.end) for c in detect.detect(text, learned_threshold=0.0)] == rules
    assert len(detect.detect(text, threshold=0.0, learned_threshold=0.0)) == len(scored)
    assert detect.detect(text, threshold=1.01) == []
    assert 0 < len(detect.detect(text)) <= len(rules) < len(scored)


def test_candidates_are_immutable() -> None:
    cand = detect.score("The bridge opened in 1932.")[0]
    with pytest.raises(FrozenInstanceError):
        cand.score = 1.0  # type: ignore[misc]


def test_detector_identifies_itself() -> None:
    assert detect.RULES == f"{detect.DETECTOR_NAME}/{detect.DETECTOR_VERSION}" == "rules/13"
    assert detect.DETECTOR.startswith(f"{detect.RULES}+claimbuster-stack/")
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


def test_a_refusal_is_no_change_but_a_fall_to_a_figure_is() -> None:
    refusal, fall = detect.score("A spokesperson declined to comment. Exports declined to 3%.")
    assert "change" not in refusal.features
    assert "change" in fall.features


def test_documents_seen_by_an_outlet_are_the_documents_claim() -> None:
    text = (
        "Internal papers seen by the Daily Post show that costs rose 5%. "
        "A report by the Audit Office found that fees rose 4%."
    )
    assert [c for c, _ in _claimants(text)] == ["Internal papers", "Audit Office"]


def test_a_prefixed_title_is_not_part_of_the_name() -> None:
    text = "Vice-chair Ann Lee said fees rose 4%. Co-founder Tom Hardy said costs fell."
    assert [c for c, _ in _claimants(text)] == ["Ann Lee", "Tom Hardy"]


def test_according_to_a_definite_phrase_of_any_noun() -> None:
    text = "According to the defence, the fees rose by 4% in a year."
    assert _claimants(text)[0][0] == "defence"


def test_bullets_after_a_speech_tag_with_a_colon_are_that_speakers() -> None:
    text = (
        "Ann Lee also said:\n- Fees would rise by 4%.\n\u2022 Costs would fall by 2%.\n"
        "The port opened in 1990.\n- Trade rose by 5%."
    )
    assert [c for c, _ in _claimants(text)] == ["Ann Lee", "Ann Lee", "Ann Lee", None, None]


def test_interview_answers_are_the_interviewees() -> None:
    # Q/A layout: the answers are the person introduced before the first question, even
    # when they cite someone ("our figures show") or say nothing a tag could attribute.
    text = (
        "Ann Lee has run the port since 2015. She spoke to us about costs.\n\n"
        "Q: Why did fees rise?\n\n"
        "A: Fuel went up by 30%. Our own figures show that wages rose too.\n\n"
        "Q: Critics say you could have waited.\n\n"
        "A: No."
    )
    claimants = [c for c, _ in _claimants(text)]
    assert claimants[3:5] == ["Ann Lee", "Ann Lee"]
    assert claimants[-1] == "Ann Lee"
    assert claimants[5] != "Ann Lee"  # a question is the interviewer's


def test_without_a_question_an_a_label_gives_no_speaker() -> None:
    text = "Ann Lee spoke first.\n\nA: the tanks were full. Prices fell by 30%."
    assert [c for c, _ in _claimants(text)][1:] == [None, None]


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

# Capitalised words of the articles that are general English vocabulary: the word lists
# may hold them in lower case (a title, a month, an organisation word). Every other
# capitalised word of every labelled article is a proper noun the detector must not know.
GENERAL_CAPITALISED = {
    "april", "association", "bank", "board", "chief", "city", "club", "coach", "college",
    "commission", "committee", "council", "councillor", "court", "department", "deputy",
    "director", "dr", "executive", "february", "foods", "foundation", "friday", "group",
    "health", "hospital", "institute", "january", "june", "league", "march", "mayor",
    "minister", "monday", "mr", "mrs", "ms", "national", "office", "party", "police",
    "president", "prime", "professor", "prof", "river", "saturday", "school", "secretary",
    "service", "society", "sunday", "thursday", "trust", "tuesday", "union", "united",
    "university", "wednesday", "agency", "authority", "centre", "news", "street", "town",
    "trade", "road", "park", "inspector", "judge", "justice", "manager", "leader",
    "spokesperson", "spokesman", "spokeswoman", "chairman", "chairwoman", "chair",
    "governor", "senator", "treasurer", "government", "ministry", "parliament", "general",
    "kingdom", "organization", "sea", "securities", "i", "july", "may", "october",
    # Kinds of public body, like "ministry" and "agency" (rules/7).
    "directorate", "inspectorate",
    "august", "september", "november", "december", "saturdays", "sundays",
    # Organisation and place words of English news copy (org_words, group_nouns,
    # place_words): they name a kind of body or place, not a particular one.
    "alliance", "capital", "charity", "critics", "federation", "valley",
    # "Red" is in ed_not_past.txt as a word ending in -ed that is no past tense.
    "red",
    # Function words that an interview's "A:" label leaves capitalised after it.
    "because", "it", "the", "we", "what", "will", "yes", "you", "your",
    # Place, body and group words the word lists held (rules/2, 08ddad9) before the
    # second held-out set was written: English vocabulary those articles happen to use.
    "bridge", "hall", "logistics", "staff", "statistics", "treasury", "workers",
    # And those it held at rules/3 (1ea287d) before the third set was written; "By" opens
    # a transcript line's answer ("Name: By four points").
    "airline", "airport", "airways", "by", "company", "data", "holdings", "investigation",
    "partners", "pilots", "rail", "systems",
    # An organisation word rules/4 learnt from the second set, never having the third.
    "guild",
    # Words rules/4 (f0aef6f) held before the fourth set was written.
    "forty", "harbour", "track",
    # Words rules/5 (6d59d67) held before the fifth set was written ("A" is an
    # interview's answer label, "C" is in "C-level" of a comment).
    "a", "c", "defence", "district", "foreign", "gazette", "joint", "that",
    # Words rules/6 (1d4c062), written without the sixth set, held (in comments and
    # names of its own: "discourse memory", "a survey by the Institute found").
    "memory", "public", "residents", "st", "survey",
    # Words rules/6 (55ab762) held before the seventh set was written.
    "exchange", "field", "grey", "high", "local", "research", "some", "water",
    # Words rules/8 (7b5b87f) held before the eighth set was read (as code: the variables
    # "d" and "row", "memory.agents"; "Osterlund" is the examples' invented country,
    # "civil" a word before "group").
    "agents", "civil", "d", "inquiry", "osterlund", "port", "row",
    # Words rules/9 (2026-12-03) took in once the eighth set joined the tuning set:
    # "air" as an organisation word ("Vell Air", like "airways"), "act" in "speech acts".
    "act", "air",
    # Words the detector held (94e7bdd, its word lists and comments) before the ninth set
    # was written.
    "age", "bill", "county", "forest", "patients", "studies", "this", "weather",
    # Words the detector held (4e68f2e, its word lists and comments) before the tenth set
    # was written.
    "movement", "nations", "no", "radio", "teachers",
    # Words rules/11 (2026-12-04) took in once the tenth set joined the tuning set: trade
    # words of businesses ("Vell Steel", "Tarn Aerospace"), the role "MP" in capitals and
    # "travel" as a next step ("would travel to the site").
    "aerospace", "mp", "steel", "travel",
    # Words the detector held (b7a77a1, rules/10: its word lists and comments, "Vell" its
    # examples' invented place) before the eleventh set was written.
    "avenue", "fund", "network", "panel", "point", "space", "square", "vell",
    # Words rules/12 (2026-12-04) took in once the eleventh set joined the tuning set: the
    # trade word of milk businesses ("Vell Dairies").
    "dairies", "dairy",
    # Words the detector held (f7ef08c, rules/11: its word lists and comments) before the
    # twelfth set was written.
    "captain", "combined", "crews", "ferries", "ferry", "post", "services", "shipping",
    "strait",
    # Words rules/13 (2026-12-04) took in once the twelfth set joined the tuning set:
    # "families" in a members' body's name, the barrister's "KC", the compass word "west"
    # of place names.
    "families", "kc", "west",
    # Words the detector held (d3f7913, rules/12: its word lists and comments) before the
    # thirteenth set was written.
    "airlines", "appeal", "constable", "sergeant", "sir", "skies", "stores", "who",
}  # fmt: skip
# Phrases of the articles that are general English and belong in a word list.
# "ministry said" is the stock speech tag of a government body in news copy.
# The rest were in the detector (rules/2, 08ddad9) before the second held-out set used them.
GENERAL_PHRASES = {
    "takes effect", "ministry said", "deputy mayor", "faster than", "rather than",
    "two people", "union leader",
    # Stock speech tags in rules/4's examples, written without the third set.
    "report said", "the report said", "report said the", "said the company",
    # In rules/4 (f0aef6f) before the fourth set was written.
    "carried out",
    # In rules/5 (6d59d67) before the fifth set was written.
    "foreign minister", "took effect",
    # In rules/6 (55ab762) before the seventh set was written.
    "carried out by", "finance minister", "longer than",
    # In rules/8 (7b5b87f) before the eighth set was read.
    "board said", "the board said",
    # In rules/9 (4e68f2e) before the tenth set was written.
    "board to hold", "committee said", "nothing else", "said officials",
    # In rules/10 (b7a77a1) before the eleventh set was written.
    "firm planned", "firm planned to", "former judge", "own plan", "planned to sell",
    "second paper", "the firm planned", "the ministry said",
    # In rules/11 (f7ef08c) before the twelfth set was written.
    "data authority",
    # In rules/12 (d3f7913) before the thirteenth set was written.
    "a parliamentary committee", "chief constable", "parliamentary committee",
}  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")
_NUMBER = re.compile(r"\d[\d.,]*\d|\d")


def _all_labelled_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in [*_tuned_paths(), *_heldout_paths()]]


def _sentences_of(text: str) -> list[str]:
    return [text[s:e] for s, e in detect.split_sentences(text)]


def _proper_nouns(text: str) -> set[str]:
    """Capitalised words that do not start a sentence, a line or a quote."""
    found = set()
    for sentence in _sentences_of(text):
        words = _WORD.findall(sentence)
        for word in words[1:]:
            if word[0].isupper() and word.lower() not in GENERAL_CAPITALISED:
                found.add(word)
    return found


def _rare_phrases(texts: list[str]) -> set[str]:
    """Two- and three-word phrases of content words that occur in only one article: the
    distinctive phrases a rule or a comment copied from a test sentence would carry."""
    function_words = set(
        (DETECTOR_DIR / "data" / "function_words.txt").read_text(encoding="utf-8").split()
    )
    seen: dict[str, int] = {}
    for text in texts:
        phrases = set()
        for sentence in _sentences_of(text):
            words = [w.lower() for w in _WORD.findall(sentence)]
            for n in (2, 3):
                for i in range(len(words) - n + 1):
                    gram = words[i : i + n]
                    if sum(w not in function_words for w in gram) >= 2:
                        phrases.add(" ".join(gram))
        for phrase in phrases:
            seen[phrase] = seen.get(phrase, 0) + 1
    return {phrase for phrase, count in seen.items() if count == 1}


def _source_words(source: str) -> str:
    """The detector's code, comments and word lists as lower-case words, one space apart
    within a line and a line break between lines (a phrase is looked for in one line)."""
    return "\n".join(
        " " + " ".join(w.lower() for w in _WORD.findall(line)) + " " for line in source.splitlines()
    )


def _known_nouns(source: str) -> list[str]:
    """Proper nouns of the labelled articles that ``source`` contains (acronyms in
    capitals only: "US" is not "us")."""
    nouns = set().union(*map(_proper_nouns, _all_labelled_texts()))
    assert {"Whitfield", "Lindqvist", "Okoye"} <= nouns, "the harness must find the names"
    words, acronyms = _source_words(source), set(_WORD.findall(source))
    return sorted(
        w
        for w in nouns
        if (w in acronyms if w.isupper() and len(w) > 1 else f" {w.lower()} " in words)
    )


def _known_numbers(source: str) -> list[str]:
    # Numbers of three or more digits are figures of a story; short ones ("19", "2") are
    # also the detector's own constants. "\u2026" is an escape, not a number.
    numbers = {m for text in _all_labelled_texts() for m in _NUMBER.findall(text)}
    numbers = {n for n in numbers if sum(c.isdigit() for c in n) >= 3}
    assert numbers
    return sorted(n for n in numbers if re.search(rf"(?<![\d.,\\u]){re.escape(n)}(?![\d])", source))


def _known_phrases(source: str) -> list[str]:
    phrases = _rare_phrases(_all_labelled_texts()) - GENERAL_PHRASES
    assert "heron stood" in phrases or not (ARTICLES / "river_pollution_study.txt").exists()
    words = _source_words(source)
    return sorted(p for p in phrases if f" {p} " in words)


def test_detector_source_contains_no_seed_names_or_phrases() -> None:
    found = [w for w in SEED_WORDS if re.search(rf"\b{re.escape(w)}\b", SOURCE, re.IGNORECASE)]
    assert found == []


def test_detector_knows_no_proper_noun_of_any_labelled_article() -> None:
    assert _known_nouns(SOURCE) == []


def test_detector_holds_no_number_of_any_labelled_article() -> None:
    assert _known_numbers(SOURCE) == []


def test_detector_holds_no_distinctive_phrase_of_any_labelled_article() -> None:
    assert _known_phrases(SOURCE) == []


def test_the_hygiene_checks_see_what_is_planted() -> None:
    # The checks must be able to fail: an article's words planted in a comment are seen.
    planted = SOURCE + "\n# Rovers were unimpressed, said Carr; 11,402 saw a heron stood.\n"
    assert {"Carr", "Rovers"} <= set(_known_nouns(planted))
    assert "11,402" in _known_numbers(planted)
    assert "heron stood" in _known_phrases(planted)


def test_detector_does_not_import_django() -> None:
    assert not re.search(r"^\s*(from|import)\s+django", SOURCE, re.MULTILINE)
