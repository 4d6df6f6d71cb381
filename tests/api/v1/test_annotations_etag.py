"""The annotation page's validators: Cache-Control and an ETag from the publication
version, so a browser extension's repeat is a 304; every change readers would see moves
the ETag (factbase.publication)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.conf import settings
from django.core.cache import cache

from api.v1.standards import AnnotationPagination
from factbase import publication, review
from factbase.ingest.article import ArticleData
from factbase.ingest.store import stored_articles
from tests.factories import ArticleFactory, anchored_claim

SENTENCES = [(0, 61), (62, 116), (117, 163)]
URL = "https://news.example.org/checked"
PAGE = "/api/v1/annotations/"


@pytest.fixture(autouse=True)
def _cold_cache() -> None:
    cache.clear()


def _get(client: Any, uri: str = URL, **extra: Any) -> Any:
    return client.get(PAGE, {"uri": uri, **extra.pop("params", {})}, **extra)


@pytest.mark.django_db
def test_an_anonymous_page_is_public_for_max_age_with_an_etag(anon: Any) -> None:
    response = _get(anon, "https://news.example.org/never-seen")
    assert response.status_code == 200
    assert response["Cache-Control"] == f"public, max-age={settings.FACTBASE_PUBLIC_MAX_AGE}"
    assert response["ETag"][0] == response["ETag"][-1] == '"'
    again = _get(anon, "https://news.example.org/never-seen", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == response["ETag"]
    assert again["Cache-Control"] == f"public, max-age={settings.FACTBASE_PUBLIC_MAX_AGE}"


@pytest.mark.django_db
def test_a_desk_caller_gets_private_no_store_and_the_same_validator(
    anon: Any, client_for: Any, editor: Any
) -> None:
    desk = client_for(editor)
    response = _get(desk)
    assert response["Cache-Control"] == "private, no-store"
    assert response["ETag"] == _get(anon)["ETag"]
    again = _get(desk, HTTP_IF_NONE_MATCH=response["ETag"])
    assert (again.status_code, again["Cache-Control"]) == (304, "private, no-store")


@pytest.mark.django_db
def test_a_weak_or_listed_validator_matches_and_another_does_not(anon: Any) -> None:
    etag = _get(anon)["ETag"]
    assert _get(anon, HTTP_IF_NONE_MATCH=f'"x", W/{etag}').status_code == 304
    assert _get(anon, HTTP_IF_NONE_MATCH='"0-000000000000000000000000"').status_code == 200


@pytest.mark.django_db
def test_the_etag_depends_on_the_address_and_the_page_parameters(anon: Any) -> None:
    seen = {
        _get(anon)["ETag"],
        _get(anon, "https://news.example.org/other")["ETag"],
        # The same article's key, spelled otherwise: the page's id repeats the spelling.
        _get(anon, "http://www.news.example.org/checked/?utm_source=x")["ETag"],
        _get(anon, params={"page_size": "2"})["ETag"],
    }
    assert len(seen) == 4
    assert _get(anon)["ETag"] == _get(anon)["ETag"]


@pytest.mark.django_db
def test_the_etag_depends_on_the_media_type(anon: Any) -> None:
    w3c = _get(anon)
    plain = _get(anon, HTTP_ACCEPT="application/json")
    assert plain["Content-Type"] == "application/json"
    assert w3c["ETag"] != plain["ETag"]
    assert (
        _get(anon, HTTP_ACCEPT="application/json", HTTP_IF_NONE_MATCH=w3c["ETag"]).status_code
        == 200
    )


@pytest.mark.parametrize("clear_cache", [False, True], ids=["cache-kept", "cache-cleared"])
@pytest.mark.django_db
def test_a_publish_turns_the_304_into_a_200(anon: Any, publish: Any, clear_cache: bool) -> None:
    article = ArticleFactory(url=URL)
    publish(anchored_claim(article=article, span=SENTENCES[0]))
    first = _get(anon)
    assert _get(anon, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    publish(anchored_claim(article=article, span=SENTENCES[1]))
    if clear_cache:
        cache.clear()
    after = _get(anon, HTTP_IF_NONE_MATCH=first["ETag"])
    assert after.status_code == 200
    assert len(after.json()["items"]) == 2
    assert after["ETag"] != first["ETag"]
    assert _get(anon, HTTP_IF_NONE_MATCH=after["ETag"]).status_code == 304


@pytest.mark.django_db
def test_an_unknown_page_moves_when_its_first_fact_check_is_published(
    anon: Any, publish: Any
) -> None:
    article = ArticleFactory(url=URL)
    claim = anchored_claim(article=article, span=SENTENCES[0])
    empty = _get(anon)
    assert empty.json()["items"] == []
    publish(claim)
    after = _get(anon, HTTP_IF_NONE_MATCH=empty["ETag"])
    assert (after.status_code, len(after.json()["items"])) == (200, 1)


@pytest.mark.django_db
def test_a_reopen_and_a_dismissal_move_the_etag(anon: Any, publish: Any, reviewer: Any) -> None:
    article = ArticleFactory(url=URL)
    claim = publish(anchored_claim(article=article, span=SENTENCES[0]))
    published = _get(anon)["ETag"]
    claim = review.claim_transition(claim=claim, actor=reviewer, action="reopen", note="Recheck.")
    reopened = _get(anon, HTTP_IF_NONE_MATCH=published)
    assert reopened.status_code == 200
    assert len(reopened.json()["items"]) == 1  # readers keep the published version
    review.claim_transition(claim=claim, actor=reviewer, action="dismiss", note="Withdrawn.")
    dismissed = _get(anon, HTTP_IF_NONE_MATCH=reopened["ETag"])
    assert (dismissed.status_code, dismissed.json()["items"]) == (200, [])


@pytest.mark.django_db
def test_a_new_address_of_a_checked_article_moves_that_address_s_etag(
    anon: Any, publish: Any
) -> None:
    article = ArticleFactory(url=URL)
    publish(anchored_claim(article=article, span=SENTENCES[0]))
    elsewhere = "https://syndicated.example.net/copy-of-checked"
    before = _get(anon, elsewhere)
    assert before.json()["items"] == []
    stored_articles(
        [ArticleData(title="x", text=article.text, url=URL, addresses=(URL, elsewhere))]
    )
    after = _get(anon, elsewhere, HTTP_IF_NONE_MATCH=before["ETag"])
    assert (after.status_code, len(after.json()["items"])) == (200, 1)


@pytest.mark.django_db
def test_edits_nobody_reads_leave_the_version_alone(editor: Any) -> None:
    claim = anchored_claim(article=ArticleFactory(url=URL), span=SENTENCES[0])
    version = publication.public_version()
    review.claim_transition(claim=claim, actor=editor, action="start_review")
    assert publication.public_version() == version


@pytest.mark.django_db
def test_the_bump_drops_a_value_cached_before_its_commit(
    django_capture_on_commit_callbacks: Any,
) -> None:
    before = publication.public_version()
    with django_capture_on_commit_callbacks(execute=True):
        publication.public_version_bump()
        # A reader who read the version before the commit caches the old value.
        cache.set(publication.VERSION_CACHE_KEY, before)
    assert cache.get(publication.VERSION_CACHE_KEY) is None
    assert publication.public_version() > before


@pytest.mark.django_db
def test_a_restored_database_never_hands_out_an_old_version_again() -> None:
    from factbase.models import PublicationVersion

    publication.public_version_bump()
    seen = publication.public_version()
    PublicationVersion.objects.filter(pk=1).update(value=3)  # restored from an old backup
    publication.public_version_bump()
    assert publication.public_version() > seen


@pytest.mark.django_db
def test_the_version_is_cached_no_longer_than_max_age(settings: Any) -> None:
    settings.FACTBASE_PUBLIC_MAX_AGE = 0
    publication.public_version()
    assert cache.get(publication.VERSION_CACHE_KEY) is None


@pytest.mark.django_db
def test_the_lean_page_is_the_paginated_page(
    anon: Any, publish: Any, reviewer: Any, monkeypatch: Any
) -> None:
    """The first page (fixed SQL) holds what the paginated queryset gives, reopened,
    unpublished and other articles' claims included, and falls back to the paginator
    when there is a next page."""
    article = ArticleFactory(url=URL)
    claims = [anchored_claim(article=article, span=span) for span in SENTENCES]
    publish(claims[0])
    review.claim_transition(claim=claims[1], actor=reviewer, action="start_review")  # never out
    reopened = publish(claims[2])
    review.claim_transition(claim=reopened, actor=reviewer, action="reopen", note="Recheck.")
    publish(anchored_claim(article=ArticleFactory(), span=SENTENCES[1]))  # elsewhere
    lean = _get(anon).json()
    paginated = _get(anon, params={"page_size": "100"}).json()
    assert [a["id"] for a in lean["items"]] == [a["id"] for a in paginated["items"]]
    assert lean["items"] == paginated["items"]
    assert len(lean["items"]) == 2
    assert "next" not in lean

    monkeypatch.setattr(AnnotationPagination, "page_size", 1)
    cache.clear()  # pages rendered at the old page size are kept under the same ETag
    first = _get(anon).json()
    assert len(first["items"]) == 1
    assert first["items"] == lean["items"][:1]
    second = anon.get(first["next"]).json()
    assert second["items"] == lean["items"][1:]


def test_the_page_s_models_have_no_init_receivers() -> None:
    """selectors.published_annotations_at builds instances without __init__'s signals."""
    from django.db.models import signals

    from factbase.models import Annotation, Article, Claim

    for model in (Annotation, Claim, Article):
        assert not signals.pre_init.has_listeners(model)
        assert not signals.post_init.has_listeners(model)


@pytest.mark.django_db
def test_a_deferred_field_of_the_lean_page_still_loads(anon: Any, publish: Any) -> None:
    from factbase.addresses import address_key
    from factbase.selectors import published_annotations_at

    article = ArticleFactory(url=URL)
    claim = publish(anchored_claim(article=article, span=SENTENCES[0]))
    (annotation,) = published_annotations_at(address_key(URL), limit=2)
    assert (annotation.claim.pk, annotation.article.pk) == (claim.pk, article.pk)
    assert annotation.claim.get_deferred_fields() >= {"text", "kind"}
    assert annotation.claim.text == claim.text
    assert annotation.article.text == article.text


@pytest.mark.django_db
def test_the_anonymous_rate_limit_still_applies_revalidations_included(
    anon: Any, client_for: Any, editor: Any, settings: Any, monkeypatch: Any
) -> None:
    from api.throttling import AnonThrottle, TokenThrottle

    settings.FACTBASE_THROTTLING = True
    rates = {"anon": "3/min", "user": "3/min"}
    monkeypatch.setattr(AnonThrottle, "THROTTLE_RATES", rates)
    monkeypatch.setattr(TokenThrottle, "THROTTLE_RATES", rates)
    etag = _get(anon)["ETag"]
    assert _get(anon, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert _get(anon, "https://news.example.org/other").status_code == 200
    assert _get(anon, HTTP_IF_NONE_MATCH=etag).status_code == 429
    # A token caller is authenticated as before and counted apart.
    desk = client_for(editor)
    assert _get(desk).status_code == 200


def _answer(client: Any, uri: str, **headers: str) -> tuple[int, bytes, dict[str, str]]:
    response = client.get(PAGE, {"uri": uri}, **headers)
    return response.status_code, response.content, dict(response.items())


@pytest.mark.django_db
def test_the_lean_dispatch_answers_byte_for_byte_as_drf(
    anon: Any, publish: Any, reviewer: Any, monkeypatch: Any
) -> None:
    from api.v1.standards import WebAnnotationList

    article = ArticleFactory(url=URL)
    for span in SENTENCES[:2]:
        publish(anchored_claim(article=article, span=span))
    reopened = publish(anchored_claim(article=article, span=SENTENCES[2]))
    review.claim_transition(claim=reopened, actor=reviewer, action="reopen", note="Recheck.")
    uris = [URL, "http://www.news.example.org/checked/?utm_source=x", "https://nothing.example/"]
    _answer(anon, URL)  # DRF's negotiation for */* is now remembered
    lean = [_answer(anon, uri) for uri in uris]
    lean_304 = _answer(anon, URL, HTTP_IF_NONE_MATCH=lean[0][2]["ETag"])
    monkeypatch.setattr(WebAnnotationList, "lean_dispatch", False)
    drf = [_answer(anon, uri) for uri in uris]
    drf_304 = _answer(anon, URL, HTTP_IF_NONE_MATCH=drf[0][2]["ETag"])
    assert lean == drf
    assert lean_304 == drf_304
    assert lean_304[0] == 304
    assert len(json.loads(lean[0][1])["items"]) == 3


@pytest.mark.django_db
def test_the_lean_dispatch_costs_what_the_drf_path_costs_in_queries(anon: Any) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _answer(anon, "https://warm.example.org/")
    with CaptureQueriesContext(connection) as captured:
        status, _, headers = _answer(anon, "https://nothing.example/")
    assert (status, len(captured.captured_queries)) == (200, 1)
    with CaptureQueriesContext(connection) as captured:
        again = _answer(anon, "https://nothing.example/", HTTP_IF_NONE_MATCH=headers["ETag"])
    assert (again[0], len(captured.captured_queries)) == (304, 0)
