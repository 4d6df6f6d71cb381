"""Storing articles with their detected claims: detection first, then one short write.

Detection runs before the transaction: on SQLite a transaction holds the database's one
write lock from BEGIN, and a slow article detected inside it made every other writer
wait and then fail. The transaction only inserts rows.

An article's identity is any of its addresses (by the key of its normal form, see
factbase.addresses), else its text's hash. The same article again changes nothing but
the addresses it is known at.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from factbase import detect, publication, services
from factbase.addresses import address_key
from factbase.ingest.article import ArticleData, IngestError, text_sha256
from factbase.matching import desk
from factbase.models import (
    Annotation,
    Article,
    ArticleAddress,
    Claim,
    Claimant,
    ClaimantKind,
    claimant_name_key,
)
from factbase.shortclaim import short_claim

logger = logging.getLogger(__name__)

Identity = tuple[str, str]  # ("key", address key) or ("sha256", text hash)

# How many of an article's claims its ingest request matches (the first, in article
# order). Matching costs ~10 ms a claim, far more than storing it: an article of 5,000
# check-worthy sentences took 54 s to answer when every claim was matched, and nothing
# a client sends may hold the server that long. 100 is five times the ingest bench's
# average article (39,127 claims in 2,000); the rest of a longer one wait, matched_at
# null ("not matched yet" in the queue), for `manage.py match_claims --pending`.
MATCHED_IN_REQUEST = 100
# Claimants looked up (and created) a query at a time: under SQLite's 999 parameters.
CLAIMANTS_PER_QUERY = 500


@dataclass(frozen=True, slots=True)
class IngestResult:
    article: Article
    created: bool
    claims: int


@dataclass(frozen=True, slots=True)
class DetectionFailure:
    """Detection raised on one article (kept as a message so a worker process can send it)."""

    message: str


def detection_skipped(language: str) -> str:
    """Why the detector must not read an article in `language` ("" when it may).

    The detector's rules and weights are English: run on another language they would
    propose nonsense, silently. Such an article is stored, with this reason, and no claims.
    """
    if language.split("-", 1)[0].lower() == "en":
        return ""
    return (
        f"Claim detection skipped: the article is in {language!r} and the detector reads "
        "English only."
    )


def detect_text(text: str, language: str = "en") -> list[detect.Candidate] | DetectionFailure:
    """The detector's candidates in `text`, or what went wrong ([] for another language).

    Any exception of the detector is caught here, around one article only: a fault in
    detection (a shape of text it cannot take) must cost that article, not the request
    or the rest of a folder.
    """
    if detection_skipped(language):
        return []
    try:
        return detect.detect(text)
    except Exception as exc:
        logger.exception("Claim detection failed on one article")
        return DetectionFailure(f"Claim detection failed on this article ({type(exc).__name__}).")


def detect_many(
    articles: list[tuple[str, str]],
) -> list[list[detect.Candidate] | DetectionFailure]:
    """detect_text over (text, language) pairs (a function a worker process can be handed)."""
    return [detect_text(text, language) for text, language in articles]


def identity(data: ArticleData) -> Identity:
    if data.addresses:
        return ("key", address_key(data.addresses[0]))
    return ("sha256", text_sha256(data.text))


def address_keys(data: ArticleData) -> dict[str, str]:
    """Each address of `data` by its key (the first spelling of a key wins)."""
    keys: dict[str, str] = {}
    for url in data.addresses:
        keys.setdefault(address_key(url), url)
    return keys


def article_addresses_add(*, article: Article, urls: Iterable[str]) -> None:
    """Record that `article` is found at `urls` (an address whose key another article
    already holds stays that article's)."""
    keys: dict[str, str] = {}
    for url in urls:
        keys.setdefault(address_key(url), url)
    ArticleAddress.objects.bulk_create(
        [ArticleAddress(article=article, url=url, key=key) for key, url in keys.items()],
        ignore_conflicts=True,
    )
    publication.public_version_bump()


def stored_articles(articles: Iterable[ArticleData]) -> dict[Identity, Article]:
    """The stored article of each of `articles` that is already there (two queries at most).

    Addresses the stored article was not yet known at are recorded on it.
    """
    articles = list(articles)
    keys = {key: url for data in articles for key, url in address_keys(data).items()}
    hashes = {text_sha256(d.text) for d in articles if not d.addresses}
    by_key: dict[str, Article] = {}
    if keys:
        for address in (
            ArticleAddress.objects.select_related("article")
            .defer("article__text")
            .filter(key__in=keys)
        ):
            by_key[address.key] = address.article
    by_hash: dict[str, Article] = {}
    if hashes:
        for article in Article.objects.defer("text").filter(
            url__isnull=True, text_sha256__in=hashes
        ):
            by_hash[article.text_sha256] = article
    found: dict[Identity, Article] = {}
    new_addresses: list[ArticleAddress] = []
    for data in articles:
        mine = address_keys(data)
        match = next((by_key[k] for k in mine if k in by_key), None)
        if match is None and not data.addresses:
            match = by_hash.get(text_sha256(data.text))
        if match is None:
            continue
        found[identity(data)] = match
        for key, url in mine.items():
            if key not in by_key:
                by_key[key] = match
                new_addresses.append(ArticleAddress(article=match, url=url, key=key))
    if new_addresses:
        ArticleAddress.objects.bulk_create(new_addresses, ignore_conflicts=True)
        publication.public_version_bump()
    return found


def article_ingest(*, data: ArticleData) -> IngestResult:
    """Store the article and the claims the detector proposes in it, atomically, and
    match its first MATCHED_IN_REQUEST claims (the others are left pending).

    Returns the stored article unchanged (created=False) when it is already there, by any
    of its addresses or else by text hash; two concurrent ingests of one article store it
    once. Raises IngestError (field "text") when detection fails on it.
    """
    existing = stored_articles([data]).get(identity(data))
    if existing is not None:
        return IngestResult(existing, created=False, claims=0)
    candidates = detect_text(data.text, data.language)
    if isinstance(candidates, DetectionFailure):
        raise IngestError(candidates.message, field="text")
    try:
        with transaction.atomic():
            ((article, claims),) = store_many([(data, candidates)], {}).values()
            # One article's claims against what the desk and other fact-checkers have
            # checked, its first MATCHED_IN_REQUEST only; bulk ingests (ingest_paths)
            # leave it to `manage.py ingest` or `manage.py match_claims`.
            first = Claim.objects.filter(annotations__article=article).order_by(
                "annotations__start", "pk"
            )
            desk.claim_matches_store(claims=first[:MATCHED_IN_REQUEST], new=True)
    except IntegrityError:
        # A concurrent ingest of the same article won a unique constraint.
        existing = stored_articles([data]).get(identity(data))
        if existing is None:
            raise
        return IngestResult(existing, created=False, claims=0)
    return IngestResult(article, created=True, claims=claims)


def claimants_prefetch(named: Iterable[tuple[str, str | None]], cache: dict[str, Claimant]) -> None:
    """Put the claimant of every (name, kind) in `named` into `cache` (name key ->
    claimant, as services.claimant_resolve keeps it), creating the new ones in bulk.

    A few queries a CLAIMANTS_PER_QUERY names, where resolving them one by one took up
    to four a new name: an article naming thousands of people must not cost a query
    each. A name claimant_resolve would refuse is left to it (it raises, as before); a
    name created concurrently is skipped on conflict and read back.
    """
    wanted: dict[str, Claimant] = {}
    kinds = frozenset(ClaimantKind.values)  # built anew on every read of .values
    for raw, kind in named:
        name = " ".join(raw.split())
        kind = kind or ClaimantKind.PERSON
        if not name or len(name) > services.MAX_CLAIMANT_NAME or kind not in kinds:
            continue
        key = claimant_name_key(name)
        if key not in cache:
            wanted.setdefault(key, Claimant(name=name, name_key=key, kind=kind))
    keys = list(wanted)
    for start in range(0, len(keys), CLAIMANTS_PER_QUERY):
        chunk = keys[start : start + CLAIMANTS_PER_QUERY]
        found = {c.name_key: c for c in Claimant.objects.filter(name_key__in=chunk)}
        if len(found) < len(chunk):
            Claimant.objects.bulk_create(
                [wanted[key] for key in chunk if key not in found], ignore_conflicts=True
            )
            found = {c.name_key: c for c in Claimant.objects.filter(name_key__in=chunk)}
        cache.update(found)


def store_many(
    detected: list[tuple[ArticleData, list[detect.Candidate]]],
    claimants: dict[str, Claimant],
) -> dict[Identity, tuple[Article, int]]:
    """Bulk-insert articles, their addresses, detected claims and annotations.

    Call inside a transaction. `claimants` caches resolved names across calls (a folder
    names the same people again and again).
    """
    articles = Article.objects.bulk_create(
        [
            Article(
                url=data.url,
                canonical_url=data.canonical_url or "",
                reader=data.reader,
                title=data.title,
                publisher=data.publisher,
                author=data.author,
                published_at=data.published_at,
                language=data.language,
                detection_skipped=detection_skipped(data.language),
                text=data.text,
                text_sha256=text_sha256(data.text),
            )
            for data, _ in detected
        ]
    )
    ArticleAddress.objects.bulk_create(
        [
            ArticleAddress(article=article, url=url, key=key)
            for article, (data, _) in zip(articles, detected, strict=True)
            for key, url in address_keys(data).items()
        ]
    )
    claimants_prefetch(
        ((c.claimant, c.claimant_kind) for _, found in detected for c in found if c.claimant),
        claimants,
    )
    # A chunk names the same few speakers in thousands of claims: each (name, kind) is
    # resolved once, a tenth of storing's cost when resolved claim by claim.
    resolved: dict[tuple[str | None, str | None], Claimant | None] = {}
    for _, candidates in detected:
        for c in candidates:
            if (c.claimant, c.claimant_kind) not in resolved:
                resolved[c.claimant, c.claimant_kind] = services.claimant_resolve(
                    name=c.claimant, kind=c.claimant_kind, cache=claimants
                )
    claims = [
        Claim(
            text=c.text,
            claim_reviewed=short_claim(c.text),
            kind=c.kind,
            claimant=resolved[c.claimant, c.claimant_kind],
            checkworthiness=c.checkworthiness,
            detector=detect.DETECTOR,
        )
        for _, candidates in detected
        for c in candidates
    ]
    Claim.objects.bulk_create(claims)
    made = iter(claims)
    Annotation.objects.bulk_create(
        [
            services.annotation_build(article=article, claim=next(made), start=c.start, end=c.end)
            for article, (_, candidates) in zip(articles, detected, strict=True)
            for c in candidates
        ]
    )
    return {
        identity(data): (article, len(candidates))
        for article, (data, candidates) in zip(articles, detected, strict=True)
    }
