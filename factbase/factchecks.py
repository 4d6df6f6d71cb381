"""Curated fact-checks (fixtures/*.json) applied through the domain's own functions.

A fixture names an article file and, for claims in it, the exact span, the clarified
claim text, evidence and a verdict. Loading ingests the article first (a no-op when it
is already stored), then walks each claim through the review workflow as the demo
editor and reviewer would. Loading twice, or before or after `ingest`, ends the same.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.db import transaction

from factbase import review, services
from factbase.ingest import IngestError, article_ingest, read_article_file
from factbase.models import Annotation, Article, Claim, ClaimStatus, Evidence, ReviewAction
from factbase.roles import ensure_editorial_groups
from factbase.shortclaim import short_claim

DEMO_USERS = {"editor": "editors", "reviewer": "reviewers"}


@dataclass(frozen=True, slots=True)
class LoadReport:
    article: Article
    claims: int
    published: int
    in_review: int
    unchanged: int


def demo_user(username: str) -> AbstractUser:
    """The demo account `username` in its group; created without a usable password."""
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(username=username)
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    user.groups.add(ensure_editorial_groups()[DEMO_USERS[username]])
    return user


def load_factchecks(path: Path, *, base_dir: Path) -> LoadReport:
    """Apply the fact-checks in the fixture at `path` (article paths relative to base_dir)."""
    try:
        spec = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise IngestError(f"Unreadable fixture: {exc}", path=path) from None
    editor, reviewer = demo_user("editor"), demo_user("reviewer")
    data = read_article_file(base_dir / spec["article"]["file"])
    article = article_ingest(data=data).article
    counts = {"published": 0, "in_review": 0, "unchanged": 0}
    with transaction.atomic():
        for item in spec["claims"]:
            outcome = _apply(article, item, editor=editor, reviewer=reviewer)
            counts[outcome] += 1
    return LoadReport(article=article, claims=len(spec["claims"]), **counts)


def _apply(article: Article, item: dict[str, Any], *, editor: Any, reviewer: Any) -> str:
    start, end = item["start"], item["end"]
    if article.text[start:end] != item["exact"]:
        raise IngestError(f"Fixture span {start}..{end} does not match the article text.")
    annotation = (
        Annotation.objects.select_related("claim")
        .filter(article=article, start=start, end=end)
        .first()
    )
    claimant = services.claimant_resolve(name=item.get("claimant"), kind=item.get("claimant_kind"))
    if annotation is None:
        claim = services.claim_create(
            article=article,
            start=start,
            end=end,
            actor=editor,
            kind=item["kind"],
            claimant=claimant,
        )
    else:
        claim = annotation.claim
    if claim.status != ClaimStatus.NEW:
        return "unchanged"  # Already fact-checked (or taken up by the desk): leave it be.

    claim = review.claim_transition(claim=claim, actor=editor, action=ReviewAction.START_REVIEW)
    claim = services.claim_update(
        claim=claim,
        actor=editor,
        expected_version=claim.version,
        changes={
            "text": item["text"],
            "claim_reviewed": item.get("claim_reviewed") or short_claim(item["text"]),
            "kind": item["kind"],
            "claimant": claimant,
        },
    )
    for evidence in item["evidence"]:
        if not Evidence.objects.filter(claim=claim, source__url=evidence["url"]).exists():
            services.evidence_add(
                claim=claim,
                actor=editor,
                url=evidence["url"],
                stance=evidence["stance"],
                note=evidence["note"],
                source_defaults={
                    "title": evidence.get("title") or "",
                    "publisher": evidence.get("publisher") or "",
                    "published_at": evidence.get("published_at"),
                },
            )
    if not item.get("verdict"):
        return "in_review"
    claim = Claim.objects.get(pk=claim.pk)
    claim = review.claim_transition(
        claim=claim,
        actor=editor,
        action=ReviewAction.PROPOSE,
        verdict=item["verdict"],
        summary=item["summary"],
    )
    review.claim_transition(
        claim=claim, actor=reviewer, action=ReviewAction.APPROVE, expected_version=claim.version
    )
    return "published"
