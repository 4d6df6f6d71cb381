"""A TypeScript client, typed from the schema by openapi-typescript and calling through
openapi-fetch, compiles under `tsc --strict` and drives the whole editorial flow against a
live server: the schema is checked by the tools TypeScript clients really use."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from knox.models import AuthToken

from tests.factories import ClaimFactory

REPO = Path(__file__).resolve().parents[3]
NODE_BIN = REPO / "node_modules" / ".bin"
STORY = (
    "The Riverside hospital trust said on Monday that waiting times fell by 12% in 2024. "
    "Chief executive Maria Lopez said the trust would open 40 new beds by March."
)

pytestmark = pytest.mark.slow


def _run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        args,
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": f"{NODE_BIN}:/usr/bin:/bin", **(env or {})},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.fixture
def compiled_flow(tmp_path: Path) -> Path:
    """Generate the types from `manage.py spectacular` and compile flow.ts, all in tmp_path."""
    if shutil.which("node") is None or not (NODE_BIN / "tsc").exists():
        pytest.skip("node and the npm test tools are needed")
    schema = tmp_path / "schema.yaml"
    _run(
        [
            sys.executable,
            str(REPO / "manage.py"),
            "spectacular",
            "--api-version",
            "v1",
            "--file",
            str(schema),
        ],
        cwd=REPO,
        env={k: v for k, v in os.environ.items() if k != "PATH"},
    )
    # Defaults in request bodies are optional for the client, as the schema means them.
    _run(
        [
            "openapi-typescript",
            str(schema),
            "--default-non-nullable",
            "false",
            "-o",
            str(tmp_path / "api.d.ts"),
        ],
        cwd=tmp_path,
    )
    for name in ("flow.ts", "tsconfig.json"):
        shutil.copy(REPO / "tests" / "sdk_ts" / name, tmp_path / name)
    (tmp_path / "node_modules").symlink_to(REPO / "node_modules")
    _run(["tsc", "--strict", "-p", "tsconfig.json"], cwd=tmp_path)
    return tmp_path / "out" / "flow.js"


def test_the_typescript_client_drives_the_editorial_flow(
    compiled_flow: Path,
    live_server: Any,
    editor: Any,
    reviewer: Any,
    publish: Callable[[Any], Any],
) -> None:
    for _ in range(3):
        publish(ClaimFactory())
    output = _run(
        ["node", str(compiled_flow)],
        cwd=compiled_flow.parent,
        env={
            "FACTBASE_URL": live_server.url,
            "EDITOR_TOKEN": AuthToken.objects.create(user=editor)[1],
            "REVIEWER_TOKEN": AuthToken.objects.create(user=reviewer)[1],
            "STORY": STORY,
        },
    )
    summary = json.loads(output)
    assert summary == {
        "before": {"pages": 2, "count": 3},
        "article": {"status": 201, "claims": 2},
        "started": {"status": 200, "claim": "in_review"},
        "stale": {
            "status": 412,
            "contentType": "application/problem+json",
            "problem": {"status": 412, "title": "Precondition failed"},
        },
        "evidence": {"status": 201},
        "proposed": {"status": 200, "claim": "awaiting_approval"},
        "refused": {
            "status": 403,
            "contentType": "application/problem+json",
            "problem": {"status": 403, "title": "Forbidden"},
        },
        "approved": {"status": 200, "claim": "published"},
        "after": {"pages": 2, "count": 4, "includesNew": True},
        "claimReview": {
            "status": 200,
            "claimReviewed": "Waiting times fell by 12% in 2024.",
            "ratingValue": 4,
        },
        "annotations": {"pages": 1, "sources": ["https://news.example.org/waits"]},
        "history": {
            "status": 200,
            "actions": ["approve", "propose", "edit", "start_review"],
        },
    }
