"""The detector's one error."""

from __future__ import annotations


class DetectionError(Exception):
    """Detection of one article failed. Callers catch this and report the article; it
    never stops a request or the rest of a batch. The cause, if any, is chained
    (``__cause__``)."""


class TooManySentences(DetectionError):
    """The text has more sentences than any article (``MAX_SENTENCES``): a book, a log or
    a hostile input. Refused early, so it costs a fraction of what detection would."""


class TooManyNames(DetectionError):
    """The text holds more names than any article (``MAX_NAME_RUNS``, two a sentence at
    the sentence limit): a directory, a list or a hostile input. Each name costs the most
    work of anything the detector reads, so the count is what bounds the time."""
