"""Matching in the desk: stored match outcomes, editors' decisions, duplicate events.

- ClaimMatch: a claim's best matches (another claim of the desk or an imported
  fact-check) with score and `match`, which the queue's filters read.
- ClaimMatchDecision: "different" (never suggested again) or "same" (closed as a
  duplicate of `other`).
- ReviewEvent.action gains close_duplicate and duplicate_joined. SQLite changes a check
  constraint by rebuilding the table, which drops 0004's append-only trigger: it is put
  back here.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

SQLITE_RESTORE = """
CREATE TRIGGER IF NOT EXISTS factbase_reviewevent_no_update BEFORE UPDATE ON factbase_reviewevent
BEGIN SELECT RAISE(ABORT, 'factbase_reviewevent is append-only: UPDATE refused'); END
"""


def restore_append_only(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_RESTORE)


class Migration(migrations.Migration):
    dependencies = [
        ("factbase", "0014_publishedversion_search"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ClaimMatch",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("score", models.FloatField()),
                ("match", models.BooleanField()),
                ("computed_at", models.DateTimeField(auto_now=True)),
            ],
            options={
                "ordering": ["claim_id", "-score"],
            },
        ),
        migrations.CreateModel(
            name="ClaimMatchDecision",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "decision",
                    models.CharField(
                        choices=[("different", "Different claims"), ("same", "Same claim")],
                        max_length=16,
                    ),
                ),
                ("actor_name", models.CharField(blank=True, max_length=150)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
            ],
            options={
                "ordering": ["-id"],
            },
        ),
        migrations.RemoveConstraint(
            model_name="reviewevent",
            name="reviewevent_action_valid",
        ),
        migrations.AlterField(
            model_name="reviewevent",
            name="action",
            field=models.CharField(
                choices=[
                    ("start_review", "Start review"),
                    ("propose", "Propose verdict"),
                    ("approve", "Approve"),
                    ("send_back", "Send back"),
                    ("dismiss", "Dismiss"),
                    ("restore", "Restore"),
                    ("reopen", "Reopen"),
                    ("edit", "Edit"),
                    ("close_duplicate", "Closed as a duplicate"),
                    ("duplicate_joined", "A duplicate joined"),
                ],
                max_length=16,
            ),
        ),
        migrations.AddConstraint(
            model_name="reviewevent",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "action__in",
                        [
                            "start_review",
                            "propose",
                            "approve",
                            "send_back",
                            "dismiss",
                            "restore",
                            "reopen",
                            "edit",
                            "close_duplicate",
                            "duplicate_joined",
                        ],
                    )
                ),
                name="reviewevent_action_valid",
            ),
        ),
        migrations.AddField(
            model_name="claimmatch",
            name="claim",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="matches",
                to="factbase.claim",
            ),
        ),
        migrations.AddField(
            model_name="claimmatch",
            name="external",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="factbase.externalfactcheck",
            ),
        ),
        migrations.AddField(
            model_name="claimmatch",
            name="other",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="matched_by",
                to="factbase.claim",
            ),
        ),
        migrations.AddField(
            model_name="claimmatchdecision",
            name="actor",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="claimmatchdecision",
            name="claim",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="match_decisions",
                to="factbase.claim",
            ),
        ),
        migrations.AddField(
            model_name="claimmatchdecision",
            name="external",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="factbase.externalfactcheck",
            ),
        ),
        migrations.AddField(
            model_name="claimmatchdecision",
            name="other",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="factbase.claim",
            ),
        ),
        migrations.AddConstraint(
            model_name="claimmatch",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("external__isnull", True), ("other__isnull", False)),
                    models.Q(("external__isnull", False), ("other__isnull", True)),
                    _connector="OR",
                ),
                name="claimmatch_other_or_external",
            ),
        ),
        migrations.AddConstraint(
            model_name="claimmatch",
            constraint=models.CheckConstraint(
                condition=models.Q(("other", models.F("claim")), _negated=True),
                name="claimmatch_not_itself",
            ),
        ),
        migrations.AddConstraint(
            model_name="claimmatch",
            constraint=models.UniqueConstraint(
                fields=("claim", "other"), name="claimmatch_unique_other"
            ),
        ),
        migrations.AddConstraint(
            model_name="claimmatch",
            constraint=models.UniqueConstraint(
                fields=("claim", "external"), name="claimmatch_unique_external"
            ),
        ),
        migrations.AddConstraint(
            model_name="claimmatchdecision",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("external__isnull", True), ("other__isnull", False)),
                    models.Q(("external__isnull", False), ("other__isnull", True)),
                    _connector="OR",
                ),
                name="claimmatchdecision_other_or_external",
            ),
        ),
        migrations.AddConstraint(
            model_name="claimmatchdecision",
            constraint=models.CheckConstraint(
                condition=models.Q(("other", models.F("claim")), _negated=True),
                name="claimmatchdecision_not_itself",
            ),
        ),
        migrations.AddConstraint(
            model_name="claimmatchdecision",
            constraint=models.UniqueConstraint(
                fields=("claim", "other"), name="claimmatchdecision_unique_other"
            ),
        ),
        migrations.AddConstraint(
            model_name="claimmatchdecision",
            constraint=models.UniqueConstraint(
                fields=("claim", "external"), name="claimmatchdecision_unique_external"
            ),
        ),
        migrations.AddConstraint(
            model_name="claimmatchdecision",
            constraint=models.CheckConstraint(
                condition=models.Q(("decision__in", ["different", "same"])),
                name="claimmatchdecision_decision_valid",
            ),
        ),
        migrations.RunPython(restore_append_only, migrations.RunPython.noop),
    ]
