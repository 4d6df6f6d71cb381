from __future__ import annotations

import json
import re
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction

from factbase.models import Annotation, Article, Claim, ClaimStatus, Evidence, ReviewEvent

ROOT = Path(__file__).parents[2]
FIXTURE = ROOT / "fixtures" / "seed-factchecks.json"


def snapshot() -> list[tuple[Any, ...]]:
    return sorted(
        Annotation.objects.values_list(
            "start",
            "end",
            "claim__status",
            "claim__verdict",
            "claim__text",
            "claim__claimant__name",
        )
    )


def load() -> str:
    out = StringIO()
    call_command("load_factchecks", str(ROOT / "fixtures"), stdout=out)
    return out.getvalue()


@pytest.mark.slow  # the seed ingested and loaded twice over: in make test, not the inner loop
@pytest.mark.django_db
def test_fixtures_then_ingest_equals_ingest_then_fixtures() -> None:
    with transaction.atomic():
        call_command("ingest", str(ROOT / "seeds"), stdout=StringIO())
        load()
        after_ingest = snapshot()
        counts = (Article.objects.count(), Claim.objects.count(), Evidence.objects.count())
        transaction.set_rollback(True)  # the other order starts from an empty database
    assert Claim.objects.count() == 0

    load()
    call_command("ingest", str(ROOT / "seeds"), stdout=StringIO())
    assert snapshot() == after_ingest
    assert (Article.objects.count(), Claim.objects.count(), Evidence.objects.count()) == counts


@pytest.mark.slow  # the seed loaded twice: in make test, not the inner loop
@pytest.mark.django_db
def test_loading_twice_changes_nothing() -> None:
    load()
    before = (snapshot(), ReviewEvent.objects.count(), Evidence.objects.count())
    assert "0 published" in load()
    assert (snapshot(), ReviewEvent.objects.count(), Evidence.objects.count()) == before


@pytest.mark.django_db
def test_the_seed_is_fact_checked_with_evidence_and_a_believable_history() -> None:
    load()
    spec = json.loads(FIXTURE.read_text())
    article = Article.objects.get()
    published = Claim.objects.filter(status=ClaimStatus.PUBLISHED)
    assert published.count() == sum(1 for c in spec["claims"] if c["verdict"])
    assert Claim.objects.filter(status=ClaimStatus.IN_REVIEW).count() == sum(
        1 for c in spec["claims"] if not c["verdict"]
    )
    assert Annotation.objects.filter(article=article).count() >= 15
    for claim in published:
        assert claim.evidence.exists()
        actions = list(claim.events.order_by("id").values_list("action", "actor__username"))
        assert actions[0] in (("start_review", "editor"), ("edit", "editor"))
        assert actions[-2:] == [("propose", "editor"), ("approve", "reviewer")]
    for annotation in Annotation.objects.filter(article=article):
        assert article.text[annotation.start : annotation.end] == annotation.exact


@pytest.mark.django_db
def test_every_seed_fact_check_has_a_short_claim_reviewed_and_a_page_embedding_it(
    anon: Any,
) -> None:
    load()
    published = Claim.objects.filter(status=ClaimStatus.PUBLISHED)
    assert published.count() >= 15
    for claim in published:
        review = anon.get(f"/api/v1/claims/{claim.pk}/claimreview/").json()
        assert 0 < len(review["claimReviewed"]) <= 75, review["claimReviewed"]
        assert review["claimReviewed"] == claim.claim_reviewed
        assert review["claimReviewed"][0].isalnum()
        # Its url is the reader's page, which embeds this same document.
        page = anon.get(review["url"].removeprefix("http://testserver"))
        assert page.status_code == 200
        assert page["Content-Type"].startswith("text/html")
        (block,) = re.findall(
            r'<script type="application/ld\+json">(.*?)</script>', page.content.decode(), re.S
        )
        assert json.loads(block) == review
