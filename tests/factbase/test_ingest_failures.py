"""Detection failures and a busy database: named errors, never a crash or a 500."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import OperationalError

from factbase import detect
from factbase.models import Article
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
