"""Serving: the production command keeps answering a reader while slow clients hang.

Issue 9 finding 11: two clients that send a header line every 5 s stalled the documented
`gunicorn -w 2` (sync workers) for 30 s. This starts the server the way `make serve` does
(factbase/gunicorn_conf.py) on a free loopback port, opens 50 such slow clients, and
requires a normal reader's GET /api/v1/claims/ to be answered 200 while they all hang.
The latency is a figure in reports/serving.json, not an assertion; "answered within
5 s" is only a liveness bound.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings

from tests.reliability.serving import environment, free_port, serve_command

pytestmark = pytest.mark.slow

BASE_DIR = Path(settings.BASE_DIR)
REPORTS = BASE_DIR / "reports"
SLOW_CLIENTS = 50
HEADER_EVERY_SECONDS = 3.0
LIVENESS_SECONDS = 5.0


def _get(url: str, timeout: float) -> tuple[int, float]:
    started = time.monotonic()
    with urllib.request.urlopen(url, timeout=timeout) as response:
        response.read()
        return int(response.status), time.monotonic() - started


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`make serve`'s gunicorn on a free port over a freshly migrated SQLite file."""
    database = tmp_path_factory.mktemp("serving") / "db.sqlite3"
    env = environment(database)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=BASE_DIR,
        env=env,
        check=True,
        timeout=300,
    )
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
                _get(f"{url}/api/v1/claims/", timeout=2)
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


class SlowClients:
    """Sockets that send a request one header line every few seconds and never finish."""

    def __init__(self, port: int, count: int) -> None:
        self.sockets = [socket.create_connection(("127.0.0.1", port)) for _ in range(count)]
        self.stop = threading.Event()
        self.lines_sent = 0
        self.thread = threading.Thread(target=self._trickle, daemon=True)

    def __enter__(self) -> SlowClients:
        for sock in self.sockets:
            sock.sendall(b"GET /api/v1/claims/ HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        self.thread.start()
        return self

    def _trickle(self) -> None:
        n = 0
        while not self.stop.wait(HEADER_EVERY_SECONDS):
            n += 1
            for sock in self.sockets:
                try:
                    sock.sendall(f"X-Slow-{n}: {n}\r\n".encode())
                    self.lines_sent += 1
                except OSError:
                    pass

    def still_open(self) -> int:
        """How many of the slow connections the server has not closed."""
        open_ = 0
        for sock in self.sockets:
            sock.setblocking(False)
            try:
                open_ += sock.recv(1, socket.MSG_PEEK) != b""
            except BlockingIOError:
                open_ += 1
            except OSError:
                pass
        return open_

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()
        for sock in self.sockets:
            sock.close()


def test_a_reader_is_answered_while_50_slow_clients_hang(server: str) -> None:
    port = int(server.rsplit(":", 1)[1])
    _, idle_seconds = _get(f"{server}/api/v1/claims/", timeout=LIVENESS_SECONDS)
    with SlowClients(port, SLOW_CLIENTS) as slow:
        # Let every slow client be accepted and send a couple of header lines.
        time.sleep(HEADER_EVERY_SECONDS * 2 + 0.5)
        held_before = slow.still_open()
        answers = [_get(f"{server}/api/v1/claims/", timeout=LIVENESS_SECONDS) for _ in range(5)]
        held_after = slow.still_open()
    assert held_before == SLOW_CLIENTS  # they really were hanging on the server
    assert [status for status, _ in answers] == [200] * 5
    latencies = sorted(seconds for _, seconds in answers)
    REPORTS.mkdir(exist_ok=True)
    (REPORTS / "serving.json").write_text(
        json.dumps(
            {
                "server": "make serve (factbase/gunicorn_conf.py)",
                "slow_clients": SLOW_CLIENTS,
                "header_line_every_seconds": HEADER_EVERY_SECONDS,
                "slow_clients_still_open_before": held_before,
                "slow_clients_still_open_after": held_after,
                "reader_requests": len(answers),
                "reader_statuses": [status for status, _ in answers],
                "reader_latency_idle_ms": round(idle_seconds * 1000, 1),
                "reader_latency_median_ms": round(latencies[len(latencies) // 2] * 1000, 1),
                "reader_latency_max_ms": round(latencies[-1] * 1000, 1),
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )


def test_a_burst_of_100_simultaneous_connects_is_answered(server: str) -> None:
    """runserver reset connections in bursts of 30; gunicorn's backlog queues them."""
    from concurrent.futures import ThreadPoolExecutor

    barrier = threading.Barrier(100)

    def one(_: int) -> int:
        barrier.wait()
        return _get(f"{server}/api/v1/claims/", timeout=60)[0]

    with ThreadPoolExecutor(max_workers=100) as pool:
        statuses = list(pool.map(one, range(100)))
    assert statuses == [200] * 100
