"""Invariants the database holds by itself."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction

from factbase import review
from factbase.models import Annotation, Claim, ReviewEvent
from tests.factories import ArticleFactory, anchored_claim


@pytest.mark.django_db
def test_review_events_cannot_be_updated(editor: Any) -> None:
    review.claim_transition(claim=anchored_claim(), actor=editor, action="start_review")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        ReviewEvent.objects.update(note="rewritten history")
    assert ReviewEvent.objects.get().note == ""


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite empties test DBs by DELETE")
def test_review_events_cannot_be_deleted_on_postgresql(editor: Any) -> None:
    review.claim_transition(claim=anchored_claim(), actor=editor, action="start_review")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        ReviewEvent.objects.all().delete()
    assert ReviewEvent.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "constraint"),
    [
        ({"start": 5, "end": 5, "exact": ""}, "annotation_start_lt_end"),
        ({"start": 0, "end": 10, "exact": "too short"}, "annotation_exact_matches_span"),
    ],
)
def test_annotation_spans_are_checked(fields: dict[str, Any], constraint: str) -> None:
    claim = anchored_claim()
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        Annotation.objects.create(claim=claim, article=ArticleFactory(), **fields)


@pytest.mark.django_db
def test_one_claim_per_span_per_article() -> None:
    first = anchored_claim()
    article = first.annotations.get().article
    with pytest.raises(IntegrityError), transaction.atomic():
        anchored_claim(article=article)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "constraint"),
    [
        ({"status": "published", "verdict": ""}, "claim_published_has_verdict"),
        ({"status": "limbo"}, "claim_status_valid"),
        ({"verdict": "pants_on_fire"}, "claim_verdict_valid"),
        ({"checkworthiness": 1.5}, "claim_checkworthiness_0_1"),
        ({"kind": "gossip"}, "claim_kind_valid"),
    ],
)
def test_claim_fields_are_checked(fields: dict[str, Any], constraint: str) -> None:
    claim = anchored_claim()
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(**fields)
