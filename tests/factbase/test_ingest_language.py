"""Articles not in English are stored, and say why no claims were detected in them."""

from __future__ import annotations

from typing import Any

import pytest

from factbase.ingest import article_ingest, clean_article
from factbase.models import Claim

FRENCH = (
    "Le président a déclaré mardi que le gouvernement allait consacrer deux milliards "
    "d'euros supplémentaires à l'aide militaire. Selon le ministère, le budget de la "
    "défense a augmenté de 40 % depuis 2017, et la France compte former 3 000 soldats."
)
ENGLISH = (
    "The mayor said on Tuesday that the city would spend $12 million on new schools. "
    "According to the council, the budget has grown by 40% since 2017."
)


@pytest.mark.django_db
def test_an_article_in_french_is_stored_without_running_the_english_rules() -> None:
    result = article_ingest(data=clean_article(title="Défense", text=FRENCH))
    article = result.article
    assert (article.language, result.claims) == ("fr", 0)
    assert "'fr'" in article.detection_skipped
    assert not Claim.objects.exists()


@pytest.mark.django_db
def test_an_english_article_without_a_language_is_read_as_english_and_detected() -> None:
    result = article_ingest(data=clean_article(title="Schools", text=ENGLISH))
    assert (result.article.language, result.article.detection_skipped) == ("en", "")
    assert result.claims > 0


@pytest.mark.django_db
def test_a_language_given_explicitly_wins_over_the_guess() -> None:
    result = article_ingest(data=clean_article(title="Schools", text=ENGLISH, language="de"))
    assert (result.article.language, result.claims) == ("de", 0)
    assert "'de'" in result.article.detection_skipped


@pytest.mark.django_db
def test_the_api_says_why_a_posted_article_has_no_claims(client_for: Any, editor: Any) -> None:
    api = client_for(editor)
    response = api.post("/api/v1/articles/", {"title": "Défense", "text": FRENCH}, format="json")
    assert response.status_code == 201, response.json()
    article = api.get(f"/api/v1/articles/{response.json()['id']}/").json()
    assert article["language"] == "fr"
    assert article["claims"] == []
    assert "English only" in article["detection_skipped"]
