"""A deterministic fact-check database for the benchmark, loaded with bulk inserts.

    python -m bench.generate --size S --engine sqlite     (or M, L; postgres)

Sizes count claims: S 10k, M 100k, L 1M, twenty to an article, with claimants,
annotations (one per claim, a second for one claim in ten, quoted again in the article's
recap), sources and evidence. Half the claims are published. Words follow a Zipf law
over a news vocabulary, so a search term's selectivity is what it is in real text, and
three planted terms give fixed selectivities: RARE in 20 claims whatever the size,
ONE_PERCENT in 1% of claims, THIRTY_PERCENT in 30%.

The same seed gives the same rows. Rows go in with executemany (SQLite) or COPY
(PostgreSQL), not through the detector: ingest has its own measurement (bench/ingest.py).
Each engine's database is made afresh; a manifest beside it (bench/data/) records what
the runner needs: sizes, the planted terms' counts, a detail id, a deep cursor.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from itertools import accumulate
from pathlib import Path
from typing import Any

from factbase.addresses import address_key

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"
SIZES = {"S": 10_000, "M": 100_000, "L": 1_000_000}
CLAIMS_PER_ARTICLE = 20
GENERATOR_VERSION = 3
SEED = 20250327
PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"

RARE = "quetzalcoatlus"
ONE_PERCENT = "marzipan"
THIRTY_PERCENT = "tariff"
PLANTED = (RARE, ONE_PERCENT, THIRTY_PERCENT)
RARE_COUNT = 20


def _words(text: str) -> list[str]:
    return text.split()


# Common news words; the long tail is made of pronounceable nonce words.
NEWS_WORDS = _words("""
government minister council budget election vote party president police court health
hospital school teachers students housing prices inflation economy jobs unemployment
wages taxes spending deficit debt bank rates energy oil gas electricity climate
emissions carbon flood drought storm wildfire water river bridge road rail airport
transport traffic crime prison border migrants refugees asylum army defence war
ceasefire talks treaty sanctions trade exports imports factory workers union strike
pension retirement benefits welfare poverty income families children women doctors
nurses patients vaccine virus cases deaths survey poll report study data figures
record million billion percent increase decrease rise fall growth decline cut plan
policy law bill reform agency regulator company profits revenue market shares
investors farmers crops food supply shortage demand city region province state
national federal local mayor governor senator official spokesman committee inquiry
investigation fraud corruption scandal protest rally campaign candidate opposition
coalition parliament congress senate cabinet ministry department office programme
project funding grant contract construction homes rent mortgage landlords tenants
internet technology privacy security attack network phone platform users
thousand hundred annual monthly weekly quarter year decade century average
highest lowest largest smallest new old former current next last first second third
""")
FILLER_VERBS = _words("described called noted added warned argued suggested seen")
CLAIM_VERBS = _words("rose fell increased dropped reached doubled halved climbed slipped topped")
UNITS = ["%", " percent", " million", " billion", " people", " homes", " jobs", " cases"]
FIRST = _words("""Ana Ben Carla David Elena Farid Grace Hugo Ines Jonas Kemi Luis Maya Nadia
Omar Priya Quentin Rosa Samir Tara Umar Vera Wen Ximena Yusuf Zofia Amara Bruno Chiara Dmitri
Esther Felix Gita Hanna Ivan Julia Kofi Lena Marco Noor""")
LAST = _words("""Ortiz Mendes Patel Kowalski Nguyen Okafor Rossi Schmidt Tanaka Dubois Haddad
Ivanova Johansson Kim Larsen Moreau Novak Osei Petrov Quinn Reyes Silva Torres Ueda Varga
Weber Xu Yilmaz Zhou Abebe Brennan Castillo Diallo Eriksen Fischer Garcia Horvat Iqbal
Jensen Kaur""")
ORGS = [
    "Ministry of Finance",
    "Central Bank",
    "Health Department",
    "City Council",
    "Statistics Office",
    "Energy Regulator",
    "Teachers Union",
    "Chamber of Commerce",
    "Police Federation",
    "Housing Agency",
]

KINDS = ["quantity", "event", "quote", "prediction", "causation", "rule", "other"]
KIND_WEIGHTS = [40, 20, 15, 10, 6, 5, 4]
STATUSES = ["published", "new", "in_review", "awaiting_approval", "dismissed"]
STATUS_WEIGHTS = [50, 20, 10, 10, 10]
VERDICTS = ["true", "mostly_true", "half_true", "mostly_false", "false", "misleading"]
VERDICTS += ["unverifiable"]
STANCES = ["supports", "refutes", "context"]


class Vocabulary:
    """Words drawn by a Zipf law (rank r has weight 1/r) over news words and nonce words."""

    def __init__(self, rng: random.Random, size: int = 12_000) -> None:
        onsets = _words("b c d f g h k l m n p r s t v w z br cr dr fl gr pl pr st tr")
        vowels = _words("a e i o u ai ea io ou")
        codas = ["", "", "n", "r", "s", "l", "m", "t"]
        words = list(dict.fromkeys(NEWS_WORDS))
        seen = set(words)
        while len(words) < size:
            word = "".join(
                rng.choice(onsets) + rng.choice(vowels) + rng.choice(codas)
                for _ in range(rng.randint(2, 4))
            )
            if word not in seen and not any(p in word for p in PLANTED):
                seen.add(word)
                words.append(word)
        self.words = words
        self.cumulative = list(accumulate(1 / (rank + 1) for rank in range(len(words))))
        self.rng = rng

    def take(self, k: int) -> list[str]:
        return self.rng.choices(self.words, cum_weights=self.cumulative, k=k)


class Text:
    """Sentences in the shape of news copy, claim-like or not."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.vocab = Vocabulary(self.rng)

    def number(self) -> str:
        r = self.rng.random()
        if r < 0.4:
            return str(self.rng.randint(2, 99))
        if r < 0.7:
            return f"{self.rng.randint(1, 99)}.{self.rng.randint(1, 9)}"
        return f"{self.rng.randint(1, 950):,}".replace(",", ",") + ",000"

    def claim(self, speaker: str | None, planted: list[str]) -> str:
        rng = self.rng
        words = self.vocab.take(rng.randint(6, 14))
        for term in planted:
            words.insert(rng.randrange(len(words) + 1), term)
        head = " ".join(words[: len(words) // 2])
        tail = " ".join(words[len(words) // 2 :])
        figure = f"{self.number()}{rng.choice(UNITS)}"
        year = rng.randint(2015, 2026)
        verb = rng.choice(CLAIM_VERBS)
        if speaker is None:
            return f"The {head} {verb} {figure} in {year}, {tail} figures show."
        if rng.random() < 0.5:
            return f"{speaker} said the {head} {verb} {figure} in {year} as {tail} changed."
        return f"The {head} {verb} {figure} in {year}, {speaker} said, citing {tail}."

    def statement(self) -> str:
        """A claim the outlet makes itself, attributed to no one."""
        rng, words = self.rng, self.vocab.take(self.rng.randint(6, 14))
        head, tail = " ".join(words[: len(words) // 2]), " ".join(words[len(words) // 2 :])
        figure = f"{self.number()}{rng.choice(UNITS)}"
        verb, year = rng.choice(CLAIM_VERBS), rng.randint(2015, 2026)
        return f"In {year} the {head} {verb} {figure} as {tail} grew."

    def filler(self) -> str:
        words = self.vocab.take(self.rng.randint(8, 16))
        verb = self.rng.choice(FILLER_VERBS)
        return f"The {' '.join(words[:3])} was {verb} as {' '.join(words[3:])}."


def claimant_names(count: int) -> list[tuple[str, str]]:
    names: list[tuple[str, str]] = [(org, "organization") for org in ORGS]
    i = 0
    while len(names) < count:
        first, last = FIRST[i % len(FIRST)], LAST[(i // len(FIRST)) % len(LAST)]
        round_ = i // (len(FIRST) * len(LAST))
        names.append((f"{first} {last}" + (f" {round_ + 1}" if round_ else ""), "person"))
        i += 1
    return names[:count]


# Rows -----------------------------------------------------------------------------------

ARTICLE = ("id", "url", "title", "publisher", "author", "published_at", "language", "text",
           "text_sha256", "created_at", "canonical_url", "reader",
           "detection_skipped")  # fmt: skip
ADDRESS = ("id", "article_id", "url", "key")
CLAIMANT = ("id", "name", "name_key", "kind", "description", "aliases")
CLAIM = ("id", "text", "kind", "claimant_id", "checkworthiness", "detector", "status", "verdict",
         "verdict_summary", "version", "created_at", "updated_at", "published_at")  # fmt: skip
ANNOTATION = ("id", "claim_id", "article_id", "start", "end", "exact", "prefix", "suffix")
SOURCE = ("id", "url", "title", "publisher", "published_at", "archived_url")
EVIDENCE = ("id", "claim_id", "source_id", "stance", "excerpt", "note", "added_by_id",
            "version", "created_at", "updated_at")  # fmt: skip
TABLES = {
    "factbase_article": ARTICLE,
    "factbase_articleaddress": ADDRESS,
    "factbase_claimant": CLAIMANT,
    "factbase_claim": CLAIM,
    "factbase_annotation": ANNOTATION,
    "factbase_source": SOURCE,
    "factbase_evidence": EVIDENCE,
}


class Dataset:
    """Rows of every table, article by article, and what the manifest records."""

    def __init__(self, claims: int, seed: int = SEED) -> None:
        self.claims = claims
        self.articles = claims // CLAIMS_PER_ARTICLE
        self.text = Text(seed)
        self.rng = random.Random(seed + 1)
        self.claimants = claimant_names(max(100, claims // 20))
        self.sources = max(100, claims // 10)
        self.start = datetime(2022, 1, 1, tzinfo=UTC)
        self.span = timedelta(days=3 * 365) / claims
        # Which claims carry the rare term: RARE_COUNT of the published ones, spread out.
        self.rare_every = max(1, claims // (RARE_COUNT * 2))
        self.published: list[int] = []
        self.planted_published = dict.fromkeys(PLANTED, 0)
        self.annotation_id = 0
        self.evidence_id = 0
        self.uri_for_article: dict[int, str] = {}
        self.verdict_false = 0

    def claimant_rows(self) -> Iterator[tuple[Any, ...]]:
        for i, (name, kind) in enumerate(self.claimants, start=1):
            yield (i, name, " ".join(name.split()).casefold(), kind, "", "[]")

    def source_rows(self) -> Iterator[tuple[Any, ...]]:
        for i in range(1, self.sources + 1):
            yield (
                i,
                f"https://evidence.example.org/report-{i}",
                f"Report {i}",
                "Statistics Office",
                (self.start + timedelta(days=i % 1000)).date(),
                "",
            )

    def article_batch(self, first: int, last: int) -> dict[str, list[tuple[Any, ...]]]:
        rows: dict[str, list[tuple[Any, ...]]] = {table: [] for table in TABLES}
        for article_id in range(first, last + 1):
            self._article(article_id, rows)
        return rows

    def _article(self, article_id: int, rows: dict[str, list[tuple[Any, ...]]]) -> None:
        rng, text = self.rng, self.text
        url = f"https://news.example.org/{2022 + article_id % 4}/story-{article_id}"
        self.uri_for_article[article_id] = url
        parts: list[str] = []
        length = 0
        spans: list[tuple[int, int, int]] = []  # claim id, start, end
        recaps: list[int] = []
        claims: list[tuple[Any, ...]] = []
        for k in range(CLAIMS_PER_ARTICLE):
            claim_id = (article_id - 1) * CLAIMS_PER_ARTICLE + k + 1
            status = rng.choices(STATUSES, weights=STATUS_WEIGHTS)[0]
            planted = []
            if (
                claim_id % self.rare_every == 0
                and status == "published"
                and self.planted_published[RARE] < RARE_COUNT
            ):
                planted.append(RARE)
            if rng.random() < 0.01:
                planted.append(ONE_PERCENT)
            if rng.random() < 0.30:
                planted.append(THIRTY_PERCENT)
            claimant = rng.randrange(len(self.claimants)) + 1 if rng.random() < 0.7 else None
            speaker = self.claimants[claimant - 1][0] if claimant else None
            sentence = text.claim(speaker, planted)
            if status == "published":
                self.published.append(claim_id)
                for term in planted:
                    self.planted_published[term] += 1
            if parts:
                parts.append(" " if k % 4 else "\n\n")
                length += len(parts[-1])
            spans.append((claim_id, length, length + len(sentence)))
            parts.append(sentence)
            length += len(sentence)
            filler = " " + text.filler()
            parts.append(filler)
            length += len(filler)
            if rng.random() < 0.1:
                recaps.append(len(spans) - 1)
            claims.append(self._claim(claim_id, sentence, claimant, status))
        if recaps:
            parts.append("\n\nRecap:")
            length += len("\n\nRecap:")
            for index in recaps:
                claim_id, start, end = spans[index]
                sentence = claims[index][1]
                parts.append(" ")
                length += 1
                spans.append((claim_id, length, length + len(sentence)))
                parts.append(sentence)
                length += len(sentence)
        body = "".join(parts)
        created = self.start + self.span * (article_id - 1) * CLAIMS_PER_ARTICLE
        rows["factbase_article"].append(
            (
                article_id,
                url,
                f"Story {article_id}: {' '.join(text.vocab.take(6))}",
                "Example News",
                "",
                created,
                "en",
                body,
                hashlib.sha256(body.encode()).hexdigest(),
                created,
                url,
                "text",
                "",
            )
        )
        rows["factbase_articleaddress"].append((article_id, article_id, url, address_key(url)))
        rows["factbase_claim"].extend(claims)
        for claim_id, start, end in spans:
            self.annotation_id += 1
            rows["factbase_annotation"].append(
                (
                    self.annotation_id,
                    claim_id,
                    article_id,
                    start,
                    end,
                    body[start:end],
                    body[max(0, start - 32) : start],
                    body[end : end + 32],
                )
            )
        for claim in claims:
            published = claim[6] == "published"
            count = rng.randint(1, 3) if published else int(rng.random() < 0.2)
            for source in rng.sample(range(1, self.sources + 1), count):
                self.evidence_id += 1
                rows["factbase_evidence"].append(
                    (
                        self.evidence_id,
                        claim[0],
                        source,
                        rng.choice(STANCES),
                        "An excerpt of the report.",
                        "",
                        None,
                        1,
                        claim[10],
                        claim[10],
                    )
                )

    def _claim(
        self, claim_id: int, sentence: str, claimant: int | None, status: str
    ) -> tuple[Any, ...]:
        rng = self.rng
        created = (
            self.start + self.span * (claim_id - 1) + timedelta(microseconds=rng.randrange(10**6))
        )
        updated = created + timedelta(hours=rng.randint(1, 200))
        verdict = ""
        if status in ("published", "awaiting_approval"):
            verdict = rng.choice(VERDICTS)
        if status == "published" and verdict == "false":
            self.verdict_false += 1
        return (
            claim_id,
            sentence,
            rng.choices(KINDS, weights=KIND_WEIGHTS)[0],
            claimant,
            round(rng.uniform(0.5, 1.0), 4),
            "rules/5",
            status,
            verdict,
            "Checked against the official figures." if verdict else "",
            rng.randint(1, 6),
            created,
            updated,
            updated if status == "published" else None,
        )


# Loading --------------------------------------------------------------------------------


def database_url(engine: str, size: str) -> str:
    if engine == "sqlite":
        return f"sqlite:///{DATA / f'factbase-{size}.sqlite3'}"
    return f"postgres://postgres@127.0.0.1:5432/factbase_bench_{size.lower()}"


def manifest_path(engine: str, size: str) -> Path:
    return DATA / f"{engine}-{size}.json"


def _fresh_database(engine: str, size: str) -> None:
    if engine == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(str(DATA / f"factbase-{size}.sqlite3") + suffix).unlink(missing_ok=True)
        return
    import psycopg

    name = f"factbase_bench_{size.lower()}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')


class Loader:
    def __init__(self, engine: str) -> None:
        from django.db import connection

        self.engine = engine
        self.connection = connection

    def insert(self, table: str, rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        columns = TABLES[table]
        names = ", ".join(f'"{c}"' for c in columns)
        if self.engine == "postgres":
            raw = self.connection.connection
            with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        adapt = self.connection.ops.adapt_datetimefield_value
        rows = [tuple(adapt(v) if isinstance(v, datetime) else v for v in row) for row in rows]
        marks = ", ".join("%s" for _ in columns)
        with self.connection.cursor() as cursor:
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


def generate(size: str, engine: str, *, quiet: bool = False) -> dict[str, Any]:
    claims = SIZES[size]
    os.environ["DATABASE_URL"] = database_url(engine, size)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factbase.settings")
    DATA.mkdir(parents=True, exist_ok=True)
    _fresh_database(engine, size)
    import django

    django.setup()
    from django.core.management import call_command
    from django.core.management.color import no_style
    from django.db import connection, transaction

    from factbase.models import (
        Annotation,
        Article,
        ArticleAddress,
        Claim,
        Claimant,
        Evidence,
        Source,
    )

    began = time.perf_counter()
    call_command("migrate", verbosity=0)
    search_index = __import__("factbase.migrations.0003_claim_search", fromlist=["INDEX"])
    loader = Loader(engine)
    data = Dataset(claims)
    # Full-text indexes are built once at the end, not row by row.
    with connection.cursor() as cursor:
        if engine == "sqlite":
            cursor.execute("DROP TRIGGER factbase_claim_fts_ai")
            cursor.execute("PRAGMA synchronous=OFF")
        else:
            cursor.execute("DROP INDEX claim_text_search_idx")
    with transaction.atomic():
        loader.insert("factbase_claimant", list(data.claimant_rows()))
        loader.insert("factbase_source", list(data.source_rows()))
    batch = 500
    for first in range(1, data.articles + 1, batch):
        rows = data.article_batch(first, min(first + batch - 1, data.articles))
        with transaction.atomic():
            for table in ("factbase_article", "factbase_claim", "factbase_annotation"):
                loader.insert(table, rows[table])
            loader.insert("factbase_evidence", rows["factbase_evidence"])
        if not quiet:
            done = min(first + batch - 1, data.articles) * CLAIMS_PER_ARTICLE
            print(f"\r  {engine} {size}: {done:,}/{claims:,} claims", end="", file=sys.stderr)
    if not quiet:
        print(file=sys.stderr)
    with connection.cursor() as cursor:
        if engine == "sqlite":
            for statement in search_index.SQLITE_FORWARD:
                cursor.execute(statement)  # the trigger back, and the index rebuilt
            cursor.execute("ANALYZE")
        else:
            with connection.schema_editor() as editor:
                editor.add_index(Claim, search_index.INDEX)
            for statement in connection.ops.sequence_reset_sql(
                no_style(), [Article, ArticleAddress, Claimant, Claim, Annotation, Source, Evidence]
            ):
                cursor.execute(statement)
            cursor.execute("VACUUM ANALYZE")
    published = data.published
    deep = published[::-1][int(len(published) * 0.9)]
    middle = published[len(published) // 2]
    manifest = {
        "generator": GENERATOR_VERSION,
        "size": size,
        "engine": engine,
        "seed": SEED,
        "seconds": round(time.perf_counter() - began, 1),
        "counts": {
            "claims": claims,
            "published": len(published),
            "articles": data.articles,
            "annotations": data.annotation_id,
            "evidence": data.evidence_id,
            "claimants": len(data.claimants),
            "sources": data.sources,
            "published_verdict_false": data.verdict_false,
        },
        "terms": {
            "rare": [RARE, data.planted_published[RARE]],
            "one_percent": [ONE_PERCENT, data.planted_published[ONE_PERCENT]],
            "thirty_percent": [THIRTY_PERCENT, data.planted_published[THIRTY_PERCENT]],
        },
        "detail_id": middle,
        "deep_id": deep,
        "deep_rank": int(len(published) * 0.9),
        "annotation_uri": data.uri_for_article[(middle - 1) // CLAIMS_PER_ARTICLE + 1],
    }
    manifest_path(engine, size).write_text(json.dumps(manifest, indent=2))
    return manifest


def ensure(size: str, engine: str) -> dict[str, Any]:
    """The manifest of a generated database, generating it first if it is missing or old."""
    path = manifest_path(engine, size)
    if path.exists():
        manifest: dict[str, Any] = json.loads(path.read_text())
        if manifest.get("generator") == GENERATOR_VERSION:
            return manifest
    import subprocess

    subprocess.run(
        [sys.executable, "-m", "bench.generate", "--size", size, "--engine", engine],
        cwd=ROOT,
        check=True,
    )
    result: dict[str, Any] = json.loads(path.read_text())
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=SIZES, default="S")
    parser.add_argument("--engine", choices=("sqlite", "postgres"), default="sqlite")
    args = parser.parse_args()
    manifest = generate(args.size, args.engine)
    print(json.dumps(manifest["counts"]), f"in {manifest['seconds']} s")


if __name__ == "__main__":
    main()
