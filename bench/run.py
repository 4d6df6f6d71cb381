"""The benchmark runner: gunicorn serving the app, loaded with wrk, on SQLite and PostgreSQL.

    python -m bench.run --size S --engines sqlite,postgres     (make bench; SIZE=M make bench)

For each engine: generate the database if needed (bench/generate.py), start gunicorn
(2 sync workers, DJANGO_DEBUG=0, FACTBASE_THROTTLING=0, FACTBASE_URLCONF=bench.urls so
the conventional DRF list and the pre-serialized bytes are served by the same server),
check every endpoint answers as it should, warm up, then run wrk over all endpoints in
interleaved rounds (the order rotates each round, so drift hits every endpoint alike)
and keep each endpoint's median round. Then the in-process timings (bench/inprocess.py).
Writes bench/results/SIZE.json, then bench/report.py the table and chart.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import generate
from bench.endpoints import Endpoint, endpoints

ROOT = generate.ROOT
RESULTS = ROOT / "bench" / "results"
LUA = ROOT / "bench" / "report.lua"
GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def server_env(engine: str, size: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=generate.database_url(engine, size),
        FACTBASE_URLCONF="bench.urls",
        DJANGO_DEBUG="0",
        FACTBASE_THROTTLING="0",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        DJANGO_CONN_MAX_AGE="600",
        DJANGO_LOG_LEVEL="ERROR",
    )
    env.pop("DATABASE_REPLICA_URL", None)
    return env


class Server:
    """gunicorn on a free port; stopped (by its own pid) on exit."""

    def __init__(self, env: dict[str, str], workers: int) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [
                str(GUNICORN),
                "factbase.wsgi:application",
                f"--workers={workers}",
                f"--bind=127.0.0.1:{self.port}",
                "--backlog=64",
                "--log-level=warning",
                "--timeout=120",
            ],
            cwd=ROOT,
            env=env,
        )

    def __enter__(self) -> Server:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.base}/api/v1/claimants/?page_size=1") as r:
                    if r.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc: object) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def fetch(url: str, headers: dict[str, str]) -> tuple[int, bytes, dict[str, str]]:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


def check(base: str, endpoint: Endpoint) -> dict[str, Any]:
    """The endpoint answers as it should (else the run stops): status, size, row count."""
    status, body, _ = fetch(base + endpoint.path, endpoint.headers)
    expected = 304 if "If-None-Match" in endpoint.headers else 200
    if status != expected:
        raise RuntimeError(f"{endpoint.name}: {status} {body[:300]!r}")
    rows = None
    if body:
        data = json.loads(body)
        rows = len(data.get("results", data.get("items", []))) if "id" not in data else 1
    return {"status": status, "bytes": len(body), "rows": rows}


def wrk(url: str, headers: dict[str, str], seconds: float, connections: int) -> dict[str, Any]:
    command = [
        "wrk",
        "-t1",
        f"-c{connections}",
        f"-d{round(seconds)}s",
        "--timeout=10s",
        "-s",
        str(LUA),
    ]
    for key, value in headers.items():
        command += ["-H", f"{key}: {value}"]
    out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


def drain(base: str, limit: float = 180) -> None:
    """Wait until the workers are idle: requests wrk left queued (a slow endpoint's) would
    otherwise be served during the next endpoint's run and count against it."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        began = time.perf_counter()
        fetch(f"{base}/api/v1/claimants/?page_size=1", {})
        if time.perf_counter() - began < 0.05:
            return
    raise RuntimeError("the server did not become idle")


def measure(
    engine: str, size: str, *, rounds: int, seconds: float, connections: int, workers: int
) -> dict[str, Any]:
    manifest = generate.ensure(size, engine)
    env = server_env(engine, size)
    load_before = os.getloadavg()[0]
    with Server(env, workers) as server:
        detail = f"{server.base}/api/v1/claims/{manifest['detail_id']}/"
        version = int(fetch(detail, {})[2]["ETag"].strip('"'))
        points = endpoints(manifest, version)
        checks = {e.name: check(server.base, e) for e in points}
        for endpoint in points:  # warm: caches, connections, the bytes view's page
            wrk(server.base + endpoint.path, endpoint.headers, 1, connections)
            drain(server.base)
        runs: dict[str, list[dict[str, Any]]] = {e.name: [] for e in points}
        for r in range(rounds):
            shift = r * len(points) // max(rounds, 1)
            for endpoint in points[shift:] + points[:shift]:
                runs[endpoint.name].append(
                    wrk(server.base + endpoint.path, endpoint.headers, seconds, connections)
                )
                drain(server.base)
            print(f"  {engine} {size}: round {r + 1}/{rounds} done", file=sys.stderr)
    http: dict[str, Any] = {}
    for endpoint in points:
        done = runs[endpoint.name]
        middle = sorted(done, key=lambda x: x["rps"])[len(done) // 2]
        errors = sum(sum(x["errors"].values()) for x in done)
        http[endpoint.name] = {
            "what": endpoint.what,
            "path": endpoint.path,
            "rps": round(middle["rps"], 1),
            "rps_rounds": [round(x["rps"], 1) for x in done],
            "p50_ms": round(statistics.median(x["p50_us"] for x in done) / 1000, 3),
            "p99_ms": round(statistics.median(x["p99_us"] for x in done) / 1000, 3),
            "errors": errors,
            **checks[endpoint.name],
        }
    env_in = {**env, "FACTBASE_URLCONF": "bench.urls"}
    inprocess = json.loads(
        subprocess.run(
            [
                sys.executable,
                "-m",
                "bench.inprocess",
                str(generate.manifest_path(engine, size)),
                str(version),
            ],
            cwd=ROOT,
            env=env_in,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    return {
        "manifest": manifest,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        # The machine is shared: a load well above the server's own says others ran too.
        "load_average_1min": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "http": http,
        "inprocess": inprocess,
    }


def machine() -> dict[str, Any]:
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout
    pg = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAc", "SHOW server_version"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    import sqlite3

    return {
        "cpus": os.cpu_count(),
        "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "postgresql": pg.split(" ")[0],
        "wrk": wrk_version.split("\n")[0].strip(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=generate.SIZES, default="S")
    parser.add_argument("--engines", default="sqlite,postgres")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=1)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install wrk")
    began = time.perf_counter()
    results: dict[str, Any] = {
        "size": args.size,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "settings": {
            "workers": args.workers,
            "worker_class": "sync",
            "wrk_threads": 1,
            "connections": args.connections,
            "rounds": args.rounds,
            "seconds_per_round": args.seconds,
        },
        "engines": {},
    }
    for engine in args.engines.split(","):
        results["engines"][engine] = measure(
            engine,
            args.size,
            rounds=args.rounds,
            seconds=args.seconds,
            connections=args.connections,
            workers=args.workers,
        )
    results["seconds"] = round(time.perf_counter() - began, 1)
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{args.size}.json"
    if path.exists():
        # Engines not run this time keep their last results (each carries its date).
        kept = json.loads(path.read_text()).get("engines", {})
        results["engines"] = {**kept, **results["engines"]}
    path.write_text(json.dumps(results, indent=2) + "\n")
    from bench import report

    report.write_all()
    print(f"wrote {path.relative_to(ROOT)} in {results['seconds']} s")


if __name__ == "__main__":
    main()
