"""SQLite: an FTS5 index of the text of each published version (PostgreSQL needs none).

A reopened fact-check is searched on its last published text, not its draft's
(factbase.readers.public_search). Reopened claims are few: PostgreSQL parses their
snapshot text on the fly; SQLite's FTS5 cannot match a value outside an index, so the
snapshots get one, kept in step by triggers like the claim's own (migration 0003).
"""

from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS factbase_publishedversion_fts USING fts5(
        text, tokenize='porter unicode61')""",
    """CREATE TRIGGER IF NOT EXISTS factbase_publishedversion_fts_ai
        AFTER INSERT ON factbase_publishedversion BEGIN
        INSERT INTO factbase_publishedversion_fts(rowid, text)
        VALUES (new.id, coalesce(json_extract(new.content, '$.text'), '')); END""",
    """CREATE TRIGGER IF NOT EXISTS factbase_publishedversion_fts_ad
        AFTER DELETE ON factbase_publishedversion BEGIN
        DELETE FROM factbase_publishedversion_fts WHERE rowid = old.id; END""",
    """CREATE TRIGGER IF NOT EXISTS factbase_publishedversion_fts_au
        AFTER UPDATE OF content ON factbase_publishedversion BEGIN
        DELETE FROM factbase_publishedversion_fts WHERE rowid = old.id;
        INSERT INTO factbase_publishedversion_fts(rowid, text)
        VALUES (new.id, coalesce(json_extract(new.content, '$.text'), '')); END""",
    """INSERT INTO factbase_publishedversion_fts(rowid, text)
        SELECT id, coalesce(json_extract(content, '$.text'), '') FROM factbase_publishedversion""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS factbase_publishedversion_fts_ai",
    "DROP TRIGGER IF EXISTS factbase_publishedversion_fts_ad",
    "DROP TRIGGER IF EXISTS factbase_publishedversion_fts_au",
    "DROP TABLE IF EXISTS factbase_publishedversion_fts",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("factbase", "0013_article_detection_skipped")]
    operations = [migrations.RunPython(forward, backward)]
