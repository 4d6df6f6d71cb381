from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from factbase import detect
from factbase.ingest import IngestError, article_ingest, clean_article, read_article_file
from factbase.models import Annotation, Article, Claim, Claimant

SEEDS = Path(__file__).parents[2] / "seeds"
SEED = SEEDS / "000_dffdebd4e61e869e.txt"

STORY = (
    "Harbor City approves $40 million flood plan\n"
    "The Harbor City council voted 7-2 on Monday to spend $40 million on flood defences. "
    "Mayor Lena Ortiz said the walls would protect 12,000 homes by 2028.\n\n"
    "\u201cThis is the largest investment in the city\u2019s history,\u201d Ortiz said."
)


def counts() -> tuple[int, int, int, int]:
    return (
        Article.objects.count(),
        Claim.objects.count(),
        Annotation.objects.count(),
        Claimant.objects.count(),
    )


def write(folder: Path, name: str, content: str | bytes, meta: Any = None) -> Path:
    path = folder / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    if meta is not None:
        sidecar = folder / (name.rsplit(".", 1)[0] + ".meta.json")
        sidecar.write_text(meta if isinstance(meta, str) else json.dumps(meta))
    return path


@pytest.mark.django_db
def test_ingest_command_stores_the_seed_with_anchored_claims() -> None:
    call_command("ingest", str(SEEDS))
    article = Article.objects.get()
    meta = json.loads(SEED.with_name(SEED.stem + ".meta.json").read_text())
    assert article.url == meta["url"]
    assert article.title == meta["title"]
    assert article.publisher == meta["publisher"]
    assert article.published_at is not None
    assert article.published_at.date().isoformat() == meta["published_at"]
    assert article.text == SEED.read_text().strip()
    annotations = Annotation.objects.filter(article=article)
    assert annotations.count() >= 15
    for annotation in annotations:
        assert article.text[annotation.start : annotation.end] == annotation.exact
        assert annotation.claim.detector == detect.DETECTOR
        assert 0 <= annotation.claim.checkworthiness <= 1


@pytest.mark.django_db
def test_the_same_article_twice_changes_nothing() -> None:
    call_command("ingest", str(SEED))
    before = counts()
    call_command("ingest", str(SEEDS))
    assert counts() == before


@pytest.mark.django_db
def test_without_a_url_the_same_text_is_the_same_article() -> None:
    data = clean_article(title="A", text=STORY)
    first = article_ingest(data=data)
    again = article_ingest(data=clean_article(title="Another title", text="\n" + STORY + "\r\n"))
    assert first.created
    assert not again.created
    assert again.article == first.article
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_a_file_without_sidecar_takes_its_first_line_as_title(tmp_path: Path) -> None:
    path = write(tmp_path, "flood.txt", STORY)
    data = read_article_file(path)
    assert data.title == "Harbor City approves $40 million flood plan"
    assert data.text.startswith("The Harbor City council voted")
    assert data.url is None


def test_markdown_and_html_become_plain_text(tmp_path: Path) -> None:
    md = write(tmp_path, "a.md", "# Big *news*\n\nThe [council](https://x.example) voted **7-2**.")
    data = read_article_file(md)
    assert (data.title, data.text) == ("Big news", "The council voted 7-2.")
    html = write(
        tmp_path,
        "b.html",
        "<html><head><title>Flood plan</title><script>var x = 1;</script></head>"
        "<body><h1>Flood plan</h1><p>The council voted 7-2 &amp; agreed.</p>"
        "<p>Ortiz said so.</p></body></html>",
    )
    data = read_article_file(html)
    assert data.title == "Flood plan"
    assert data.text == "The council voted 7-2 & agreed.\n\nOrtiz said so."


@pytest.mark.parametrize(
    ("name", "content", "meta", "message"),
    [
        ("empty.txt", "", None, "empty"),
        ("blank.txt", "  \n\n ", None, "empty"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00", None, "binary"),
        ("latin1.txt", "Caf\xe9 prices rose 5%.".encode("latin-1"), None, "not UTF-8"),
        ("badmeta.txt", STORY, "{not json", "Malformed sidecar"),
        ("listmeta.txt", STORY, "[1, 2]", "not a JSON object"),
        ("numtitle.txt", STORY, {"title": 5}, "must be a string"),
        ("badurl.txt", STORY, {"url": "javascript:alert(1)"}, r"not an http\(s\) URL"),
        ("baddate.txt", STORY, {"published_at": "yesterday"}, "not a date"),
        ("badlang.txt", STORY, {"language": "English!"}, "not a language tag"),
        ("story.pdf", STORY, None, "Unsupported file type"),
    ],
)
def test_bad_files_are_named_with_the_reason(
    tmp_path: Path, name: str, content: str | bytes, meta: Any, message: str
) -> None:
    path = write(tmp_path, name, content, meta)
    with pytest.raises(IngestError, match=message) as caught:
        read_article_file(path)
    assert str(path) in str(caught.value)


@pytest.mark.django_db
def test_a_folder_with_bad_files_stores_the_good_ones_and_fails_naming_the_bad(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, "a-good.txt", STORY)
    write(tmp_path, "b-binary.txt", b"\x00\x01\x02")
    write(tmp_path, "c-meta.txt", "Title\nThe mayor said 5 things.", "{oops")
    write(tmp_path, "d-good.md", "# Second\n\nThe council spent $3 million in 2024, Ortiz said.")
    with pytest.raises(CommandError, match="2 file"):
        call_command("ingest", str(tmp_path))
    err = capsys.readouterr().err
    assert "b-binary.txt" in err
    assert "c-meta.txt" in err
    assert sorted(Article.objects.values_list("title", flat=True)) == [
        "Harbor City approves $40 million flood plan",
        "Second",
    ]


@pytest.mark.django_db
def test_a_failure_while_storing_claims_stores_nothing_of_that_article(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def explode(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(Annotation.objects, "bulk_create", explode)
    with pytest.raises(RuntimeError):
        article_ingest(data=clean_article(title="A", text=STORY))
    assert counts() == (0, 0, 0, 0)


@pytest.mark.django_db
def test_claimants_are_shared_across_articles() -> None:
    article_ingest(data=clean_article(title="A", text=STORY))
    article_ingest(data=clean_article(title="B", text=STORY.replace("Monday", "Tuesday")))
    names = list(Claimant.objects.values_list("name", flat=True))
    assert len(names) == len({n.lower() for n in names})


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"title": "", "text": STORY}, "title"),
        ({"title": "T", "text": "   "}, "text"),
        ({"title": "T", "text": "a\x00b"}, "text"),
        ({"title": "T" * 501, "text": STORY}, "title"),
        ({"title": "T", "text": STORY, "url": "ftp://x.example/a"}, "url"),
        ({"title": "T", "text": STORY, "published_at": "2025-13-45"}, "published_at"),
    ],
)
def test_clean_article_names_the_bad_field(fields: dict[str, Any], field: str) -> None:
    with pytest.raises(IngestError) as caught:
        clean_article(**fields)
    assert caught.value.field == field


def test_ingest_command_with_no_articles_fails(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="No article files"):
        call_command("ingest", str(tmp_path))
