"""Sentences: paragraph blocks, sentence boundaries (abbreviations, initials, decimals,
quotes with a speaker tag after them), headings, and the tokens of one sentence.

Every scan is linear in the text: a run of terminals is read once from its first
character, and the word before a full stop is read from a bounded window.
"""

from __future__ import annotations

import re
from operator import methodcaller

from factbase.detect.errors import TooManySentences
from factbase.detect.lexicon import (
    _ABBREV_MAYBE,
    _ABBREV_NEVER,
    _CLOSERS,
    _MONTHS,
    _NO_SPACE_BEFORE,
    _OPENERS,
    _SENTENCE_STARTERS,
    _TERMINAL,
)

_LINE_RE = re.compile(r"[^\n]+")
# Possessive runs behind a guard: a run of terminals is scanned once, from its first
# character, so a megabyte of "...." is linear instead of quadratic.
_BOUNDARY_RE = re.compile(r"(?<![.!?\u2026])[.!?\u2026]++[\u201d\u2019\"')\]]*+(?=\s)")
# The same boundary with the whitespace after it, so the next sentence's start is the
# match's end.
_SPLIT_RE = re.compile(r"((?<![.!?\u2026])[.!?\u2026]++[\u201d\u2019\"')\]]*+)\s++")
_OPENERS_RE = re.compile("[\u201c\u2018\"'(\\[]*+")
_SPEAKER_TAIL_RE = re.compile(
    r"([A-Z][\w\u2019'.-]*+)(?:\s++[A-Z][\w\u2019'.-]*+){0,3}\s++"
    r"(?:said|says|asked|asks|added|told|replied|wrote|explained|insisted|warned|shouted|"
    r"exclaimed|continued|noted|argued)\b"
)
_WORD_RE = re.compile(r"[^\W\d_]+")
_DOTTED_RE = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_TOKEN_RE = re.compile(
    r"[A-Za-z]\.(?:[A-Za-z]\.)+"  # U.S., e.g.
    r"|[£$€¥]?\d+(?:[.,]\d+)*[%\w]*(?:-\w+)*"  # 7.25%, $4.8bn, 12,345, 19th, 3-2, 45-year-old
    r"|\w+(?:[\u2019'\-]\w+)*"  # words, with inner apostrophes and hyphens
    r"|\S"
)
_MATCH_START = methodcaller("start")
_HEADING_MARK_RE = re.compile(r"#++\s*+|[-*•]\s++")

# Bounds that keep every parse local, so no input makes the work grow faster than its
# length: the characters before a full stop that can hold an abbreviation, the tokens of
# one name, and the tokens between a speaker and its verb.
_LONGEST_ABBREVIATION = 24
_LONGEST_NAME = 12
_LONGEST_APPOSITION = 40
# More sentences than a long book: no article has them. Detection of 2 MiB of one-word
# lines would take seconds; the text is refused after splitting this many.
MAX_SENTENCES = 20_000


def _blocks(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: one per line, except that a line starting in lower case after a
    line with no final punctuation continues it (hard-wrapped text)."""
    blocks: list[tuple[int, int]] = []
    prev_line_end = -2
    for m in _LINE_RE.finditer(text):
        line = m.group()
        stripped = line.strip()
        if not stripped:
            continue
        start = m.start() + (len(line) - len(line.lstrip()))
        end = m.start() + len(line.rstrip())
        if (
            blocks
            and prev_line_end + 1 == m.start()
            and stripped[0].islower()
            and text[blocks[-1][1] - 1] not in _TERMINAL + _CLOSERS + ":"
        ):
            blocks[-1] = (blocks[-1][0], end)
        else:
            mark = _HEADING_MARK_RE.match(text, start, end)
            if mark and mark.end() < end:
                start = mark.end()
            blocks.append((start, end))
        prev_line_end = m.end()
        if len(blocks) > MAX_SENTENCES:
            raise TooManySentences(f"the text has more than {MAX_SENTENCES:,} paragraphs")
    return blocks


def _is_heading(text: str, start: int, end: int) -> bool:
    if text[start - 1 : start] == "#" or (start >= 2 and text[start - 2] == "#"):
        return True
    body = text[start:end].rstrip(_CLOSERS)
    return (
        bool(body)
        and body[-1] not in _TERMINAL + ":;,"
        and text.count(" ", start, end) < 12
        and _BOUNDARY_RE.search(body) is None
    )


# What the characters before a full stop say about it, memoised by those characters
# (news copy ends its sentences after few distinct words): (a word longer than any
# abbreviation, never final, final unless a number follows, final only before a sentence
# starter).
_STOPS: dict[tuple[str, bool], tuple[bool, bool, bool, bool]] = {}
_STOPS_LIMIT = 1 << 16


def _stop_facts(window: str, whole: bool) -> tuple[bool, bool, bool, bool]:
    pieces = window.split()
    if not pieces or window[-1].isspace():
        word = ""
    elif len(pieces) == 1 and not whole and not window[0].isspace():
        return True, False, False, False  # a word longer than any abbreviation
    else:
        word = pieces[-1].lstrip(_OPENERS)
    low = word.lower()
    never = low in _ABBREV_NEVER
    before_number = low in _MONTHS or low in ("no", "nos")
    maybe = (
        low in _ABBREV_MAYBE
        or _DOTTED_RE.fullmatch(word) is not None
        or (len(word) == 1 and word.isupper())
    )
    return False, never, before_number, maybe


def _ends_sentence(block: str, dot: int, nxt: int) -> bool:
    """May the full stop at ``dot`` end a sentence, given that the next one starts at
    ``nxt``? Decides abbreviations, initials and dotted acronyms."""
    lo = max(0, dot - _LONGEST_ABBREVIATION)
    window = block[lo:dot]
    key = (window, lo == 0)
    facts = _STOPS.get(key)
    if facts is None:
        facts = _stop_facts(window, lo == 0)
        if len(_STOPS) > _STOPS_LIMIT:
            _STOPS.clear()
        _STOPS[key] = facts
    long_word, never, before_number, maybe = facts
    if long_word:
        return True
    if never:
        return False
    if before_number and block[nxt].isdigit():
        return False
    if maybe:
        openers = _OPENERS_RE.match(block, nxt)
        after = openers.end() if openers else nxt
        m = _WORD_RE.match(block, after, after + _LONGEST_ABBREVIATION)
        return m is not None and m.group().lower() in _SENTENCE_STARTERS
    return True


def _quote_tail(block: str, nxt: int, full_stop: bool = False) -> bool:
    """Does a speaker tag follow the closing quote ("...?" Smith asked.)? Then the
    quote's own full stop or question mark does not end the sentence. After a full stop
    the tag must end there ('...them." she said.'): '...them." Jo Bloggs said the town
    had ...' is a new sentence of reported speech."""
    m = _SPEAKER_TAIL_RE.match(block, nxt)
    if m is None or m.group(1).lower() in _SENTENCE_STARTERS:
        return False
    return not full_stop or block[m.end() : m.end() + 1] in (".", ",", "")


def _split_block(text: str, start: int, end: int) -> list[tuple[int, int]]:
    block = text[start:end]
    spans: list[tuple[int, int]] = []
    sent_start = 0
    size = len(block)
    for m in _SPLIT_RE.finditer(block):
        nxt = m.end()
        if nxt >= size:
            break
        char = block[nxt]
        if not (char.isupper() or char.isdigit() or char in _OPENERS):
            continue
        marks = m.group(1)
        if marks[-1] in _CLOSERS and _quote_tail(block, nxt, full_stop=marks[0] == "."):
            continue
        single_stop = marks == "." or (marks[0] == "." and marks[1] in _CLOSERS)
        if single_stop and not _ends_sentence(block, m.start(), nxt):
            continue
        spans.append((start + sent_start, start + m.end(1)))
        if len(spans) > MAX_SENTENCES:
            raise TooManySentences(f"the text has more than {MAX_SENTENCES:,} sentences")
        sent_start = nxt
    spans.append((start + sent_start, end))
    return spans


def _segments(text: str) -> list[tuple[int, int, int, bool]]:
    """(start, end, paragraph index, is heading) for every sentence."""
    out: list[tuple[int, int, int, bool]] = []
    for para, (start, end) in enumerate(_blocks(text)):
        if _is_heading(text, start, end):
            out.append((start, end, para, True))
            continue
        for s, e in _split_block(text, start, end):
            out.append((s, e, para, False))
        if len(out) > MAX_SENTENCES:
            raise TooManySentences(f"the text has more than {MAX_SENTENCES:,} sentences")
    return out


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text`` as (start, end) offsets, whitespace-trimmed. Quotes,
    abbreviations and decimals do not end a sentence; line breaks and headings do."""
    return [(s, e) for s, e, _, _ in _segments(text)]


class _Sentence:
    """Tokens of one sentence with their quote state, in parallel lists."""

    __slots__ = ("_starts", "first", "inq", "lows", "text", "toks")

    def __init__(self, text: str) -> None:
        self.text = text
        self.toks: list[str] = _TOKEN_RE.findall(text)
        self.lows = list(map(str.lower, self.toks))
        self.inq: list[bool] = []
        self._starts: list[int] = []
        toks = self.toks
        first = 0
        while first < len(toks) and not toks[first][0].isalnum():
            first += 1
        self.first = first

    def start(self, i: int) -> int:
        """Offset of token ``i``; computed on first use, most sentences never need it."""
        starts = self._starts
        if not starts:
            starts.extend(map(_MATCH_START, _TOKEN_RE.finditer(self.text)))
        return starts[i]

    def span_text(self, lo: int, hi: int) -> str:
        """Tokens ``lo..hi`` as written, with runs of whitespace (a wrapped line) as one
        space. Only a few tokens long, so joining beats locating offsets."""
        out = self.toks[lo]
        for tok in self.toks[lo + 1 : hi + 1]:
            out += tok if tok in _NO_SPACE_BEFORE else " " + tok
        return out
