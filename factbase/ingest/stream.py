"""Folders of article files, ingested in chunks with flat memory however many there are.

`ingest_paths` yields one (path, outcome) per file as it is done: those are the progress
events. Drawing a progress bar from them is the caller's business (the management
command does it); the domain prints nothing.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from pathlib import Path

from django.db import DatabaseError, transaction

from factbase import detect
from factbase.ingest.article import ArticleData, IngestError
from factbase.ingest.formats import META_SUFFIX
from factbase.ingest.read import SUFFIXES, read_article_file
from factbase.ingest.store import (
    DetectionFailure,
    Identity,
    IngestResult,
    article_ingest,
    detect_many,
    identity,
    store_many,
    stored_articles,
)
from factbase.models import Article, Claimant

Outcome = IngestResult | IngestError
Detected = list[detect.Candidate] | DetectionFailure


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


def ingest_paths(
    paths: Iterable[Path], *, chunk_size: int = 200, detect_workers: int = 0
) -> Iterator[tuple[Path, Outcome]]:
    """Ingest each article file under `paths`; a bad file is reported, the rest go in.

    Streams: files are read and detected `chunk_size` at a time and each chunk is stored
    in one transaction with bulk inserts, so memory stays flat however many files there
    are. Each article still goes in with all its claims or not at all, and one already
    stored (or twice in the same run) is left as it is. A file that cannot be read, or
    on which detection fails, is that file's IngestError. Should a chunk fail on a unique
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


class _Chunk:
    """A chunk of read files: what is new in it, and its detection (running or done)."""

    def __init__(
        self, chunk: list[tuple[Path, ArticleData | IngestError]], pool: Executor | None
    ) -> None:
        self.chunk = chunk
        keys: dict[Identity, ArticleData] = {}
        for _, data in chunk:
            if isinstance(data, ArticleData):
                keys.setdefault(identity(data), data)  # the first of two copies goes in
        self.stored = stored_articles(keys.values())
        self.fresh = [data for key, data in keys.items() if key not in self.stored]
        texts = [(data.text, data.language) for data in self.fresh]
        self.detection: Future[list[Detected]] | list[Detected]
        self.detection = pool.submit(detect_many, texts) if pool else detect_many(texts)

    def store(self, claimants: dict[str, Claimant]) -> Iterator[tuple[Path, Outcome]]:
        detection = self.detection
        results = detection.result() if isinstance(detection, Future) else detection
        failed: dict[Identity, DetectionFailure] = {}
        detected: list[tuple[ArticleData, list[detect.Candidate]]] = []
        for data, result in zip(self.fresh, results, strict=True):
            if isinstance(result, DetectionFailure):
                failed[identity(data)] = result
            else:
                detected.append((data, result))
        yield from _ingest_chunk(self.chunk, self.stored, detected, failed, claimants)


def _ingest_chunk(
    chunk: list[tuple[Path, ArticleData | IngestError]],
    stored: dict[Identity, Article],
    detected: list[tuple[ArticleData, list[detect.Candidate]]],
    failed: dict[Identity, DetectionFailure],
    claimants: dict[str, Claimant],
) -> Iterator[tuple[Path, Outcome]]:
    # Detection was done before the transaction, which only writes.
    try:
        with transaction.atomic():
            created = store_many(detected, claimants)
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
        key = identity(data)
        if key in failed:
            yield path, IngestError(failed[key].message, field="text", path=path)
        elif key in created:
            article, claims = created.pop(key)
            yield path, IngestResult(article, created=True, claims=claims)
            stored[key] = article
        else:
            yield path, IngestResult(stored[key], created=False, claims=0)


def _ingest_one(path: Path, data: ArticleData) -> Outcome:
    try:
        return article_ingest(data=data)
    except IngestError as exc:
        return exc.at(path)
    except DatabaseError as exc:
        return IngestError(f"The database refused this article: {exc}".strip(), path=path)
