"""Other fact-checkers' published fact-checks, and the full-text index matching reads.

SQLite: an FTS5 table over claim and headline kept in step by triggers (as 0003 does for
claims). PostgreSQL: a stored tsvector column with a GIN index (as 0006 does for claims).
"""

from django.db import migrations, models

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS factbase_externalfactcheck_fts USING fts5(
        claim_reviewed, title, content='factbase_externalfactcheck', content_rowid='id',
        tokenize='porter unicode61')""",
    """CREATE TRIGGER IF NOT EXISTS factbase_externalfactcheck_fts_ai
        AFTER INSERT ON factbase_externalfactcheck BEGIN
        INSERT INTO factbase_externalfactcheck_fts(rowid, claim_reviewed, title)
        VALUES (new.id, new.claim_reviewed, new.title); END""",
    """CREATE TRIGGER IF NOT EXISTS factbase_externalfactcheck_fts_ad
        AFTER DELETE ON factbase_externalfactcheck BEGIN
        INSERT INTO factbase_externalfactcheck_fts(factbase_externalfactcheck_fts, rowid,
            claim_reviewed, title)
        VALUES ('delete', old.id, old.claim_reviewed, old.title); END""",
    """CREATE TRIGGER IF NOT EXISTS factbase_externalfactcheck_fts_au
        AFTER UPDATE OF claim_reviewed, title ON factbase_externalfactcheck BEGIN
        INSERT INTO factbase_externalfactcheck_fts(factbase_externalfactcheck_fts, rowid,
            claim_reviewed, title)
        VALUES ('delete', old.id, old.claim_reviewed, old.title);
        INSERT INTO factbase_externalfactcheck_fts(rowid, claim_reviewed, title)
        VALUES (new.id, new.claim_reviewed, new.title); END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS factbase_externalfactcheck_fts_ai",
    "DROP TRIGGER IF EXISTS factbase_externalfactcheck_fts_ad",
    "DROP TRIGGER IF EXISTS factbase_externalfactcheck_fts_au",
    "DROP TABLE IF EXISTS factbase_externalfactcheck_fts",
]
POSTGRES_FORWARD = [
    "ALTER TABLE factbase_externalfactcheck ADD COLUMN search_vector tsvector GENERATED "
    "ALWAYS AS (to_tsvector('english'::regconfig, coalesce(claim_reviewed, '') || ' ' || "
    "coalesce(title, ''))) STORED",
    "CREATE INDEX externalfactcheck_search_idx ON factbase_externalfactcheck "
    "USING gin (search_vector)",
]
POSTGRES_BACKWARD = ["ALTER TABLE factbase_externalfactcheck DROP COLUMN search_vector"]


def groups_read_external(apps, schema_editor):
    from factbase.roles import ensure_editorial_groups

    ensure_editorial_groups(apps)


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}.get(vendor, []):
        schema_editor.execute(statement)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for statement in {"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}.get(vendor, []):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("factbase", "0008_integrity_history_and_claimant_key")]
    operations = [
        migrations.CreateModel(
            name="ExternalFactCheck",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("publisher", models.CharField(max_length=200)),
                ("publisher_url", models.URLField(blank=True, max_length=2000)),
                ("url", models.URLField(blank=True, max_length=2000, null=True, unique=True)),
                ("identifier", models.CharField(blank=True, max_length=200, null=True, unique=True)),
                ("claim_reviewed", models.TextField()),
                ("title", models.TextField(blank=True)),
                ("claimant", models.CharField(blank=True, max_length=300)),
                ("rating", models.CharField(blank=True, max_length=200)),
                ("published_at", models.DateField(blank=True, null=True)),
                ("claim_date", models.DateField(blank=True, null=True)),
                ("imported_at", models.DateTimeField(auto_now_add=True)),
            ],
            options={
                "ordering": ["-id"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("url__isnull", False), ("identifier__isnull", False), _connector="OR"),
                        name="externalfactcheck_has_url_or_identifier",
                    )
                ],
            },
        ),
        migrations.RunPython(forward, backward),
        migrations.RunPython(groups_read_external, migrations.RunPython.noop),
    ]
