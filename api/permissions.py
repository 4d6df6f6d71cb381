from typing import Any

from rest_framework.permissions import BasePermission, DjangoModelPermissionsOrAnonReadOnly
from rest_framework.request import Request

from factbase.selectors import is_desk


class DeskOrReadOnly(DjangoModelPermissionsOrAnonReadOnly):
    """Anyone reads (the queryset decides what); writes need the model permission
    that the `editors` and `reviewers` groups hold."""


class IsDesk(BasePermission):
    """Members of the editorial desk only (editors, reviewers, superusers)."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return is_desk(request.user)
