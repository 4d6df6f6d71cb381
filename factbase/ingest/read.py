"""Files and submitted pages become validated ArticleData (nothing is stored here)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from factbase.ingest.article import ArticleData, IngestError, clean_article, is_web_url
from factbase.ingest.formats import markdown_to_text, read_html, read_sidecar, split_title
from factbase.models import ArticleReader

SUFFIXES = (".txt", ".md", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")


def article_from_fields(
    *,
    html: str | None = None,
    title: str = "",
    text: str = "",
    url: str | None = None,
    publisher: str = "",
    author: str = "",
    published_at: datetime | date | str | None = None,
    language: str | None = None,
    fallback_title: str = "",
) -> ArticleData:
    """An article from explicit fields, or from a page's `html` with the fields given
    explicitly winning over what the page says (an API body, a browser extension).

    Without a given `url`, a page's canonical address is the article's address."""
    if not html:
        return clean_article(
            title=title,
            text=text,
            url=url,
            publisher=publisher,
            author=author,
            published_at=published_at,
            language=language or None,
        )
    page = read_html(html, url=url)
    canonical = _web_address(page.canonical_url)
    return clean_article(
        title=title or page.title or fallback_title,
        text=text or page.text,
        url=url or canonical,
        publisher=publisher or page.publisher,
        author=author or page.author,
        published_at=published_at or page.published_at or None,
        language=language or page.language or None,
        canonical_url=canonical,
        reader=page.reader if not text else ArticleReader.TEXT,
    )


def _web_address(url: str) -> str | None:
    """A page's claimed canonical address, when it is one (a relative or odd one is not)."""
    url = url.strip()
    return url if is_web_url(url) else None


def read_article_file(path: Path) -> ArticleData:
    """Read an article file and its sidecar; IngestError names the file and the fault."""
    if not path.exists():
        raise IngestError("No such file.", path=path)
    if not path.is_file():
        raise IngestError("Not a file.", path=path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise IngestError(
            f"Unsupported file type {path.suffix or '(none)'}; use .txt, .md, .html or .htm.",
            path=path,
        )
    raw = path.read_bytes()
    if not raw.strip():
        raise IngestError("The file is empty.", path=path)
    if b"\x00" in raw:
        raise IngestError("The file is binary (it contains NUL bytes).", path=path)
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IngestError(f"The file is not UTF-8 (byte {exc.start}).", path=path) from None

    meta = read_sidecar(path)
    fields = meta or {}
    try:
        if suffix in HTML_SUFFIXES:
            # The same reader as a page sent to the API; the sidecar's fields win.
            return article_from_fields(
                html=content,
                title=fields.get("title") or "",
                url=fields.get("url"),
                publisher=fields.get("publisher") or "",
                author=fields.get("author") or "",
                published_at=fields.get("published_at"),
                language=fields.get("language"),
                fallback_title=path.stem,
            )
        if suffix == ".md":
            title, text = split_title(markdown_to_text(content), keep=meta is not None)
            reader = ArticleReader.MARKDOWN
        else:
            title, text = split_title(content, keep=meta is not None)
            reader = ArticleReader.TEXT
        return clean_article(
            title=fields.get("title") or title or path.stem,
            text=text,
            url=fields.get("url"),
            publisher=fields.get("publisher") or "",
            author=fields.get("author") or "",
            published_at=fields.get("published_at"),
            language=fields.get("language") or None,
            reader=reader,
        )
    except IngestError as exc:
        raise exc.at(path) from None
