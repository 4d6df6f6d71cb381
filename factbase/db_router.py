"""Reads to the replica, writes to the primary, and a client's reads after its own writes.

Active only when DATABASE_REPLICA_URL configures a "replica" database (settings.py adds
the router and the middleware then). A streaming replica lags the primary by a moment,
so these go to the primary:

- every write, and every read in the rest of the request (or command) that wrote;
- every read inside a transaction (it must see the transaction's own rows, and a
  `select_for_update` cannot run on a read-only standby);
- for FACTBASE_PRIMARY_STICKY_SECONDS after a write, the reads of the client that wrote,
  told by a cookie, so stateless app servers behind a balancer need share nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import connections
from django.http import HttpRequest, HttpResponse

PRIMARY = "default"
REPLICA = "replica"
STICKY_COOKIE = "factbase_primary"

_read_primary: ContextVar[bool] = ContextVar("factbase_read_primary", default=False)
_wrote: ContextVar[bool] = ContextVar("factbase_wrote", default=False)


def reads_from_primary() -> bool:
    """Whether reads in this context go to the primary (after a write, or while sticky)."""
    return _read_primary.get()


class PrimaryReplicaRouter:
    def db_for_read(self, model: type[Any], **hints: Any) -> str:
        if _read_primary.get() or connections[PRIMARY].in_atomic_block:
            return PRIMARY
        return REPLICA

    def db_for_write(self, model: type[Any], **hints: Any) -> str:
        _read_primary.set(True)
        _wrote.set(True)
        return PRIMARY

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        # One database, two copies of it: objects from either relate freely.
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == PRIMARY


class ReadYourWritesMiddleware:
    """Each request starts on the replica, unless its client wrote a moment ago."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        tokens = _read_primary.set(STICKY_COOKIE in request.COOKIES), _wrote.set(False)
        try:
            response = self.get_response(request)
            if _wrote.get():
                response.set_cookie(
                    STICKY_COOKIE,
                    "1",
                    max_age=settings.FACTBASE_PRIMARY_STICKY_SECONDS,
                    httponly=True,
                    samesite="Lax",
                    secure=settings.SESSION_COOKIE_SECURE,
                )
            return response
        finally:
            _read_primary.reset(tokens[0])
            _wrote.reset(tokens[1])
