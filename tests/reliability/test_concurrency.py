"""Races on PostgreSQL with real threads against a live server and real processes.

SQLite in tests is one in-memory database behind one shared connection: it cannot race,
so these run on PostgreSQL only (the production engine).
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from collections import Counter
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from factbase import review
from factbase.models import Article, ReviewEvent
from tests.factories import ArticleFactory, EvidenceFactory, UserFactory, anchored_claim
from tests.reliability.conftest import (
    Figures,
    assert_each_article_once_and_complete,
    member,
    subprocess_env,
    write_articles,
)

pytestmark = [
    pytest.mark.postgres(reason="SQLite in tests is one shared connection: nothing can race"),
    pytest.mark.django_db(transaction=True),
]

EDITORS = 20
ROUNDS = 5


def call(method: str, url: str, token: str, body: dict[str, Any], etag: str) -> int:
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        method=method,
        headers={
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
            "If-Match": etag,
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def race(calls: list[Any]) -> list[int]:
    """Run the calls in threads released together by one barrier; their statuses in order."""
    barrier = threading.Barrier(len(calls))
    statuses: list[int] = [0] * len(calls)

    def run(index: int) -> None:
        barrier.wait()
        statuses[index] = calls[index]()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return statuses


def test_twenty_editors_patching_one_etag_leave_exactly_one_winner(
    live_server: Any, token_for: Any, figures: Figures
) -> None:
    tokens = [token_for(member("editors", f"racer{i}")) for i in range(EDITORS)]
    outcomes: Counter[int] = Counter()
    for round_ in range(ROUNDS):
        claim = anchored_claim()
        url = f"{live_server.url}/api/v1/claims/{claim.pk}/"
        texts = [f"Edited by racer {i} in round {round_}." for i in range(EDITORS)]
        etag = f'"{claim.version}"'
        statuses = race(
            [
                partial(call, "PATCH", url, tokens[i], {"text": texts[i]}, etag)
                for i in range(EDITORS)
            ]
        )
        outcomes.update(statuses)
        assert statuses.count(200) == 1, statuses
        assert statuses.count(412) == EDITORS - 1, statuses
        claim.refresh_from_db()
        assert claim.text == texts[statuses.index(200)]
        assert claim.version == 2
        assert ReviewEvent.objects.filter(claim=claim, action="edit").count() == 1
    figures.add(
        "concurrency",
        race=f"{EDITORS} editors PATCH one claim with one If-Match ({ROUNDS} rounds)",
        requests=sum(outcomes.values()),
        outcomes=_outcomes(outcomes),
        held="exactly one 200 a round, the stored text is the winner's, one edit event",
    )


def test_two_reviewers_approving_one_proposal_at_once_publish_it_once(
    live_server: Any, token_for: Any, figures: Figures
) -> None:
    editor = member("editors", "proposer")
    reviewers = [member("reviewers", "rev-a"), member("reviewers", "rev-b")]
    tokens = [token_for(r) for r in reviewers]
    outcomes: Counter[int] = Counter()
    rounds = 10
    for _ in range(rounds):
        claim = anchored_claim()
        EvidenceFactory(claim=claim)
        claim = review.claim_transition(claim=claim, actor=editor, action="start_review")
        claim = review.claim_transition(
            claim=claim, actor=editor, action="propose", verdict="false", summary="Wrong."
        )
        url = f"{live_server.url}/api/v1/claims/{claim.pk}/transitions/"
        etag = f'"{claim.version}"'
        statuses = race(
            [partial(call, "POST", url, t, {"action": "approve"}, etag) for t in tokens]
        )
        outcomes.update(statuses)
        assert sorted(statuses) in ([200, 409], [200, 412]), statuses
        assert ReviewEvent.objects.filter(claim=claim, action="approve").count() == 1
        claim.refresh_from_db()
        assert claim.status == "published"
    figures.add(
        "concurrency",
        race=f"2 reviewers approve one proposal at once ({rounds} rounds)",
        requests=sum(outcomes.values()),
        outcomes=_outcomes(outcomes),
        held="one approve event and one publication a round",
    )


def _outcomes(statuses: Counter[int]) -> str:
    return ", ".join(f"{n}x {status}" for status, n in sorted(statuses.items()))


def test_the_same_article_posted_ten_times_at_once_is_stored_once(
    live_server: Any, token_for: Any, figures: Figures
) -> None:
    token = token_for(member("editors", "poster"))
    url = f"{live_server.url}/api/v1/articles/"
    outcomes: Counter[int] = Counter()
    text = "The port handled 4.2 million containers in 2024, the harbour master said."
    for body in (
        {"title": "Port record", "text": text, "url": "https://news.example.org/port"},
        {"title": "Port record, no address", "text": text + " Exports rose 8%."},
    ):
        statuses = race([partial(call, "POST", url, token, body, "") for _ in range(10)])
        outcomes.update(statuses)
        assert sorted(statuses) == [200] * 9 + [201], statuses
    assert Article.objects.count() == 2
    assert_each_article_once_and_complete(2)
    figures.add(
        "concurrency",
        race="10 editors POST one article at once (with a URL, then identified by its text)",
        requests=sum(outcomes.values()),
        outcomes=_outcomes(outcomes),
        held="one 201 and nine 200 each time, one article with its claims",
    )


def test_the_same_folder_ingested_by_two_processes_at_once_is_stored_once(
    tmp_path: Path, figures: Figures
) -> None:
    count = 24
    write_articles(tmp_path, count)
    command = [sys.executable, "manage.py", "ingest", str(tmp_path)]
    processes = [
        subprocess.Popen(
            command,
            cwd=settings.BASE_DIR,
            env=subprocess_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=300) for p in processes]
    for process, (_, err) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, err[-2000:]
    claims = assert_each_article_once_and_complete(count)
    ingested = [out.count("\ningested ") + out.startswith("ingested ") for out, _ in outputs]
    figures.add(
        "concurrency",
        race=f"2 `manage.py ingest` processes, one folder of {count} articles",
        requests=f"{2 * count} article ingests",
        outcomes=f"stored by the first: {ingested[0]}, by the second: {ingested[1]}, exit 0 both",
        held=f"{count} articles and {claims} claims, each stored once and whole",
    )
    assert sum(ingested) == count


def test_a_user_outside_the_desk_racing_the_desk_changes_nothing(live_server: Any) -> None:
    """The barrier and threads really run requests at once: a control with a known outcome."""
    outsider = UserFactory(username="racer-out")
    from knox.models import AuthToken

    _, token = AuthToken.objects.create(user=outsider)
    claim = anchored_claim(article=ArticleFactory())
    url = f"{live_server.url}/api/v1/claims/{claim.pk}/"
    statuses = race([partial(call, "PATCH", url, token, {"text": "x"}, '"1"') for _ in range(5)])
    assert statuses == [403] * 5
    claim.refresh_from_db()
    assert claim.version == 1
