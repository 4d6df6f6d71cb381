"""How many indexed documents hold each term: what matching's first stage reads to leave
out the common words of a query (factbase.matching.retrieve).

SQLite: an fts5vocab table over each FTS5 index (a view of the index itself, always
current). PostgreSQL: a small table, term -> documents, per source ('external' for
imported fact-checks, 'claim' for ours), kept exact by statement-level triggers that
count the lexemes of the rows each statement wrote (the tsvector is a generated column,
so the database is the one place every write passes). A TRUNCATE empties the
source's counts; a term whose count falls to 0 keeps its row (0: no document holds it).
"""

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS factbase_externalfactcheck_fts_terms "
    "USING fts5vocab(factbase_externalfactcheck_fts, 'row')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS factbase_claim_fts_terms "
    "USING fts5vocab(factbase_claim_fts, 'row')",
]
SQLITE_BACKWARD = [
    "DROP TABLE IF EXISTS factbase_externalfactcheck_fts_terms",
    "DROP TABLE IF EXISTS factbase_claim_fts_terms",
]

# Every lexeme of the statement's rows, counted once per row that holds it.
_COUNTED = (
    "SELECT u.lexeme AS term, count(*) AS n FROM {rows} r, unnest(r.search_vector) u "
    "GROUP BY u.lexeme"
)
POSTGRES_FUNCTION = f"""
CREATE FUNCTION factbase_searchterm_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        DELETE FROM factbase_searchterm WHERE source = TG_ARGV[0];
        RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        -- Only the rows whose words changed, and only the terms whose count moves: a
        -- review transition rewrites a claim's row, not its words, and must not queue on
        -- the lock of a common word's count.
        INSERT INTO factbase_searchterm (source, term, documents)
        SELECT TG_ARGV[0], d.term, sum(d.n) FROM (
            SELECT u.lexeme AS term, -1 AS n FROM removed r JOIN added a USING (id),
                unnest(r.search_vector) u
            WHERE r.search_vector IS DISTINCT FROM a.search_vector
            UNION ALL
            SELECT u.lexeme, 1 FROM removed r JOIN added a USING (id),
                unnest(a.search_vector) u
            WHERE r.search_vector IS DISTINCT FROM a.search_vector
        ) d
        GROUP BY d.term HAVING sum(d.n) <> 0
        ORDER BY d.term
        ON CONFLICT (source, term)
        DO UPDATE SET documents = factbase_searchterm.documents + excluded.documents;
        RETURN NULL;
    END IF;
    IF TG_OP = 'DELETE' THEN
        UPDATE factbase_searchterm s SET documents = s.documents - d.n
        FROM ({_COUNTED.format(rows="removed")}) d
        WHERE s.source = TG_ARGV[0] AND s.term = d.term;
    END IF;
    IF TG_OP = 'INSERT' THEN
        -- In term order: concurrent writers take the rows' locks in one order.
        INSERT INTO factbase_searchterm (source, term, documents)
        SELECT TG_ARGV[0], d.term, d.n FROM ({_COUNTED.format(rows="added")}) d
        ORDER BY d.term
        ON CONFLICT (source, term)
        DO UPDATE SET documents = factbase_searchterm.documents + excluded.documents;
    END IF;
    RETURN NULL;
END
$$
"""
SOURCES = {"external": "factbase_externalfactcheck", "claim": "factbase_claim"}


def _postgres_forward() -> list[str]:
    statements = [
        "CREATE TABLE factbase_searchterm (source text NOT NULL, term text NOT NULL, "
        "documents bigint NOT NULL, PRIMARY KEY (source, term))",
        POSTGRES_FUNCTION,
    ]
    for source, table in SOURCES.items():
        name = f"{table}_searchterm"
        statements += [
            f"CREATE TRIGGER {name}_ai AFTER INSERT ON {table} REFERENCING NEW TABLE AS added "
            f"FOR EACH STATEMENT EXECUTE FUNCTION factbase_searchterm_count('{source}')",
            f"CREATE TRIGGER {name}_ad AFTER DELETE ON {table} REFERENCING OLD TABLE AS removed "
            f"FOR EACH STATEMENT EXECUTE FUNCTION factbase_searchterm_count('{source}')",
            f"CREATE TRIGGER {name}_au AFTER UPDATE ON {table} "
            "REFERENCING OLD TABLE AS removed NEW TABLE AS added "
            f"FOR EACH STATEMENT EXECUTE FUNCTION factbase_searchterm_count('{source}')",
            f"CREATE TRIGGER {name}_at AFTER TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION factbase_searchterm_count('{source}')",
            "INSERT INTO factbase_searchterm (source, term, documents) "
            f"SELECT '{source}', d.term, d.n FROM ({_COUNTED.format(rows=table)}) d",
        ]
    return statements


def _postgres_backward() -> list[str]:
    statements = []
    for table in SOURCES.values():
        for suffix in ("ai", "ad", "au", "at"):
            statements.append(f"DROP TRIGGER IF EXISTS {table}_searchterm_{suffix} ON {table}")
    return [
        *statements,
        "DROP FUNCTION IF EXISTS factbase_searchterm_count()",
        "DROP TABLE IF EXISTS factbase_searchterm",
    ]


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"sqlite": SQLITE_FORWARD, "postgresql": _postgres_forward()}.get(vendor, []):
        schema_editor.execute(statement)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": SQLITE_BACKWARD, "postgresql": _postgres_backward()}
    for statement in statements.get(vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("factbase", "0016_publication_version")]
    operations = [migrations.RunPython(forward, backward)]
