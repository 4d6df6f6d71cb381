"""Reads go to the read replica, writes and the reads after them to the primary.

Runs on two real PostgreSQL clusters: the primary (DATABASE_URL) and a streaming replica
of it (DATABASE_REPLICA_URL). .ci/run makes the replica on port 5433 and runs this file
with both set; without a replica it is skipped.
"""

from __future__ import annotations

import contextvars
import time
from typing import Any

import pytest
from django.conf import settings
from django.db import DatabaseError, connections, transaction
from django.test.utils import CaptureQueriesContext

from factbase.db_router import STICKY_COOKIE, PrimaryReplicaRouter
from factbase.models import Claim
from tests.factories import ArticleFactory, anchored_claim

pytestmark = [
    pytest.mark.skipif(
        "replica" not in settings.DATABASES,
        reason="no read replica configured: set DATABASE_REPLICA_URL to a streaming replica "
        "of DATABASE_URL (.ci/run makes one on port 5433 and runs this file)",
    ),
    # Committed rows, so that they reach the replica; the migrations' data comes back after.
    pytest.mark.django_db(
        transaction=True, databases=["default", "replica"], serialized_rollback=True
    ),
]


def _caught_up(timeout: float = 15.0) -> None:
    """Wait until the replica has replayed everything the primary has written so far."""
    with connections["default"].cursor() as primary:
        primary.execute("SELECT pg_current_wal_lsn()")
        (target,) = primary.fetchone()
    deadline = time.monotonic() + timeout
    with connections["replica"].cursor() as replica:
        while True:
            replica.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [target])
            if replica.fetchone()[0]:
                return
            assert time.monotonic() < deadline, "the replica did not catch up"
            time.sleep(0.02)


def _queries(client: Any, method: str, url: str, **extra: Any) -> tuple[Any, int, int]:
    """The response and how many queries it sent to the primary and to the replica."""
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections["replica"]) as replica,
    ):
        response = getattr(client, method)(url, **extra)
    return response, len(primary), len(replica)


def test_the_replica_is_a_read_only_copy_of_the_primary() -> None:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery(), current_database()")
        assert cursor.fetchone() == (False, connections["default"].settings_dict["NAME"])
    with connections["replica"].cursor() as cursor:
        cursor.execute("SELECT pg_is_in_recovery(), current_database()")
        assert cursor.fetchone() == (True, connections["default"].settings_dict["NAME"])
    where = [(c.settings_dict["HOST"], c.settings_dict["PORT"]) for c in connections.all()]
    assert len(set(where)) == 2
    with pytest.raises(DatabaseError, match="read-only"), connections["replica"].cursor() as c:
        c.execute("CREATE TABLE nope (id int)")


def test_anonymous_reads_are_served_by_the_replica(anon: Any, publish: Any) -> None:
    claim = publish(anchored_claim(article=ArticleFactory()))
    _caught_up()
    response, on_primary, on_replica = _queries(anon, "get", "/api/v1/claims/")
    assert response.status_code == 200
    assert [c["id"] for c in response.json()["results"]] == [claim.pk]
    assert (on_primary, on_replica) == (0, 2)
    response, on_primary, on_replica = _queries(anon, "get", f"/api/v1/claims/{claim.pk}/")
    assert response.status_code == 200
    assert (on_primary, on_replica) == (0, 2)
    assert STICKY_COOKIE not in response.cookies


def test_a_write_and_the_reads_after_it_go_to_the_primary(
    client_for: Any, editor: Any, anon: Any
) -> None:
    desk = client_for(editor)
    claim = anchored_claim(article=ArticleFactory())
    _caught_up()
    response, on_primary, _ = _queries(
        desk,
        "patch",
        f"/api/v1/claims/{claim.pk}/",
        data={"text": claim.text + " Really."},
        format="json",
        HTTP_IF_MATCH=f'"{claim.version}"',
    )
    assert response.status_code == 200, response.content
    # The write, and the representation read back after it, came from the primary.
    assert response.json()["version"] == claim.version + 1
    assert on_primary >= 2
    assert Claim.objects.using("default").get(pk=claim.pk).version == claim.version + 1
    # The client that wrote is pinned to the primary for a moment, by a cookie.
    cookie = response.cookies[STICKY_COOKIE]
    assert int(cookie["max-age"]) == settings.FACTBASE_PRIMARY_STICKY_SECONDS
    response, on_primary, on_replica = _queries(desk, "get", f"/api/v1/claims/{claim.pk}/")
    assert response.json()["version"] == claim.version + 1
    assert on_primary > 0
    assert on_replica == 0
    # Another client, without the cookie, reads from the replica again.
    _caught_up()
    other = client_for(editor)
    response, on_primary, on_replica = _queries(other, "get", f"/api/v1/claims/{claim.pk}/")
    assert response.status_code == 200
    assert response.json()["version"] == claim.version + 1
    assert on_primary == 0
    assert on_replica > 0


def test_reads_inside_a_transaction_stay_on_the_primary() -> None:
    router = PrimaryReplicaRouter()

    def route() -> tuple[str, str]:
        outside = router.db_for_read(Claim)
        with transaction.atomic():
            return outside, router.db_for_read(Claim)

    # A fresh context: no write has happened in it yet.
    assert contextvars.Context().run(route) == ("replica", "default")
    claim = anchored_claim(article=ArticleFactory())
    with transaction.atomic():
        locked = Claim.objects.select_for_update().get(pk=claim.pk)
        assert locked.pk == claim.pk
