"""The Content-Security-Policy holds on the desk's pages in Chromium: no violation, no error.

Issue 9 finding 12. A CSP that the pages break is worse than none (people switch it
off), so the admin's login, queue and claim pages, and the API reference, are loaded in
a real browser that records every `securitypolicyviolation` event and console error.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from knox.models import AuthToken
from playwright.sync_api import expect

from factbase.models import ClaimStatus
from tests.factories import anchored_claim

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"  # tests.factories.UserFactory's

RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"}` +
      ` at ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


class Watch:
    """Console errors and CSP violations of every page the browser loads."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.errors: list[str] = []
        page.add_init_script(RECORD_VIOLATIONS)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))

    def _console(self, message: Any) -> None:
        # Chromium asks for /favicon.ico on its own; there is none, and that is no error of
        # the page.
        if message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico"):
            self.errors.append(f"console: {message.text}")

    def visit(self, url: str) -> dict[str, list[str]]:
        response = self.page.goto(url)
        assert response is not None
        assert response.status == 200, url
        assert "default-src 'self'" in (response.headers.get("content-security-policy") or "")
        self.page.wait_for_load_state("networkidle")
        violations = self.page.evaluate("window.__violations")
        errors, self.errors = self.errors, []
        return {"violations": violations, "errors": errors}


def test_the_desk_pages_raise_no_csp_violation(live_server: Any, page: Any, editor: Any) -> None:
    claim = anchored_claim(status=ClaimStatus.IN_REVIEW)
    base = live_server.url
    watch = Watch(page)
    seen = {"login": watch.visit(f"{base}/admin/login/?next=/admin/factbase/claim/")}
    page.fill("#id_username", editor.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator(".fb-status-tabs")).to_be_visible()
    seen["queue"] = watch.visit(f"{base}/admin/factbase/claim/")
    seen["claim"] = watch.visit(f"{base}/admin/factbase/claim/{claim.pk}/change/")
    expect(page.locator("body")).to_contain_text(claim.text[:20])
    seen["article"] = watch.visit(
        f"{base}/admin/factbase/article/{claim.annotations.get().article_id}/change/"
    )
    assert seen == {name: {"violations": [], "errors": []} for name in seen}


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/docs/",
        "/api/v1/redoc/",
    ],
)
def test_the_api_reference_pages_raise_no_csp_violation(
    live_server: Any, page: Any, path: str
) -> None:
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    watch = Watch(page)
    assert watch.visit(f"{live_server.url}{path}") == {"violations": [], "errors": []}
    # The reference is drawn from the document, and nothing was asked of another host.
    expect(page.get_by_text("List claims", exact=True)).not_to_have_count(0)
    elsewhere = [u for u in asked if u.startswith("http") and not u.startswith(live_server.url)]
    assert elsewhere == []


PUBLISHER_PAGE = b"<!doctype html><title>An article</title><p>News.</p>"


class _PublisherPage(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(PUBLISHER_PAGE)))
        self.end_headers()
        self.wfile.write(PUBLISHER_PAGE)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def publisher() -> Iterator[str]:
    """A publisher's article page on another origin (127.0.0.1; the live server is localhost).

    A real server on loopback, not a routed fake host: Chromium refuses a public page's
    requests to loopback (Private Network Access) before CORS is even consulted.
    """
    server = ThreadingHTTPServer(("127.0.0.1", 0), _PublisherPage)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


CROSS_ORIGIN_CALLS = """
async ([api, token, claim]) => {
  const outcome = async (call) => {
    try {
      const response = await call();
      return {
        status: response.status,
        etag: response.headers.get("ETag") !== null,
        body: (await response.text()).length > 0,
      };
    } catch (error) {
      return {refused: error.name};
    }
  };
  return {
    anonymous: await outcome(() => fetch(`${api}/api/v1/claims/${claim}/`)),
    with_cookie: await outcome(() => fetch(`${api}/api/v1/claims/`, {credentials: "include"})),
    token: await outcome(() => fetch(`${api}/api/v1/claims/${claim}/`, {
      headers: {Authorization: `Bearer ${token}`, "If-None-Match": '"nothing"'},
    })),
    cookie_write: await outcome(() => fetch(`${api}/api/v1/articles/`, {
      method: "POST", credentials: "include",
      headers: {"Content-Type": "application/json"},
      body: JSON.stringify({title: "t", text: "The council approved a $12 million budget."}),
    })),
  };
}
"""


def test_a_publisher_page_reads_the_api_but_never_with_the_desk_cookie(
    live_server: Any, page: Any, editor: Any, publisher: str
) -> None:
    """What Chromium itself allows a script on another origin to do with the API."""
    claim = anchored_claim(
        status=ClaimStatus.PUBLISHED, verdict="true", published_at="2025-01-01T00:00:00Z"
    )
    _, token = AuthToken.objects.create(user=editor)
    # The desk's session cookie is in this browser, as on an editor's laptop.
    page.goto(f"{live_server.url}/admin/login/?next=/admin/factbase/claim/")
    page.fill("#id_username", editor.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator(".fb-status-tabs")).to_be_visible()
    assert live_server.url.startswith("http://localhost:")
    page.goto(f"{publisher}/news/article")
    seen = page.evaluate(CROSS_ORIGIN_CALLS, [live_server.url, token, claim.pk])
    assert seen == {
        "anonymous": {"status": 200, "etag": True, "body": True},  # ETag is exposed
        "with_cookie": {"refused": "TypeError"},  # no Access-Control-Allow-Credentials
        "token": {"status": 200, "etag": True, "body": True},  # the preflight passed
        "cookie_write": {"refused": "TypeError"},  # the preflight refuses credentials
    }
