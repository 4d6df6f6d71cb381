"""An article's fields as ingest takes them: validated, normalised, ready to store.

Every way in (a file, an API body, a web page) ends in `clean_article`, so one set of
rules says what an article is; the readers in `formats` and `read` only find the fields.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.dateparse import parse_date, parse_datetime

from factbase.errors import InvalidValue
from factbase.language import detect_language
from factbase.models import ArticleReader

MAX_TITLE = 500
MAX_NAME = 200  # publisher, author
MAX_URL = 2000

_validate_url = URLValidator(schemes=["http", "https"])
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")


class IngestError(InvalidValue):
    """Bad input for ingest, named after what was wrong (and the file, when there is one)."""

    code = "invalid_article"

    def __init__(self, message: str, *, field: str | None = None, path: Path | None = None):
        super().__init__(message, field=field)
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message

    def at(self, path: Path) -> IngestError:
        """The same error, naming the file it came from."""
        return IngestError(self.message, field=self.field, path=path)


@dataclass(frozen=True, slots=True)
class ArticleData:
    title: str
    text: str
    url: str | None = None
    publisher: str = ""
    author: str = ""
    published_at: datetime | None = None
    language: str = "en"
    # The page's own address (canonical link, og:url) when it names one, else `url`.
    canonical_url: str | None = None
    reader: str = ArticleReader.TEXT
    # Every address this article is known at: the canonical one first, then `url`.
    addresses: tuple[str, ...] = field(default=())


def normalize_text(text: str) -> str:
    """One newline convention and no surrounding blank space: offsets count from here."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def shorten(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters at a word boundary (a page's long headline
    is stored shortened, never refused)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-") + "…"


def clean_article(
    *,
    title: str,
    text: str,
    url: str | None = None,
    publisher: str = "",
    author: str = "",
    published_at: datetime | date | str | None = None,
    language: str | None = None,
    canonical_url: str | None = None,
    reader: str = ArticleReader.TEXT,
) -> ArticleData:
    """Validate and normalise an article's fields; IngestError names the first bad one."""
    text = normalize_text(text or "")
    title = " ".join((title or "").split())
    if not text:
        raise IngestError("The article has no text.", field="text")
    for name, value in (
        ("text", text),
        ("title", title),
        ("publisher", publisher),
        ("author", author),
        ("url", url or ""),
        ("language", language or ""),
    ):
        if "\x00" in value:
            raise IngestError("NUL characters are not allowed.", field=name)
    if not title:
        raise IngestError("The article has no title.", field="title")
    if len(title) > MAX_TITLE:
        raise IngestError(f"The title is longer than {MAX_TITLE} characters.", field="title")
    url = _clean_url(url, "url")
    canonical_url = _clean_url(canonical_url, "canonical_url") or url
    if len(publisher) > MAX_NAME or len(author) > MAX_NAME:
        raise IngestError(
            f"Publisher and author are at most {MAX_NAME} characters.", field="publisher"
        )
    # Not given (no sidecar, no page attribute): read off the text, English when too short
    # to tell.
    language = (language or detect_language(text) or "en").strip()
    if not _LANGUAGE_TAG.fullmatch(language) or len(language) > 16:
        raise IngestError(f"{language!r} is not a language tag.", field="language")
    addresses = tuple(dict.fromkeys(a for a in (canonical_url, url) if a))
    return ArticleData(
        title=title,
        text=text,
        url=url,
        publisher=publisher.strip(),
        author=author.strip(),
        published_at=_parse_when(published_at),
        language=language,
        canonical_url=canonical_url,
        reader=reader,
        addresses=addresses,
    )


def is_web_url(url: str) -> bool:
    """Whether `url` is an absolute http(s) URL ingest would store."""
    try:
        return _clean_url(url, "url") is not None
    except IngestError:
        return False


def _clean_url(url: str | None, name: str) -> str | None:
    url = (url or "").strip() or None
    if url is None:
        return None
    if len(url) > MAX_URL:
        raise IngestError(f"The URL is longer than {MAX_URL} characters.", field=name)
    try:
        _validate_url(url)
    except ValidationError:
        raise IngestError(f"{url!r} is not an http(s) URL.", field=name) from None
    return url


def _parse_when(value: datetime | date | str | None) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime.combine(value, time(0), tzinfo=UTC)
    if isinstance(value, str):
        try:
            parsed = parse_datetime(value)
            day = None if parsed else parse_date(value)
        except ValueError:
            parsed = day = None
        if parsed is not None:
            return _parse_when(parsed)
        if day is not None:
            return _parse_when(day)
    raise IngestError(f"{value!r} is not a date or date-time (ISO 8601).", field="published_at")
