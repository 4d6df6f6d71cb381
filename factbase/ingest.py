"""Ingest: article files and API bodies become Articles with their detected claims.

An article and its claims are stored in one transaction, so a failure stores nothing
of that article. The same article twice (matched by URL, else by text hash) changes
nothing the second time.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import re
from collections.abc import Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import DatabaseError, IntegrityError, transaction
from django.utils.dateparse import parse_date, parse_datetime

from factbase import detect
from factbase.models import Annotation, Article, Claim, Claimant
from factbase.services import claimant_resolve, quote_context
from factbase.shortclaim import short_claim

SUFFIXES = (".txt", ".md", ".html", ".htm")
META_SUFFIX = ".meta.json"
MAX_TITLE = 500
MAX_URL = 2000

_validate_url = URLValidator(schemes=["http", "https"])


class IngestError(Exception):
    """Bad input for ingest, named after what was wrong (and the file, when there is one)."""

    def __init__(self, message: str, *, field: str | None = None, path: Path | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


@dataclass(frozen=True, slots=True)
class ArticleData:
    title: str
    text: str
    url: str | None = None
    publisher: str = ""
    author: str = ""
    published_at: datetime | None = None
    language: str = "en"


@dataclass(frozen=True, slots=True)
class IngestResult:
    article: Article
    created: bool
    claims: int


def normalize_text(text: str) -> str:
    """One newline convention and no surrounding blank space: offsets count from here."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def clean_article(
    *,
    title: str,
    text: str,
    url: str | None = None,
    publisher: str = "",
    author: str = "",
    published_at: datetime | date | str | None = None,
    language: str = "en",
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
        ("language", language),
    ):
        if "\x00" in value:
            raise IngestError("NUL characters are not allowed.", field=name)
    if not title:
        raise IngestError("The article has no title.", field="title")
    if len(title) > MAX_TITLE:
        raise IngestError(f"The title is longer than {MAX_TITLE} characters.", field="title")
    url = (url or "").strip() or None
    if url is not None:
        if len(url) > MAX_URL:
            raise IngestError(f"The URL is longer than {MAX_URL} characters.", field="url")
        try:
            _validate_url(url)
        except ValidationError:
            raise IngestError(f"{url!r} is not an http(s) URL.", field="url") from None
    if len(publisher) > 200 or len(author) > 200:
        raise IngestError("Publisher and author are at most 200 characters.", field="publisher")
    language = (language or "en").strip()
    if not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*", language) or len(language) > 16:
        raise IngestError(f"{language!r} is not a language tag.", field="language")
    return ArticleData(
        title=title,
        text=text,
        url=url,
        publisher=publisher.strip(),
        author=author.strip(),
        published_at=_parse_when(published_at),
        language=language,
    )


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


def find_existing(data: ArticleData) -> Article | None:
    if data.url:
        return Article.objects.filter(url=data.url).first()
    return Article.objects.filter(url__isnull=True, text_sha256=text_sha256(data.text)).first()


def article_ingest(*, data: ArticleData) -> IngestResult:
    """Store the article and the claims the detector proposes in it, atomically.

    Returns the stored article unchanged (created=False) when it is already there, by URL
    or else by text hash; two concurrent ingests of one article store it once.
    """
    existing = find_existing(data)
    if existing is not None:
        return IngestResult(existing, created=False, claims=0)
    try:
        with transaction.atomic():
            article, claims = _store(data)
    except IntegrityError:
        # A concurrent ingest of the same article won the unique constraint.
        existing = find_existing(data)
        if existing is None:
            raise
        return IngestResult(existing, created=False, claims=0)
    return IngestResult(article, created=True, claims=claims)


def _store(data: ArticleData) -> tuple[Article, int]:
    detected = [(data, detect.detect(data.text))]
    ((article, claims),) = _store_many(detected, {}).values()
    return article, claims


# Files ---------------------------------------------------------------------------------


def iter_article_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Article files among `paths`, folders walked in name order; sidecars skipped."""
    for path in paths:
        if path.is_dir():
            for child in _walk(path):
                if _is_article(child):
                    yield child
        else:
            yield path


def _walk(folder: Path) -> Iterator[Path]:
    """Files under `folder` in name order, holding one folder's listing at a time."""
    for child in sorted(folder.iterdir()):
        if child.is_dir() and not child.is_symlink():
            yield from _walk(child)
        elif child.is_file():
            yield child


def _is_article(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith(SUFFIXES) and not name.endswith(META_SUFFIX) and not name.startswith(".")


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.name[: -len(path.suffix)] + META_SUFFIX)


def read_article_file(path: Path) -> ArticleData:
    """Read an article file and its sidecar; IngestError names the file and the fault."""
    if not path.exists():
        raise IngestError("No such file.", path=path)
    if not path.is_file():
        raise IngestError("Not a file.", path=path)
    if path.suffix.lower() not in SUFFIXES:
        raise IngestError(
            f"Unsupported file type {path.suffix or '(none)'}; use .txt, .md or .html.", path=path
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

    meta = _read_sidecar(path)
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        html_title, text = html_to_text(content)
        title = html_title
    elif suffix == ".md":
        title, text = _split_title(markdown_to_text(content), keep=meta is not None)
    else:
        title, text = _split_title(content, keep=meta is not None)
    meta = meta or {}
    try:
        return clean_article(
            title=meta.get("title") or title or path.stem,
            text=text,
            url=meta.get("url"),
            publisher=meta.get("publisher") or "",
            author=meta.get("author") or "",
            published_at=meta.get("published_at"),
            language=meta.get("language") or "en",
        )
    except IngestError as exc:
        raise IngestError(exc.message, field=exc.field, path=path) from None


META_FIELDS = {"title", "url", "publisher", "author", "published_at", "language"}


def _read_sidecar(path: Path) -> dict[str, Any] | None:
    sidecar = sidecar_path(path)
    if not sidecar.exists():
        return None
    try:
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise IngestError(f"Malformed sidecar {sidecar.name}: {exc}", path=path) from None
    if not isinstance(meta, dict):
        raise IngestError(f"Malformed sidecar {sidecar.name}: not a JSON object.", path=path)
    for key, value in meta.items():
        if key in META_FIELDS and value is not None and not isinstance(value, str):
            raise IngestError(
                f"Malformed sidecar {sidecar.name}: {key!r} must be a string.", path=path
            )
    return meta


def _split_title(content: str, *, keep: bool) -> tuple[str, str]:
    """With a sidecar the whole file is the text; without, its first line is the title."""
    content = normalize_text(content)
    if keep:
        return "", content
    first, _, rest = content.partition("\n")
    return first.strip(), rest


_MD_HEADING = re.compile(r"^#{1,6}\s*", re.MULTILINE)
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")


def markdown_to_text(content: str) -> str:
    """Markdown to the plain words a reader sees (headings, links and emphasis unwrapped)."""
    text = _MD_HEADING.sub("", normalize_text(content))
    text = _MD_LINK.sub(r"\1", text)
    return _MD_EMPHASIS.sub(r"\2", text)


class _TextExtractor(HTMLParser):
    BLOCKS = frozenset(
        {
            "p",
            "div",
            "br",
            "li",
            "ul",
            "ol",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "blockquote",
            "section",
            "article",
            "header",
            "footer",
            "tr",
            "table",
            "figcaption",
            "pre",
            "hr",
        }
    )
    SKIP = frozenset({"script", "style", "noscript", "template", "head", "nav", "aside"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self.h1: list[str] = []
        self._skip = 0
        self._in_title = False
        self._in_h1 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        elif tag in self.SKIP:
            self._skip += 1
        if tag == "h1":
            self._in_h1 = True
        if tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in self.SKIP and self._skip:
            self._skip -= 1
        if tag == "h1":
            self._in_h1 = False
        if tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        elif not self._skip:
            if self._in_h1:
                self.h1.append(data)
            self.parts.append(data)


def html_to_text(content: str) -> tuple[str, str]:
    """The title and the readable text of an HTML page, one paragraph per block."""
    parser = _TextExtractor()
    parser.feed(content)
    parser.close()
    text = "".join(parser.parts)
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    body = "\n\n".join(p for p in paragraphs if p)
    title = " ".join("".join(parser.title).split()) or " ".join("".join(parser.h1).split())
    if title and body.startswith(title):
        body = body[len(title) :].lstrip()
    return title, body


def ingest_paths(
    paths: Iterable[Path], *, chunk_size: int = 200, detect_workers: int = 0
) -> Iterator[tuple[Path, IngestResult | IngestError]]:
    """Ingest each article file under `paths`; a bad file is reported, the rest go in.

    Streams: files are read and detected `chunk_size` at a time and each chunk is stored
    in one transaction with bulk inserts, so memory stays flat however many files there
    are. Each article still goes in with all its claims or not at all, and one already
    stored (or twice in the same run) is left as it is. Should a chunk fail on a unique
    constraint (a concurrent ingest of the same article), its articles go in one by one
    through article_ingest instead.

    With `detect_workers` > 0, detection runs in that many forked processes (Linux) while
    this one stores the previous chunk: the two overlap on a machine with cores to spare.
    """
    claimants: dict[str, Claimant] = {}
    pool = (
        ProcessPoolExecutor(detect_workers, mp_context=multiprocessing.get_context("fork"))
        if detect_workers > 0
        else None
    )
    pending: _Chunk | None = None
    try:
        for chunk in _read_chunks(paths, chunk_size):
            ready = _Chunk(chunk, pool)
            if pending is not None:
                yield from pending.store(claimants)
            pending = ready
        if pending is not None:
            yield from pending.store(claimants)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


def _read_chunks(
    paths: Iterable[Path], size: int
) -> Iterator[list[tuple[Path, ArticleData | IngestError]]]:
    chunk: list[tuple[Path, ArticleData | IngestError]] = []
    for path in iter_article_files(paths):
        try:
            chunk.append((path, read_article_file(path)))
        except IngestError as exc:
            chunk.append((path, exc))
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def detect_many(texts: list[str]) -> list[list[detect.Candidate]]:
    """detect.detect over `texts` (a function a worker process can be handed)."""
    return [detect.detect(text) for text in texts]


class _Chunk:
    """A chunk of read files: what is new in it, and its detection (running or done)."""

    def __init__(
        self, chunk: list[tuple[Path, ArticleData | IngestError]], pool: Executor | None
    ) -> None:
        self.chunk = chunk
        keys: dict[tuple[str, str], ArticleData] = {}
        for _, data in chunk:
            if isinstance(data, ArticleData):
                keys.setdefault(_identity(data), data)  # the first of two copies goes in
        self.stored = _stored_articles(set(keys))
        self.fresh = [data for key, data in keys.items() if key not in self.stored]
        texts = [data.text for data in self.fresh]
        self.detection: Future[list[list[detect.Candidate]]] | list[list[detect.Candidate]]
        self.detection = pool.submit(detect_many, texts) if pool else detect_many(texts)

    def store(
        self, claimants: dict[str, Claimant]
    ) -> Iterator[tuple[Path, IngestResult | IngestError]]:
        detection = self.detection
        candidates = detection.result() if isinstance(detection, Future) else detection
        yield from _ingest_chunk(
            self.chunk, self.stored, list(zip(self.fresh, candidates, strict=True)), claimants
        )


def _identity(data: ArticleData) -> tuple[str, str]:
    return ("url", data.url) if data.url else ("sha256", text_sha256(data.text))


def _stored_articles(keys: set[tuple[str, str]]) -> dict[tuple[str, str], Article]:
    """The stored articles among these identities (two queries at most)."""
    urls = [value for kind, value in keys if kind == "url"]
    hashes = [value for kind, value in keys if kind == "sha256"]
    found: dict[tuple[str, str], Article] = {}
    if urls:
        for article in Article.objects.defer("text").filter(url__in=urls):
            found["url", article.url or ""] = article
    if hashes:
        for article in Article.objects.defer("text").filter(
            url__isnull=True, text_sha256__in=hashes
        ):
            found["sha256", article.text_sha256] = article
    return found


def _ingest_chunk(
    chunk: list[tuple[Path, ArticleData | IngestError]],
    stored: dict[tuple[str, str], Article],
    detected: list[tuple[ArticleData, list[detect.Candidate]]],
    claimants: dict[str, Claimant],
) -> Iterator[tuple[Path, IngestResult | IngestError]]:
    # Detection was done before the transaction, which only writes.
    try:
        with transaction.atomic():
            created = _store_many(detected, claimants)
    except DatabaseError:
        # One article of the chunk failed (a concurrent ingest won a unique constraint, or
        # the database refused a row): store them one by one so only that one is lost,
        # and name it.
        claimants.clear()  # what the failed transaction created is gone
        for path, data in chunk:
            yield path, data if isinstance(data, IngestError) else _ingest_one(path, data)
        return
    for path, data in chunk:
        if isinstance(data, IngestError):
            yield path, data
            continue
        key = _identity(data)
        if key in created:
            article, claims = created.pop(key)
            yield path, IngestResult(article, created=True, claims=claims)
            stored[key] = article
        else:
            yield path, IngestResult(stored[key], created=False, claims=0)


def _ingest_one(path: Path, data: ArticleData) -> IngestResult | IngestError:
    try:
        return article_ingest(data=data)
    except DatabaseError as exc:
        return IngestError(f"The database refused this article: {exc}".strip(), path=path)


def _store_many(
    detected: list[tuple[ArticleData, list[detect.Candidate]]], claimants: dict[str, Claimant]
) -> dict[tuple[str, str], tuple[Article, int]]:
    """Bulk-insert articles with their detected claims and annotations (call in a transaction)."""
    articles = Article.objects.bulk_create(
        [
            Article(
                url=data.url,
                title=data.title,
                publisher=data.publisher,
                author=data.author,
                published_at=data.published_at,
                language=data.language,
                text=data.text,
                text_sha256=text_sha256(data.text),
            )
            for data, _ in detected
        ]
    )
    claims = [
        Claim(
            text=c.text,
            claim_reviewed=short_claim(c.text),
            kind=c.kind,
            claimant=claimant_resolve(name=c.claimant, kind=c.claimant_kind, cache=claimants),
            checkworthiness=c.score,
            detector=detect.DETECTOR,
        )
        for _, candidates in detected
        for c in candidates
    ]
    Claim.objects.bulk_create(claims)
    annotations = []
    made = iter(claims)
    for article, (data, candidates) in zip(articles, detected, strict=True):
        for c in candidates:
            prefix, suffix = quote_context(data.text, c.start, c.end)
            annotations.append(
                Annotation(
                    claim=next(made),
                    article=article,
                    start=c.start,
                    end=c.end,
                    exact=c.text,
                    prefix=prefix,
                    suffix=suffix,
                )
            )
    Annotation.objects.bulk_create(annotations)
    return {
        _identity(data): (article, len(candidates))
        for article, (data, candidates) in zip(articles, detected, strict=True)
    }


def progress(
    outcomes: Iterable[tuple[Path, IngestResult | IngestError]], *, total: int, stream: Any
) -> Iterator[tuple[Path, IngestResult | IngestError]]:
    """`outcomes` with a progress bar (articles, claims a second, ETA) on a terminal.

    Quiet when `stream` is not a terminal or under CI (CI=true).
    """
    from tqdm import tqdm

    quiet = os.environ.get("CI", "").lower() == "true" or not stream.isatty()
    with tqdm(total=total, unit="article", file=stream, disable=quiet, smoothing=0.1) as bar:
        claims = 0
        for path, outcome in outcomes:
            if isinstance(outcome, IngestResult):
                claims += outcome.claims
            bar.update(1)
            bar.set_postfix(claims=claims, refresh=False)
            yield path, outcome
