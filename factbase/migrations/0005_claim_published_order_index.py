"""An index in the order the public lists and the ClaimReview feed page by.

Keyset pagination sorts nullable keys NULLS LAST; PostgreSQL can only walk an index in
that order if the index is built so (the (status, -published_at, -id) index of 0001 is
NULLS FIRST). SQLite indexes have no NULLS clause and sort NULLs first either way, so the
index is PostgreSQL's alone.
"""

from django.db import migrations, models
from django.db.models import F

INDEX = models.Index(
    F("status"),
    F("published_at").desc(nulls_last=True),
    F("id").desc(),
    name="claim_status_pub_nl_idx",
)


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("factbase", "Claim"), INDEX)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("factbase", "Claim"), INDEX)


class Migration(migrations.Migration):
    dependencies = [("factbase", "0004_reviewevent_append_only")]
    operations = [migrations.RunPython(forward, backward)]
