"""Rate limits for anonymous and token callers; FACTBASE_THROTTLING=0 turns them off."""

from typing import Any

from django.conf import settings
from rest_framework.request import Request
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class _Switchable:
    def allow_request(self, request: Request, view: Any) -> bool:
        if not settings.FACTBASE_THROTTLING:
            return True
        allowed: bool = super().allow_request(request, view)  # type: ignore[misc]
        return allowed


class AnonThrottle(_Switchable, AnonRateThrottle):
    pass


class TokenThrottle(_Switchable, UserRateThrottle):
    pass
