"""annotations?uri= as an extension asks it on every page view, beside pre-serialized bytes.

    .venv/bin/python bench/annotations.py [--seconds 5] [--connections 8]

Builds a SQLite database with the seed article and its fact-checks published
(bench/data/annotations.sqlite3, git-ignored), serves it with gunicorn (one worker, on
loopback) and loads it with wrk, anonymously. Rows: the annotation page of an unknown
address asked with a different address every request (bench/annotations_distinct.lua:
readers open different pages, so nothing repeats) and with the same one repeated; of
the fact-checked seed article; each page's pre-serialized bytes (the real view's body,
rendered once and then served as stored bytes through the same server, middleware and
all: the limit); and a revalidation (If-None-Match with the page's current ETag, a 304)
of each page. Targets: unknown within 2x of its bytes, fact-checked within 3x.

Queries per request are counted, not assumed: the same requests in process with
Django's test client on the same database (the publication version cached, as all but
the first request in FACTBASE_PUBLIC_MAX_AGE seconds find it; tests/perf pins them).
Writes bench/results/annotations.json and .md.

This module is also the server's URLconf (FACTBASE_URLCONF=bench.annotations): the
production URLs plus /bench/bytes/annotations/.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench" / "data" / "annotations.sqlite3"
RESULTS = ROOT / "bench" / "results"
SEED_URL = (
    "https://www.aljazeera.com/news/2025/3/27/"
    "frances-macron-says-not-all-european-countries-agree-on-force-for-ukraine"
)
UNKNOWN_URL = "https://www.example-news.org/europe/2025/03/28/storm-closes-adriatic-ports"
# The distinct-address row asks for DISTINCT_URL followed by a request number.
DISTINCT_URL = "https://www.example-news.org/europe/2025/03/28/story-"
DISTINCT_LUA = ROOT / "bench" / "annotations_distinct.lua"
PAGE = "/api/v1/annotations/"
BYTES = "/bench/bytes/annotations/"

_pages: dict[str, tuple[bytes, str]] = {}


def annotations_as_bytes(request: Any) -> Any:
    """The API's own annotation page for this query, rendered once, then stored bytes."""
    from django.http import HttpResponse

    from api.v1.standards import WebAnnotationList

    key = request.META.get("QUERY_STRING", "")
    page = _pages.get(key)
    if page is None:
        response = WebAnnotationList.as_view()(request)
        if hasattr(response, "render"):  # DRF's path; the lean one is rendered already
            response.render()
        page = _pages[key] = (response.content, response["Content-Type"])
    return HttpResponse(page[0], content_type=page[1])


def __getattr__(name: str) -> Any:
    # The URLconf is built on first use, inside the server, where Django is set up.
    if name in ("urlpatterns", "handler404", "handler500"):
        from django.urls import path

        from factbase import urls

        globals().update(
            urlpatterns=[
                *urls.urlpatterns,
                path("bench/bytes/annotations/", annotations_as_bytes),
            ],
            handler404=urls.handler404,
            handler500=urls.handler500,
        )
        return globals()[name]
    raise AttributeError(name)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"sqlite:///{DATA}",
        FACTBASE_URLCONF="bench.annotations",
        DJANGO_DEBUG="0",
        FACTBASE_THROTTLING="0",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_CONN_MAX_AGE="600",
        DJANGO_LOG_LEVEL="ERROR",
    )
    env.pop("DATABASE_REPLICA_URL", None)
    return env


def build_database(env: dict[str, str]) -> None:
    manage = [sys.executable, str(ROOT / "manage.py")]
    if DATA.exists():  # built before: only bring its schema up to date
        subprocess.run([*manage, "migrate", "--noinput"], cwd=ROOT, env=env, check=True)
        return
    DATA.parent.mkdir(parents=True, exist_ok=True)
    for command in (
        ["migrate", "--noinput"],
        ["ingest", "seeds/"],
        ["load_factchecks", "fixtures/"],
    ):
        subprocess.run([*manage, *command], cwd=ROOT, env=env, check=True, capture_output=True)


def count_queries() -> None:
    """Print the queries each row's request costs, in process (run by main() with the
    server's environment)."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factbase.settings")
    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")

    def cost(path: str, **headers: str) -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path, **headers)
        return response.status_code, len(captured.captured_queries)

    unknown, checked = (f"{PAGE}?uri={quote(u, safe='')}" for u in (UNKNOWN_URL, SEED_URL))
    cache.clear()
    counts: dict[str, Any] = {"unknown_cold_cache": cost(unknown)[1]}
    etags = {
        name: client.get(path)["ETag"]
        for name, path in (("unknown", unknown), ("checked", checked))
    }
    counts["unknown_distinct"] = cost(f"{PAGE}?uri={quote(DISTINCT_URL + 'q1', safe='')}")[1]
    counts["unknown_same"] = cost(unknown)[1]
    cache.clear()
    cost(unknown)  # the version cached again, no page kept
    counts["checked_first_reader"] = cost(checked)[1]
    counts["checked"] = cost(checked)[1]  # every other reader: the page kept for the version
    for name, path in (("unknown", unknown), ("checked", checked)):
        status, n = cost(path, HTTP_IF_NONE_MATCH=etags[name])
        assert status == 304, status
        counts[f"{name}_304"] = n
    print(json.dumps(counts))


def wrk_script(
    url: str,
    script: Path,
    args: list[str],
    headers: dict[str, str],
    seconds: float,
    connections: int,
) -> dict[str, Any]:
    command = [
        "wrk",
        "-t1",
        f"-c{connections}",
        f"-d{round(seconds)}s",
        "--timeout=10s",
        "-s",
        str(script),
    ]
    for key, value in headers.items():
        command += ["-H", f"{key}: {value}"]
    command += [url, "--", *args]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--count-queries", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    if args.count_queries:
        count_queries()
        return
    from bench.run import LUA, Server, fetch

    env = _env()
    build_database(env)
    query = {
        name: f"?uri={quote(url, safe='')}"
        for name, url in (("unknown", UNKNOWN_URL), ("checked", SEED_URL))
    }
    distinct_prefix = f"{PAGE}?uri={quote(DISTINCT_URL, safe='')}"
    # name, what, path, page whose ETag is sent (a 304) or None, lua args (distinct) or None
    rows: list[tuple[str, str, str, str | None, list[str] | None]] = [
        (
            "unknown_distinct",
            "annotations?uri=, a different unknown URL each request",
            PAGE + query["unknown"],
            None,
            [distinct_prefix],
        ),
        (
            "unknown_same",
            "annotations?uri=, one unknown URL repeated",
            PAGE + query["unknown"],
            None,
            None,
        ),
        (
            "unknown_bytes",
            "pre-serialized bytes of the unknown URL's page",
            BYTES + query["unknown"],
            None,
            None,
        ),
        (
            "unknown_304",
            "annotations?uri=, unknown URL, If-None-Match current (304)",
            PAGE + query["unknown"],
            "unknown",
            None,
        ),
        ("checked", "annotations?uri=, fact-checked URL", PAGE + query["checked"], None, None),
        (
            "checked_bytes",
            "pre-serialized bytes of the fact-checked URL's page",
            BYTES + query["checked"],
            None,
            None,
        ),
        (
            "checked_304",
            "annotations?uri=, fact-checked URL, If-None-Match current (304)",
            PAGE + query["checked"],
            "checked",
            None,
        ),
    ]
    runs: dict[str, Any] = {}
    rounds: dict[str, list[dict[str, Any]]] = {name: [] for name, *_ in rows}
    with Server(env, workers=1) as server:
        etags = {kind: fetch(server.base + PAGE + query[kind], {})[2]["ETag"] for kind in query}

        def load(row: tuple[str, str, str, str | None, list[str] | None], seconds: float) -> Any:
            _, _, path, revalidate, lua_args = row
            headers = {"If-None-Match": etags[revalidate]} if revalidate else {}
            script, script_args = (LUA, []) if lua_args is None else (DISTINCT_LUA, lua_args)
            return wrk_script(
                server.base + path, script, script_args, headers, seconds, args.connections
            )

        for name, what, path, revalidate, lua_args in rows:
            headers = {"If-None-Match": etags[revalidate]} if revalidate else {}
            probe = path if lua_args is None else f"{lua_args[0]}0"
            status, body, got = fetch(server.base + probe, headers)
            expected = 304 if revalidate else 200
            if status != expected:
                raise RuntimeError(f"{name}: {status} {body[:300]!r}")
            runs[name] = {
                "what": what,
                "path": path,
                "status": status,
                "body_bytes": len(body),
                "items": len(json.loads(body)["items"]) if body else 0,
                "cache_control": got.get("Cache-Control"),
                "etag": got.get("ETag"),
            }
        for row in rows:  # warm up
            load(row, 1)
        # Interleaved rounds, the order rotating, each row's median kept (as bench/run.py).
        for r in range(args.rounds):
            shift = r * len(rows) // max(args.rounds, 1)
            for row in rows[shift:] + rows[:shift]:
                rounds[row[0]].append(load(row, args.seconds))
    for name, done in rounds.items():
        middle = sorted(done, key=lambda x: x["rps"])[len(done) // 2]
        runs[name].update(middle)
        runs[name]["rps_rounds"] = [round(x["rps"], 1) for x in done]
        runs[name]["errors_total"] = sum(sum(x["errors"].values()) for x in done)
    queries = json.loads(
        subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--count-queries"],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    baseline = {
        "unknown_distinct": "unknown_bytes",
        "unknown_same": "unknown_bytes",
        "unknown_304": "unknown_bytes",
        "checked": "checked_bytes",
        "checked_304": "checked_bytes",
    }
    targets = {"unknown_distinct": 2.0, "unknown_same": 2.0, "checked": 3.0}
    ratios = {name: runs[base]["rps"] / runs[name]["rps"] for name, base in baseline.items()}
    report = {
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "note": "2 cores shared with other work; one gunicorn worker, wrk 1 thread",
        },
        "database": "SQLite, the seed article with its fact-checks published",
        "throttling": "off (FACTBASE_THROTTLING=0), as in bench/run.py",
        "seconds": args.seconds,
        "rounds": args.rounds,
        "connections": args.connections,
        "runs": runs,
        "ratio_bytes_over_view": ratios,
        "baseline_of": baseline,
        "targets": targets,
        "queries_per_request": queries,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "annotations.json").write_text(json.dumps(report, indent=2) + "\n")
    lines = [
        "# annotations?uri= beside pre-serialized bytes",
        "",
        f"gunicorn (1 worker) on loopback, SQLite with the seed article published; wrk, "
        f"1 thread, {args.connections} connections, {args.rounds} interleaved rounds of "
        f"{args.seconds:g} s per row (the median round kept), anonymous, "
        "throttling off as in bench/run.py. A shared 2-core machine: compare rows of one "
        "run, not runs. Written by bench/annotations.py.",
        "",
        "| row | what | status | body bytes | items | req/s | p50 ms | p99 ms |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, run in runs.items():
        lines.append(
            f"| {name} | {run['what']} | {run['status']} | {run['body_bytes']} | {run['items']} "
            f"| {run['rps']:.0f} | {run['p50_us'] / 1000:.2f} | {run['p99_us'] / 1000:.2f} |"
        )
    lines += [
        "",
        "| row | bytes row | bytes ÷ view (req/s) | target | met | queries per request |",
        "|---|---|---:|---:|---|---:|",
    ]
    for name, base in baseline.items():
        target = targets.get(name)
        met = "" if target is None else ("yes" if ratios[name] <= target else "no")
        shown = "" if target is None else f"{target:g}x"
        lines.append(
            f"| {name} | {base} | {ratios[name]:.2f}x | {shown} | {met} | {queries[name]} |"
        )
    lines += [
        "",
        f"Queries per request counted in process on the same database, the publication "
        f"version cached (a cold cache adds one: {queries['unknown_cold_cache']} for the "
        "first unknown-URL request in a process after a publish or FACTBASE_PUBLIC_MAX_AGE "
        "seconds). The fact-checked page is rendered once per publication version and "
        f"kept (in the cache, as long as the version): {queries['checked_first_reader']} "
        "query for its first reader, none for the others, as in the checked row. A ratio "
        "under 1 is faster than the bytes. The 304 rows are the "
        "extension's repeat visits inside max-age (any cache) or after it (revalidation "
        "with the ETag).",
        "",
        "Where the time goes (cProfile of each row in process, Django's test client): the "
        "bytes row is the middleware alone (CORS, CSP, whitenoise, axes, sessions, the "
        "edge headers), which every row pays. The 304 row adds DRF's dispatch (request "
        "wrapping, negotiation, permission and throttle checks, the Response), the "
        "address's validation (URLValidator), the cached version and the ETag digest, "
        "and that alone is about the bytes row again: an unknown URL's 200 adds only the "
        "address key (factbase.addresses), one probe of its unique index with fixed SQL "
        "and a four-key JSON body. A fact-checked page adds building 19 Web Annotations "
        "(api/v1/jsonld.web_annotation, the quote selector's normalisation) and encoding "
        "20 kB of JSON, about as much again as the query and its rows; so the view "
        "answers an anonymous first page before DRF's dispatch (the same throttles, "
        "renderer and headers) and keeps a fact-checked page's bytes under its ETag. What "
        "is left of an unknown URL's cost is the middleware's twice over: the URL's "
        "validation and normalisation, the cached version, the ETag digest, the probe.",
        "",
    ]
    (RESULTS / "annotations.md").write_text("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
