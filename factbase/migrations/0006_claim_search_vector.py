"""PostgreSQL full-text search on a stored tsvector column with its GIN index.

An expression index (0003) left the planner estimating `to_tsvector(...)` per row: for
common terms it walked the primary key re-running it on every row. A stored generated
column is computed once per write and gives the planner real statistics.
"""

from django.db import migrations

FORWARD = [
    "ALTER TABLE factbase_claim ADD COLUMN search_vector tsvector GENERATED ALWAYS AS "
    "(to_tsvector('english'::regconfig, coalesce(text, ''))) STORED",
    "CREATE INDEX claim_search_vector_idx ON factbase_claim USING gin (search_vector)",
    "DROP INDEX IF EXISTS claim_text_search_idx",
    "ANALYZE factbase_claim",
]
BACKWARD = [
    "CREATE INDEX claim_text_search_idx ON factbase_claim "
    "USING gin (to_tsvector('english'::regconfig, coalesce(text, '')))",
    "ALTER TABLE factbase_claim DROP COLUMN search_vector",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("factbase", "0005_claim_published_order_index")]
    operations = [migrations.RunPython(forward, backward)]
