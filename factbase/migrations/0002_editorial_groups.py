"""The editorial groups and their permissions.

editors: create and edit articles, claims, claimants, sources and evidence, and take the
editor's workflow actions (start_review, propose, dismiss, restore).
reviewers: all of that, plus `review_claim` (approve, send_back, reopen).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITABLE = ["article", "claim", "claimant", "annotation", "source", "evidence"]
EDITOR_CODENAMES = [
    f"{verb}_{model}" for model in EDITABLE for verb in ("view", "add", "change")
] + ["delete_evidence", "view_reviewevent"]
REVIEWER_CODENAMES = [*EDITOR_CODENAMES, "review_claim"]


def create_groups(apps, schema_editor):
    app_config = apps.get_app_config("factbase")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in (("editors", EDITOR_CODENAMES), ("reviewers", REVIEWER_CODENAMES)):
        group, _ = Group.objects.get_or_create(name=name)
        permissions = Permission.objects.filter(
            content_type__app_label="factbase", codename__in=codenames
        )
        assert permissions.count() == len(codenames), (name, list(permissions))
        group.permissions.set(permissions)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["editors", "reviewers"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("factbase", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
