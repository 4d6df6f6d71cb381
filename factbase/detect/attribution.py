"""Attribution: the speaker of a sentence (before or after a reporting verb, "according
to", a spokesperson for an organisation) and its resolution against the discourse.

Every parse looks at a bounded window of tokens and recurses at most twice, so no input
makes it deeper or slower than linear.
"""

from __future__ import annotations

from dataclasses import dataclass

from factbase.detect.lexicon import (
    _APPEAL_VERBS,
    _ATTRIBUTION_CUES,
    _ATTRIBUTION_FILLERS,
    _CLOSING_MARKS,
    _COMPANY_NOUNS,
    _DETERMINERS,
    _DOC_NOUNS,
    _FINDING_VERBS,
    _FINITE_AFTER,
    _FUNCTION_WORDS,
    _GROUP_NOUNS,
    _INVERTIBLE_VERBS,
    _LOCATIVE_PREPS,
    _MEMBER_BODY_WORDS,
    _NEGATORS,
    _OPINION_WORDS,
    _ORG_ANAPHORA,
    _ORG_WORDS,
    _PASSING_ADJECTIVES,
    _PASSIVE_AUX,
    _PRONOUNS,
    _PUBLIC_BODY_WORDS,
    _PUBLISH_PARTICIPLES,
    _RESPONSE_VERBS,
    _ROLE_NOUNS,
    _SOURCE_NOUNS,
    _SPEECH_PARTICIPLES,
    _SPEECH_VERBS,
    _SPOKES_NOUNS,
    _TIME_WORDS,
    _TITLES,
    _WEEKDAYS,
)
from factbase.detect.names import (
    _body_by_context,
    _classify_name,
    _core_name,
    _Discourse,
    _has_org_word,
    _is_name_token,
    _is_title,
    _kind_of_noun,
    _name_run_back,
    _name_run_forward,
    _name_text,
    _possessive,
    _strip_possessive,
)
from factbase.detect.sentences import (
    _LONGEST_APPOSITION,
    _Sentence,
)


@dataclass(slots=True)
class _Ref:
    """What an attribution points at, before resolution."""

    kind: str  # "name", "pronoun", "group", "someone" (an unnamed person as written)
    lo: int
    hi: int
    definite: bool = False
    head: str = ""
    modified: bool = False
    spokes: bool = False
    doc: str = ""  # the document ("study") whose publisher this is
    agent: str = ""  # the plural group that worked for the body ("researchers")
    finding: bool = False  # the subject of "show(s)": a pronoun for a document
    tail: bool = False  # "the coastguard": a noun no list knows, the last word of a body


def _bare_plural(sent: _Sentence, j: int) -> bool:
    """A plain plural noun no word list knows ("pilots", "clinics"), which heads a
    speaker phrase only at the start of a sentence or after a comma, before a speech
    verb ("Retired pilots say", ", teachers say,")."""
    tok = sent.lows[j]
    return (
        len(tok) > 3
        and tok.isalpha()
        # Capitalised only as the first word and before a place: "Nurses at the ...".
        and (
            sent.toks[j].islower()
            or (j == sent.first and j + 1 < len(sent.lows) and sent.lows[j + 1] in _LOCATIVE_PREPS)
        )
        and tok.endswith("s")
        and not tok.endswith(("ss", "us", "is"))
        and tok not in _FUNCTION_WORDS
    )


_PARTICIPLE_SPAN = 24


def _participle_subject(sent: _Sentence, verb: int) -> _Ref | None:
    """The plural that opens the sentence before a participle clause, when the speech verb
    at ``verb`` is its verb: "Nurses employed by 40 of the city's clinics said",
    "Charities working in Vell, among them X and Y, said" (the nurses, the charities;
    not the clinics, the places or the bodies named on the way)."""
    lows, toks = sent.lows, sent.toks
    first = sent.first
    if not 0 < verb - first <= _PARTICIPLE_SPAN or not toks[first][:1].isupper():
        return None
    # "Several protesters who were held said": the plural, without its quantifier.
    lo = first + 1 if lows[first] in _COLLECTIVE_QUANTIFIERS else first
    # The plural is the first word, or the second after a capitalised one ("Aid charities").
    for noun in (lo, lo + 1):
        ing = noun + 1
        if ing >= verb or sent.inq[noun]:
            return None
        relative = noun == lo and (
            lows[ing] in ("who", "that") or (lo > first and lows[ing] in _LOCATIVE_PREPS)
        )
        if _plural_noun(sent, noun, first) and (relative or _participle(sent, ing)):
            if any(lows[k] in _SPEECH_VERBS or sent.inq[k] for k in range(ing + 1, verb)):
                return None
            return _Ref("group", lo, noun, head=lows[noun], modified=noun > lo)
        if lo > first:
            return None
    return None


def _plural_noun(sent: _Sentence, k: int, first: int) -> bool:
    tok, low = sent.toks[k], sent.lows[k]
    return (
        len(low) > 3
        and tok.isalpha()
        and (tok.islower() or k == first)
        and low.endswith("s")
        and not low.endswith(("ss", "us", "is"))
        and low not in _FUNCTION_WORDS
        and low not in _DOC_NOUNS  # "Data issued by X suggest": X's (_published_by)
    )


def _participle(sent: _Sentence, k: int) -> bool:
    """A participle opening a clause: "working in", "representing", "employed by"."""
    tok, low = sent.toks[k], sent.lows[k]
    if not (tok.isalpha() and tok.islower()) or low in _FUNCTION_WORDS:
        return False
    return low.endswith("ing") or (low.endswith("ed") and sent.lows[k + 1 : k + 2] == ["by"])


def _group_back(sent: _Sentence, j: int, loose: bool = False) -> _Ref | None:
    """A speaker phrase headed by a group/role/document noun ending at token ``j``:
    "senior officials", "the company", "a spokesperson for the ministry". With
    ``loose``, also a plain plural that opens the sentence ("The city's clinics")."""
    head = sent.lows[j]
    if sent.inq[j]:
        return None
    known = (
        head in _GROUP_NOUNS
        or head in _ROLE_NOUNS
        or head in _DOC_NOUNS
        or head.endswith("year-old")
    )
    # A body word in lower case after "the" ("the bureau found"): the body of that
    # kind named earlier (see _resolve), though no speaker list holds the word.
    body = not known and _body_word(sent, j)
    if not (known or body) and _tail_noun(sent, j):
        # "The coastguard said": the body named earlier whose name ends with the noun
        # (resolved in _resolve, or no one).
        return _Ref("group", j, j, definite=True, head=head, tail=True)
    if not (known or body or (loose and _bare_plural(sent, j))):
        return None
    lo = j
    k = j - 1
    while k >= 0 and j - k <= 3:
        tok, low = sent.toks[k], sent.lows[k]
        if tok in ("\u2019", "'") and k > 0 and sent.toks[k - 1][-1:] == "s":
            # A plural possessive split from its word: "The Tenants' Union".
            lo = k - 1
            k -= 2
            continue
        if sent.inq[k] or not tok[0].isalpha() or low in _FUNCTION_WORDS:
            break
        if not (tok[0].isupper() or _possessive(tok) or low.isalpha()):
            break
        if low not in _PASSING_ADJECTIVES:
            lo = k
        k -= 1
    if k >= 0 and k < j and sent.lows[k] in _COLLECTIVE_QUANTIFIERS and not sent.inq[k]:
        # "Other drivers said", "Many economists say": the collective as written.
        lo = k
        k -= 1
    definite = k >= 0 and sent.lows[k] in _DETERMINERS
    if body and not (definite and sent.lows[k] == "the"):
        return None
    start = k if definite else k + 1
    if (
        not (known or body)
        and start != sent.first
        and not (start > 0 and sent.toks[start - 1] == ",")
    ):
        return None
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


_COLLECTIVE_QUANTIFIERS = frozenset(("other", "many", "some", "several", "most"))


def _kind_before(sent: _Sentence, lo: int, name: int) -> bool:
    """True when the tokens ``lo``..``name - 1`` are "the" and at most three lower-case
    words ending in a noun of a kind of body or person ("the investment bank", "the
    former striker"): a description in front of the name at ``name``."""
    if not 1 < name - lo <= 4 or sent.lows[lo] != "the":
        return False
    words = sent.toks[lo + 1 : name]
    kind = sent.lows[name - 1]
    # The kind noun in lower case; an adjective before it may be capitalised
    # ("the Dutch lender").
    return (
        all(w.isalpha() for w in words)
        and words[-1].islower()
        and (kind in _GROUP_NOUNS or kind in _ROLE_NOUNS or kind in _ORG_WORDS)
    )


def _tail_noun(sent: _Sentence, j: int) -> bool:
    """True when the token at ``j`` is a lower-case noun right after "the", and "the"
    opens the sentence or follows a comma: "The coastguard said", ", the coastguard
    said"."""
    tok = sent.toks[j]
    if not (tok.isalpha() and tok.islower()) or j < 1 or sent.lows[j - 1] != "the":
        return False
    if sent.lows[j] in _FUNCTION_WORDS:
        return False
    return j - 1 == sent.first or (j >= 2 and sent.toks[j - 2] == ",")


def _body_word(sent: _Sentence, k: int) -> bool:
    """True when the token at ``k`` is an organisation word in lower case ("federation",
    "bureau", "office"): a body of that kind, when "the" stands before it."""
    return sent.lows[k] in _ORG_WORDS and sent.toks[k].islower()


def _subject_back(sent: _Sentence, j: int, depth: int = 0, loose: bool = False) -> _Ref | None:
    """Parse the speaker that ends at token ``j`` (the word before the speech verb),
    looking past at most two comma-delimited asides (``loose``: see _group_back)."""
    stop = max(-1, j - _LONGEST_APPOSITION)
    while j > stop and sent.lows[j] in _ATTRIBUTION_FILLERS:
        j -= 1
    if j <= stop:
        return None
    low = sent.lows[j]
    if low == ",":
        if depth >= 2:
            return None
        whose = _whose_owner(sent, j, stop)
        if whose:
            return whose
        segment = _name_run_back(sent, j - 1)
        k = segment[0] - 1 if segment else j - 1
        while k > stop and not (sent.toks[k] == "," and not sent.inq[k]):
            k -= 1
        if k <= max(0, stop):
            return None
        if segment and (
            segment[0] == k + 1
            or (segment[0] == k + 2 and sent.lows[k + 1] == "the")
            or _kind_before(sent, k + 1, segment[0])
        ):
            # "The club's coach, Jo Bloggs, said", "A rival body, the Dockers' Circle,
            # said", "Its lender, the investment bank Corvin Ltd, said": the apposition
            # is the name.
            return _Ref("name", segment[0], segment[1])
        first = sent.toks[k + 1]
        person = _name_run_forward(sent, k + 1)
        if (
            person
            and person[1] + 1 < j
            and sent.lows[person[1] + 1] in ("of", "at", "from")
            and not _has_org_word(sent, person[0], person[1])
        ):
            # "The customers' lawyer, Jo Bloggs of the firm Vell and Tarn, said": the
            # apposition's person, not their firm.
            return _Ref("name", person[0], person[1])
        if not (
            first[0].islower()
            or first[0].isdigit()
            or sent.lows[k + 1] in _DETERMINERS
            or (_possessive(first) and not sent.inq[k + 1])  # "X, Vell's largest owner,"
        ):
            return None
        if sent.lows[k + 1] == "who":
            someone = _indefinite_person(sent, k - 1) or _described_by_apposition(sent, k - 1, stop)
            if someone:
                return someone
        return _subject_back(sent, k - 1, depth + 1)
    if sent.inq[j]:
        return None
    if (
        low == ")"
        and j >= 3
        and sent.toks[j - 2] == "("
        and sent.toks[j - 1].isupper()
        and depth < 2
        and not sent.inq[j - 1]
    ):
        # "the Tarn Rail Agency (TRA) said": the name before its acronym.
        return _subject_back(sent, j - 3, depth + 1)
    if low == "which" and j >= 2 and sent.toks[j - 1] == "," and depth < 2:
        # "... raised by the Vell Canal Trust, which said": the body before it.
        return _subject_back(sent, j - 2, depth + 1)
    if low == "who" and j >= 2 and sent.toks[j - 1] == "," and depth < 2:
        described = _described_by_apposition(sent, j - 2, stop)
        if described:
            return described
    if sent.toks[j].isdigit() and j >= 2 and sent.toks[j - 1] == "," and depth < 2:
        # "Jo Ames, 45, a nurse from X, said": an age beside the name.
        return _subject_back(sent, j - 2, depth + 1)
    if low in _PRONOUNS and not sent.toks[j].isupper():
        return _Ref("pronoun", j, j, head=low)
    run = _name_run_back(sent, j)
    if run and not (run[0] == run[1] and low in _GROUP_NOUNS):
        familiar = _familiar_with(sent, run[0], j)
        if familiar:
            return familiar
        held = _held_by(sent, run[0])
        if held:
            return held
        found = (
            _apposition_owner(sent, run[0])
            or _of_owner(sent, run[0], run[1])
            or _member_of(sent, run[0], run[1])
            or _head_before_place(sent, run[0])
        )
        if found is None and _place_after_preposition(sent, run[0], run[1]):
            # "Crews tackling a blaze near Osterlund have called for ...": the place is
            # where, and no one named is who.
            return None
        if found:
            return found
        return _Ref("name", run[0], run[1], spokes=_spokes_before(sent, run[0]))
    group = _group_back(sent, j, loose and depth == 0)
    if group and group.head in _DOC_NOUNS and group.lo > 0:
        owner = _OWNER_PRONOUNS.get(sent.lows[group.lo - 1])
        if owner and not sent.inq[group.lo - 1]:
            # "Its report also found": the report's owner, named before.
            return _Ref("pronoun", group.lo - 1, group.lo - 1, head=owner)
    if group:
        familiar = _familiar_with(sent, group.lo, j)
        if familiar:
            return familiar
        held = _held_by(sent, group.lo)
        if held:
            return held
        return group
    # "Officials briefed on the deal said", "... on the board's plans said": a matter no
    # word list knows.
    k = j
    while (
        k > max(stop, j - 3)
        and (sent.toks[k].isalpha() or (_possessive(sent.toks[k]) and sent.toks[k][0].isalpha()))
        and sent.lows[k] not in _FUNCTION_WORDS
    ):
        k -= 1
    return _familiar_with(sent, k + 1, j) if k < j else None


def _whose_owner(sent: _Sentence, j: int, stop: int) -> _Ref | None:
    """The person before a "whose" clause that ends at the comma ``j``: "Jo Bloggs, whose
    son Tom, 16, drowned, told" (not the son, nor his age)."""
    for k in range(j - 1, max(stop, sent.first), -1):
        if sent.inq[k]:
            return None
        if sent.lows[k] == "whose" and sent.toks[k - 1] == ",":
            run = _name_run_back(sent, k - 2)
            if run and not _has_org_word(sent, run[0], run[1]):
                return _Ref("name", run[0], run[1])
            return None
    return None


def _described_by_apposition(sent: _Sentence, j: int, stop: int) -> _Ref | None:
    """The person named before an apposition that ends at ``j``, before a "who" clause:
    "Among the critics was Jo Bloggs, the senator for Vell and a former judge, who said"
    (a name ending at ``j`` itself is the person: "Jo Bloggs, who said")."""
    k = j
    while k > stop and not (sent.toks[k] == "," and not sent.inq[k]):
        k -= 1
    if k <= max(stop, 0) or sent.lows[k + 1] not in _DETERMINERS:
        return None
    run = _name_run_back(sent, k - 1)
    if run is None or _has_org_word(sent, run[0], run[1]):
        return None
    return _Ref("name", run[0], run[1])


_INDEFINITE = frozenset(("a", "an", "another", "one"))


def _indefinite_person(sent: _Sentence, j: int) -> _Ref | None:
    """An unnamed person opening the sentence and ending at ``j``, before a "who" clause:
    "A retired nurse, who did not give her name, said", "Another pilot, who ...".
    The speaker is the person as written."""
    first = sent.first
    if not 0 < j - first <= 3 or sent.lows[first] not in _INDEFINITE:
        return None
    words = sent.toks[first + 1 : j + 1]
    if not all(w.isalpha() and w.islower() for w in words) or sent.lows[j] in _FUNCTION_WORDS:
        return None
    return _Ref("someone", first, j, head=sent.lows[j])


# Participles of access, not authorship: a paper that an outlet has obtained makes the
# paper's claim; the outlet that holds it is not its speaker.
_ACCESS_PARTICIPLES = frozenset(("seen", "obtained", "viewed", "leaked"))

# Possessive pronouns before a document: "according to its accounts" is the owner's.
_OWNER_PRONOUNS = {"its": "it", "their": "they", "his": "he", "her": "she"}


def _spokes_before(sent: _Sentence, lo: int) -> bool:
    """True when "a spokesperson for (the)" stands before the name at ``lo``."""
    k = lo - 1
    if k > 0 and sent.lows[k] == "the":
        k -= 1
    return k >= 1 and sent.lows[k] in ("for", "of", "at") and sent.lows[k - 1] in _SPOKES_NOUNS


def _apposition_owner(sent: _Sentence, lo: int) -> _Ref | None:
    """The name before an apposition that holds a role and ends with the name at ``lo``:
    in "Jo Bloggs, the energy secretary of Ruritania, which ..., said" the speaker is Jo
    Bloggs, not Ruritania."""
    k = lo - 1
    stop = max(-1, lo - 7)
    role = False
    while k > stop and sent.toks[k] != ",":
        tok, low = sent.toks[k], sent.lows[k]
        if sent.inq[k] or not tok[0].isalpha() or not (tok.islower() or _possessive(tok)):
            return None
        role = role or low in _ROLE_NOUNS or low in _TITLES
        k -= 1
    if k <= stop or not role or sent.lows[k + 1] not in _DETERMINERS:
        return None
    run = _name_run_back(sent, k - 1)
    return _Ref("name", run[0], run[1]) if run else None


def _of_owner(sent: _Sentence, lo: int, hi: int) -> _Ref | None:
    """The name before "of (the)" and the name at ``lo``..``hi``: "The Ministry of the
    Interior" is one body, "Dr Jo Bloggs of the Vantry Institute" is the person."""
    k = lo - 1
    if k > 0 and sent.lows[k] == "the":
        k -= 1
    if k < 1 or sent.lows[k] != "of":
        return None
    run = _name_run_back(sent, k - 1)
    if run is None:
        return None
    if _has_org_word(sent, run[0], run[1]):
        return _Ref("name", run[0], hi)
    words = range(run[0], run[1] + 1)
    titled = _is_title(sent.lows[run[0]]) and run[0] < run[1]
    after_the = run[0] > 0 and sent.lows[run[0] - 1] == "the"
    if after_the or any(_is_title(sent.lows[m]) for m in words if m > run[0]):
        return None
    if titled or run[1] - run[0] >= 1:
        return _Ref("name", run[0], run[1])
    return None


# "Those familiar with the talks", "sources close to the board", "officials briefed on
# the plan": unnamed people who name no body are the speaker as written.
_FAMILIAR_WORDS = {"familiar": "with", "close": "to", "briefed": "on"}


def _familiar_with(sent: _Sentence, lo: int, hi: int) -> _Ref | None:
    """The whole phrase "<speakers> familiar with <the matter at lo..hi>", when the people
    open the sentence or follow a comma."""
    k = lo - 1
    if k >= 0 and sent.lows[k] in _DETERMINERS:
        k -= 1
    if k < 2 or _FAMILIAR_WORDS.get(sent.lows[k - 1]) != sent.lows[k]:
        return None
    p = k - 2
    if sent.inq[p] or not sent.toks[p].isalpha() or sent.lows[p] in _FUNCTION_WORDS:
        return None
    if p != sent.first and sent.toks[p - 1] != ",":
        return None
    return _Ref("group", p, hi, head=sent.lows[p], modified=True)


def _familiar_end(sent: _Sentence, k: int) -> int:
    """The end of "<people at k> briefed on the negotiations" (up to a comma, at most
    four words after "briefed on"), or ``k`` when no such phrase follows."""
    n = len(sent.toks)
    if k + 2 >= n or _FAMILIAR_WORDS.get(sent.lows[k + 1]) != sent.lows[k + 2]:
        return k
    hi = k + 2
    for m in range(k + 3, min(n, k + 7)):
        if sent.inq[m] or not sent.toks[m].isalpha():
            break
        hi = m
    return hi if hi > k + 2 else k


def _member_of(sent: _Sentence, lo: int, hi: int) -> _Ref | None:
    """A body's unnamed members before its name: in "brokers at Corvin Capital said" the
    body is the speaker, as for a spokesperson; a place ("nurses in Osterlund") is not."""
    k = lo - 1
    if k > 0 and sent.lows[k] == "the":
        k -= 1
    if k < 1 or sent.lows[k] not in ("at", "from"):
        return None
    group = _group_back(sent, k - 1, loose=True)
    if group is None:
        return None
    if not _has_org_word(sent, lo, hi) and not (
        # "Economists at Corvin Tessel": people of a profession work at a firm,
        # whatever its name.
        group.head in _GROUP_NOUNS and group.head.endswith("s") and not group.definite
    ):
        return None
    if group.head.endswith("s") and group.definite:
        return None
    if not group.head.endswith("s") and not _indefinite(sent, group.lo):
        # One member is the body too, named with "a": "an official at X", "a senior
        # executive at X" (but "the director at X" is a person the article names).
        return None
    return _Ref("name", lo, hi, agent=group.head if group.head.endswith("s") else "")


def _indefinite(sent: _Sentence, lo: int) -> bool:
    """True when "a" or "an" stands before the phrase starting at ``lo``."""
    return lo > 0 and sent.lows[lo - 1] in ("a", "an")


def _place_after_preposition(sent: _Sentence, lo: int, hi: int) -> bool:
    """True when the name at ``lo``..``hi`` follows "in" or "near" (after "the" or not)
    and holds no organisation word: a place, never the speaker."""
    k = lo - 1
    if k > 0 and sent.lows[k] == "the":
        k -= 1
    return k > 0 and sent.lows[k] in ("in", "near") and not _has_org_word(sent, lo, hi)


def _head_before_place(sent: _Sentence, lo: int) -> _Ref | None:
    """The speakers in front of a place: in "nurses at the clinic in Ruritania said" the
    name at ``lo`` is where they are, the first plural or described group is who."""
    if lo < 2 or sent.lows[lo - 1] not in _LOCATIVE_PREPS:
        return None
    best = None
    k = lo - 1
    stop = max(0, lo - 12)
    while k > stop:
        tok = sent.toks[k]
        if sent.inq[k] or not tok[0].isalpha():
            break
        if sent.lows[k] in _LOCATIVE_PREPS:
            group = _group_back(sent, k - 1, loose=True)
            if group and (group.modified or not group.definite or group.head.endswith("s")):
                best = group
        k -= 1
    return best


def _before_time(sent: _Sentence, p: int) -> int:
    """The token before a time phrase that ends at ``p`` ("issued on Friday",
    "released yesterday"), or ``p`` when none ends there."""
    lows = sent.lows
    if (
        p - 1 > sent.first
        and (lows[p] in _WEEKDAYS or lows[p] in _TIME_WORDS)
        and lows[p - 1] in ("on", "last", "this", "earlier")
    ):
        return p - 2
    return p


def _published_by(sent: _Sentence, i: int) -> _Ref | None:
    """The publisher in "<document> published by <publisher> ... <verb at i>": "a report
    issued by the Institute for X last year showed" is the institute's finding."""
    stop = max(sent.first, i - 16)
    for k in range(i - 1, stop, -1):
        if sent.inq[k]:
            return None
        if sent.lows[k] != "by":
            continue
        p = k - 1
        if sent.lows[p] == "out":  # "carried out by"
            p -= 1
        p = _before_time(sent, p)
        if _is_name_token(sent, p):
            # "published in the Lancet by": the periodical is where, not who.
            run = _name_run_back(sent, p)
            q = run[0] - 1 if run else p
            if q > sent.first and sent.lows[q] == "the":
                q -= 1
            if q > sent.first and sent.lows[q] == "in":
                p = _before_time(sent, q - 1)
        if p > sent.first and sent.lows[p - 1].endswith("ly"):  # "recently published"
            p -= 1
        if sent.toks[p] == "," and p > sent.first and sent.lows[p - 1] in _DOC_NOUNS:
            d = p - 1  # "That report, by the Institute, warned"
        elif sent.lows[p] in _DOC_NOUNS and p >= sent.first:
            d = p  # "a survey by the Institute found"
        else:
            if p <= sent.first or sent.lows[p] not in _PUBLISH_PARTICIPLES:
                return None
            d = p - 1
            if sent.toks[d] == "," and d > sent.first:  # "the report, issued by"
                d -= 1
        if sent.lows[d] not in _DOC_NOUNS:
            return None
        ref = _np_forward(sent, k + 1, 1)
        if ref is None:
            return None
        ref = _affiliation(sent, ref)
        ref.doc = sent.lows[d]
        return ref
    return None


def _affiliation(sent: _Sentence, ref: _Ref) -> _Ref:
    """The body of a plural group named with it: "researchers at the University of X" are
    the university's (and "the researchers" later are too, through ``agent``)."""
    k = ref.hi + 1
    if ref.kind != "group" or not ref.head.endswith("s") or k >= len(sent.toks):
        return ref
    if sent.lows[k] not in ("at", "from", "of"):
        return ref
    body = _np_forward(sent, k + 1, 1)
    if body is None or body.kind != "name":
        return ref
    body.agent = ref.head
    return body


def _negated(sent: _Sentence, ref: _Ref, verb: int) -> bool:
    """True when the subject or the verb is negated: "neither firm replied", "no
    official commented", "the council did not say"."""
    lows = sent.lows
    return (
        lows[ref.lo] in _NEGATORS
        or (ref.lo > 0 and lows[ref.lo - 1] in _NEGATORS)
        or (verb > 0 and lows[verb - 1] in _NEGATORS)
    )


def _held_by(sent: _Sentence, lo: int) -> _Ref | None:
    """The document in "<document> <access participle> by <agent>" when the agent starts
    at ``lo``."""
    k = lo - 1
    if k >= 0 and sent.lows[k] in _DETERMINERS:
        k -= 1
    if k < 2 or sent.lows[k] not in ("by", "to") or sent.lows[k - 1] not in _ACCESS_PARTICIPLES:
        return None
    doc = _group_back(sent, k - 2)
    if doc and doc.head in _DOC_NOUNS:
        doc.doc = doc.head  # "the emails also show" later are the same emails
    return doc


def _np_forward(sent: _Sentence, i: int, depth: int = 0, possessor: bool = False) -> _Ref | None:
    """Parse a speaker phrase that starts at token ``i`` ("said Sen. Jo Bloggs",
    "according to data released by the Statistics Bureau"; ``possessor``: a body's
    possessive heads it, "according to the agency's figures")."""
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
    if low in _OWNER_PRONOUNS and any(w in _DOC_NOUNS for w in sent.lows[i + 1 : i + 4]):
        # "according to its yearly filings": the owner's claim.
        return _Ref("pronoun", i, i, head=_OWNER_PRONOUNS[low])
    if low in ("him", "her", "them", "he", "she", "they", "it"):
        return _Ref("pronoun", i, i, head={"him": "he", "her": "she", "them": "they"}.get(low, low))
    run = _name_run_forward(sent, i)
    if run and _possessive(sent.toks[run[1]]) and _is_name_token(sent, run[1] + 1):
        # "according to Vell's Statistics Office": the body, not its country.
        owned = _name_run_forward(sent, run[1] + 1)
        if owned and _has_org_word(sent, owned[0], owned[1]):
            run = owned
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
        if low in _DOC_NOUNS and k + 1 < min(i + 4, n) and sent.lows[k + 1] in _GROUP_NOUNS:
            continue  # "the data agency": the document word describes the body
        if possessor and _possessive(sent.toks[k]):
            # "according to the commission's projection": the commission's claim.
            owner = _strip_possessive(low)
            # "the bureau's yearly records", not "the city's roads unit".
            body = (
                owner in _ORG_WORDS
                and definite
                and sent.toks[k][0].islower()
                and not any(w in _GROUP_NOUNS or w in _ORG_WORDS for w in sent.lows[k + 1 : k + 4])
            )
            if (owner in _GROUP_NOUNS or owner in _ROLE_NOUNS or body) and not any(
                w in _ROLE_NOUNS or w in _TITLES or w in _SPOKES_NOUNS
                for w in sent.lows[k + 1 : k + 4]
            ):
                return _Ref("group", i, k, definite=definite, head=owner, modified=k > i)
        if low in _DOC_NOUNS and depth == 0:
            doc = _Ref("group", i, k, definite=definite, head=low, modified=k > i)
            for m in range(k + 1, min(k + 8, n)):
                if sent.lows[m] in ("by", "from", "of"):
                    if sent.lows[m - 1] in _ACCESS_PARTICIPLES:
                        # "documents seen by the Gazette": the documents' claim.
                        doc.doc = low
                        return doc
                    found = _np_forward(sent, m + 1, depth + 1)
                    if found:
                        found = _affiliation(sent, found)
                        found.doc = low
                        return found
            return doc
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
        if low in _GROUP_NOUNS and definite and depth == 0 and _is_name_token(sent, k + 1):
            # "according to the pollster Corvin Data": the body its kind names.
            named = _name_run_forward(sent, k + 1)
            if named and not _possessive(sent.toks[named[1]]):
                return _Ref("name", named[0], named[1])
        if low in _GROUP_NOUNS or low in _ROLE_NOUNS or low in _DOC_NOUNS:
            hi = _familiar_end(sent, k) if low.endswith("s") else k
            # "according to ministry data": the ministry's, as "the ministry's data".
            doc_owner = low in _GROUP_NOUNS and k + 1 < n and sent.lows[k + 1] in _DOC_NOUNS
            return _Ref("group", i, hi, definite=definite or doc_owner, head=low, modified=hi > i)
        if definite and sent.lows[i - 1] == "the" and _body_word(sent, k):
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
        return _colon_quote(sent)
    n = len(toks)
    for i in range(n):
        low = lows[i]
        if inq[i]:
            continue
        if low == "according" and i + 1 < n and lows[i + 1] == "to":
            ref = _np_forward(sent, i + 2, possessor=True) or _definite_np_to_comma(sent, i + 2)
            if ref:
                return ref, i, ref.hi
            continue
        is_speech = low in _SPEECH_VERBS
        nxt = lows[i + 1] if i + 1 < n else ""
        tag_only = False
        if not is_speech and low in _FINDING_VERBS:
            # "found that ...", "found 40% ...", or a tag: ", a survey has shown(,|.)",
            # ", the lender estimated in its review".
            # "found no sign of ...": a finding of absence.
            is_speech = (
                nxt == "that"
                or (nxt == "no" and low.startswith("f"))  # not "showed no emotion"
                or nxt[:1].isdigit()
                or nxt in (".", ",", "!", "")
            )
            if not is_speech and nxt == "in" and low not in ("found", "shown"):
                is_speech = tag_only = True
        if not is_speech and low in _FINDING_VERBS and i > 0 and not inq[i - 1]:
            # "The census found rare bats", "a poll paid for by X found ...": what a
            # document found, whatever follows the verb.
            is_speech = (
                lows[i - 1] in _DOC_NOUNS
                or _published_by(sent, i) is not None
                # "The club's filings for 1987 reveal it owed ...": a document's finding.
                or _document_subject(sent, i) is not None
            )
        if not is_speech and low in _FORECAST_VERBS and i > 0:
            # "It forecasts rents to climb 3%": a forecast, whoever "it" is.
            is_speech = "to" in lows[i + 2 : i + 6] and not inq[i]
        if not is_speech and low == "pointed" and lows[i + 1 : i + 3] == ["out", "that"]:
            is_speech = True
        if not is_speech and low in ("put", "puts"):
            # "The survey put the bill at $3m": an estimate.
            is_speech = _put_at_figure(sent, i)
        if not is_speech and low in _APPEAL_VERBS:
            # "called for a review", "called the plan absurd", "called on the firm to
            # resume talks": speech acts with a speaker, if no claims.
            is_speech = (
                nxt == "for"
                or _judgement_after(sent, i)
                or (nxt == "on" and "to" in lows[i + 2 : i + 9])
                or _quoted_name_for(sent, i)
            )
        if not is_speech and low in _ACT_VERBS:
            # "apologised to its customers", "described the plan as ...".
            is_speech = low.startswith("apolog") or "as" in lows[i + 2 : i + 9]
        if not is_speech or not toks[i][0].islower():
            continue
        prev = lows[i - 1] if i else ""
        if prev in _PASSIVE_AUX and nxt == "by" and low.endswith("ed") and not inq[i]:
            # "It was announced by the ministry that ...", "The total was disclosed by
            # the agency": the agent is the speaker.
            agent = _np_forward(sent, i + 2)
            if agent:
                return _affiliation(sent, agent), i - 1, agent.hi
        if prev in _PASSIVE_AUX or prev == "to" or prev in _NEGATORS:
            continue
        if i + 1 < n and nxt in _FINITE_AFTER and low in ("say", "says", "said"):
            continue
        prev_tok = toks[i - 1] if i else ""
        if prev_tok not in _CLOSING_MARKS or not i or not inq[i - 1]:
            ref = (
                _published_by(sent, i)
                or (_participle_subject(sent, i) if low in _SPEECH_VERBS else None)
                or _subject_back(sent, i - 1, loose=low in _SPEECH_VERBS)
            )
            if ref is None and prev in ("and", "but") and not inq[i - 1]:
                # "X, a debt charity, criticised the plan and estimated that ...": the
                # second verb of the sentence's subject.
                ref = _np_forward(sent, sent.first) or _np_forward(sent, _after_opener(sent))
            if ref is None:
                ref = _document_subject(sent, i) or _document_before(sent, i)
            if ref and _negated(sent, ref, i):
                continue
            if ref and tag_only and not _after_comma(sent, ref.lo):
                ref = None
            if ref and ref.kind == "pronoun" and low.startswith("show"):
                ref.finding = True
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
    return _colon_quote(sent)


# Speech acts that hold no claim but have a speaker: an apology, a description of a
# thing "as" something.
_ACT_VERBS = frozenset(
    ("apologised", "apologized", "apologises", "apologizes", "described", "describes")
)
_PLAIN_VERBS = frozenset(("has", "have", "had", "is", "was", "are", "were"))
_QUOTE_OPENERS = frozenset(("\u201c", "\u2018", '"'))


def _colon_quote(sent: _Sentence) -> tuple[_Ref, int, int] | None:
    """The speaker of a quote that follows a colon after a short clause whose subject
    is named: "Jo Bloggs later put it bluntly: \u201c...\u201d", "She summed it up: ...".
    The subject must be a name or a pronoun, with words between it and the colon."""
    toks = sent.toks
    if ":" not in toks:
        return None
    colon = toks.index(":")
    if (
        colon + 1 >= len(toks)
        or toks[colon + 1] not in _QUOTE_OPENERS
        or sent.inq[colon]
        or colon - sent.first > 10
    ):
        return None
    ref = _np_forward(sent, sent.first)
    if ref is None or ref.kind not in ("name", "pronoun") or ref.hi + 1 >= colon:
        return None
    if sent.lows[ref.hi + 1] in _PLAIN_VERBS:
        # "Osterlund has a new motto: ...": a sentence about the subject, not its words.
        return None
    if ref.kind == "pronoun" and ref.head == "it":
        return None
    return ref, ref.lo, colon


# Verbs of a forecast with an object and "to": "expects prices to rise".
_FORECAST_VERBS = frozenset(("expects", "forecasts", "predicts", "projects"))


def _after_opener(sent: _Sentence) -> int:
    """The first token after an opening phrase closed by a comma ("In its reply sent
    late on Monday, the ministry ..."), or the sentence's first token when there is none."""
    first = sent.first
    if first >= len(sent.toks) or not sent.toks[first][0].isupper():
        return first
    for k in range(first + 1, min(len(sent.toks), first + 10)):
        if sent.inq[k]:
            break
        if sent.toks[k] == ",":
            return k + 1
    return first


def _document_subject(sent: _Sentence, verb: int) -> _Ref | None:
    """The document that opens the sentence and is the subject of the speech verb at
    ``verb`` however far after it: "A joint lawsuit lodged last month in the
    county court for nine tenants alleges that ..."."""
    lows = sent.lows
    first = sent.first
    if first >= verb or lows[first] not in _DETERMINERS:
        return None
    for k in range(first + 1, min(verb, first + 5)):
        tok = sent.toks[k]
        owner = _possessive(tok) and tok[:-2].isalpha()  # "The institute's analysis"
        if sent.inq[k] or not (tok.isalpha() or owner) or lows[k] in _FUNCTION_WORDS:
            return None
        if lows[k] in _DOC_NOUNS:
            nxt = lows[k + 1] if k + 1 < verb else ""
            if nxt in _PUBLISH_PARTICIPLES or nxt in ("filed", "lodged", "brought", "by", "from"):
                return _Ref("group", first + 1, k, head=lows[k], modified=k > first + 1)
            if nxt in ("of", "for") and _possessive(sent.toks[k - 1]):
                # "The bureau's review of claims since 1990 showed": the owner's.
                return _Ref("group", first + 1, k, head=lows[k], modified=True)
            return None
    return None


def _document_before(sent: _Sentence, verb: int) -> _Ref | None:
    """The document named just before the verb at ``verb`` with when it was issued:
    "..., port authority data released on Monday suggest." (the data)."""
    p = _before_time(sent, verb - 1)
    if p <= sent.first or sent.lows[p] not in _PUBLISH_PARTICIPLES or sent.inq[p]:
        return None
    doc = _group_back(sent, p - 1)
    return doc if doc is not None and doc.head in _DOC_NOUNS else None


def _quoted_name_for(sent: _Sentence, i: int) -> bool:
    """True when the verb at ``i`` ("called") gives a thing a name in quotation marks:
    "called the figure \u201ca smokescreen\u201d"."""
    for k in range(i + 2, min(len(sent.toks) - 1, i + 7)):
        if sent.toks[k] in _QUOTE_OPENERS:
            return not sent.inq[i]
        if sent.toks[k] in (",", ".", ";") or sent.inq[k]:
            return False
    return False


def _judgement_after(sent: _Sentence, i: int) -> bool:
    """True when the verb at ``i`` ("called") names a judgement that closes its clause:
    "critics called the plan ridiculous." is speech, "they called the police" is not."""
    n = len(sent.toks)
    for k in range(i + 2, min(n - 1, i + 7)):
        if sent.toks[k] in (",", ".", ";"):
            return False
        if sent.lows[k] in _OPINION_WORDS and sent.toks[k + 1] in (",", ".", ";", "!"):
            return not sent.inq[k]
    return False


_SELF_PRONOUNS = frozenset(("it", "they", "he", "she", "we"))
_RESPONSE_AUX = frozenset(("would", "will", "did", "does", "do", "could", "can", "had", "has"))


_REFUSAL_VERBS = frozenset(("declined", "declines", "refused", "refuses"))
_REFUSAL_CUES = _REFUSAL_VERBS | {"drawn", "comment"}
# Verbs of no reply before "for comment": "did not reply to calls for comment",
# "could not be reached for comment", "was not available for comment".
_NO_REPLY_STEMS = ("respond", "repl", "reach", "return", "available")
_PROGRESSIVE_AUX = frozenset(("is", "was", "are", "were"))


# A speaker's own acceptance of what is said of it: no claim of its own.
_ACCEPTANCE_VERBS = frozenset(("accepted", "accepts", "regretted", "regrets", "apologised"))


def _refusal_at(sent: _Sentence, i: int) -> bool:
    """True when a refusal to speak starts at token ``i``: "declined to comment",
    "refused to be drawn", "would not be drawn"."""
    lows = sent.lows
    after = lows[i + 1 : i + 5]
    if lows[i] in _REFUSAL_VERBS and after[:1] == ["to"]:
        return (len(after) > 1 and after[1] in _RESPONSE_VERBS) or after[1:3] == ["be", "drawn"]
    return (
        lows[i] in _RESPONSE_AUX
        and after[:1] in (["not"], ["n't"])
        and after[1:3] == ["be", "drawn"]
        and not sent.inq[i]
    )


def _refusal(sent: _Sentence) -> bool:
    """True when the sentence holds a refusal to speak. As in the labelled articles, the
    refusal is no claim and names no claimant ("Jo Bloggs would not be drawn")."""
    lows = sent.lows
    if _REFUSAL_CUES.isdisjoint(lows):
        return False
    for i, low in enumerate(lows):
        if low in _REFUSAL_VERBS and _refusal_at(sent, i):
            return True
        if low == "drawn" and i >= 3 and _refusal_at(sent, i - 3):
            return True
        if low == "comment" and i >= 3 and lows[i - 1] == "for" and _no_reply_before(sent, i - 1):
            return True
    return False


def _no_reply_before(sent: _Sentence, i: int) -> bool:
    """True when a negated verb of replying stands in the few tokens before ``i`` ("did
    not immediately respond to requests", "could not be reached")."""
    lows = sent.lows
    for k in range(i - 1, max(0, i - 8), -1):
        if lows[k].startswith(_NO_REPLY_STEMS) and not sent.inq[k]:
            return any(w in _NEGATORS or w == "n't" for w in lows[max(0, k - 4) : k])
    return False


def _response_verb(word: str) -> bool:
    """A response verb or its -ing form: "review", "reviewing", "considering"."""
    if word in _RESPONSE_VERBS:
        return True
    stem = word[:-3] if word.endswith("ing") else ""
    return bool(stem) and (stem in _RESPONSE_VERBS or stem + "e" in _RESPONSE_VERBS)


def _own_response(sent: _Sentence, verb: int) -> bool:
    """True when the speech verb at ``verb`` reports the speaker's own response and
    nothing else: "said it did not comment on ...", "said in a statement that it would
    review the findings", "said the firm would not comment", "said it was reviewing the
    findings"."""
    lows = sent.lows
    n = len(lows)
    if verb >= n or lows[verb] not in _SPEECH_VERBS:
        return False
    k = verb + 1
    if (
        k + 2 < n
        and lows[k] == "in"
        and (lows[k + 1] in _DETERMINERS or lows[k + 1] in _OWNER_PRONOUNS)
    ):
        k += 3  # "in a statement", "in its reply"
    if k < n and lows[k] == "that":
        k += 1
    if k < n and lows[k] in _SELF_PRONOUNS:
        k += 1
    elif k + 1 < n and lows[k] == "the" and lows[k + 1] in _ORG_ANAPHORA:
        k += 2
    else:
        return False
    if k + 1 < n and lows[k] in _PROGRESSIVE_AUX and lows[k + 1].endswith("ing"):
        return _response_verb(lows[k + 1]) and not sent.inq[k + 1]
    if k < n and lows[k] in _ACCEPTANCE_VERBS and not sent.inq[k]:
        # "said in its reply that it accepted every point".
        return True
    if k >= n or lows[k] not in _RESPONSE_AUX:
        return False
    k += 1
    if k < n and lows[k] in ("not", "n't"):
        k += 1
    return k < n and lows[k] in _RESPONSE_VERBS and not sent.inq[k]


_BELIEF_VERBS = frozenset(
    (
        "believe", "believed", "believes", "suspect", "suspected", "suspects", "fear",
        "feared", "fears", "feel", "felt", "feels", "think", "thought", "thinks",
    )
)  # fmt: skip
_BELIEF_FILLERS = frozenset(("had", "have", "has", "long", "always", "still", "now"))
_WORRY_WORDS = frozenset(("worried", "concerned", "afraid", "anxious", "alarmed", "fearful"))


def _own_belief(sent: _Sentence, verb: int) -> bool:
    """True when the speech verb at ``verb`` reports only the speaker's own belief: "said
    they had always feared that ...", "said she feared that ...". What someone
    suspects is no fact to check."""
    lows = sent.lows
    n = len(lows)
    k = verb + 1
    if k < n and lows[k] == "privately":
        k += 1
    if k < n and lows[k] == "that":
        k += 1
    if k >= n or lows[k] not in _SELF_PRONOUNS or sent.inq[k]:
        return False
    if lows[k + 1 : k + 2] in (["was"], ["were"], ["is"], ["are"]) and (
        lows[k + 2 : k + 3] and lows[k + 2] in _WORRY_WORDS
    ):
        return True  # "said it was worried that ...": a concern, not a fact
    if lows[k] == "it":
        return False
    k += 1
    stop = min(n, k + 3)
    while k < stop and lows[k] in _BELIEF_FILLERS:
        k += 1
    return k < n and lows[k] in _BELIEF_VERBS and not sent.inq[k]


def _put_at_figure(sent: _Sentence, i: int) -> bool:
    """True when "put" at ``i`` sets a figure: "put the bill at $3m", "puts the toll at
    40"."""
    n = len(sent.toks)
    if i + 1 >= n or sent.lows[i + 1] not in _DETERMINERS:
        return False
    for k in range(i + 2, min(n - 1, i + 12)):
        if sent.toks[k] in (",", ".", ";") or sent.inq[k]:
            return False
        if sent.lows[k] == "at":
            nxt = sent.toks[k + 1]
            return nxt[:1].isdigit() or nxt[:1] in "$£€" or sent.lows[k + 1] in ("about", "around")
    return False


def _after_comma(sent: _Sentence, lo: int) -> bool:
    k = lo - 1
    if k >= 0 and sent.lows[k] in _DETERMINERS:
        k -= 1
    return k >= 0 and sent.toks[k] == ","


def _described_org(sent: _Sentence, ref: _Ref, memory: _Discourse) -> str | None:
    """The body named earlier whose name holds every word that describes the group: "the
    harbour operator" is Vell Harbour Ltd; a role of a body ("the union's leader") is a
    person, not the body."""
    if ref.head in _ROLE_NOUNS or any(_possessive(t) for t in sent.toks[ref.lo : ref.hi]):
        return None
    words = [
        w
        for w in sent.lows[ref.lo : ref.hi]
        if w.isalpha() and w not in _FUNCTION_WORDS and w not in _PASSING_ADJECTIVES
    ]
    if not words or len(words) > 3:
        return None
    for orgs in (memory.salient_orgs[-50:], memory.orgs[-50:], memory.persons[-50:]):
        # A business named like a person ("Corvin Ferries") is still the one a
        # description of a body ("the ferry firm") fits.
        for org in reversed(orgs):
            # "the tenants' association" is the Vell Tenants' Association.
            parts = [p.rstrip("\u2019'") for p in org.lower().split()]
            if all(w in parts for w in words):
                return org
    return None


def _subject_of_kind(
    sent: _Sentence, ref: _Ref, speaker: tuple[str, str], memory: _Discourse
) -> str | None:
    """The body the sentence opens with, when the one noun its speaker was resolved to
    as written fits it: "Vell Ferries cut 30 sailings, the firm said" (a firm
    is a business, and Vell Ferries is one). A person the sentence opens with is never it."""
    if (
        ref.kind != "group"
        or not ref.definite
        or ref.lo != ref.hi
        or ref.head not in _ORG_ANAPHORA
        or ref.lo <= sent.first
        or speaker != (sent.toks[ref.lo], "organization")
    ):
        return None
    subject = _np_forward(sent, sent.first)
    if subject is None or subject.kind != "name" or subject.hi >= ref.lo:
        return None
    lo, hi, _, _ = _core_name(sent, subject.lo, subject.hi)
    if lo > hi:
        return None
    name = _name_text(sent, lo, hi)
    if name not in memory.orgs[-8:] or name in memory.persons:
        return None
    wanted = _noun_kind(ref.head)
    return name if wanted in (None, _body_kind(name, memory)) else None


# Unnamed members of a body named in front of them: "a Tarn Rail spokesman", "Vell
# Water officials" (two name words at least for officials and sources: "Dutch
# officials" name no body).
_MEMBER_NOUNS = _SPOKES_NOUNS | {"official", "officials", "source", "sources"}


def _body_before(sent: _Sentence, ref: _Ref, memory: _Discourse) -> tuple[str, str] | None:
    """The body whose name fills the modifiers of a member noun ("A Tarn Rail
    spokesman" -> Tarn Rail)."""
    lo, hi = ref.lo, ref.hi - 1
    word = sent.lows[hi] if hi >= lo and not sent.inq[hi] else ""
    if hi >= lo and word in _ORG_ANAPHORA and sent.toks[hi].islower():
        # "A ministry spokesman": the body "the ministry" would be (named in full,
        # not "the Ministry" alone).
        body = _latest_org_with_word(memory, word, alone=False)
        if body:
            return body, "organization"
        if word in memory.anaphora:
            return memory.anaphora[word], "organization"
        return None
    if not all(
        _is_name_token(sent, m) and not _possessive(sent.toks[m]) for m in range(lo, hi + 1)
    ):
        return None
    if ref.head not in _SPOKES_NOUNS and hi == lo:
        return None
    name = _name_text(sent, lo, hi)
    if lo == hi:
        found = memory.resolve_single(name)
        if found and found[1] == "organization":
            return found
    return name, "organization"


def _latest_org_with_word(memory: _Discourse, word: str, alone: bool = True) -> str | None:
    """The latest body named with ``word`` in its name, the latest subject first (a name
    that is the word alone, "the Council", only when ``alone``)."""
    for orgs in (memory.salient_orgs[-50:], memory.orgs[-50:]):
        for org in reversed(orgs):
            if word in org.lower().split() and (alone or org.lower() != word):
                return org
    return None


def _document_owner(sent: _Sentence, ref: _Ref, memory: _Discourse) -> str | None:
    """The body named earlier whose document this is by a possessive: "the council's own
    yearly audit" is the council's (the body with that word in its name)."""
    for k in range(max(0, ref.lo - 3), ref.lo):
        if sent.lows[k] in ("its", "their") and all(
            t[:1].isalnum() for t in sent.toks[k + 1 : ref.lo]
        ):
            # "Its long review showed": the body "it" is.
            found = memory.resolve_pronoun(_OWNER_PRONOUNS[sent.lows[k]])
            return found[0] if found and found[1] == "organization" else None
    for t in sent.toks[max(0, ref.lo - 1) : ref.hi]:
        if not _possessive(t):
            continue
        owner = _strip_possessive(t.lower())
        if owner not in _ORG_WORDS and owner not in _ORG_ANAPHORA:
            return None
        return _latest_org_with_word(memory, owner) or memory.anaphora.get(owner)
    return None


# A body's governing board, speaking for the body: "the board said".
_GOVERNING_NOUNS = frozenset(("board",))


def _body_kind(name: str, memory: _Discourse | None = None) -> str:
    """The kind of body a name is: the kind it was introduced as ("the consumer group
    X"), else by its words: "public" (a ministry, a regulator, a council), "members" (a
    union, a charity, an association) or else "company"."""
    if memory is not None and name in memory.org_kinds:
        return memory.org_kinds[name]
    words = name.lower().split()
    if not _PUBLIC_BODY_WORDS.isdisjoint(words):
        return "public"
    if not _MEMBER_BODY_WORDS.isdisjoint(w.rstrip("\u2019'") for w in words):
        return "members"
    return "company"


def _noun_kind(head: str) -> str | None:
    """The kind of body a speaker noun stands for ("the developer": a company), or None
    when the noun fits any ("the group", "the organisation")."""
    if head in _COMPANY_NOUNS:
        return "company"
    if head in _PUBLIC_BODY_WORDS:
        return "public"
    if head in _MEMBER_BODY_WORDS:
        return "members"
    return None


def _resolve(sent: _Sentence, ref: _Ref, memory: _Discourse) -> tuple[str, str] | None:
    if ref.kind == "pronoun":
        if (
            ref.finding
            and memory.publisher
            and (ref.head == "they") == memory.publisher_of.endswith("s")
        ):
            # "They also show": the documents named last.
            return memory.publisher
        return memory.resolve_pronoun(ref.head)
    if ref.kind == "someone":
        return sent.span_text(ref.lo, ref.hi), "person"
    if ref.kind == "name":
        if ref.lo == ref.hi and ref.lo > 0 and sent.lows[ref.lo - 1] == "the":
            role = sent.lows[ref.lo]
            if role in _ROLE_NOUNS and sent.toks[ref.lo].isupper():
                # "the MEP added": the person introduced as the MEP.
                holder = memory.role_holder(role, [])
                if holder:
                    return holder, "person"
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
        if kind in ("person", "unknown") and not titled:
            noun = _body_by_context(sent, lo, hi, memory)
            if noun is not None:
                if noun and len(memory.anaphora) < 64:
                    memory.anaphora[noun] = name
                    kind_of = _kind_of_noun(noun, sent.lows[lo - 2] if lo >= 2 else "")
                    if kind_of and len(memory.org_kinds) < 256:
                        memory.org_kinds[name] = kind_of
                return name, "organization"
        if kind == "unknown":
            return name, "other"
        if kind == "place":
            return name, "organization"
        return name, kind
    head = ref.head
    if ref.tail:
        for orgs in (memory.salient_orgs[-50:], memory.orgs[-50:]):
            for org in reversed(orgs):
                if org.lower().rsplit(None, 1)[-1] == head:
                    return org, "organization"
        return None
    if ref.modified and head in _MEMBER_NOUNS:
        body = _body_before(sent, ref, memory)
        if body:
            return body
    if (
        head in _DOC_NOUNS
        and ref.definite
        and not ref.modified
        and memory.publisher
        and (head in memory.publishers or head in memory.docs or not head.endswith("s"))
    ):
        # "The report later showed": the report's publisher, named with it earlier.
        return memory.publishers.get(head) or memory.docs.get(head) or memory.publisher
    if ref.definite and not ref.modified and head in memory.agents:
        # "The scientists added": the body they were named with.
        return memory.agents[head]
    if head.endswith("year-old") and memory.persons:
        return memory.persons[-1], "person"
    if (
        head in _ROLE_NOUNS
        and head not in _ORG_ANAPHORA
        and head not in _SPOKES_NOUNS
        and (ref.definite or ref.spokes)
    ):
        # "A spokesperson for the mayor": the person named as the mayor.
        holder = memory.role_holder(head, sent.lows[ref.lo : ref.hi])
        if holder:
            return holder, "person"
    if (
        not ref.modified
        and ref.definite
        and head in _ORG_WORDS
        and head not in _ORG_ANAPHORA
        and sent.lows[ref.lo - 1 if ref.lo else 0] == "the"
    ):
        # "the federation", "the bureau": the body named earlier with that word in its
        # name, the latest subject first; no such body, and the words are the speaker.
        named = _latest_org_with_word(memory, head)
        if named:
            return named, "organization"
    if not ref.modified and (ref.definite or ref.spokes):
        if head in _ORG_ANAPHORA or ref.spokes:
            # The body the article is about (named as a subject) before one in passing.
            for orgs in (memory.salient_orgs[-50:], memory.orgs[-50:]):
                for org in reversed(orgs):
                    if head in org.lower():
                        return org, "organization"
            if head in memory.anaphora and not ref.spokes:
                # "The company" is the body that "the company" was before.
                return memory.anaphora[head], "organization"
            if head == "team" and memory.agents and not ref.spokes:
                # "researchers at the University of X, led by Y, ..." then "The team
                # reported": the body the researchers work at.
                return list(memory.agents.values())[-1]
            wanted = _noun_kind(head)
            if wanted:
                # "The firm replied", after a union and before it a ferry operator
                # were named: the operator, the latest body of the kind the noun names
                # (none: the words are the speaker).
                for orgs in (memory.salient_orgs[-50:], memory.orgs[-50:]):
                    for org in reversed(orgs):
                        if _body_kind(org, memory) == wanted:
                            return org, "organization"
                if head in _GOVERNING_NOUNS and (memory.salient_orgs or memory.orgs):
                    # "the board added", no public body named: a company's board
                    # speaks for the company.
                    return (memory.salient_orgs or memory.orgs)[-1], "organization"
            elif memory.salient_orgs or memory.orgs:
                return (memory.salient_orgs or memory.orgs)[-1], "organization"
        elif head in _SPOKES_NOUNS:
            if memory.spokes_for:
                # "..., the spokesman added": the body a spokesman spoke for.
                return memory.spokes_for
            pool = memory.salient_orgs or memory.orgs
            if pool:
                return pool[-1], "organization"
    if head in _ROLE_NOUNS and (ref.definite or ref.spokes):
        # A role word alone is the person the article named in that role earlier.
        holder = memory.role_holder(head, sent.lows[ref.lo : ref.hi])
        if holder:
            return holder, "person"
    if (
        ref.modified
        and ref.definite
        and head.endswith("s")
        and memory.last_group
        and not set(sent.lows[ref.lo : ref.hi]).isdisjoint(memory.last_group.lower().split())
    ):
        # "Tenant charities active in Vell said ..." then "the tenant bodies added": the
        # plural named last with the same modifier.
        return memory.last_group, "organization"
    if ref.modified and (ref.definite or ref.spokes) and head not in _DOC_NOUNS:
        described = _described_org(sent, ref, memory)
        if described:
            return described, "organization"
    text = sent.span_text(ref.lo, ref.hi)
    if head in _DOC_NOUNS:
        owner = _document_owner(sent, ref, memory)
        if owner:
            return owner, "organization"
        return text, "other"
    if head in _ROLE_NOUNS and head not in _GROUP_NOUNS:
        return text, "person"
    return text, "organization"
