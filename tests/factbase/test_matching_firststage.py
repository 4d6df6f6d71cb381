"""The first stage's term-rarity cut: which query terms reach the index lookup."""

from __future__ import annotations

import pytest

from factbase import matching
from factbase.matching import retrieve
from factbase.models import Claim, ExternalFactCheck
from tests.factories import ClaimFactory


def test_keep_takes_the_rarest_terms_under_the_cut_in_query_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(retrieve, "KEEP", 3)
    monkeypatch.setattr(retrieve, "COMMON", 10)
    terms = ["harbour", "tunnel", "said", "budget", "toll", "missing"]
    documents = {"harbour": 4, "tunnel": 2, "said": 11, "budget": 7, "toll": 4}
    # said: more than COMMON; missing: no document; budget: fourth rarest of five.
    assert retrieve.keep(terms, documents) == ["harbour", "tunnel", "toll"]


def test_ties_in_rarity_go_to_the_earlier_term(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(retrieve, "KEEP", 2)
    assert retrieve.keep(["a1", "b2", "c3", "d4"], {"a1": 5, "b2": 3, "c3": 5, "d4": 5}) == [
        "a1",
        "b2",
    ]


def test_a_query_of_common_words_falls_back_to_its_rarest(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(retrieve, "COMMON", 10)
    monkeypatch.setattr(retrieve, "FALLBACK", 2)
    documents = {"said": 40, "year": 30, "people": 50, "new": 35}
    assert retrieve.keep(["said", "year", "people", "new"], documents) == ["year", "new"]
    assert retrieve.keep(["unheard", "unseen"], documents) == []


# Through each engine's term counts ----------------------------------------------------


def _collection() -> None:
    """40 fact-checks: every one says 'report', one in two 'city', 'ferry' in three, one
    'lighthouse'."""
    ExternalFactCheck.objects.bulk_create(
        ExternalFactCheck(
            publisher="P",
            identifier=f"g{n}",
            claim_reviewed=" ".join(
                ["The report"]
                + (["about the city"] if n % 2 == 0 else [])
                + (["ferry"] if n < 3 else [])
                + (["lighthouse"] if n == 7 else [])
            ),
        )
        for n in range(40)
    )


@pytest.mark.django_db
def test_the_counts_are_the_documents_holding_each_term() -> None:
    _collection()
    ClaimFactory(text="The ferry report.")
    counts = retrieve.documents(["reports", "city", "ferries", "lighthouse", "kettle"])
    assert counts["external"] == {"reports": 40, "city": 20, "ferries": 3, "lighthouse": 1}
    assert counts["claim"] == {"reports": 1, "ferries": 1}


@pytest.mark.django_db
def test_the_counts_follow_updates_and_deletes() -> None:
    _collection()
    ExternalFactCheck.objects.filter(identifier__in=["g0", "g1"]).update(
        claim_reviewed="A lighthouse"
    )
    ExternalFactCheck.objects.filter(identifier="g2").delete()
    counts = retrieve.documents(["report", "ferry", "lighthouse", "city"])
    assert counts["external"] == {"report": 37, "lighthouse": 3, "city": 18}


@pytest.mark.django_db
def test_the_lookup_asks_only_for_the_rare_terms(monkeypatch: pytest.MonkeyPatch) -> None:
    _collection()
    monkeypatch.setattr(retrieve, "COMMON", 10)
    kept = retrieve.kept_terms("City report: the ferry and the lighthouse")
    assert kept == {"external": ["ferry", "lighthouse"], "claim": []}
    external, claims = retrieve.candidates("City report: the ferry and the lighthouse")
    held = {"g0", "g1", "g2", "g7"}
    assert {ExternalFactCheck.objects.get(pk=pk).identifier for pk, _ in external} == held
    assert claims == []


@pytest.mark.django_db
def test_common_words_alone_still_find_candidates_up_to_the_cap(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _collection()
    monkeypatch.setattr(retrieve, "COMMON", 10)
    assert retrieve.kept_terms("report city")["external"] == ["report", "city"]
    external, _ = retrieve.candidates("report city", limit=25)
    assert len(external) == 25
    # BM25 and ts_rank both put the 20 rows holding both words first.
    firsts = ExternalFactCheck.objects.filter(pk__in=[pk for pk, _ in external[:20]])
    assert all("city" in check.claim_reviewed for check in firsts)


@pytest.mark.django_db
def test_words_no_document_holds_make_no_lookup() -> None:
    _collection()
    assert retrieve.kept_terms("kettle teapot") == {"external": [], "claim": []}
    assert matching.find_matches("kettle teapot") == []


@pytest.mark.django_db
def test_a_write_that_leaves_the_words_alone_touches_no_count(editor: object) -> None:
    """A review transition rewrites the claim's row, not its words: the counts' rows stay
    untouched, so claims under review never queue on the lock of a common word's count."""
    from django.db import connection

    from factbase import review

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL keeps the counts in a table; SQLite reads the index itself")
    claim = ClaimFactory(text="The ferry report.")

    def versions() -> dict[str, str]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT term, ctid::text FROM factbase_searchterm WHERE source = 'claim'"
            )
            return dict(cursor.fetchall())

    before = versions()
    review.claim_transition(claim=claim, actor=editor, action="start_review")
    Claim.objects.filter(pk=claim.pk).update(text="The ferry report.")

    assert versions() == before
    assert set(before) >= {"ferri", "report"}
