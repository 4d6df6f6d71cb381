"""Login lockouts that an attacker cannot turn against the account's owner.

django-axes counts failures per lockout parameter set against one limit. factbase locks the
(username, address) pair at `AXES_FAILURE_LIMIT`, so wrong passwords from elsewhere never
lock the owner out at their own address; and it locks an address as a whole once its
failures over all usernames reach `FACTBASE_LOGIN_ADDRESS_FAILURE_LIMIT`, so one address
cannot spray a common password across every account at five guesses each.
"""

from __future__ import annotations

from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


class PairAndAddressHandler(AxesDatabaseHandler):
    """Axes' database handler, with the address-wide limit beside the per-pair one."""

    def get_failures(self, request: Any, credentials: dict[str, Any] | None = None) -> int:
        pair: int = super().get_failures(request, credentials)
        address = getattr(request, "axes_ip_address", None)
        if not address:
            return pair
        total = AccessAttempt.objects.filter(
            ip_address=address, attempt_time__gte=get_cool_off_threshold(request)
        ).aggregate(total=Sum("failures_since_start"))["total"]
        if (total or 0) >= settings.FACTBASE_LOGIN_ADDRESS_FAILURE_LIMIT:
            # Report the address as at the lockout limit: axes then refuses it and answers
            # with its lockout response, as for a locked pair.
            return max(pair, int(get_failure_limit(request, credentials)))
        return pair
