"""Features: the language signals of one sentence (numbers, dates, change, cause,
opinion, ...) whose weights the scorer adds up.
"""

from __future__ import annotations

from itertools import compress, count, repeat
from operator import and_

from factbase.detect.lexicon import (
    _ADVICE,
    _CAUSAL,
    _CHANGE,
    _COMPARATIVE,
    _CURRENCY_WORDS,
    _FIRST,
    _FUNCTION_WORDS,
    _HALF,
    _LEXICON,
    _MODAL,
    _MONTH,
    _MONTHS,
    _NOT_PAST,
    _NUMBER_WORD,
    _NUMERIC,
    _OPINION,
    _PAIR_END,
    _PAIRS,
    _PAST,
    _REFLEXIVES,
    _RULE,
    _SCALE_WORDS,
    _SCENE,
    _SPEECH_VERBS,
    _TIME_UNIT,
    _TIME_WORD,
    _TITLE,
    _UNIT_CHARS,
    _WEEKDAY,
    _WORD,
)
from factbase.detect.sentences import (
    _Sentence,
)

# A bound on the per-token cache, so a long run of distinct tokens cannot grow it forever.
_TOKEN_CACHE_LIMIT = 1 << 18


def _before_infinitive(sent: _Sentence, i: int) -> bool:
    """True when token ``i`` is followed by "to" and a lower-case verb-like word (an
    infinitive), not by a quantity ("to 3%", "to a record")."""
    toks, lows = sent.toks, sent.lows
    if i + 2 >= len(toks) or lows[i + 1] != "to":
        return False
    nxt = toks[i + 2]
    return nxt.isalpha() and nxt.islower() and nxt not in _DETERMINERS_AND_QUANTIFIERS


# Words after "to" that begin a quantity or a noun phrase, not an infinitive.
_DETERMINERS_AND_QUANTIFIERS = frozenset(
    [
        "a",
        "an",
        "the",
        "its",
        "their",
        "his",
        "her",
        "about",
        "around",
        "nearly",
        "almost",
        "just",
        "below",
        "under",
        "over",
        "more",
        "less",
        "fewer",
        "zero",
        "record",
        "half",
    ]
)


def _number_features(sent: _Sentence, i: int, found: set[str]) -> bool:
    """Classify the numeric token ``i``; True when it is a quantity."""
    tok = sent.toks[i]
    lows = sent.lows
    prev = lows[i - 1] if i else ""
    nxt = lows[i + 1] if i + 1 < len(lows) else ""
    nxt2 = lows[i + 2] if i + 2 < len(lows) else ""
    suffix = tok[len(tok.rstrip(_UNIT_CHARS)) :].lower()
    # "bn" and "8.2p" are money; a bare "5m" may be metres, so it is left a quantity.
    if tok[0] in "£$€¥" or suffix == "bn" or (suffix == "p" and "." in tok):
        found.add("money")
        return True
    if suffix in ("am", "pm") or nxt in ("am", "pm", "a.m.", "p.m."):
        found.add("time_of_day")
        return False
    if prev.rstrip(".") in _MONTHS or nxt in _MONTHS:
        found.add("date")
        return False
    if suffix == "" and len(tok) == 4 and tok[:2] in ("19", "20"):
        found.add("date")
        return False
    if tok.endswith("%") or nxt in ("percent", "%") or (nxt == "per" and nxt2 == "cent"):
        found.add("percent")
    elif nxt in _CURRENCY_WORDS or (nxt in _SCALE_WORDS and nxt2 in _CURRENCY_WORDS):
        found.add("money")
    return True


class _Bits(dict[str, int]):
    """Token -> lexicon bits, computing (and memoising) a token it has not seen."""

    def __missing__(self, tok: str) -> int:
        return _token_bits(tok)


_TOKEN_BITS = _Bits()


def _token_bits(tok: str) -> int:
    """Lexicon bits of one token (see ``_LEXICON``), plus _WORD or _NUMERIC. Words are
    memoised: news vocabulary is small next to the number of tokens."""
    c = tok[0]
    if c.isdigit() or (c in "£$€¥" and len(tok) > 1):
        return _NUMERIC
    if not c.isalpha():
        if len(tok) == 1:
            _TOKEN_BITS[tok] = 0  # punctuation: memoised like words
        return 0
    low = tok.lower()
    get = _LEXICON.get
    bits = get(low, 0) | _WORD
    if "-" in low:
        parts = low.split("-")
        bits |= (get(parts[0], 0) & _NUMBER_WORD) | (get(parts[-1], 0) & _COMPARATIVE)
    if c.islower() and low.endswith("ed") and len(low) > 4 and not bits & _NOT_PAST:
        bits |= _PAST
    if len(_TOKEN_BITS) > _TOKEN_CACHE_LIMIT:
        _TOKEN_BITS.clear()
    _TOKEN_BITS[tok] = bits
    return bits


_ARTICLES = frozenset(("a", "an", "the"))


def _reported_demand(sent: _Sentence, i: int, skip: tuple[int, int] | None) -> bool:
    """True when "should" at ``i`` stands in a passive inside a reported "that" clause:
    in "she argued that he should be freed" the speaker argues a case about a third
    party; no reader is advised."""
    lows = sent.lows
    if skip is None or i + 2 >= len(lows) or sent.inq[i]:
        return False
    verb = skip[1]
    return (
        verb + 1 < i
        and lows[verb + 1] == "that"
        and lows[i + 1] == "be"
        and lows[i + 2].endswith(("ed", "en"))
    )


def _features(sent: _Sentence, skip: tuple[int, int] | None) -> tuple[set[str], bool, bool, int]:
    """Content features of the sentence. Returns the feature set, whether first person
    appears outside quotes, whether the sentence is a fragment and its word count."""
    found: set[str] = set()
    toks, lows = sent.toks, sent.lows
    n = len(toks)
    lo_skip, hi_skip = skip if skip else (n, -1)
    quantities = 0
    first_person_outside = False
    # The bits of every token in one C-level pass; the loop then visits only the tokens
    # that carry more than "a word" (most tokens are plain words or punctuation).
    all_bits = list(map(_TOKEN_BITS.__getitem__, toks))
    words = sum(map(bool, map(and_, all_bits, repeat(_WORD | _NUMERIC))))
    for i in compress(count(), map(and_, all_bits, repeat(~_WORD))):
        bits = all_bits[i]
        if bits & _NUMERIC:
            if _number_features(sent, i, found):
                quantities += 1
            continue
        tok = toks[i]
        low = lows[i]
        c = tok[0]
        in_span = lo_skip <= i <= hi_skip
        if bits & _NUMBER_WORD:
            quantities += 1
        if bits & _HALF and i + 1 < n and lows[i + 1] in ("of", "a", "an", "the"):
            # "half" counts only as a quantifier ("half of", "half a"), not as an adverb.
            quantities += 1
        if bits & _MONTH and c.isupper() and (low != "may" or i != sent.first):
            found.add("date")
        if (
            (bits & _WEEKDAY and c.isupper())
            or bits & _TIME_WORD
            or (bits & _TIME_UNIT and i and lows[i - 1] in ("last", "next", "this"))
        ):
            found.add("time_ref")
        if bits & _TITLE and not in_span:
            found.add("title")
        if bits & _COMPARATIVE:
            found.add("comparative")
        if bits & _CHANGE and not _before_infinitive(sent, i):
            # "declined to" or "refused to" and a verb report a refusal, not a change.
            found.add("change")
        if bits & _CAUSAL:
            found.add("causal")
        if bits & _MODAL and (c.islower() or i == sent.first):
            found.add("modal")
        if bits & _RULE:
            found.add("rule")
        if (
            bits & _PAST
            and c.islower()
            and not in_span
            and not (i + 1 < n and lows[i + 1] in _REFLEXIVES and low in _SPEECH_VERBS)
            # "a crowded street", "the injured driver": after an article and before its
            # noun, an adjective ("the injured were taken" keeps its verb).
            and not (
                i
                and i + 1 < n
                and lows[i - 1] in _ARTICLES
                and low.endswith("ed")
                and toks[i + 1].isalpha()
                and toks[i + 1].islower()
                and lows[i + 1] not in _FUNCTION_WORDS
            )
        ):
            found.add("past_tense")
        if bits & _FIRST and (tok == "I" or not tok.isupper()):
            found.add("first_person")
            if not sent.inq[i]:
                first_person_outside = True
        if bits & _OPINION:
            found.add("opinion")
        if bits & _SCENE and not sent.inq[i]:
            found.add("scene")
        if (
            bits & _ADVICE
            and not (low == "should" and i + 1 < n and lows[i + 1] in ("have", "not"))
            and not _reported_demand(sent, i, skip)
        ):
            found.add("advice")
        if bits & _PAIR_END and i:
            pair = _PAIRS.get((lows[i - 1], low))
            if pair and (pair != "aim" or skip is None):
                found.add(pair)
    if quantities:
        found.add("number")
    if quantities > 1:
        found.add("numbers")
    return found, first_person_outside, 0 < words < 5, words
