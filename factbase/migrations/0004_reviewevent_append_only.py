"""ReviewEvent is append-only, held by the database itself.

PostgreSQL refuses UPDATE and DELETE of a row (TRUNCATE, which test databases use to
empty themselves, is a table operation and stays possible). SQLite refuses UPDATE; its
test databases are emptied with DELETE, so there the admin and the absence of any
delete path in the code hold that part.
"""

from django.db import migrations

PG_FORWARD = """
CREATE FUNCTION factbase_reviewevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'factbase_reviewevent is append-only: % refused', TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER factbase_reviewevent_append_only
    BEFORE UPDATE OR DELETE ON factbase_reviewevent
    FOR EACH ROW EXECUTE FUNCTION factbase_reviewevent_append_only();
"""
PG_BACKWARD = """
DROP TRIGGER IF EXISTS factbase_reviewevent_append_only ON factbase_reviewevent;
DROP FUNCTION IF EXISTS factbase_reviewevent_append_only();
"""
SQLITE_FORWARD = """
CREATE TRIGGER factbase_reviewevent_no_update BEFORE UPDATE ON factbase_reviewevent
BEGIN SELECT RAISE(ABORT, 'factbase_reviewevent is append-only: UPDATE refused'); END
"""
SQLITE_BACKWARD = "DROP TRIGGER IF EXISTS factbase_reviewevent_no_update"


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FORWARD, params=None)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_FORWARD)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_BACKWARD)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("factbase", "0003_claim_search")]
    operations = [migrations.RunPython(forward, backward)]
