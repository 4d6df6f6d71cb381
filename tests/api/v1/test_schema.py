from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
import yaml
from django.core.management import call_command


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    out = StringIO()
    call_command("spectacular", "--api-version", "v1", "--validate", "--fail-on-warn", stdout=out)
    return yaml.safe_load(out.getvalue())


def test_schema_validates_without_warnings(schema: dict[str, Any]) -> None:
    assert schema["openapi"].startswith("3.")
    assert len(schema["paths"]) >= 14


def test_operation_ids_are_stable_and_readable(schema: dict[str, Any]) -> None:
    ids = sorted(
        op["operationId"]
        for item in schema["paths"].values()
        for op in item.values()
        if isinstance(op, dict) and "operationId" in op
    )
    assert ids == sorted(
        [
            "annotations_list",
            "annotations_retrieve",
            "articles_create",
            "articles_list",
            "articles_retrieve",
            "claimants_list",
            "claimants_retrieve",
            "claimreview_list",
            "claims_claimreview",
            "claims_matches",
            "external_factchecks_list",
            "external_factchecks_retrieve",
            "matches_list",
            "claims_create",
            "claims_evidence_create",
            "claims_evidence_list",
            "claims_history_list",
            "claims_list",
            "claims_partial_update",
            "claims_retrieve",
            "claims_transition",
            "evidence_destroy",
            "evidence_partial_update",
            "evidence_retrieve",
            "sources_list",
            "sources_retrieve",
        ]
    )


def test_enums_are_named_components(schema: dict[str, Any]) -> None:
    components = schema["components"]["schemas"]
    assert components["ClaimStatus"]["enum"] == [
        "new",
        "in_review",
        "awaiting_approval",
        "published",
        "dismissed",
    ]
    assert components["Verdict"]["enum"] == [
        "true",
        "mostly_true",
        "half_true",
        "mostly_false",
        "false",
        "misleading",
        "unverifiable",
    ]
    assert "quote" in components["ClaimKind"]["enum"]
    assert components["Stance"]["enum"] == ["supports", "refutes", "context"]
    assert "approve" in components["TransitionAction"]["enum"]
    assert not [name for name in components if name.endswith("Enum") and name != "NullEnum"]


def test_bearer_scheme_and_problem_responses_are_documented(schema: dict[str, Any]) -> None:
    scheme = schema["components"]["securitySchemes"]["bearerAuth"]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    patch = schema["paths"]["/api/v1/claims/{id}/"]["patch"]
    for code in ("400", "401", "403", "404", "409", "412", "428", "429"):
        assert "application/problem+json" in patch["responses"][code]["content"], code
    assert any(p["name"] == "If-Match" and p["required"] for p in patch["parameters"])


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["/api/v1/docs/", "/api/v1/redoc/"])
def test_docs_pages_load_with_no_cdn(anon: Any, page: str) -> None:
    response = anon.get(page)
    assert response.status_code == 200
    html = response.content.decode()
    for cdn in ("cdn.", "unpkg", "jsdelivr"):
        assert cdn not in html
    assert "/static/drf_spectacular_sidecar/" in html


@pytest.mark.django_db
def test_schema_is_served(anon: Any) -> None:
    response = anon.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "factbase API"


def test_public_reads_need_no_credentials_and_desk_reads_do(schema: dict[str, Any]) -> None:
    paths = schema["paths"]
    for path, method in [
        ("/api/v1/claims/", "get"),
        ("/api/v1/claims/{id}/", "get"),
        ("/api/v1/articles/", "get"),
        ("/api/v1/evidence/{id}/", "get"),
        ("/api/v1/claims/{id}/evidence/", "get"),
    ]:
        assert {} in paths[path][method]["security"], path
    for path, method in [
        ("/api/v1/claims/", "post"),
        ("/api/v1/claims/{id}/history/", "get"),
        ("/api/v1/claims/{id}/transitions/", "post"),
    ]:
        assert {} not in paths[path][method]["security"], path


def test_optional_urls_are_nullable_not_blank(schema: dict[str, Any]) -> None:
    archived = schema["components"]["schemas"]["Source"]["properties"]["archived_url"]
    assert archived["nullable"] is True


def test_the_schema_describes_the_served_claim_field_for_field(schema: dict[str, Any]) -> None:
    from api.v1 import representations

    claim = schema["components"]["schemas"]["Claim"]
    assert list(claim["properties"]) == list(representations.CLAIM_FIELDS)
    assert set(claim["required"]) == set(representations.CLAIM_FIELDS)


def test_every_operation_has_a_summary_a_description_and_a_described_tag(
    schema: dict[str, Any],
) -> None:
    tags = {t["name"]: t["description"] for t in schema["tags"]}
    for path, item in schema["paths"].items():
        for method, op in item.items():
            assert op["summary"], (path, method)
            assert op["description"], (path, method)
            assert all(tags.get(tag) for tag in op["tags"]), (path, method)
    assert schema["info"]["license"]["name"]
    assert schema["info"]["contact"]["url"]
    assert schema["servers"][0]["url"]


def test_the_annotation_list_declares_its_cursor(schema: dict[str, Any]) -> None:
    params = schema["paths"]["/api/v1/annotations/"]["get"]["parameters"]
    assert {"uri", "cursor"} <= {p["name"] for p in params}


def test_a_null_claimant_is_valid_under_a_strict_openapi_30_validator(
    schema: dict[str, Any],
) -> None:
    from openapi_schema_validator import OAS30Validator

    root = {"$ref": "#/components/schemas/Claim", "components": schema["components"]}
    validator = OAS30Validator(root)
    served = {
        "id": 1,
        "text": "The budget was $12 million.",
        "kind": "quantity",
        "claimant": None,
        "status": "new",
        "verdict": None,
        "verdict_summary": "",
        "checkworthiness": None,
        "detector": "rules",
        "annotations": [],
        "evidence_count": 0,
        "version": 1,
        "created_at": "2025-03-27T09:30:00Z",
        "updated_at": "2025-03-27T09:30:00Z",
        "published_at": None,
    }
    assert list(validator.iter_errors(served)) == []
    broken = {**served, "claimant": "Dana Ortiz"}
    assert list(validator.iter_errors(broken)) != []


def test_every_write_operation_has_request_and_response_examples(schema: dict[str, Any]) -> None:
    writes = [
        (path, method, op)
        for path, item in schema["paths"].items()
        for method, op in item.items()
        if method in ("post", "patch", "put")
    ]
    assert len(writes) == 6
    for path, method, op in writes:
        assert op["requestBody"]["content"]["application/json"]["examples"], (path, method)
        ok = [code for code in op["responses"] if code.startswith("2")]
        assert (
            any(op["responses"][code]["content"]["application/json"].get("examples") for code in ok)
            or op["operationId"] == "articles_create"
        ), (path, method)
