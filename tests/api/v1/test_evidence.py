from __future__ import annotations

from typing import Any

import pytest

from factbase.models import Evidence, Source
from tests.api.helpers import assert_problem
from tests.factories import EvidenceFactory, anchored_claim


@pytest.mark.django_db
def test_adding_evidence_finds_or_creates_its_source(client_for: Any, editor: Any) -> None:
    first, second = anchored_claim(), anchored_claim()
    client = client_for(editor)
    payload = {
        "url": "https://stats.example.gov/2024",
        "stance": "supports",
        "title": "Annual statistics",
        "publisher": "Statistics Office",
        "published_at": "2025-01-15",
        "excerpt": "Spending was $12m.",
    }
    a = client.post(f"/api/v1/claims/{first.pk}/evidence/", payload, format="json")
    b = client.post(
        f"/api/v1/claims/{second.pk}/evidence/", {**payload, "title": "Other"}, format="json"
    )
    assert (a.status_code, b.status_code) == (201, 201)
    assert a.json()["source"]["id"] == b.json()["source"]["id"]
    assert Source.objects.get().title == "Annual statistics"  # found, not overwritten
    assert a["ETag"] == '"1"'
    first.refresh_from_db()
    assert first.version == 2  # what a reviewer approves changed


@pytest.mark.django_db
def test_evidence_of_unpublished_claims_is_hidden(
    anon: Any, client_for: Any, editor: Any, publish: Any
) -> None:
    hidden = EvidenceFactory()
    shown_claim = publish(anchored_claim())
    shown = shown_claim.evidence.get()
    assert_problem(anon.get(f"/api/v1/evidence/{hidden.pk}/"), 404)
    assert_problem(anon.get(f"/api/v1/claims/{hidden.claim_id}/evidence/"), 404)
    assert anon.get(f"/api/v1/evidence/{shown.pk}/").status_code == 200
    listed = anon.get(f"/api/v1/claims/{shown_claim.pk}/evidence/").json()["results"]
    assert [e["id"] for e in listed] == [shown.pk]
    assert client_for(editor).get(f"/api/v1/evidence/{hidden.pk}/").status_code == 200


@pytest.mark.django_db
def test_evidence_patch_and_delete_need_if_match(client_for: Any, editor: Any) -> None:
    evidence = EvidenceFactory()
    client = client_for(editor)
    url = f"/api/v1/evidence/{evidence.pk}/"
    assert_problem(client.patch(url, {"stance": "refutes"}, format="json"), 428)
    assert_problem(
        client.patch(url, {"stance": "refutes"}, format="json", HTTP_IF_MATCH='"7"'), 412
    )
    assert_problem(client.delete(url), 428)
    assert_problem(client.delete(url, HTTP_IF_MATCH='"7"'), 412)
    evidence.refresh_from_db()
    assert (evidence.stance, evidence.version) == ("supports", 1)
    patched = client.patch(
        url, {"stance": "refutes", "note": "Figures revised."}, format="json", HTTP_IF_MATCH='"1"'
    )
    assert patched.status_code == 200
    assert patched["ETag"] == '"2"'
    assert patched.json()["stance"] == "refutes"
    assert client.get(url, HTTP_IF_NONE_MATCH='"2"').status_code == 304
    assert client.delete(url, HTTP_IF_MATCH='"2"').status_code == 204
    assert not Evidence.objects.exists()


@pytest.mark.django_db
def test_evidence_of_a_published_claim_is_frozen(
    client_for: Any, editor: Any, publish: Any
) -> None:
    claim = publish(anchored_claim())
    evidence = claim.evidence.get()
    client = client_for(editor)
    assert_problem(client.delete(f"/api/v1/evidence/{evidence.pk}/", HTTP_IF_MATCH='"1"'), 409)
    response = client.post(
        f"/api/v1/claims/{claim.pk}/evidence/",
        {"url": "https://late.example/", "stance": "context"},
        format="json",
    )
    assert_problem(response, 409)
    assert claim.evidence.count() == 1


@pytest.mark.django_db
def test_outsiders_cannot_write_evidence(
    client_for: Any, outsider: Any, anon: Any, publish: Any
) -> None:
    hidden = EvidenceFactory()
    evidence = publish(anchored_claim()).evidence.get()
    # Anonymous writes are a 401 before any lookup; for an outsider the claim is invisible.
    for client, status in ((anon, 401), (client_for(outsider), 404)):
        response = client.post(
            f"/api/v1/claims/{hidden.claim_id}/evidence/",
            {"url": "https://x.example/", "stance": "context"},
            format="json",
        )
        assert_problem(response, status)
    for client, status in ((anon, 401), (client_for(outsider), 403)):
        response = client.post(
            f"/api/v1/claims/{evidence.claim_id}/evidence/",
            {"url": "https://x.example/", "stance": "context"},
            format="json",
        )
        assert_problem(response, status)
        assert_problem(
            client.delete(f"/api/v1/evidence/{evidence.pk}/", HTTP_IF_MATCH='"1"'), status
        )
    assert Evidence.objects.count() == 2


@pytest.mark.django_db
def test_a_source_without_archive_serves_null(anon: Any, publish: Any) -> None:
    publish(anchored_claim())
    (source,) = anon.get("/api/v1/sources/").json()["results"]
    assert source["archived_url"] is None
