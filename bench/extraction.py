"""Extraction quality on the news-style test pages, for trafilatura and the fallback alone.

    .venv/bin/python bench/extraction.py

Reads every page in tests/factbase/pages/ twice: through the product's reader (trafilatura,
with its pre-cleaning) and through the whole-page fallback parser alone, and compares each
with the page's hand-written truth: token precision, recall and F1 of the body, the
headline read exactly, and the detected claims that are not in the true body. Figures go
to bench/results/extraction.json and .md (a figure to report; the thresholds are pinned
in tests/factbase/test_extraction.py).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results"


def measure(reader: str, read: Any, paths: list[Path]) -> dict[str, Any]:
    from tests.factbase.test_extraction import claims_outside, token_score, truth_of

    pages = []
    for path in paths:
        truth = truth_of(path)
        body = "\n\n".join(truth["paragraphs"])  # type: ignore[arg-type]
        title, text = read(path)
        score = token_score(text, body)
        detected, outside = claims_outside(text, body)
        pages.append(
            {
                "page": path.stem,
                "precision": round(score.precision, 4),
                "recall": round(score.recall, 4),
                "f1": round(score.f1, 4),
                "headline_exact": title == truth["headline"],
                "claims": detected,
                "claims_outside_body": outside,
            }
        )
    n = len(pages) or 1  # an empty group (no held-out pages) reports zeros
    claims = sum(p["claims"] for p in pages)
    outside = sum(p["claims_outside_body"] for p in pages)
    overall = {
        "pages": n,
        "precision": round(sum(p["precision"] for p in pages) / n, 4),
        "recall": round(sum(p["recall"] for p in pages) / n, 4),
        "f1": round(sum(p["f1"] for p in pages) / n, 4),
        "headline_exact_share": round(sum(p["headline_exact"] for p in pages) / n, 4),
        "claims": claims,
        "claims_outside_body": outside,
        "claims_outside_share": round(outside / claims, 4) if claims else 0.0,
    }
    return {"reader": reader, "overall": overall, "pages": pages}


def product(path: Path) -> tuple[str, str]:
    from factbase.ingest import read_article_file

    data = read_article_file(path)
    return data.title, data.text


def fallback(path: Path) -> tuple[str, str]:
    from factbase.ingest.formats import html_to_text

    return html_to_text(path.read_text(encoding="utf-8"))


def markdown(results: list[dict[str, Any]]) -> str:
    lines = ["# Extraction on the test pages", ""]
    lines += [
        "Tuning pages: `tests/factbase/pages/*.html`, written beside the reader. Held-out"
        " pages: `tests/factbase/pages/heldout/`, realistic CMS pages (60-400 KB) written"
        " blind, their truth committed before any reader ran on them; never tune on them.",
        "",
    ]
    lines += ["| reader | F1 | precision | recall | headline exact | claims outside body |"]
    lines += ["|---|---|---|---|---|---|"]
    for r in results:
        o = r["overall"]
        lines.append(
            f"| {r['reader']} | {o['f1']:.3f} | {o['precision']:.3f} | {o['recall']:.3f} "
            f"| {o['headline_exact_share']:.0%} "
            f"| {o['claims_outside_body']}/{o['claims']} ({o['claims_outside_share']:.1%}) |"
        )
    for r in results:
        lines += ["", f"## {r['reader']}", ""]
        lines += ["| page | F1 | precision | recall | headline exact | claims outside body |"]
        lines += ["|---|---|---|---|---|---|"]
        for p in r["pages"]:
            lines.append(
                f"| {p['page']} | {p['f1']:.3f} | {p['precision']:.3f} | {p['recall']:.3f} "
                f"| {'yes' if p['headline_exact'] else 'no'} "
                f"| {p['claims_outside_body']}/{p['claims']} |"
            )
    return "\n".join(lines) + "\n"


def main() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factbase.settings")
    django.setup()
    from tests.factbase.test_extraction import heldout_page_paths, page_paths

    results = [
        measure(f"{name} ({group})", read, paths)
        for group, paths in (("tuning", page_paths()), ("held-out", heldout_page_paths()))
        for name, read in (("trafilatura", product), ("fallback", fallback))
    ]
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "extraction.json").write_text(json.dumps(results, indent=2) + "\n")
    (RESULTS / "extraction.md").write_text(markdown(results))
    for r in results:
        print(r["reader"], r["overall"])


if __name__ == "__main__":
    main()
