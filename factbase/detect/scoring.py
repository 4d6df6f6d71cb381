"""Scoring: the weights of the features, the claim kinds, and the loop over an article's
sentences that carries quote state and speakers from one sentence to the next.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from itertools import compress, count

from factbase.detect.attribution import (
    _body_kind,
    _described_org,
    _find_attribution,
    _noun_kind,
    _own_belief,
    _own_response,
    _quoted_name_for,
    _Ref,
    _refusal,
    _resolve,
    _subject_of_kind,
)
from factbase.detect.errors import DetectionError
from factbase.detect.features import (
    _features,
)
from factbase.detect.lexicon import (
    _CLOSERS,
    _DETERMINERS,
    _DOC_NOUNS,
    _FINDING_VERBS,
    _FUNCTION_WORDS,
    _IRREGULAR_PAST,
    _OPENERS,
    _OPINION_WORDS,
    _ORG_ANAPHORA,
    _POSSESSIVES,
    _ROLE_NOUNS,
    _TITLES,
)
from factbase.detect.names import (
    _Discourse,
    _is_title,
    _name_run_forward,
    _record_mentions,
)
from factbase.detect.quotes import (
    _track_quotes,
)
from factbase.detect.sentences import (
    _segments,
    _Sentence,
)

DETECTOR_NAME = "rules"
DETECTOR_VERSION = "13"  # 13: reported speech after a quote's full stop, descriptions
# before a possessive, bulletins and accounts, roles in "who became" clauses and after
# "Dr", "KC", compass words of places, "whose" clauses, names given in quotes, requests
# (12: a company's board, a body named before its document,
# appositions before "who" asides or opening with a possessive, quantified plurals before
# relative clauses, panels and analysts' notes, concerns and quoted judgements)
# (11: trade words, "the MP", passive agents, acronyms in
# brackets, a lede under a headline, roles after a possessive, plurals before a
# participle clause, documents issued on a day, "the figures" and "its breakdown")
# (10: drug makers and pollsters, papers by researchers at a body,
# "who said" after an apposition, quoted judgements and next steps, too early to tell,
# recommendations, impressions, accusations in quoted words)
# (9: brands and descriptions of the sentence's subject, a lede's unnamed body named
# next, "its" documents, speech acts and next steps that are no claims)
# (8: descriptions of bodies named before or next, kinds of body by
# their introduction, forecasts, requests and own plans)
# (7: kinds of body, documents and their issuers, "X, which said")
# (6: body words, one member of a body, appeals, no-reply refusals)
# (5: transcript lines, plural possessives in names, members of bodies)
RULES = f"{DETECTOR_NAME}/{DETECTOR_VERSION}"  # the rules' identity (``detect.DETECTOR``: all)
THRESHOLD = 0.5

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
    "own_response": -2.5,
    # "The review found no sign of wear": a finding of absence is checkable.
    "found_none": 0.6,
    # A quote that speaks to "you" (the listener, or anyone) is colour, not a claim.
    "quoted_you": -0.5,
    "advice": -1.5,
    # "Witnesses are urged to contact ...": a request to readers, whatever
    # numbers (a phone number, a reference, a date) it gives.
    "appeal": -3.0,
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
    rules' check-worthiness (0..1); ``claimant`` is the speaker's fullest name as written,
    or None for the outlet's own statement; ``features`` names the weights that fired;
    ``checkworthiness`` is the learned probability that ``detect.detect`` sets on what it
    proposes (None from :func:`score`, the rules alone)."""

    start: int
    end: int
    text: str
    score: float
    kind: str
    claimant: str | None
    claimant_kind: str | None
    features: tuple[str, ...]
    checkworthiness: float | None = None


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def score(text: str) -> list[Candidate]:
    """Every sentence of ``text`` with its check-worthiness, kind and claimant, in order.

    Linear in the length of ``text`` on every input. Any failure inside the detector is
    raised as :class:`DetectionError`."""
    if not isinstance(text, str):
        raise DetectionError(f"detection needs text, not {type(text).__name__}")
    try:
        return _score(text)
    except DetectionError:
        raise
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
    # Interview layout: once a "Q:" paragraph is seen, the person named latest before it
    # is the interviewee, and every sentence of an "A:" paragraph is theirs.
    interviewee: tuple[str, str] | None = None
    in_answer = False
    # Transcript layout: a paragraph that opens "Surname:" with a person named earlier is
    # that person's, every sentence of it.
    line_speaker: tuple[str, str] | None = None
    # A role in the article's first paragraph that no one holds yet ("..., the mayor
    # says"): the person the next paragraph names in it said it.
    pending_role: tuple[int, str, list[str]] | None = None
    # A body the lede describes but does not name ("the nation's spending regulator"): the
    # body named as a speaker next, in the lede's paragraph or the one after, said it.
    pending_body: tuple[int, str, str | None] | None = None
    first_para = -1
    # Speaker of a line that ends with a colon ("X also said:"): the bullets after it are
    # theirs, until a line that is no bullet.
    list_speaker: tuple[str, str] | None = None
    for start, end, para, heading in _segments(text):
        new_para = para != last_para
        if new_para:
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
        if new_para:
            label = _interview_label(sent)
            if label == "q" and interviewee is None and memory.persons:
                interviewee = (memory.persons[-1], "person")
            in_answer = label == "a" and interviewee is not None
            line_speaker = _transcript_speaker(sent, memory)
        double, single, direct, partial, quote_only, started_inside = _track_quotes(
            sent, double, single
        )
        attribution = _find_attribution(sent)
        skip = (attribution[1], attribution[2]) if attribution else None
        # Resolve against earlier sentences only: in "she told Tom Hardy" she is not Hardy.
        speaker = _resolve(sent, attribution[0], memory) if attribution else None
        if in_answer:
            # An answer's sentences are the interviewee's speech, whoever they cite.
            speaker = interviewee
        elif line_speaker:
            speaker = line_speaker
        if _is_bullet(text, start):
            if speaker is None:
                speaker = list_speaker
        else:
            list_speaker = speaker if speaker and chunk.rstrip().endswith(":") else None
        orgs_before = len(memory.orgs)
        runs, actor = _record_mentions(sent, memory, skip)
        if first_para < 0 and chunk.rstrip()[-1:] in _SENTENCE_FINAL:
            # The lede: the first paragraph of sentences (a headline above it ends in none).
            first_para = para
        described = _unresolved_description(sent, attribution[0], speaker) if attribution else ""
        if described and attribution:
            # "... passengers of Corvin Ferries, the ferry firm said": the body the
            # description fits may be named earlier in the same sentence.
            found_org = _described_org(sent, attribution[0], memory)
            own = set(described.lower().split())
            if found_org and not own.issuperset(found_org.lower().split()):
                # (Not the description's own words, as "Dutch" in "the Dutch
                # cabinet".)
                speaker, described = (found_org, "organization"), ""
        elif attribution and speaker and not described:
            # "Vell Ferries cut 30 sailings, the firm said": the body the sentence
            # opens with, when the one word describing the speaker fits it.
            subject = _subject_of_kind(sent, attribution[0], speaker, memory)
            if subject:
                speaker = (subject, "organization")
        if pending_body and para > first_para + 1:
            pending_body = None
        named_next = None
        if (
            pending_body
            and speaker
            and speaker[1] == "organization"
            and attribution
            and attribution[0].kind == "name"
            and pending_body[2] in (None, _body_kind(speaker[0], memory))
        ):
            # "..., according to the nation's spending regulator." then "the Budget Board
            # said": the lede's description is the body the story names next.
            named_next = speaker[0]
        elif pending_body:
            # "..., a royal commission concluded." then "The Vell Harbour Commission, which
            # opened its hearings in May, ...": a body named next by the description's noun.
            named_next = next(
                (
                    o
                    for o in memory.orgs[orgs_before:]
                    if o.lower().rsplit(None, 1)[-1] == pending_body[1]
                ),
                None,
            )
        if pending_body and named_next:
            idx = pending_body[0]
            stale = out[idx].claimant
            out[idx] = _with_speaker(out[idx], (named_next, "organization"))
            if stale:
                _rename_body(memory, stale, named_next)
            memory.anaphora[pending_body[1]] = named_next
            if speaker and speaker[0] == stale:
                speaker = (named_next, "organization")
            pending_body = None
        if pending_role and para > first_para + 1:
            pending_role = None
        if pending_role and para > first_para:
            holder = memory.role_holder(pending_role[1], pending_role[2])
            if holder:
                idx = pending_role[0]
                out[idx] = _with_speaker(out[idx], (holder, "person"))
                pending_role = None
        found, first_person_outside, fragment, words = _features(sent, skip)
        if speaker and attribution:
            _remember_sources(sent, attribution[0], speaker, memory)
        if (
            speaker
            and attribution
            and attribution[0].kind == "group"
            and attribution[0].definite
            and speaker[1] == "organization"
            and len(memory.anaphora) < 64
        ):
            memory.anaphora[attribution[0].head] = speaker[0]
        # What the speaker is on record for, read once: a quoted judgement, or an act
        # (an apology, a description as, a name in quotation marks) with nothing to check.
        judged = act = False
        if attribution:
            judged = _characterisation(sent, attribution[2])
            act = _act_without_claim(sent, attribution[2])
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
            if not (judged or act):
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
        if _quoted_you(sent):
            found.add("quoted_you")
        if _warns_against(sent):
            found.add("advice")
        if _appeal_to_readers(sent):
            found.add("appeal")
        if attribution and _found_none(sent, attribution[2]):
            found.add("found_none")
        if (attribution and _own_response(sent, attribution[2])) or _refusal(sent):
            found.add("own_response")
        if attribution and _own_belief(sent, attribution[2]):
            found.add("opinion")
        if judged:
            found.add("opinion")
        if act:
            found.add("own_response")
        if _conditional_plan(sent) or _appeal_to_someone(sent):
            found.add("aim")
        if attribution and (_own_plan(sent, attribution[2]) or _next_step(sent, attribution[2])):
            found.add("aim")
        if attribution and _too_early(sent, attribution[2]):
            found.add("own_response")
        if attribution and _recommendation(sent, attribution[2]):
            found.add("opinion")
        if _impression(sent):
            found.add("opinion")
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
        elif words < 7 and not _titled_event(sent):
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
        claimant, claimant_kind = _named(speaker)
        if (
            para == first_para
            and speaker
            and claimant is None
            and attribution
            and attribution[0].kind == "group"
            and attribution[0].head in _ROLE_NOUNS
        ):
            ref = attribution[0]
            pending_role = (len(out), ref.head, sent.lows[ref.lo : ref.hi])
        if para == first_para and pending_body is None and attribution and speaker:
            if described:
                pending_body = (len(out), attribution[0].head, _noun_kind(attribution[0].head))
            elif _indefinite_body(sent, attribution[0], speaker):
                pending_body = (len(out), attribution[0].head, "")
            elif _kind_in_document(sent, attribution[0], speaker):
                # "..., port authority data released on Monday suggest." then "the Vell
                # Port Authority added": the data are the body's named next.
                pending_body = (len(out), _kind_in_document(sent, attribution[0], speaker), "")
        probability = round(_sigmoid(logit), 3)
        features = tuple(sorted(found))
        out.append(
            Candidate(start, end, chunk, probability, kind, claimant, claimant_kind, features)
        )
        last_speaker = speaker
    return out


def _indefinite_body(sent: _Sentence, ref: _Ref, speaker: tuple[str, str]) -> bool:
    """True when the speaker is a body the sentence only describes as one of its kind,
    with no name: "a royal commission concluded", "a parliamentary committee said"."""
    return (
        ref.kind == "group"
        and ref.lo > 0
        and sent.lows[ref.lo - 1] in ("a", "an")
        and speaker[0] == sent.span_text(ref.lo, ref.hi)
    )


def _kind_in_document(sent: _Sentence, ref: _Ref, speaker: tuple[str, str]) -> str:
    """The kind of body a document the sentence names as written is described by ("port
    authority data": "authority"), or ""."""
    if ref.kind != "group" or ref.head not in _DOC_NOUNS or speaker[1] != "other":
        return ""
    return next((w for w in sent.lows[ref.lo : ref.hi] if w in _ORG_ANAPHORA), "")


def _rename_body(memory: _Discourse, stale: str, name: str) -> None:
    """Every memory of the body written as ``stale`` is now of the body ``name``: its
    mentions, the documents it published and the nouns that stood for it."""
    memory.salient_orgs = [name if o == stale else o for o in memory.salient_orgs]
    memory.orgs = [name if o == stale else o for o in memory.orgs]
    for table in (memory.publishers, memory.docs, memory.agents):
        for key, value in table.items():
            if value[0] == stale:
                table[key] = (name, value[1])
    if memory.publisher and memory.publisher[0] == stale:
        memory.publisher = (name, memory.publisher[1])
    for noun, body in memory.anaphora.items():
        if body == stale:
            memory.anaphora[noun] = name


def _remember_sources(
    sent: _Sentence, ref: _Ref, speaker: tuple[str, str], memory: _Discourse
) -> None:
    """Remember what a resolved speaker stands behind, for later sentences: the document
    it published ("a ruling handed down by the tribunal", "said in its reply": "the
    ruling said" later is the tribunal's), a document that is its own claimant ("a
    joint lawsuit ... alleges": "the lawsuit further claims"), the body a
    spokesperson spoke for and the body a plural group works for ("analysts at X":
    "they warned")."""
    doc = ref.doc or (_doc_named(sent) if speaker[1] != "other" else "")
    if doc:
        memory.publisher, memory.publisher_of = speaker, doc
        memory.publishers[doc] = speaker
    elif ref.kind == "group" and ref.head in _DOC_NOUNS and ref.modified and len(memory.docs) < 64:
        memory.docs[ref.head] = speaker
        memory.publisher, memory.publisher_of = speaker, ref.head
    if ref.agent:
        memory.agents[ref.agent] = speaker
        memory.last_group = speaker[0]
    if ref.spokes:
        memory.spokes_for = speaker


def _unresolved_description(sent: _Sentence, ref: _Ref, speaker: tuple[str, str] | None) -> str:
    """The words of a definite description of a body that resolved to no body named
    before ("the ferry firm", "the nation's spending regulator"), or ""."""
    if ref.kind != "group" or not ref.definite or speaker is None or ref.head in _DOC_NOUNS:
        return ""
    text = sent.span_text(ref.lo, ref.hi)
    return text if speaker == (text, "organization") and ref.lo < ref.hi else ""


def _doc_named(sent: _Sentence) -> str:
    """The document a sentence says its words came in: "said in its reply", "In a
    long report sent to members, the board said" (the noun, or "")."""
    lows = sent.lows
    n = len(lows)
    for k in range(n - 2):
        if lows[k] != "in" or sent.inq[k]:
            continue
        if lows[k + 1] not in _DETERMINERS and lows[k + 1] not in ("its", "their", "his", "her"):
            continue
        for m in range(k + 2, min(n, k + 7)):
            if lows[m] in _DOC_NOUNS:
                return lows[m]
            # "in its half-yearly trade and jobs review".
            word = lows[m].replace("-", "")
            if word and (not word.isalpha() or (lows[m] in _FUNCTION_WORDS and word != "and")):
                break
    return ""


_SENTENCE_FINAL = frozenset(".!?\u201d\u2019\"')")
_BE = frozenset(
    ("is", "was", "are", "were", "been", "looked", "looks", "seemed", "seems", "appeared")
)
_BE_OR_BEING = _BE | {"being"}
_PLAN_MODALS = frozenset(("will", "would", "\u2019ll", "'ll"))


# Verbs that give a thing a quoted value, as "be" does: "said the verdict gave
# “a lifeline” to tenants", "said the vote marked “a turning point”".
_JUDGEMENT_VERBS = frozenset(
    ("offered", "offers", "gave", "gives", "brought", "brings", "marked", "marks",
     "represented", "represents", "showed", "shows")
)  # fmt: skip


def _characterisation(sent: _Sentence, verb: int) -> bool:
    """True when the reported words are only a quoted judgement: "said the delays were
    \u201cslow, costly and quite needless\u201d". Adjectives in quotation
    marks, with no figure, are how someone sees a thing, not a fact to check."""
    toks, lows = sent.toks, sent.lows
    n = len(toks)
    start = _reported_start(sent, verb)
    for k in range(start, min(n - 1, start + 9)):
        if lows[k] in _BE and lows[k + 1] == "being" and k + 2 < n:
            k += 1  # "said nurses were being “pushed too far”"
        # "said the rebels “had lost and would not admit it”": the quote opens
        # on the verb, right after a short subject.
        subject_only = 0 < k - start <= 2 and toks[k].isalpha() and toks[k].islower()
        if (lows[k] in _BE_OR_BEING or lows[k] in _JUDGEMENT_VERBS or subject_only) and toks[
            k + 1
        ] in _OPENERS:
            close = next((m for m in range(k + 2, n) if toks[m] in _CLOSERS), n)
            if (
                lows[close + 1 : close + 3] == ["and", "that"]
                and any(sent.inq[close + 3 :])
                and not any(t[:1].isdigit() for t in toks[k:])
            ):
                # "said the stoppage was “needless” and that the offer was
                # “mean”": two judgements, the second with quoted words too.
                return 0 < close - k - 2 <= 8
            quoted = [t for t in toks[k + 2 : close] if t not in ".,"]
            after = [t for t in toks[close + 1 :] if t not in ".,"]
            return (
                0 < len(quoted) <= 12
                and all(t.isalpha() and t.islower() for t in quoted + after)
                and len(after) <= 3
            )
        if sent.inq[k] or toks[k] in (",", ";"):
            return False
    return False


def _act_without_claim(sent: _Sentence, verb: int) -> bool:
    """True when the speaker's verb is an act that states nothing to check: "apologised
    to its customers", "described the plan as “a raid on the poor”" (a
    description in quotation marks, or of no figure)."""
    low = sent.lows[verb]
    if low.startswith("apolog"):
        return True
    if low in ("accused", "accuses"):
        # "accused the board of balancing its books “on the backs of the poor”":
        # an accusation made of quoted words, with no figure, is a judgement.
        lows = sent.lows
        of = next((m for m in range(verb + 1, min(len(lows), verb + 7)) if lows[m] == "of"), -1)
        return (
            of > 0
            and any(sent.inq[of + 1 :])
            and not any(t[:1].isdigit() for t in sent.toks[verb:])
        )
    if low in _CALL_VERBS and _quoted_name_for(sent, verb):
        # "called the figure \u201ca smokescreen\u201d." and nothing more (no "... and
        # estimated that ...").
        toks = sent.toks
        close = next((m for m in range(verb + 2, len(toks)) if toks[m] in _CLOSERS), len(toks))
        trailing = [t for t in toks[close + 1 :] if t not in ".,"]
        return len(trailing) <= 3 and not any(t[:1].isdigit() for t in toks[verb:])
    if low not in ("described", "describes"):
        return False
    after = sent.lows[verb + 1 :]
    if "as" not in after:
        return False
    rest = verb + 2 + after.index("as")
    return not any(t[:1].isdigit() for t in sent.toks[rest:]) and (
        rest < len(sent.toks) and (sent.toks[rest] in _OPENERS or sent.lows[rest] in ("a", "an"))
    )


_URGE_VERBS = frozenset(("urged", "urges", "urging", "implored", "begged"))
_PASSIVE_BE = frozenset(("is", "was", "are", "were", "been", "be", "being"))
_ASK_VERBS = frozenset(("asks", "asked"))
_CALL_VERBS = frozenset(("called", "calls", "calling"))
_REQUEST_VERBS = _URGE_VERBS | _CALL_VERBS | _ASK_VERBS
_PLAN_VERBS = frozenset(
    ("expected", "expects", "planned", "plans", "intended", "intends", "hoped", "hopes")
)


def _appeal_to_someone(sent: _Sentence) -> bool:
    """True when the sentence asks someone to do a thing: "She called on the board to hold
    the vote in May", "urged the two firms to resume work". A request is not a
    fact, whatever figures it names."""
    lows = sent.lows
    if _REQUEST_VERBS.isdisjoint(lows):
        return False  # one C-level scan: most sentences ask nothing
    n = len(lows)
    for k, w in enumerate(lows):
        if sent.inq[k]:
            continue
        if w in _CALL_VERBS and lows[k + 1 : k + 2] == ["for"]:
            # "She called for the ward to be closed".
            return True
        if w in _URGE_VERBS or (w in _CALL_VERBS and lows[k + 1 : k + 2] == ["on"]):
            return "to" in lows[k + 2 : min(n, k + 9)]
        if (
            w in _ASK_VERBS
            and k > 0
            and lows[k - 1] not in _PASSIVE_BE
            and "to" in lows[k + 2 : min(n, k + 5)]
            and sent.toks[k + 1][:1].isupper()
        ):
            return True  # "The petition asks Mayor Kort to drop the scheme": a request
    return False


def _own_plan(sent: _Sentence, verb: int) -> bool:
    """True when the speaker says only what it plans to do, with no figure: "The authority
    said it hoped to report its verdict in the spring"."""
    lows = sent.lows
    n = len(lows)
    k = _reported_start(sent, verb)
    if k + 2 < n and lows[k] == "the" and lows[k + 1] in _ORG_ANAPHORA:
        k += 1  # "said the firm planned to sell": the body named before
    elif k + 2 >= n or lows[k] not in ("it", "they", "he", "she", "we"):
        return False
    if sent.inq[k]:
        return False
    return (
        lows[k + 1] in _PLAN_VERBS
        and lows[k + 2] == "to"
        and not any(t[:1].isdigit() for t in sent.toks)
    )


def _reported_start(sent: _Sentence, verb: int) -> int:
    """The first token of the words a speech verb at ``verb`` reports: after "that", and
    after the hearers it names first ("told the board by letter that")."""
    lows = sent.lows
    n = len(lows)
    k = verb + 1
    for m in range(k, min(n, k + 10)):
        if sent.inq[m] or sent.toks[m] in (",", ";", ":"):
            break
        if lows[m] == "that":
            return m + 1
    return k


_SENSE_VERBS = frozenset(
    ("sounds", "sounded", "looks", "looked", "seems", "seemed", "feels", "felt")
)
_JUDGING_SUFFIXES = ("ive", "ful", "ous", "able", "ible")


def _impression(sent: _Sentence) -> bool:
    """True when the sentence says how a thing strikes someone: "The rise sounds
    impressive", "the draw felt more like a defeat". An impression is
    not a fact, whatever figure it names ("looked set to rise" and "seems to" say
    nothing of the kind and stay)."""
    lows = sent.lows
    if _SENSE_VERBS.isdisjoint(lows):
        return False  # one C-level scan: most sentences have none
    n = len(lows)
    for k in range(sent.first + 1, n - 1):
        if lows[k] not in _SENSE_VERBS:
            continue
        nxt = lows[k + 1]
        if nxt in ("less", "more") and k + 2 < n:
            nxt = lows[k + 2]
        if (
            nxt == "like"
            or nxt in _OPINION_WORDS
            or (nxt.isalpha() and nxt.endswith(_JUDGING_SUFFIXES) and sent.toks[k + 1].islower())
        ):
            return True
    return False


def _too_early(sent: _Sentence, verb: int) -> bool:
    """True when the speaker says only that it is too early to tell: "said it was too
    early to tell", "said it was too soon to name a date". Nothing is on record."""
    lows = sent.lows
    k = _reported_start(sent, verb)
    return (
        lows[k : k + 2] in (["it", "was"], ["it", "is"])
        and lows[k + 2 : k + 3] == ["too"]
        and lows[k + 3 : k + 4] in (["early"], ["soon"])
        and lows[k + 4 : k + 5] == ["to"]
        and not sent.inq[k]
    )


def _recommendation(sent: _Sentence, verb: int) -> bool:
    """True when the reported words only say what should be done, with no figure:
    "argued that the fare cap should be linked to wages". What should have been ("the
    result should have been annulled") is a view of a fact, and stays."""
    toks, lows = sent.toks, sent.lows
    n = len(lows)
    if any(t[:1].isdigit() for t in toks):
        return False
    k = _reported_start(sent, verb)
    for m in range(k + 1, min(n - 1, k + 6)):
        if sent.inq[m] or toks[m] in (",", ";", ":"):
            return False
        if lows[m] in ("should", "must") or (lows[m] == "ought" and lows[m + 1] == "to"):
            return lows[m + 1] != "have" and lows[m + 1 : m + 3] != ["to", "have"]
    return False


# What a body does next that is no fact yet to check: "would inspect the ward again",
# "will publish a second report in the spring".
_NEXT_STEP_VERBS = frozenset(
    (
        "inspect", "publish", "hold", "meet", "visit", "examine", "investigate",
        "appoint", "write", "launch", "seek", "fight", "defend", "appeal",
        "challenge", "campaign", "lobby", "monitor", "look", "press", "push",
        "set", "travel", "consult", "review",
    )
)  # fmt: skip
# What a next step brings out that is itself only a plan: "would publish plans to hire
# 7,250 more staff" (the figure is the plan's, not a fact yet).
_PLAN_NOUNS = frozenset(("plans", "proposals", "options"))


def _next_step(sent: _Sentence, verb: int) -> bool:
    """True when the reported words are only someone's next step, with no figure: "said on
    Monday that it would inspect the clinic again", "said the panel would publish a
    second paper in the spring"."""
    toks, lows = sent.toks, sent.lows
    n = len(lows)
    figures = any(t[:1].isdigit() for t in toks)
    k = verb + 1
    if k + 1 < n and lows[k] == "on" and toks[k + 1][:1].isupper():
        k += 2  # "said on Wednesday"
    if k < n and lows[k] == "that":
        k += 1
    for m in range(k, min(n - 1, k + 5)):
        if sent.inq[m] or toks[m] in (",", ";", ":"):
            return False
        if lows[m] in ("would", "will"):
            # "said it would “look closely at ...”": the quote opens on the verb.
            step = m + 2 if toks[m + 1] in _OPENERS and m + 2 < n else m + 1
            if m <= k or lows[step] not in _NEXT_STEP_VERBS:
                return False
            return not figures or not _PLAN_NOUNS.isdisjoint(lows[step + 1 : step + 4])
    return False


_TOLD_VERBS = frozenset(("warned", "told", "threatened", "promised"))


def _conditional_plan(sent: _Sentence) -> bool:
    """True when the sentence is a plan that hangs on a condition, with no figure: "The
    guild has said it would name new protest days unless the offer improves"."""
    lows = sent.lows
    if "if" not in lows and "unless" not in lows:
        return False
    modal = next((k for k, w in enumerate(lows) if w in _PLAN_MODALS and not sent.inq[k]), -1)
    if modal < 0:
        return False
    cond = next((k for k, w in enumerate(lows) if w in ("if", "unless") and k > modal), -1)
    if any(lows[k] == "had" and lows[k + 1] in _TOLD_VERBS for k in range(sent.first, modal - 1)):
        # "Ana Kort said her managers had told her that she would lose her job if she spoke":
        # a warning that was given is an event, whatever it was a warning of.
        return False
    return cond > modal + 2 and not any(t[:1].isdigit() for t in sent.toks)


_WARNING_VERBS = frozenset(("warn", "warns", "warned", "caution", "cautions", "cautioned"))


def _warns_against(sent: _Sentence) -> bool:
    """True when someone warns against doing something ("cautioned against reading too
    much into it"): advice, not a claim."""
    lows = sent.lows
    if "against" not in lows:  # one C-level scan; the loop visits only the hits
        return False
    for i in compress(count(), map("against".__eq__, lows)):
        if (
            0 < i < len(lows) - 1
            and lows[i - 1] in _WARNING_VERBS
            and lows[i + 1].endswith("ing")
            and not sent.inq[i]
        ):
            return True
    return False


def _titled_event(sent: _Sentence) -> bool:
    """True when a short sentence reports what a person named with a title did, with an
    object or a time after the verb: "Chief Constable Jo Bloggs resigned yesterday." is
    an event on record, however short."""
    toks, lows = sent.toks, sent.lows
    i = sent.first
    run = _name_run_forward(sent, i) if i < len(toks) else None
    if run is None:
        return False
    # A title among the first words ("Judge", "Circuit Judge") and a name after it.
    titles = [k for k in range(run[0], min(run[0] + 3, run[1])) if _is_title(lows[k])]
    if not titles or run[1] - titles[-1] < 2:
        return False
    verb = run[1] + 1
    return (
        verb + 2 < len(toks)
        and toks[verb].isalpha()
        and toks[verb].islower()
        and (lows[verb].endswith("ed") or lows[verb] in _IRREGULAR_PAST)
        and toks[verb + 1].isalpha()
    )


_APPEAL_PARTICIPLES = frozenset(("asked", "urged", "encouraged", "requested", "invited"))
# What readers are asked to do: get in touch ("voters are asked to choose" is news).
_CONTACT_VERBS = frozenset(
    ("call", "contact", "ring", "phone", "email", "get", "come", "report", "speak", "send")
)


def _appeal_to_readers(sent: _Sentence) -> bool:
    """True when the sentence asks its readers to do something, in the present passive: "Anyone
    who saw the crash is asked to contact ...", "Witnesses are urged to call ...". A
    request in the past ("the council was asked to repay") reports an event."""
    lows = sent.lows
    if "to" not in lows:
        return False
    for i in compress(count(), map("to".__eq__, lows)):
        if (
            i >= 2
            and i + 1 < len(lows)
            and lows[i - 1] in _APPEAL_PARTICIPLES
            and lows[i - 2] in ("is", "are")
            and lows[i + 1] in _CONTACT_VERBS
            and not sent.inq[i]
        ):
            return True
    return False


def _found_none(sent: _Sentence, verb: int) -> bool:
    """True when the verb at ``verb`` is a finding verb followed by "no": "found no
    fault"."""
    lows = sent.lows
    return verb + 1 < len(lows) and lows[verb] in _FINDING_VERBS and lows[verb + 1] == "no"


def _quoted_you(sent: _Sentence) -> bool:
    """True when "you" or "your" stands inside a quote in the sentence."""
    lows = sent.lows
    for word in ("you", "your"):
        if word in lows:  # one C-level scan; the loop below visits only the hits
            for i in compress(count(), map(word.__eq__, lows)):
                if sent.inq[i]:
                    return True
    return False


_BULLETS = frozenset("-*\u2022\u2013\u2014\u25aa\u25cf")


def _is_bullet(text: str, start: int) -> bool:
    """True when the sentence at ``start`` opens a bulleted line ("- ", "\u2022 "); looks
    back a bounded few characters, so a long line costs nothing more."""
    k = start - 1
    stop = max(-1, start - 8)
    while k > stop and text[k] in " \t":
        k -= 1
    if k <= stop or text[k] not in _BULLETS:
        return False
    k -= 1
    while k > stop and text[k] in " \t":
        k -= 1
    return k < 0 or text[k] == "\n"


def _interview_label(sent: _Sentence) -> str | None:
    """The label "q" or "a" when the sentence opens with an interview's "Q:" / "A:" label (also
    "Q." and bold "**Q:**" once the markup is gone)."""
    toks = sent.toks
    i = sent.first
    if i + 1 < len(toks) and toks[i] in ("Q", "A") and toks[i + 1] in (":", "."):
        return toks[i].lower()
    return None


def _transcript_speaker(sent: _Sentence, memory: _Discourse) -> tuple[str, str] | None:
    """The person a transcript line opens with ("Quist: You cut ..."): a name before a
    colon that resolves to a person the article named earlier."""
    toks = sent.toks
    i = sent.first
    k = i
    while k < min(len(toks), i + 4) and toks[k][:1].isupper() and toks[k].isalpha():
        k += 1
    if k == i or k >= len(toks) or toks[k] != ":":
        return None
    if k == i + 1:
        found = memory.resolve_single(toks[i])
        return found if found and found[1] == "person" else None
    full = " ".join(toks[i:k])
    return (full, "person") if full in memory.persons else None


def _with_speaker(cand: Candidate, speaker: tuple[str, str]) -> Candidate:
    claimant, claimant_kind = _named(speaker)
    return dataclasses.replace(cand, claimant=claimant, claimant_kind=claimant_kind)


_ROLE_WORDS = _ROLE_NOUNS | _TITLES


def _named(speaker: tuple[str, str] | None) -> tuple[str | None, str | None]:
    """The claimant to store for a speaker. A role word the article never tied to a
    named person ("the minister said", with no minister named before) is reported
    speech, but no one to store as a person named "minister": the claim has no
    claimant."""
    if speaker is None:
        return None, None
    name, kind = speaker
    if kind == "person":
        last = name.split()[-1].lower().rstrip(".")
        if last.endswith(_POSSESSIVES):
            last = last[:-2]
        if last in _ROLE_WORDS:
            return None, None
    return name, kind
