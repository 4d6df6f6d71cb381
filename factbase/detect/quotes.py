"""Quotation marks: which tokens of a sentence are inside a quote, and whether the
sentence is a direct quote, a partial quote or a quote alone (continuing a speaker).
"""

from __future__ import annotations

import re

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

# The tokens that can open or close a quotation.
_QUOTE_TOKENS = frozenset({_LDQ, _RDQ, _LSQ, _RSQ, '"', "'"})


def _track_quotes(
    sent: _Sentence, double: bool, single: bool
) -> tuple[bool, bool, bool, bool, bool, bool]:
    """Mark tokens inside quotation marks. Returns the quote state at the end of the
    sentence and (direct quote, partial quote, quote only, started inside a quote)."""
    started_inside = double or single
    if not started_inside and not _QUOTE_RE.search(sent.text):
        sent.inq = [False] * len(sent.toks)
        return False, False, False, False, False, False
    direct = started_inside
    partial = False
    inq = sent.inq
    toks, text = sent.toks, sent.text
    open_at = 0
    words_inside = 0
    words_outside = 0
    marks = _QUOTE_TOKENS
    for i, tok in enumerate(toks):
        if tok not in marks:  # most tokens: no state change
            inside = double or single
            inq.append(inside)
            if tok[0].isalnum():
                if inside:
                    words_inside += 1
                else:
                    words_outside += 1
            continue
        opening = closing = False
        if tok == _LDQ or (tok == '"' and not double):
            if not double:
                double = opening = True
        elif tok == _RDQ or tok == '"':
            if double:
                double, closing = False, True
        elif tok == _LSQ:
            if not single:
                single = opening = True
        elif tok in (_RSQ, "'"):
            if single:
                single, closing = False, True
            elif tok == "'":
                at = sent.start(i)
                before = text[at - 1] if at else " "
                after = text[at + 1 : at + 2]
                if before.isspace() and after.isalpha():
                    single = opening = True
        inq.append(double or single or closing)
        if opening:
            open_at = i
            words_inside = 0
        elif closing:
            last = toks[i - 1] if i else ""
            before_open = toks[open_at - 1] if open_at else ""
            if last in (",", ".", "!", "?", "\u2026") or open_at == 0 or before_open in (":", ","):
                direct = True
            else:
                partial = True
    if double or single:
        if open_at == 0 or words_inside >= 4:
            direct = True
        else:
            partial = True
    quote_only = (direct or started_inside) and words_outside == 0
    return double, single, direct, partial, quote_only, started_inside
