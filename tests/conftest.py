from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import settings as hypothesis_settings
from knox.models import AuthToken
from rest_framework.test import APIClient

from factbase.roles import ensure_editorial_groups
from tests.budget import FAST, examples
from tests.factories import UserFactory

# Every API response a test receives is validated against the OpenAPI document.
pytest_plugins = ["tests.openapi_contract"]

# Properties without their own count: Hypothesis's 100 examples, a tenth in make test-fast.
hypothesis_settings.register_profile("fast", max_examples=examples(100))
if FAST:
    hypothesis_settings.load_profile("fast")


@pytest.fixture(autouse=True)
def _fast_and_unthrottled(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.FACTBASE_THROTTLING = False


def _member(group: str, username: str) -> Any:
    user = UserFactory(username=username, is_staff=True)
    user.groups.add(ensure_editorial_groups()[group])
    return user


@pytest.fixture
def editor(db: None) -> Any:
    return _member("editors", "ed")


@pytest.fixture
def other_editor(db: None) -> Any:
    return _member("editors", "edna")


@pytest.fixture
def reviewer(db: None) -> Any:
    return _member("reviewers", "rev")


@pytest.fixture
def other_reviewer(db: None) -> Any:
    return _member("reviewers", "rhea")


@pytest.fixture
def outsider(db: None) -> Any:
    """Logged in, but in no editorial group."""
    return UserFactory(username="out")


@pytest.fixture
def anon() -> APIClient:
    return APIClient()


@pytest.fixture
def client_for(db: None) -> Callable[[Any], APIClient]:
    """An API client that sends `Authorization: Bearer <token>` for the user."""

    def make(user: Any) -> APIClient:
        _, token = AuthToken.objects.create(user=user)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
        return client

    return make


@pytest.fixture
def publish(editor: Any, reviewer: Any) -> Callable[[Any], Any]:
    """Walk a claim through the workflow to published, as editor and reviewer would."""
    from factbase import review
    from tests.factories import EvidenceFactory

    def walk(claim: Any, verdict: str = "mostly_true") -> Any:
        EvidenceFactory(claim=claim)
        claim = review.claim_transition(claim=claim, actor=editor, action="start_review")
        claim = review.claim_transition(
            claim=claim, actor=editor, action="propose", verdict=verdict, summary="Checked."
        )
        return review.claim_transition(
            claim=claim, actor=reviewer, action="approve", expected_version=claim.version
        )

    return walk
