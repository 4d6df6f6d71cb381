"""One key for every form of an article's address.

A browser extension asks for the page the reader is on, and that page is seldom at the
address the article was stored under: `http://` or `https://`, with or without `www.`,
`?utm_source=...` from a newsletter, `#comments`, a trailing slash, its AMP copy. Each of
those is normalised to one form here, and the article is found by the SHA-256 of that form
(fixed width, so one index probe whatever the URL's length).

The reference is the annotation project Hypothesis (hypothesis/h, `h/util/uri.py`): the
same scheme, host, port, path-segment and query handling, with more tracking parameters
and AMP variants, and without the scheme marker (`httpx`) they keep for other schemes:
only web addresses come here.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from urllib.parse import SplitResult, parse_qsl, quote, quote_plus, unquote, urlsplit

WEB_SCHEMES = frozenset({"http", "https"})
DEFAULT_PORTS = {"http": 80, "https": 443}

# Query parameters that say who sent the reader, not which page it is: analytics
# campaigns (Google, Matomo/Piwik, WebTrends, Adobe), ad-click ids (Google, Microsoft,
# Facebook, Yandex, TikTok, Twitter), mail campaigns (Mailchimp, HubSpot, Marketo) and the
# share/referrer tags news sites add. Names compare case-insensitively.
TRACKING_PARAMETERS = re.compile(
    r"""
    utm_[a-z0-9_]+ | pk_[a-z_]+ | mtm_[a-z_]+ | wt\..+ | s_cid | cmpid | ocid | icid
    | gclid | gclsrc | dclid | gbraid | wbraid | msclkid | fbclid | yclid | ttclid | twclid
    | igshid | mc_cid | mc_eid | _hsenc | _hsmi | mkt_tok | _ga | _gl
    | ref | ref_src | ref_url | referrer | smid | at_medium | at_campaign
    """,
    re.VERBOSE | re.IGNORECASE,
)

# RFC 3986 characters left unescaped in a path segment and in query names and values
# (as in h: `&`, `;`, `=` and `+` stay escaped in queries, being delimiters there).
SAFE_SEGMENT = "-._~:@!$&'()*+,;="
SAFE_QUERY_NAME = "-._~:@!$'()*,"
SAFE_QUERY_VALUE = "-._~:@!$'()*,="

# Host labels that name another copy of the same site: `www.`, and AMP caches/hosts.
ALIAS_LABELS = ("www.", "amp.")


def normalize(url: str) -> str:
    """The one form of a web address that every variant of it shares.

    Raises ValueError for what is not an absolute http(s) URL with a host.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in WEB_SCHEMES or not parts.hostname:
        raise ValueError(f"{url!r} is not an absolute http(s) address.")
    port = parts.port  # ValueError for a port that is not a number in range
    host = _host(parts.hostname)
    if port is not None and port != DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    path = _path(parts.path)
    query = _query(parts.query)
    # http and https are one page; the fragment is a place in it, not another page.
    return SplitResult("https", host, path, query, "").geturl()


def address_key(url: str) -> str:
    """The indexed key of `url`: the SHA-256 (hex) of its normal form."""
    return hashlib.sha256(normalize(url).encode("utf-8")).hexdigest()


def _host(hostname: str) -> str:
    host = hostname.lower().rstrip(".")
    if ":" in host:  # an IPv6 literal: urlsplit took its brackets off
        return f"[{host}]"
    # A name IDNA cannot spell (an empty or overlong label) is kept as written.
    with contextlib.suppress(UnicodeError):
        host = host.encode("idna").decode("ascii")
    stripped = True
    while stripped:
        stripped = False
        for label in ALIAS_LABELS:
            rest = host[len(label) :]
            if host.startswith(label) and "." in rest:
                host, stripped = rest, True
    return host


def _path(path: str) -> str:
    segments = [quote(unquote(s), safe=SAFE_SEGMENT) for s in path.split("/")]
    before: list[str] = []
    while segments != before:  # each round only shortens: a few rounds at most
        before = list(segments)
        # A trailing slash, and an AMP copy at /amp/…, /…/amp or ….amp.html, are one page.
        while segments and segments[-1] in ("", "amp"):
            segments.pop()
        if len(segments) > 1 and segments[1] == "amp":
            del segments[1]
        if segments:
            last = segments[-1]
            for suffix, plain in ((".amp.html", ".html"), (".amp", "")):
                if last.endswith(suffix) and len(last) > len(suffix):
                    segments[-1] = last[: -len(suffix)] + plain
                    break
    return "/".join(segments)


def _query(query: str) -> str:
    items = [
        (name, value)
        for name, value in parse_qsl(query, keep_blank_values=True)
        if not TRACKING_PARAMETERS.fullmatch(name) and not _is_amp(name, value)
    ]
    # Order of parameters does not change the page; a stable sort keeps repeated ones in
    # their relative order, which can matter.
    items.sort(key=lambda item: item[0])
    return "&".join(
        f"{quote_plus(name, safe=SAFE_QUERY_NAME)}={quote_plus(value, safe=SAFE_QUERY_VALUE)}"
        for name, value in items
    )


def _is_amp(name: str, value: str) -> bool:
    name = name.lower()
    return name == "amp" or (name in ("outputtype", "output") and value.lower() == "amp")
