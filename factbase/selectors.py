"""Reads: querysets with their visibility rules and related loading, in one place."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery

from factbase.addresses import address_key
from factbase.models import (
    Annotation,
    Article,
    Claim,
    ClaimStatus,
    Evidence,
    ReviewAction,
    ReviewEvent,
)
from factbase.review import REVIEW_PERMISSION

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    Viewer = User | AnonymousUser

DESK_PERMISSION = "factbase.view_claim"


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
    return (
        ReviewEvent.objects.filter(claim=claim)
        .select_related("actor")
        .order_by("-created_at", "-id")
    )


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
            )
        )
    )


def published_annotations(*, uri: str | None) -> QuerySet[Annotation]:
    """Annotations of published claims in articles with an address (`uri`, when given)."""
    annotations = (
        Annotation.objects.filter(claim__status=ClaimStatus.PUBLISHED, article__url__isnull=False)
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


def last_proposer() -> Subquery:
    """The actor of a claim's latest `propose` event (NULL if never proposed), per claim row."""
    return Subquery(
        ReviewEvent.objects.filter(claim=OuterRef("pk"), action=ReviewAction.PROPOSE)
        .order_by("-created_at", "-id")
        .values("actor_id")[:1]
    )


def claims_proposed_by(*, user: Viewer, claims: QuerySet[Claim]) -> QuerySet[Claim]:
    """The `claims` whose latest verdict proposal was made by `user`."""
    return claims.alias(proposer=last_proposer()).filter(proposer=user.pk)


def claims_awaiting_approval_for(*, user: Viewer, claims: QuerySet[Claim]) -> QuerySet[Claim]:
    """The `claims` awaiting approval that `user` may approve: proposed by someone else.

    Only reviewers approve, so anyone without the review permission gets none.
    """
    if not user.has_perm(REVIEW_PERMISSION):
        return claims.none()
    return (
        claims.filter(status=ClaimStatus.AWAITING_APPROVAL)
        .alias(proposer=last_proposer())
        .filter(Q(proposer__isnull=True) | ~Q(proposer=user.pk))
    )
