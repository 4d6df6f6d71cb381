"""Client addresses: rate limits and login lockouts key on the real caller, not on a header.

Issue 9 findings 9 and 10: a forged `X-Forwarded-For` used to evade the anonymous rate
limit (a random value per request) and to throttle another address (the victim's value),
and five wrong passwords for a username from anywhere locked its owner out. One function,
`factbase.web.client_ip`, now names the caller for DRF's throttles and for django-axes;
it believes `X-Forwarded-For` only from `FACTBASE_TRUSTED_PROXIES`.
"""

from __future__ import annotations

import ipaddress
import itertools
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory

from api.throttling import AnonThrottle, TokenThrottle
from factbase.web import client_ip
from tests.factories import UserFactory

CLAIMS = "/api/v1/claims/"
LOGIN = "/admin/login/"
ATTACKER = "203.0.113.66"
VICTIM = "198.51.100.7"
PROXY = "10.0.0.2"


def _trust(settings: Any, *networks: str) -> None:
    settings.FACTBASE_TRUSTED_PROXIES = [ipaddress.ip_network(n) for n in networks]


@pytest.fixture
def throttled(settings: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Throttling on, at 3 requests a minute for anonymous callers."""
    settings.FACTBASE_THROTTLING = True
    rates = {"anon": "3/min", "user": "3/min"}
    monkeypatch.setattr(AnonThrottle, "THROTTLE_RATES", rates)
    monkeypatch.setattr(TokenThrottle, "THROTTLE_RATES", rates)
    cache.clear()
    yield
    cache.clear()


# -- the one function ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("trusted", "remote", "forwarded", "expected"),
    [
        # No proxy trusted: the header is the caller's own words, never believed.
        ((), ATTACKER, VICTIM, ATTACKER),
        ((), PROXY, "192.0.2.1", PROXY),
        # A trusted proxy: the right-most address it did not add itself.
        (("10.0.0.0/8",), PROXY, "192.0.2.1", "192.0.2.1"),
        (("10.0.0.0/8",), PROXY, "6.6.6.6, 192.0.2.1", "192.0.2.1"),
        (("10.0.0.0/8",), PROXY, "6.6.6.6, 192.0.2.1, 10.1.1.1", "192.0.2.1"),
        (("10.0.0.0/8",), PROXY, " 2001:db8::1 ", "2001:db8::1"),
        # A caller not behind the proxy cannot use the header either.
        (("10.0.0.0/8",), ATTACKER, VICTIM, ATTACKER),
        # Nothing forwarded, or garbage: the proxy's own address, never the garbage.
        (("10.0.0.0/8",), PROXY, None, PROXY),
        (("10.0.0.0/8",), PROXY, "unknown", PROXY),
        (("10.0.0.0/8",), PROXY, "192.0.2.1, <script>", PROXY),
        # Only proxies in the chain: the left-most of them.
        (("10.0.0.0/8",), PROXY, "10.9.9.9, 10.1.1.1", "10.9.9.9"),
    ],
)
def test_client_ip_believes_forwarded_for_only_from_trusted_proxies(
    settings: Any, trusted: tuple[str, ...], remote: str, forwarded: str | None, expected: str
) -> None:
    _trust(settings, *trusted)
    headers = {} if forwarded is None else {"HTTP_X_FORWARDED_FOR": forwarded}
    request = RequestFactory().get(CLAIMS, REMOTE_ADDR=remote, **headers)
    assert client_ip(request) == expected


# -- DRF throttles -------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.usefixtures("throttled")
def test_a_random_forwarded_header_per_request_does_not_evade_the_limit(settings: Any) -> None:
    _trust(settings)
    client = Client(REMOTE_ADDR=ATTACKER)
    statuses = [
        client.get(CLAIMS, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}").status_code for n in range(5)
    ]
    assert statuses == [200, 200, 200, 429, 429]


@pytest.mark.django_db
@pytest.mark.usefixtures("throttled")
def test_a_forged_forwarded_header_does_not_throttle_another_address(settings: Any) -> None:
    _trust(settings)
    attacker = Client(REMOTE_ADDR=ATTACKER)
    forged = [attacker.get(CLAIMS, HTTP_X_FORWARDED_FOR=VICTIM).status_code for _ in range(4)]
    assert forged == [200, 200, 200, 429]
    assert Client(REMOTE_ADDR=VICTIM).get(CLAIMS).status_code == 200


@pytest.mark.django_db
@pytest.mark.usefixtures("throttled")
def test_behind_a_trusted_proxy_each_reader_has_their_own_limit(settings: Any) -> None:
    _trust(settings, "10.0.0.0/8")
    proxy = Client(REMOTE_ADDR=PROXY)
    first = [proxy.get(CLAIMS, HTTP_X_FORWARDED_FOR=ATTACKER).status_code for _ in range(4)]
    assert first == [200, 200, 200, 429]
    # Another reader through the same proxy is not throttled by the first one ...
    assert proxy.get(CLAIMS, HTTP_X_FORWARDED_FOR=VICTIM).status_code == 200
    # ... and the first cannot escape by prepending addresses of its own.
    spoofed = proxy.get(CLAIMS, HTTP_X_FORWARDED_FOR=f"192.0.2.99, {ATTACKER}")
    assert spoofed.status_code == 429


# -- django-axes ---------------------------------------------------------------------------


@pytest.fixture
def victim(db: None) -> Any:
    return UserFactory(username="victim", password="the-right-password", is_staff=True)


def _login(client: Client, username: str, password: str, **headers: str) -> int:
    response = client.post(LOGIN, {"username": username, "password": password}, **headers)
    if response.status_code == 302:
        return 302  # logged in: the admin redirects to its index
    if response.status_code == 200:
        return 200  # the form again: a wrong password
    return int(response.status_code)  # axes' lockout answer


def test_five_wrong_passwords_from_elsewhere_do_not_lock_the_owner_out(
    victim: Any, settings: Any
) -> None:
    _trust(settings)
    attacker = Client(REMOTE_ADDR=ATTACKER)
    tries = [_login(attacker, "victim", f"guess-{n}") for n in range(6)]
    assert tries[:4] == [200] * 4
    assert tries[4:] == [429, 429]  # the (victim, attacker's address) pair is locked
    # The right password from the attacker's address is refused too: the pair is locked ...
    assert _login(attacker, "victim", "the-right-password") == 429
    # ... but the owner, from their own address, logs in.
    assert _login(Client(REMOTE_ADDR=VICTIM), "victim", "the-right-password") == 302


def test_an_address_trying_many_usernames_is_locked(victim: Any, settings: Any) -> None:
    _trust(settings)
    limit = settings.FACTBASE_LOGIN_ADDRESS_FAILURE_LIMIT
    assert limit > settings.AXES_FAILURE_LIMIT
    sprayer = Client(REMOTE_ADDR=ATTACKER)
    # One guess per username never reaches the per-pair limit ...
    names = (f"user{n}" for n in itertools.count())
    tries = [_login(sprayer, next(names), "Winter2026!") for _ in range(limit)]
    assert tries[: limit - 1] == [200] * (limit - 1)
    # ... but the address as a whole is locked at its own limit, for any username.
    assert tries[-1] == 429
    assert _login(sprayer, "victim", "the-right-password") == 429
    # Everyone else is untouched.
    assert _login(Client(REMOTE_ADDR=VICTIM), "victim", "the-right-password") == 302


def test_behind_a_trusted_proxy_the_lockout_keys_on_the_forwarded_caller(
    victim: Any, settings: Any
) -> None:
    _trust(settings, "10.0.0.0/8")
    proxy = Client(REMOTE_ADDR=PROXY)
    tries = [_login(proxy, "victim", f"guess-{n}", HTTP_X_FORWARDED_FOR=ATTACKER) for n in range(5)]
    assert tries[-1] == 429
    owner = _login(proxy, "victim", "the-right-password", HTTP_X_FORWARDED_FOR=VICTIM)
    assert owner == 302


def test_without_a_trusted_proxy_a_forged_header_does_not_choose_the_locked_pair(
    victim: Any, settings: Any
) -> None:
    _trust(settings)
    attacker = Client(REMOTE_ADDR=ATTACKER)
    for n in range(5):
        _login(attacker, "victim", f"guess-{n}", HTTP_X_FORWARDED_FOR=VICTIM)
    assert _login(Client(REMOTE_ADDR=VICTIM), "victim", "the-right-password") == 302
