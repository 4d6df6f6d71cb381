"""Which language an article is written in, from its own words, offline.

The claim detector's rules and its learned scorer are for English news copy; running them
silently on French or German would store nonsense claims. ``detect_language`` lets ingest
tell when a page or sidecar does not say, so that detection can be skipped with a stated
reason.

Method: the share of a text's words that are stop words of each candidate language, using
the stop lists that jusText ships (frequent words of each language's Wikipedia; jusText
is already installed as trafilatura's dependency, BSD licence, no model download). Texts
in a script used by few languages (Greek, Hebrew, Arabic, the Indic scripts, Thai, Chinese,
Japanese, Korean) are named by their script. Pure Python, linear in the input (only the
first ``MAX_WORDS`` words are read), no Django import.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import cache, lru_cache

import justext

# ISO 639-1 code -> jusText stop-list name. Latin- and Cyrillic-script languages of the
# news a newsroom is likely to paste; closely related languages left out (Catalan,
# Galician, Nynorsk, ...) would only blur the choice between their neighbours.
STOPLISTS: dict[str, str] = {
    "en": "English",
    "fr": "French",
    "de": "German",
    "es": "Spanish",
    "it": "Italian",
    "pt": "Portuguese",
    "nl": "Dutch",
    "sv": "Swedish",
    "da": "Danish",
    "no": "Norwegian_Bokmal",
    "fi": "Finnish",
    "pl": "Polish",
    "cs": "Czech",
    "ro": "Romanian",
    "hu": "Hungarian",
    "tr": "Turkish",
    "id": "Indonesian",
    "ru": "Russian",
    "uk": "Ukrainian",
    "bg": "Bulgarian",
}

# Unicode script (from character names) -> language, for scripts of one main language.
_SCRIPTS: dict[str, str] = {
    "GREEK": "el",
    "HEBREW": "he",
    "ARABIC": "ar",
    "DEVANAGARI": "hi",
    "BENGALI": "bn",
    "TAMIL": "ta",
    "THAI": "th",
    "HANGUL": "ko",
    "HIRAGANA": "ja",
    "KATAKANA": "ja",
    "CJK": "zh",
}

MIN_WORDS = 5  # fewer words than this: too short to tell
MIN_RATIO = 0.15  # news prose runs at 0.3-0.6 stop words; below this nothing matched
MAX_WORDS = 2000  # enough to decide; keeps a 10 MB page as cheap as a short one
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")


@cache
def _stopwords(code: str) -> frozenset[str]:
    return frozenset(w.lower() for w in justext.get_stoplist(STOPLISTS[code]))


def _script_language(words: list[str]) -> str | None:
    """The language of a script used by one main language, if most letters are in it."""
    counts: dict[str, int] = {}
    letters = 0
    kana = 0
    for word in words:
        letters += len(word)
        if word.isascii():
            continue  # Latin letters: no script of _SCRIPTS, no kana
        for char in word:
            script = _script(char)
            if script in ("HIRAGANA", "KATAKANA"):
                kana += 1
            if script in _SCRIPTS:
                counts[script] = counts.get(script, 0) + 1
    if not counts or letters < 2 * MIN_WORDS:
        return None
    script, count = max(counts.items(), key=lambda kv: kv[1])
    if count * 2 < letters:
        return None
    # Japanese mixes kanji (CJK) with kana; Chinese has no kana.
    return "ja" if kana * 10 >= letters else _SCRIPTS[script]


@lru_cache(maxsize=1 << 14)
def _script(char: str) -> str:
    """The first word of a character's Unicode name ("GREEK", "CJK", "LATIN", ...)."""
    return unicodedata.name(char, "").split(" ", 1)[0]


@cache
def _stop_index() -> dict[str, tuple[str, ...]]:
    """Each stop word of any language of ``STOPLISTS``, with the languages it is one of."""
    index: dict[str, list[str]] = {}
    for code in STOPLISTS:
        for word in _stopwords(code):
            index.setdefault(word, []).append(code)
    return {word: tuple(codes) for word, codes in index.items()}


def _words(text: str) -> list[str]:
    return _WORD.findall(text[: MAX_WORDS * 20])[:MAX_WORDS]


def language_scores(text: str) -> dict[str, float]:
    """For each language of ``STOPLISTS``, the share of the text's words that are its stop
    words (the first ``MAX_WORDS`` words, lower-cased)."""
    return _scores(_words(text))


def _scores(words: list[str]) -> dict[str, float]:
    if not words:
        return {}
    hits = dict.fromkeys(STOPLISTS, 0)
    index = _stop_index()
    for word, n in Counter(w.lower().replace("\u2019", "'") for w in words).items():
        for code in index.get(word, ()):
            hits[code] += n
    return {code: hits[code] / len(words) for code in STOPLISTS}


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the language ``text`` is written in, or None when it cannot tell
    (fewer than ``MIN_WORDS`` words, or no language's stop words make up ``MIN_RATIO``)."""
    words = _words(text)
    by_script = _script_language(words)
    if by_script is not None:
        return by_script
    if len(words) < MIN_WORDS:
        return None
    scores = _scores(words)
    best = max(scores, key=lambda code: scores[code])
    return best if scores[best] >= MIN_RATIO else None


def is_english(text: str) -> bool | None:
    """Whether ``text`` is English; None when ``detect_language`` cannot tell."""
    code = detect_language(text)
    return None if code is None else code == "en"
