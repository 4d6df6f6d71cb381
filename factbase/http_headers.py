"""Response headers every page and API answer carries beyond Django's own.

- `Permissions-Policy`: factbase uses no camera, microphone, location or payment; saying so
  means an injected script or a framed page cannot ask for them.
- `Cache-Control` on the API: a caller that sends credentials (a bearer token or a cookie)
  gets `private, no-store`, so no shared cache keeps a desk view of unpublished claims;
  an anonymous public read may be kept by any cache for `FACTBASE_PUBLIC_MAX_AGE` seconds.
  `Vary: Authorization, Cookie` tells caches the two kinds of caller are different answers.
- The API reference pages (Swagger UI, Redoc) ship inline scripts and styles from
  drf-spectacular's templates; only those pages get them allowed in the CSP.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import patch_vary_headers

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
)

# Statuses a shared cache may keep for an anonymous reader: the answer is the same for
# every anonymous caller until the data changes. Errors that depend on the caller (429)
# or on the moment (5xx) are never stored.
_PUBLIC_STATUSES = frozenset({200, 203, 204, 300, 301, 304, 404, 410})

# drf-spectacular's Swagger UI and Redoc templates carry inline <script> and <style>.
_REFERENCE_PAGES = ("/api/v1/docs/", "/api/v1/redoc/")
_REFERENCE_PAGE_CSP = {
    "script-src": ["'unsafe-inline'"],
    "style-src": ["'unsafe-inline'"],
    "worker-src": ["blob:"],
}


def _sends_credentials(request: HttpRequest) -> bool:
    return bool(request.META.get("HTTP_AUTHORIZATION") or request.COOKIES)


def cache_control(request: HttpRequest, response: HttpResponseBase) -> None:
    """Set the API's Cache-Control and Vary for this caller (see the module docstring)."""
    patch_vary_headers(response, ("Authorization", "Cookie"))
    if _sends_credentials(request):
        response["Cache-Control"] = "private, no-store"
    elif "Cache-Control" in response:
        return
    elif request.method in {"GET", "HEAD"} and response.status_code in _PUBLIC_STATUSES:
        response["Cache-Control"] = f"public, max-age={settings.FACTBASE_PUBLIC_MAX_AGE}"
    else:
        response["Cache-Control"] = "no-store"


class EdgeHeadersMiddleware:
    """Permissions-Policy everywhere, Cache-Control under /api/, CSP allowances for docs.

    Sits below django-csp's middleware, so the CSP additions it marks on a response are
    read when that middleware writes the header.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if request.path.startswith("/api/"):
            cache_control(request, response)
        if request.path.startswith(_REFERENCE_PAGES):
            response._csp_update = _REFERENCE_PAGE_CSP  # type: ignore[attr-defined]
        return response
