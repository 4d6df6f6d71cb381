"""The editorial groups and their permissions (see factbase/roles.py)."""

from django.db import migrations

from factbase.roles import GROUPS, ensure_editorial_groups


def create_groups(apps, schema_editor):
    ensure_editorial_groups(apps)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=list(GROUPS)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("factbase", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
