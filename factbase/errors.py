"""The domain's errors, named for what happened. Each one means nothing was changed.

    DomainError
        NotAllowed     the actor may not do this (role, or the four-eyes rule)
        InvalidState   the claim's state forbids it now (a transition the table does not
                       have from here, an edit of a published or awaiting-approval claim)
        InvalidValue   a value is missing or wrong (no verdict, an unknown stance, a URL
                       that is not a web address)
            IngestError    an article that cannot be read or stored (factbase.ingest),
                           naming its file when it came from one
        StaleVersion   the thing changed since the version the caller named
        Conflict       it would duplicate something that exists (a source twice on a claim)

api/exceptions.py maps them to HTTP in one place (403, 409, 400, 412, 409).
"""

from __future__ import annotations


class DomainError(Exception):
    """A write the domain refused; `field` names the input at fault, when there is one."""

    code = "domain_error"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NotAllowed(DomainError):
    code = "not_allowed"


class InvalidState(DomainError):
    code = "invalid_state"


class InvalidValue(DomainError):
    code = "invalid_value"


class StaleVersion(DomainError):
    code = "stale_version"


class Conflict(DomainError):
    code = "conflict"
