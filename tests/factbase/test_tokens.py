from __future__ import annotations

from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from knox.models import AuthToken
from rest_framework.test import APIClient


def token_for(username: str, *args: str) -> str:
    out = StringIO()
    call_command("create_token", username, *args, stdout=out, stderr=StringIO())
    return out.getvalue().strip().splitlines()[-1]


@pytest.mark.django_db
def test_create_token_prints_a_working_token_stored_only_hashed(editor: Any) -> None:
    token = token_for(editor.username)
    stored = AuthToken.objects.get(user=editor)
    assert token not in (stored.digest, stored.token_key)
    assert len(stored.digest) == 128  # sha512 hex
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    response = client.get("/api/v1/claims/", {"status": "new"})
    assert response.status_code == 200


@pytest.mark.django_db
def test_expired_and_revoked_tokens_are_refused(editor: Any) -> None:
    expired, revoked = token_for(editor.username), token_for(editor.username)
    first, second = AuthToken.objects.order_by("created")
    AuthToken.objects.filter(pk=first.pk).update(expiry=timezone.now() - timedelta(seconds=1))
    second.delete()
    for token in (expired, revoked):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
        assert client.get("/api/v1/claims/").status_code == 401


@pytest.mark.django_db
def test_create_token_names_unknown_users(db: None) -> None:
    with pytest.raises(CommandError, match="No user named 'ghost'"):
        token_for("ghost")
