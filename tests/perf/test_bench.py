"""The benchmark compares like with like: its generated data keep the model's invariants,
and its conventional DRF list and pre-serialized page serve what the API serves."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import transaction

from bench import conventional
from bench.generate import RARE, TABLES, Dataset, Loader
from factbase.models import Annotation, Article, Claim

pytestmark = pytest.mark.urls("bench.urls")


@pytest.fixture
def generated(db: None) -> Dataset:
    conventional._pages.clear()  # pages stored by an earlier test are of other rows
    data = Dataset(claims=60)
    data.rare_every = 3  # plant the rare term in this small set too
    loader = Loader("postgres" if _vendor() == "postgresql" else "sqlite")
    with transaction.atomic():
        loader.insert("factbase_claimant", list(data.claimant_rows()))
        loader.insert("factbase_source", list(data.source_rows()))
        rows = data.article_batch(1, data.articles)
        for table in TABLES:
            if table not in ("factbase_claimant", "factbase_source"):
                loader.insert(table, rows[table])
    return data


def _vendor() -> str:
    from django.db import connection

    return connection.vendor


def test_generated_rows_keep_the_models_invariants(generated: Dataset) -> None:
    assert Claim.objects.count() == 60
    assert Article.objects.count() == 3
    for annotation in Annotation.objects.select_related("article"):
        assert annotation.article.text[annotation.start : annotation.end] == annotation.exact
        assert annotation.exact == Claim.objects.get(pk=annotation.claim_id).text
    published = Claim.objects.filter(status="published")
    assert list(published.values_list("id", flat=True).order_by("id")) == generated.published
    assert not published.filter(verdict="").exists()
    rare = published.filter(text__contains=RARE).count()
    assert rare == generated.planted_published[RARE] > 0


def test_generation_is_deterministic() -> None:
    first, second = Dataset(claims=40), Dataset(claims=40)
    assert first.article_batch(1, 2) == second.article_batch(1, 2)


@pytest.mark.parametrize("params", [{}, {"page_size": 100}])
def test_the_conventional_list_and_the_stored_bytes_serve_the_api_page(
    anon: Any, generated: Dataset, params: dict[str, Any]
) -> None:
    api = anon.get("/api/v1/claims/", params).json()
    conventional = anon.get("/bench/drf/claims/", params).json()
    assert api["results"]
    assert json.dumps(conventional["results"]) == json.dumps(api["results"])
    assert (conventional["next"] is None) == (api["next"] is None)
    stored = anon.get("/bench/bytes/claims/", params)
    page = json.loads(stored.content)
    assert page["results"] == api["results"]
    assert (page["next"] or "").replace("/bench/bytes/", "/api/v1/") == (api["next"] or "")
    assert anon.get("/bench/bytes/claims/", params).content == stored.content
