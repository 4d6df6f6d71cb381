"""Claim.claim_reviewed, filled for existing claims with the short-claim default."""

from __future__ import annotations

import importlib
from typing import Any

from django.db import migrations, models


def restore_sqlite_search(apps: Any, schema_editor: Any) -> None:
    """SQLite adds a NOT NULL column by rebuilding the table, which drops its triggers:
    the FTS5 triggers of 0003 are put back and the index rebuilt."""
    if schema_editor.connection.vendor != "sqlite":
        return
    search = importlib.import_module("factbase.migrations.0003_claim_search")
    for statement in search.SQLITE_FORWARD:
        schema_editor.execute(statement)


def fill(apps: Any, schema_editor: Any) -> None:
    # The rule lives in factbase.shortclaim; a later change of the rule is a new migration.
    from factbase.shortclaim import short_claim

    claim_model = apps.get_model("factbase", "Claim")
    batch = []
    for claim in claim_model.objects.filter(claim_reviewed="").only("id", "text").iterator():
        claim.claim_reviewed = short_claim(claim.text)
        batch.append(claim)
        if len(batch) >= 1000:
            claim_model.objects.bulk_update(batch, ["claim_reviewed"])
            batch = []
    claim_model.objects.bulk_update(batch, ["claim_reviewed"])


class Migration(migrations.Migration):
    dependencies = [("factbase", "0007_claim_search_statistics")]

    operations = [
        migrations.AddField(
            model_name="claim",
            name="claim_reviewed",
            field=models.CharField(blank=True, max_length=200),
        ),
        migrations.RunPython(restore_sqlite_search, migrations.RunPython.noop),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
