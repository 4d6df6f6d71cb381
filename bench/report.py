"""Tables and charts from bench/results/*.json; the targets of issue 6 checked against them.

    python -m bench.report

Writes bench/results/SIZE.md and SIZE.png for each results file, and
bench/results/README.md: every target with its measured figure, met or not.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"
ENGINES = ("sqlite", "postgres")
ORDER = ("S", "M", "L")


def load() -> dict[str, dict[str, Any]]:
    found = {}
    for size in ORDER:
        path = RESULTS / f"{size}.json"
        if path.exists():
            found[size] = json.loads(path.read_text())
    return found


def size_table(result: dict[str, Any]) -> str:
    lines = [
        f"# Benchmark, size {result['size']}",
        "",
        f"Run {result['date']} on {result['machine']['cpus']} cores, "
        f"{result['machine']['memory_gib']} GiB; Python {result['machine']['python']}, "
        f"SQLite {result['machine']['sqlite']}, PostgreSQL {result['machine']['postgresql']}, "
        f"{result['machine']['wrk']}.",
        f"gunicorn {result['settings']['workers']} {result['settings']['worker_class']} "
        f"workers; wrk 1 thread, {result['settings']['connections']} connections, "
        f"{result['settings']['rounds']} interleaved rounds of "
        f"{result['settings']['seconds_per_round']} s per endpoint, median round shown.",
        "In-process: Django's test client through the whole middleware stack, median of up "
        "to 300 calls.",
        "",
    ]
    for engine, data in result["engines"].items():
        counts = data["manifest"]["counts"]
        load = data.get("load_average_1min")
        lines += [
            f"## {engine}: {counts['claims']:,} claims ({counts['published']:,} published), "
            f"{counts['articles']:,} articles, {counts['annotations']:,} annotations, "
            f"{counts['evidence']:,} evidence",
            "",
            f"Measured {data.get('date', result['date'])}"
            + (f"; 1-minute load average {load[0]} before, {load[1]} after." if load else "."),
            "",
            "| endpoint | what | req/s | p50 ms | p99 ms | in-process ms | queries | bytes |",
            "|---|---|---:|---:|---:|---:|---:|---:|",
        ]
        for name, http in data["http"].items():
            local = data["inprocess"].get(name, {})
            lines.append(
                f"| `{name}` | {http['what']} | {http['rps']:,.0f} | {http['p50_ms']:.2f} | "
                f"{http['p99_ms']:.2f} | {local.get('median_ms', float('nan')):.2f} | "
                f"{local.get('queries', '')} | {http['bytes']:,} |"
            )
        lines.append("")
    return "\n".join(lines) + "\n"


def chart(result: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    engines = list(result["engines"])
    names = list(result["engines"][engines[0]]["http"])
    fig, ax = plt.subplots(figsize=(12, 5.5))
    width = 0.8 / len(engines)
    for i, engine in enumerate(engines):
        http = result["engines"][engine]["http"]
        values = [http[n]["rps"] for n in names]
        ax.bar([x + i * width for x in range(len(names))], values, width, label=engine)
    ax.set_xticks([x + width * (len(engines) - 1) / 2 for x in range(len(names))])
    ax.set_xticklabels(names, rotation=40, ha="right")
    ax.set_ylabel("requests per second (higher is better)")
    claims = result["engines"][engines[0]]["manifest"]["counts"]["claims"]
    ax.set_title(
        f"factbase, size {result['size']} ({claims:,} claims): gunicorn 2 workers, wrk, "
        "2-core machine"
    )
    ax.legend()
    ax.grid(axis="y", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _fmt(value: float | None, unit: str = "") -> str:
    return "n/a" if value is None else f"{value:.2f}{unit}"


def targets(results: dict[str, dict[str, Any]]) -> str:
    """Each target of issue 6 with what was measured, per engine."""
    main = "M" if "M" in results else (max(results, key=ORDER.index) if results else None)
    lines = [
        "# Benchmark results",
        "",
        "Measured by `make bench` (bench/run.py) on this 2-core machine; nothing here is "
        "typed in by hand. Tables: "
        + ", ".join(f"[{s}]({s}.md) ([chart]({s}.png))" for s in results)
        + ". Ingest: [ingest.md](ingest.md).",
        "",
        f"Ratios are from one run (size {main} unless the target names another).",
        "",
        "| target | engine | measured | met |",
        "|---|---|---|---|",
    ]

    def row(target: str, engine: str, measured: str, ok: bool | None) -> None:
        verdict = "n/a" if ok is None else ("yes" if ok else "**no**")
        lines.append(f"| {target} | {engine} | {measured} | {verdict} |")

    def http(size: str | None, engine: str, name: str) -> dict[str, Any] | None:
        if size not in results or engine not in results[size]["engines"]:
            return None
        found: dict[str, Any] | None = results[size]["engines"][engine]["http"].get(name)
        return found

    def local(size: str | None, engine: str, name: str) -> dict[str, Any] | None:
        if size not in results or engine not in results[size]["engines"]:
            return None
        found: dict[str, Any] | None = results[size]["engines"][engine]["inprocess"].get(name)
        return found

    for engine in ENGINES:
        for rows in ("", "_100"):
            fast, drf = http(main, engine, f"list{rows}"), http(main, engine, f"drf{rows}")
            if fast and drf:
                ratio = fast["rps"] / drf["rps"]
                row(
                    f"claims list ≥ 3x conventional DRF ({fast['rows']} rows)",
                    engine,
                    f"{ratio:.2f}x ({fast['rps']:,.0f} vs {drf['rps']:,.0f} req/s)",
                    ratio >= 3,
                )
            raw = http(main, engine, f"bytes{rows}")
            if fast and raw:
                ratio = raw["rps"] / fast["rps"]
                row(
                    f"claims list within 5x of pre-serialized bytes ({fast['rows']} rows)",
                    engine,
                    f"bytes {ratio:.2f}x faster ({raw['rps']:,.0f} vs {fast['rps']:,.0f} req/s)",
                    ratio <= 5,
                )
        first, deep = http(main, engine, "list"), http(main, engine, "list_deep")
        if first and deep:
            ratio = deep["rps"] / first["rps"]
            row("deep page ≥ 0.9x page 1", engine, f"{ratio:.2f}x", ratio >= 0.9)
        small, large = local("S", engine, "list"), local("L", engine, "list")
        if small and large:
            ratio = large["median_ms"] / small["median_ms"]
            row(
                "page latency at L within 1.2x of S (in-process median)",
                engine,
                f"{ratio:.2f}x ({large['median_ms']:.2f} vs {small['median_ms']:.2f} ms)",
                ratio <= 1.2,
            )
        else:
            row("page latency at L within 1.2x of S", engine, "L not run", None)
        detail = local(main, engine, "detail")
        if detail:
            row(
                "claim detail < 3 ms in process",
                engine,
                _fmt(detail["median_ms"], " ms"),
                detail["median_ms"] < 3,
            )
        at = "L" if "L" in results else main
        for name, limit, label in (
            ("search_rare", 10, "rare-term search < 10 ms"),
            ("search_1pct", 100, "1%-term search top 50 < 100 ms"),
            ("search_30pct", 100, "30%-term search top 50 < 100 ms"),
        ):
            found = local(at, engine, name)
            if found:
                row(
                    f"{label} (size {at}, in process)",
                    engine,
                    _fmt(found["median_ms"], " ms"),
                    found["median_ms"] < limit,
                )
        unchanged, full = local(main, engine, "detail_304"), local(main, engine, "detail")
        if unchanged and full:
            row(
                "conditional GET: 304 without serializing",
                engine,
                f"{unchanged['queries']} query, {unchanged['median_ms']:.2f} ms "
                f"(200: {full['queries']} queries, {full['median_ms']:.2f} ms)",
                unchanged["status"] == 304 and unchanged["queries"] == 1,
            )
        listed = [local(main, engine, n) for n in ("list", "list_deep", "list_100", "filtered")]
        if all(listed) and detail:
            worst = max(x["queries"] for x in listed if x)
            row(
                "queries: list ≤ 3 whatever the page, detail ≤ 4",
                engine,
                f"list {worst}, detail {detail['queries']} (also pinned in tests/perf)",
                worst <= 3 and detail["queries"] <= 4,
            )
    ingest = RESULTS / "ingest.json"
    if ingest.exists():
        for run in json.loads(ingest.read_text())["runs"]:
            label = f"ingest {run['articles']:,} articles ({run['claims']:,} claims), SQLite"
            row(
                f"{label}: ≥ 5,000 claims/s",
                "sqlite",
                f"{run['claims_per_second']:,.0f} claims/s",
                run["claims_per_second"] >= 5000,
            )
            worker = run.get("peak_rss_worker_mib") or 0
            row(
                f"{label}: peak memory < 256 MiB (both processes together)",
                "sqlite",
                f"{run['peak_rss_mib']:.0f} MiB storing + {worker:.0f} MiB detecting "
                f"(halfway: {run['peak_rss_halfway_mib']:.0f} MiB storing)",
                run["peak_rss_mib"] + worker < 256,
            )
    return "\n".join(lines) + "\n"


def write_all() -> None:
    results = load()
    for size, result in results.items():
        (RESULTS / f"{size}.md").write_text(size_table(result))
        try:
            chart(result, RESULTS / f"{size}.png")
        except ImportError:
            print("matplotlib is missing (pip install -e '.[bench]'): no chart")
    (RESULTS / "README.md").write_text(targets(results))


if __name__ == "__main__":
    write_all()
