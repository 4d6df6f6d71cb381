"""The Content-Security-Policy holds on the desk's pages in Chromium: no violation, no error.

Issue 9 finding 12. A CSP that the pages break is worse than none (people switch it
off), so the admin's login, queue and claim pages, and the API reference, are loaded in
a real browser that records every `securitypolicyviolation` event and console error.
"""

from __future__ import annotations

from typing import Any

import pytest
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


REDOC_FETCHES_A_CDN = (
    "drf-spectacular's redoc.html links Google Fonts and Redoc's standalone bundle loads its "
    "logo from cdn.redoc.ly: the CSP blocks both (as it should: nothing downloads at run "
    "time). Fix in the API's docs view/template, then this xfail fails and goes."
)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/docs/",
        pytest.param(
            "/api/v1/redoc/", marks=pytest.mark.xfail(strict=True, reason=REDOC_FETCHES_A_CDN)
        ),
    ],
)
def test_the_api_reference_pages_raise_no_csp_violation(
    live_server: Any, page: Any, path: str
) -> None:
    watch = Watch(page)
    assert watch.visit(f"{live_server.url}{path}") == {"violations": [], "errors": []}
