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
UNRELATED = "The harbour ferry carried 2.1 million passengers in 2024, the port authority said."


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
    # neighbours, history, and the matches': decisions, the terms' document counts, two
    # index lookups, the fact-checks and the claims (with their claimants) found.
    with django_assert_num_queries(15):
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
    assert queue_ids(client, matched="pending") == []  # a short article is matched whole
    assert set(queue_ids(client)) == {first.pk, again.pk, alone.pk}


def test_the_checked_before_filter_offers_its_four_choices(editor: Any) -> None:
    page = login(editor).get(QUEUE).content.decode()

    offered = re.findall(r'href="\?matched=(\w+)"[^>]*>([^<]+)<', page)
    assert offered == [
        ("elsewhere", "Already checked elsewhere"),
        ("desk", "Repeats a claim in this desk"),
        ("none", "Neither"),
        ("pending", "Not matched yet"),
    ]


@pytest.mark.parametrize("value", ["yes", "ELSEWHERE", "elsewhere ", "1", "PENDING"])
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


# Editors' decisions: different, same claim --------------------------------------------------


DECIDE = "admin:factbase_claim_match_decision"


def decide(client: Client, claim: Claim, **data: Any) -> Any:
    return client.post(reverse(DECIDE, args=[claim.pk]), data)


def messages_after(client: Client, response: Any) -> list[str]:
    assert response.status_code == 302, response.status_code
    return [str(m) for m in client.get(response["Location"]).context["messages"]]


def test_different_is_remembered_and_never_suggested_again(
    editor: Any, elsewhere: ExternalFactCheck
) -> None:
    first = ingested(JOBS, "Jobs")
    again = ingested(JOBS_AGAIN, "Jobs again")
    client = login(editor)

    told = decide(client, first, decision="different", origin="external", target=elsewhere.pk)
    assert messages_after(client, told) == ["Marked different from Example Checks's fact-check."]
    response = decide(client, again, decision="different", origin="ours", target=first.pk)

    assert messages_after(client, response) == [f"Marked different from claim #{first.pk}."]
    assert listed(page_of(client, first)) == []  # the pair is decided either way round
    assert listed(page_of(client, again)) == [("external", elsewhere.pk)]
    assert queue_ids(client, matched="elsewhere") == [again.pk]
    assert queue_ids(client, matched="desk") == []
    # Stored again (after an import, say), a decided pair still does not come back.
    desk.claim_matches_store(claims=[first, again])
    assert listed(page_of(client, first)) == []
    assert queue_ids(client, matched="desk") == []


def test_same_claim_closes_the_newer_one_and_its_appearance_joins_the_published_claim(
    editor: Any, reviewer: Any, publish: Any
) -> None:
    original = claim_with(JOBS)
    original = publish(original)
    published_before = (original.text, original.verdict, original.verdict_summary)
    evidence_before = list(original.evidence.values_list("pk", flat=True))
    snapshots_before = list(original.published_versions.values_list("pk", "content"))
    duplicate = ingested(JOBS_AGAIN, "Jobs again")
    (appearance,) = duplicate.annotations.all()
    client = login(editor)
    page = page_of(client, duplicate)
    assert f"Same claim: close #{duplicate.pk} into #{original.pk}" in page

    response = decide(
        client,
        duplicate,
        decision="same",
        origin="ours",
        target=original.pk,
        expected_version=duplicate.version,
    )

    assert messages_after(client, response) == [
        f"Claim #{duplicate.pk} is closed as a duplicate of #{original.pk}."
    ]
    duplicate.refresh_from_db()
    original.refresh_from_db()
    assert duplicate.status == S.DISMISSED
    appearance.refresh_from_db()
    assert appearance.claim_id == original.pk
    assert list(original.annotations.order_by("id").values_list("claim_id", flat=True)) == [
        original.pk,
        original.pk,
    ]
    # What the published claim says is untouched: text, verdict, evidence, what readers saw.
    assert original.status == S.PUBLISHED
    assert (original.text, original.verdict, original.verdict_summary) == published_before
    assert list(original.evidence.values_list("pk", flat=True)) == evidence_before
    assert list(original.published_versions.values_list("pk", "content")) == snapshots_before
    closed = duplicate.events.order_by("-id").first()
    joined = original.events.order_by("-id").first()
    assert (closed.action, closed.changes, closed.actor_name) == (
        "close_duplicate",
        {"duplicate_of": original.pk},
        editor.username,
    )
    assert (joined.action, joined.changes["duplicate"], joined.claim_version) == (
        "duplicate_joined",
        duplicate.pk,
        original.version,
    )
    dup_page = page_of(client, duplicate)
    assert (
        f'Closed as a duplicate of <a href="{change_url(original)}">claim #{original.pk}</a>'
        in (dup_page)
    )
    assert "Closed as a duplicate" in page_of(client, duplicate)
    assert ("ours", duplicate.pk) not in listed(page_of(client, original))


def test_a_claim_awaiting_approval_takes_no_duplicate(editor: Any, reviewer: Any) -> None:
    from factbase import review
    from tests.factories import EvidenceFactory

    waiting = claim_with(JOBS)
    EvidenceFactory(claim=waiting)
    waiting.refresh_from_db()
    waiting = review.claim_transition(claim=waiting, actor=editor, action="start_review")
    waiting = review.claim_transition(
        claim=waiting, actor=editor, action="propose", verdict="false", summary="No."
    )
    duplicate = ingested(JOBS_AGAIN, "Jobs again")
    client = login(editor)

    assert "awaits approval: what is approved is what was proposed" in page_of(client, duplicate)
    response = decide(
        client,
        duplicate,
        decision="same",
        origin="ours",
        target=waiting.pk,
        expected_version=duplicate.version,
    )

    assert "awaits approval" in messages_after(client, response)[0]
    waiting.refresh_from_db()
    duplicate.refresh_from_db()
    assert (waiting.version, duplicate.status) == (3, S.NEW)
    assert duplicate.annotations.count() == 1
    # The reviewer can still approve exactly what was proposed.
    review.claim_transition(
        claim=waiting, actor=reviewer, action="approve", expected_version=waiting.version
    )


def test_a_stale_same_claim_changes_nothing(editor: Any) -> None:
    original = claim_with(JOBS)
    duplicate = ingested(JOBS_AGAIN, "Jobs again")
    client = login(editor)

    response = decide(
        client, duplicate, decision="same", origin="ours", target=original.pk, expected_version=99
    )

    assert "Someone else changed this claim" in messages_after(client, response)[0]
    assert duplicate.annotations.count() == 1
    assert not duplicate.events.exists()


def test_people_outside_the_desk_cannot_decide(outsider: Any, elsewhere: ExternalFactCheck) -> None:
    claim = ingested(JOBS, "Jobs")
    client = login(outsider)

    response = decide(client, claim, decision="different", origin="external", target=elsewhere.pk)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert not claim.match_decisions.exists()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"decision": "maybe", "origin": "ours", "target": "1"},
        {"decision": "same", "origin": "external", "target": "1"},
        {"decision": "different", "origin": "ours", "target": "abc"},
        {"decision": "different", "origin": "ours", "target": str(2**64)},
        {"decision": "different", "origin": "ours", "target": "-3"},
        {"decision": "same", "origin": "ours", "target": "1", "expected_version": "x"},
    ],
)
def test_a_decision_the_page_cannot_use_is_a_400(editor: Any, data: dict[str, str]) -> None:
    claim = claim_with(JOBS)

    assert decide(login(editor), claim, **data).status_code == 400


def test_a_decision_about_nothing_there_is_a_404(editor: Any) -> None:
    claim = claim_with(JOBS)
    client = login(editor)

    assert (
        decide(client, claim, decision="different", origin="ours", target="999999").status_code
        == 404
    )
    assert (
        decide(client, claim, decision="different", origin="external", target="9999").status_code
        == 404
    )
    assert client.post(reverse(DECIDE, args=["999999"]), {}).status_code == 404


def test_a_claim_is_not_the_same_as_or_different_from_itself(editor: Any) -> None:
    claim = claim_with(JOBS)
    client = login(editor)

    same = decide(
        client, claim, decision="same", origin="ours", target=claim.pk, expected_version=1
    )
    assert messages_after(client, same) == ["A claim is not a duplicate of itself."]
    different = decide(client, claim, decision="different", origin="ours", target=claim.pk)

    assert messages_after(client, different) == ["A claim is not different from itself."]


def test_the_claims_matches_api_leaves_out_what_an_editor_decided(
    editor: Any, client_for: Any, elsewhere: ExternalFactCheck
) -> None:
    from factbase import duplicates

    claim = claim_with(JOBS)
    again = claim_with(JOBS_AGAIN)
    url = f"/api/v1/claims/{claim.pk}/matches/"
    served = {(r["origin"], r["id"]) for r in client_for(editor).get(url).json()["results"]}
    assert served == {("external", elsewhere.pk), ("ours", again.pk)}

    duplicates.match_mark_different(claim=again, actor=editor, other=claim)

    served = {(r["origin"], r["id"]) for r in client_for(editor).get(url).json()["results"]}
    assert served == {("external", elsewhere.pk)}


def test_the_ingest_command_matches_the_claims_it_stores(
    editor: Any, elsewhere: ExternalFactCheck, tmp_path: Any
) -> None:
    from django.core.management import call_command

    (tmp_path / "jobs.txt").write_text(f"Jobs\n\n{JOBS}\n", encoding="utf-8")
    (tmp_path / "ferries.txt").write_text(f"Ferries\n\n{UNRELATED}\n", encoding="utf-8")

    call_command("ingest", str(tmp_path), verbosity=0)

    (jobs,) = Claim.objects.filter(annotations__article__title="Jobs")
    (ferries,) = Claim.objects.filter(annotations__article__title="Ferries")
    assert ClaimMatch.objects.get(claim=jobs, match=True).external == elsewhere
    assert queue_ids(login(editor), matched="elsewhere") == [jobs.pk]
    assert queue_ids(login(editor), matched="none") == [ferries.pk]


def test_the_ingest_command_can_leave_matching_to_match_claims(
    editor: Any, elsewhere: ExternalFactCheck, tmp_path: Any
) -> None:
    from django.core.management import call_command

    (tmp_path / "jobs.txt").write_text(f"Jobs\n\n{JOBS}\n", encoding="utf-8")

    call_command("ingest", str(tmp_path), "--no-match", verbosity=0)

    assert not ClaimMatch.objects.exists()
    (jobs,) = Claim.objects.all()
    assert queue_ids(login(editor), matched="pending") == [jobs.pk]
    assert queue_ids(login(editor), matched="none") == []
    call_command("match_claims", "--pending", verbosity=0)
    assert queue_ids(login(editor), matched="elsewhere") == [jobs.pk]
    assert queue_ids(login(editor), matched="pending") == []
