"""Who made a claim, as a name a reader (and ClaimReview's itemReviewed.author) can use.

Detection sometimes attributes a claim to a role ("the minister said"); a role is not a
Person. The article usually names the person in that role once in full ("Finance
Minister Jane Doe"), which is who the claim belongs to.
"""

from __future__ import annotations

import re

from factbase.detect.lexicon import ROLE_NOUNS, TITLES

ROLE_WORDS = frozenset(ROLE_NOUNS) | frozenset(TITLES)
DETERMINERS = frozenset({"the", "a", "an", "its", "his", "her", "their", "our", "this", "that"})
_NAME_WORD = r"[A-Z][\w\u2019'-]*\.?"
_NAME = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}"


def is_role_only(name: str) -> bool:
    """True when `name` is a role ("minister", "the Prime Minister"), not a named someone."""
    words = [w.lower().strip(".,") for w in name.split()]
    words = [w for w in words if w not in DETERMINERS]
    return bool(words) and words[-1] in ROLE_WORDS


def person_in_role(text: str, role: str) -> str | None:
    """The first person `text` names in `role`: "... Minister Jane Doe ..." gives "Jane Doe"."""
    words = [w.strip(".,") for w in role.split() if w.lower() not in DETERMINERS]
    if not words:
        return None
    head = re.escape(words[-1])
    pattern = re.compile(rf"(?i:\b{head})\s+({_NAME})")
    for match in pattern.finditer(text):
        name = match.group(1)
        parts = name.split()
        while parts and parts[0].lower().strip(".") in ROLE_WORDS:
            parts.pop(0)
        if parts and not is_role_only(" ".join(parts)):
            return " ".join(parts)
    return None
