"""The readers' pages in Chromium: axe-core finds no accessibility violation."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from factbase.models import Claim, ClaimStatus

ROOT = Path(__file__).parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "reports" / "screenshots"


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.x A/AA and best-practice rules run on the page as it is shown."""
    # Evaluated, not added as a <script>: the pages' Content-Security-Policy rightly refuses
    # inline scripts, and axe is the judge here, not part of the page.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("""async () => await axe.run(document, {resultTypes: ['violations']})""")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]]}
        for v in result["violations"]
    ]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_index_and_fact_check_page_have_no_axe_violations(live_server: Any, page: Any) -> None:
    if not AXE.exists():
        pytest.skip("axe-core is not installed (npm ci)")
    call_command("ingest", str(ROOT / "seeds"), stdout=io.StringIO())
    call_command("load_factchecks", str(ROOT / "fixtures"), stdout=io.StringIO())
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1024, "height": 900})

    page.goto(f"{live_server.url}/factchecks/")
    assert page.locator("ol.factchecks > li").count() >= 15
    assert axe_violations(page) == []
    page.screenshot(path=SCREENSHOTS / "factchecks-index.png", full_page=True)

    claim = (
        Claim.objects.filter(status=ClaimStatus.PUBLISHED, evidence__isnull=False)
        .order_by("id")
        .first()
    )
    assert claim is not None
    page.goto(f"{live_server.url}/factchecks/{claim.pk}/")
    assert page.locator("h1").inner_text() == claim.claim_reviewed
    assert page.locator('script[type="application/ld+json"]').count() == 1
    assert axe_violations(page) == []
    page.screenshot(path=SCREENSHOTS / "factcheck-page.png", full_page=True)

    # The judge can fail: an image without a text alternative is a violation.
    page.evaluate("document.querySelector('main').append(document.createElement('img'))")
    assert [v["id"] for v in axe_violations(page)] == ["image-alt"]
