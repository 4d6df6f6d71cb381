"""factbase.js on saved news pages in Chromium, against a live server with the seed's
fact-checks published: which sentences it marks, what the popup says, that the layout
stays, that keyboards reach it, and that a page with no fact-checks is left untouched.

The publisher's page is served by Playwright at the live server's own origin (the API
is then same-origin, so this runs with or without CORS); its canonical link names the
real article address, which is what the script asks the API about.
"""

from __future__ import annotations

import io
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command

from factbase.anchoring import quote_exact
from factbase.models import Claim, Verdict

ROOT = Path(__file__).parents[2]
PAGES = Path(__file__).parent / "pages"
SCREENSHOTS = ROOT / "reports" / "screenshots"
SEED_URL = (
    "https://www.aljazeera.com/news/2025/3/27/"
    "frances-macron-says-not-all-european-countries-agree-on-force-for-ukraine"
)


def publisher_page(page: Any, base: str, name: str, *, script: bool = True) -> list[str]:
    """Open tests/browser/pages/NAME at BASE/news/NAME with the one script tag; returns the
    list that fills with every request the page makes to the factbase API."""
    tag = f'<script src="{base}/static/factbase/factbase.js" data-factbase="{base}" defer></script>'
    page.unroute_all()
    html = (PAGES / name).read_text(encoding="utf-8").replace("<!--FACTBASE-->", tag)
    page.route(
        f"{base}/news/{name}",
        lambda route: route.fulfill(status=200, content_type="text/html", body=html),
    )
    if not script:
        page.route(f"{base}/static/factbase/factbase.js", lambda route: route.fulfill(body=""))
    api: list[str] = []
    page.on("request", lambda r: api.append(r.url) if "/api/" in r.url else None)
    with page.expect_response(lambda r: "/api/v1/annotations/" in r.url) if script else _nothing():
        page.goto(f"{base}/news/{name}")
    page.wait_for_load_state("networkidle")
    return api


class _nothing:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


@pytest.fixture
def seed_published(db: None) -> list[Claim]:
    call_command("ingest", str(ROOT / "seeds"), stdout=io.StringIO())
    call_command("load_factchecks", str(ROOT / "fixtures"), stdout=io.StringIO())
    return list(
        Claim.objects.filter(status="published", annotations__article__url=SEED_URL).order_by(
            "annotations__start"
        )
    )


def _claims_on_page(page: Any) -> list[dict[str, Any]]:
    """Each marked claim: its words (all its marks' text, in order), verdict and popup."""
    return page.evaluate(
        """() => [...document.querySelectorAll("mark.fb-claim[role=button]")].map((c) => {
          const id = c.getAttribute("aria-controls");
          const tip = document.getElementById(id);
          return {
            id, verdict: c.dataset.fbVerdict, describedby: c.getAttribute("aria-describedby"),
            role: tip.getAttribute("role"), hidden: tip.hidden,
            words: [...document.querySelectorAll(`mark.fb-claim[data-fb-for="${id}"]`)]
              .map((m) => m.textContent).join(""),
            tip: tip.innerText, link: tip.querySelector("a").href,
          };
        })"""
    )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_seed_article_page_shows_its_fact_checks(
    live_server: Any, page: Any, seed_published: list[Claim]
) -> None:
    assert len(seed_published) >= 15
    base = live_server.url
    api = publisher_page(page, base, "seed-article.html")
    assert len(api) == 1
    assert "uri=https%3A%2F%2Fwww.aljazeera.com%2Fnews%2F2025%2F3%2F27%2F" in api[0]

    claims = _claims_on_page(page)
    expected = {
        quote_exact(c.annotations.get().exact): Verdict(c.verdict).label for c in seed_published
    }
    assert {c["words"]: c["verdict"] for c in claims} == expected
    for claim in claims:
        assert (claim["role"], claim["hidden"], claim["describedby"]) == (
            "tooltip",
            True,
            claim["id"],
        )

    # Hover: the popup of "nearly 30 countries" (its words cross two links) says what
    # the desk published, and links to the fact-check.
    hosted = next(c for c in seed_published if "nearly 30 countries" in c.annotations.get().exact)
    control = page.locator("mark.fb-claim[role=button]", has_text="Macron hosted the leaders")
    control.hover()
    tip = page.locator(f"#{control.get_attribute('aria-controls')}")
    assert tip.is_visible()
    assert tip.locator(".fb-verdict").inner_text() == Verdict(hosted.verdict).label
    assert tip.locator(".fb-summary").inner_text() == hosted.verdict_summary
    assert tip.locator("a").get_attribute("href") == f"{base}/api/v1/claims/{hosted.pk}/"
    assert control.get_attribute("aria-expanded") == "true"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    control.evaluate("(el) => window.scrollTo(0, el.getBoundingClientRect().top + scrollY - 300)")
    control.hover()
    page.screenshot(path=SCREENSHOTS / "highlighter.png")

    # Keyboard: Tab reaches the claim and opens it, Enter moves to the link, Escape
    # closes and gives focus back to the claim.
    page.mouse.move(0, 0)
    page.keyboard.press("Escape")
    assert tip.is_hidden()
    page.locator("h1").click()
    page.mouse.move(0, 0)  # the left margin: no claim scrolls under the pointer
    page.keyboard.press("Tab")
    for _ in range(30):
        if page.evaluate("document.activeElement.textContent").startswith("Macron hosted"):
            break
        page.keyboard.press("Tab")
    assert tip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.textContent") == "Read the fact-check"
    page.keyboard.press("Escape")
    assert tip.is_hidden()
    assert page.evaluate("document.activeElement.getAttribute('aria-controls')") == (
        control.get_attribute("aria-controls")
    )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_marking_leaves_the_page_text_and_layout_as_they_were(
    live_server: Any, page: Any, seed_published: list[Claim]
) -> None:
    measure = """() => ({
      text: document.querySelector("article").textContent,
      boxes: [...document.querySelectorAll("article p, article h2, aside, figure")]
        .map((e) => { const r = e.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; }),
    })"""
    publisher_page(page, live_server.url, "seed-article.html", script=False)
    before = page.evaluate(measure)
    publisher_page(page, live_server.url, "seed-article.html")
    assert page.locator("mark.fb-claim").count() > len(seed_published)
    assert page.evaluate(measure) == before


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_page_without_fact_checks_is_untouched_after_one_request(
    live_server: Any, page: Any, seed_published: list[Claim]
) -> None:
    snapshot = "() => document.documentElement.outerHTML"
    publisher_page(page, live_server.url, "unchecked-article.html", script=False)
    before = page.evaluate(snapshot)
    api = publisher_page(page, live_server.url, "unchecked-article.html")
    assert api == [
        f"{live_server.url}/api/v1/annotations/?uri="
        "https%3A%2F%2Fwww.example-news.org%2Feurope%2F2025%2F03%2F28%2Fstorm-closes-adriatic-ports"
    ]
    assert page.evaluate(snapshot) == before


def test_the_extension_ships_the_served_script() -> None:
    served = ROOT / "factbase" / "static" / "factbase" / "factbase.js"
    assert (ROOT / "extension" / "factbase.js").read_bytes() == served.read_bytes()
    manifest = json.loads((ROOT / "extension" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["manifest_version"] == 3
    (script,) = manifest["content_scripts"]
    assert script["js"] == ["config.js", "factbase.js"]


@pytest.mark.browser
@pytest.mark.skipif(
    "corsheaders" not in settings.INSTALLED_APPS,
    reason="cross-origin reads need the API's CORS headers (issue 12, item 3)",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_publishers_own_origin_reads_the_api_across_origins(
    live_server: Any, page: Any, seed_published: list[Claim]
) -> None:
    # The publisher's page from a server of its own on this machine (loopback to
    # loopback: Chromium applies CORS and no local-network rule).
    base = live_server.url
    tag = f'<script src="{base}/static/factbase/factbase.js" defer></script>'
    body = (PAGES / "seed-article.html").read_text(encoding="utf-8")
    body = body.replace("<!--FACTBASE-->", tag).encode()

    class Publisher(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Publisher)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with page.expect_response(lambda r: "/api/v1/annotations/" in r.url):
            page.goto(f"http://127.0.0.1:{server.server_port}/news/seed-article.html")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__factbase.marked") == len(seed_published)
        # A tap opens the popup too.
        page.locator("mark.fb-claim[role=button]").first.click()
        assert page.locator(".fb-tip:not([hidden])").count() == 1
    finally:
        server.shutdown()
        server.server_close()
