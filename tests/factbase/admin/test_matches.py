"""The desk's matching: the claim page's candidates, the queue's filters, the decisions."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from factbase.matching.explain import why
from factbase.models import Claim, ClaimStatus, ExternalFactCheck
from tests.factories import ArticleFactory, anchored_claim

pytestmark = pytest.mark.django_db

S = ClaimStatus
# Invented claims, written for these tests.
JOBS = "Senator Kessler said Ohio lost 40,000 factory jobs in 2023."
JOBS_AGAIN = "Ohio lost 40,000 factory jobs in 2023, according to Senator Kessler."
JOBS_ELSEWHERE = "Kessler claims Ohio lost 40,000 factory jobs during 2023."
UNRELATED = "The harbour ferry will run every ten minutes from next spring."


def login(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def change_url(claim: Claim) -> str:
    return reverse("admin:factbase_claim_change", args=[claim.pk])


def page_of(client: Client, claim: Claim) -> str:
    response = client.get(change_url(claim))
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def listed(page: str) -> list[tuple[str, int]]:
    """The candidates on the claim page, in order: (origin, id)."""
    return [
        (origin, int(pk)) for origin, pk in re.findall(r'data-origin="(\w+)" data-id="(\d+)"', page)
    ]


def item(section: str, origin: str, pk: int) -> str:
    """One candidate's list item in the matches section."""
    marker = f'data-origin="{origin}" data-id="{pk}"'
    (found,) = [li for li in section.split('<li class="fb-match ')[1:] if marker in li]
    return found


def claim_with(text: str, **fields: Any) -> Claim:
    article = ArticleFactory(text=text)
    return anchored_claim(article=article, span=(0, len(text)), **fields)


@pytest.fixture
def elsewhere(db: None) -> ExternalFactCheck:
    return ExternalFactCheck.objects.create(
        publisher="Example Checks",
        url="https://checks.example.org/ohio-jobs/",
        claim_reviewed=JOBS_ELSEWHERE,
        claimant="Kessler",
        rating="Mostly false",
    )


def test_the_claim_page_shows_checks_elsewhere_and_in_this_desk_with_why(
    editor: Any, elsewhere: ExternalFactCheck
) -> None:
    claim = claim_with(JOBS)
    again = claim_with(JOBS_AGAIN)
    dismissed = claim_with(JOBS_AGAIN, status=S.DISMISSED)
    claim_with(UNRELATED)

    page = page_of(login(editor), claim)

    found = listed(page)
    assert set(found) == {("external", elsewhere.pk), ("ours", again.pk)}
    assert ("ours", claim.pk) not in found
    assert ("ours", dismissed.pk) not in found
    section = page.split('class="fb-panel fb-matches"')[1].split("</section>")[0]
    assert "Example Checks" in section
    assert "rated “Mostly false”" in section
    assert 'href="https://checks.example.org/ohio-jobs/"' in section
    assert f'href="{change_url(again)}"' in section
    assert "This desk · New" in section
    mine, other = item(section, "ours", again.pk), item(section, "external", elsewhere.pk)
    assert "Same claim?" in mine
    assert "Already checked" in other
    assert re.search(r"score [01]\.\d\d<", other)
    # Capitalised words not starting a sentence are names; digits are numbers, not words.
    assert "names in common: Kessler" in mine
    assert "names in common: Ohio" in other
    assert "numbers in common: 2023, 40000" in other
    assert "words in common: kessler, ohio, lost, factory, jobs" in other


def test_a_claim_nothing_resembles_says_so(editor: Any, elsewhere: ExternalFactCheck) -> None:
    claim = claim_with(UNRELATED)

    page = page_of(login(editor), claim)

    assert listed(page) == []
    assert "Nothing this desk or other fact-checkers published looks like this claim." in page


def test_why_names_what_the_texts_share_and_warns_of_numbers_it_lacks() -> None:
    from factbase import matching

    ExternalFactCheck.objects.create(
        publisher="P", url="https://p.example.org/1", claim_reviewed="Ohio lost 90,000 jobs."
    )
    (found,) = matching.find_matches("Ohio lost 40,000 jobs in Texas, said Kessler.", 1)

    reasons = why("Ohio lost 40,000 jobs in Texas, said Kessler.", found.text, found.row)

    assert "words in common: ohio, lost, jobs" in reasons
    assert reasons[-1] == "but it states numbers this claim does not: 90000"


@pytest.mark.parametrize("repeats", [1, 8])
def test_the_matches_cost_the_same_queries_however_many_candidates(
    repeats: int, editor: Any, django_assert_num_queries: Any
) -> None:
    claim = claim_with(JOBS)
    for n in range(repeats):
        claim_with(f"{JOBS_AGAIN} ({n})")
        ExternalFactCheck.objects.create(
            publisher="P", url=f"https://p.example.org/{n}", claim_reviewed=JOBS_ELSEWHERE
        )
    client = login(editor)
    client.get(change_url(claim))  # warm the process-wide caches (content types)

    # session, user, claim, permissions (2), evidence, annotations with the article,
    # neighbours, history, and the matches': two index lookups, then the fact-checks
    # and the claims (with their claimants) found.
    with django_assert_num_queries(13):
        page = page_of(client, claim)

    assert len(listed(page)) == min(5, 2 * repeats)
