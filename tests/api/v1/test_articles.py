from __future__ import annotations

from typing import Any

import pytest

from factbase.models import Annotation, Article, Claim
from tests.api.helpers import assert_problem
from tests.factories import ArticleFactory, anchored_claim

STORY = {
    "title": "Council approves flood plan",
    "url": "https://news.example.org/flood-plan",
    "publisher": "Example News",
    "published_at": "2025-04-01T09:00:00Z",
    "text": (
        "The Harbor City council voted 7-2 on Monday to spend $40 million on flood defences. "
        "Mayor Lena Ortiz said the walls would protect 12,000 homes by 2028."
    ),
}


@pytest.mark.django_db
def test_anyone_lists_articles_without_their_text(anon: Any) -> None:
    ArticleFactory.create_batch(3)
    response = anon.get("/api/v1/articles/")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"next", "previous", "results"}
    assert len(body["results"]) == 3
    assert all("text" not in a for a in body["results"])


@pytest.mark.django_db
def test_article_detail_has_text_and_only_visible_claims(
    anon: Any, client_for: Any, editor: Any, publish: Any
) -> None:
    article = ArticleFactory()
    published = publish(anchored_claim(article=article, span=(0, 61)))
    anchored_claim(article=article, span=(62, 116))
    body = anon.get(f"/api/v1/articles/{article.pk}/").json()
    assert body["text"] == article.text
    assert [c["id"] for c in body["claims"]] == [published.pk]
    desk = client_for(editor).get(f"/api/v1/articles/{article.pk}/").json()
    assert len(desk["claims"]) == 2


@pytest.mark.django_db
def test_editors_post_an_article_and_get_its_detected_claims(client_for: Any, editor: Any) -> None:
    response = client_for(editor).post("/api/v1/articles/", STORY, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["url"] == STORY["url"]
    assert body["text"] == STORY["text"]
    assert len(body["claims"]) >= 1
    for claim in body["claims"]:
        (annotation,) = claim["annotations"]
        assert body["text"][annotation["start"] : annotation["end"]] == annotation["exact"]
        assert claim["status"] == "new"
    again = client_for(editor).post("/api/v1/articles/", STORY, format="json")
    assert again.status_code == 200
    assert again.json()["id"] == body["id"]
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_anonymous_and_outsiders_cannot_post_articles(
    anon: Any, client_for: Any, outsider: Any
) -> None:
    assert_problem(anon.post("/api/v1/articles/", STORY, format="json"), 401)
    assert_problem(client_for(outsider).post("/api/v1/articles/", STORY, format="json"), 403)
    assert Article.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": ""}, "title"),
        ({"text": "   "}, "text"),
        ({"url": "not a url"}, "url"),
        ({"published_at": "yesterday"}, "published_at"),
        ({"language": "x"}, "language"),
        ({"text": "nul\x00byte"}, "text"),
    ],
)
def test_bad_articles_are_refused_and_nothing_is_stored(
    client_for: Any, editor: Any, change: dict[str, str], field: str
) -> None:
    response = client_for(editor).post("/api/v1/articles/", {**STORY, **change}, format="json")
    assert_problem(response, 400, field=field)
    assert (Article.objects.count(), Claim.objects.count(), Annotation.objects.count()) == (0, 0, 0)


@pytest.mark.django_db
def test_unknown_article_is_a_problem_404(anon: Any) -> None:
    assert_problem(anon.get("/api/v1/articles/999/"), 404)
