"""Ingest under faults: a database error inside an article, bad files, interrupted runs."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from factbase import detect
from factbase.models import Annotation, Article, Claim, Claimant
from tests.reliability.conftest import (
    Figures,
    assert_each_article_once_and_complete,
    row_counts,
    subprocess_env,
    write_articles,
)

MARKER = "Faultline"
FAULTY = (
    "Budget row deepens\n\n"
    "The transport ministry spent $45 million on consultants in 2024, auditors said. "
    f"Minister Zora {MARKER} said the agency would cut 300 jobs by 2026. "
    "Ticket prices rose by 12% last year, according to the regulator."
)
GOOD = (
    "Harbour expands\n\n"
    "The harbour authority spent $4 million on new cranes in 2023, officials said. "
    "Container traffic rose by 8% last year, the port said."
)
GOOD_TOO = (
    "Schools report\n\n"
    "The city hired 40 new teachers in 2024, the education office said. "
    "Class sizes fell to 24 pupils on average, according to the report."
)


def install_fault(marker: str) -> None:
    """Make the database itself refuse any annotation whose words contain `marker`."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE FUNCTION reliability_fault() RETURNS trigger AS $$ BEGIN "
                "RAISE EXCEPTION 'injected fault'; END; $$ LANGUAGE plpgsql"
            )
            cursor.execute(
                "CREATE TRIGGER reliability_fault BEFORE INSERT ON factbase_annotation "
                f"FOR EACH ROW WHEN (NEW.exact LIKE '%{marker}%') "
                "EXECUTE FUNCTION reliability_fault()"
            )
        else:
            cursor.execute(
                "CREATE TRIGGER reliability_fault BEFORE INSERT ON factbase_annotation "
                f"WHEN NEW.exact LIKE '%{marker}%' "
                "BEGIN SELECT RAISE(ABORT, 'injected fault'); END"
            )


def remove_fault() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP TRIGGER reliability_fault ON factbase_annotation")
            cursor.execute("DROP FUNCTION reliability_fault()")
        else:
            cursor.execute("DROP TRIGGER reliability_fault")


def ingest(*paths: Path) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("ingest", *map(str, paths), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_a_database_fault_in_the_middle_of_an_article_leaves_no_trace_of_it(
    tmp_path: Path, figures: Figures
) -> None:
    assert any(MARKER in c.text for c in detect.detect(FAULTY)), "the fault must be reached"
    (tmp_path / "01_good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "02_faulty.txt").write_text(FAULTY, encoding="utf-8")
    (tmp_path / "03_good.txt").write_text(GOOD_TOO, encoding="utf-8")
    install_fault(MARKER)
    # The faulty article is named and lost; the good ones around it go in.
    with pytest.raises(CommandError, match=r"02_faulty\.txt"):
        ingest(tmp_path)
    after_fault = row_counts()
    assert Article.objects.count() == 2
    assert not Article.objects.filter(title="Budget row deepens").exists()
    assert not Claim.objects.filter(text__contains="consultants").exists()
    assert not Annotation.objects.filter(exact__contains=MARKER).exists()
    assert not Claimant.objects.filter(name__contains=MARKER).exists()
    # Whatever went in before the fault went in whole.
    assert_each_article_once_and_complete(Article.objects.count())

    remove_fault()
    ingest(tmp_path)
    claims = assert_each_article_once_and_complete(3)
    ingest(tmp_path)  # a third run changes nothing
    assert row_counts()["Claim"] == claims
    figures.add(
        "ingest",
        fault="a trigger raises while the faulty article's annotations are inserted",
        **{"rows after the fault": _rows(after_fault), "rows after the rerun": _rows(row_counts())},
        held="the faulty one named, nothing of it stored, the 2 good ones stored; "
        "rerun stores all 3 once",
    )


@pytest.mark.slow  # a folder ingested: in make test, not the inner loop
@pytest.mark.django_db
def test_a_folder_with_bad_files_stores_the_others_and_names_each_bad_one(
    tmp_path: Path, figures: Figures
) -> None:
    (tmp_path / "a_good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b_binary.txt").write_bytes(b"Title\n\nabc\x00def")
    (tmp_path / "c_latin1.txt").write_bytes("Titre\n\nCaf\xe9 cr\xe8me".encode("latin-1"))
    (tmp_path / "d_empty.md").write_text("   \n", encoding="utf-8")
    (tmp_path / "e_sidecar.txt").write_text(GOOD_TOO, encoding="utf-8")
    (tmp_path / "e_sidecar.meta.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "f_good.html").write_text(
        "<html><head><title>Rail fares</title></head><body><p>Rail fares rose by 5% in "
        "2024, the operator said.</p></body></html>",
        encoding="utf-8",
    )
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("ingest", str(tmp_path), stdout=out, stderr=err)
    bad = ["b_binary.txt", "c_latin1.txt", "d_empty.md", "e_sidecar.txt"]
    for name in bad:
        assert name in str(failure.value), (name, str(failure.value))
        assert name in err.getvalue()
    assert "a_good.txt" not in str(failure.value)
    assert sorted(Article.objects.values_list("title", flat=True)) == [
        "Harbour expands",
        "Rail fares",
    ]
    assert_each_article_once_and_complete(2)
    figures.add(
        "ingest",
        fault=f"a folder of 6 files, {len(bad)} bad (NUL bytes, Latin-1, empty, broken sidecar)",
        **{"rows after the fault": _rows(row_counts()), "rows after the rerun": "(no rerun)"},
        held="the 2 good ones stored; the command names the 4 bad ones and exits non-zero",
    )


class Interrupted(BaseException):
    """What a Ctrl-C or a kill looks like from inside: not an Exception."""


@pytest.mark.django_db
@pytest.mark.parametrize("where", ["while detecting an article", "inside an article's transaction"])
def test_an_interrupted_ingest_run_again_finishes_without_duplicates(
    where: str, tmp_path: Path, monkeypatch: Any, figures: Figures
) -> None:
    count = 12
    write_articles(tmp_path, count)
    if where == "while detecting an article":
        # The process dies while it reads the 7th article.
        calls = {"n": 0}
        original_detect = detect.detect

        def detect_then_die(text: str) -> Any:
            calls["n"] += 1
            if calls["n"] == 7:
                raise Interrupted
            return original_detect(text)

        monkeypatch.setattr(detect, "detect", detect_then_die)
    else:
        # The process dies after an article and its claims went in, before its annotations.
        from django.db.models.query import QuerySet

        original_bulk = QuerySet.bulk_create

        def bulk_create(self: QuerySet[Any], objs: Any, *args: Any, **kwargs: Any) -> Any:
            if self.model is Annotation:
                raise Interrupted
            return original_bulk(self, objs, *args, **kwargs)

        monkeypatch.setattr(QuerySet, "bulk_create", bulk_create)
    with pytest.raises(Interrupted):
        ingest(tmp_path)
    monkeypatch.undo()
    interrupted = row_counts()
    assert_each_article_once_and_complete(Article.objects.count())
    ingest(tmp_path)
    claims = assert_each_article_once_and_complete(count)
    figures.add(
        "ingest",
        fault=f"`ingest` of {count} articles interrupted {where}, then run again",
        **{"rows after the fault": _rows(interrupted), "rows after the rerun": _rows(row_counts())},
        held=f"{count} articles and {claims} claims, each once; nothing half-stored",
    )


@pytest.mark.postgres(reason="the killed process writes to the test database over a connection")
@pytest.mark.django_db(transaction=True)
def test_a_killed_ingest_process_run_again_finishes_without_duplicates(
    tmp_path: Path, figures: Figures
) -> None:
    count = 260  # more than one of ingest's transactions
    write_articles(tmp_path, count)
    command = [sys.executable, "manage.py", "ingest", str(tmp_path)]
    process = subprocess.Popen(
        command,
        cwd=settings.BASE_DIR,
        env=subprocess_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    # Killed once a third of the folder is in: mid-folder, whatever the batching.
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if Article.objects.count() >= count // 3:
            break
        time.sleep(0.005)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL, "the ingest finished before it was killed"
    killed = row_counts()
    assert 0 < killed["Article"] < count
    assert_each_article_once_and_complete(killed["Article"])
    rerun = subprocess.run(
        command,
        cwd=settings.BASE_DIR,
        env=subprocess_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    claims = assert_each_article_once_and_complete(count)
    figures.add(
        "ingest",
        fault=f"`manage.py ingest` of {count} articles killed with SIGKILL while writing",
        **{"rows after the fault": _rows(killed), "rows after the rerun": _rows(row_counts())},
        held=f"{count} articles and {claims} claims after the rerun, each once",
    )


def _rows(counts: dict[str, int]) -> str:
    return f"{counts['Article']} articles, {counts['Claim']} claims, {counts['Annotation']} ann."
