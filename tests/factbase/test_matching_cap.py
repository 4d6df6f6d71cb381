"""An ingest request matches at most MATCHED_IN_REQUEST claims; the rest wait, flagged.

A client's article with thousands of check-worthy sentences made the request match every
one of them (5,000 claims: 54 s). The request now matches the first MATCHED_IN_REQUEST
in article order; the others are "not matched yet" (Claim.matched_at null) until
`manage.py match_claims --pending` matches them, and the queue never counts them as
matching nothing.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from factbase.ingest import article_ingest, clean_article
from factbase.ingest.store import MATCHED_IN_REQUEST
from factbase.management.commands import match_claims
from factbase.matching import desk
from factbase.models import Claim, ExternalFactCheck

pytestmark = pytest.mark.django_db
QUEUE = reverse("admin:factbase_claim_changelist")
THINGS = ["roads", "bridges", "schools", "clinics", "libraries", "parks", "buses", "homes"]
FIRST = ["Ann", "Ben", "Cara", "Dev", "Esme", "Finn", "Gail", "Hugo", "Iris", "Jon", "Kira"]
LAST = ["Abbott", "Barnes", "Carver", "Dunn", "Ellis", "Frost", "Grant", "Hale", "Irwin", "Judd"]


def sentence(n: int) -> str:
    """A check-worthy sentence, a different one for each n (invented for these tests)."""
    return (
        f"The council said it spent £{n * 7 % 900 + 10} million on {n % 50 + 3} "
        f"{THINGS[n % len(THINGS)]} in 20{n % 24:02d}."
    )


def said(n: int) -> str:
    """sentence(n), said by one of 110 people (invented names)."""
    return f"{FIRST[n % 11]} {LAST[n // 11 % 10]} said it: {sentence(n)}"


def ingest_claims(count: int, title: str = "Council spending") -> list[Claim]:
    """Ingest (as the API does) an article of `count` check-worthy sentences; its claims
    in article order."""
    text = "\n\n".join(sentence(n) for n in range(count))
    article = article_ingest(data=clean_article(title=title, text=text)).article
    claims = list(Claim.objects.filter(annotations__article=article).order_by("annotations__start"))
    assert len(claims) == count  # the detector proposes every sentence
    return claims


def queue(client: Client, matched: str) -> set[int]:
    """Every claim the queue's "checked before" filter lists (all pages)."""
    response = client.get(QUEUE, {"matched": matched})
    assert response.status_code == 200, response.status_code
    return set(response.context["cl"].queryset.values_list("pk", flat=True))


@pytest.fixture
def client(editor: Any) -> Client:
    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def elsewhere(db: None) -> ExternalFactCheck:
    return ExternalFactCheck.objects.create(
        publisher="Example Checks",
        url="https://checks.example.org/council-roads/",
        claim_reviewed=sentence(MATCHED_IN_REQUEST + 10),
        rating="False",
    )


def test_a_request_matches_the_first_claims_and_leaves_the_rest_pending(
    client: Client, elsewhere: ExternalFactCheck
) -> None:
    claims = ingest_claims(MATCHED_IN_REQUEST + 50)
    first, rest = claims[:MATCHED_IN_REQUEST], claims[MATCHED_IN_REQUEST:]

    assert all(c.matched_at is not None for c in first)
    assert all(c.matched_at is None for c in rest)
    assert not any(c.matches.exists() for c in rest)
    pending = {c.pk for c in rest}
    assert queue(client, "pending") == pending
    assert not queue(client, "none") & pending
    assert not queue(client, "elsewhere") & pending  # its fact-check is not looked up yet
    assert {c.pk for c in first} <= queue(client, "none") | queue(client, "desk")


def test_match_claims_pending_matches_the_rest_in_bounded_batches(
    client: Client, elsewhere: ExternalFactCheck, monkeypatch: pytest.MonkeyPatch
) -> None:
    claims = ingest_claims(MATCHED_IN_REQUEST + 50)
    stamps = {c.pk: c.matched_at for c in claims[:MATCHED_IN_REQUEST]}
    monkeypatch.setattr(match_claims, "BATCH", 20)
    batches: list[int] = []
    store = desk.claim_matches_store

    def counted(*, claims: Any, new: bool = False) -> int:
        claims = list(claims)
        batches.append(len(claims))
        return store(claims=claims, new=new)

    monkeypatch.setattr(match_claims, "claim_matches_store", counted)

    call_command("match_claims", "--pending", verbosity=0)

    assert batches == [20, 20, 10]  # only the pending claims, 20 at a time
    assert queue(client, "pending") == set()
    matched = Claim.objects.filter(pk__in=[c.pk for c in claims])
    assert not matched.filter(matched_at__isnull=True).exists()
    assert {c.pk: c.matched_at for c in matched if c.pk in stamps} == stamps  # not redone
    assert claims[MATCHED_IN_REQUEST + 10].pk in queue(client, "elsewhere")  # its own words
    listed = queue(client, "none") | queue(client, "desk") | queue(client, "elsewhere")
    assert {c.pk for c in claims} <= listed


def test_match_claims_without_pending_still_matches_every_claim(client: Client) -> None:
    claims = ingest_claims(MATCHED_IN_REQUEST + 5)

    call_command("match_claims", verbosity=0)

    assert not Claim.objects.filter(pk__in=[c.pk for c in claims], matched_at=None).exists()


def test_the_ingests_queries_do_not_grow_with_its_claims() -> None:
    reads, total = [], []
    for n, size in enumerate([MATCHED_IN_REQUEST + 10, MATCHED_IN_REQUEST + 150]):
        # As many people as claims (up to 110), none stored before.
        text = "\n\n".join((said if n else sentence)(1000 * n + k) for k in range(size))
        with CaptureQueriesContext(connection) as queries:
            result = article_ingest(data=clean_article(title=f"Spending {n}", text=text))
        assert result.claims == size
        sql = [q["sql"] for q in queries.captured_queries]
        reads.append(sum(1 for q in sql if not q.startswith("INSERT")))
        total.append(len(sql))

    # Matching's queries (a few a claim) are the same for 110 claims as for 250 (780
    # queries for 250 before the cap), and so are the claimants' (one name or 110); only
    # the bulk inserts take a statement more per ~80 rows on SQLite (its limit of query
    # parameters), one on PostgreSQL.
    assert reads[0] == reads[1]
    assert total[1] - total[0] <= 10
    assert total[1] < 4 * MATCHED_IN_REQUEST


def test_a_small_article_is_matched_whole_in_the_request(client: Client) -> None:
    claims = ingest_claims(3)

    assert all(c.matched_at is not None for c in claims)
    assert queue(client, "pending") == set()


def test_a_refresh_stamps_the_claims_it_matches() -> None:
    claims = ingest_claims(MATCHED_IN_REQUEST + 2)
    waiting = claims[-1]
    assert waiting.matched_at is None

    desk.claim_matches_refresh(claim=waiting)

    waiting.refresh_from_db()
    assert waiting.matched_at is not None
