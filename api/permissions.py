from typing import Any

from rest_framework.permissions import (
    SAFE_METHODS,
    BasePermission,
    DjangoModelPermissionsOrAnonReadOnly,
)
from rest_framework.request import Request

from factbase.selectors import is_desk


def _unsupported(request: Request, view: Any) -> bool:
    # Let an unsupported method reach DRF's 405 instead of failing authentication first.
    method = (request.method or "").lower()
    return method not in view.http_method_names or not hasattr(view, method)


class DeskOrReadOnly(DjangoModelPermissionsOrAnonReadOnly):
    """Anyone reads (the queryset decides what); writes need the model permission
    that the `editors` and `reviewers` groups hold."""

    anonymous_reads = True  # for the schema: safe methods need no credentials

    def has_permission(self, request: Request, view: Any) -> bool:
        if _unsupported(request, view):
            return True
        if request.method not in SAFE_METHODS and not request.user.is_authenticated:
            return False  # a 401 before any lookup can answer 404
        return super().has_permission(request, view)


class IsDesk(BasePermission):
    """Members of the editorial desk only (editors, reviewers, superusers)."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return _unsupported(request, view) or is_desk(request.user)
