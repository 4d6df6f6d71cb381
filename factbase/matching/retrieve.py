"""The first stage: full-text candidates from the database's own engine, BM25-ranked.

A query becomes an OR of its content words (a repeated claim is rarely phrased with the
same words), ranked by BM25 on SQLite (FTS5 `bm25()`) and by `ts_rank` on PostgreSQL
(an OR tsquery over a stored, GIN-indexed tsvector). Either way one index lookup,
bounded by CANDIDATES rows.
"""

from __future__ import annotations

from django.db import connection

import factbase.matching.text as t

CANDIDATES = 100
MAX_TERMS = 32


def query_terms(query: str) -> list[str]:
    """The distinct content words of the query, in order, at most MAX_TERMS."""
    seen: dict[str, None] = {}
    for word in t.words(query):
        if word not in t.STOPWORDS and len(word) > 1:
            seen.setdefault(word.replace("'", ""), None)
    return list(seen)[:MAX_TERMS]


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


def _postgres_expression(terms: list[str]) -> str:
    # Terms are runs of letters and digits only (text.WORD): nothing of tsquery's syntax.
    return " | ".join(term.replace("'", "") for term in terms if term.replace("'", ""))


def candidates(
    query: str, statuses: tuple[str, ...] = ("published",), limit: int = CANDIDATES
) -> tuple[list[tuple[int, float]], list[tuple[int, float]]]:
    """(external fact-checks, our claims in `statuses`): lists of (id, score), best first."""
    terms = query_terms(query)
    if not terms:
        return [], []
    placeholders = ", ".join(["%s"] * len(statuses))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            expression, sql = _postgres_expression(terms), (POSTGRES_EXTERNAL, POSTGRES_CLAIMS)
        else:
            expression, sql = fts5_expression(terms), (FTS5_EXTERNAL, FTS5_CLAIMS)
        cursor.execute(sql[0], [expression, limit])
        external = [(int(row[0]), float(row[1])) for row in cursor.fetchall()]
        cursor.execute(sql[1].format(statuses=placeholders), [expression, *statuses, limit])
        claims = [(int(row[0]), float(row[1])) for row in cursor.fetchall()]
    return external, claims
