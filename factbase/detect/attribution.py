"""Attribution: the speaker of a sentence (before or after a reporting verb, "according
to", a spokesperson for an organisation) and its resolution against the discourse.

Every parse looks at a bounded window of tokens and recurses at most twice, so no input
makes it deeper or slower than linear.
"""

from __future__ import annotations

from dataclasses import dataclass

from factbase.detect.lexicon import (
    _ATTRIBUTION_CUES,
    _ATTRIBUTION_FILLERS,
    _CLOSING_MARKS,
    _DETERMINERS,
    _DOC_NOUNS,
    _FINDING_VERBS,
    _FINITE_AFTER,
    _FUNCTION_WORDS,
    _GROUP_NOUNS,
    _INVERTIBLE_VERBS,
    _ORG_ANAPHORA,
    _PASSING_ADJECTIVES,
    _PASSIVE_AUX,
    _PRONOUNS,
    _ROLE_NOUNS,
    _SOURCE_NOUNS,
    _SPEECH_PARTICIPLES,
    _SPEECH_VERBS,
    _SPOKES_NOUNS,
    _TITLES,
)
from factbase.detect.names import (
    _classify_name,
    _core_name,
    _Discourse,
    _is_name_token,
    _name_run_back,
    _name_run_forward,
    _name_text,
    _possessive,
)
from factbase.detect.sentences import (
    _LONGEST_APPOSITION,
    _Sentence,
)


@dataclass(slots=True)
class _Ref:
    """What an attribution points at, before resolution."""

    kind: str  # "name", "pronoun", "group"
    lo: int
    hi: int
    definite: bool = False
    head: str = ""
    modified: bool = False
    spokes: bool = False


def _group_back(sent: _Sentence, j: int) -> _Ref | None:
    """A speaker phrase headed by a group/role/document noun ending at token ``j``:
    "senior officials", "the company", "a spokesperson for the ministry"."""
    head = sent.lows[j]
    if sent.inq[j] or not (
        head in _GROUP_NOUNS
        or head in _ROLE_NOUNS
        or head in _DOC_NOUNS
        or head.endswith("year-old")
    ):
        return None
    lo = j
    k = j - 1
    while k >= 0 and j - k <= 3:
        tok, low = sent.toks[k], sent.lows[k]
        if sent.inq[k] or not tok[0].isalpha() or low in _FUNCTION_WORDS:
            break
        if not (tok[0].isupper() or _possessive(tok) or low.isalpha()):
            break
        if low not in _PASSING_ADJECTIVES:
            lo = k
        k -= 1
    definite = k >= 0 and sent.lows[k] in _DETERMINERS
    spokes = (
        definite
        and k >= 2
        and sent.lows[k - 1] in ("for", "of", "at")
        and sent.lows[k - 2] in _SPOKES_NOUNS
    ) or (
        not definite
        and k >= 1
        and sent.lows[k] in ("for", "of", "at")
        and sent.lows[k - 1] in _SPOKES_NOUNS
    )
    return _Ref("group", lo, j, definite=definite, head=head, modified=lo < j, spokes=spokes)


def _subject_back(sent: _Sentence, j: int, depth: int = 0) -> _Ref | None:
    """Parse the speaker that ends at token ``j`` (the word before the speech verb),
    looking past at most two comma-delimited asides."""
    stop = max(-1, j - _LONGEST_APPOSITION)
    while j > stop and sent.lows[j] in _ATTRIBUTION_FILLERS:
        j -= 1
    if j <= stop:
        return None
    low = sent.lows[j]
    if low == ",":
        if depth >= 2:
            return None
        k = j - 1
        while k > stop and not (sent.toks[k] == "," and not sent.inq[k]):
            k -= 1
        if k <= max(0, stop):
            return None
        segment = _name_run_back(sent, j - 1)
        if segment and segment[0] == k + 1:
            # "The club's coach, Jo Bloggs, said": the apposition is the name.
            return _Ref("name", segment[0], segment[1])
        first = sent.toks[k + 1]
        if not (first[0].islower() or first[0].isdigit() or sent.lows[k + 1] in _DETERMINERS):
            return None
        return _subject_back(sent, k - 1, depth + 1)
    if sent.inq[j]:
        return None
    if low in _PRONOUNS and not sent.toks[j].isupper():
        return _Ref("pronoun", j, j, head=low)
    run = _name_run_back(sent, j)
    if run and not (run[0] == run[1] and low in _GROUP_NOUNS):
        held = _held_by(sent, run[0])
        if held:
            return held
        return _Ref("name", run[0], run[1])
    group = _group_back(sent, j)
    if group:
        held = _held_by(sent, group.lo)
        if held:
            return held
    return group


# Participles of access, not authorship: a paper that an outlet has obtained makes the
# paper's claim; the outlet that holds it is not its speaker.
_ACCESS_PARTICIPLES = frozenset(("seen", "obtained", "viewed", "leaked"))


def _held_by(sent: _Sentence, lo: int) -> _Ref | None:
    """The document in "<document> <access participle> by <agent>" when the agent starts
    at ``lo``."""
    k = lo - 1
    if k >= 0 and sent.lows[k] in _DETERMINERS:
        k -= 1
    if k < 2 or sent.lows[k] not in ("by", "to") or sent.lows[k - 1] not in _ACCESS_PARTICIPLES:
        return None
    return _group_back(sent, k - 2)


def _np_forward(sent: _Sentence, i: int, depth: int = 0) -> _Ref | None:
    """Parse a speaker phrase that starts at token ``i`` ("said Sen. Jo Bloggs",
    "according to data released by the Statistics Bureau")."""
    n = len(sent.toks)
    if i >= n or sent.inq[i]:
        return None
    definite = sent.lows[i] in _DETERMINERS
    if definite:
        i += 1
        if i >= n:
            return None
    # Skip a description in front of the name: "said union leader Kate Moss".
    for k in range(i + 1, min(i + 5, n)):
        if not sent.toks[k][0].isalpha() or sent.inq[k]:
            break
        if sent.lows[k - 1] in _TITLES and _is_name_token(sent, k):
            if sent.toks[k - 1][0].islower():
                i = k
            break
    low = sent.lows[i]
    if low in ("him", "her", "them", "he", "she", "they", "it"):
        return _Ref("pronoun", i, i, head={"him": "he", "her": "she", "them": "they"}.get(low, low))
    run = _name_run_forward(sent, i)
    if run and not (run[0] == run[1] and low in _GROUP_NOUNS):
        lo, hi = run
        if hi + 1 < n and sent.lows[hi + 1] in _SOURCE_NOUNS:
            return _Ref(
                "group", lo, hi + 1, definite=definite, head=sent.lows[hi + 1], modified=True
            )
        return _Ref("name", lo, hi)
    for k in range(i, min(i + 4, n)):
        low = sent.lows[k]
        if sent.inq[k] or not sent.toks[k][0].isalpha():
            return None
        if low in _DOC_NOUNS and depth == 0:
            for m in range(k + 1, min(k + 8, n)):
                if sent.lows[m] in ("by", "from", "of"):
                    found = _np_forward(sent, m + 1, depth + 1)
                    if found:
                        return found
            return _Ref("group", i, k, definite=definite, head=low, modified=k > i)
        if (
            low in _SPOKES_NOUNS
            and depth == 0
            and k + 1 < n
            and sent.lows[k + 1] in ("for", "of", "at")
        ):
            found = _np_forward(sent, k + 2, depth + 1)
            if found:
                found.spokes = True
                return found
        if low in _GROUP_NOUNS or low in _ROLE_NOUNS or low in _DOC_NOUNS:
            return _Ref("group", i, k, definite=definite, head=low, modified=k > i)
        if low in _FUNCTION_WORDS:
            return None
    return None


def _definite_np_to_comma(sent: _Sentence, i: int) -> _Ref | None:
    """A short definite phrase closed by a comma, whatever its noun: in "according to the
    defence, ..." the phrase is the source even when no word list knows "defence"."""
    n = len(sent.toks)
    if i >= n or sent.lows[i] not in _DETERMINERS:
        return None
    for k in range(i + 1, min(i + 5, n)):
        tok = sent.toks[k]
        if tok == "," and k > i + 1:
            return _Ref("group", i + 1, k - 1, definite=True, head=sent.lows[k - 1])
        if sent.inq[k] or not tok.isalpha() or not tok.islower():
            return None
        if sent.lows[k] in _FUNCTION_WORDS:
            return None
    return None


def _description_start(sent: _Sentence, lo: int) -> int:
    """Widen a speaker span over a role in front of the name: "Finance minister", "club
    captain", "Managing director"."""
    k = lo - 1
    if k >= 0 and sent.lows[k] in _TITLES and sent.toks[k][0].islower():
        lo = k
        if k >= 1 and (sent.toks[k - 1][0].isupper() or _possessive(sent.toks[k - 1])):
            lo = k - 1
    return lo


def _find_attribution(sent: _Sentence) -> tuple[_Ref, int, int] | None:
    """The first speaker of the sentence and the token span (speaker..verb) to leave out
    of the content features."""
    toks, lows, inq = sent.toks, sent.lows, sent.inq
    if _ATTRIBUTION_CUES.isdisjoint(lows):
        return None
    n = len(toks)
    for i in range(n):
        low = lows[i]
        if inq[i]:
            continue
        if low == "according" and i + 1 < n and lows[i + 1] == "to":
            ref = _np_forward(sent, i + 2) or _definite_np_to_comma(sent, i + 2)
            if ref:
                return ref, i, ref.hi
            continue
        is_speech = low in _SPEECH_VERBS
        if not is_speech and low in _FINDING_VERBS:
            # "found that ...", "found 40% ...", or a tag: ", a survey has shown(,|.)"
            nxt = toks[i + 1] if i + 1 < n else ""
            is_speech = nxt == "that" or nxt[:1].isdigit() or nxt in (".", ",", "!", "")
        if not is_speech or not toks[i][0].islower():
            continue
        prev = lows[i - 1] if i else ""
        if prev in _PASSIVE_AUX or prev == "to":
            continue
        if i + 1 < n and lows[i + 1] in _FINITE_AFTER and low in ("say", "says", "said"):
            continue
        prev_tok = toks[i - 1] if i else ""
        if prev_tok not in _CLOSING_MARKS or not i or not inq[i - 1]:
            ref = _subject_back(sent, i - 1)
            if ref:
                return ref, _description_start(sent, ref.lo), i
        if low in _INVERTIBLE_VERBS and (i == 0 or (prev_tok == "," or prev_tok in _CLOSING_MARKS)):
            j = i + 1
            while j < min(n, i + 5) and lows[j].rstrip(".") in _TITLES and toks[j][0].islower():
                j += 1
            ref = _np_forward(sent, j)
            if ref:
                return ref, i, ref.hi
    # "X rejected the claim, adding ...": the speaker is the subject of the sentence.
    for i in range(1, n):
        if lows[i] in _SPEECH_PARTICIPLES and toks[i - 1] == "," and not inq[i]:
            ref = _np_forward(sent, sent.first)
            if ref:
                return ref, ref.lo, ref.hi
            break
    return None


def _resolve(sent: _Sentence, ref: _Ref, memory: _Discourse) -> tuple[str, str] | None:
    if ref.kind == "pronoun":
        return memory.resolve_pronoun(ref.head)
    if ref.kind == "name":
        lo, hi, _, had_the = _core_name(sent, ref.lo, ref.hi)
        if lo > hi:
            return None
        name = _name_text(sent, lo, hi)
        after_the = had_the or (ref.lo > 0 and sent.lows[ref.lo - 1] == "the")
        titled = lo > ref.lo and not had_the
        if lo == hi and not titled:
            found = memory.resolve_single(name)
            if found:
                return found
        if lo == hi and titled:
            found = memory.resolve_single(name)
            if found and found[1] == "person":
                return found
        kind = _classify_name(sent, lo, hi, titled, after_the)
        if kind == "unknown":
            return name, "other"
        if kind == "place":
            return name, "organization"
        return name, kind
    head = ref.head
    if head.endswith("year-old") and memory.persons:
        return memory.persons[-1], "person"
    if not ref.modified and (ref.definite or ref.spokes):
        if head in _ORG_ANAPHORA or ref.spokes:
            for org in reversed(memory.orgs[-50:]):
                if head in org.lower():
                    return org, "organization"
            pool = memory.salient_orgs or memory.orgs
            if pool:
                return pool[-1], "organization"
        elif head in _SPOKES_NOUNS:
            pool = memory.salient_orgs or memory.orgs
            if pool:
                return pool[-1], "organization"
    if head in _ROLE_NOUNS and (ref.definite or ref.spokes):
        # A role word alone is the person the article named in that role earlier.
        holder = memory.role_holder(head, sent.lows[ref.lo : ref.hi])
        if holder:
            return holder, "person"
    text = sent.span_text(ref.lo, ref.hi)
    if head in _DOC_NOUNS:
        return text, "other"
    if head in _ROLE_NOUNS and head not in _GROUP_NOUNS:
        return text, "person"
    return text, "organization"
