"""factbase.addresses: every form of an article's address has one key."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factbase.addresses import address_key, normalize
from factbase.ingest import article_from_fields, article_ingest
from factbase.ingest.article import clean_article

labels = st.from_regex(r"[a-z][a-z0-9-]{0,10}[a-z0-9]", fullmatch=True).filter(
    lambda s: s not in ("www", "amp")
)
segments = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12
).filter(lambda s: "/" not in s and s not in ("amp", ".", ".."))
params = st.lists(
    st.tuples(
        st.from_regex(r"[a-z]{1,6}", fullmatch=True),
        st.from_regex(r"[a-z0-9]{0,6}", fullmatch=True),
    ),
    max_size=4,
    unique_by=lambda p: p[0],
).map(
    lambda items: [
        p for p in items if not p[0].startswith("utm") and p[0] not in ("ref", "amp", "cid")
    ]
)


@st.composite
def addresses(draw: Any) -> tuple[str, list[tuple[str, str]], list[str], str]:
    host = ".".join(draw(st.lists(labels, min_size=2, max_size=3)))
    path = draw(st.lists(segments, min_size=1, max_size=4))
    query = draw(params)
    from urllib.parse import quote, urlencode

    plain = f"https://{host}/" + "/".join(quote(s, safe="") for s in path)
    if query:
        plain += "?" + urlencode(query)
    return host, query, path, plain


@given(st.text(max_size=80).map(lambda s: "https://example.org/" + s))
def test_normalising_twice_changes_nothing(url: str) -> None:
    try:
        once = normalize(url)
    except ValueError:
        return
    assert normalize(once) == once


@given(addresses(), st.data())
def test_every_variant_of_an_address_has_its_key(address: Any, data: Any) -> None:
    host, query, path, plain = address
    from urllib.parse import quote, urlencode

    encoded = "/".join(quote(s, safe="") for s in path)
    shuffled = data.draw(st.permutations(query))
    tracking = [("utm_source", "newsletter"), ("fbclid", "x1"), ("gclid", "y")]
    variants = [
        f"http://{host}/{encoded}" + (f"?{urlencode(query)}" if query else ""),
        f"https://WWW.{host.upper()}:443/{encoded}/" + (f"?{urlencode(shuffled)}" if query else ""),
        f"https://amp.{host}/{encoded}/amp/?"
        + urlencode([*shuffled, *tracking, ("amp", "1")])
        + "#comments",
        f"http://www.{host}:80/amp/{encoded}?" + urlencode([*tracking, *query]),
    ]
    key = address_key(plain)
    assert [address_key(v) for v in variants] == [key] * len(variants)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("https://news.example.org/a", "https://news.example.org/b"),
        ("https://news.example.org/a?id=1", "https://news.example.org/a?id=2"),
        ("https://news.example.org/a", "https://other.example.org/a"),
        ("https://news.example.org:8443/a", "https://news.example.org/a"),
    ],
)
def test_different_pages_keep_different_keys(a: str, b: str) -> None:
    assert address_key(a) != address_key(b)


@pytest.mark.parametrize(
    "url", ["ftp://x.example/a", "mailto:a@b.example", "/relative", "https://"]
)
def test_what_is_not_a_web_address_has_no_key(url: str) -> None:
    with pytest.raises(ValueError, match="not an absolute"):
        normalize(url)


PAGE = """<html lang="en"><head><title>Flood plan approved - Harbor Times</title>
<link rel="canonical" href="https://www.harbortimes.example/news/flood-plan">
<meta property="og:title" content="Harbor City approves $40 million flood plan"></head>
<body><article><h1>Harbor City approves $40 million flood plan</h1>
<p>The Harbor City council voted 7-2 on Monday to spend $40 million on flood defences,
the largest single investment in its history, officials said.</p>
<p>Mayor Lena Ortiz said the walls would protect 12,000 homes by 2028, and that the
work would start in the spring after a final review by engineers.</p></article></body></html>"""


@pytest.mark.django_db
def test_an_article_is_found_again_by_any_form_of_its_address() -> None:
    first = article_ingest(
        data=article_from_fields(html=PAGE, url="https://harbortimes.example/x?utm_source=a")
    )
    assert first.created
    assert first.article.canonical_url == "https://www.harbortimes.example/news/flood-plan"
    assert first.article.reader == "trafilatura"
    again = article_ingest(
        data=clean_article(
            title="Other",
            text="Other words.",
            url="http://harbortimes.example/news/flood-plan/amp/",
        )
    )
    assert (again.created, again.article.pk) == (False, first.article.pk)
