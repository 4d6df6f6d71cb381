"""Deployment: Django's deploy checks with production values, and rate limits."""

from __future__ import annotations

import json
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.cache import cache
from rest_framework.test import APIClient

from api.throttling import AnonThrottle, TokenThrottle
from tests.reliability.conftest import Figures

# Each case starts a fresh Django process (manage.py check --deploy): about a second each.
pytestmark = pytest.mark.slow

# What a production deployment sets (README "Reliability"): every value the deploy checks
# look at. HSTS subdomains and preload are part of it: without them `check --deploy` warns
# (security.W005, W021) once HSTS is on.
PRODUCTION = {
    "DJANGO_SECRET_KEY": "",  # a fresh random one per run, below
    "DJANGO_DEBUG": "0",
    "DJANGO_ALLOWED_HOSTS": "factbase.example.org",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://factbase.example.org",
    "DJANGO_SECURE_SSL_REDIRECT": "1",
    "DJANGO_SECURE_HSTS_SECONDS": "31536000",
    "DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
    "DJANGO_SECURE_HSTS_PRELOAD": "1",
    "DJANGO_SESSION_COOKIE_SECURE": "1",
    "DJANGO_CSRF_COOKIE_SECURE": "1",
}


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    import os

    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "FACTBASE_"))}
    return subprocess.run(
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env=clean | {"DATABASE_URL": "sqlite:///:memory:"} | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_deploy_check_passes_with_production_values(figures: Figures) -> None:
    env = PRODUCTION | {"DJANGO_SECRET_KEY": secrets.token_urlsafe(64)}
    result = manage("manage.py", "check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout
    figures.add(
        "deploy",
        check="`manage.py check --deploy --fail-level WARNING`, production values",
        outcome="passes: " + result.stdout.strip().splitlines()[-1],
    )


def test_the_deploy_check_fails_with_development_defaults(figures: Figures) -> None:
    result = manage("manage.py", "check", "--deploy", "--fail-level", "WARNING", env={})
    assert result.returncode != 0
    found = sorted({w for w in result.stderr.split() if w.startswith("(security.")})
    assert "(security.W009)" in found  # the development secret key
    figures.add(
        "deploy",
        check="the same check with the development defaults",
        outcome="fails, as it must: " + " ".join(w.strip("()") for w in found),
    )


# The hosts and trusted origins are not security checks of `check --deploy`: their
# defaults are a local list the checks accept.
CHECKED = sorted(set(PRODUCTION) - {"DJANGO_ALLOWED_HOSTS", "DJANGO_CSRF_TRUSTED_ORIGINS"})


@pytest.mark.parametrize("missing", CHECKED)
def test_the_deploy_check_fails_without_each_production_value(missing: str) -> None:
    env = PRODUCTION | {"DJANGO_SECRET_KEY": secrets.token_urlsafe(64)}
    env.pop(missing)
    if missing == "DJANGO_DEBUG":
        env["DJANGO_DEBUG"] = "1"
    result = manage("manage.py", "check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode != 0, missing


@pytest.fixture
def throttled(settings: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Throttling on, at 5 requests a minute for anonymous callers and for each token."""
    settings.FACTBASE_THROTTLING = True
    rates = {"anon": "5/min", "user": "5/min"}
    monkeypatch.setattr(AnonThrottle, "THROTTLE_RATES", rates)
    monkeypatch.setattr(TokenThrottle, "THROTTLE_RATES", rates)
    cache.clear()
    yield
    cache.clear()


def _until_throttled(api: APIClient, url: str) -> tuple[list[int], Any]:
    statuses = [api.get(url).status_code for _ in range(5)]
    return statuses, api.get(url)


@pytest.mark.django_db
@pytest.mark.usefixtures("throttled")
@pytest.mark.parametrize("caller", ["anonymous", "token"])
def test_callers_over_the_rate_get_429_with_retry_after(
    caller: str, client_for: Any, editor: Any, figures: Figures
) -> None:
    api = client_for(editor) if caller == "token" else APIClient()
    statuses, response = _until_throttled(api, "/api/v1/claims/")
    assert statuses == [200] * 5
    assert response.status_code == 429
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["status"] == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    if caller == "token":
        # The limit is per token holder: another user's token is not throttled.
        other = client_for(type(editor).objects.create(username="fresh-token-holder"))
        assert other.get("/api/v1/claims/").status_code == 200
    figures.add(
        "deploy",
        check=f"{caller} caller at 5/min: 6 requests",
        outcome=f"5x 200, then 429 problem+json with Retry-After: {response['Retry-After']}",
    )


THROTTLE_SCRIPT = """
import django, json
django.setup()
from django.test import Client
client = Client()
print(json.dumps([client.get("/api/v1/redoc/").status_code for _ in range(5)]))
"""


@pytest.mark.parametrize(
    ("switch", "expected"), [("1", [200, 200, 429, 429, 429]), ("0", [200] * 5)]
)
def test_factbase_throttling_0_turns_the_rate_limits_off(
    switch: str, expected: list[int], figures: Figures
) -> None:
    env = {
        "DJANGO_SETTINGS_MODULE": "factbase.settings",
        "FACTBASE_THROTTLING": switch,
        "FACTBASE_THROTTLE_ANON": "2/min",
    }
    result = manage("-c", THROTTLE_SCRIPT, env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    statuses = json.loads(result.stdout.strip().splitlines()[-1])
    assert statuses == expected
    figures.add(
        "deploy",
        check=f"FACTBASE_THROTTLING={switch}, FACTBASE_THROTTLE_ANON=2/min: 5 requests",
        outcome=", ".join(map(str, statuses)),
    )


def test_the_readme_documents_the_deploy_values_and_throttling() -> None:
    readme = (Path(settings.BASE_DIR) / "README.md").read_text(encoding="utf-8")
    for needle in [
        "check --deploy --fail-level WARNING",
        "FACTBASE_THROTTLING",
        "Retry-After",
        *PRODUCTION,
    ]:
        assert needle in readme, needle
