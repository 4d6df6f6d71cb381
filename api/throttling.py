"""Rate limits for anonymous and token callers; FACTBASE_THROTTLING=0 turns them off.

Anonymous callers are counted by `factbase.web.client_ip`, not by DRF's own reading of
X-Forwarded-For (which takes the header verbatim when NUM_PROXIES is unset, so a random
value per request evaded the limit and a forged one throttled someone else).
"""

from typing import Any

from django.conf import settings
from rest_framework.request import Request
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from factbase.web import client_ip


class _Switchable:
    def allow_request(self, request: Request, view: Any) -> bool:
        if not settings.FACTBASE_THROTTLING:
            return True
        allowed: bool = super().allow_request(request, view)  # type: ignore[misc]
        return allowed

    def get_ident(self, request: Request) -> str:
        return client_ip(request._request)


class AnonThrottle(_Switchable, AnonRateThrottle):
    pass


class TokenThrottle(_Switchable, UserRateThrottle):
    pass
