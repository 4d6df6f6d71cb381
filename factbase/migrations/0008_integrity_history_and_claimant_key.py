"""The review log keeps the actor's name and the claim's version; claimants get one key.

- ReviewEvent.actor_name: the username as it was, backfilled from today's usernames (the
  best record there is of the past), so a later rename rewrites no history.
- ReviewEvent.claim_version: the claim's version once the event was recorded. Older events
  cannot be given theirs (evidence changes left no event), except the proposal that a claim
  awaiting approval is waiting on: its version is the claim's version now.
- Claimant.name_key: the case- and space-folded name, unique. Claimants that already differ
  only in case or spacing are merged into the oldest; their claims move to it and their
  versions move on (their ETags change).

The append-only trigger of 0004 is lifted for the backfill only, and put back (SQLite
also loses it when it rebuilds the table to add a column).
"""

from django.db import migrations, models
from django.db.models import F

# Deferred foreign-key checks queued in this transaction must run before ALTER TABLE.
PG_LIFT = "SET CONSTRAINTS ALL IMMEDIATE; ALTER TABLE factbase_reviewevent DISABLE TRIGGER factbase_reviewevent_append_only"
PG_RESTORE = "SET CONSTRAINTS ALL IMMEDIATE; ALTER TABLE factbase_reviewevent ENABLE TRIGGER factbase_reviewevent_append_only"
SQLITE_LIFT = "DROP TRIGGER IF EXISTS factbase_reviewevent_no_update"
SQLITE_RESTORE = """
CREATE TRIGGER factbase_reviewevent_no_update BEFORE UPDATE ON factbase_reviewevent
BEGIN SELECT RAISE(ABORT, 'factbase_reviewevent is append-only: UPDATE refused'); END
"""


def _run(schema_editor, statements):
    vendor = schema_editor.connection.vendor
    if vendor in statements:
        schema_editor.execute(statements[vendor], params=None)


def lift(apps, schema_editor):
    _run(schema_editor, {"postgresql": PG_LIFT, "sqlite": SQLITE_LIFT})


def restore(apps, schema_editor):
    _run(schema_editor, {"postgresql": PG_RESTORE, "sqlite": SQLITE_RESTORE})


def name_key(name):
    # factbase.models.claimant_name_key, frozen here as it was when this migration was written.
    return " ".join(name.split()).casefold()


def key_claimants(apps, schema_editor):
    claimant_model = apps.get_model("factbase", "Claimant")
    claim_model = apps.get_model("factbase", "Claim")
    kept = {}
    for claimant in claimant_model.objects.order_by("id"):
        key = name_key(claimant.name)
        if key in kept:
            claims = claim_model.objects.filter(claimant=claimant)
            claims.update(claimant=kept[key], version=F("version") + 1)
            claimant.delete()
            continue
        kept[key] = claimant
        claimant.name_key = key
        claimant.save(update_fields=["name_key"])


def backfill_events(apps, schema_editor):
    event_model = apps.get_model("factbase", "ReviewEvent")
    claim_model = apps.get_model("factbase", "Claim")
    for event in event_model.objects.filter(actor__isnull=False).select_related("actor"):
        event.actor_name = event.actor.username
        event.save(update_fields=["actor_name"])
    for claim in claim_model.objects.filter(status="awaiting_approval"):
        proposal = (
            event_model.objects.filter(claim=claim, action="propose").order_by("-id").first()
        )
        if proposal is not None:
            proposal.claim_version = claim.version
            proposal.save(update_fields=["claim_version"])


class Migration(migrations.Migration):
    dependencies = [("factbase", "0007_claim_search_statistics")]

    operations = [
        migrations.AlterModelOptions(name="reviewevent", options={"ordering": ["-id"]}),
        migrations.RunPython(lift, restore),
        migrations.AddField(
            model_name="reviewevent",
            name="actor_name",
            field=models.CharField(blank=True, max_length=150),
        ),
        migrations.AddField(
            model_name="reviewevent",
            name="claim_version",
            field=models.PositiveIntegerField(blank=True, null=True),
        ),
        migrations.RunPython(backfill_events, migrations.RunPython.noop),
        migrations.RunPython(restore, lift),
        # After the backfill: a merge moves the version of a claim awaiting approval past
        # the proposal's, so it must be sent back and proposed again (its claimant changed).
        migrations.AddField(
            model_name="claimant",
            name="name_key",
            field=models.CharField(editable=False, max_length=200, null=True),
        ),
        migrations.RunPython(key_claimants, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="claimant",
            name="name_key",
            field=models.CharField(editable=False, max_length=200, unique=True),
        ),
    ]
