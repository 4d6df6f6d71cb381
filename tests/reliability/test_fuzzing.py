"""Schema-driven fuzzing: schemathesis 4 against a live server on PostgreSQL.

The database holds the seed article and its curated fact-checks (so links, ids and the
stateful phase have real data), and the fuzzer runs once with an editor's token and once
anonymous, through every phase. Its configuration, with each exclusion and its reason:

- phases: examples, coverage, fuzzing and stateful, all on. The schema carries no
  examples, so the examples phase has nothing to send (it reports "skip").
- checks: exactly the nine below; no others (positive_data_acceptance,
  missing_required_header, unsupported_method, max_response_time, ... are off).
- negative_data_rejection accepts 412 and 413 as refusals besides its defaults: a request
  with a stale or garbled If-Match is refused before its body is read (RFC 9110 13.2.2
  evaluates preconditions first), and a body over the size limit is refused as such.
  Nothing is stored in either case.
- generation: positive and negative data, NUL bytes allowed, a fixed seed, deterministic,
  no example database and no cache (nothing is replayed from, or written to, disk).

Known bugs (conftest.BUGS) do not fail the run: a run whose every failure is a known bug
is an xfail naming them, and any other failure fails the test.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from django.conf import settings
from django.core.management import call_command
from hypothesis.configuration import set_hypothesis_home_dir
from rest_framework.test import APIClient
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import Status, events
from schemathesis.engine import from_schema as engine_for

from tests.reliability.conftest import BUGS, Figures, World, member

SEED = 20_251_124
MAX_EXAMPLES = 40
MIN_CASES = 1_000  # a run; the two runs together must send at least 2,000
REFUSALS = ["400", "401", "403", "404", "405", "406", "409", "412", "413", "415", "422", "428"]
CHECKS = [
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
    "response_headers_conformance",
    "negative_data_rejection",
    "ignored_auth",
    "use_after_free",
    "ensure_resource_availability",
]


def fuzz_config(base_url: str, token: str | None) -> SchemathesisConfig:
    return SchemathesisConfig.from_dict(
        {
            "seed": SEED,
            "base-url": base_url,
            "headers": {"Authorization": f"Bearer {token}"} if token else {},
            "workers": 1,
            # No cache: a run must not replay what an earlier one found (nor write files).
            "cache": {"enabled": False},
            "generation": {
                "mode": "all",
                "max-examples": MAX_EXAMPLES,
                "allow-x00": True,
                "database": "none",
                "deterministic": True,
            },
            "phases": {
                "examples": {"enabled": True},
                "coverage": {"enabled": True},
                "fuzzing": {"enabled": True},
                "stateful": {"enabled": True},
            },
            "checks": {
                "enabled": False,
                **{name: {"enabled": True} for name in CHECKS},
                "negative_data_rejection": {"enabled": True, "expected-statuses": REFUSALS},
            },
        }
    )


def seed_database() -> None:
    base = Path(settings.BASE_DIR)
    call_command("ingest", str(base / "seeds"), stdout=StringIO())
    call_command("load_factchecks", str(base / "fixtures"), stdout=StringIO())


# Failures already explained by a bug in conftest.BUGS: (check, operation) -> bug id.
# Empty: every failure the fuzzer found so far has been fixed.
FUZZ_KNOWN: dict[tuple[str, str], str] = {}


def known_bug(check: str, case: Any) -> str | None:
    """The conftest.BUGS id a failure is an instance of, or None for a new failure."""
    return FUZZ_KNOWN.get((check, case.operation.label))


def run_fuzzer(base_url: str, token: str | None) -> dict[str, Any]:
    schema = schemathesis.openapi.from_url(
        f"{base_url}/api/v1/schema/", config=fuzz_config(base_url, token)
    )
    cases: Counter[str] = Counter()
    failures: Counter[tuple[str, str, str]] = Counter()
    unknown: list[str] = []
    errors: list[str] = []
    started = time.monotonic()
    for event in engine_for(schema).execute():
        if isinstance(event, events.ScenarioFinished) and event.is_test_scenario:
            cases[event.phase.value] += len(event.recorder.cases)
            for case_id, checks in event.recorder.checks.items():
                for check in checks:
                    if check.status != Status.FAILURE or check.failure_info is None:
                        continue
                    case = event.recorder.cases[case_id].value
                    failure = check.failure_info.failure
                    bug = known_bug(check.name, case)
                    failures[check.name, case.operation.label, bug or "NEW"] += 1
                    if bug is None:
                        unknown.append(
                            f"{check.name}: {failure.title}\n{failure.message}\n"
                            f"{check.failure_info.code_sample}"
                        )
        elif isinstance(event, events.NonFatalError | events.FatalError):
            errors.append(str(getattr(event, "info", event)))
    return {
        "cases": cases,
        "failures": failures,
        "unknown": unknown,
        "errors": errors,
        "seconds": time.monotonic() - started,
    }


# Once, on PostgreSQL only: the engine that reports NUL bytes, types and ranges that
# SQLite silently accepts, so a second engine would double the time and find nothing new.
@pytest.mark.fuzz
@pytest.mark.slow
@pytest.mark.postgres(reason="the fuzzer hunts what SQLite hides: NUL bytes, types, ranges")
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("caller", ["editor", "anonymous"])
def test_the_schema_fuzzer_finds_no_failure(
    caller: str, live_server: Any, token_for: Any, figures: Figures, tmp_path: Path
) -> None:
    # Refused requests are the point here; the log keeps server errors only.
    logging.getLogger("django.request").setLevel(logging.ERROR)
    # Hypothesis keeps caches (Unicode tables, constants) in ./.hypothesis/ otherwise.
    set_hypothesis_home_dir(tmp_path / "hypothesis")
    seed_database()
    token = token_for(member("editors", "fuzz-editor")) if caller == "editor" else None
    result = run_fuzzer(live_server.url, token)
    cases = result["cases"]
    known = sorted({bug for (_, _, bug) in result["failures"] if bug != "NEW"})
    figures.add(
        "fuzz",
        caller=caller,
        seed=SEED,
        **{phase: cases[phase] for phase in ("examples", "coverage", "fuzzing", "stateful")},
        cases=sum(cases.values()),
        failures=sum(result["failures"].values()),
        new=len(result["unknown"]),
        **{"known bugs": ", ".join(known) or "none"},
        seconds=round(result["seconds"]),
    )
    figures.note(
        "fuzz",
        f"Checks: {', '.join(CHECKS)}. negative_data_rejection also counts 412 and 413 as "
        "refusals (a stale If-Match or an oversized body is refused before the body is "
        "read). The examples phase sends the examples the schema documents. "
        f"Generation: positive and negative, NUL bytes allowed, seed {SEED}, "
        f"{MAX_EXAMPLES} examples an operation, no cache. Each run must send {MIN_CASES}+ "
        "cases; the two runs together above 2,000.",
    )
    for (check, operation, bug), count in sorted(result["failures"].items()):
        figures.add(
            "fuzz-failures", caller=caller, check=check, operation=operation, bug=bug, cases=count
        )
    for bug in known:
        figures.bug(BUGS[bug])
    assert result["errors"] == [], result["errors"][:5]
    assert result["unknown"] == [], "\n\n".join(result["unknown"][:20])
    assert sum(cases.values()) >= MIN_CASES
    for phase in ("coverage", "fuzzing", "stateful"):
        assert cases[phase] > 0, (phase, cases)
    runs = figures.sections["fuzz"]
    if {run["caller"] for run in runs} == {"editor", "anonymous"}:
        assert sum(run["cases"] for run in runs) >= 2_000
    if known:
        pytest.xfail("; ".join(BUGS[bug] for bug in known))


# The contract bugs the fuzzer found, each pinned down without running it (fixed in f79bc0d)


def openapi(api: APIClient) -> dict[str, Any]:
    return api.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()


@pytest.mark.django_db
def test_every_source_url_served_matches_the_schema(world: World, anon: APIClient) -> None:
    from jsonschema import FormatChecker

    properties = openapi(anon)["components"]["schemas"]["Source"]["properties"]
    uris = [name for name, prop in properties.items() if prop.get("format") == "uri"]
    assert uris
    checker = FormatChecker()
    served = anon.get("/api/v1/sources/").json()["results"]
    assert served
    for source in served:
        for name in uris:
            value, prop = source[name], properties[name]
            if value is None:
                assert prop.get("nullable"), (name, prop)
            else:
                assert checker.conforms(value, "uri"), (name, value)


@pytest.mark.django_db
def test_an_empty_filter_value_is_refused_or_declared_empty_in_the_schema(
    world: World, anon: APIClient
) -> None:
    operation = openapi(anon)["paths"]["/api/v1/claims/"]["get"]
    filters = [p for p in operation["parameters"] if p["in"] == "query"]
    strict = [
        p["name"]
        for p in filters
        if (p["schema"].get("enum") or p["schema"].get("format") or p["schema"]["type"] != "string")
        and not p.get("allowEmptyValue")
    ]
    assert "status" in strict
    accepted = [name for name in strict if anon.get(f"/api/v1/claims/?{name}=").status_code < 400]
    assert accepted == []


@pytest.mark.django_db
@pytest.mark.parametrize("uri", ["not%20an%20address", "ftp://x.example/a", "/relative/path"])
def test_an_annotations_uri_that_is_not_a_web_address_is_refused(
    uri: str, world: World, anon: APIClient
) -> None:
    parameter = next(
        p
        for p in openapi(anon)["paths"]["/api/v1/annotations/"]["get"]["parameters"]
        if p["name"] == "uri"
    )
    response = anon.get(f"/api/v1/annotations/?uri={uri}")
    assert response.status_code == 400 or parameter["schema"].get("format") != "uri"
