"""A claim from the seed article, fact-checked end to end in a real browser."""

from __future__ import annotations

import io
import json
import re
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from factbase.models import Claim, ClaimStatus

ROOT = Path(__file__).parents[2]
# Written to the ignored reports/ folder; `make docs` refreshes docs/screenshots/.
SCREENSHOTS = ROOT / "reports" / "screenshots"
PASSWORD = "correct horse battery staple"  # tests.factories.UserFactory's
SEED_CLAIM = "nearly 30 countries"


def log_in(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/admin/login/?next=/admin/factbase/claim/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator(".fb-status-tabs")).to_be_visible()


def log_out(page: Any) -> None:
    page.click("#logout-form button")
    expect(page.locator("h1")).to_contain_text("Logged out")


def snap(page: Any, name: str) -> None:
    """A screenshot of the whole page, taken through a viewport as tall as the page.

    (A full_page screenshot would leave the admin's sticky sidebar halfway down.)
    """
    size = page.viewport_size
    height = page.evaluate("document.documentElement.scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": min(max(height, 600), 4000)})
    page.screenshot(path=SCREENSHOTS / name)
    page.set_viewport_size(size)


def succeeded(page: Any, text: str) -> None:
    expect(page.locator("ul.messagelist li.success")).to_contain_text(text)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_editor_and_reviewer_publish_a_seed_claim_through_the_admin(
    live_server: Any, page: Any, editor: Any, reviewer: Any
) -> None:
    call_command("ingest", str(ROOT / "seeds"), stdout=io.StringIO())
    base = live_server.url
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    # The editor finds the claim in the queue and takes it up.
    log_in(page, base, editor.username)
    page.fill("#searchbar", SEED_CLAIM)
    page.press("#searchbar", "Enter")
    page.locator("#result_list tbody tr").first.locator("th a").click()
    claim_id = int(re.search(r"/claim/(\d+)/change/", page.url)[1])
    expect(page.locator("#claim-words")).to_contain_text(SEED_CLAIM)
    page.click("form.fb-action-start_review button")
    succeeded(page, "now in review")

    # Evidence, found or created by its URL, then a proposed verdict.
    page.fill(
        "#id_evidence-0-url", "https://www.elysee.fr/en/emmanuel-macron/2025/03/27/paris-summit"
    )
    page.fill("#id_evidence-0-source_title", "Paris summit for peace and security in Ukraine")
    page.select_option("#id_evidence-0-stance", "supports")
    page.fill("#id_evidence-0-excerpt", "Some thirty heads of state and government met in Paris.")
    page.click("input[name=_continue]")
    succeeded(page, "was changed successfully")
    page.select_option("#fb-verdict", "mostly_true")
    page.fill("#fb-summary", "About 30 leaders attended; the Élysée lists 31 delegations.")
    page.click("form.fb-action-propose button")
    succeeded(page, "now awaiting approval")
    expect(page.locator("form.fb-action-approve")).to_have_count(0)
    log_out(page)

    # A reviewer approves it from their own queue.
    log_in(page, base, reviewer.username)
    page.click(".fb-tab-mine")
    page.locator(f'#result_list a[href*="/claim/{claim_id}/change/"]').click()
    expect(page.locator("form.fb-action-approve button")).to_be_visible()
    snap(page, "claim.png")
    page.click("form.fb-action-approve button")
    succeeded(page, "now published")

    # The API serves it, published, to anyone.
    with urllib.request.urlopen(f"{base}/api/v1/claims/{claim_id}/") as response:
        served = json.load(response)
    assert (served["status"], served["verdict"]) == ("published", "mostly_true")
    assert Claim.objects.get(pk=claim_id).status == ClaimStatus.PUBLISHED

    page.click(".fb-context h2 a")
    expect(page.locator(f"#claim-{claim_id}")).to_have_class(re.compile("fb-status-published"))
    snap(page, "article.png")
    page.goto(f"{base}/admin/factbase/claim/")
    snap(page, "queue.png")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_editor_sees_a_repeat_checked_before_and_joins_it_to_the_published_claim(
    live_server: Any, page: Any, editor: Any, publish: Any
) -> None:
    from factbase.ingest import article_ingest, clean_article
    from factbase.models import ExternalFactCheck
    from tests.factories import ArticleFactory, anchored_claim

    said = "Senator Kessler said Ohio lost 40,000 factory jobs in 2023."
    first = publish(anchored_claim(article=ArticleFactory(text=said), span=(0, len(said))))
    ExternalFactCheck.objects.create(
        publisher="Example Checks",
        url="https://checks.example.org/ohio-jobs/",
        claim_reviewed="Kessler claims Ohio lost 40,000 factory jobs during 2023.",
        rating="Mostly false",
    )
    again = "Ohio lost 40,000 factory jobs in 2023, according to Senator Kessler."
    article = article_ingest(data=clean_article(title="Jobs again", text=again)).article
    (repeat,) = Claim.objects.filter(annotations__article=article)
    base = live_server.url

    log_in(page, base, editor.username)
    page.goto(f"{base}/admin/factbase/claim/?matched=elsewhere")
    page.locator(f'#result_list a[href*="/claim/{repeat.pk}/change/"]').click()
    matches = page.locator(".fb-matches")
    expect(matches.locator('[data-origin="external"]')).to_contain_text("rated “Mostly false”")
    ours = matches.locator(f'[data-origin="ours"][data-id="{first.pk}"]')
    expect(ours).to_contain_text("This desk · Published")
    expect(ours.locator(".fb-reasons")).to_contain_text("numbers in common: 2023, 40000")
    ours.locator("form.fb-decision-same button").click()

    succeeded(page, f"Claim #{repeat.pk} is closed as a duplicate of #{first.pk}.")
    assert f"/claim/{first.pk}/change/" in page.url
    expect(page.locator(".fb-context")).to_have_count(2)
    expect(page.locator(".fb-event-duplicate_joined")).to_be_visible()
