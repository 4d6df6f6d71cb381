"""Settings read from the environment fail loudly on values they do not understand."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from factbase.settings import env_bool, env_networks, env_public_url


def _start(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Start Django in a fresh interpreter with these variables, as a server would."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "FACTBASE_"))}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=settings.BASE_DIR,
        env=clean | {"DJANGO_SETTINGS_MODULE": "factbase.settings"} | env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1", True),
        ("true", True),
        (" Yes ", True),
        ("ON", True),
        ("0", False),
        ("false", False),
        ("No", False),
        ("off", False),
    ],
)
def test_env_bool_reads_the_usual_spellings(
    monkeypatch: pytest.MonkeyPatch, raw: str, expected: bool
) -> None:
    monkeypatch.setenv("FACTBASE_TEST_FLAG", raw)
    assert env_bool("FACTBASE_TEST_FLAG", not expected) is expected


@pytest.mark.parametrize("raw", [None, ""])
def test_env_bool_unset_or_empty_is_the_default(
    monkeypatch: pytest.MonkeyPatch, raw: str | None
) -> None:
    if raw is None:
        monkeypatch.delenv("FACTBASE_TEST_FLAG", raising=False)
    else:
        monkeypatch.setenv("FACTBASE_TEST_FLAG", raw)
    assert env_bool("FACTBASE_TEST_FLAG", True) is True
    assert env_bool("FACTBASE_TEST_FLAG", False) is False


@pytest.mark.parametrize("raw", ["ture", "flase", "2", "enabled", "y e s"])
def test_env_bool_refuses_a_value_it_does_not_know(
    monkeypatch: pytest.MonkeyPatch, raw: str
) -> None:
    monkeypatch.setenv("FACTBASE_TEST_FLAG", raw)
    with pytest.raises(ImproperlyConfigured, match="FACTBASE_TEST_FLAG"):
        env_bool("FACTBASE_TEST_FLAG", False)


def test_a_typo_in_django_debug_stops_startup_naming_the_variable() -> None:
    result = _start({"DJANGO_DEBUG": "ture"})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_DEBUG" in result.stderr
    assert "'ture'" in result.stderr


def test_django_starts_with_a_known_value() -> None:
    result = _start({"DJANGO_DEBUG": "false"})
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("", []),
        ("10.0.0.1", ["10.0.0.1/32"]),
        ("10.0.0.0/8, ::1", ["10.0.0.0/8", "::1/128"]),
    ],
)
def test_trusted_proxies_are_addresses_or_networks(
    monkeypatch: pytest.MonkeyPatch, raw: str, expected: list[str]
) -> None:
    monkeypatch.setenv("FACTBASE_TEST_NETS", raw)
    assert [str(net) for net in env_networks("FACTBASE_TEST_NETS")] == expected


@pytest.mark.parametrize("raw", ["proxy.example.org", "10.0.0.300", "10.0.0.1/8"])
def test_a_trusted_proxy_that_is_no_address_stops_startup(
    monkeypatch: pytest.MonkeyPatch, raw: str
) -> None:
    monkeypatch.setenv("FACTBASE_TEST_NETS", raw)
    with pytest.raises(ImproperlyConfigured, match="FACTBASE_TEST_NETS"):
        env_networks("FACTBASE_TEST_NETS")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("", ""),
        ("https://factbase.example.org", "https://factbase.example.org"),
        ("https://factbase.example.org/", "https://factbase.example.org"),
        ("http://127.0.0.1:8000", "http://127.0.0.1:8000"),
    ],
)
def test_the_public_url_is_an_origin(
    monkeypatch: pytest.MonkeyPatch, raw: str, expected: str
) -> None:
    monkeypatch.setenv("FACTBASE_TEST_URL", raw)
    assert env_public_url("FACTBASE_TEST_URL") == expected


@pytest.mark.parametrize(
    "raw",
    ["factbase.example.org", "ftp://factbase.example.org", "https://x.org/factbase", "https://"],
)
def test_a_public_url_that_is_no_origin_stops_startup(
    monkeypatch: pytest.MonkeyPatch, raw: str
) -> None:
    monkeypatch.setenv("FACTBASE_TEST_URL", raw)
    with pytest.raises(ImproperlyConfigured, match="FACTBASE_TEST_URL"):
        env_public_url("FACTBASE_TEST_URL")
