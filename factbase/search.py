"""Full-text search of claim text with each database's own engine.

PostgreSQL: a stored tsvector column with a GIN index (migration 0006). SQLite: an FTS5
table kept in step with the claim table by triggers (migration 0003). Neither uses LIKE.
"""

from __future__ import annotations

import re

from django.db import connection
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL

from factbase.models import Claim

CONFIG = "english"
TOKEN = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 16


def claim_search(claims: QuerySet[Claim], query: str) -> QuerySet[Claim]:
    """Claims whose text matches every word of `query` (stemmed, any order)."""
    terms = TOKEN.findall(query)[:MAX_TERMS]
    if not terms:
        return claims.none()
    if connection.vendor == "postgresql":
        # The stored, GIN-indexed tsvector column of migration 0006.
        return claims.filter(
            RawSQL(
                "factbase_claim.search_vector @@ plainto_tsquery(%s::regconfig, %s)",
                [CONFIG, " ".join(terms)],
                output_field=BooleanField(),
            )
        )
    # Each term quoted: user input never reaches FTS5's query syntax.
    match = " ".join('"' + t.replace('"', "") + '"' for t in terms)
    return claims.filter(
        id__in=RawSQL(
            "SELECT rowid FROM factbase_claim_fts WHERE factbase_claim_fts MATCH %s", [match]
        )
    )
