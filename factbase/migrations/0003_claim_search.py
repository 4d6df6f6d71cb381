"""Full-text search indexes: a GIN index on PostgreSQL, an FTS5 table on SQLite."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS factbase_claim_fts USING fts5(
        text, content='factbase_claim', content_rowid='id', tokenize='porter unicode61')""",
    """CREATE TRIGGER IF NOT EXISTS factbase_claim_fts_ai AFTER INSERT ON factbase_claim BEGIN
        INSERT INTO factbase_claim_fts(rowid, text) VALUES (new.id, new.text); END""",
    """CREATE TRIGGER IF NOT EXISTS factbase_claim_fts_ad AFTER DELETE ON factbase_claim BEGIN
        INSERT INTO factbase_claim_fts(factbase_claim_fts, rowid, text)
        VALUES ('delete', old.id, old.text); END""",
    """CREATE TRIGGER IF NOT EXISTS factbase_claim_fts_au AFTER UPDATE OF text ON factbase_claim
        BEGIN
        INSERT INTO factbase_claim_fts(factbase_claim_fts, rowid, text)
        VALUES ('delete', old.id, old.text);
        INSERT INTO factbase_claim_fts(rowid, text) VALUES (new.id, new.text); END""",
    "INSERT INTO factbase_claim_fts(factbase_claim_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS factbase_claim_fts_ai",
    "DROP TRIGGER IF EXISTS factbase_claim_fts_ad",
    "DROP TRIGGER IF EXISTS factbase_claim_fts_au",
    "DROP TABLE IF EXISTS factbase_claim_fts",
]

INDEX = GinIndex(SearchVector("text", config="english"), name="claim_text_search_idx")


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_FORWARD:
            schema_editor.execute(statement)
    elif schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("factbase", "Claim"), INDEX)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_BACKWARD:
            schema_editor.execute(statement)
    elif schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("factbase", "Claim"), INDEX)


class Migration(migrations.Migration):
    dependencies = [("factbase", "0002_editorial_groups")]
    operations = [migrations.RunPython(forward, backward)]
