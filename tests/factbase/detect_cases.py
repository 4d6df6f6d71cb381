"""What the detector makes of one sentence of a short invented text, for the tests of its
rules (test_detect_bodies.py, test_detect_round9.py and on)."""

from __future__ import annotations

from factbase import detect


def claimant_of(text: str, opening: str) -> str | None:
    """The claimant of the one sentence of ``text`` that starts with ``opening``."""
    (cand,) = [c for c in detect.score(text) if c.text.startswith(opening)]
    return cand.claimant


def proposed(text: str, opening: str) -> bool:
    """Whether the detector proposes the sentence of ``text`` that starts with ``opening``."""
    return any(c.text.startswith(opening) for c in detect.detect(text))
