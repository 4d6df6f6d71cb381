"""Why a candidate matches, in words an editor reads: the reranker's strongest features.

The "already checked" head is a dot product (matching.reranker's `match` weights over
features.NAMES[ABSOLUTE_FROM:]), so each feature's share of the score is its weight
times its value. Features that say the same kind of thing are summed into one reason
(names, numbers, words, wording) and the reasons come strongest first, each with what
the two texts actually share: "names in common: Kessler, Ohio".
"""

from __future__ import annotations

from collections.abc import Sequence

import factbase.matching.text as t
from factbase.matching.features import ABSOLUTE_FROM, NAMES

# feature name -> the reason it speaks for.
REASON_OF = {
    "names_found": "names",
    "numbers_shared": "numbers",
    "query_stems_found": "words",
    "candidate_stems_found": "words",
    "stem_jaccard": "words",
    "word_cosine": "words",
    "bigrams_found": "phrases",
    "trigram_cosine": "wording",
    "ratio": "wording",
    "partial_ratio": "wording",
    "token_set_ratio": "wording",
    "token_sort_ratio": "wording",
    "length_ratio": "wording",
}
MAX_SHOWN = 5
MAX_REASONS = 4


def contributions(row: Sequence[float]) -> dict[str, float]:
    """Each absolute feature's share of the "already checked" score (weight times value)."""
    from factbase.matching import reranker

    head = reranker()["match"]
    return {
        name: weight * value
        for name, weight, value in zip(
            NAMES[ABSOLUTE_FROM:], head["weights"], row[ABSOLUTE_FROM:], strict=True
        )
    }


def _listed(items: Sequence[str]) -> str:
    shown = ", ".join(items[:MAX_SHOWN])
    return shown + (f" and {len(items) - MAX_SHOWN} more" if len(items) > MAX_SHOWN else "")


def _shared_words(query: str, candidate: str) -> list[str]:
    """The candidate's content words (numbers are a reason of their own) whose stems the
    query has too, in its order."""
    stems = set(t.content_stems(query))
    seen: dict[str, None] = {}
    for word in t.words(candidate):
        if word not in t.STOPWORDS and word.isalpha() and len(word) > 1 and t.stem(word) in stems:
            seen.setdefault(word, None)
    return list(seen)


def why(query: str, candidate: str, row: Sequence[float]) -> list[str]:
    """At most four reasons (one per kind), strongest first, each naming what the texts
    share; then a caution when the candidate states numbers the query does not."""
    if len(row) != len(NAMES):
        return []
    strength: dict[str, float] = {}
    for name, share in contributions(row).items():
        reason = REASON_OF.get(name)
        if reason is not None and share > 0:
            strength[reason] = strength.get(reason, 0.0) + share
    reasons: list[str] = []
    for reason in sorted(strength, key=lambda r: -strength[r]):
        said = _reason(reason, query, candidate, row)
        if said and said not in reasons:
            reasons.append(said)
        if len(reasons) == MAX_REASONS:
            break
    missing = sorted(t.numbers(candidate) - t.numbers(query))
    if missing:
        reasons.append(f"but it states numbers this claim does not: {_listed(missing)}")
    return reasons


def _reason(reason: str, query: str, candidate: str, row: Sequence[float]) -> str:
    if reason == "names":
        names = sorted(t.names(query) & t.names(candidate))
        return f"names in common: {_listed([n.title() for n in names])}" if names else ""
    if reason == "numbers":
        numbers = sorted(t.numbers(query) & t.numbers(candidate))
        return f"numbers in common: {_listed(numbers)}" if numbers else ""
    if reason in ("words", "phrases"):
        words = _shared_words(query, candidate)
        return f"words in common: {_listed(words)}" if words else ""
    alike = row[NAMES.index("token_sort_ratio")]
    return f"worded alike ({alike:.0%} similar wording)" if alike >= 0.5 else ""
