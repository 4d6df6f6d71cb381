"""The desk's matching: the claim page's candidates, the queue's filters, the decisions."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from factbase.ingest import article_ingest, clean_article
from factbase.matching import desk
from factbase.matching.explain import why
from factbase.models import Claim, ClaimMatch, ClaimStatus, ExternalFactCheck
from tests.factories import ArticleFactory, ClaimantFactory, anchored_claim

pytestmark = pytest.mark.django_db
QUEUE = reverse("admin:factbase_claim_changelist")

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
    # neighbours, history, and the matches': decisions, two index lookups, the fact-checks
    # and the claims (with their claimants) found.
    with django_assert_num_queries(14):
        page = page_of(client, claim)

    assert len(listed(page)) == min(5, 2 * repeats)


# The queue's "checked before" filter ----------------------------------------------------------


def queue_ids(client: Client, **params: str) -> list[int]:
    response = client.get(QUEUE, params)
    assert response.status_code == 200, response.status_code
    return [
        int(pk)
        for pk in re.findall(
            r'href="/admin/factbase/claim/(\d+)/change/[^"]*"', response.content.decode()
        )
    ]


def ingested(text: str, title: str) -> Claim:
    """The one claim the detector finds in an article of `text`, as ingest stores it."""
    article = article_ingest(data=clean_article(title=title, text=text)).article
    (claim,) = Claim.objects.filter(annotations__article=article)
    return claim


def test_ingest_stores_each_new_claims_matches_for_the_queue(
    editor: Any, elsewhere: ExternalFactCheck
) -> None:
    first = ingested(JOBS, "Jobs")
    again = ingested(JOBS_AGAIN, "Jobs again")
    alone = ingested(UNRELATED, "Ferries")
    client = login(editor)

    assert ClaimMatch.objects.get(claim=first, match=True).external == elsewhere
    assert ClaimMatch.objects.filter(claim=again, match=True, other=first).exists()
    assert set(queue_ids(client, matched="elsewhere")) == {first.pk, again.pk}
    # The repeat is found from either side: the later claim was matched against the first.
    assert set(queue_ids(client, matched="desk")) == {first.pk, again.pk}
    assert queue_ids(client, matched="none") == [alone.pk]
    assert set(queue_ids(client)) == {first.pk, again.pk, alone.pk}


@pytest.mark.parametrize("value", ["yes", "ELSEWHERE", "elsewhere ", "1"])
def test_a_checked_before_value_the_filter_does_not_know_gives_an_empty_queue(
    editor: Any, elsewhere: ExternalFactCheck, value: str
) -> None:
    ingested(JOBS, "Jobs")

    assert queue_ids(login(editor), matched=value) == []


def test_an_unusable_checked_before_value_is_a_400(editor: Any) -> None:
    assert login(editor).get(QUEUE, {"matched": "desk\x00"}).status_code == 400
    assert login(editor).get(QUEUE, {"matched": "x" * 2000}).status_code == 400


def test_a_dismissed_repeat_no_longer_counts(editor: Any) -> None:
    first = ingested(JOBS, "Jobs")
    again = ingested(JOBS_AGAIN, "Jobs again")
    Claim.objects.filter(pk=again.pk).update(status=S.DISMISSED)

    # The dismissed claim still repeats the first (under the Dismissed tab); the first no
    # longer repeats anything live.
    assert queue_ids(login(editor), matched="desk") == [again.pk]
    assert first.pk in queue_ids(login(editor), matched="none")


def test_publishing_refreshes_the_stored_matches_around_the_claim(
    editor: Any, publish: Any
) -> None:
    waiting = ingested(JOBS, "Jobs")
    # Stored before the claim it repeats had these words: nothing matched then.
    published = claim_with("The harbour ferry timetable changes in spring.")
    assert not ClaimMatch.objects.filter(claim=waiting, other=published).exists()
    Claim.objects.filter(pk=published.pk).update(text=JOBS_AGAIN)  # as an edit in review would
    published.refresh_from_db()

    publish(published)

    assert ClaimMatch.objects.get(claim=waiting, other=published).match is True
    assert ClaimMatch.objects.get(claim=published, other=waiting).match is True


@pytest.mark.parametrize("claims", [2, 12])
def test_the_filtered_queue_costs_the_same_queries_however_many_claims(
    claims: int, editor: Any, elsewhere: ExternalFactCheck, django_assert_num_queries: Any
) -> None:
    for n in range(claims):
        claim = claim_with(f"{JOBS_AGAIN} ({n})", claimant=ClaimantFactory())
        desk.claim_matches_store(claims=[claim], new=True)
    client = login(editor)
    client.get(QUEUE)  # warm the process-wide caches (content types)

    # session, user, permissions (2), counts (2), rows, annotations with articles, the
    # claimant and article filters (2), status counts: the unfiltered queue's own (an
    # editor has no approval tab); the stored matches are read in the rows' queries.
    with django_assert_num_queries(11):
        ids = queue_ids(client, matched="elsewhere")

    assert len(ids) == claims


def test_match_claims_stores_matches_with_what_was_imported_since(editor: Any) -> None:
    from django.core.management import call_command

    claim = ingested(JOBS, "Jobs")
    assert queue_ids(login(editor), matched="elsewhere") == []
    ExternalFactCheck.objects.create(
        publisher="Example Checks", url="https://checks.example.org/j/", claim_reviewed=JOBS
    )

    call_command("match_claims", verbosity=0)

    assert queue_ids(login(editor), matched="elsewhere") == [claim.pk]
