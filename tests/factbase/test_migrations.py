"""Migration 0008 on a database with history: names kept, claimants merged, the log still sealed."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("factbase", "0007_claim_search_statistics")]
AFTER = [("factbase", "0008_integrity_history_and_claimant_key")]


def _migrate(targets: list[tuple[str, str]]) -> Any:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_0008_backfills_names_and_versions_and_merges_claimant_spellings() -> None:
    apps = _migrate(BEFORE)
    user = apps.get_model("auth", "User").objects.create(username="ed")
    claimant_model = apps.get_model("factbase", "Claimant")
    ortiz = claimant_model.objects.create(name="Dana Ortiz")
    twin = claimant_model.objects.create(name="dana  ORTIZ")
    claim_model = apps.get_model("factbase", "Claim")
    claim = claim_model.objects.create(
        text="Budget.", claimant=twin, status="awaiting_approval", verdict="true", version=4
    )
    apps.get_model("factbase", "ReviewEvent").objects.create(
        claim=claim, actor=user, action="propose", from_status="in_review",
        to_status="awaiting_approval",
    )  # fmt: skip

    apps = _migrate(AFTER)
    try:
        event = apps.get_model("factbase", "ReviewEvent").objects.get()
        assert (event.actor_name, event.claim_version) == ("ed", 4)
        claimants = apps.get_model("factbase", "Claimant").objects.all()
        assert [(c.pk, c.name_key) for c in claimants] == [(ortiz.pk, "dana ortiz")]
        moved = apps.get_model("factbase", "Claim").objects.get()
        assert (moved.claimant_id, moved.version) == (ortiz.pk, 5)
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            apps.get_model("factbase", "ReviewEvent").objects.update(note="rewritten")
    finally:
        _migrate(_leaves())


def _leaves() -> list[tuple[str, str]]:
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


BEFORE_0018 = [("factbase", "0017_search_term_statistics")]
AFTER_0018 = [("factbase", "0018_claim_matched_at")]


@pytest.mark.django_db(transaction=True)
def test_0018_counts_the_claims_already_stored_as_matched() -> None:
    apps = _migrate(BEFORE_0018)
    old = apps.get_model("factbase", "Claim").objects.create(text="Budget rose by 4%.")

    apps = _migrate(AFTER_0018)
    try:
        claim = apps.get_model("factbase", "Claim").objects.get(pk=old.pk)
        assert claim.matched_at is not None
        _migrate(BEFORE_0018)  # and back
    finally:
        _migrate(_leaves())
