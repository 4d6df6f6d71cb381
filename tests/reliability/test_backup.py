"""Backup round trip: dumpdata, a freshly migrated database, loaddata, the same API."""

from __future__ import annotations

import json
import subprocess
import sys
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from factbase.models import Claim
from tests.reliability.conftest import Figures, World, row_counts, subprocess_env
from tests.reliability.snapshot import snapshot

# The backup command (README "Reliability"): everything but what migrations recreate
# (content types, permissions) and what is transient (sessions, admin log, login attempts).
# YAML, because it is the one lossless format of dumpdata here: JSON (DjangoJSONEncoder)
# cuts timestamps to milliseconds and XML strips the spaces around text (annotation
# prefixes and suffixes), and either would change what the API serves after a restore.
DUMP = [
    "dumpdata",
    "--natural-foreign",
    "--natural-primary",
    "--format=yaml",
    "--exclude=contenttypes",
    "--exclude=auth.permission",
    "--exclude=sessions",
    "--exclude=admin.logentry",
    "--exclude=axes",
]

RESTORE = """
import json, sys
import django
django.setup()
from django.core.management import call_command
from django.test import Client
from tests.reliability.snapshot import snapshot
from factbase.models import Article, Claim, Annotation, Claimant, Source, Evidence, ReviewEvent

dump, token, claim_id, etag = sys.argv[1:5]
call_command("migrate", verbosity=0)
call_command("loaddata", dump, verbosity=0)
rows = {m.__name__: m.objects.count() for m in (
    Article, Claim, Annotation, Claimant, Source, Evidence, ReviewEvent)}
seen = snapshot(token)
# The restored database keeps working: new rows get fresh ids, versions still guard edits.
desk = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
created = desk.post("/api/v1/articles/", {"title": "After the restore",
    "text": "The ferry carried 2 million passengers in 2024, the operator said."},
    content_type="application/json")
edited = desk.patch(f"/api/v1/claims/{claim_id}/", {"text": "Edited after the restore."},
    content_type="application/json", HTTP_IF_MATCH=etag)
print(json.dumps({"rows": rows, "snapshot": seen, "created": created.status_code,
    "edited": edited.status_code}))
"""


@pytest.fixture
def fresh_database(tmp_path: Path) -> Any:
    """The URL of an empty database on the same engine, dropped afterwards."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    import psycopg

    db = connection.settings_dict
    name = f"{db['NAME']}_restore"
    admin = psycopg.connect(
        host=db.get("HOST") or "127.0.0.1",
        port=db.get("PORT") or 5432,
        user=db.get("USER") or "postgres",
        dbname="postgres",
        autocommit=True,
    )
    admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
    admin.execute(f'CREATE DATABASE "{name}"')
    user, host, port = db.get("USER") or "postgres", db.get("HOST"), db.get("PORT") or 5432
    yield f"postgres://{user}@{host or '127.0.0.1'}:{port}/{name}"
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


@pytest.mark.slow
@pytest.mark.django_db
def test_a_backup_restored_into_a_fresh_database_serves_the_same_api(
    world: World, tmp_path: Path, fresh_database: str, figures: Figures
) -> None:
    base = Path(settings.BASE_DIR)
    call_command("ingest", str(base / "seeds"), stdout=StringIO())
    call_command("load_factchecks", str(base / "fixtures"), stdout=StringIO())
    token = world.tokens["editor"]
    before_rows = row_counts()
    before = snapshot(token)
    dump = tmp_path / "backup.yaml"
    call_command(*DUMP, output=str(dump), verbosity=0)

    claim = Claim.objects.get(pk=world.hidden.pk)
    result = subprocess.run(
        [sys.executable, "-c", RESTORE, str(dump), token, str(claim.pk), f'"{claim.version}"'],
        cwd=settings.BASE_DIR,
        env=subprocess_env(DATABASE_URL=fresh_database),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    restored = json.loads(result.stdout.strip().splitlines()[-1])

    assert restored["rows"] == before_rows
    assert len(before) >= 100
    differing = [key for key in before if restored["snapshot"].get(key) != before[key]]
    assert differing == [], differing[:10]
    assert restored["snapshot"].keys() == before.keys()
    assert (restored["created"], restored["edited"]) == (201, 200)
    figures.add(
        "backup",
        engine=connection.vendor,
        rows=", ".join(f"{k} {v}" for k, v in before_rows.items()),
        **{"API responses compared": len(before), "identical": len(before) - len(differing)},
        **{"dump size": f"{dump.stat().st_size // 1024} kB"},
        after="a new article 201, an If-Match edit 200",
    )
