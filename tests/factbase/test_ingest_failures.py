"""Detection failures and a busy database: named errors, never a crash or a 500."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import OperationalError

from factbase import detect
from factbase.ingest import IngestError
from factbase.models import Article
from tests.api.helpers import assert_problem
from tests.factbase.test_ingest_addresses import PAGE

STORY = "The council voted 7-2 on Monday to spend $40 million, Mayor Lena Ortiz said."


@pytest.mark.django_db
def test_a_folder_stores_every_good_article_and_names_the_one_detection_fails_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real = detect.detect

    def fragile(text: str, **kwargs: Any) -> Any:
        if "POISON" in text:
            raise RecursionError("maximum recursion depth exceeded")
        return real(text, **kwargs)

    monkeypatch.setattr(detect, "detect", fragile)
    for name, body in (("a", STORY), ("b", STORY + " POISON"), ("c", STORY + " Again.")):
        (tmp_path / f"{name}.txt").write_text(f"Title {name}\n{body}")
    with pytest.raises(CommandError, match="1 file"):
        call_command("ingest", str(tmp_path), "--detect-workers", "0")
    assert "b.txt" in capsys.readouterr().err
    assert sorted(Article.objects.values_list("title", flat=True)) == ["Title a", "Title c"]


@pytest.mark.django_db
def test_a_page_posted_as_html_is_read_by_trafilatura(client_for: Any, editor: Any) -> None:
    response = client_for(editor).post(
        "/api/v1/articles/",
        data=json.dumps({"html": PAGE, "url": "https://harbortimes.example/x?utm_source=a"}),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    article = Article.objects.get()
    assert article.title == "Harbor City approves $40 million flood plan"
    assert article.reader == "trafilatura"
    assert article.text.startswith("The Harbor City council voted 7-2")


@pytest.mark.django_db
def test_a_big_page_is_accepted_and_a_big_body_without_html_is_413(
    client_for: Any, editor: Any, settings: Any
) -> None:
    filler = "<div class='ad'>" + "x " * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 2) + "</div>"
    big_page = PAGE.replace("</body>", filler + "</body>")
    client = client_for(editor)
    ok = client.post(
        "/api/v1/articles/", data=json.dumps({"html": big_page}), content_type="application/json"
    )
    assert ok.status_code == 201, ok.content[:300]
    text = "a " * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 2 + 10)
    refused = client.post(
        "/api/v1/articles/",
        data=json.dumps({"title": "T", "text": text}),
        content_type="application/json",
    )
    assert refused.status_code == 413
    assert refused["Content-Type"].startswith("application/problem+json")


@pytest.mark.django_db
def test_a_locked_database_is_503_with_retry_after(
    client_for: Any, editor: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from api.v1 import views

    def locked(**kwargs: Any) -> Any:
        raise OperationalError("database is locked")

    monkeypatch.setattr(views, "article_ingest", locked)
    response = client_for(editor).post(
        "/api/v1/articles/",
        data=json.dumps({"title": "T", "text": STORY}),
        content_type="application/json",
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "2"
    assert response["Content-Type"].startswith("application/problem+json")


def _page_of(paragraphs: int) -> str:
    # Short paragraphs with inline markup inside <article>: the shape on which trafilatura's
    # own extraction grows faster than the page (20,000 of them took 8.4 s, 10,000 1.7 s).
    body = "".join(f"<p>Ward {i} <b>voted</b> to keep the library.</p>" for i in range(paragraphs))
    return (
        "<html><head><title>Council keeps the libraries</title></head><body><article>"
        f"<h1>Council keeps the libraries</h1>{body}</article></body></html>"
    )


def test_a_page_over_the_element_limit_is_refused_before_it_is_read() -> None:
    from factbase.ingest.formats import MAX_STORY_ELEMENTS, read_html

    with pytest.raises(IngestError, match=f"{MAX_STORY_ELEMENTS:,} elements") as refused:
        read_html(_page_of(MAX_STORY_ELEMENTS // 2 + 1))  # a <p> and a <b> each
    assert refused.value.field == "html"
    page = read_html(_page_of(MAX_STORY_ELEMENTS // 2 - 10))
    assert page.text.startswith("Ward 0 voted to keep the library.")


@pytest.mark.django_db
def test_the_api_refuses_a_page_over_the_element_limit_and_stores_nothing(
    client_for: Any, editor: Any
) -> None:
    from factbase.ingest.formats import MAX_STORY_ELEMENTS

    response = client_for(editor).post(
        "/api/v1/articles/",
        data=json.dumps({"html": _page_of(MAX_STORY_ELEMENTS)}),
        content_type="application/json",
    )
    body = assert_problem(response, 400, field="html")
    assert f"{MAX_STORY_ELEMENTS:,}" in body["detail"] + json.dumps(body["errors"])
    assert Article.objects.count() == 0


def test_a_page_of_too_many_elements_is_refused_before_any_work_on_it() -> None:
    from factbase.ingest.formats import MAX_PAGE_ELEMENTS, read_html

    # Ad slots the reader would drop one by one: refused as parsed instead.
    slots = "".join(
        f"<div class='ad-{i}'><p>Advert {i}</p></div>" for i in range(MAX_PAGE_ELEMENTS)
    )
    page = f"<html><head><title>T</title></head><body><p>Story.</p>{slots}</body></html>"
    with pytest.raises(IngestError, match=f"{MAX_PAGE_ELEMENTS:,} elements") as refused:
        read_html(page)
    assert refused.value.field == "html"
