"""The short statement of a claim that ClaimReview's `claimReviewed` carries.

Google asks for the claim in under 75 characters, without who said it (that is
`itemReviewed.author`). A claim's text is usually a sentence of reported speech, so the
default strips what English reported speech wraps around the content: the attribution
clause (", he said", "Macron said that ...", "according to ..."), the quotation marks
of a direct quote and any leading emoji or symbol. The rules are grammatical, never
about a particular article; editors set `Claim.claim_reviewed` when they can say it
better. Every rule runs in time linear in the text.
"""

from __future__ import annotations

import re
import unicodedata

MAX_CHARS = 200
TARGET_CHARS = 75
WINDOW = 160

# Verbs of reporting, in the forms that introduce or close reported speech.
_VERBS = (
    "said|says|say|told|tells|added|adds|stated|announced|claimed|argued|argues|insisted|"
    "insists|warned|warns|noted|explained|explains|declared|asserted|maintained|suggested|"
    "confirmed|acknowledged|admitted|admits|believes|believed|predicted|predicts|promised|"
    "pledged|vowed|wrote|writes|tweeted|posted|reported|estimated|replied|stressed"
)
# Verbs whose object is the reported clause itself ("X said the plan failed"), unlike
# "announced" or "promised", whose object is a thing ("Macron announced an extra 2bn").
_CLAUSE_VERBS = (
    "said|says|say|added|adds|stated|claimed|argued|argues|insisted|insists|warned|warns|"
    "noted|explained|explains|declared|asserted|maintained|suggested|confirmed|acknowledged|"
    "admitted|admits|believes|believed|predicted|predicts|wrote|writes|stressed"
)
_QUOTES = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\u201a\u2039\u203a`"
# A speaker: up to six words, none of them a clause break (keeps "he", "the minister",
# "French President Emmanuel Macron", "a spokesperson for the ministry").
_SPEAKER = r"(?:[\w\u2019'.-]+\s+){0,5}?[\w\u2019'.-]+"
# A speaker in front of the content: words without digits ("On 25 March the US said" is
# a dated statement, not an attribution).
_LEAD_SPEAKER = r"(?:[^\W\d][\w\u2019'.-]*\s+){0,5}?[^\W\d][\w\u2019'.-]*"
# "..., he said." / "..., said the minister." / "..., Macron told reporters on Friday."
_TRAILING = re.compile(
    rf"(?:[,;]\s*[{_QUOTES}]?|[{_QUOTES}]\s*[,;]?)\s+(?:(?:{_SPEAKER})\s+(?:{_VERBS})|(?:{_VERBS})\s+{_SPEAKER}"
    rf"|according\s+to\s+{_SPEAKER})(?:\s+[^,.;:!?]{{0,60}})?\s*[.!?]?\s*$",
    re.IGNORECASE,
)
# "Macron said (that) ..." / "According to the ministry, ..."
_LEADING = re.compile(
    rf"^(?:according\s+to\s+{_SPEAKER}\s*,\s*"
    rf"|{_LEAD_SPEAKER}\s+(?:{_VERBS})(?:\s+\w+){{0,2}}?\s*(?:,|:|\s+that\s+|\s+(?=[{_QUOTES}]))"
    rf"|{_LEAD_SPEAKER}\s+(?:{_CLAUSE_VERBS})\s+(?!to\b|by\b|in\b|on\b|of\b|for\b))",
    re.IGNORECASE,
)
_WS = re.compile(r"\s+")


def short_claim(text: str, *, limit: int = MAX_CHARS) -> str:
    """The reported content of `text`, without attribution, quotes or leading symbols."""
    claim = _WS.sub(" ", text).strip()
    claim = _strip_symbols(claim)
    claim = _strip_attribution(claim)
    claim = _strip_symbols(claim, also=",;:")
    if not claim:
        claim = _strip_symbols(_WS.sub(" ", text).strip()) or text.strip()
    claim = claim[:1].upper() + claim[1:]
    return _shorten(claim, limit)


def _strip_attribution(claim: str) -> str:
    # Attributions are short: the patterns see a bounded window at each end, so a long
    # claim costs no more than a short one.
    offset = max(0, len(claim) - WINDOW)
    trailing = _TRAILING.search(claim, offset)
    if trailing is not None and trailing.start() > 0:
        return claim[: trailing.start()]
    leading = _LEADING.match(claim[:WINDOW])
    if leading is not None and leading.end() < len(claim):
        return claim[leading.end() :]
    return claim


def _strip_symbols(claim: str, also: str = "") -> str:
    """Drop leading and trailing quote marks, emoji and other symbols (and `also`), in one
    pass from each end: ", «" or ",🙂" at the start goes whole."""
    start, end = 0, len(claim)
    while start < end and (_is_wrapper(claim[start]) or claim[start] in also):
        start += 1
    while end > start and (
        (_is_wrapper(claim[end - 1]) or claim[end - 1] in also) and claim[end - 1] not in ".!?)"
    ):
        end -= 1
    return claim[start:end].strip()


def _is_wrapper(char: str) -> bool:
    if char in _QUOTES or char.isspace():
        return True
    category = unicodedata.category(char)
    # So: emoji and other symbols; Sk/Cf: modifiers and joiners that build emoji.
    return category in {"So", "Sk", "Cf", "Mn"} or char in "-\u2013\u2014*\u2022#"


def _shorten(claim: str, limit: int) -> str:
    """At most `limit` characters, cut at a clause or word boundary with an ellipsis."""
    if len(claim) <= limit:
        return claim
    head = claim[: limit - 1]
    for mark in (", ", "; ", " \u2013 ", " - "):
        cut = head.rfind(mark)
        if cut >= limit // 2:
            return head[:cut].rstrip() + "\u2026"
    cut = head.rfind(" ")
    return (head[:cut] if cut > 0 else head).rstrip(" ,;:") + "\u2026"
