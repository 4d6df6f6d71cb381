"""If-Match as RFC 9110 section 13.1.1 reads it, on every write that takes one.

`*` matches any current representation, a list matches when any of its ETags does, a
weak ETag never matches for a write, and no precondition at all is still a 428. The one
exception is approve: the four-eyes rule means approving exactly the version proposed,
so it must name that version; `*` (or a list) is refused with a problem saying why.
"""

from __future__ import annotations

from typing import Any

import pytest

from factbase import review
from factbase.models import Claim
from tests.api.helpers import assert_problem
from tests.factories import EvidenceFactory, anchored_claim


@pytest.fixture
def in_review(db: None, editor: Any) -> Claim:
    claim = anchored_claim()
    return review.claim_transition(claim=claim, actor=editor, action="start_review")


def patch(client: Any, claim: Claim, if_match: str | None) -> Any:
    headers = {} if if_match is None else {"HTTP_IF_MATCH": if_match}
    return client.patch(
        f"/api/v1/claims/{claim.pk}/", {"text": "Edited text."}, format="json", **headers
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "header",
    ["*", " * ", '"{v}"', '"999", "{v}"', '"{v}","998"', 'W/"1", "{v}"'],
)
def test_if_match_star_or_a_list_naming_the_current_version_lets_the_edit_proceed(
    client_for: Any, editor: Any, in_review: Claim, header: str
) -> None:
    response = patch(client_for(editor), in_review, header.format(v=in_review.version))
    assert response.status_code == 200, response.content
    assert response.json()["text"] == "Edited text."
    assert response["ETag"] == f'"{in_review.version + 1}"'


@pytest.mark.django_db
@pytest.mark.parametrize("header", ['W/"{v}"', '"999"', '"997", "998"', 'W/"{v}", "998"'])
def test_a_weak_or_stale_if_match_is_412_and_changes_nothing(
    client_for: Any, editor: Any, in_review: Claim, header: str
) -> None:
    response = patch(client_for(editor), in_review, header.format(v=in_review.version))
    assert_problem(response, 412)
    in_review.refresh_from_db()
    assert in_review.text != "Edited text."


@pytest.mark.django_db
def test_no_precondition_is_still_428(client_for: Any, editor: Any, in_review: Claim) -> None:
    assert_problem(patch(client_for(editor), in_review, None), 428)


@pytest.mark.django_db
def test_star_works_for_evidence_edits_and_deletes(
    client_for: Any, editor: Any, in_review: Claim
) -> None:
    desk = client_for(editor)
    evidence = EvidenceFactory(claim=in_review)
    edited = desk.patch(
        f"/api/v1/evidence/{evidence.pk}/", {"note": "Checked."}, format="json", HTTP_IF_MATCH="*"
    )
    assert edited.status_code == 200, edited.content
    weak = desk.delete(
        f"/api/v1/evidence/{evidence.pk}/", HTTP_IF_MATCH=f'W/"{evidence.version + 1}"'
    )
    assert_problem(weak, 412)
    assert desk.delete(f"/api/v1/evidence/{evidence.pk}/", HTTP_IF_MATCH="*").status_code == 204


def transition(client: Any, claim: Claim, if_match: str, **body: Any) -> Any:
    return client.post(
        f"/api/v1/claims/{claim.pk}/transitions/", body, format="json", HTTP_IF_MATCH=if_match
    )


@pytest.mark.django_db
@pytest.mark.parametrize("header", ["*", '"{v}", "999"'])
def test_approve_must_name_the_exact_version_it_approves(
    client_for: Any, editor: Any, reviewer: Any, in_review: Claim, header: str
) -> None:
    EvidenceFactory(claim=in_review)
    in_review.refresh_from_db()
    ed, rev = client_for(editor), client_for(reviewer)
    proposed = transition(ed, in_review, "*", action="propose", verdict="true", summary="Yes.")
    assert proposed.status_code == 200, proposed.content
    version = proposed.json()["version"]
    refused = transition(rev, in_review, header.format(v=version), action="approve")
    body = assert_problem(refused, 428)
    assert "approve" in body["detail"]
    assert "exact" in body["detail"]
    assert Claim.objects.get(pk=in_review.pk).status == "awaiting_approval"
    approved = transition(rev, in_review, f'"{version}"', action="approve")
    assert approved.status_code == 200, approved.content
    assert approved.json()["status"] == "published"


def test_the_schema_says_how_if_match_is_read() -> None:
    from io import StringIO

    import yaml
    from django.core.management import call_command

    out = StringIO()
    call_command("spectacular", "--api-version", "v1", stdout=out)
    paths = yaml.safe_load(out.getvalue())["paths"]
    patch_params = paths["/api/v1/claims/{id}/"]["patch"]["parameters"]
    (if_match,) = [p for p in patch_params if p["name"] == "If-Match"]
    assert "*" in if_match["description"]
    assert "weak" in if_match["description"].lower()
    transition_params = paths["/api/v1/claims/{id}/transitions/"]["post"]["parameters"]
    (if_match,) = [p for p in transition_params if p["name"] == "If-Match"]
    assert "approve" in if_match["description"]
