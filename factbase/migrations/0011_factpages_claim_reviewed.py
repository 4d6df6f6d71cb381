"""Claim.claim_reviewed (filled with the short-claim default) and PublishedVersion."""

from __future__ import annotations

import importlib
from typing import Any

import django.db.models.deletion
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


def snapshot_published(apps: Any, schema_editor: Any) -> None:
    """Claims published before snapshots existed get one, so a reopening keeps them public."""
    claim_model = apps.get_model("factbase", "Claim")
    version_model = apps.get_model("factbase", "PublishedVersion")
    for claim in claim_model.objects.filter(status="published").select_related("claimant"):
        evidence = claim.evidence.select_related("source").order_by("id")
        content = {
            f: getattr(claim, f)
            for f in ("text", "claim_reviewed", "kind", "verdict", "verdict_summary")
        }
        content["claimant"] = (
            None
            if claim.claimant is None
            else {"id": claim.claimant.pk, "name": claim.claimant.name, "kind": claim.claimant.kind}
        )
        content["evidence"] = [
            {
                "stance": e.stance,
                "excerpt": e.excerpt,
                "note": e.note,
                "source": {
                    "url": e.source.url,
                    "title": e.source.title,
                    "publisher": e.source.publisher,
                    "archived_url": e.source.archived_url,
                    "published_at": e.source.published_at.isoformat()
                    if e.source.published_at
                    else None,
                },
            }
            for e in evidence
        ]
        version_model.objects.create(
            claim=claim, version=claim.version, published_at=claim.updated_at, content=content
        )


class Migration(migrations.Migration):
    dependencies = [("factbase", "0010_highlighter_quote_context")]

    operations = [
        migrations.AddField(
            model_name="claim",
            name="claim_reviewed",
            field=models.CharField(blank=True, db_default="", max_length=200),
        ),
        migrations.RunPython(restore_sqlite_search, migrations.RunPython.noop),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.CreateModel(
            name="PublishedVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("version", models.PositiveIntegerField()),
                ("published_at", models.DateTimeField()),
                ("content", models.JSONField()),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "claim",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="published_versions",
                        to="factbase.claim",
                    ),
                ),
            ],
            options={
                "ordering": ["claim_id", "-id"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("claim", "version"), name="publishedversion_unique"
                    )
                ],
            },
        ),
        migrations.RunPython(snapshot_published, migrations.RunPython.noop),
    ]
