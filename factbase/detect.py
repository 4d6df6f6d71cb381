"""Transparent, offline, rule-based claim detection.

An article body is split into sentences; each sentence gets a check-worthiness score from
a small table of weighted language features (``FEATURE_WEIGHTS``), a claim kind, and a
claimant: the speaker of a direct quote or of reported speech, or ``None`` when the outlet
states the thing itself. Every rule is about how English news copy is written (speech
verbs, title words, name shapes), never about a particular story, so the detector can be
judged on articles it has never seen.

Pure Python with no Django import: the ingest service and batch tools call it directly.
"""

from __future__ import annotations

import dataclasses
import math
import re
import string
from dataclasses import dataclass

DETECTOR_NAME = "rules"
DETECTOR_VERSION = "1"
DETECTOR = f"{DETECTOR_NAME}/{DETECTOR_VERSION}"
THRESHOLD = 0.5

CLAIM_KINDS = (
    "quantity",
    "event",
    "quote",
    "prediction",
    "causation",
    "rule",
    "personal_experience",
    "other",
)

# Check-worthiness is a logistic over these weights: the score of a sentence is
# 1 / (1 + exp(-(BIAS + sum of the weights of the features that fired))).
BIAS = -1.4
FEATURE_WEIGHTS: dict[str, float] = {
    # Concrete anchors that make a statement checkable.
    "number": 1.6,
    "numbers": 0.3,
    "percent": 0.5,
    "money": 0.5,
    "date": 1.0,
    "time_ref": 0.5,
    "time_of_day": 0.2,
    "named_entity": 1.0,
    "named_entities": 0.5,
    "title": 0.3,
    # Someone is on record: paraphrased speech is usually a claim, a bare quote often colour.
    "reported_speech": 1.2,
    "attributed_quote": 0.5,
    "direct_quote": 0.3,
    "partial_quote": 0.2,
    # Claim-shaped language.
    "comparative": 0.5,
    "change": 0.6,
    "causal": 0.6,
    "modal": 0.2,
    "rule": 0.6,
    "past_tense": 0.5,
    # Signals against.
    "first_person": -0.4,
    "opinion": -1.2,
    "scene": -0.8,
    "aim": -2.0,
    "advice": -1.5,
    "question": -3.0,
    "short": -0.8,
    "fragment": -2.5,
    "heading": -4.0,
}

# Kinds are tried in this order; the first that applies wins. Form (a direct quotation)
# beats content, and the more specific content kinds beat the generic ones.
_KIND_ORDER = (
    ("quote", "direct_quote"),
    ("rule", "rule"),
    ("personal_experience", "first_person_narrative"),
    ("quantity", "number"),
    ("causation", "causal"),
    ("prediction", "modal"),
    ("event", "past_event"),
)


@dataclass(frozen=True, slots=True)
class Candidate:
    """One sentence as a possible claim. ``text == article[start:end]``; ``score`` is the
    check-worthiness (0..1); ``claimant`` is the speaker's fullest name as written, or None
    for the outlet's own statement; ``features`` names the weights that fired."""

    start: int
    end: int
    text: str
    score: float
    kind: str
    claimant: str | None
    claimant_kind: str | None
    features: tuple[str, ...]


# --------------------------------------------------------------------------------------
# Word lists. All lower case.


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _pairs(text: str) -> frozenset[tuple[str, str]]:
    """Two-word cues, comma separated: "due to, led to"."""
    return frozenset((a, b) for a, b in (pair.split() for pair in text.split(",")))


_MONTHS = _words(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
)
_WEEKDAYS = _words(
    "monday tuesday wednesday thursday friday saturday sunday "
    "mondays tuesdays wednesdays thursdays fridays saturdays sundays"
)
_TIME_WORDS = _words("yesterday today tomorrow tonight overnight weekend")
_TIME_UNITS = _words(
    "week month year decade season quarter summer winter spring autumn fall weekend century"
)
_FUNCTION_WORDS = _words(
    "the a an and or but nor if in on at to of for from by with without as after before while "
    "when whenever where whereas although though because since until during despite among amid "
    "amongst under over above below into onto through across between outside inside near "
    "against about around beyond this that these those there here it its he she they we i you "
    "his her their our my your him them us me what which who whom whose why how all some any "
    "each every both no not many much more most few several such other another one however "
    "meanwhile moreover furthermore also still yet so then now only even just already last "
    "next earlier later instead overall indeed is are was were be been being has have had do "
    "does did will would could should can may might must shall according once unlike like "
    "perhaps please yes"
)
_SENTENCE_STARTERS = _words(
    "the a an he she it they we i but and in on at this that these those his her its their our "
    "there however meanwhile after before while when if as so yet for what who why how some "
    "many most one no yes mr mrs ms dr"
)
# Abbreviations that never end a sentence, ones that may, and dotted forms handled apart.
_ABBREV_NEVER = _words(
    "mr mrs ms mx dr prof sen rep gov gen col lt sgt capt cmdr adm rev hon st mt fr messrs "
    "vs v e.g i.e cf approx ca esp fig figs vol pp op al"
)
_ABBREV_MAYBE = _words("inc ltd co corp plc llc jr sr etc bros dept univ ave rd blvd no nos est")

_TITLES = _words(
    "president vice-president president-elect minister prime deputy secretary secretary-general "
    "chancellor governor mayor senator congressman congresswoman representative councillor "
    "councilor councilman councilwoman alderman commissioner ambassador chief chairman "
    "chairwoman chair chairperson director king queen prince princess pope judge justice "
    "general colonel captain lieutenant sergeant admiral commander inspector detective "
    "superintendent coach manager professor doctor mr mrs ms miss mx dr prof sir dame lord lady "
    "rev reverend bishop archbishop rabbi imam sheikh speaker leader spokesman spokeswoman "
    "spokesperson attorney ceo cfo coo premier sheriff prosecutor treasurer dean founder "
    "striker midfielder defender goalkeeper substitute executive sen gov gen col lt sgt capt "
    "cmdr adm"
)
_HONORIFIC_GENDER = dict.fromkeys(_words("mr sir lord"), "m") | dict.fromkeys(
    _words("mrs ms miss dame lady"), "f"
)
_ROLE_NOUNS = _words(
    "mayor minister president governor senator coach manager chairman chairwoman chair "
    "director executive boss leader captain striker player analyst councillor councilor "
    "secretary chancellor judge officer doctor teacher economist researcher author founder "
    "owner chief premier prosecutor lawyer attorney inspector professor commissioner "
    "ambassador head spokesman spokeswoman spokesperson"
)
_SPOKES_NOUNS = _words("spokesperson spokesman spokeswoman representative")
# Capitalised words that mark a name as an organisation or a place rather than a person.
_ORG_WORDS = _words(
    "council union agency association league hospital university college school institute "
    "ministry department office commission committee court party bank corporation corp inc "
    "ltd llc plc co company group holdings foods motors airlines airways partners capital "
    "securities energy systems technologies pharmaceuticals insurance media rail railways "
    "telecom industries resources logistics stores foundation trust fund society federation "
    "organisation organization authority board service services police army navy force "
    "forces government parliament congress senate assembly cabinet administration presidency "
    "treasury bureau centre center network club fc united city town rovers athletic wanderers "
    "albion rangers news times post press tv radio nations alliance coalition movement "
    "campaign chamber exchange reserve states kingdom republic emirates institution ag gmbh "
    "nv bv spa llp lp pty"
)
_PLACE_WORDS = _words(
    "street road avenue lane square park bridge river sea ocean lake mountain mountains island "
    "islands valley bay gulf coast strait canal stadium arena hall airport station province "
    "region district heights hill hills beach forest desert peninsula harbour harbor port"
)
# Nouns that can head a speaker phrase ("officials said", "the company said").
_GROUP_NOUNS = _words(
    "officials official authorities government ministry department presidency police council "
    "committee agency company firm group club team union bank board league association "
    "organisation organization hospital court office administration campaign party sources "
    "source analysts economists experts researchers scientists doctors critics residents "
    "campaigners activists organisers organizers diplomats lawyers prosecutors investigators "
    "officers regulators regulator investors leaders ministers lawmakers legislators members "
    "staff workers employees unions retailer lender insurer airline carmaker operator charity "
    "institute university school embassy military army navy executives spokesperson spokesman "
    "spokeswoman representative representatives commission authority trust"
)
# Speaker nouns that stand for an organisation: "the company said" means the last company.
_ORG_ANAPHORA = _words(
    "company firm group club team agency ministry department council government union bank "
    "league association organisation organization hospital court board committee authority "
    "charity retailer lender insurer airline carmaker operator regulator party commission "
    "trust institute university school administration presidency"
)
_DOC_NOUNS = _words(
    "report study survey poll data figures statistics statement analysis estimates research "
    "review audit document documents filing letter paper records census index forecast "
    "assessment investigation inquiry findings results"
)
_SOURCE_NOUNS = _GROUP_NOUNS | _DOC_NOUNS
_DETERMINERS = _words("the a an")
# Adjectives that describe a source without naming it: "a new study" is the study.
_PASSING_ADJECTIVES = _words("new recent latest separate fresh previous earlier")
_PRONOUNS = _words("he she they it")

_SPEECH_VERBS = _words(
    "say says said tell tells told announce announces announced add adds added emphasise "
    "emphasises emphasised emphasize emphasizes emphasized stress stresses stressed note notes "
    "noted claim claims claimed insist insists insisted argue argues argued explain explains "
    "explained warn warns warned stated declare declares declared write writes wrote ask asks "
    "asked reply replies replied confirm confirms confirmed admit admits admitted acknowledge "
    "acknowledges acknowledged reveal reveals revealed report reports reported suggest "
    "suggests suggested predict predicts predicted allege alleges alleged recall recalls "
    "recalled testify testifies testified tweeted deny denies denied disclose discloses "
    "disclosed concede concedes conceded complain complains complained urge urges urged "
    "caution cautions cautioned remark remarks remarked respond responds responded blame "
    "blames blamed accuse accuses accused dispute disputes disputed contend contends contended "
    "assert asserts asserted reiterate reiterates reiterated maintain maintains maintained "
    "reject rejects rejected"
)
# Verbs that introduce findings only when followed by "that" or a number.
_FINDING_VERBS = _words("found find finds show shows showed shown concluded concludes estimated")
# Verbs that can come before their speaker: ",' said the mayor." (after a closing quote).
_INVERTIBLE_VERBS = _words(
    "said says added adds asked wrote explained warned noted replied insisted argued "
    "continued stressed"
)
_SPEECH_PARTICIPLES = _words(
    "saying adding arguing insisting noting warning claiming stressing emphasising "
    "emphasizing explaining telling stating arguing"
)
# Words that may stand between a speaker and the speech verb: "X has also said".
_ATTRIBUTION_FILLERS = _words(
    "has have had also later previously earlier then further again repeatedly recently "
    "reportedly once separately subsequently already publicly privately"
)
_PASSIVE_AUX = _words("was were been being be is are")
# "the level X says is needed": a speech verb followed at once by a finite verb heads a
# relative clause, not an attribution of the sentence.
_FINITE_AFTER = _words("is are was were will would could can should may might has have had")
_ATTRIBUTION_CUES = _SPEECH_VERBS | _FINDING_VERBS | _SPEECH_PARTICIPLES | {"according"}
_NAME_CONNECTORS = _words("of for de del da di van von der den la le du al bin ibn &")

_NUMBER_WORDS = _words(
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred thousand million billion trillion dozen dozens hundreds thousands millions "
    "billions twice double triple quadruple"
)
_SCALE_WORDS = _words("thousand million billion trillion bn m k")
_CURRENCY_WORDS = _words(
    "euro euros dollar dollars pound pounds sterling yen yuan rupee rupees pence cents francs "
    "rand pesos"
)
_COMPARATIVES = _words(
    "more less fewer higher lower larger smaller bigger greater better worse biggest largest "
    "smallest highest lowest greatest best worst most least fastest slowest steepest strongest "
    "weakest longest shortest oldest youngest richest poorest record than above below farther "
    "further"
)
_CHANGE_WORDS = _words(
    "rose risen rise rises rising fell fallen falls falling increased increase increases "
    "decreased decrease decreases grew grown growth dropped drop declined decline jumped surged "
    "doubled halved tripled climbed slumped plunged soared slipped tumbled eased cut cuts "
    "raised lowered boosted gained shrank expanded contracted widened narrowed"
)
_CAUSAL_WORDS = _words("because caused causes blamed triggered fuelled fueled therefore hence")
_CAUSAL_PAIRS = _pairs(
    "due to, led to, leads to, lead to, owing to, thanks to, result of, resulted in, driven by, "
    "linked to, attributed to, contributed to"
)
_MODALS = _words(
    "will would could may might expects expected expect forecast forecasts predicted predicts "
    "likely projected anticipates plans"
)
_RULE_WORDS = _words(
    "must banned ban bans illegal unlawful prohibited prohibits mandatory compulsory law laws "
    "regulation regulations legislation statute ordinance bylaw bylaws requires permitted "
    "licence license"
)
_RULE_PAIRS = _pairs("takes effect, take effect, took effect, into force, required to, not allowed")
_IRREGULAR_PAST = _words(
    "was were had did won lost met made took gave went came left held began begun spoke sold "
    "paid built brought bought sent spent led beat drew kept struck chose broke wrote became "
    "found saw got ran sat stood shot threw thrown swept fought taught caught meant felt heard "
    "knew known shown seen taken given done gone become written spoken driven chosen broken "
    "drawn flew flown hid laid sank sunk rang wore worn tore torn froze frozen forgot withdrew "
    "oversaw upheld said told rose fell grew"
)
_ED_NOT_PAST = _words(
    "need needed indeed hundred red bed speed seed feed greed united shed bleed breed creed "
    "sacred naked wicked"
)
_FIRST_PERSON = _words("i me my we our us mine ours myself ourselves")
_OPINION_WORDS = _words(
    "remarkable proud delighted disappointed disappointing thrilled happy unhappy great "
    "fantastic amazing wonderful terrible awful incredible incredibly brilliant excellent "
    "outstanding shameful disgraceful ridiculous love loved hate unimpressed unsure seem seems "
    "arguably surely obviously sadly frankly"
)
_OPINION_PAIRS = _pairs(
    "i think, we think, i believe, we believe, my view, my opinion, hard to, i feel, we feel"
)
# Atmosphere (weather, light, stillness) marks scene-setting, not a claim.
_SCENE_WORDS = _words(
    "rain rained raining drizzle snow snowing fog mist misty wind windswept sunshine sunlight "
    "sunset sunrise dusk dawn cold chilly grey gray gloomy dark darkness quiet silent silence "
    "motionless still streetlights floodlights skies sky"
)
_AIM_VERBS = _words(
    "aim aims aiming hope hopes hoping seek seeks seeking want wants intend intends wish "
    "wishes strive strives aspire aspires"
)
_ADVICE_WORDS = _words("should ought urge urges urged")

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
_TOKEN_BITS: dict[str, int] = {}

_TERMINAL = ".!?\u2026"
_CLOSERS = _RDQ + _RSQ + "\"')]"
_OPENERS = _LDQ + _LSQ + "\"'(["
_UNIT_CHARS = string.ascii_letters + "%"
_NO_SPACE_BEFORE = frozenset({".", ",", _RSQ, "'"})
_CLOSING_MARKS = (_RDQ, _RSQ, '"', "'")
_POSSESSIVES = (_RSQ + "s", "'s")

# --------------------------------------------------------------------------------------
# Regular expressions, compiled once.

_LINE_RE = re.compile(r"[^\n]+")
# Possessive runs behind a guard: a run of terminals is scanned once, from its first
# character, so a megabyte of "...." is linear instead of quadratic.
_BOUNDARY_RE = re.compile(r"(?<![.!?\u2026])[.!?\u2026]++[\u201d\u2019\"')\]]*+(?=\s)")
_OPENERS_RE = re.compile("[\u201c\u2018\"'(\\[]*+")
_QUOTE_RE = re.compile("[\u201c\u201d\u2018\u2019\"']")
_SPEAKER_TAIL_RE = re.compile(
    r"([A-Z][\w\u2019'.-]*+)(?:\s++[A-Z][\w\u2019'.-]*+){0,3}\s++"
    r"(?:said|says|asked|asks|added|told|replied|wrote|explained|insisted|warned|shouted|"
    r"exclaimed|continued|noted|argued)\b"
)
_WORD_RE = re.compile(r"[^\W\d_]+")
_DOTTED_RE = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_TOKEN_RE = re.compile(
    r"[A-Za-z]\.(?:[A-Za-z]\.)+"  # U.S., e.g.
    r"|[£$€¥]?\d+(?:[.,]\d+)*[%\w]*(?:-\w+)*"  # 3.5%, $2.16bn, 11,402, 19th, 3-2, 45-year-old
    r"|\w+(?:[\u2019'\-]\w+)*"  # words, with inner apostrophes and hyphens
    r"|\S"
)
_HEADING_MARK_RE = re.compile(r"#++\s*+|[-*•]\s++")

# Bounds that keep every parse local, so no input makes the work grow faster than its
# length: the characters before a full stop that can hold an abbreviation, the tokens of
# one name, and the tokens between a speaker and its verb.
_LONGEST_ABBREVIATION = 24
_LONGEST_NAME = 12
_LONGEST_APPOSITION = 40


# --------------------------------------------------------------------------------------
# Sentence splitting.


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


def _ends_sentence(block: str, dot: int, nxt: int) -> bool:
    """May the full stop at ``dot`` end a sentence, given that the next one starts at
    ``nxt``? Decides abbreviations, initials and dotted acronyms."""
    lo = max(0, dot - _LONGEST_ABBREVIATION)
    window = block[lo:dot]
    pieces = window.split()
    if not pieces or window[-1].isspace():
        word = ""
    elif len(pieces) == 1 and lo > 0 and not window[0].isspace():
        return True  # a word longer than any abbreviation
    else:
        word = pieces[-1].lstrip(_OPENERS)
    low = word.lower()
    next_char = block[nxt]
    if low in _ABBREV_NEVER:
        return False
    if next_char.isdigit() and (low in _MONTHS or low in ("no", "nos")):
        return False
    if low in _ABBREV_MAYBE or _DOTTED_RE.fullmatch(word) or (len(word) == 1 and word.isupper()):
        openers = _OPENERS_RE.match(block, nxt)
        after = openers.end() if openers else nxt
        m = _WORD_RE.match(block, after, after + _LONGEST_ABBREVIATION)
        return m is not None and m.group().lower() in _SENTENCE_STARTERS
    return True


def _quote_tail(block: str, nxt: int) -> bool:
    """Does a speaker tag follow the closing quote ("...?" Smith asked.)? Then the
    quote's own full stop or question mark does not end the sentence."""
    m = _SPEAKER_TAIL_RE.match(block, nxt)
    return m is not None and m.group(1).lower() not in _SENTENCE_STARTERS


def _split_block(text: str, start: int, end: int) -> list[tuple[int, int]]:
    block = text[start:end]
    spans: list[tuple[int, int]] = []
    sent_start = 0
    for m in _BOUNDARY_RE.finditer(block):
        nxt = m.end()
        while nxt < len(block) and block[nxt].isspace():
            nxt += 1
        if nxt >= len(block):
            break
        char = block[nxt]
        if not (char.isupper() or char.isdigit() or char in _OPENERS):
            continue
        if m.group()[-1] in _CLOSERS and _quote_tail(block, nxt):
            continue
        single_stop = m.group() == "." or (m.group()[0] == "." and m.group()[1] in _CLOSERS)
        if single_stop and not _ends_sentence(block, m.start(), nxt):
            continue
        spans.append((start + sent_start, start + m.end()))
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
    return out


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text`` as (start, end) offsets, whitespace-trimmed. Quotes,
    abbreviations and decimals do not end a sentence; line breaks and headings do."""
    return [(s, e) for s, e, _, _ in _segments(text)]


# --------------------------------------------------------------------------------------
# Discourse memory: who has been mentioned so far, for pronouns, surnames and anaphora.


class _Discourse:
    __slots__ = (
        "forenames",
        "gender",
        "last_group",
        "org_tokens",
        "orgs",
        "persons",
        "roles",
        "salient_orgs",
        "surnames",
    )

    def __init__(self) -> None:
        self.persons: list[str] = []
        self.orgs: list[str] = []
        self.salient_orgs: list[str] = []
        self.surnames: dict[str, str] = {}
        self.forenames: dict[str, str] = {}
        self.org_tokens: dict[str, str] = {}
        self.roles: dict[str, str] = {}
        self.gender: dict[str, str] = {}
        self.last_group: str | None = None

    def add_person(self, name: str, role: str | None = None, gender: str | None = None) -> None:
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
            self.roles[role] = name
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

    def resolve_single(self, word: str) -> tuple[str, str] | None:
        key = word.lower()
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


# --------------------------------------------------------------------------------------
# Per-sentence analysis.


class _Sentence:
    """Tokens of one sentence with their quote state, in parallel lists."""

    __slots__ = ("_starts", "first", "inq", "lows", "text", "toks")

    def __init__(self, text: str) -> None:
        self.text = text
        self.toks: list[str] = _TOKEN_RE.findall(text)
        self.lows = [t.lower() for t in self.toks]
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
            pos = 0
            find = self.text.find
            for tok in self.toks:
                pos = find(tok, pos)
                starts.append(pos)
                pos += len(tok)
        return starts[i]

    def span_text(self, lo: int, hi: int) -> str:
        """Tokens ``lo..hi`` as written, with runs of whitespace (a wrapped line) as one
        space. Only a few tokens long, so joining beats locating offsets."""
        out = self.toks[lo]
        for tok in self.toks[lo + 1 : hi + 1]:
            out += tok if tok in _NO_SPACE_BEFORE else " " + tok
        return out


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
    for i, tok in enumerate(toks):
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
        elif tok[0].isalnum():
            if double or single:
                words_inside += 1
            else:
                words_outside += 1
    if double or single:
        if open_at == 0 or words_inside >= 4:
            direct = True
        else:
            partial = True
    quote_only = (direct or started_inside) and words_outside == 0
    return double, single, direct, partial, quote_only, started_inside


def _is_name_token(sent: _Sentence, i: int) -> bool:
    tok = sent.toks[i]
    if not tok[0].isupper() or not tok[0].isalpha():
        return False
    low = sent.lows[i]
    if low in _MONTHS or low in _WEEKDAYS or tok == "I":
        return False
    if low in _FUNCTION_WORDS:
        # Capitalised function words start sentences and quotes; an acronym is not one.
        return tok.isupper() and len(tok) > 1
    return True


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
        if sent.lows[k] in _NAME_CONNECTORS and k > limit and _is_name_token(sent, k - 1):
            k -= 1
            continue
        if sent.lows[k] == "and" and k > limit and _is_name_token(sent, k - 1):
            # Within the same bound, so the recursion is at most _LONGEST_NAME / 2 deep.
            left = _name_run_back(sent, k - 1, limit)
            if left and _has_org_word(sent, left[0], j):
                lo = left[0]
        break
    return lo, j


def _has_org_word(sent: _Sentence, lo: int, hi: int) -> bool:
    words = sent.lows[lo : hi + 1]
    return not _ORG_WORDS.isdisjoint(words) or (
        _possessive(words[-1]) and _strip_possessive(words[-1]) in _ORG_WORDS
    )


def _name_run_forward(sent: _Sentence, i: int) -> tuple[int, int] | None:
    """The capitalised name starting at token ``i``, at most ``_LONGEST_NAME`` tokens."""
    n = min(len(sent.toks), i + _LONGEST_NAME)
    if i >= n or not _is_name_token(sent, i):
        return None
    hi = i
    k = i
    while k < n:
        tok = sent.toks[k]
        if _is_name_token(sent, k):
            hi = k
            if _possessive(tok):
                break
        elif not (
            (tok == "." and (len(sent.toks[k - 1]) == 1 or sent.lows[k - 1] in _TITLES))
            or (sent.lows[k] in _NAME_CONNECTORS and k + 1 < n and _is_name_token(sent, k + 1))
            # "Office for Rail and Road" is one organisation; "Carr and Nowak" are two people.
            or (
                sent.lows[k] == "and"
                and k + 1 < n
                and _is_name_token(sent, k + 1)
                and _has_org_word(sent, i, k - 1)
            )
        ):
            break
        k += 1
    return i, hi


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
    if lo <= hi and _has_org_word(sent, lo, hi):
        # A title word inside an institution's name ("... general hospital") is part of it.
        return lo, hi, None, had_the
    for k in range(hi - 1, lo - 1, -1):
        if lows[k].rstrip(".") in _TITLES:
            role = lows[k]
            lo = k + 1
            break
    while lo <= hi and sent.toks[lo] == ".":
        lo += 1
    return lo, hi, role, had_the


def _classify_name(sent: _Sentence, lo: int, hi: int, titled: bool, after_the: bool) -> str:
    if _has_org_word(sent, lo, hi):
        return "organization"
    if not _PLACE_WORDS.isdisjoint(sent.lows[lo : hi + 1]):
        return "place"
    if titled:
        return "person"
    words = [t for t in sent.toks[lo : hi + 1] if t[0].isalpha()]
    # People's names hold no all-capital words: "ACME", "Acme NZ" are organisations.
    if after_the or any(len(t) > 1 and t.isupper() for t in words):
        return "organization"
    return "person" if len(words) >= 2 else "unknown"


def _name_text(sent: _Sentence, lo: int, hi: int) -> str:
    return _strip_possessive(sent.span_text(lo, hi))


def _strip_possessive(word: str) -> str:
    return word[:-2] if word.endswith(_POSSESSIVES) else word


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
    "senior officials", "the company", "a spokesperson for the hospital"."""
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
        return _Ref("name", run[0], run[1])
    return _group_back(sent, j)


def _np_forward(sent: _Sentence, i: int, depth: int = 0) -> _Ref | None:
    """Parse a speaker phrase that starts at token ``i`` ("said Dr. Jo Bloggs",
    "according to figures published by the National Statistics Office")."""
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


def _description_start(sent: _Sentence, lo: int) -> int:
    """Widen a speaker span over a role in front of the name: "Finance minister", "club
    captain", "Chief executive"."""
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
            ref = _np_forward(sent, i + 2)
            if ref:
                return ref, i, ref.hi
            continue
        is_speech = low in _SPEECH_VERBS
        if not is_speech and low in _FINDING_VERBS:
            # "found that ...", "found 40% ...", or a tag: ", a study has found(,|.)"
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
    # "X disputed that, saying ...": the speaker is the subject of the sentence.
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
        elif head in _ROLE_NOUNS and head in memory.roles:
            return memory.roles[head], "person"
    text = sent.span_text(ref.lo, ref.hi)
    if head in _DOC_NOUNS:
        return text, "other"
    if head in _ROLE_NOUNS and head not in _GROUP_NOUNS:
        return text, "person"
    return text, "organization"


def _record_mentions(
    sent: _Sentence, memory: _Discourse, skip: tuple[int, int] | None
) -> tuple[int, bool]:
    """Register the names in the sentence; return the number of named-entity runs outside
    the attribution span and whether any named actor is present."""
    toks, lows = sent.toks, sent.lows
    runs = 0
    actor = False
    after = -1
    for i in [k for k, tok in enumerate(toks) if tok[0].isupper()]:
        if i <= after:
            continue
        run = _name_run_forward(sent, i)
        if run is None:
            continue
        lo0, hi0 = run
        after = hi0
        lo, hi, role, had_the = _core_name(sent, lo0, hi0)
        if lo > hi:
            continue
        titled = lo > lo0 and not had_the
        after_the = had_the or (lo0 > 0 and lows[lo0 - 1] == "the")
        at_start = lo0 == sent.first
        name = _name_text(sent, lo, hi)
        kind = _classify_name(sent, lo, hi, titled, after_the)
        known: tuple[str, str] | None = None
        if lo == hi and kind in ("unknown", "person"):
            known = memory.resolve_single(name)
        if known:
            name, kind = known[0], "person" if known[1] == "person" else "organization"
        outside_span = skip is None or not (skip[0] <= lo0 and hi0 <= skip[1])
        named = not at_start or known or hi > lo or kind in ("organization", "person")
        if outside_span and named:
            runs += 1
        if kind == "person":
            if role is None and lo0 > 0 and lows[lo0 - 1] in _ROLE_NOUNS:
                role = lows[lo0 - 1]
            gender = _HONORIFIC_GENDER.get(lows[lo0].rstrip("."))
            memory.add_person(name, role.rstrip(".") if role else None, gender)
            actor = True
        elif kind == "organization":
            memory.add_org(name, salient=at_start)
            actor = True
        elif kind == "unknown" and not at_start:
            actor = True
    return runs, actor


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


def _token_bits(tok: str) -> int:
    """Lexicon bits of one token (see ``_LEXICON``), plus _WORD or _NUMERIC. Words are
    memoised: news vocabulary is small next to the number of tokens."""
    c = tok[0]
    if c.isdigit() or (c in "£$€¥" and len(tok) > 1):
        return _NUMERIC
    if not c.isalpha():
        return 0
    low = tok.lower()
    get = _LEXICON.get
    bits = get(low, 0) | _WORD
    if "-" in low:
        parts = low.split("-")
        bits |= (get(parts[0], 0) & _NUMBER_WORD) | (get(parts[-1], 0) & _COMPARATIVE)
    if c.islower() and low.endswith("ed") and len(low) > 4 and not bits & _NOT_PAST:
        bits |= _PAST
    if len(_TOKEN_BITS) > 200_000:
        _TOKEN_BITS.clear()
    _TOKEN_BITS[tok] = bits
    return bits


def _features(sent: _Sentence, skip: tuple[int, int] | None) -> tuple[set[str], bool, bool, int]:
    """Content features of the sentence. Returns the feature set, whether first person
    appears outside quotes, whether the sentence is a fragment and its word count."""
    found: set[str] = set()
    toks, lows = sent.toks, sent.lows
    n = len(toks)
    lo_skip, hi_skip = skip if skip else (n, -1)
    quantities = 0
    first_person_outside = False
    words = 0
    cached = _TOKEN_BITS.get
    for i, tok in enumerate(toks):
        bits = cached(tok)
        if bits is None:
            bits = _token_bits(tok)
        if bits & _WORD:
            words += 1
            if bits == _WORD:
                continue
        elif bits & _NUMERIC:
            words += 1
            if _number_features(sent, i, found):
                quantities += 1
            continue
        else:
            continue
        low = lows[i]
        c = tok[0]
        in_span = lo_skip <= i <= hi_skip
        if bits & _NUMBER_WORD:
            quantities += 1
        if bits & _HALF and i + 1 < n and lows[i + 1] in ("of", "a", "an", "the"):
            # "half" counts only as a quantifier ("half of", "half a"), not in "half empty".
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
        if bits & _CHANGE:
            found.add("change")
        if bits & _CAUSAL:
            found.add("causal")
        if bits & _MODAL and (c.islower() or i == sent.first):
            found.add("modal")
        if bits & _RULE:
            found.add("rule")
        if bits & _PAST and c.islower() and not in_span:
            found.add("past_tense")
        if bits & _FIRST and (tok == "I" or not tok.isupper()):
            found.add("first_person")
            if not sent.inq[i]:
                first_person_outside = True
        if bits & _OPINION:
            found.add("opinion")
        if bits & _SCENE and not sent.inq[i]:
            found.add("scene")
        if bits & _ADVICE and not (
            low == "should" and i + 1 < n and lows[i + 1] in ("have", "not")
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


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


class DetectionError(Exception):
    """Detection of one article failed. Callers catch this and report the article; it
    never stops a request or the rest of a batch. The cause is chained (``__cause__``)."""


def score(text: str) -> list[Candidate]:
    """Every sentence of ``text`` with its check-worthiness, kind and claimant, in order.

    Linear in the length of ``text`` on every input. Any failure inside the detector is
    raised as :class:`DetectionError`."""
    if not isinstance(text, str):
        raise DetectionError(f"detection needs text, not {type(text).__name__}")
    try:
        return _score(text)
    except Exception as exc:  # the detector's boundary: every failure gets its name
        raise DetectionError(f"detection failed on {len(text):,} characters: {exc!r}") from exc


def _score(text: str) -> list[Candidate]:
    out: list[Candidate] = []
    memory = _Discourse()
    weights = FEATURE_WEIGHTS
    double = single = False
    last_para = -1
    # Speaker of the latest sentence, in this paragraph and at the end of the previous one.
    last_speaker: tuple[str, str] | None = None
    prev_para_speaker: tuple[str, str] | None = None
    # Indices in ``out`` of this paragraph's quote-only sentences whose quote is still open.
    open_quotes: list[int] = []
    for start, end, para, heading in _segments(text):
        if para != last_para:
            prev_para_speaker = last_speaker if last_para >= 0 else None
            last_speaker = None
            double = single = False
            last_para = para
            open_quotes = []
            first_in_para = True
        else:
            first_in_para = False
        chunk = text[start:end]
        if heading:
            heading_score = round(_sigmoid(BIAS + weights["heading"]), 3)
            out.append(
                Candidate(start, end, chunk, heading_score, "other", None, None, ("heading",))
            )
            continue
        sent = _Sentence(chunk)
        double, single, direct, partial, quote_only, started_inside = _track_quotes(
            sent, double, single
        )
        attribution = _find_attribution(sent)
        skip = (attribution[1], attribution[2]) if attribution else None
        # Resolve against earlier sentences only: in "she told Tom Hardy" she is not Hardy.
        speaker = _resolve(sent, attribution[0], memory) if attribution else None
        runs, actor = _record_mentions(sent, memory, skip)
        found, first_person_outside, fragment, words = _features(sent, skip)
        if speaker:
            name, speaker_kind = speaker
            if speaker_kind == "person":
                memory.persons.append(name)
            elif speaker_kind == "organization":
                ref = attribution[0] if attribution else None
                if ref and ref.kind == "group" and ref.head.endswith("s"):
                    # "officials", "researchers": later "they", never "it".
                    memory.last_group = name
                else:
                    memory.add_org(name, salient=True)
            found.add("attributed_quote" if direct else "reported_speech")
            if started_inside:
                # The quote opened in earlier sentences: they were this speaker's words.
                for idx in open_quotes:
                    out[idx] = _with_speaker(out[idx], speaker)
        elif quote_only:
            # A quote with no speaker of its own continues the latest speaker's.
            if not first_in_para:
                speaker = last_speaker
            elif sent.toks[0] in _OPENERS:
                speaker = prev_para_speaker
        if not (quote_only and (double or single)):
            open_quotes = []
        elif not attribution:
            open_quotes.append(len(out))
        if direct:
            found.add("direct_quote")
        elif partial:
            found.add("partial_quote")
        if runs:
            found.add("named_entity")
        if runs > 1:
            found.add("named_entities")
        if chunk.rstrip(_CLOSERS).endswith("?"):
            found.add("question")
        if fragment:
            found.add("fragment")
        elif words < 7:
            found.add("short")
        logit = BIAS + sum(map(weights.__getitem__, found))
        kind = "other"
        for candidate_kind, flag in _KIND_ORDER:
            if (
                flag in found
                or (flag == "first_person_narrative" and first_person_outside)
                or (flag == "past_event" and "past_tense" in found and (actor or speaker))
            ):
                kind = candidate_kind
                break
        claimant, claimant_kind = speaker if speaker else (None, None)
        probability = round(_sigmoid(logit), 3)
        features = tuple(sorted(found))
        out.append(
            Candidate(start, end, chunk, probability, kind, claimant, claimant_kind, features)
        )
        last_speaker = speaker
    return out


def _with_speaker(cand: Candidate, speaker: tuple[str, str]) -> Candidate:
    return dataclasses.replace(cand, claimant=speaker[0], claimant_kind=speaker[1])


def detect(text: str, *, threshold: float = THRESHOLD) -> list[Candidate]:
    """The sentences of ``text`` worth checking: those scoring at least ``threshold``."""
    return [c for c in score(text) if c.score >= threshold]
