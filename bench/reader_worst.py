"""The page reader on hostile pages: CPU seconds of ``read_html`` on shapes that grow.

    .venv/bin/python bench/reader_worst.py

Each shape is built at two sizes four times apart; a reader whose work is linear in the
page takes about four times as long on the larger one. Shapes over the element limits
(``factbase.ingest.formats.MAX_PAGE_ELEMENTS``, ``MAX_STORY_ELEMENTS``) are refused before
the work that grows, so their times are the cost of saying no. Figures go to
bench/results/reader_worst.{json,md} (a figure to report, never a test).
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results"

HEAD = "<html><head><title>A headline</title></head><body>"
SHAPES: dict[str, Callable[[int], str]] = {
    # trafilatura's own extraction is quadratic on these (under the story limit: refused)
    "inline_paragraphs": lambda n: (
        HEAD
        + "<article>"
        + "".join(f"<p>Some <b>bold</b> text {i} here.</p>" for i in range(n))
        + "</article></body></html>"
    ),
    "label_link_blocks": lambda n: (
        HEAD
        + "<article>"
        + "".join(f"<div>Read more: <a href='#'>story {i}</a> and more</div>" for i in range(n))
        + "</article></body></html>"
    ),
    # the boilerplate pass drops every block
    "ad_slots": lambda n: (
        HEAD + "".join(f"<div class='ad-{i}'><p>x</p></div>" for i in range(n)) + "</body></html>"
    ),
    "double_breaks": lambda n: (
        HEAD + "<td>" + "".join(f"line {i} text<br><br>" for i in range(n)) + "</td></body></html>"
    ),
    # a classic-editor post without <p>s: text split by blank lines
    "blank_lines": lambda n: (
        HEAD + "<div class='entry'>" + "".join(f"line {i} text\n\n" for i in range(n)) + "</div>"
        "</body></html>"
    ),
    # read: one paragraph of many words, and plain paragraphs under the limits
    "one_paragraph": lambda n: (
        HEAD + "<article><p>" + "word " * (n * 8) + "</p></article></body></html>"
    ),
    "plain_paragraphs": lambda n: (
        HEAD
        + "<article>"
        + "".join(f"<p>The council said {i} homes were built.</p>" for i in range(n // 10))
        + "</article></body></html>"
    ),
}
SIZES = (40_000, 160_000)
# The largest of each shape the limits let through to the work that grows: the slowest
# pages the reader accepts.
NEAR_THE_LIMITS = {
    "inline_paragraphs": 9_990,
    "label_link_blocks": 9_990,
    "ad_slots": 29_990,
    "double_breaks": 29_990,
    "blank_lines": 19_990,
}


def main() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factbase.settings")
    django.setup()
    from factbase.ingest import IngestError
    from factbase.ingest.formats import read_html

    rows = []
    runs = [(name, n) for name in SHAPES for n in SIZES] + list(NEAR_THE_LIMITS.items())
    for name, n in runs:
        page = SHAPES[name](n)
        started = time.process_time()
        try:
            read_html(page)
            outcome = "read"
        except IngestError as exc:
            outcome = "refused (" + ("story" if "besides" in str(exc) else "page") + " limit)"
        seconds = time.process_time() - started
        rows.append(
            {"shape": name, "n": n, "mib": round(len(page.encode()) / 2**20, 2),
             "seconds": round(seconds, 3), "outcome": outcome}
        )  # fmt: skip
        print(rows[-1], flush=True)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "reader_worst.json").write_text(json.dumps(rows, indent=2) + "\n")
    lines = [
        "# The page reader on hostile pages",
        "",
        "Written by `bench/reader_worst.py`: CPU seconds of `read_html`, one core.",
        "",
        "| shape | size | MiB | seconds | outcome |",
        "|---|---:|---:|---:|---|",
        *(
            f"| {r['shape']} | {r['n']:,} | {r['mib']} | {r['seconds']} | {r['outcome']} |"
            for r in rows
        ),
    ]
    (RESULTS / "reader_worst.md").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
