"""Claim.matched_at: when a claim's matches were stored; null while it is not matched yet.

An ingest request now matches only its first claims (factbase.ingest.store
.MATCHED_IN_REQUEST); `manage.py match_claims --pending` matches the rest. The claims
already stored were matched when they came in (or by `match_claims`), so they are
stamped with the time of this migration: the queue keeps showing them as it did. A
claim ingested with `ingest --no-match` and never matched since cannot be told apart
from one that matched nothing; `manage.py match_claims` re-matches every claim.

The partial index holds the pending claims only, the few `match_claims --pending` reads.
"""

from django.db import migrations, models
from django.utils import timezone


def stamp_existing(apps, schema_editor):
    claims = apps.get_model("factbase", "Claim").objects.using(schema_editor.connection.alias)
    claims.filter(matched_at__isnull=True).update(matched_at=timezone.now())


class Migration(migrations.Migration):
    dependencies = [("factbase", "0017_search_term_statistics")]

    operations = [
        migrations.AddField(
            model_name="claim",
            name="matched_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(stamp_existing, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="claim",
            index=models.Index(
                condition=models.Q(("matched_at__isnull", True)),
                fields=["id"],
                name="claim_pending_match_idx",
            ),
        ),
    ]
