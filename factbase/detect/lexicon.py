"""The detector's vocabulary: word lists read once from ``data/*.txt`` (each file says what
its list is for), the sets built from them, and one table from word to the bit set of
the lists it is in, so the feature loop does a single dictionary lookup per token.

Every entry is general English news vocabulary, never a word of a particular story: the
hygiene tests in tests/factbase/test_detect.py check the lists against every labelled
article.
"""

from __future__ import annotations

import string
from importlib import resources


def _entries(name: str) -> list[str]:
    """The entries of ``data/<name>.txt``: one a line, ``#`` comments and blanks skipped."""
    text = resources.files(__package__).joinpath("data", f"{name}.txt").read_text("utf-8")
    rows = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return [row for row in rows if row]


def _load_words(name: str) -> frozenset[str]:
    return frozenset(_entries(name))


def _load_pairs(name: str) -> frozenset[tuple[str, str]]:
    """Two-word cues, one a line: "due to"."""
    return frozenset((a, b) for a, b in (row.split() for row in _entries(name)))


_MONTHS = _load_words("months")
_WEEKDAYS = _load_words("weekdays")
_TIME_WORDS = _load_words("time_words")
_TIME_UNITS = _load_words("time_units")
_FUNCTION_WORDS = _load_words("function_words")
_SENTENCE_STARTERS = _load_words("sentence_starters")
# Abbreviations that never end a sentence, ones that may, and dotted forms handled apart.
_ABBREV_NEVER = _load_words("abbreviations_never_final")
_ABBREV_MAYBE = _load_words("abbreviations_maybe_final")

_TITLES = _load_words("titles")
_HONORIFIC_GENDER = dict.fromkeys(_load_words("honorifics_male"), "m") | dict.fromkeys(
    _load_words("honorifics_female"), "f"
)
_ROLE_NOUNS = _load_words("role_nouns")
_SPOKES_NOUNS = _load_words("spokes_nouns")
# Capitalised words that mark a name as an organisation or a place rather than a person.
_ORG_WORDS = _load_words("org_words")
_PLACE_WORDS = _load_words("place_words")
# Nouns that can head a speaker phrase ("the ministry said", "officials said").
_GROUP_NOUNS = _load_words("group_nouns")
# Speaker nouns that stand for an organisation: "the firm said" means the last firm.
_ORG_ANAPHORA = _load_words("org_anaphora")
_DOC_NOUNS = _load_words("doc_nouns")
# Kinds of body, so that "the company" is never the union or the regulator named last.
_PUBLIC_BODY_WORDS = _load_words("public_body_words")
_MEMBER_BODY_WORDS = _load_words("member_body_words")
_COMPANY_NOUNS = _load_words("company_nouns")
_CAUSE_WORDS = _load_words("cause_words")
# Nouns of a kind of body written before its name: "the campaign group X", "the charity X".
_BODY_KIND_NOUNS = (_ORG_ANAPHORA | _COMPANY_NOUNS | _MEMBER_BODY_WORDS | {"firm"}) - _ROLE_NOUNS
_SOURCE_NOUNS = _GROUP_NOUNS | _DOC_NOUNS
_DETERMINERS = _load_words("determiners")
# Adjectives that describe a source without naming it: "a recent survey" is the survey.
_PASSING_ADJECTIVES = _load_words("passing_adjectives")
_PRONOUNS = _load_words("pronouns")

_SPEECH_VERBS = _load_words("speech_verbs")
# Verbs that introduce findings only when followed by "that" or a number.
_FINDING_VERBS = _load_words("finding_verbs")
# Verbs that can come before their speaker: ",' said the mayor." (after a closing quote).
_INVERTIBLE_VERBS = _load_words("invertible_verbs")
_SPEECH_PARTICIPLES = _load_words("speech_participles")
# Words that may stand between a speaker and the speech verb: "X has also said".
_ATTRIBUTION_FILLERS = _load_words("attribution_fillers")
_PASSIVE_AUX = _load_words("passive_aux")
# "the sum X says is owed": a speech verb followed at once by a finite verb heads a
# relative clause, not an attribution of the sentence.
_FINITE_AFTER = _load_words("finite_after")
# A speech verb with a reflexive object is inner speech: "she told herself".
_REFLEXIVES = _load_words("reflexives")
# Verbs of demand, speech only before "for": "the union called for a freeze".
_APPEAL_VERBS = _load_words("appeal_verbs")
# Participles that make their agent a document's author: "a report issued by X".
_PUBLISH_PARTICIPLES = _load_words("publish_participles")
# A speaker's word on their own response ("said it would review the report").
_RESPONSE_VERBS = _load_words("response_verbs")
# A subject or verb so negated that nothing is said: "neither firm responded".
_NEGATORS = _load_words("negators")
# "nurses at the clinic in X said": the speakers are the nurses.
_LOCATIVE_PREPS = _load_words("locative_prepositions")
_ATTRIBUTION_CUES = (
    _SPEECH_VERBS
    | _FINDING_VERBS
    | _SPEECH_PARTICIPLES
    | _APPEAL_VERBS
    # "according to", "pointed" (before "out that"), forecasts ("It predicts rents to climb").
    | {"according", "pointed", "expects", "forecasts", "predicts", "projects"}
    # Speech acts with no claim: "apologised", "described ... as".
    | {"apologised", "apologized", "apologises", "apologizes", "described", "describes"}
)
_NAME_CONNECTORS = _load_words("name_connectors")

_NUMBER_WORDS = _load_words("number_words")
_SCALE_WORDS = _load_words("scale_words")
_CURRENCY_WORDS = _load_words("currency_words")
_COMPARATIVES = _load_words("comparatives")
_CHANGE_WORDS = _load_words("change_words")
_CAUSAL_WORDS = _load_words("causal_words")
_CAUSAL_PAIRS = _load_pairs("causal_pairs")
_MODALS = _load_words("modals")
_RULE_WORDS = _load_words("rule_words")
_RULE_PAIRS = _load_pairs("rule_pairs")
_IRREGULAR_PAST = _load_words("irregular_past")
_ED_NOT_PAST = _load_words("ed_not_past")
_FIRST_PERSON = _load_words("first_person")
_OPINION_WORDS = _load_words("opinion_words")
_OPINION_PAIRS = _load_pairs("opinion_pairs")
# Atmosphere (weather, light, stillness) marks scene-setting, not a claim.
_SCENE_WORDS = _load_words("scene_words")
_AIM_VERBS = _load_words("aim_verbs")
_ADVICE_WORDS = _load_words("advice_words")

# Typographic quotation marks, spelled as escapes so they cannot be confused in review.
_LDQ, _RDQ, _LSQ, _RSQ = "\u201c", "\u201d", "\u2018", "\u2019"
# One table from word to a bit set of the lists it is in, so the feature loop does a
# single dictionary lookup per token.
_NUMBER_WORD, _HALF, _MONTH, _WEEKDAY, _TIME_WORD, _TIME_UNIT, _TITLE = (1 << k for k in range(7))
_COMPARATIVE, _CHANGE, _CAUSAL, _MODAL, _RULE, _PAST, _NOT_PAST = (1 << k for k in range(7, 14))
_FIRST, _OPINION, _ADVICE, _PAIR_END, _SCENE, _WORD, _NUMERIC = (1 << k for k in range(14, 21))
_PAIRS: dict[tuple[str, str], str] = {
    **dict.fromkeys(_CAUSAL_PAIRS, "causal"),
    **dict.fromkeys(_RULE_PAIRS, "rule"),
    **dict.fromkeys(_OPINION_PAIRS, "opinion"),
    **{(verb, "to"): "aim" for verb in _AIM_VERBS},
}
_LEXICON: dict[str, int] = {}
for _bit, _members in (
    (_NUMBER_WORD, _NUMBER_WORDS),
    (_HALF, frozenset({"half"})),
    (_MONTH, _MONTHS),
    (_WEEKDAY, _WEEKDAYS),
    (_TIME_WORD, _TIME_WORDS),
    (_TIME_UNIT, _TIME_UNITS),
    (_TITLE, _TITLES),
    (_COMPARATIVE, _COMPARATIVES),
    (_CHANGE, _CHANGE_WORDS),
    (_CAUSAL, _CAUSAL_WORDS),
    (_MODAL, _MODALS),
    (_RULE, _RULE_WORDS),
    (_PAST, _IRREGULAR_PAST),
    (_NOT_PAST, _ED_NOT_PAST),
    (_FIRST, _FIRST_PERSON),
    (_OPINION, _OPINION_WORDS),
    (_ADVICE, _ADVICE_WORDS),
    (_SCENE, _SCENE_WORDS),
    (_PAIR_END, frozenset(second for _, second in _PAIRS)),
):
    for _word in _members:
        _LEXICON[_word] = _LEXICON.get(_word, 0) | _bit
for _word in _MONTHS:
    _LEXICON[_word + "."] = _LEXICON[_word]
for _word in list(_LEXICON):
    if _word.endswith("ed") and len(_word) > 4 and _word not in _ED_NOT_PAST:
        _LEXICON[_word] |= _PAST

_TERMINAL = ".!?\u2026"
_CLOSERS = _RDQ + _RSQ + "\"')]"
_OPENERS = _LDQ + _LSQ + "\"'(["
_UNIT_CHARS = string.ascii_letters + "%"
_NO_SPACE_BEFORE = frozenset({".", ",", _RSQ, "'"})
_CLOSING_MARKS = (_RDQ, _RSQ, '"', "'")
_POSSESSIVES = (_RSQ + "s", "'s")

# Read outside the detector too (factbase/claimauthor.py resolves a role word to a person).
ROLE_NOUNS = _ROLE_NOUNS
TITLES = _TITLES
