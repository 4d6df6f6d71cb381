"""A Python SDK generated from the live schema drives the whole editorial flow."""

from __future__ import annotations

import importlib
import json
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from knox.models import AuthToken

PACKAGE = "factbase_sdk"
STORY = (
    "The Riverside hospital trust said on Monday that waiting times fell by 12% in 2024. "
    "Chief executive Maria Lopez said the trust would open 40 new beds by March."
)


@pytest.fixture
def sdk(live_server: Any, tmp_path: Path) -> Any:
    request = urllib.request.Request(
        f"{live_server.url}/api/v1/schema/",
        headers={"Accept": "application/vnd.oai.openapi+json"},
    )
    with urllib.request.urlopen(request) as response:
        schema = response.read()
    (tmp_path / "schema.json").write_bytes(schema)
    (tmp_path / "config.json").write_text(json.dumps({"package_name_override": PACKAGE}))
    bin_dir = Path(sys.executable).parent
    generated = subprocess.run(
        [
            str(bin_dir / "openapi-python-client"),
            "generate",
            "--path",
            "schema.json",
            "--config",
            "config.json",
            "--output-path",
            PACKAGE,
            "--meta",
            "none",
            "--fail-on-warning",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": f"{bin_dir}:/usr/bin:/bin"},
    )
    assert generated.returncode == 0, generated.stdout + generated.stderr
    assert "Warning" not in generated.stdout + generated.stderr
    sys.path.insert(0, str(tmp_path))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(tmp_path))
        for name in [m for m in sys.modules if m == PACKAGE or m.startswith(PACKAGE + ".")]:
            del sys.modules[name]
        shutil.rmtree(tmp_path / PACKAGE, ignore_errors=True)


def _api(name: str) -> Any:
    return importlib.import_module(f"{PACKAGE}.api.{name}")


def _models() -> Any:
    return importlib.import_module(f"{PACKAGE}.models")


def test_the_generated_sdk_drives_the_editorial_flow(
    sdk: Any, live_server: Any, editor: Any, reviewer: Any
) -> None:
    models = _models()
    anonymous = sdk.Client(base_url=live_server.url)
    as_editor = sdk.AuthenticatedClient(
        base_url=live_server.url, token=AuthToken.objects.create(user=editor)[1]
    )
    as_reviewer = sdk.AuthenticatedClient(
        base_url=live_server.url, token=AuthToken.objects.create(user=reviewer)[1]
    )

    created = _api("articles.articles_create").sync_detailed(
        client=as_editor,
        body=models.ArticleCreateRequest(
            title="Hospital waits fall", text=STORY, url="https://news.example.org/waits"
        ),
    )
    assert created.status_code == 201, created.content
    article = created.parsed
    assert article.claims, "the detector found no claim"
    claim = article.claims[0]

    listing = _api("claims.claims_list").sync(client=anonymous)
    assert listing.results == []  # nothing is published yet

    claims_api = _api("claims.claims_transition")
    started = claims_api.sync_detailed(
        id=claim.id,
        client=as_editor,
        if_match=f'"{claim.version}"',
        body=models.ClaimTransitionRequest(action=models.TransitionAction.START_REVIEW),
    )
    assert started.status_code == 200
    assert started.parsed.status == models.ClaimStatus.IN_REVIEW

    stale = claims_api.sync_detailed(
        id=claim.id,
        client=as_editor,
        if_match=f'"{claim.version}"',
        body=models.ClaimTransitionRequest(action=models.TransitionAction.DISMISS, note="dup"),
    )
    assert stale.status_code == 412
    assert isinstance(stale.parsed, models.Problem)
    assert stale.headers["content-type"].startswith("application/problem+json")

    evidence = _api("claims.claims_evidence_create").sync_detailed(
        id=claim.id,
        client=as_editor,
        body=models.EvidenceCreateRequest(
            url="https://nhs.example.org/waits-2024",
            stance=models.Stance.SUPPORTS,
            excerpt="Median waits fell 12% year on year.",
        ),
    )
    assert evidence.status_code == 201

    current = _api("claims.claims_retrieve").sync_detailed(id=claim.id, client=as_editor)
    proposed = claims_api.sync_detailed(
        id=claim.id,
        client=as_editor,
        if_match=current.headers["etag"],
        body=models.ClaimTransitionRequest(
            action=models.TransitionAction.PROPOSE,
            verdict=models.Verdict.MOSTLY_TRUE,
            summary="The trust's own figures show an 11.8% fall.",
        ),
    )
    assert proposed.status_code == 200, proposed.content
    refused = claims_api.sync_detailed(
        id=claim.id,
        client=as_editor,
        if_match=proposed.headers["etag"],
        body=models.ClaimTransitionRequest(action=models.TransitionAction.APPROVE),
    )
    assert refused.status_code == 403
    approved = claims_api.sync_detailed(
        id=claim.id,
        client=as_reviewer,
        if_match=proposed.headers["etag"],
        body=models.ClaimTransitionRequest(action=models.TransitionAction.APPROVE),
    )
    assert approved.status_code == 200
    assert approved.parsed.status == models.ClaimStatus.PUBLISHED

    public = _api("claims.claims_list").sync(client=anonymous)
    assert [c.id for c in public.results] == [claim.id]
    review = _api("claims.claims_claimreview").sync(id=claim.id, client=anonymous)
    assert review.claim_reviewed == claim.claim_reviewed == "Waiting times fell by 12% in 2024."
    assert review.review_rating.rating_value == 4
    page = _api("annotations.annotations_list").sync(
        client=anonymous, uri="https://news.example.org/waits"
    )
    assert [item.target.source for item in page.items] == ["https://news.example.org/waits"]
    history = _api("claims.claims_history_list").sync(id=claim.id, client=as_reviewer)
    assert [e.action for e in history.results] == [
        models.ReviewAction.APPROVE,
        models.ReviewAction.PROPOSE,
        models.ReviewAction.EDIT,  # the evidence added
        models.ReviewAction.START_REVIEW,
    ]
