"""The HTTP edge's two facts about a request: who is calling, and where we are reached.

Everything that needs the caller's address (DRF's throttles, django-axes' lockouts) asks
`client_ip`, so a forged header cannot fool one while another believes it. Everything that
writes an absolute URL into a body (cursor links, ClaimReview `url`) asks `public_url`, so
it names the configured public origin rather than whatever Host header the caller sent.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _trusted(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return any(address in network for network in settings.FACTBASE_TRUSTED_PROXIES)


def client_ip(request: HttpRequest) -> str:
    """The caller's address: the socket's peer, or what a trusted proxy says it forwarded.

    `X-Forwarded-For` is read only when the peer is one of `FACTBASE_TRUSTED_PROXIES`
    (none by default): then the right-most address in it that is not itself a trusted
    proxy is the caller; addresses to its left were written by the caller and prove
    nothing. A malformed entry stops the walk at the last address we can vouch for.
    """
    remote = str(request.META.get("REMOTE_ADDR", ""))
    peer = _address(remote)
    if peer is None or not _trusted(peer):
        return remote
    forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
    hops = [hop for hop in forwarded.split(",") if hop.strip()]
    caller = peer
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            break
        caller = address
        if not _trusted(address):
            break
    return str(caller)


def public_url(path: str, request: HttpRequest | None = None) -> str:
    """The absolute URL of `path` (an absolute path such as reverse() gives, query allowed).

    Built on `FACTBASE_PUBLIC_URL` when it is set; otherwise on the request's own scheme and
    host (validated against ALLOWED_HOSTS by Django), which is right when the server is
    reached directly. Without either, the path is returned as it is.
    """
    if not path.startswith("/"):
        raise ValueError(f"public_url needs an absolute path, not {path!r}")
    if settings.FACTBASE_PUBLIC_URL:
        return f"{settings.FACTBASE_PUBLIC_URL}{path}"
    if request is not None:
        return request.build_absolute_uri(path)
    return path
