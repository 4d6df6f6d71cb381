"""Quotation marks: which tokens of a sentence are inside a quote, and whether the
sentence is a direct quote, a partial quote or a quote alone (continuing a speaker).
"""

from __future__ import annotations

import re
from itertools import compress, count
from operator import itemgetter

from factbase.detect.lexicon import (
    _LDQ,
    _LSQ,
    _RDQ,
    _RSQ,
)
from factbase.detect.sentences import (
    _Sentence,
)

_QUOTE_RE = re.compile("[\u201c\u201d\u2018\u2019\"']")
# A straight apostrophe after whitespace (or at the start): the only place one can open a
# single quote. A sentence without one never needs token offsets.
_OPENING_APOSTROPHE_RE = re.compile(r"(?<!\S)'")

# The tokens that can open or close a quotation.
_QUOTE_TOKENS = frozenset({_LDQ, _RDQ, _LSQ, _RSQ, '"', "'"})
_ENDING_PUNCTUATION = frozenset((",", ".", "!", "?", "\u2026"))


_FIRST = itemgetter(0)


def _any_word(toks: list[str]) -> bool:
    """Does a word (a token starting with a letter or digit) stand among ``toks``?"""
    return any(map(str.isalnum, map(_FIRST, toks)))


def _opens(sent: _Sentence, i: int) -> bool:
    """Does the straight apostrophe at token ``i`` open a quote (a space before it and a
    letter after)?"""
    at = sent.start(i)
    before = sent.text[at - 1] if at else " "
    return before.isspace() and sent.text[at + 1 : at + 2].isalpha()


# The quote state is two flags, double and single, as a number: double + 2 * single.
# For each mark and state: (the state after it, whether the mark itself counts as inside,
# and what it did: 0 nothing, 1 opened, 2 closed). A straight apostrophe that could open
# a quote (``_opens``) is decided apart.
_OPENED, _CLOSED = 1, 2


def _transitions(tok: str) -> tuple[tuple[int, bool, int], ...]:
    rows = []
    for state in range(4):
        double, single = bool(state & 1), bool(state & 2)
        event = 0
        if tok == _LDQ or (tok == '"' and not double):
            if not double:
                double, event = True, _OPENED
        elif tok == _RDQ or tok == '"':
            if double:
                double, event = False, _CLOSED
        elif tok == _LSQ:
            if not single:
                single, event = True, _OPENED
        elif single:  # a right single quote or an apostrophe
            single, event = False, _CLOSED
        rows.append((double + 2 * single, double or single or event == _CLOSED, event))
    return tuple(rows)


_TRANSITIONS = {tok: _transitions(tok) for tok in _QUOTE_TOKENS}


def _track_quotes(
    sent: _Sentence, double: bool, single: bool
) -> tuple[bool, bool, bool, bool, bool, bool]:
    """Mark tokens inside quotation marks. Returns the quote state at the end of the
    sentence and (direct quote, partial quote, quote only, started inside a quote).

    Only the quotation marks change the state, so the loop visits them alone (one table
    look-up each) and fills the runs of tokens between them in one step each."""
    started_inside = double or single
    toks, text = sent.toks, sent.text
    if not started_inside and not _QUOTE_RE.search(text):
        sent.inq = [False] * len(toks)
        return False, False, False, False, False, False
    direct = started_inside
    partial = False
    inq = sent.inq
    table = _TRANSITIONS
    may_open = _OPENING_APOSTROPHE_RE.search(text) is not None
    state = double + 2 * single
    open_at = 0
    opened = False
    words_outside = False
    prev = 0  # first token not yet marked
    for i in compress(count(), map(table.__contains__, toks)):
        tok = toks[i]
        if i > prev:
            inside = state != 0
            inq.extend([inside] * (i - prev))
            if not inside and not words_outside:
                words_outside = _any_word(toks[prev:i])
        prev = i + 1
        state, mark_inside, event = table[tok][state]
        if not event:
            if not (may_open and tok == "'" and state < 2 and _opens(sent, i)):
                inq.append(mark_inside)
                continue
            state += 2
            inq.append(True)
            open_at = i
            opened = True
            continue
        inq.append(mark_inside)
        if event == _OPENED:
            open_at = i
            opened = True
        else:
            last = toks[i - 1] if i else ""
            before_open = toks[open_at - 1] if open_at else ""
            if last in _ENDING_PUNCTUATION or open_at == 0 or before_open in (":", ","):
                direct = True
            else:
                partial = True
    n = len(toks)
    if n > prev:
        inside = state != 0
        inq.extend([inside] * (n - prev))
        if not inside and not words_outside:
            words_outside = _any_word(toks[prev:n])
    double, single = bool(state & 1), bool(state & 2)
    if double or single:
        # Every token after the latest opening mark is inside: count its words.
        words_inside = sum(map(str.isalnum, map(_FIRST, toks[open_at + 1 :]))) if opened else 0
        if open_at == 0 or words_inside >= 4:
            direct = True
        else:
            partial = True
    quote_only = (direct or started_inside) and not words_outside
    return double, single, direct, partial, quote_only, started_inside
