"""Detector worst cases: seconds of CPU time to score each hostile shape at 2 MiB.

    .venv/bin/python bench/detector_worst.py [--mib 2] [--only NAME ...]

Each shape is text built to defeat one part of the detector: runs of sentence-ending
punctuation (the boundary scan), no whitespace at all (the word before a full stop),
chains of names joined by "and" (the name parser), commas before a speech verb (the
speaker parser), quotes that never close, every Unicode space and dash, and so on. The
target is every shape under 2 s on one core. Results go to bench/results/detector_worst.json
and .md (figures to report, never a test; tests/factbase/test_detect_linear.py checks the
same shapes by counting work).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import string
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factbase import detect  # noqa: E402

RESULTS = ROOT / "bench" / "results"
TARGET_SECONDS = 2.0

# Every character str.split() treats as a space except " " and "\n"; every dash.
UNICODE_SPACES = "".join(c for c in map(chr, range(0x3001)) if c.isspace() and c not in " \n")
UNICODE_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d-"


def _repeat(unit: str, size: int) -> str:
    """Whole copies of ``unit``, about ``size`` characters in all."""
    return unit * max(1, size // len(unit))


def _distinct(template: str, size: int) -> str:
    """Copies of ``template`` with ``{0}`` a different four-letter word each time, about
    ``size`` characters: every name is new, so no memo of a name helps."""
    out: list[str] = []
    total = 0
    k = 0
    while total < size:
        word = "".join(string.ascii_lowercase[(k // 26**p) % 26] for p in range(4))
        piece = template.format(word)
        out.append(piece)
        total += len(piece)
        k += 1
    return "".join(out)


# Each shape: name -> (what it attacks, builder of a text of about ``size`` characters).
SHAPES: dict[str, tuple[str, Callable[[int], str]]] = {
    "full_stops": ("one run of '.' (boundary backtracking)", lambda n: "." * n),
    "mixed_terminals": (
        "one run of .!?\u2026 with closing quotes",
        lambda n: _repeat(".!?\u2026\u201d'\")]", n),
    ),
    "terminal_runs_then_space": (
        "long terminal runs each followed by a space",
        lambda n: _repeat("." * 5000 + " A", n),
    ),
    "word_dot_tab": ("'Word.<TAB>' (word before each full stop)", lambda n: _repeat("Word.\t", n)),
    "no_spaces": ("letters and full stops, no whitespace", lambda n: _repeat("Ab.Cd.", n)),
    "initials_no_space_before": (
        "'A.<TAB>' initials: abbreviation checks on every stop",
        lambda n: _repeat("A.\tB.\t", n),
    ),
    "tabs": ("only tabs", lambda n: "\t" * n),
    "newlines": ("only newlines (empty paragraphs)", lambda n: "\n" * n),
    "many_tiny_paragraphs": ("'A.\\n' lines", lambda n: _repeat("A.\n", n)),
    "and_chain_of_names": (
        "'Ann Lee and ' repeated, then 'Ann Lee said it.'",
        lambda n: _repeat("Ann Lee and ", n - 16) + "Ann Lee said it.",
    ),
    "and_chain_with_org_word": (
        "names joined by 'and' ending in an organisation word",
        lambda n: _repeat("Ann Lee and ", n - 24) + "Lee Council said it.",
    ),
    "capitalised_words": ("one giant title-case sentence", lambda n: _repeat("Word ", n) + "."),
    "capitalised_then_said": (
        "capitalised words before a speech verb",
        lambda n: _repeat("Word ", n - 10) + "said so.",
    ),
    "one_giant_sentence": (
        "ordinary words with no full stop",
        lambda n: _repeat("the council said that prices rose 4% in March and ", n),
    ),
    "many_tiny_sentences": ("'It rose 4%. ' repeated", lambda n: _repeat("It rose 4%. ", n)),
    "commas_before_said": (
        "comma-separated clauses before one speech verb",
        lambda n: _repeat("the man, ", n - 10) + "he said.",
    ),
    "commas_and_said": (
        "commas and speech verbs alternating",
        lambda n: _repeat("a b, said ", n),
    ),
    "speech_verbs": ("'said ' repeated", lambda n: _repeat("said ", n)),
    "spokesperson_chain": (
        "'a spokesperson for ' repeated (nested speaker phrases)",
        lambda n: "It rose, according to " + _repeat("a spokesperson for ", n - 40) + "the firm.",
    ),
    "report_by_chain": (
        "'a report by ' repeated",
        lambda n: "It rose, according to " + _repeat("a report by ", n - 40) + "the firm.",
    ),
    "quotes_unbalanced": ("opening quotes only", lambda n: _repeat("\u201cA ", n)),
    "quotes_nested": (
        "nested double and single quotes",
        lambda n: _repeat("\u201c\u2018\"'A", n) + _repeat("'\"\u2019\u201d.", n // 4),
    ),
    "quote_sentences": (
        "quoted sentences with speaker tags",
        lambda n: _repeat("\u201cIt is.\u201d Ann Lee said. ", n),
    ),
    "apostrophes": ("straight apostrophes between spaces", lambda n: _repeat(" 'a ", n)),
    "unicode_spaces": (
        "every Unicode space between words and full stops",
        lambda n: _repeat("".join(f"Word.{c}" for c in UNICODE_SPACES), n),
    ),
    "unicode_dashes": (
        "every Unicode dash inside and between words",
        lambda n: _repeat("".join(f"well{d}known {d} " for d in UNICODE_DASHES), n),
    ),
    "digits": ("one giant number", lambda n: "1" * n),
    "decimals": ("'1.1.1.1...' (decimal-like)", lambda n: _repeat("1.", n)),
    "hyphen_words": ("one giant hyphenated word", lambda n: _repeat("a-", n)),
    "possessives": ("'Lee\u2019s ' repeated", lambda n: _repeat("Lee\u2019s ", n)),
    "headings": ("'# Heading' lines", lambda n: _repeat("# Heading\n", n)),
    "bullets": ("'- item' lines", lambda n: _repeat("- item\n", n)),
    "hard_wrapped": (
        "lines continuing in lower case (one paragraph)",
        lambda n: _repeat("the council\n", n),
    ),
    # Shapes added after the first round of fixes, built to defeat them.
    "distinct_names": (
        "a new capitalised word each time (defeats the name memo)",
        lambda n: _distinct("Q{0} ", n - 10) + "said so.",
    ),
    "distinct_name_pairs": (
        "new two-word names joined by 'and' (a new person each time)",
        lambda n: _distinct("Q{0} Z{0} and ", n - 10) + "Ann said.",
    ),
    "open_close_apostrophes": (
        "single quotes opened and closed by straight apostrophes",
        lambda n: _repeat(" 'a' b", n),
    ),
    "according_to_chain": (
        "'according to' with no source after it, repeated",
        lambda n: _repeat("according to a b ", n),
    ),
    "doctor_dots": ("'Dr. ' repeated: an abbreviation at every stop", lambda n: _repeat("Dr. ", n)),
    # Shapes for the attribution rules of rules/3 (apposition, places, publishers, negation).
    "places_before_said": (
        "'nurses at the clinic in Ann Lee' chains before each speech verb",
        lambda n: _repeat("nurses at the clinic in Ann Lee in Ann Lee said ", n),
    ),
    "appositions_before_said": (
        "'Ann Lee, the chief of Lee, which' asides before each speech verb",
        lambda n: _repeat("Ann Lee, the chief minister of Lee, which a b, said ", n),
    ),
    "published_by_chain": (
        "'a study published by the Trust found' repeated",
        lambda n: _repeat("a study published by the Lee Trust in May found ", n),
    ),
    "negated_speakers": (
        "'neither firm said' repeated: every verb is refused and the scan goes on",
        lambda n: _repeat("neither firm said no one said ", n),
    ),
    "called_judgements": (
        "'called the plan awful' repeated",
        lambda n: _repeat("pilots called the plan awful, ", n),
    ),
    # Shapes for the attribution rules of rules/4 (lists of names, "of", roles, documents).
    "comma_name_lists": (
        "'Ann, Lee, Bo and Lee Board' and bare 'Ann, ' lists before speech verbs",
        lambda n: (
            _repeat("Ann, Lee, Bo and Lee Board said ", n // 2)
            + _repeat("Ann, ", n // 2)
            + "and Lee Board said so."
        ),
    ),
    "persons_of_bodies": (
        "'Dr Ann Lee of the Lee Trust said' repeated",
        lambda n: _repeat("Dr Ann Lee of the Lee Trust said ", n),
    ),
    "role_appositions_and_deputies": (
        "'The head of the Lee Union, Ann Lee, said' with deputies and later role words",
        lambda n: _repeat(
            "The head of the Lee Union, Ann Lee, said Deputy Mayor Bo Lee said the union "
            "leader said a spokesperson for the mayor said ",
            n,
        ),
    ),
    "documents_seen_and_put": (
        "'papers seen by the Post show, they also show, the report put the cost at 4%'",
        lambda n: _repeat(
            "papers seen by the Lee Post show that they also show the report put the cost of "
            "a b at 4% ",
            n,
        ),
    ),
    "quoted_you": (
        "'\u201cyou said you ' repeated: every 'you' inside an open quote",
        lambda n: _repeat("\u201cyou said you ", n),
    ),
    "transcript_and_refusals": (
        "'Lee: ...' lines after 'Jo Lee': 'sources close to the board said', 'declined to "
        "comment', 'found no', 'said it was reviewing', 'warned against' repeated",
        lambda n: (
            "Jo Lee spoke. "
            + _repeat(
                "\n\nLee: sources close to the board said it was reviewing the deal and would "
                "not be drawn; brokers at the firm said it found no sign and the firm declined "
                "to comment and warned against cutting. ",
                n,
            )
        ),
    ),
    "long_prose_sentences": (
        "ordinary quoted, attributed sentences just under the sentence limit",
        lambda n: _repeat(
            "\u201cPrices rose 4% in March and will rise again,\u201d said Finance Minister "
            "Jane Doe, adding that the city council, which cut taxes last year, had "
            "been warned by Acme Bank. ",
            n,
        ),
    ),
}


def _forget_memos() -> None:
    from factbase.detect import features, names, sentences

    for memo in (names._RUNS, names._NAME_TOKENS, features._TOKEN_BITS, sentences._STOPS):
        memo.clear()


def measure(name: str, size: int, repeat: int = 3) -> dict[str, object]:
    """Build one shape and score it ``repeat`` times; the fastest CPU time counts (on a
    shared machine the others measure the neighbours)."""
    about, build = SHAPES[name]
    text = build(size)
    seconds = float("inf")
    for _ in range(repeat):
        # Cold memos each run: an attacker's text is new, so what an earlier run of the
        # same text taught the detector must not flatter the figure.
        _forget_memos()
        started = time.process_time()
        try:
            candidates = detect.score(text)
            error, error_type = None, None
        except detect.DetectionError as exc:  # a named failure is a result, not a crash
            candidates = []
            error, error_type = str(exc), exc
        seconds = min(seconds, time.process_time() - started)
    return {
        "shape": name,
        "about": about,
        "characters": len(text),
        "sentences": len(candidates),
        "outcome": "refused: " + type(error_type).__name__ if error_type else "scored",
        "seconds": round(seconds, 3),
        "under_target": seconds < TARGET_SECONDS,
        "error": error,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mib", type=float, default=2.0)
    parser.add_argument("--only", nargs="*", default=None)
    parser.add_argument("--repeat", type=int, default=3, help="runs per shape (fastest counts)")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    size = int(args.mib * 1024 * 1024)
    # CPU seconds still grow when neighbours share the cores (caches): say how busy.
    load = [round(x, 2) for x in os.getloadavg()]
    rows = []
    for name in args.only or SHAPES:
        row = measure(name, size, args.repeat)
        rows.append(row)
        print(f"{name:28s} {row['seconds']:7.3f} s  {row['outcome']}", flush=True)
    if args.no_write:
        return
    report = {
        "detector": detect.DETECTOR,
        "characters": size,
        "target_seconds": TARGET_SECONDS,
        "python": platform.python_version(),
        "clock": "time.process_time (CPU seconds, one process, one core)",
        "repeat": args.repeat,
        "memos": "cleared before every run (cold)",
        "load_average_at_start": load,
        "worst": max(rows, key=lambda r: float(str(r["seconds"]))),
        "shapes": rows,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "detector_worst.json").write_text(json.dumps(report, indent=2) + "\n")
    lines = [
        "# Detector worst cases",
        "",
        f"Detector `{detect.DETECTOR}`, each shape {size:,} characters, CPU seconds of one "
        f"`detect.score` call, fastest of {args.repeat}, the detector's memos cleared before "
        f"each (target: under {TARGET_SECONDS:g} s). "
        f"Load average at the start: {load} on {os.cpu_count()} cores. "
        "Written by `bench/detector_worst.py`.",
        "",
        "| shape | what it attacks | outcome | sentences | seconds |",
        "|---|---|---|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row['shape']} | {row['about']} | {row['outcome']} | {row['sentences']:,} "
            f"| {row['seconds']:.3f} |"
        )
    (RESULTS / "detector_worst.md").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
