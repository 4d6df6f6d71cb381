"""Writes of the domain other than status changes (review.py) and ingest (ingest.py).

Each function is keyword-only, validates what the database cannot, and raises a
DomainError subclass, changing nothing, on bad input.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.dateparse import parse_date

from factbase import review

# Thin re-exports: the selectors are built in factbase.anchoring.
from factbase.anchoring import annotation_build as annotation_build
from factbase.anchoring import quote_context as quote_context
from factbase.errors import Conflict, InvalidState, InvalidValue, StaleVersion
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
    Source,
    Stance,
    claimant_name_key,
)
from factbase.shortclaim import short_claim

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    Actor = User | AnonymousUser

MAX_URL = 2000
MAX_CLAIMANT_NAME = 200


# Web addresses ------------------------------------------------------------------------------

_validate_web_url = URLValidator(schemes=["http", "https"])


def web_url(value: str, *, field: str = "url") -> str:
    """`value` as an http(s) URL, or InvalidValue: `javascript:`, `data:` and other schemes,
    and addresses longer than the database keeps, never reach a reader's link."""
    url = (value or "").strip()
    if len(url) > MAX_URL:
        raise InvalidValue(f"A URL may be at most {MAX_URL} characters.", field=field)
    try:
        _validate_web_url(url)
    except ValidationError:
        raise InvalidValue("Not a web address (http or https URL).", field=field) from None
    return url


# Claimants ----------------------------------------------------------------------------------


def claimant_resolve(
    *, name: str | None, kind: str | None = None, cache: dict[str, Claimant] | None = None
) -> Claimant | None:
    """The claimant called `name` (any case and spacing), created with `kind` if new.

    The one way a name becomes a claimant (API, ingest, fixtures). Race-safe: the database
    holds one claimant per name key, and the loser of a concurrent create finds the
    winner's. `cache` (name key -> claimant) spares a query per repeated name in a batch.
    """
    name = " ".join((name or "").split())
    if not name:
        return None
    if kind is not None and kind not in ClaimantKind.values:
        raise InvalidValue(f"{kind!r} is not a kind of claimant.", field="claimant.kind")
    if len(name) > MAX_CLAIMANT_NAME:
        raise InvalidValue("A claimant's name may be at most 200 characters.", field="claimant")
    key = claimant_name_key(name)
    found = cache.get(key) if cache is not None else None
    if found is None:
        found = _claimant_get_or_create(name, key, kind or ClaimantKind.PERSON)
        if cache is not None:
            cache[key] = found
    return found


def _claimant_get_or_create(name: str, key: str, kind: str) -> Claimant:
    found = Claimant.objects.filter(name_key=key).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return Claimant.objects.create(name=name, name_key=key, kind=kind)
    except IntegrityError:
        # Someone else created it a moment ago.
        return Claimant.objects.get(name_key=key)


CLAIMANT_CONTENT_FIELDS = ("name", "kind")  # shown in every claim that cites the claimant
EDITABLE_CLAIMANT_FIELDS = (*CLAIMANT_CONTENT_FIELDS, "description", "aliases")


@transaction.atomic
def claimant_create(
    *, name: str, kind: str = ClaimantKind.PERSON, description: str = "", aliases: Any = None
) -> Claimant:
    """A new claimant; Conflict when one is already known by that name (any case)."""
    name = " ".join((name or "").split())
    if not name:
        raise InvalidValue("A claimant needs a name.", field="name")
    key = claimant_name_key(name)
    if Claimant.objects.filter(name_key=key).exists():
        raise Conflict(f"A claimant called {name!r} exists already.", field="name")
    try:
        with transaction.atomic():
            return Claimant.objects.create(
                name=name, name_key=key, kind=kind, description=description, aliases=aliases or []
            )
    except IntegrityError:
        raise Conflict(f"A claimant called {name!r} exists already.", field="name") from None


@transaction.atomic
def claimant_update(
    *, claimant: Claimant, actor: Actor | None, changes: dict[str, Any]
) -> Claimant:
    """Edit a claimant. A new name or kind changes every claim that cites the claimant.

    So it is refused (InvalidState) while any of those claims is awaiting approval or
    published; otherwise each of them gets an `edit` event (old -> new) and a new version,
    and so a new ETag. Description and aliases are the claimant's own page only.
    """
    current = Claimant.objects.select_for_update().get(pk=claimant.pk)
    if "name" in changes:
        changes = {**changes, "name": " ".join((changes["name"] or "").split())}
        if not changes["name"]:
            raise InvalidValue("A claimant needs a name.", field="name")
    if "kind" in changes and changes["kind"] not in ClaimantKind.values:
        raise InvalidValue(f"{changes['kind']!r} is not a kind of claimant.", field="kind")
    diff = {
        f: [getattr(current, f), changes[f]]
        for f in EDITABLE_CLAIMANT_FIELDS
        if f in changes and getattr(current, f) != changes[f]
    }
    if not diff:
        return current
    if "name" in diff:
        key = claimant_name_key(changes["name"])
        if Claimant.objects.filter(name_key=key).exclude(pk=current.pk).exists():
            raise Conflict(f"A claimant called {changes['name']!r} exists already.", field="name")
        current.name_key = key
    content = {
        ("claimant" if f == "name" else f"claimant.{f}"): v
        for f, v in diff.items()
        if f in CLAIMANT_CONTENT_FIELDS
    }
    if content:
        _change_citing_claims(
            Claim.objects.filter(claimant=current), actor=actor, changes=content, what="claimant"
        )
    for f, (_, new) in diff.items():
        setattr(current, f, new)
    current.save(update_fields=[*diff, "name_key"])
    return current


def _change_citing_claims(
    claims: Any, *, actor: Actor | None, changes: dict[str, Any], what: str
) -> list[Claim]:
    """Lock the claims a lookup's change alters, refuse if any is frozen, log and bump each."""
    locked = list(claims.select_for_update().order_by("pk"))
    frozen = [c for c in locked if not review.content_editable(c)]
    if frozen:
        states = sorted({ClaimStatus(c.status).label.lower() for c in frozen})
        ids = ", ".join(f"#{c.pk}" for c in frozen[:10])
        raise InvalidState(
            f"This {what} is part of {len(frozen)} claim(s) that are {' or '.join(states)} "
            f"({ids}): their content cannot change until a reviewer sends them back or "
            "reopens them."
        )
    for claim in locked:
        version = review.claim_bump(claim)
        review.event_record(
            claim=claim,
            actor=actor,
            action=ReviewAction.EDIT,
            note=f"The {what} changed.",
            changes=changes,
            claim_version=version,
        )
    return locked


# Claims -------------------------------------------------------------------------------------


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
        raise InvalidValue(
            "The quoted words do not match the article text at that position.",
            field="annotation.exact",
        )
    if kind not in ClaimKind.values:
        raise InvalidValue(f"{kind!r} is not a kind of claim.", field="kind")
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
        raise InvalidValue("A claim needs text.", field="text")
    if Annotation.objects.filter(article=article, start=start, end=end).exists():
        raise Conflict(
            "Another claim is already anchored to exactly these words.", field="annotation"
        )
    claim.save()
    annotation.save()
    review.event_record(
        claim=claim,
        actor=actor,
        action=ReviewAction.EDIT,
        note="Created by hand.",
        changes={"text": [None, claim.text]},
        claim_version=claim.version,
    )
    return claim


EDITABLE_CLAIM_FIELDS = ("text", "claim_reviewed", "kind", "claimant")


@transaction.atomic
def claim_update(
    *, claim: Claim, actor: Actor, expected_version: int, changes: dict[str, Any]
) -> Claim:
    """Edit a claim's text, kind or claimant with a compare-and-swap on its version.

    Logs the changed fields as one `edit` ReviewEvent. A claim awaiting approval or
    published is frozen (InvalidState): what is approved is exactly what was proposed,
    and what readers saw is never silently rewritten.
    """
    current = review.claim_lock(claim, expected_version)
    review.check_content_editable(current)
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
                raise InvalidValue("A claim needs text.", field="text")
        if field == "kind" and new not in ClaimKind.values:
            raise InvalidValue(f"{new!r} is not a kind of claim.", field="kind")
        old = getattr(current, field)
        if old != new:
            diff[field] = [_plain(old), _plain(new)]
            setattr(current, field, new)
    if not diff:
        return current
    version = review.claim_bump(
        current,
        text=current.text,
        claim_reviewed=current.claim_reviewed,
        kind=current.kind,
        claimant=current.claimant,
    )
    review.event_record(
        claim=current, actor=actor, action=ReviewAction.EDIT, changes=diff, claim_version=version
    )
    current.refresh_from_db()
    return current


def _plain(value: Any) -> Any:
    if isinstance(value, Claimant):
        return value.name
    return value


def _user(actor: Actor | None) -> Any:
    return actor if actor is not None and actor.is_authenticated else None


# Sources ------------------------------------------------------------------------------------

SOURCE_FIELDS = ("url", "title", "publisher", "published_at", "archived_url")
SOURCE_TEXT_LIMITS = {"title": 500, "publisher": 200}  # the columns' lengths


def _source_values(values: dict[str, Any]) -> dict[str, Any]:
    """Source fields checked: web URLs, lengths the database keeps, a real date."""
    out: dict[str, Any] = {}
    for name, value in values.items():
        if name not in SOURCE_FIELDS:
            continue
        if name == "url":
            value = web_url(value, field="url")
        elif name == "archived_url":
            value = web_url(value, field="archived_url") if (value or "").strip() else ""
        elif name == "published_at":
            value = _date(value)
        else:
            value = (value or "").strip()
            limit = SOURCE_TEXT_LIMITS[name]
            if len(value) > limit:
                raise InvalidValue(f"At most {limit} characters.", field=name)
        out[name] = value
    return out


def _date(value: Any) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        parsed = parse_date(str(value))
    except ValueError:
        parsed = None
    if parsed is None:
        raise InvalidValue(f"{value!r} is not a date (YYYY-MM-DD).", field="published_at")
    return parsed


def source_get_or_create(*, url: str, defaults: dict[str, Any] | None = None) -> Source:
    """The Source at `url`, created with `defaults` when it is new (never overwritten)."""
    url = web_url(url)
    fields = _source_values({k: v for k, v in (defaults or {}).items() if k != "url"})
    try:
        with transaction.atomic():
            source, _ = Source.objects.get_or_create(url=url, defaults=fields)
    except IntegrityError:
        source = Source.objects.get(url=url)
    return source


@transaction.atomic
def source_update(*, source: Source, actor: Actor | None, changes: dict[str, Any]) -> Source:
    """Edit a source: its URL, title, publisher and dates are part of every claim citing it.

    Refused (InvalidState) while any of those claims is awaiting approval or published;
    otherwise each claim gets an `edit` event (old -> new) and a new version, and each
    piece of evidence citing the source a new version (their ETags move).
    """
    current = Source.objects.select_for_update().get(pk=source.pk)
    values = _source_values(changes)
    diff = {f: v for f, v in values.items() if getattr(current, f) != v}
    if not diff:
        return current
    if "url" in diff and Source.objects.filter(url=diff["url"]).exclude(pk=current.pk).exists():
        raise Conflict("Another source has this URL.", field="url")
    old = {"url": current.url, **{f: _json(getattr(current, f)) for f in diff}}
    new = {"url": diff.get("url", current.url), **{f: _json(v) for f, v in diff.items()}}
    _change_citing_claims(
        Claim.objects.filter(evidence__source=current),
        actor=actor,
        changes={"source": [old, new]},
        what="source",
    )
    Evidence.objects.filter(source=current).update(
        version=F("version") + 1, updated_at=timezone.now()
    )
    for f, v in diff.items():
        setattr(current, f, v)
    current.save(update_fields=list(diff))
    return current


def _json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


# Evidence -----------------------------------------------------------------------------------


def _evidence_facts(evidence: Evidence, fields: tuple[str, ...] | None = None) -> dict[str, Any]:
    facts = {"source": evidence.source.url}
    for name in fields or ("stance", "excerpt", "note"):
        facts[name] = getattr(evidence, name)
    return facts


def _evidence_changed(claim: Claim, actor: Actor | None, note: str, change: list[Any]) -> None:
    version = review.claim_bump(claim)
    review.event_record(
        claim=claim,
        actor=actor,
        action=ReviewAction.EDIT,
        note=note,
        changes={"evidence": change},
        claim_version=version,
    )


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

    Evidence is part of what a reviewer approves: refused while the claim awaits approval
    or is published; logged as an `edit` event and the claim's version moves on.
    """
    if stance not in Stance.values:
        raise InvalidValue(f"{stance!r} is not a stance.", field="stance")
    current = review.claim_lock(claim, expected_version)
    review.check_content_editable(current)
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
    _evidence_changed(current, actor, "Evidence added.", [None, _evidence_facts(evidence)])
    return evidence


EDITABLE_EVIDENCE_FIELDS = ("stance", "excerpt", "note")


@transaction.atomic
def evidence_update(
    *,
    evidence: Evidence,
    expected_version: int,
    changes: dict[str, Any],
    actor: Actor | None = None,
) -> Evidence:
    """Edit an evidence item's stance, excerpt or note (compare-and-swap on its version).

    Refused while its claim awaits approval or is published; logged on the claim with the
    old and new values, and the claim's version moves on.
    """
    if "stance" in changes and changes["stance"] not in Stance.values:
        raise InvalidValue(f"{changes['stance']!r} is not a stance.", field="stance")
    claim = review.claim_lock(evidence.claim, None)
    review.check_content_editable(claim)
    current = Evidence.objects.select_related("source").filter(pk=evidence.pk).first()
    if current is None or current.version != expected_version:
        raise StaleVersion("The evidence changed since you read it.")
    fields = {
        k: v
        for k, v in changes.items()
        if k in EDITABLE_EVIDENCE_FIELDS and getattr(current, k) != v
    }
    if not fields:
        return current
    before = _evidence_facts(current, tuple(fields))
    Evidence.objects.filter(pk=current.pk, version=expected_version).update(
        version=F("version") + 1, updated_at=timezone.now(), **fields
    )
    current.refresh_from_db()
    after = _evidence_facts(current, tuple(fields))
    _evidence_changed(claim, actor, "Evidence edited.", [before, after])
    return current


@transaction.atomic
def evidence_delete(
    *, evidence: Evidence, expected_version: int, actor: Actor | None = None
) -> None:
    """Remove an evidence item (compare-and-swap on its version); its Source stays.

    Refused while its claim awaits approval or is published; logged on the claim with
    what was removed, and the claim's version moves on.
    """
    claim = review.claim_lock(evidence.claim, None)
    review.check_content_editable(claim)
    current = Evidence.objects.select_related("source").filter(pk=evidence.pk).first()
    if current is None or current.version != expected_version:
        raise StaleVersion("The evidence changed since you read it.")
    facts = _evidence_facts(current)
    Evidence.objects.filter(pk=current.pk).delete()
    _evidence_changed(claim, actor, "Evidence removed.", [facts, None])
