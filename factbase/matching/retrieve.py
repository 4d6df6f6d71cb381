"""The first stage: full-text candidates from the database's own engine, BM25-ranked.

A query becomes an OR of its content words (a repeated claim is rarely phrased with the
same words), ranked by BM25 on SQLite (FTS5 `bm25()`) and by `ts_rank` on PostgreSQL
(an OR tsquery over a stored, GIN-indexed tsvector). Either way one index lookup,
bounded by CANDIDATES rows.

An OR query ranks every document holding any of its terms, so a common word ("said",
"president") would make the lookup walk a posting list that grows with the collection.
Before it, one small lookup reads how many documents hold each query term (SQLite: the
fts5vocab tables of migration 0017; PostgreSQL: the term counts its triggers keep) and
`keep` leaves out the common terms and those no document holds: the lookup then walks
only rare terms' postings. The common words carried little of the BM25 score anyway.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

import snowballstemmer
from django.db import connection

import factbase.matching.text as t

CANDIDATES = 100
MAX_TERMS = 32
# The first stage's term-rarity cut (`keep`): at most KEEP terms, the rarest, each held by
# at most COMMON documents; when every term is more common than that, the FALLBACK
# rarest, so a query of common words still finds its candidates. A number of documents,
# not a share of the collection: what the lookup walks stays bounded as it grows.
KEEP = 20
COMMON = 5000
FALLBACK = 2
SOURCES = ("external", "claim")


def query_terms(query: str) -> list[str]:
    """The distinct content words of the query, in order, at most MAX_TERMS."""
    seen: dict[str, None] = {}
    for word in t.words(query):
        if word not in t.STOPWORDS and len(word) > 1:
            seen.setdefault(word.replace("'", ""), None)
    return list(seen)[:MAX_TERMS]


def keep(terms: list[str], documents: Mapping[str, int]) -> list[str]:
    """The terms the index lookup asks for, in query order.

    `documents[term]` is how many documents hold the term (none: absent, it cannot
    match). The KEEP rarest of those held by at most COMMON documents; if there are none,
    the FALLBACK rarest held by any. Ties go to the earlier term.
    """
    held = sorted(
        (documents[term], n, term) for n, term in enumerate(terms) if documents.get(term, 0) > 0
    )
    rare = [(n, term) for count, n, term in held if count <= COMMON][:KEEP]
    chosen = rare or [(n, term) for _, n, term in held[:FALLBACK]]
    return [term for _, term in sorted(chosen)]


def fts5_expression(terms: list[str]) -> str:
    """An FTS5 OR query with every term quoted: input never reaches FTS5's syntax."""
    return " OR ".join('"' + term.replace('"', "") + '"' for term in terms)


FTS5_EXTERNAL = (
    "SELECT rowid, -bm25(factbase_externalfactcheck_fts) FROM factbase_externalfactcheck_fts "
    "WHERE factbase_externalfactcheck_fts MATCH %s "
    "ORDER BY bm25(factbase_externalfactcheck_fts) LIMIT %s"
)
FTS5_CLAIMS = (
    "SELECT f.rowid, -bm25(factbase_claim_fts) FROM factbase_claim_fts f "
    "JOIN factbase_claim c ON c.id = f.rowid "
    "WHERE factbase_claim_fts MATCH %s AND c.status IN ({statuses}) "
    "ORDER BY bm25(factbase_claim_fts) LIMIT %s"
)
# How many documents hold each index term (fts5vocab counts rows, any column; its terms
# are stems).
FTS5_DOCUMENTS = (
    "SELECT 'external', term, doc FROM factbase_externalfactcheck_fts_terms "
    "WHERE term IN ({terms}) "
    "UNION ALL SELECT 'claim', term, doc FROM factbase_claim_fts_terms WHERE term IN ({terms})"
)
POSTGRES_EXTERNAL = (
    "SELECT id, ts_rank(search_vector, q) AS rank FROM factbase_externalfactcheck, "
    "to_tsquery('english'::regconfig, %s) q WHERE search_vector @@ q "
    "ORDER BY rank DESC, id LIMIT %s"
)
POSTGRES_CLAIMS = (
    "SELECT id, ts_rank(search_vector, q) AS rank FROM factbase_claim, "
    "to_tsquery('english'::regconfig, %s) q WHERE search_vector @@ q "
    "AND status IN ({statuses}) ORDER BY rank DESC, id LIMIT %s"
)
# Each query word's lexemes, as the index's tsvector has them, and their document counts
# (migration 0017's triggers).
POSTGRES_DOCUMENTS = (
    "SELECT s.source, w.word, max(s.documents) FROM unnest(%s::text[]) AS w(word) "
    "CROSS JOIN LATERAL unnest(to_tsvector('english'::regconfig, w.word)) AS v "
    "JOIN factbase_searchterm s ON s.term = v.lexeme AND s.documents > 0 "
    "GROUP BY s.source, w.word"
)

_porter = snowballstemmer.stemmer("porter")


def _fts5_keys(word: str) -> tuple[str, str]:
    """What FTS5's `porter unicode61` may have indexed the word as: its Porter stem (after
    unicode61 folds diacritics) and, as FTS5 leaves some short words unstemmed, itself."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
    return _porter.stemWord(folded), folded


def documents(terms: list[str]) -> dict[str, dict[str, int]]:
    """Per source: how many documents hold each term (absent: none), one query."""
    found: dict[str, dict[str, int]] = {source: {} for source in SOURCES}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(POSTGRES_DOCUMENTS, [terms])
            for source, term, count in cursor.fetchall():
                found[source][term] = int(count)
            return found
        keys = {term: _fts5_keys(term) for term in terms}
        wanted = sorted({key for pair in keys.values() for key in pair})
        marks = ", ".join(["%s"] * len(wanted))
        cursor.execute(FTS5_DOCUMENTS.format(terms=marks), [*wanted, *wanted])
        counts = {(source, key): int(count) for source, key, count in cursor.fetchall()}
    for term, pair in keys.items():
        for source in SOURCES:
            count = max(counts.get((source, key), 0) for key in pair)
            if count:
                found[source][term] = count
    return found


def kept_terms(query: str) -> dict[str, list[str]]:
    """Per source, the query terms the index lookup asks for (`keep`)."""
    terms = query_terms(query)
    if not terms:
        return {source: [] for source in SOURCES}
    counts = documents(terms)
    return {source: keep(terms, counts[source]) for source in SOURCES}


def _postgres_expression(terms: list[str]) -> str:
    # Terms are runs of letters and digits only (text.WORD): nothing of tsquery's syntax.
    return " | ".join(term.replace("'", "") for term in terms if term.replace("'", ""))


def candidates(
    query: str, statuses: tuple[str, ...] = ("published",), limit: int = CANDIDATES
) -> tuple[list[tuple[int, float]], list[tuple[int, float]]]:
    """(external fact-checks, our claims in `statuses`): lists of (id, score), best first."""
    kept = kept_terms(query)
    placeholders = ", ".join(["%s"] * len(statuses))
    if connection.vendor == "postgresql":
        expression, sql = _postgres_expression, (POSTGRES_EXTERNAL, POSTGRES_CLAIMS)
    else:
        expression, sql = fts5_expression, (FTS5_EXTERNAL, FTS5_CLAIMS)
    external: list[tuple[int, float]] = []
    claims: list[tuple[int, float]] = []
    with connection.cursor() as cursor:
        if kept["external"]:
            cursor.execute(sql[0], [expression(kept["external"]), limit])
            external = [(int(row[0]), float(row[1])) for row in cursor.fetchall()]
        if kept["claim"]:
            cursor.execute(
                sql[1].format(statuses=placeholders),
                [expression(kept["claim"]), *statuses, limit],
            )
            claims = [(int(row[0]), float(row[1])) for row in cursor.fetchall()]
    return external, claims
