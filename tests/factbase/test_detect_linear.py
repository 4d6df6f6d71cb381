"""The detector on hostile input: it never crashes, never recurses with the input, and its
work grows linearly with the input's length on every shape we can construct.

Work is counted, not timed: Python-level work as the number of lines the interpreter runs
(``sys.settrace``), and, where valgrind is installed, all work including the regular
expression engine and string methods as the number of machine instructions. Seconds per
shape at 2 MiB are a figure of ``bench/detector_worst.py``, never an assertion here.
"""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.detector_worst import SHAPES, UNICODE_DASHES, UNICODE_SPACES, _forget_memos
from factbase import checkworthy, detect
from factbase.detect import scoring
from tests.budget import examples

REPO = Path(__file__).parents[2]

# --- Named failures -----------------------------------------------------------------


def test_a_long_chain_of_names_joined_by_and_does_not_recurse() -> None:
    text = "Ann Lee and " * 1200 + "Lee Council said it."
    candidates = detect.score(text)
    assert len(candidates) == 1
    assert candidates[0].claimant is not None


def test_nested_speaker_phrases_do_not_recurse() -> None:
    text = "It rose, according to " + "a spokesperson for " * 2000 + "the firm."
    assert len(detect.score(text)) == 1


def test_asides_before_a_speech_verb_do_not_recurse() -> None:
    text = "x" + ", also" * 5000 + ", said it."
    assert len(detect.score(text)) == 1


def test_a_failure_inside_the_detector_is_a_detection_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*args: object) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(scoring, "_find_attribution", broken)
    with pytest.raises(detect.DetectionError) as caught:
        detect.detect("Ann Lee said prices rose 4% in March.")
    assert isinstance(caught.value.__cause__, RecursionError)


def test_text_that_is_not_a_string_is_a_detection_error() -> None:
    with pytest.raises(detect.DetectionError):
        detect.score(b"Prices rose.")  # type: ignore[arg-type]


def test_more_sentences_than_any_article_is_a_detection_error() -> None:
    assert len(detect.score("It rose. " * detect.MAX_SENTENCES)) == detect.MAX_SENTENCES
    for text in ("It rose. " * (detect.MAX_SENTENCES + 1), "A\n" * (detect.MAX_SENTENCES + 1)):
        with pytest.raises(detect.TooManySentences):
            detect.detect(text)
    assert issubclass(detect.TooManySentences, detect.DetectionError)


@pytest.mark.slow  # 40,000 names scored: in make test, not the inner loop
def test_more_names_than_any_article_is_a_detection_error() -> None:
    """Names are what costs the detector most: a text naming more people or bodies than
    any article (a directory, a hostile list) is refused, as too many sentences are."""
    from factbase.detect.names import MAX_NAME_RUNS

    def names(n: int) -> str:
        # n distinct two-word names, three to a sentence (under the sentence limit).
        table = str.maketrans("0123456789", "abcdefghij")
        w = [f"Q{i:06d}".translate(table).capitalize() for i in range(n + 2)]
        return " ".join(
            f"{w[i]} Zed told {w[i + 1]} Yed that {w[i + 2]} Xed left." for i in range(0, n, 3)
        )

    assert detect.score(names(MAX_NAME_RUNS - 300))  # many, as a long article may have
    with pytest.raises(detect.TooManyNames):
        detect.score(names(MAX_NAME_RUNS + 1))
    assert issubclass(detect.TooManyNames, detect.DetectionError)


# --- Hostile generated text ---------------------------------------------------------

# Pieces chosen to reach every branch that scans: sentence ends, abbreviations,
# initials, quotes of every kind, names and "and", speaker phrases, commas, numbers,
# headings, bullets, and every Unicode space and dash.
PIECES = [
    ".", "!", "?", "\u2026", "...", ".\u201d", "?\u2019", ".)", "\u201c", "\u201d", "\u2018",
    "\u2019", '"', "'", "(", "[", ",", ":", ";", "#", "- ", "* ", "\u2022 ",
    "Mr.", "Dr.", "No.", "Jan.", "U.S.", "e.g.", "A.", "Inc.", "etc.",
    "Ann", "Lee", "Council", "Bank", "The", "the", "and", "of", "for", "said", "says",
    "told", "according to", "a spokesperson for", "a report by", "officials", "he", "she",
    "they", "it", "also", "has", "was", "that", "found", "saying", "mayor", "company",
    "4%", "$2.16bn", "1932", "3.5", "11,402", "rose", "fell", "because", "will", "must",
    "I", "we", "should", "aims to", "Monday", "March", "half", "year-old", "Lee\u2019s",
    *UNICODE_SPACES, *UNICODE_DASHES, " ", " ", " ", "\n", "\n\n",
]  # fmt: skip

hostile_text = st.lists(
    st.one_of(
        st.sampled_from(PIECES),
        # a run of one piece: the shape that broke the boundary scan and the name parser
        st.tuples(st.sampled_from(PIECES), st.integers(1, 60)).map(lambda p: p[0] * p[1]),
        st.text(max_size=8),
    ),
    max_size=80,
).map(" ".join)


def _check_candidates(text: str) -> None:
    candidates = detect.score(text)
    ends = -1
    for cand in candidates:
        assert text[cand.start : cand.end] == cand.text
        assert cand.text
        assert cand.text == cand.text.strip()
        assert cand.start >= ends, "sentences are in order and do not overlap"
        ends = cand.end
        assert 0.0 <= cand.score <= 1.0
        assert (cand.claimant is None) == (cand.claimant_kind is None)
        assert cand.claimant_kind in (None, "person", "organization", "other")
        assert set(cand.features) <= set(detect.FEATURE_WEIGHTS)
    assert [(c.start, c.end) for c in candidates] == detect.split_sentences(text)
    proposed = detect.detect(text)
    cut = checkworthy.THRESHOLD
    both = [c for c in candidates if c.score >= detect.THRESHOLD]
    both = [c for c in both if checkworthy.combined(c.text, c.score) >= cut]
    assert [dataclasses.replace(c, checkworthiness=None) for c in proposed] == both
    assert all(p.checkworthiness is not None and cut <= p.checkworthiness <= 1 for p in proposed)


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_text)
def test_hostile_text_gives_well_formed_candidates(text: str) -> None:
    _check_candidates(text)


@pytest.mark.fuzz
@settings(max_examples=examples(3000), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_text)
def test_hostile_text_gives_well_formed_candidates_at_full_count(text: str) -> None:
    _check_candidates(text)


@settings(max_examples=examples(40), deadline=None)
@given(st.sampled_from(sorted(SHAPES)), st.integers(200, 3000))
def test_every_worst_shape_gives_well_formed_candidates(name: str, size: int) -> None:
    _check_candidates(SHAPES[name][1](size))


# --- Work grows linearly ------------------------------------------------------------


def _lines_run(fn: Callable[[], Any]) -> int:
    """Number of Python lines executed by ``fn()`` (a deterministic count of work)."""
    count = 0

    def local(frame: FrameType, event: str, arg: object) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return local

    def global_(frame: FrameType, event: str, arg: object) -> Any:
        return local

    previous = sys.gettrace()
    sys.settrace(global_)
    try:
        fn()
    finally:
        sys.settrace(previous)
    return count


SMALL = 2_000
# Linear work at four times the input is at most four times the work plus a constant;
# the quadratic shapes of issue 9 grew 14 to 16 times.
GROWTH_LIMIT = 5.0


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_python_work_grows_linearly_on_every_worst_shape(name: str) -> None:
    build = SHAPES[name][1]
    small, large = build(SMALL), build(4 * SMALL)
    base = _lines_run(lambda: detect.score(""))
    # Cold memos for each count: what earlier tests taught the detector must not make the
    # small text cheap and the large one dear (or hide work from both).
    _forget_memos()
    work_small = _lines_run(lambda: detect.score(small)) - base
    _forget_memos()
    work_large = _lines_run(lambda: detect.score(large)) - base
    assert work_large <= GROWTH_LIMIT * max(work_small, 50), (name, work_small, work_large)


def test_the_work_counter_sees_quadratic_work() -> None:
    # The harness must be able to fail: a quadratic function grows 16 times.
    def quadratic(n: int) -> None:
        for i in range(n):
            for _ in range(i):
                pass

    assert _lines_run(lambda: quadratic(400)) > 12 * _lines_run(lambda: quadratic(100))


VALGRIND = shutil.which("valgrind")
# Shapes whose work issue 9 found inside C code (the regular expression engine, str.rfind,
# str.lower and slicing), which the line counter cannot see.
C_LEVEL_SHAPES = ["full_stops", "mixed_terminals", "word_dot_tab", "unicode_spaces", "no_spaces"]


def _instructions(name: str, size: int, root: Path = REPO) -> int:
    """Machine instructions of one process that builds the shape and scores it."""
    program = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(root)!r})
        from bench.detector_worst import SHAPES
        from factbase import detect
        text = SHAPES[{name!r}][1]({size})
        detect.score(text)
        """
    )
    assert VALGRIND
    done = subprocess.run(
        [
            VALGRIND,
            "--tool=cachegrind",
            "--cache-sim=no",
            "--cachegrind-out-file=/dev/null",
            sys.executable,
            "-c",
            program,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(x for x in done.stderr.splitlines() if "I   refs:" in x or "I refs:" in x)
    return int(line.split(":")[1].strip().replace(",", ""))


@pytest.mark.slow
@pytest.mark.skipif(VALGRIND is None, reason="valgrind counts machine instructions")
@pytest.mark.parametrize("name", C_LEVEL_SHAPES)
def test_all_work_grows_linearly_on_the_shapes_that_were_quadratic_in_c(name: str) -> None:
    base = _instructions(name, 1)
    small = _instructions(name, 4_000) - base
    large = _instructions(name, 16_000) - base
    assert large <= GROWTH_LIMIT * small, (name, small, large)


# --- Work per piece of the input ----------------------------------------------------
# The shapes over 2 s at 2 MiB in bench/results/detector_worst.md were linear but paid
# Python work per token where only a few tokens matter: every token of a sentence walked
# the quote state machine, and every mention of a name was parsed and classified afresh.


def test_quote_tracking_works_per_quotation_mark_not_per_word() -> None:
    from factbase.detect.quotes import _track_quotes
    from factbase.detect.sentences import _Sentence

    def work(words: int) -> int:
        sent = _Sentence("\u201c" + "word " * words + "\u201d he said, 'and " + "more " * words)
        return _lines_run(lambda: _track_quotes(sent, False, False))

    small, large = work(500), work(8_000)
    assert large - small <= 10, (small, large)


def test_a_name_mentioned_again_is_not_parsed_again(monkeypatch: pytest.MonkeyPatch) -> None:
    from factbase.detect import names

    calls: list[int] = []
    real = names._classify_name

    def counting(*args: Any) -> str:
        calls.append(1)
        return real(*args)

    monkeypatch.setattr(names, "_classify_name", counting)
    names._RUNS.clear()
    detect.score("Orla Quennell and " * 300 + "Orla Quennell said it.")
    assert len(calls) == 1


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_text, hostile_text)
def test_what_the_caches_remember_never_changes_an_answer(first: str, second: str) -> None:
    from factbase.detect import features, names, sentences

    for cache in (names._RUNS, names._NAME_TOKENS, features._TOKEN_BITS, sentences._STOPS):
        cache.clear()
    cold = detect.score(second)
    detect.score(first + "\n" + second)  # warm every cache on other text
    assert detect.score(second) == cold
