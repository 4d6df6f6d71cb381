"""Other fact-checkers' published fact-checks, read from schema.org ClaimReview feeds.

A feed is a JSON array of ClaimReviews, JSON Lines (one a line), or a schema.org DataFeed
(`dataFeedElement`, items either ClaimReviews or wrappers with an `item`). Items are
stored as ExternalFactCheck, idempotent by `url` (else by `identifier`); a bad item is
named with its reason and the rest go in.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.db import transaction

from factbase.errors import InvalidValue
from factbase.models import ExternalFactCheck

BATCH = 500
MAX_URL = 2000


class InvalidItem(InvalidValue):
    """A ClaimReview that cannot be stored, with the reason."""


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    refused: list[tuple[str, str]] = field(default_factory=list)  # (where, why)


def _text(value: Any, limit: int | None = None) -> str:
    if isinstance(value, dict):
        value = value.get("name")
    if not isinstance(value, str):
        return ""
    joined = " ".join(value.split())
    return joined[:limit] if limit else joined


def _object(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _web_url(value: Any) -> str:
    if value in (None, ""):
        return ""
    if not isinstance(value, str) or len(value) > MAX_URL:
        raise InvalidItem("url is not a web address of at most 2000 characters")
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InvalidItem(f"url is not an http(s) address: {value[:80]!r}")
    return value


def _date(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def fields_of(item: Any) -> dict[str, Any]:
    """The ExternalFactCheck fields of one ClaimReview, or InvalidItem saying why not."""
    if not isinstance(item, dict):
        raise InvalidItem("not a JSON object")
    kind = item.get("@type")
    if kind not in ("ClaimReview", ["ClaimReview"]):
        raise InvalidItem(f"@type is {kind!r}, not ClaimReview")
    claim = _text(item.get("claimReviewed"))
    if not claim:
        raise InvalidItem("no claimReviewed")
    author = item.get("author")
    if isinstance(author, list):
        author = author[0] if author else None
    publisher = _text(author, 200)
    if not publisher:
        raise InvalidItem("no author (the publishing fact-checker)")
    url = _web_url(item.get("url"))
    identifier = _text(item.get("identifier"), 200)
    if not url and not identifier:
        raise InvalidItem("neither url nor identifier: it could not be imported only once")
    rating = _object(item.get("reviewRating"))
    reviewed = _object(item.get("itemReviewed"))
    return {
        "publisher": publisher,
        "publisher_url": _web_url(author.get("url")) if isinstance(author, dict) else "",
        "url": url or None,
        "identifier": identifier or None,
        "claim_reviewed": claim,
        "title": _text(item.get("name")),
        "claimant": _text(reviewed.get("author"), 300),
        "rating": _text(rating.get("alternateName"), 200) or _text(rating.get("name"), 200),
        "published_at": _date(item.get("datePublished")),
        "claim_date": _date(reviewed.get("datePublished")),
    }


def read_items(path: Path) -> Iterator[tuple[str, Any]]:
    """(where, item) for every item of a feed file, JSON Lines read line by line."""
    with path.open(encoding="utf-8") as handle:
        head = handle.read(1)
        while head.isspace():
            head = handle.read(1)
        handle.seek(0)
        if head in ("[", "{"):
            try:
                document = json.load(handle)
            except json.JSONDecodeError as exc:
                if head == "{":  # JSON Lines start with an object too
                    handle.seek(0)
                    yield from _lines(path, handle)
                    return
                yield f"{path}", InvalidItem(f"not JSON: {exc}")
                return
            yield from _document(path, document)
            return
        yield from _lines(path, handle)


def _lines(path: Path, lines: Iterable[str]) -> Iterator[tuple[str, Any]]:
    for number, line in enumerate(lines, start=1):
        if line.strip():
            try:
                yield f"{path}:{number}", json.loads(line)
            except json.JSONDecodeError as exc:
                yield f"{path}:{number}", InvalidItem(f"not JSON: {exc.msg}")


def _document(path: Path, document: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(document, dict) and "dataFeedElement" in document:
        elements = document["dataFeedElement"]
        for index, element in enumerate(elements if isinstance(elements, list) else []):
            if isinstance(element, dict) and element.get("@type") == "DataFeedItem":
                element = element.get("item")
                if isinstance(element, list):
                    element = element[0] if element else None
            yield f"{path}#{index}", element
    elif isinstance(document, list):
        for index, item in enumerate(document):
            yield f"{path}#{index}", item
    else:
        yield f"{path}", document


def import_claimreviews(
    paths: Iterable[Path], progress: Callable[[int], None] | None = None
) -> ImportReport:
    """Store every good ClaimReview of the feeds; name every bad one."""
    report = ImportReport()
    batch: list[dict[str, Any]] = []
    for path in paths:
        for where, item in read_items(path):
            if progress:
                progress(1)
            if isinstance(item, InvalidItem):
                report.refused.append((where, str(item)))
                continue
            try:
                batch.append(fields_of(item))
            except InvalidItem as exc:
                report.refused.append((where, str(exc)))
            if len(batch) >= BATCH:
                _store(batch, report)
                batch = []
    if batch:
        _store(batch, report)
    return report


def _store(batch: list[dict[str, Any]], report: ImportReport) -> None:
    # Within a batch the last copy of a fact-check wins, as it would one at a time.
    unique: dict[tuple[str, str], dict[str, Any]] = {}
    keys_by_identifier: dict[str, tuple[str, str]] = {}
    for row in batch:
        key = ("url", row["url"]) if row["url"] else ("identifier", row["identifier"])
        if row["identifier"]:
            unique.pop(keys_by_identifier.get(row["identifier"], key), None)
            keys_by_identifier[row["identifier"]] = key
        unique[key] = row
    rows = list(unique.values())
    with transaction.atomic():
        by_url = ExternalFactCheck.objects.in_bulk(
            [r["url"] for r in rows if r["url"]], field_name="url"
        )
        by_identifier = ExternalFactCheck.objects.in_bulk(
            [r["identifier"] for r in rows if r["identifier"]], field_name="identifier"
        )
        new, changed = [], []
        for row in rows:
            # The same fact-check: the same url, else the same identifier.
            existing = by_url.get(row["url"]) or by_identifier.get(row["identifier"])
            if existing is None:
                new.append(ExternalFactCheck(**row))
                continue
            if any(getattr(existing, k) != v for k, v in row.items()):
                for name, value in row.items():
                    setattr(existing, name, value)
                changed.append(existing)
        ExternalFactCheck.objects.bulk_create(new)
        if changed:
            ExternalFactCheck.objects.bulk_update(changed, list(rows[0].keys()))
    report.created += len(new)
    report.updated += len(changed)
