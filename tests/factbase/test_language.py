# ruff: noqa: RUF001  (real Greek and Chinese text: the look-alike letters are the point)
"""Tests for language detection (factbase.language)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factbase.language import MAX_WORDS, detect_language, is_english, language_scores
from tests.budget import examples

TEXTS = {
    "en": "The city council voted on Tuesday to raise property taxes by 4.2%, the largest "
    "increase in more than a decade, after a meeting that drew hundreds of residents.",
    "fr": "Le conseil municipal a voté mardi une hausse de la taxe foncière de 4,2 %, la "
    "plus forte depuis plus de dix ans, après une réunion qui a attiré des centaines "
    "d\u2019habitants.",
    "de": "Der Stadtrat hat am Dienstag beschlossen, die Grundsteuer um 4,2 Prozent zu "
    "erhöhen, die größte Erhöhung seit mehr als zehn Jahren, nachdem Hunderte von "
    "Einwohnern zu der Sitzung gekommen waren.",
    "es": "El ayuntamiento votó el martes a favor de subir el impuesto sobre bienes "
    "inmuebles un 4,2 %, la mayor subida en más de una década, tras una reunión a la que "
    "acudieron cientos de vecinos.",
    "it": "Il consiglio comunale ha votato martedì per aumentare le tasse sulla proprietà "
    "del 4,2%, il più grande aumento da oltre un decennio.",
    "nl": "De gemeenteraad heeft dinsdag besloten de onroerendezaakbelasting met 4,2 "
    "procent te verhogen, de grootste stijging in meer dan tien jaar.",
    "ru": "Городской совет во вторник проголосовал за повышение налога на имущество на "
    "4,2%, это самое большое повышение за последние десять лет.",
    "el": "Το δημοτικό συμβούλιο ψήφισε την Τρίτη αύξηση του φόρου ακινήτων κατά 4,2%.",
    "zh": "市议会周二投票决定将房产税提高4.2%，这是十多年来最大的涨幅。",
    "ja": "市議会は火曜日、固定資産税を4.2%引き上げることを決めた。",
}


@pytest.mark.parametrize("code", sorted(TEXTS))
def test_detects_the_language_of_a_news_sentence(code: str) -> None:
    assert detect_language(TEXTS[code]) == code


def test_is_english() -> None:
    assert is_english(TEXTS["en"]) is True
    assert is_english(TEXTS["fr"]) is False
    assert is_english("") is None


@pytest.mark.parametrize("text", ["", "   ", "Hello world", "4.2% 2024 $3m", "Paris, Berlin"])
def test_too_short_or_wordless_text_is_undecided(text: str) -> None:
    assert detect_language(text) is None


def test_names_and_numbers_alone_are_undecided() -> None:
    assert detect_language("Xylo Qwerty Zandor Vrell Kupta Mbeki Okonkwo 2024 4.2%") is None


def test_an_english_report_quoting_french_is_english() -> None:
    text = (
        "\u201cNous ne céderons pas,\u201d the minister told reporters on Tuesday, adding "
        "that the government would not change its plans for the budget this year."
    )
    assert detect_language(text) == "en"


def test_a_french_article_with_an_english_quote_is_french() -> None:
    text = TEXTS["fr"] + " \u201cWe will see,\u201d a resident said. " + TEXTS["fr"]
    assert detect_language(text) == "fr"


def test_only_the_opening_words_are_read() -> None:
    # A page far longer than MAX_WORDS is decided on its opening: the cost stays bounded.
    english = (TEXTS["en"] + " ") * (MAX_WORDS // 20 + 1)
    french = (TEXTS["fr"] + " ") * 2000
    assert detect_language(english + french) == "en"
    assert detect_language(french + english) == "fr"


def test_scores_are_shares_of_words() -> None:
    scores = language_scores(TEXTS["de"])
    assert all(0.0 <= s <= 1.0 for s in scores.values())
    assert max(scores, key=lambda c: scores[c]) == "de"
    assert language_scores("") == {}


def _scores_by_definition(text: str) -> dict[str, float]:
    """The share of the first MAX_WORDS words that are each language's stop words, as the
    docstring defines it, counted the slow way."""
    import justext

    from factbase.language import _WORD, STOPLISTS

    words = [w.lower().replace("\u2019", "'") for w in _WORD.findall(text[: MAX_WORDS * 20])]
    words = words[:MAX_WORDS]
    if not words:
        return {}
    stop = {c: {w.lower() for w in justext.get_stoplist(n)} for c, n in STOPLISTS.items()}
    return {c: sum(w in stop[c] for w in words) / len(words) for c in STOPLISTS}


_MIXED = st.lists(
    st.sampled_from(["a", "é", "ß", "\u2019", "'", " ", ",", ".", "\n", "x", "市", "は", "Ω"])
    | st.sampled_from(["the ", "The ", "le ", "der ", "и ", "και ", "it\u2019s ", "don't "]),
    max_size=200,
).map("".join)


@settings(max_examples=examples(300), deadline=None)
@given(st.lists(st.sampled_from(list(TEXTS.values())), max_size=4), _MIXED)
def test_scores_are_the_share_of_stop_words_as_defined(texts: list[str], noise: str) -> None:
    text = " ".join(texts) + noise
    assert language_scores(text) == _scores_by_definition(text)
