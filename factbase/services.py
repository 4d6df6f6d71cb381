"""Writes of the domain other than status changes (review.py) and ingest (ingest.py).

Each function is keyword-only, validates what the database cannot, and raises a
DomainError subclass, changing nothing, on bad input.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from factbase.models import (
    Annotation,
    Article,
    Claim,
    Claimant,
    ClaimantKind,
    ClaimKind,
    ClaimStatus,
    Evidence,
    ReviewAction,
    ReviewEvent,
    Source,
    Stance,
)
from factbase.review import InvalidTransition, MissingInput, ReviewError, StaleVersion
from factbase.shortclaim import short_claim

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    Actor = User | AnonymousUser

CONTEXT_CHARS = 32

# The errors of this module are the review module's: one family, one mapping to HTTP.
DomainError = ReviewError


class Conflict(ReviewError):
    code = "conflict"


def quote_context(text: str, start: int, end: int) -> tuple[str, str]:
    """The W3C TextQuoteSelector prefix and suffix around text[start:end]."""
    return text[max(0, start - CONTEXT_CHARS) : start], text[end : end + CONTEXT_CHARS]


def annotation_build(*, article: Article, claim: Claim, start: int, end: int) -> Annotation:
    """An unsaved Annotation of article.text[start:end], validated against the text."""
    if not 0 <= start < end <= len(article.text):
        raise MissingInput(
            f"The span {start}..{end} is outside the article (0..{len(article.text)}).",
            field="annotation",
        )
    prefix, suffix = quote_context(article.text, start, end)
    return Annotation(
        claim=claim,
        article=article,
        start=start,
        end=end,
        exact=article.text[start:end],
        prefix=prefix,
        suffix=suffix,
    )


def claimant_resolve(*, name: str | None, kind: str | None = None) -> Claimant | None:
    """Find the claimant called `name` (any case), creating it if new."""
    name = " ".join((name or "").split())
    if not name:
        return None
    found = Claimant.objects.filter(name__iexact=name).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return Claimant.objects.create(name=name, kind=kind or ClaimantKind.PERSON)
    except IntegrityError:
        # Someone else created it a moment ago.
        return Claimant.objects.get(name__iexact=name)


@transaction.atomic
def claim_create(
    *,
    article: Article,
    start: int,
    end: int,
    actor: Actor | None,
    text: str | None = None,
    exact: str | None = None,
    kind: str = ClaimKind.OTHER,
    claimant: Claimant | None = None,
) -> Claim:
    """Create a claim by hand, anchored to article.text[start:end].

    `exact`, when given, must equal the anchored words (a W3C TextQuoteSelector that does
    not match its TextPositionSelector is refused). The claim text defaults to those words.
    """
    if exact is not None and article.text[start:end] != exact:
        raise MissingInput(
            "The quoted words do not match the article text at that position.",
            field="annotation.exact",
        )
    words = article.text[start:end].strip() if 0 <= start < end <= len(article.text) else ""
    claim = Claim(
        text=(text or "").strip() or words,
        claim_reviewed=short_claim((text or "").strip() or words),
        kind=kind,
        claimant=claimant,
        detector="manual",
    )
    annotation = annotation_build(article=article, claim=claim, start=start, end=end)
    if not claim.text:
        raise MissingInput("A claim needs text.", field="text")
    if Annotation.objects.filter(article=article, start=start, end=end).exists():
        raise Conflict(
            "Another claim is already anchored to exactly these words.", field="annotation"
        )
    claim.save()
    annotation.save()
    ReviewEvent.objects.create(
        claim=claim,
        actor=_user(actor),
        action=ReviewAction.EDIT,
        from_status=ClaimStatus.NEW,
        to_status=ClaimStatus.NEW,
        note="Created by hand.",
        changes={"text": [None, claim.text]},
    )
    return claim


EDITABLE_CLAIM_FIELDS = ("text", "claim_reviewed", "kind", "claimant")


@transaction.atomic
def claim_update(
    *, claim: Claim, actor: Actor, expected_version: int, changes: dict[str, Any]
) -> Claim:
    """Edit a claim's text, kind or claimant with a compare-and-swap on its version.

    Logs the changed fields as one `edit` ReviewEvent. A published claim must be
    reopened before it is edited, so what readers saw is never silently rewritten.
    """
    current = Claim.objects.select_for_update().get(pk=claim.pk)
    if current.version != expected_version:
        raise StaleVersion(f"The claim is at version {current.version}, not {expected_version}.")
    if current.status == ClaimStatus.PUBLISHED:
        raise InvalidTransition("A published claim must be reopened before it is edited.")
    diff: dict[str, list[Any]] = {}
    for field in EDITABLE_CLAIM_FIELDS:
        if field not in changes:
            continue
        new = changes[field]
        if field == "claim_reviewed":
            new = " ".join((new or "").split())
        if field == "text":
            new = (new or "").strip()
            if not new:
                raise MissingInput("A claim needs text.", field="text")
        old = getattr(current, field)
        if old != new:
            diff[field] = [_plain(old), _plain(new)]
            setattr(current, field, new)
    if not diff:
        return current
    updated = Claim.objects.filter(pk=current.pk, version=expected_version).update(
        text=current.text,
        claim_reviewed=current.claim_reviewed,
        kind=current.kind,
        claimant=current.claimant,
        version=F("version") + 1,
        updated_at=timezone.now(),
    )
    if updated != 1:
        raise StaleVersion("The claim changed while it was being saved.")
    ReviewEvent.objects.create(
        claim=current,
        actor=_user(actor),
        action=ReviewAction.EDIT,
        from_status=current.status,
        to_status=current.status,
        from_verdict=current.verdict,
        to_verdict=current.verdict,
        changes=diff,
    )
    current.refresh_from_db()
    return current


def _plain(value: Any) -> Any:
    if isinstance(value, Claimant):
        return value.name
    return value


def _user(actor: Actor | None) -> Any:
    return actor if actor is not None and actor.is_authenticated else None


def source_get_or_create(*, url: str, defaults: dict[str, Any] | None = None) -> Source:
    """The Source at `url`, created with `defaults` when it is new (never overwritten)."""
    try:
        with transaction.atomic():
            source, _ = Source.objects.get_or_create(url=url, defaults=defaults or {})
    except IntegrityError:
        source = Source.objects.get(url=url)
    return source


def _editable_claim(claim: Claim, expected_version: int | None) -> Claim:
    current = Claim.objects.select_for_update().get(pk=claim.pk)
    if expected_version is not None and current.version != expected_version:
        raise StaleVersion(f"The claim is at version {current.version}, not {expected_version}.")
    if current.status == ClaimStatus.PUBLISHED:
        raise InvalidTransition("A published claim must be reopened before its evidence changes.")
    return current


def _bump(claim: Claim) -> None:
    # The claim's representation (its evidence) changed: its ETag must change too.
    Claim.objects.filter(pk=claim.pk).update(version=F("version") + 1, updated_at=timezone.now())


@transaction.atomic
def evidence_add(
    *,
    claim: Claim,
    actor: Actor | None,
    url: str,
    stance: str,
    excerpt: str = "",
    note: str = "",
    source_defaults: dict[str, Any] | None = None,
    expected_version: int | None = None,
) -> Evidence:
    """Apply the source at `url` (found or created) to `claim` with a stance.

    Bumps the claim's version, since its evidence is part of what a reviewer approves.
    """
    if stance not in Stance.values:
        raise MissingInput(f"{stance!r} is not a stance.", field="stance")
    current = _editable_claim(claim, expected_version)
    source = source_get_or_create(url=url, defaults=source_defaults)
    if Evidence.objects.filter(claim=current, source=source).exists():
        raise Conflict("This source is already evidence for the claim.", field="url")
    evidence = Evidence.objects.create(
        claim=current,
        source=source,
        stance=stance,
        excerpt=excerpt.strip(),
        note=note.strip(),
        added_by=_user(actor),
    )
    _bump(current)
    return evidence


EDITABLE_EVIDENCE_FIELDS = ("stance", "excerpt", "note")


@transaction.atomic
def evidence_update(
    *, evidence: Evidence, expected_version: int, changes: dict[str, Any]
) -> Evidence:
    """Edit an evidence item's stance, excerpt or note (compare-and-swap on its version)."""
    if "stance" in changes and changes["stance"] not in Stance.values:
        raise MissingInput(f"{changes['stance']!r} is not a stance.", field="stance")
    _editable_claim(evidence.claim, None)
    fields = {k: v for k, v in changes.items() if k in EDITABLE_EVIDENCE_FIELDS}
    updated = Evidence.objects.filter(pk=evidence.pk, version=expected_version).update(
        version=F("version") + 1, updated_at=timezone.now(), **fields
    )
    if updated != 1:
        raise StaleVersion("The evidence changed since you read it.")
    _bump(evidence.claim)
    evidence.refresh_from_db()
    return evidence


@transaction.atomic
def evidence_delete(*, evidence: Evidence, expected_version: int) -> None:
    """Remove an evidence item (compare-and-swap on its version); its Source stays."""
    _editable_claim(evidence.claim, None)
    deleted, _ = Evidence.objects.filter(pk=evidence.pk, version=expected_version).delete()
    if deleted != 1:
        raise StaleVersion("The evidence changed since you read it.")
    _bump(evidence.claim)
