"""Streaming ingest (factbase.ingest.ingest_paths): chunked bulk writes with the same
outcomes as ingesting each article on its own."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from factbase import ingest
from factbase.ingest import IngestError, IngestResult, article_ingest, ingest_paths
from factbase.management.commands.ingest import progress
from factbase.models import Annotation, Article, Claim, Claimant

STORY = (
    "The Harbor City council voted 7-2 on Monday to spend ${n} million on flood defences. "
    "Mayor Lena Ortiz said the walls would protect {n},000 homes by 2028.\n\n"
    "\u201cThis is the largest investment in the city\u2019s history,\u201d Ortiz said. "
    "Engineer Sam Patel of Delta Works said costs rose 12% in {n} months."
)


def folder_of(tmp_path: Path, count: int, *, urls: bool = True) -> Path:
    folder = tmp_path / "articles"
    for i in range(count):
        sub = folder / f"{i // 3:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"{i:03d}.txt").write_text(STORY.format(n=i + 10))
        meta: dict[str, Any] = {"title": f"Flood plan {i}"}
        if urls:
            meta["url"] = f"https://news.example.org/flood-{i}"
        (sub / f"{i:03d}.meta.json").write_text(json.dumps(meta))
    return folder


def snapshot() -> list[tuple[Any, ...]]:
    """Every article with its claims' text, kind, score, claimant and spans."""
    rows = Annotation.objects.select_related("claim__claimant", "article").order_by(
        "article__url", "article__text_sha256", "start"
    )
    return [
        (
            a.article.url,
            a.article.title,
            a.article.text_sha256,
            a.claim.text,
            a.claim.kind,
            a.claim.checkworthiness,
            a.claim.claimant.name if a.claim.claimant else None,
            a.start,
            a.end,
            a.exact,
            a.prefix,
            a.suffix,
        )
        for a in rows
    ]


def counts() -> tuple[int, int, int, int]:
    return (
        Article.objects.count(),
        Claim.objects.count(),
        Annotation.objects.count(),
        Claimant.objects.count(),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("workers", [0, 1])
@pytest.mark.parametrize("urls", [True, False])
def test_streaming_stores_what_article_by_article_ingest_stores(
    tmp_path: Path, urls: bool, workers: int
) -> None:
    folder = folder_of(tmp_path, 7, urls=urls)
    outcomes = list(ingest_paths([folder], chunk_size=3, detect_workers=workers))
    assert [p.name for p, _ in outcomes] == [f"{i:03d}.txt" for i in range(7)]
    assert all(isinstance(o, IngestResult) and o.created and o.claims > 0 for _, o in outcomes)
    streamed = snapshot()
    assert sum(o.claims for _, o in outcomes) == Claim.objects.count()  # type: ignore[union-attr]
    Annotation.objects.all().delete()
    Claim.objects.all().delete()
    Article.objects.all().delete()
    for path, _ in outcomes:
        article_ingest(data=ingest.read_article_file(path))
    assert snapshot() == streamed


@pytest.mark.django_db
def test_the_same_folder_twice_changes_nothing(tmp_path: Path) -> None:
    folder = folder_of(tmp_path, 5)
    list(ingest_paths([folder], chunk_size=2))
    before = counts(), snapshot()
    again = list(ingest_paths([folder], chunk_size=2, detect_workers=1))
    assert all(isinstance(o, IngestResult) and not o.created for _, o in again)
    assert (counts(), snapshot()) == before


@pytest.mark.django_db
def test_the_first_of_two_copies_in_one_chunk_goes_in(tmp_path: Path) -> None:
    folder = tmp_path / "dupes"
    folder.mkdir()
    for name, n in (("a", 1), ("b", 2)):
        (folder / f"{name}.txt").write_text(STORY.format(n=n))
        (folder / f"{name}.meta.json").write_text(
            json.dumps({"title": name, "url": "https://news.example.org/same"})
        )
    (_, a), (_, b) = list(ingest_paths([folder], chunk_size=10))
    assert isinstance(a, IngestResult)
    assert isinstance(b, IngestResult)
    assert (a.created, b.created, b.claims) == (True, False, 0)
    assert a.article.pk == b.article.pk
    assert Article.objects.get().title == "a"


@pytest.mark.django_db
def test_bad_files_are_reported_in_order_and_the_rest_go_in(tmp_path: Path) -> None:
    folder = folder_of(tmp_path, 4)
    (folder / "00" / "001.txt").write_bytes(b"\x00binary")
    outcomes = list(ingest_paths([folder], chunk_size=2))
    assert [p.name for p, _ in outcomes] == ["000.txt", "001.txt", "002.txt", "003.txt"]
    assert isinstance(outcomes[1][1], IngestError)
    assert Article.objects.count() == 3


@pytest.mark.django_db(transaction=True)
def test_a_failing_chunk_stores_nothing_of_its_articles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = folder_of(tmp_path, 6)
    real = Annotation.objects.bulk_create
    calls = {"n": 0}

    def fail_second(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk full")
        return real(*args, **kwargs)

    monkeypatch.setattr(Annotation.objects, "bulk_create", fail_second)
    with pytest.raises(RuntimeError):
        list(ingest_paths([folder], chunk_size=2))
    # The first chunk is stored whole; nothing of the second, and no claim lacks its span.
    assert sorted(Article.objects.values_list("title", flat=True)) == [
        "Flood plan 0",
        "Flood plan 1",
    ]
    assert not Claim.objects.filter(annotations__isnull=True).exists()
    monkeypatch.setattr(Annotation.objects, "bulk_create", real)
    # Run again: what was stored stays, the rest goes in.
    outcomes = list(ingest_paths([folder], chunk_size=2))
    assert [o.created for _, o in outcomes] == [False, False, True, True, True, True]  # type: ignore[union-attr]


@pytest.mark.django_db
def test_a_chunk_that_meets_a_concurrent_ingest_falls_back_to_one_by_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = folder_of(tmp_path, 3)
    (_, first), *_ = list(ingest_paths([folder / "00" / "000.txt"]))
    assert isinstance(first, IngestResult)
    # As if another process stored article 0 after this one looked.
    monkeypatch.setattr(ingest.stream, "stored_articles", lambda articles: {})
    outcomes = list(ingest_paths([folder], chunk_size=10))
    assert [o.created for _, o in outcomes] == [False, True, True]  # type: ignore[union-attr]
    assert outcomes[0][1].article.pk == first.article.pk  # type: ignore[union-attr]
    assert Article.objects.count() == 3


def test_progress_is_quiet_when_not_on_a_terminal(tmp_path: Path) -> None:
    stream = io.StringIO()
    items = [(tmp_path / "a.txt", IngestError("bad")), (tmp_path / "b.txt", IngestError("bad"))]
    assert list(progress(iter(items), total=2, stream=stream)) == items
    assert stream.getvalue() == ""


def test_progress_draws_a_bar_with_rate_on_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("CI", raising=False)
    stream = Terminal()
    items = [(tmp_path / "a.txt", IngestError("bad"))]
    assert list(progress(iter(items), total=1, stream=stream)) == items
    assert "1/1" in stream.getvalue()
    assert "article/s" in stream.getvalue()
    monkeypatch.setenv("CI", "true")
    quiet = Terminal()
    list(progress(iter(items), total=1, stream=quiet))
    assert quiet.getvalue() == ""
