"""The editorial groups and their permissions, in one place.

editors: create and edit articles, claims, claimants, sources and evidence, and take the
editor's workflow actions (start_review, propose, dismiss, restore).
reviewers: all of that, plus `review_claim` (approve, send_back, reopen).

Migration 0002 creates them; `ensure_editorial_groups` recreates them where a database
was emptied after migrating (a test database flushed between transactional tests).
"""

from __future__ import annotations

from typing import Any

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions

# The permissions the code asks for, by what they let a user do.
DESK_PERMISSION = "factbase.view_claim"  # see unpublished work
EDIT_PERMISSION = "factbase.change_claim"  # edit claims, take the editor's actions
REVIEW_PERMISSION = "factbase.review_claim"  # approve, send back, reopen

EDITABLE = ["article", "claim", "claimant", "annotation", "source", "evidence"]
EDITOR_CODENAMES = [
    *(f"{verb}_{model}" for model in EDITABLE for verb in ("view", "add", "change")),
    "delete_evidence",
    "view_reviewevent",
    # Other fact-checkers' work: read in the desk, never edited (migration 0008 adds it).
    "view_externalfactcheck",
]
REVIEWER_CODENAMES = [*EDITOR_CODENAMES, "review_claim"]
GROUPS = {"editors": EDITOR_CODENAMES, "reviewers": REVIEWER_CODENAMES}


def ensure_editorial_groups(apps: Any = global_apps) -> dict[str, Any]:
    """Create (or complete) the groups with exactly their permissions; returns them by name."""
    app_config = apps.get_app_config("factbase")
    if apps is not global_apps:
        # Historical app registries (migrations) have no permissions yet; make them.
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    # A migration sees the models of its time: permissions of later models come with the
    # migration that creates them (which calls this again).
    known = {model._meta.model_name for model in app_config.get_models()}
    groups = {}
    for name, all_codenames in GROUPS.items():
        codenames = [c for c in all_codenames if _model_of(c) in known]
        group, _ = group_model.objects.get_or_create(name=name)
        permissions = permission_model.objects.filter(
            content_type__app_label="factbase", codename__in=codenames
        )
        if permissions.count() != len(codenames):
            raise LookupError(f"Missing permissions for group {name}.")
        group.permissions.set(permissions)
        groups[name] = group
    return groups


def _model_of(codename: str) -> str:
    """The model a permission codename is about ("review_claim" is about claims)."""
    return codename.split("_", 1)[1]
