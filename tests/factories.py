from __future__ import annotations

import hashlib
from typing import Any

import factory
from django.contrib.auth import get_user_model

from factbase import detect
from factbase.ingest.store import article_addresses_add
from factbase.models import (
    Annotation,
    Article,
    Claim,
    Claimant,
    ClaimKind,
    Evidence,
    Source,
    Stance,
    claimant_name_key,
)

ARTICLE_TEXT = (
    "The city council approved a budget of $12 million on Tuesday. "
    "\u201cWe will hire 40 new teachers,\u201d Mayor Dana Ortiz said. "
    "Critics said the plan would raise taxes by 3%."
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct horse battery staple")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True

    url = factory.Sequence(lambda n: f"https://news.example.org/story-{n}")
    title = factory.Sequence(lambda n: f"Story {n}")
    publisher = "Example News"
    text = ARTICLE_TEXT
    text_sha256 = factory.LazyAttribute(lambda a: hashlib.sha256(a.text.encode()).hexdigest())
    canonical_url = factory.LazyAttribute(lambda a: a.url or "")

    @factory.post_generation
    def addresses(obj: Article, create: bool, extracted: Any, **kwargs: Any) -> None:
        """Found at its URL, as an ingested article is (annotations?uri= looks there)."""
        if create and obj.url:
            article_addresses_add(article=obj, urls=[obj.url])


class ClaimantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claimant
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Person {n}")
    name_key = factory.LazyAttribute(lambda c: claimant_name_key(c.name))


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    text = "The city council approved a budget of $12 million on Tuesday."
    kind = ClaimKind.QUANTITY
    checkworthiness = 0.8
    detector = detect.DETECTOR


def anchored_claim(
    *, article: Article | None = None, span: tuple[int, int] = (0, 61), **fields: Any
) -> Claim:
    """A claim anchored to article.text[span] (the first sentence of a new article)."""
    article = article or ArticleFactory()
    start, end = span
    fields.setdefault("text", article.text[start:end])
    claim = ClaimFactory(**fields)
    Annotation.objects.create(
        claim=claim,
        article=article,
        start=start,
        end=end,
        exact=article.text[start:end],
        prefix=article.text[max(0, start - 32) : start],
        suffix=article.text[end : end + 32],
    )
    return claim


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source
        django_get_or_create = ("url",)

    url = factory.Sequence(lambda n: f"https://evidence.example.org/doc-{n}")
    title = "A report"


class EvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evidence

    claim = factory.LazyFunction(anchored_claim)
    source = factory.SubFactory(SourceFactory)
    stance = Stance.SUPPORTS
    excerpt = "The budget was $12 million."
