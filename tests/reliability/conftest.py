"""Reliability tests: shared fixtures and the figures they leave in reports/reliability.md.

Every test here records what it tried (cases generated, cells checked, rows counted) in a
session-scoped collector; at the end of a session that ran any of them, the collector
writes reports/reliability.md (an ignored folder: a test run never changes a tracked
file). `make docs` copies the latest report to docs/reliability.md, so the figures a
reader sees are the ones a run produced.
"""

from __future__ import annotations

import json
import os
import platform
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import django
import pytest
from django.conf import settings
from django.db import connection
from knox.models import AuthToken

from factbase import detect, services
from factbase.models import (
    Annotation,
    Article,
    Claim,
    Claimant,
    Evidence,
    ReviewEvent,
    Source,
)
from factbase.roles import ensure_editorial_groups
from tests.factories import UserFactory

REPORT = Path(settings.BASE_DIR) / "reports" / "reliability.md"
POSTGRES = connection.vendor == "postgresql"
SQLITE = connection.vendor == "sqlite"

# Bugs these tests found, by id. A test that shows one is marked
# `xfail(strict=True, reason=BUGS[id])`; the sweeping tests (matrix, hostile inputs) let
# its cells through and fail once it no longer reproduces. When a bug is fixed, delete its
# entry here: every xfail marker and sweep exception that names it then fails loudly.
BUGS: dict[str, str] = {}

ROW_MODELS = (Article, Claim, Annotation, Claimant, Source, Evidence, ReviewEvent)


def engine_name() -> str:
    if connection.vendor == "postgresql":
        return "PostgreSQL"
    return "SQLite" if connection.vendor == "sqlite" else connection.vendor


def row_counts() -> dict[str, int]:
    """Rows in every table of the domain, by model name."""
    return {model.__name__: model.objects.count() for model in ROW_MODELS}


@dataclass
class Figures:
    """What the reliability tests tried and found, section by section."""

    sections: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    notes: dict[str, list[str]] = field(default_factory=dict)

    def add(self, section: str, **row: Any) -> None:
        self.sections.setdefault(section, []).append(row)

    def note(self, section: str, text: str) -> None:
        if text not in self.notes.get(section, []):
            self.notes.setdefault(section, []).append(text)

    def bug(self, reason: str) -> None:
        """A known bug (conftest.BUGS) that this run reproduced."""
        self.note("bugs", reason)

    def render(self) -> str:
        env = environment()
        lines = [
            "# Reliability: the figures",
            "",
            "Written by the test run (`tests/reliability/`), not by hand: "
            f"{env['engine']}, {env['when']}, Python {env['python']}, Django {env['django']}. "
            "`make test` runs SQLite first and PostgreSQL last, so the committed file holds "
            "the PostgreSQL run. PostgreSQL-only tests are skipped on SQLite.",
        ]
        for key, (title, description) in SECTIONS.items():
            rows, notes = self.sections.get(key, []), self.notes.get(key, [])
            if not rows and not notes:
                continue
            lines += ["", f"## {title}", "", description]
            if rows:
                lines += ["", *_table(rows)]
            for text in notes:
                lines += ["", text]
        lines += _measured_elsewhere()
        lines += ["", "## Known bugs (strict xfail until fixed)", ""]
        bugs = self.notes.get("bugs", [])
        lines += [f"- {reason}" for reason in bugs] if bugs else ["None observed in this run."]
        return "\n".join(lines) + "\n"


# The report's sections, in order: id -> (title, what was done).
SECTIONS: dict[str, tuple[str, str]] = {
    "fuzz": (
        "Schema fuzzing (schemathesis)",
        "All phases (examples, coverage, fuzzing, stateful) against a live server seeded "
        "with the seed article and its fact-checks; a fixed seed; NUL bytes allowed.",
    ),
    "fuzz-failures": (
        "Fuzzing failures, by check and operation",
        "Failing cases grouped by check and operation. `bug` names the conftest.BUGS entry "
        "that explains them; NEW would be a failure nobody has explained, and fails the run.",
    ),
    "concurrency": (
        "Concurrency (PostgreSQL, real threads and processes)",
        "Each race starts its callers at one barrier against a live server or real connections.",
    ),
    "matrix": (
        "Authorization matrix",
        "Every endpoint of api/v1/urls.py x every method x six callers (anonymous, no group, "
        "editor, reviewer, expired token, revoked token) x published, unpublished and missing "
        "objects.",
    ),
    "absence": (
        "Unpublished claims in lists, searches and feeds",
        "Every page of every list, filter and search, walked to the end, scanned for the "
        "marker words of unpublished claims, their summaries and their evidence.",
    ),
    "hostile": (
        "Hostile input",
        "Refused inputs must be a 4xx problem+json naming the field at fault and leave every "
        "domain table as it was (rows of all seven domain tables counted before and after "
        "each request); accepted text must be stored exactly, served back exactly as "
        "application/json with nosniff, and escaped in the browsable API.",
    ),
    "ingest": ("Ingest faults", "Faults injected in the database and in the process."),
    "deploy": (
        "Deployment checks and throttling",
        "`check --deploy` runs in a child process with the environment of a production host; "
        "throttling is measured in process at 5 requests a minute, and the environment "
        "switch in a child process.",
    ),
    "backup": (
        "Backup round trip",
        "dumpdata, a freshly migrated database, loaddata: the API's JSON compared byte for byte.",
    ),
}


def _measured_elsewhere() -> list[str]:
    """Figures other tests of the run leave in reports/, and the committed worst-case
    detector benchmark, so that one page holds the reliability figures."""
    base = Path(settings.BASE_DIR)
    lines: list[str] = []
    serving = base / "reports" / "serving.json"
    if serving.exists():
        figures = json.loads(serving.read_text(encoding="utf-8"))
        lines += [
            "",
            "## Slow clients against `make serve` (tests/reliability/test_edges_serving.py)",
            "",
            *_table([{k: v for k, v in figures.items() if not isinstance(v, list)}]),
        ]
    writers = base / "reports" / "sqlite_writers.json"
    if writers.exists():
        figures = json.loads(writers.read_text(encoding="utf-8"))
        lines += [
            "",
            "## Concurrent writers on an SQLite file (tests/reliability/test_sqlite_writers.py)",
            "",
            *_table([{k: v for k, v in figures.items() if not isinstance(v, (list, dict))}]),
        ]
    worst = base / "bench" / "results" / "detector_worst.json"
    if worst.exists():
        figures = json.loads(worst.read_text(encoding="utf-8"))
        lines += [
            "",
            "## The detector's worst shapes at 2 MiB (bench/detector_worst.py, committed run)",
            "",
            f"Target: every shape under {figures['target_seconds']} s ({figures['clock']}).",
            "",
            *_table(
                [
                    {"shape": r["shape"], "outcome": r["outcome"], "seconds": r["seconds"]}
                    for r in figures["shapes"]
                ]
            ),
        ]
    return lines


def _table(rows: list[dict[str, Any]]) -> list[str]:
    columns: list[str] = []
    for row in rows:
        columns += [c for c in row if c not in columns]
    out = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for row in rows:
        cells = [str(row.get(c, "")).replace("|", "\\|").replace("\n", " ") for c in columns]
        out.append("| " + " | ".join(cells) + " |")
    return out


_collector: list[Figures] = []


@pytest.fixture(scope="session")
def figures() -> Iterator[Figures]:
    collector = Figures()
    _collector.append(collector)
    yield collector
    # A pytest-xdist worker (make test-fast) holds only its share of the run's figures: a
    # report of a part would read as the whole.
    if collector.sections and "PYTEST_XDIST_WORKER" not in os.environ:
        REPORT.parent.mkdir(parents=True, exist_ok=True)
        REPORT.write_text(collector.render(), encoding="utf-8")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Every known bug a test of this run reproduced (a strict xfail) goes in the report."""
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    reason = getattr(report, "wasxfail", None)
    if report.when == "call" and reason in BUGS.values() and _collector:
        _collector[0].bug(reason)


@pytest.fixture(autouse=True)
def _postgres_only(request: pytest.FixtureRequest) -> None:
    marker = request.node.get_closest_marker("postgres")
    if marker is not None and connection.vendor != "postgresql":
        reason = marker.kwargs.get("reason", "this needs PostgreSQL")
        pytest.skip(f"PostgreSQL only: {reason}")


@pytest.fixture
def token_for(db: None) -> Callable[[Any], str]:
    """A fresh bearer token for the user."""

    def make(user: Any) -> str:
        _, token = AuthToken.objects.create(user=user)
        return str(token)

    return make


def member(group: str, username: str) -> Any:
    user = UserFactory(username=username, is_staff=True)
    # Earlier transactional tests flush the database, groups of the data migration included.
    user.groups.add(ensure_editorial_groups()[group])
    return user


def environment() -> dict[str, str]:
    return {
        "engine": engine_name(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "when": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


# A desk with claims in every state ------------------------------------------------------

WORLD_TEXT = (
    "The council approved a budget of $12 million on Tuesday. "
    "The mayor said 40 new teachers would be hired. "
    "Critics said council tax would rise by 3% next year. "
    "The river was declared clean in 2021. "
    "Unemployment in the city fell to 4% last year. "
    "The new stadium cost $300 million to build."
)
WORLD_URL = "https://news.example.org/reliability/council-budget"


def sentence_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    while start < len(text):
        end = text.find(". ", start)
        end = len(text) if end < 0 else end + 1
        spans.append((start, end))
        start = end + 1
    return spans


@dataclass
class World:
    """One article whose claims stand in every workflow state, and who can see what.

    Every claim the public may not see carries a marker word in its text, verdict summary
    or evidence, so a leak shows up as a marker in a response body.
    """

    article: Any
    published: Any
    hidden: Any  # in review, with evidence
    awaiting: Any
    new: Any
    dismissed: Any
    reopened: Any
    published_evidence: Any
    hidden_evidence: Any
    users: dict[str, Any]
    tokens: dict[str, str | None]
    markers: tuple[str, ...]

    @property
    def unpublished(self) -> list[Any]:
        return [self.hidden, self.awaiting, self.new, self.dismissed, self.reopened]

    @property
    def never_published(self) -> list[Any]:
        """The unpublished claims readers never saw. (A reopened fact-check stays public
        as it was last published until it is approved again: only its new edits are
        unpublished work, and the reopened claim carries a marker in those.)"""
        return [self.hidden, self.awaiting, self.new, self.dismissed]


@pytest.fixture
def world(db: None, token_for: Callable[[Any], str]) -> World:
    from datetime import timedelta

    from factbase import review
    from tests.factories import ArticleFactory, anchored_claim

    editor, reviewer = member("editors", "w-editor"), member("reviewers", "w-reviewer")
    outsider = UserFactory(username="w-outsider")
    article = ArticleFactory(text=WORLD_TEXT, url=WORLD_URL)
    spans = sentence_spans(WORLD_TEXT)

    def claim(index: int, text: str | None = None) -> Any:
        fields = {"text": text} if text else {}
        return anchored_claim(article=article, span=spans[index], **fields)

    def step(c: Any, actor: Any, action: str, **kw: Any) -> Any:
        return review.claim_transition(claim=c, actor=actor, action=action, **kw)

    def add_evidence(c: Any, url: str, note: str = "") -> Any:
        return services.evidence_add(claim=c, actor=editor, url=url, stance="supports", note=note)

    def publish(c: Any, summary: str) -> Any:
        c = step(c, editor, "start_review")
        c = step(c, editor, "propose", verdict="mostly_true", summary=summary)
        return step(c, reviewer, "approve", expected_version=c.version)

    published = claim(0)
    published_evidence = add_evidence(published, "https://evidence.example.org/budget")
    published = publish(published, "The budget was $12 million.")

    hidden = step(claim(1, "Forty teachers zqhiddenmarker will be hired."), editor, "start_review")
    hidden_evidence = add_evidence(hidden, "https://evidence.example.org/teachers", "zqnotemarker")

    awaiting = step(claim(2, "Council tax zqawaitingmarker rises 3%."), editor, "start_review")
    add_evidence(awaiting, "https://evidence.example.org/tax")
    awaiting = step(awaiting, editor, "propose", verdict="false", summary="zqsummarymarker")

    new = claim(3, "The river zqnewmarker was declared clean.")
    dismissed = step(
        claim(4, "Unemployment zqdismissedmarker fell."), editor, "dismiss", note="dup"
    )
    reopened = claim(5, "The stadium zqreopenedmarker cost $300 million.")
    add_evidence(reopened, "https://evidence.example.org/stadium")
    reopened = publish(reopened, "zqreopenedsummary")
    reopened = step(reopened, reviewer, "reopen", note="New figures.")
    reopened = services.claim_update(
        claim=reopened,
        actor=editor,
        expected_version=reopened.version,
        changes={"text": "The stadium zqreopenededit cost $340 million."},
    )

    _, expired = AuthToken.objects.create(user=editor, expiry=timedelta(seconds=-1))
    revoked_instance, revoked = AuthToken.objects.create(user=editor)
    revoked_instance.delete()
    tokens: dict[str, str | None] = {
        "anonymous": None,
        "outsider": token_for(outsider),
        "editor": token_for(editor),
        "reviewer": token_for(reviewer),
        "expired": expired,
        "revoked": revoked,
    }
    return World(
        article=article,
        published=published,
        hidden=hidden,
        awaiting=awaiting,
        new=new,
        dismissed=dismissed,
        reopened=reopened,
        published_evidence=published_evidence,
        hidden_evidence=hidden_evidence,
        users={"editor": editor, "reviewer": reviewer, "outsider": outsider},
        tokens=tokens,
        markers=(
            "zqhiddenmarker",
            "zqnotemarker",
            "zqawaitingmarker",
            "zqsummarymarker",
            "zqnewmarker",
            "zqdismissedmarker",
            # The reopened claim's draft edit; its published text stays public by design.
            "zqreopenededit",
        ),
    )


def database_url() -> str:
    """The URL of the database this test session uses (the test database, not the dev one)."""
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        user = db.get("USER") or "postgres"
        host = db.get("HOST") or "127.0.0.1"
        port = db.get("PORT") or 5432
        return f"postgres://{user}@{host}:{port}/{db['NAME']}"
    return f"sqlite:///{db['NAME']}"


def subprocess_env(**extra: str) -> dict[str, str]:
    """The environment for a `manage.py` child working on this session's database."""
    import os

    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DATABASE_", "DJANGO_", "FACTBASE_"))
    }
    env.update(
        DATABASE_URL=database_url(),
        DJANGO_SETTINGS_MODULE="factbase.settings",
        FACTBASE_THROTTLING="0",
        PYTHONPATH=str(settings.BASE_DIR),
    )
    env.update(extra)
    return env


# Article folders for ingest -------------------------------------------------------------


def write_articles(folder: Path, count: int) -> list[str]:
    """`count` distinct articles, half with a sidecar URL and half identified by their text."""
    base = Path(settings.BASE_DIR) / "tests" / "factbase" / "articles"
    bodies = [p.read_text(encoding="utf-8") for p in sorted(base.glob("*.txt"))]
    names = []
    for i in range(count):
        name = f"{i:03d}_story"
        body = bodies[i % len(bodies)].strip()
        text = f"Story number {i}\n\n{body}\n\nOfficials counted {i * 7 + 3} complaints in 2024."
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        if i % 2 == 0:
            meta = {"title": f"Story {i}", "url": f"https://news.example.org/race/{i}"}
            (folder / f"{name}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
        names.append(name)
    return names


def assert_each_article_once_and_complete(count: int) -> int:
    assert Article.objects.count() == count
    assert Article.objects.values("text_sha256").distinct().count() == count
    urls = [u for u in Article.objects.values_list("url", flat=True) if u]
    assert len(urls) == len(set(urls))
    claims = 0
    for article in Article.objects.all():
        expected = len(detect.detect(article.text))
        stored = Annotation.objects.filter(article=article).count()
        assert stored == expected, (article.title, stored, expected)
        claims += stored
    assert Claim.objects.count() == claims
    return claims
