"""The detector's one error."""

from __future__ import annotations


class DetectionError(Exception):
    """Detection of one article failed. Callers catch this and report the article; it
    never stops a request or the rest of a batch. The cause, if any, is chained
    (``__cause__``)."""


class TooManySentences(DetectionError):
    """The text has more sentences than any article (``MAX_SENTENCES``): a book, a log or
    a hostile input. Refused early, so it costs a fraction of what detection would."""
