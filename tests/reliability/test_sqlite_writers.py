"""Issue 9 finding 6: concurrent writers on the embedded default, a SQLite file.

`make serve`'s gunicorn runs over a freshly migrated SQLite file. One client ingests a
large article (many claims to store in one transaction) while WRITERS other clients each
ingest small articles through the API. A write may wait for the database, and when it
cannot get it in time it must be told so (503 with Retry-After), never a 500: every
write either succeeded (201) or got that 503. The figures go to reports/sqlite_writers.json.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings

from tests.reliability.serving import environment, free_port, serve_command

pytestmark = pytest.mark.slow

BASE_DIR = Path(settings.BASE_DIR)
REPORTS = BASE_DIR / "reports"
WRITERS = 8
ARTICLES_EACH = 5
LARGE_SENTENCES = 3000

_MAKE_EDITOR = (
    "from django.contrib.auth import get_user_model;"
    "from factbase.roles import ensure_editorial_groups;"
    "u = get_user_model().objects.create_user('desk', password='x', is_staff=True);"
    "u.groups.add(ensure_editorial_groups()['editors'])"
)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """(address, editor token) of `make serve` over a migrated SQLite file."""
    database = tmp_path_factory.mktemp("writers") / "db.sqlite3"
    env = environment(database)

    def manage(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=BASE_DIR,
            env=env,
            check=True,
            timeout=300,
            capture_output=True,
            text=True,
        )
        return done.stdout

    manage("migrate", "--noinput", "-v", "0")
    manage("shell", "-c", _MAKE_EDITOR)
    token = manage("create_token", "desk").strip().splitlines()[-1]
    port = free_port()
    process = subprocess.Popen(
        serve_command(port),
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{url}/api/v1/claims/", timeout=2).read()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        yield url, token
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _post_article(url: str, token: str, title: str, text: str) -> tuple[int, str | None]:
    """(status, Retry-After) of POST /api/v1/articles/."""
    request = urllib.request.Request(
        f"{url}/api/v1/articles/",
        data=json.dumps({"title": title, "text": text}).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=300) as response:
            response.read()
            return int(response.status), response.headers.get("Retry-After")
    except urllib.error.HTTPError as error:
        error.read()
        return int(error.code), error.headers.get("Retry-After")


def _large_text() -> str:
    return "\n\n".join(
        f"The minister said unemployment in district {i} fell by {i % 90 + 1} percent in 2025."
        for i in range(LARGE_SENTENCES)
    )


def test_writers_beside_a_slow_ingest_get_201_or_503_with_retry_after(
    served: tuple[str, str],
) -> None:
    url, token = served
    results: list[tuple[str, int, str | None]] = []
    lock = threading.Lock()

    large_window: list[float] = []
    small_done_at: list[float] = []

    def record(kind: str, outcome: tuple[int, str | None]) -> None:
        with lock:
            results.append((kind, *outcome))
            if kind == "small":
                small_done_at.append(time.monotonic())

    def large() -> None:
        large_window.append(time.monotonic())
        record("large", _post_article(url, token, "A long report", _large_text()))
        large_window.append(time.monotonic())

    def small(writer: int) -> None:
        for n in range(ARTICLES_EACH):
            text = f"The council said writer {writer} counted {n + 1} buses in 2025."
            record("small", _post_article(url, token, f"Short {writer}-{n}", text))

    slow = threading.Thread(target=large)
    slow.start()
    time.sleep(0.5)  # the large article is being detected and stored
    writers = [threading.Thread(target=small, args=(w,)) for w in range(WRITERS)]
    for thread in writers:
        thread.start()
    for thread in [slow, *writers]:
        thread.join()

    statuses = Counter(status for _, status, _ in results)
    server_errors = [r for r in results if r[1] >= 500 and not (r[1] == 503 and r[2])]
    REPORTS.mkdir(exist_ok=True)
    (REPORTS / "sqlite_writers.json").write_text(
        json.dumps(
            {
                "database": "SQLite file (embedded default), make serve (gunicorn gthread)",
                "writers": WRITERS + 1,
                "requests": len(results),
                "large_article_sentences": LARGE_SENTENCES,
                "large_article_status": next(s for k, s, _ in results if k == "large"),
                "statuses": {str(k): v for k, v in sorted(statuses.items())},
                "5xx_other_than_503_with_retry_after": len(server_errors),
                "503_count": statuses[503],
                "large_article_seconds": round(large_window[1] - large_window[0], 2),
                "small_writes_done_while_large_in_flight": sum(
                    large_window[0] <= t <= large_window[1] for t in small_done_at
                ),
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    assert len(results) == WRITERS * ARTICLES_EACH + 1
    assert server_errors == []
    assert set(statuses) <= {201, 503}, statuses
