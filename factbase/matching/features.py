"""The reranker's features: how much a query and a fact-check say the same thing.

Lexical only (no embeddings, no model download): the retrieval rank and score, overlap
of stems both ways, TF-IDF cosines of words and character trigrams with document
frequencies from the candidate pool itself, fuzzy ratios, and numbers and names in
common. The same function serves training (tools/train_matcher.py) and run time.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from rapidfuzz import fuzz

import factbase.matching.text as t

NAMES = (
    "reciprocal_rank",
    "relative_score",
    "query_stems_found",
    "candidate_stems_found",
    "stem_jaccard",
    "bigrams_found",
    "word_cosine",
    "trigram_cosine",
    "ratio",
    "partial_ratio",
    "token_set_ratio",
    "token_sort_ratio",
    "numbers_shared",
    "numbers_missing",
    "names_found",
    "length_ratio",
)
# The features from here on say how alike two texts are, whatever else was retrieved: the
# "already checked" decision reads only these.
ABSOLUTE_FROM = 2


@dataclass(frozen=True)
class Retrieved:
    """A candidate as the first stage found it: its text, rank (1-based) and score."""

    text: str
    rank: int
    score: float


def _trigrams(text: str) -> Counter[str]:
    padded = " " + " ".join(t.words(text)) + " "
    return Counter(padded[i : i + 3] for i in range(len(padded) - 2))


def _cosine(a: Counter[str], b: Counter[str], idf: dict[str, float]) -> float:
    dot = sum(a[k] * b[k] * idf.get(k, 1.0) ** 2 for k in a.keys() & b.keys())
    na = math.sqrt(sum((v * idf.get(k, 1.0)) ** 2 for k, v in a.items()))
    nb = math.sqrt(sum((v * idf.get(k, 1.0)) ** 2 for k, v in b.items()))
    return dot / (na * nb) if na and nb else 0.0


def _idf(bags: Sequence[Counter[str]]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for bag in bags:
        df.update(bag.keys())
    n = len(bags)
    return {k: math.log((1 + n) / (1 + v)) + 1.0 for k, v in df.items()}


def _share(part: set[Any], whole: set[Any]) -> float:
    return len(part & whole) / len(part) if part else 0.0


def features(query: str, candidates: Sequence[Retrieved]) -> list[list[float]]:
    """One feature vector (in NAMES order) per candidate."""
    if not candidates:
        return []
    q_stems = t.content_stems(query)
    q_set = set(q_stems)
    q_bigrams = set(pairwise(q_stems))
    q_numbers = t.numbers(query)
    q_names = t.names(query)
    q_clean = " ".join(t.words(query))
    c_stems = [t.content_stems(c.text) for c in candidates]
    word_bags = [Counter(s) for s in c_stems]
    trigram_bags = [_trigrams(c.text) for c in candidates]
    q_words, q_trigrams = Counter(q_stems), _trigrams(query)
    word_idf = _idf([q_words, *word_bags])
    trigram_idf = _idf([q_trigrams, *trigram_bags])
    top = max(c.score for c in candidates) or 1.0
    rows = []
    for candidate, stems, words, trigrams in zip(
        candidates, c_stems, word_bags, trigram_bags, strict=True
    ):
        s_set = set(stems)
        c_clean = " ".join(t.words(candidate.text))
        c_numbers = t.numbers(candidate.text)
        bigrams = set(pairwise(stems))
        rows.append(
            [
                1.0 / candidate.rank,
                candidate.score / top if top > 0 else 0.0,
                _share(q_set, s_set),
                _share(s_set, q_set),
                len(q_set & s_set) / len(q_set | s_set) if q_set | s_set else 0.0,
                _share(q_bigrams, bigrams),
                _cosine(q_words, words, word_idf),
                _cosine(q_trigrams, trigrams, trigram_idf),
                fuzz.ratio(q_clean, c_clean) / 100.0,
                fuzz.partial_ratio(q_clean, c_clean) / 100.0,
                fuzz.token_set_ratio(q_clean, c_clean) / 100.0,
                fuzz.token_sort_ratio(q_clean, c_clean) / 100.0,
                float(len(q_numbers & c_numbers)),
                float(len(c_numbers - q_numbers) > 0),
                _share(q_names, t.names(candidate.text)),
                min(len(q_stems), len(stems)) / max(len(q_stems), len(stems), 1),
            ]
        )
    return rows


def probability(row: Sequence[float], weights: Sequence[float], bias: float) -> float:
    z = bias + sum(w * x for w, x in zip(weights, row, strict=True))
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)
