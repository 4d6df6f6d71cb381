"""Names: capitalised runs of tokens (bounded in length), what they name (person,
organisation, place), and the discourse memory that resolves surnames, pronouns and
roles to the fullest earlier mention.
"""

from __future__ import annotations

from itertools import compress, count

from factbase.detect.errors import TooManyNames
from factbase.detect.lexicon import (
    _BODY_KIND_NOUNS,
    _CAUSE_WORDS,
    _COMPANY_NOUNS,
    _DETERMINERS,
    _FUNCTION_WORDS,
    _HONORIFIC_GENDER,
    _MEMBER_BODY_WORDS,
    _MONTHS,
    _NAME_CONNECTORS,
    _ORG_WORDS,
    _PLACE_WORDS,
    _POSSESSIVES,
    _PUBLIC_BODY_WORDS,
    _ROLE_NOUNS,
    _TITLES,
    _WEEKDAYS,
)
from factbase.detect.sentences import (
    _LONGEST_NAME,
    MAX_SENTENCES,
    _Sentence,
)

# More names than any article: two a sentence at the sentence limit.
MAX_NAME_RUNS = 2 * MAX_SENTENCES


class _Discourse:
    __slots__ = (
        "agents",
        "anaphora",
        "docs",
        "forenames",
        "gender",
        "last_group",
        "name_runs",
        "org_kinds",
        "org_tokens",
        "orgs",
        "persons",
        "publisher",
        "publisher_of",
        "publishers",
        "role_words",
        "roles",
        "salient_orgs",
        "spokes_for",
        "surnames",
    )

    def __init__(self) -> None:
        self.persons: list[str] = []
        self.orgs: list[str] = []
        self.salient_orgs: list[str] = []
        self.surnames: dict[str, str] = {}
        self.forenames: dict[str, str] = {}
        self.org_tokens: dict[str, str] = {}
        self.roles: dict[str, list[str]] = {}
        # The words of the role each person was introduced with ("foreign minister"),
        # so that a later mention of the role alone is that person.
        self.role_words: dict[str, frozenset[str]] = {}
        self.gender: dict[str, str] = {}
        self.last_group: str | None = None
        # The body that published the latest study named with its publisher, and the
        # document's noun: "the report later showed" is theirs.
        self.publisher: tuple[str, str] | None = None
        self.publisher_of = ""
        # Each document noun's latest publisher: "the report" and "the study" of one
        # article can be two bodies'.
        self.publishers: dict[str, tuple[str, str]] = {}
        # A plural group named with its body ("researchers at X"): "the researchers".
        self.agents: dict[str, tuple[str, str]] = {}
        # The body each organisation word ("the company") last stood for.
        self.anaphora: dict[str, str] = {}
        # A document that is its own claimant, by its noun ("lawsuit" -> "joint
        # lawsuit"), and the body the latest "spokesperson for X" spoke for.
        self.docs: dict[str, tuple[str, str]] = {}
        self.spokes_for: tuple[str, str] | None = None
        # The kind of body a name was introduced as ("the consumer group X": "members").
        self.org_kinds: dict[str, str] = {}
        self.name_runs = 0  # every name read so far in the article (MAX_NAME_RUNS)

    def add_person(
        self,
        name: str,
        role: str | None = None,
        gender: str | None = None,
        role_words: frozenset[str] = frozenset(),
    ) -> None:
        self.persons.append(name)
        parts = name.split()
        if len(parts) > 1:
            for key, table in (
                (parts[-1].lower(), self.surnames),
                (parts[0].lower(), self.forenames),
            ):
                known = table.get(key)
                if known is None or len(known) < len(name):
                    table[key] = name
        if role:
            words = role_words | {role}
            self.role_words[name] = words
            # "The head of the syndicate" is later "the syndicate leader".
            for key in _ROLE_SYNONYMS.get(role, (role,)):
                holders = self.roles.setdefault(key, [])
                if name in holders:
                    holders.remove(name)
                holders.append(name)
                del holders[:-8]
                self.role_words[name] = self.role_words[name] | {key}
        if gender and name not in self.gender:
            self.gender[name] = gender

    def add_org(self, name: str, salient: bool = False) -> None:
        self.orgs.append(name)
        if salient:
            self.salient_orgs.append(name)
        first = name.split()[0].lower()
        known = self.org_tokens.get(first)
        if known is None or len(known) < len(name):
            self.org_tokens[first] = name

    def role_holder(self, head: str, modifiers: list[str]) -> str | None:
        """The person last introduced in the role ``head``, when every modifier of the
        later mention belongs to the role they were introduced with (a "harbour
        warden" is later "the harbour warden") or is a possessive (the firm's
        director). A deputy of the role is not the role's holder."""
        for name in reversed(self.roles.get(head, ())):
            words = self.role_words.get(name, frozenset())
            if all(word in words or word.endswith(_POSSESSIVES) for word in modifiers) and not (
                # "Deputy Mayor X" is not "the mayor".
                (words & _RANKS).difference(modifiers)
            ):
                return name
        if head in _ROLE_SYNONYMS and modifiers:
            # "The guild leader": the person introduced as "the guild's general
            # secretary", the top role of the body the modifiers name.
            for name in reversed(list(self.role_words)[-16:]):
                words = self.role_words[name]
                if words.issuperset(modifiers) and not words & _RANKS:
                    return name
        return None

    def resolve_single(self, word: str) -> tuple[str, str] | None:
        key = word.lower()
        for org in reversed(self.salient_orgs[-20:]):
            # A body that has spoken before a thing named after it: "Corvin" is
            # Corvin Tools, not its Corvin Max drill.
            if org.split(None, 1)[0].lower() == key and key not in self.surnames:
                return org, "organization"
        if key in self.surnames:
            return self.surnames[key], "person"
        if key in self.forenames:
            return self.forenames[key], "person"
        if key in self.org_tokens:
            return self.org_tokens[key], "organization"
        return None

    def resolve_pronoun(self, pronoun: str) -> tuple[str, str] | None:
        if pronoun in ("he", "she"):
            wanted = "m" if pronoun == "he" else "f"
            for name in reversed(self.persons[-40:]):
                if self.gender.get(name, wanted) == wanted:
                    self.gender.setdefault(name, wanted)
                    return name, "person"
            return None
        if pronoun == "they" and self.last_group:
            return self.last_group, "organization"
        if pronoun == "they" and self.salient_orgs:
            return self.salient_orgs[-1], "organization"
        pool = self.salient_orgs or self.orgs
        return (pool[-1], "organization") if pool else None


# Words that make a role another's: a deputy mayor is not the mayor.
_RANKS = frozenset(
    ("deputy", "vice", "assistant", "acting", "shadow", "former", "junior", "interim")
)

# Role nouns that name the same position: the head of a union is its leader.
_ROLE_SYNONYMS = {
    "head": ("head", "leader", "chief"),
    "leader": ("leader", "head", "chief"),
    "chief": ("chief", "head", "leader"),
}


# Per-token answers of ``_is_name_token`` (a function of the token alone). Bounded, and
# small: an article holds far fewer distinct names, and a text of new names each time
# (bench shape distinct_name_pairs) ran 2.8 s at 2 MiB with a bound of 2**18 against
# 2.2 s with this one, the large dictionaries costing more than they saved.
_CACHE_LIMIT = 1 << 12


class _NameTokens(dict[str, bool]):
    """Token -> is it a name token, computing (and memoising) a token it has not seen."""

    def __missing__(self, tok: str) -> bool:
        known = _name_token(tok)
        if len(self) > _CACHE_LIMIT:
            self.clear()
        self[tok] = known
        return known


_NAME_TOKENS = _NameTokens()


def _name_token(tok: str) -> bool:
    if not tok[0].isupper() or not tok[0].isalpha():
        return False
    low = tok.lower()
    if low in _MONTHS or low in _WEEKDAYS or tok == "I":
        return False
    if low in _FUNCTION_WORDS:
        # Capitalised function words start sentences and quotes; an acronym is not one.
        return tok.isupper() and len(tok) > 1
    return True


def _is_name_token(sent: _Sentence, i: int) -> bool:
    return _NAME_TOKENS[sent.toks[i]]


def _possessive(tok: str) -> bool:
    return tok.endswith(_POSSESSIVES)


def _name_run_back(sent: _Sentence, j: int, limit: int = -1) -> tuple[int, int] | None:
    """The capitalised name ending at token ``j`` ("Deputy Mayor Jane Q. Doe"), at most
    ``_LONGEST_NAME`` tokens long (``limit``: the first token it may reach)."""
    if j < 0 or not _is_name_token(sent, j) or _possessive(sent.toks[j]) or sent.inq[j]:
        return None
    if limit < 0:
        limit = max(0, j - _LONGEST_NAME + 1)
    lo = j
    k = j - 1
    toks = sent.toks
    while k >= limit:
        tok = toks[k]
        if tok == "." and k > 0 and (len(toks[k - 1]) == 1 or sent.lows[k - 1] in _TITLES):
            k -= 1
            continue
        if _is_name_token(sent, k) and not _possessive(tok) and not sent.inq[k]:
            lo = k
            k -= 1
            continue
        if _name_possessive(sent, k, j):
            lo = k
            k -= 1
            continue
        if sent.lows[k] in _NAME_CONNECTORS and k > limit and _is_name_token(sent, k - 1):
            k -= 1
            continue
        if (
            tok in ("\u2019", "'")
            and k > limit
            and toks[k - 1][-1:] == "s"
            and _is_name_token(sent, k - 1)
            and not sent.inq[k - 1]
            and (_has_org_word(sent, k + 1, j) or _after_the(sent, k - 1))
        ):
            # A plural possessive split from its word inside a body's name: "The Dock
            # Pilots' Circle".
            lo = k - 1
            k -= 2
            continue
        if sent.lows[k] == "and" and k > limit and _is_name_token(sent, k - 1):
            # Within the same bound, so the recursion is at most _LONGEST_NAME / 2 deep.
            left = _name_run_back(sent, k - 1, limit)
            if left and (_has_org_word(sent, left[0], j) or _kind_noun_before(sent, left[0])):
                lo = left[0]
                # A list of single words before it: "Bakers, Millers and Grocers Federation".
                while (
                    lo - 2 >= limit
                    and toks[lo - 1] == ","
                    and _is_name_token(sent, lo - 2)
                    and not _possessive(toks[lo - 2])
                    and not sent.inq[lo - 2]
                    and not (lo - 3 >= 0 and _is_name_token(sent, lo - 3))
                ):
                    lo -= 2
        break
    return lo, j


def _kind_of_noun(noun: str, modifier: str) -> str | None:
    """The kind of body a noun introduces ("the developer X": "company"; "the consumer
    group X": "members"), or None when the noun fits any kind."""
    if noun in _COMPANY_NOUNS:
        return "company"
    if noun in _PUBLIC_BODY_WORDS:
        return "public"
    if noun in _MEMBER_BODY_WORDS or (noun == "group" and modifier in _CAUSE_WORDS):
        return "members"
    return None


def _kind_noun_before(sent: _Sentence, lo: int) -> bool:
    """True when a lower-case noun of a kind of body stands right before the name at
    ``lo``: "the hill charity Vell and Tarn" is one body, whatever its words."""
    return lo > 0 and sent.toks[lo - 1].islower() and sent.lows[lo - 1] in _BODY_KIND_NOUNS


def _name_possessive(sent: _Sentence, k: int, hi: int) -> bool:
    """True when the capitalised possessive at ``k`` is a word of a body's name, right
    after "the" and before name words (up to ``hi``) that hold an organisation word: "the
    Women's Rowing League", not "Osterlund's Rowing League"."""
    if k < 1 or sent.lows[k - 1] != "the" or sent.inq[k] or not _possessive(sent.toks[k]):
        return False
    if not _is_name_token(sent, k):
        return False
    m = k + 1
    while m <= hi and _is_name_token(sent, m) and not _possessive(sent.toks[m]):
        if sent.lows[m] in _ORG_WORDS:
            return True
        m += 1
    return False


def _after_the(sent: _Sentence, k: int) -> bool:
    """True when "the" stands before the name token at ``k``, or before the one name token
    in front of it ("the Dock Pilots' Circle"): a body, not a person's possessive."""
    lows = sent.lows
    if k >= 1 and lows[k - 1] == "the":
        return True
    return k >= 2 and lows[k - 2] == "the" and _is_name_token(sent, k - 1)


def _has_org_word(sent: _Sentence, lo: int, hi: int) -> bool:
    words = sent.lows[lo : hi + 1]
    return not _ORG_WORDS.isdisjoint(words) or (
        _possessive(words[-1]) and _strip_possessive(words[-1]) in _ORG_WORDS
    )


def _name_run_forward(sent: _Sentence, i: int) -> tuple[int, int] | None:
    """The capitalised name starting at token ``i``, at most ``_LONGEST_NAME`` tokens."""
    toks, lows = sent.toks, sent.lows
    n = min(len(toks), i + _LONGEST_NAME)
    if i >= n or not _is_name_token(sent, i):
        return None
    tok = toks[i]
    if tok.endswith(_POSSESSIVES) and not _name_possessive(sent, i, n - 1):
        return i, i
    known = _NAME_TOKENS.__getitem__  # _is_name_token, read inline: the hot loop
    hi = i
    k = i + 1
    while k < n:
        tok = toks[k]
        if known(tok):
            hi = k
            if tok.endswith(_POSSESSIVES):
                break
        elif not (
            (tok == "." and (len(toks[k - 1]) == 1 or lows[k - 1] in _TITLES))
            or (lows[k] in _NAME_CONNECTORS and k + 1 < n and _is_name_token(sent, k + 1))
            # "Office for Rail and Road" is one organisation; "Smith and Jones" are two people.
            or (
                lows[k] == "and"
                and k + 1 < n
                and _is_name_token(sent, k + 1)
                and (
                    _has_org_word(sent, i, k - 1)
                    or _list_to_org(sent, k, n)
                    or _kind_noun_before(sent, i)
                )
            )
            or (tok == "," and hi == k - 1 and _list_to_org(sent, k, n))
            # "the Tenants' Federation": a plural possessive inside a body's name.
            or (
                tok in ("\u2019", "'")
                and hi == k - 1
                and toks[k - 1][-1:] == "s"
                and k + 1 < n
                and _is_name_token(sent, k + 1)
                and (_has_org_word(sent, k + 1, min(n - 1, k + 3)) or _after_the(sent, i))
            )
        ):
            break
        k += 1
    return i, hi


def _list_to_org(sent: _Sentence, k: int, n: int) -> bool:
    """True when the "," or "and" at ``k`` continues a list of single words that ends in
    "and" and a name holding an organisation word: "Roads and Canals Board", "Docks,
    Quays and Canals Board" (``n``: the first token it may not reach)."""
    toks, lows = sent.toks, sent.lows
    m = k
    while m + 1 < n and toks[m] == ",":
        if not _is_name_token(sent, m + 1) or m + 2 >= n:
            return False
        m += 2
    if lows[m] != "and":
        return False
    hi = m
    while hi + 1 < n and not sent.inq[hi + 1]:
        if (
            toks[hi + 1] in ("\u2019", "'")
            and hi > m
            and toks[hi][-1:] == "s"
            and hi + 2 < n
            and _is_name_token(sent, hi + 2)
        ):
            # A plural possessive split from its word: "Tram and Ferry Pilots' Guild".
            hi += 2
            continue
        if not _is_name_token(sent, hi + 1):
            break
        hi += 1
        if toks[hi].endswith(_POSSESSIVES):
            break
    return hi > m and _has_org_word(sent, m + 1, hi)


# Prefixes that make a title of a title: "vice-chair", "ex-minister", "co-founder".
_TITLE_PREFIXES = frozenset(("co", "vice", "ex", "acting", "deputy", "joint", "interim"))


def _is_title(low: str) -> bool:
    """A title word, plain ("minister", "Dr.") or prefixed with a hyphen ("vice-chair")."""
    low = low.rstrip(".")
    if low in _TITLES:
        return True
    prefix, dash, rest = low.partition("-")
    return bool(dash) and prefix in _TITLE_PREFIXES and rest in _TITLES


def _core_name(sent: _Sentence, lo: int, hi: int) -> tuple[int, int, str | None, bool]:
    """Strip leading function words and titles from a name run. Returns the remaining
    token range, the last title word stripped (a role) and whether the run began with
    "The"."""
    lows = sent.lows
    had_the = False
    while lo <= hi and (lows[lo] in _FUNCTION_WORDS and not sent.toks[lo].isupper()):
        had_the = had_the or lows[lo] == "the"
        lo += 1
    role: str | None = None
    if lo < hi and _is_title(lows[lo]) and sent.toks[lo][0].isupper():
        # "Professor Jo Bloggs of Vantry University": the titled person, not the body.
        for m in range(lo + 2, hi):
            if lows[m] == "of":
                if all(
                    sent.toks[x][0].isupper() and not _is_title(lows[x]) for x in range(lo + 1, m)
                ):
                    hi = m - 1
                break
    if lo <= hi and _has_org_word(sent, lo, hi):
        # A title word inside an institution's name ("... General Assembly") is part of it.
        return lo, hi, None, had_the
    for k in range(hi - 1, lo - 1, -1):
        if _is_title(lows[k]):
            role = lows[k]
            lo = k + 1
            break
    while lo <= hi and sent.toks[lo] == ".":
        lo += 1
    if hi > lo and sent.toks[hi] in _POST_NOMINALS:
        hi -= 1  # "Jo Bloggs KC, for the operator,": the barrister, without the letters
    return lo, hi, role, had_the


# Letters after a person's name: a barrister's rank.
_POST_NOMINALS = frozenset(("KC", "QC", "SC"))


def _classify_name(sent: _Sentence, lo: int, hi: int, titled: bool, after_the: bool) -> str:
    if _has_org_word(sent, lo, hi):
        return "organization"
    if not _PLACE_WORDS.isdisjoint(sent.lows[lo : hi + 1]):
        return "place"
    if titled:
        return "person"
    if after_the and sent.toks[lo].isupper() and sent.lows[lo] in _ROLE_NOUNS:
        # "the MP for Vell and Tarn": a role, held by the person it describes, no body.
        return "unknown"
    words = [t for t in sent.toks[lo : hi + 1] if t[0].isalpha()]
    # People's names hold no all-capital words: "ACME", "Acme NZ" are organisations.
    if after_the or any(len(t) > 1 and t.isupper() for t in words):
        return "organization"
    return "person" if len(words) >= 2 else "unknown"


def _body_by_context(sent: _Sentence, lo: int, hi: int, memory: _Discourse) -> str | None:
    """The kind noun when the words around the name at ``lo``..``hi`` make it a body, not
    a person: "the campaign group X" (the noun "group"), "X, which runs" or a
    name that begins with a single-word body or place named earlier ("Tarn Ferries",
    after "the Tarn valley"); "" for the last two, None when nothing does."""
    toks, lows = sent.toks, sent.lows
    n = len(toks)
    if (
        lo >= 2
        and toks[lo - 1].islower()
        and lows[lo - 1] in _BODY_KIND_NOUNS
        and (
            lows[lo - 2] == "the" or (lo >= 3 and lows[lo - 3] == "the" and toks[lo - 2].islower())
        )
    ):
        return lows[lo - 1]
    if (
        lo >= 3
        and toks[lo - 1] == ","
        and lows[lo - 2] in _BODY_KIND_NOUNS
        and lows[lo - 3] == "the"
        and lo - 3 == sent.first
    ):
        # "The operator, Tarn Ferries, said".
        return lows[lo - 2]
    if hi + 2 < n and toks[hi + 1] == "," and lows[hi + 2] == "which" and not sent.inq[hi + 2]:
        return ""
    if hi > lo and memory.org_tokens.get(lows[lo]) == toks[lo]:
        return ""
    return None


def _name_text(sent: _Sentence, lo: int, hi: int) -> str:
    return _strip_possessive(sent.span_text(lo, hi))


def _strip_possessive(word: str) -> str:
    return word[:-2] if word.endswith(_POSSESSIVES) else word


# What a name run is, as a function of its tokens and of whether "the" stands before it:
# (core start, core end, relative to the run; role; name; kind; title words). An
# article names the same few people and bodies again and again; a hostile text names
# one a million times.
_RunFacts = tuple[int, int, str | None, str, str, frozenset[str]]
_RUNS: dict[tuple[str | tuple[str, ...], bool], _RunFacts] = {}


def _run_facts(sent: _Sentence, lo0: int, hi0: int, prev_the: bool) -> _RunFacts:
    toks = sent.toks
    key = (toks[lo0] if lo0 == hi0 else tuple(toks[lo0 : hi0 + 1]), prev_the)
    facts = _RUNS.get(key)
    if facts is not None:
        return facts
    # One name token has no leading function word or title to strip (a capitalised
    # function word is a name token only as an acronym): skip the stripping.
    if lo0 == hi0:
        lo, hi, role, had_the = lo0, hi0, None, False
    else:
        lo, hi, role, had_the = _core_name(sent, lo0, hi0)
    if lo > hi:
        facts = (lo - lo0, hi - lo0, role, "", "", frozenset())
    else:
        titled = lo > lo0 and not had_the
        after_the = had_the or prev_the
        name = _name_text(sent, lo, hi)
        kind = _classify_name(sent, lo, hi, titled, after_the)
        # The words of a title stripped from the name: "Foreign Minister" -> foreign, minister.
        words = frozenset(w.rstrip(".") for w in sent.lows[lo0:lo] if w not in _FUNCTION_WORDS)
        facts = (lo - lo0, hi - lo0, role, name, kind, words)
    if len(_RUNS) > _CACHE_LIMIT:
        _RUNS.clear()
    _RUNS[key] = facts
    return facts


def _role_before(sent: _Sentence, j: int) -> frozenset[str]:
    """The lower-case words (at most three) of a role that ends at token ``j`` in front
    of a name, as "harbour warden" in "Tallow's harbour warden Jo Bloggs"."""
    words = {sent.lows[j]}
    k = j - 1
    while k >= 0 and j - k < 3:
        tok = sent.toks[k]
        if not (tok.isalpha() and tok.islower()) or sent.lows[k] in _FUNCTION_WORDS:
            break
        words.add(sent.lows[k])
        k -= 1
    return frozenset(words)


def _role_in_apposition(sent: _Sentence, lo: int, hi: int) -> tuple[str | None, frozenset[str]]:
    """The role of a name given in an apposition beside it: "Jo Bloggs, the trade
    minister of Ruritania," or "The leader of the party, Jo Bloggs," (the role noun and
    the lower-case words in front of it)."""
    toks, lows = sent.toks, sent.lows
    n = len(toks)
    start = -1
    if hi + 2 < n and toks[hi + 1] == ",":
        if lows[hi + 2] in _DETERMINERS:
            start = hi + 3
        elif lows[hi + 2] == "who" and lows[hi + 3 : hi + 4] in (["became"], ["is"], ["was"]):
            # "X, who became the board's chair last spring,": the role too.
            start = hi + 4 + (lows[hi + 4 : hi + 5] != [] and lows[hi + 4] in _DETERMINERS)
        else:
            # "Jo Bloggs, Vell Rail's chief executive,": a body's possessive before the role.
            for m in range(hi + 2, min(n, hi + 6)):
                if not _is_name_token(sent, m) or sent.inq[m]:
                    break
                if _possessive(toks[m]):
                    start = m + 1
                    break
    if start > 0:
        for m in range(start, min(n, start + 4)):
            tok = toks[m]
            if m == start and _possessive(tok) and tok[:-2].isalpha() and tok.islower():
                continue  # "Jo Bloggs, the agency's executive director,"
            # A role is lower case, or an acronym of one: "the MP for Vell".
            acronym = tok.isupper() and lows[m] in _ROLE_NOUNS
            if not (tok.isalpha() and (tok.islower() or acronym)) or lows[m] in _FUNCTION_WORDS:
                break
            if lows[m] in _ROLE_NOUNS:
                if m + 1 < n and lows[m + 1] in _ROLE_NOUNS and toks[m + 1].islower():
                    m += 1  # "chief executive": the role is the last noun
                return lows[m], frozenset(lows[start : m + 1])
    if lo >= 3 and toks[lo - 1] == ",":
        # "The leader of the party, X", "The rail minister, X", "The city's chief
        # engineer, X", "The head of the Dockers' Union, X": the role noun, the
        # lower-case words before it and the words of the body it is "of".
        of_words: list[str] = []
        for m in range(lo - 2, max(-1, lo - 13), -1):
            tok = toks[m]
            if tok == "," or sent.inq[m]:
                break
            if lows[m] == "of" and m > 0 and lows[m - 1] in _ROLE_NOUNS:
                of_words = [w for w in lows[m + 1 : lo - 1] if w.isalpha()]
                continue
            if lows[m] not in _ROLE_NOUNS or not (of_words or m == lo - 2):
                continue
            words = {lows[m], *of_words}
            k = m - 1
            while k >= 0 and m - k <= 5:
                if lows[k] == "and" and k > 0 and toks[k - 1].islower():
                    # "the parks and gardens commissioner, X".
                    k -= 1
                    continue
                if _possessive(toks[k]):
                    # "The union's general secretary, X": later "the union leader".
                    words.add(_strip_possessive(lows[k]))
                if lows[k] in _DETERMINERS or _possessive(toks[k]):
                    return lows[m], frozenset(words)
                if not (toks[k].isalpha() and toks[k].islower()) or lows[k] in _FUNCTION_WORDS:
                    break
                words.add(lows[k])
                k -= 1
            break
    return None, frozenset()


def _record_mentions(
    sent: _Sentence, memory: _Discourse, skip: tuple[int, int] | None
) -> tuple[int, bool]:
    """Register the names in the sentence; return the number of named-entity runs outside
    the attribution span and whether any named actor is present."""
    toks, lows = sent.toks, sent.lows
    runs = 0
    actor = False
    after = -1
    # Only name tokens can start a name: one C-level pass picks them out.
    for i in compress(count(), map(_NAME_TOKENS.__getitem__, toks)):
        if i <= after:
            continue
        run = _name_run_forward(sent, i)
        if run is None:
            continue
        memory.name_runs += 1
        if memory.name_runs > MAX_NAME_RUNS:
            raise TooManyNames(f"the text names more than {MAX_NAME_RUNS:,} people or bodies")
        lo0, hi0 = run
        after = hi0
        prev_the = lo0 > 0 and lows[lo0 - 1] == "the"
        lo_off, hi_off, role, name, kind, title_words = _run_facts(sent, lo0, hi0, prev_the)
        if lo_off > hi_off:
            continue
        lo, hi = lo0 + lo_off, lo0 + hi_off
        # The subject of the sentence, "the" or not: "The Bank of X raised its rate".
        at_start = lo0 == sent.first or (prev_the and lo0 - 1 == sent.first)
        known: tuple[str, str] | None = None
        if lo == hi and kind in ("unknown", "person"):
            known = memory.resolve_single(name)
        if known:
            name, kind = known[0], "person" if known[1] == "person" else "organization"
        elif kind in ("person", "unknown") and not title_words:
            noun = _body_by_context(sent, lo, hi, memory)
            if noun is not None:
                kind = "organization"
                if noun and len(memory.anaphora) < 64:
                    # "the campaign group X ... According to the group": X.
                    memory.anaphora[noun] = name
                    kind_of = _kind_of_noun(noun, lows[lo - 2] if lo >= 2 else "")
                    if kind_of and len(memory.org_kinds) < 256:
                        memory.org_kinds[name] = kind_of
        outside_span = skip is None or not (skip[0] <= lo0 and hi0 <= skip[1])
        named = not at_start or known or hi > lo or kind in ("organization", "person")
        if outside_span and named:
            runs += 1
        if kind == "person":
            words: frozenset[str] = frozenset()
            if role is None and lo0 > 0 and lows[lo0 - 1] in _ROLE_NOUNS:
                role = lows[lo0 - 1]
                words = _role_before(sent, lo0 - 1)
            elif role is not None:
                words = title_words
                if role.rstrip(".") in _HONORIFIC_GENDER or role.rstrip(".") in ("dr", "prof"):
                    # "Dr Jo Bloggs, the trust's chief executive,": the role, not the title.
                    found, found_words = _role_in_apposition(sent, lo0, hi0)
                    if found:
                        role, words = found, found_words
            else:
                role, words = _role_in_apposition(sent, lo0, hi0)
            gender = _HONORIFIC_GENDER.get(lows[lo0].rstrip("."))
            memory.add_person(name, role.rstrip(".") if role else None, gender, words)
            actor = True
        elif kind == "organization":
            memory.add_org(name, salient=at_start)
            actor = True
            if (
                hi0 + 3 < len(toks)
                and toks[hi0 + 1] == "("
                and toks[hi0 + 3] == ")"
                and len(toks[hi0 + 2]) > 1
                and toks[hi0 + 2].isupper()
                and len(memory.org_tokens) < _CACHE_LIMIT
            ):
                # "the Tarn Rail Agency (TRA)": the acronym names the body from now on.
                memory.org_tokens[toks[hi0 + 2].lower()] = name
        elif kind == "unknown" and not at_start:
            actor = True
    return runs, actor
