"""Reads: querysets with their visibility rules and related loading, in one place."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from django.db import connection, connections, router
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    Field,
    IntegerField,
    Model,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.base import ModelState
from django.db.models.expressions import RawSQL
from django.db.models.fields.json import KT
from django.db.models.functions import Cast

from factbase import review
from factbase.addresses import address_key
from factbase.models import (
    Annotation,
    Article,
    ArticleAddress,
    Claim,
    Claimant,
    ClaimStatus,
    Evidence,
    PublishedVersion,
    ReviewEvent,
    Source,
)
from factbase.roles import DESK_PERMISSION

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    Viewer = User | AnonymousUser


def is_desk(viewer: Viewer | None) -> bool:
    """Members of the editorial desk (editors, reviewers, superusers) see unpublished work."""
    return bool(
        viewer is not None
        and viewer.is_authenticated
        and viewer.is_active
        and viewer.has_perm(DESK_PERMISSION)
    )


def claims_visible(viewer: Viewer | None) -> QuerySet[Claim]:
    claims = Claim.objects.all()
    if not is_desk(viewer):
        claims = claims.filter(status=ClaimStatus.PUBLISHED)
    return claims


def claim_list(*, viewer: Viewer | None) -> QuerySet[Claim]:
    """Claims `viewer` may see, with claimant, annotations and evidence count loaded."""
    return (
        claims_visible(viewer)
        .select_related("claimant")
        .prefetch_related(Prefetch("annotations", queryset=Annotation.objects.order_by("start")))
        .annotate(evidence_count=Count("evidence", distinct=True))
    )


def article_list() -> QuerySet[Article]:
    return Article.objects.defer("text")


def evidence_visible(viewer: Viewer | None) -> QuerySet[Evidence]:
    evidence = Evidence.objects.select_related("source", "claim")
    if not is_desk(viewer):
        evidence = evidence.filter(claim__status=ClaimStatus.PUBLISHED)
    return evidence


def claim_history(*, claim: Claim) -> QuerySet[ReviewEvent]:
    """The claim's events, newest first by id (the database's order, not a clock's)."""
    return ReviewEvent.objects.filter(claim=claim).order_by("-id")


def article_claims(*, article: Article, viewer: Viewer | None) -> QuerySet[Claim]:
    """The claims in `article` that `viewer` may see, in reading order."""
    return (
        claim_list(viewer=viewer)
        .filter(annotations__article=article)
        .order_by("annotations__start")
    )


def claimreview_list() -> QuerySet[Claim]:
    """Published claims with what a ClaimReview needs: claimant and the article."""
    return (
        Claim.objects.filter(status=ClaimStatus.PUBLISHED)
        .select_related("claimant")
        .prefetch_related(
            Prefetch(
                "annotations",
                queryset=Annotation.objects.select_related("article").defer("article__text"),
            ),
            "published_versions",
        )
    )


UNDER_REVIEW_AGAIN = (ClaimStatus.IN_REVIEW, ClaimStatus.AWAITING_APPROVAL)


def public_claims(claim: str = "") -> Q:
    """Claims public callers see: published, or reopened with a published version they
    keep showing. The one statement of that rule: `claim` is the path to the claim from
    the model filtered ("" for Claim itself, "claim__" for its annotations)."""
    published = PublishedVersion.objects.filter(claim=OuterRef(f"{claim}pk"))
    return Q(**{f"{claim}status": ClaimStatus.PUBLISHED}) | Q(
        Exists(published), **{f"{claim}status__in": UNDER_REVIEW_AGAIN}
    )


def _public_claim_ids() -> QuerySet[Claim, int]:
    return Claim.objects.filter(public_claims()).values_list("pk", flat=True)


def claimreviews_public() -> QuerySet[Claim]:
    """claimreview_list plus reopened fact-checks (shown from their snapshot, see
    api/v1/standards.py): a reopening must not take a fact-check off the record."""
    return (
        Claim.objects.filter(pk__in=_public_claim_ids())
        .select_related("claimant")
        .prefetch_related(
            Prefetch(
                "annotations",
                queryset=Annotation.objects.select_related("article").defer("article__text"),
            ),
            "published_versions",
        )
    )


def latest_snapshots(*, claim_ids: list[int]) -> dict[int, PublishedVersion]:
    """The last published version of each claim in `claim_ids` (one query, none if empty)."""
    if not claim_ids:
        return {}
    snapshots: dict[int, PublishedVersion] = {}
    for version in PublishedVersion.objects.filter(claim_id__in=claim_ids).order_by("id"):
        snapshots[version.claim_id] = version
    return snapshots


def published_annotations(*, uri: str | None) -> QuerySet[Annotation]:
    """Annotations of public claims (published, or reopened with a published version)
    in articles with an address (`uri`, when given)."""
    annotations = (
        Annotation.objects.filter(public_claims("claim__"), article__url__isnull=False)
        .select_related("claim", "article")
        .defer("article__text")
    )
    if uri is not None:
        # Any form of the article's address (http/https, www., tracking parameters, AMP
        # copy, ...) is one probe of the address key's unique index.
        try:
            key = address_key(uri)
        except ValueError:
            return annotations.none()
        annotations = annotations.filter(article__addresses__key=key)
    return annotations


Converters = list[tuple[int, list[Callable[..., Any]], Any]]


class _Part:
    """The columns of one model in the page query: their slice of a row and converters."""

    def __init__(self, model: type[Model], fields: list[Field[Any, Any]], alias: str, at: int):
        self.model = model
        self.names = [f.attname for f in fields]
        self.slice = slice(at, at + len(fields))
        self.alias = alias
        self.fields = fields

    def columns(self, quote: Callable[[str], str]) -> list[str]:
        return [f"{self.alias}.{quote(f.column)}" for f in self.fields]

    def converters(self, connection: Any) -> Converters:
        found: Converters = []
        for i, field in enumerate(self.fields):
            col = field.get_col(self.alias)
            convert = connection.ops.get_db_converters(col) + col.get_db_converters(connection)
            if convert:
                found.append((i, convert, col))
        return found


# What the annotation page reads of a claim and its article (api/v1/jsonld.web_annotation,
# publication.shown_to_readers); the other fields are deferred.
PAGE_CLAIM_FIELDS = frozenset(
    {"id", "status", "verdict", "verdict_summary", "published_at", "updated_at"}
)
PAGE_ARTICLE_FIELDS = frozenset({"id", "url", "canonical_url"})

# Per database alias: the SQL, the three models' parts and their converters.
_PAGE_QUERY: dict[str, tuple[str, list[tuple[_Part, Converters]]]] = {}


def _page_query(alias: str) -> tuple[str, list[tuple[_Part, Converters]]]:
    built = _PAGE_QUERY.get(alias)
    if built is not None:
        return built
    connection = connections[alias]
    quote = connection.ops.quote_name
    annotation_fields = list(Annotation._meta.concrete_fields)
    claim_fields = [f for f in Claim._meta.concrete_fields if f.name in PAGE_CLAIM_FIELDS]
    article_fields = [f for f in Article._meta.concrete_fields if f.name in PAGE_ARTICLE_FIELDS]
    parts = [
        _Part(Annotation, annotation_fields, "an", 0),
        _Part(Claim, claim_fields, "cl", len(annotation_fields)),
        _Part(Article, article_fields, "ar", len(annotation_fields) + len(claim_fields)),
    ]

    def table(model: type[Model]) -> str:
        return quote(model._meta.db_table)

    def col(model: type[Model], name: str) -> str:
        field = model._meta.get_field(name)
        assert isinstance(field, Field)
        assert field.column is not None
        return quote(field.column)

    pv_claim = col(PublishedVersion, "claim")
    article_id = col(Article, "id")
    address_article = col(ArticleAddress, "article")
    annotation_article = col(Annotation, "article")
    columns = ", ".join(c for part in parts for c in part.columns(quote))
    # The same rows as published_annotations(uri=...) ordered as the cursor pages them.
    sql = (
        f"SELECT {columns} FROM {table(ArticleAddress)} ad"
        f" INNER JOIN {table(Article)} ar ON ar.{article_id} = ad.{address_article}"
        f" INNER JOIN {table(Annotation)} an ON an.{annotation_article} = ar.{article_id}"
        f" INNER JOIN {table(Claim)} cl ON cl.{col(Claim, 'id')} = an.{col(Annotation, 'claim')}"
        f" WHERE ad.{col(ArticleAddress, 'key')} = %s AND ar.{col(Article, 'url')} IS NOT NULL"
        f" AND (cl.{col(Claim, 'status')} = %s OR (cl.{col(Claim, 'status')} IN (%s, %s)"
        f" AND EXISTS (SELECT 1 FROM {table(PublishedVersion)} pv"
        f" WHERE pv.{pv_claim} = cl.{col(Claim, 'id')})))"
        f" ORDER BY an.{col(Annotation, 'start')} ASC, an.{col(Annotation, 'id')} ASC LIMIT %s"
    )
    built = _PAGE_QUERY[alias] = (sql, [(part, part.converters(connection)) for part in parts])
    return built


def published_annotations_at(key: str, *, limit: int) -> list[Annotation]:
    """The first `limit` of published_annotations(uri=...) for the address `key`, in page
    order (start, id), with claim and article loaded (the fields the page reads of them,
    PAGE_CLAIM_FIELDS and PAGE_ARTICLE_FIELDS; the others are deferred).

    The same rows in one query whose SQL is built once per database: an extension asks
    for this page on every page view, so no ORM query is built per request. An address
    nobody has seen is one probe of the address key's unique index that finds nothing.
    """
    alias = router.db_for_read(Annotation)
    connection = connections[alias]
    sql, parts = _page_query(alias)
    params: list[str | int] = [
        key,
        ClaimStatus.PUBLISHED.value,
        *(s.value for s in UNDER_REVIEW_AGAIN),
        limit,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    annotations: list[Annotation] = []
    articles: dict[int, Article] = {}
    for row in rows:
        loaded: list[Any] = []
        for part, converters in parts:
            values = list(row[part.slice])
            for i, convert, expression in converters:
                for converter in convert:
                    values[i] = converter(values[i], expression, connection)
            loaded.append((part, values))
        (a_part, a_values), (c_part, c_values), (r_part, r_values) = loaded
        annotation = _loaded(Annotation, alias, a_part.names, a_values)
        _CLAIM.set_cached_value(annotation, _loaded(Claim, alias, c_part.names, c_values))
        article = articles.get(r_values[0])
        if article is None:
            article = articles[r_values[0]] = _loaded(Article, alias, r_part.names, r_values)
        _ARTICLE.set_cached_value(annotation, article)
        annotations.append(annotation)
    return annotations


_CLAIM = Annotation._meta.get_field("claim")
_ARTICLE = Annotation._meta.get_field("article")
M = TypeVar("M", bound=Model)


def _loaded(model: type[M], alias: str, names: list[str], values: list[Any]) -> M:
    """A model instance as loaded from the database, as Model.from_db makes it but
    without running __init__ field by field and its init signals (these models have no
    receivers); fields not in `names` are deferred, as with .only()."""
    instance = model.__new__(model)
    instance.__dict__.update(zip(names, values, strict=True))
    state = instance._state = ModelState()
    state.adding, state.db = False, alias
    return instance


def claims_proposed_by(*, user: Viewer, claims: QuerySet[Claim]) -> QuerySet[Claim]:
    """The `claims` whose latest verdict proposal was made by `user`."""
    return claims.alias(proposer=review.latest_proposer()).filter(proposer=user.pk)


def claimants_visible(viewer: Viewer | None) -> QuerySet[Claimant]:
    """Claimants `viewer` may see: outside the desk, only those of a published claim or of
    the version a reopened claim keeps showing (who is being checked is unpublished work
    until the check is published: a claimant only a correction's draft names stays hidden)."""
    claimants = Claimant.objects.all()
    if not is_desk(viewer):
        published = Claim.objects.filter(claimant=OuterRef("pk"), status=ClaimStatus.PUBLISHED)
        shown = _shown_snapshots().annotate(
            claimant=Cast(KT("content__claimant__id"), IntegerField())
        )
        claimants = claimants.filter(
            Exists(published) | Exists(shown.filter(claimant=OuterRef("pk")))
        )
    return claimants


def sources_visible(viewer: Viewer | None) -> QuerySet[Source]:
    """Sources `viewer` may see: outside the desk, only those cited as evidence on a
    published claim or in the version a reopened claim keeps showing (the evidence being
    gathered is unpublished work: a source only a correction's draft cites stays hidden)."""
    sources = Source.objects.all()
    if not is_desk(viewer):
        cited = Evidence.objects.filter(source=OuterRef("pk"), claim__status=ClaimStatus.PUBLISHED)
        sources = sources.filter(Exists(cited) | Q(_cited_in_shown_snapshots()))
    return sources


def _shown_snapshots() -> QuerySet[PublishedVersion]:
    """The published versions public callers are shown of reopened claims: each one's latest."""
    latest = PublishedVersion.objects.filter(claim=OuterRef("claim")).order_by("-id")
    return PublishedVersion.objects.filter(
        claim__status__in=UNDER_REVIEW_AGAIN, id=Subquery(latest.values("id")[:1])
    )


# Source URLs cited by the latest published version of each reopened claim (the snapshot's
# evidence is a JSON list: no ORM lookup reaches into its items).
_SHOWN_EVIDENCE_URLS = {
    "postgresql": (
        "SELECT e.value->'source'->>'url' FROM factbase_publishedversion v"
        " CROSS JOIN jsonb_array_elements(v.content->'evidence') e"
    ),
    "sqlite": (
        "SELECT json_extract(e.value, '$.source.url') FROM factbase_publishedversion v,"
        " json_each(v.content, '$.evidence') e"
    ),
}


def _cited_in_shown_snapshots() -> RawSQL:
    statuses = ", ".join(["%s"] * len(UNDER_REVIEW_AGAIN))
    sql = (
        f'"factbase_source"."url" IN ({_SHOWN_EVIDENCE_URLS[connection.vendor]}'
        " JOIN factbase_claim c ON c.id = v.claim_id"
        f" WHERE c.status IN ({statuses}) AND v.id = (SELECT w.id FROM"
        " factbase_publishedversion w WHERE w.claim_id = v.claim_id ORDER BY w.id DESC LIMIT 1))"
    )
    return RawSQL(sql, [s.value for s in UNDER_REVIEW_AGAIN], output_field=BooleanField())
