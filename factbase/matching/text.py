"""Words, stems, numbers and names of a short text, as the matcher compares them.

Every function here is linear in its input and bounded: a query is cut to MAX_CHARS
before anything else looks at it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import snowballstemmer

MAX_CHARS = 2000
APOSTROPHES = "'\u2019"
WORD = re.compile(rf"[^\W_]+(?:[{APOSTROPHES}][^\W_]+)?", re.UNICODE)
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
URL = re.compile(r"https?://\S+|\bpic\.twitter\.com/\S+|@\w+")

STOPWORDS = frozenset(
    line.strip()
    for line in (Path(__file__).parent / "stopwords.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
)

_stemmer = snowballstemmer.stemmer("english")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return str(_stemmer.stemWord(word))


def clean(text: str) -> str:
    """The text without links and handles, cut to MAX_CHARS."""
    return URL.sub(" ", text[:MAX_CHARS])


def words(text: str) -> list[str]:
    return [w.lower().replace("\u2019", "'") for w in WORD.findall(clean(text))]


def content_stems(text: str) -> list[str]:
    """Stems of the words that are not function words, in order."""
    return [stem(w) for w in words(text) if w not in STOPWORDS]


def numbers(text: str) -> set[str]:
    return {n.replace(",", "") for n in NUMBER.findall(clean(text))}


def names(text: str) -> set[str]:
    """Capitalised words that do not start a sentence: a cheap stand-in for names."""
    found: set[str] = set()
    previous_ends_sentence = True
    for match in WORD.finditer(clean(text)):
        token = match.group()
        if token[0].isupper() and not previous_ends_sentence and token.lower() not in STOPWORDS:
            found.add(token.lower())
        tail = text[match.end() : match.end() + 2]
        previous_ends_sentence = any(c in ".!?:" for c in tail)
    return found
