"""The review holds against a reviewer who would approve their own words (issue 9: 1, 2, 3, 7, 8).

What is approved is exactly what was proposed; every content change leaves an event and
moves the versions of the claims it changes; who proposed last is read in the database's
order; claimants are one per name; only web URLs enter; hostile admin filters are no 500.
"""

from __future__ import annotations

import datetime
import json
import threading
from pathlib import Path
from typing import Any
from unittest import mock
from urllib.parse import quote

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factbase import errors, review, services
from factbase.models import Claim, Claimant, ClaimStatus, Evidence, ReviewAction, Source, Verdict
from tests.api.helpers import assert_problem
from tests.budget import examples
from tests.factories import ClaimantFactory, EvidenceFactory, SourceFactory, anchored_claim

S, A = ClaimStatus, ReviewAction


def proposed(editor: Any) -> Claim:
    """A claim with evidence whose verdict `editor` proposed: awaiting approval."""
    claim = anchored_claim()
    EvidenceFactory(claim=claim)
    claim.refresh_from_db()
    claim = review.claim_transition(claim=claim, actor=editor, action=A.START_REVIEW)
    return review.claim_transition(
        claim=claim, actor=editor, action=A.PROPOSE, verdict=Verdict.TRUE, summary="Checked."
    )


def approve(claim: Claim, actor: Any) -> Claim:
    return review.claim_transition(
        claim=claim, actor=actor, action=A.APPROVE, expected_version=claim.version
    )


def snapshot(claim: Claim) -> tuple[Any, ...]:
    claim = Claim.objects.get(pk=claim.pk)
    evidence = list(claim.evidence.values_list("id", "stance", "excerpt", "note", "source__url"))
    return (claim.text, claim.kind, claim.claimant_id, claim.version, evidence)


# 1. Four eyes: the content of a claim awaiting approval is frozen, for everyone -------------


@pytest.mark.django_db
@pytest.mark.parametrize("write", ["claim_update", "evidence_add", "evidence_update", "delete"])
def test_no_service_changes_a_claim_awaiting_approval(
    write: str, editor: Any, reviewer: Any
) -> None:
    claim = proposed(editor)
    evidence = claim.evidence.get()
    before = snapshot(claim)
    calls = {
        "claim_update": lambda: services.claim_update(
            claim=claim, actor=reviewer, expected_version=claim.version, changes={"text": "Mine."}
        ),
        "evidence_add": lambda: services.evidence_add(
            claim=claim, actor=reviewer, url="https://x.example.org/a", stance="refutes"
        ),
        "evidence_update": lambda: services.evidence_update(
            evidence=evidence, actor=reviewer, expected_version=1, changes={"stance": "refutes"}
        ),
        "delete": lambda: services.evidence_delete(
            evidence=evidence, actor=reviewer, expected_version=1
        ),
    }

    with pytest.raises(errors.InvalidState, match="awaiting approval"):
        calls[write]()

    assert snapshot(claim) == before


@pytest.mark.django_db
def test_the_api_answers_409_to_every_content_write_while_awaiting_approval(
    client_for: Any, editor: Any, reviewer: Any
) -> None:
    claim = proposed(editor)
    evidence = claim.evidence.get()
    before = snapshot(claim)
    rev = client_for(reviewer)
    etag = f'"{claim.version}"'

    responses = [
        rev.patch(
            f"/api/v1/claims/{claim.pk}/", {"text": "Mine."}, format="json", HTTP_IF_MATCH=etag
        ),
        rev.patch(
            f"/api/v1/claims/{claim.pk}/",
            {"claimant": {"name": "Someone Else"}},
            format="json",
            HTTP_IF_MATCH=etag,
        ),
        rev.post(
            f"/api/v1/claims/{claim.pk}/evidence/",
            {"url": "https://x.example.org/a", "stance": "refutes"},
            format="json",
        ),
        rev.patch(
            f"/api/v1/evidence/{evidence.pk}/",
            {"stance": "refutes"},
            format="json",
            HTTP_IF_MATCH='"1"',
        ),
        rev.delete(f"/api/v1/evidence/{evidence.pk}/", HTTP_IF_MATCH='"1"'),
    ]

    for response in responses:
        assert "awaiting approval" in assert_problem(response, 409)["detail"]
    assert snapshot(claim) == before
    assert not Source.objects.filter(url="https://x.example.org/a").exists()


@pytest.mark.django_db
def test_the_admin_change_form_and_inline_change_nothing_while_awaiting_approval(
    editor: Any, reviewer: Any
) -> None:
    claim = proposed(editor)
    evidence = claim.evidence.get()
    before = snapshot(claim)
    client = Client()
    client.force_login(reviewer)
    url = reverse("admin:factbase_claim_change", args=[claim.pk])
    data = {
        "text": "My own words.",
        "kind": "quote",
        "claimant": ClaimantFactory(name="Someone Else").pk,
        "expected_version": claim.version,
        "evidence-TOTAL_FORMS": 2,
        "evidence-INITIAL_FORMS": 1,
        "evidence-MIN_NUM_FORMS": 0,
        "evidence-MAX_NUM_FORMS": 1000,
        "evidence-0-id": evidence.pk,
        "evidence-0-claim": claim.pk,
        "evidence-0-stance": "refutes",
        "evidence-0-excerpt": "Rewritten.",
        "evidence-0-note": "",
        "evidence-0-expected_version": 1,
        "evidence-0-DELETE": "on",
        "evidence-1-claim": claim.pk,
        "evidence-1-url": "https://x.example.org/a",
        "evidence-1-stance": "refutes",
        "evidence-1-excerpt": "",
        "evidence-1-note": "",
    }

    page = client.get(url).content.decode()
    client.post(url, data)

    assert 'name="text"' not in page
    assert 'name="evidence-0-stance"' not in page
    assert snapshot(claim) == before
    assert Claim.objects.get(pk=claim.pk).status == S.AWAITING_APPROVAL


@pytest.mark.django_db
def test_approve_must_name_the_proposed_version(
    editor: Any, reviewer: Any, client_for: Any
) -> None:
    claim = proposed(editor)

    with pytest.raises(errors.InvalidValue, match="version"):
        review.claim_transition(claim=claim, actor=reviewer, action=A.APPROVE)
    with pytest.raises(errors.StaleVersion):
        review.claim_transition(
            claim=claim, actor=reviewer, action=A.APPROVE, expected_version=claim.version - 1
        )
    response = client_for(reviewer).post(
        f"/api/v1/claims/{claim.pk}/transitions/", {"action": "approve"}, format="json"
    )
    assert_problem(response, 428)

    assert approve(claim, reviewer).status == S.PUBLISHED
    event = claim.events.get(action=A.APPROVE)
    assert event.claim_version == claim.version


@pytest.mark.django_db
def test_approve_refuses_a_claim_that_moved_on_since_its_proposal(
    editor: Any, reviewer: Any
) -> None:
    claim = proposed(editor)
    # However it happened (a write outside the services), this is not what was proposed.
    Claim.objects.filter(pk=claim.pk).update(text="Changed behind the desk.", version=99)
    claim.refresh_from_db()

    with pytest.raises(errors.InvalidState, match="was proposed"):
        approve(claim, reviewer)


@pytest.mark.django_db
def test_a_reviewer_who_wants_changes_sends_it_back_and_the_proposer_proposes_again(
    editor: Any, reviewer: Any
) -> None:
    claim = proposed(editor)
    claim = review.claim_transition(
        claim=claim,
        actor=reviewer,
        action=A.SEND_BACK,
        note="Say $12m.",
        expected_version=claim.version,
    )
    claim = services.claim_update(
        claim=claim, actor=reviewer, expected_version=claim.version, changes={"text": "$12m."}
    )
    claim = review.claim_transition(
        claim=claim, actor=editor, action=A.PROPOSE, verdict=Verdict.TRUE, summary="Checked."
    )

    assert approve(claim, reviewer).text == "$12m."


# 2. Who proposed last is the database's order, not an app server's clock ------------------


@pytest.mark.django_db
def test_four_eyes_holds_when_the_proposers_clocks_disagree(
    editor: Any, reviewer: Any, other_reviewer: Any
) -> None:
    claim = proposed(editor)  # by an app server whose clock is right
    claim = review.claim_transition(
        claim=claim, actor=other_reviewer, action=A.SEND_BACK, note="Again."
    )
    behind = timezone.now() - datetime.timedelta(hours=1)
    with mock.patch("django.utils.timezone.now", return_value=behind):
        claim = review.claim_transition(
            claim=claim, actor=reviewer, action=A.PROPOSE, verdict=Verdict.FALSE, summary="No."
        )

    with pytest.raises(errors.NotAllowed, match="someone other"):
        approve(claim, reviewer)
    offered = [t.action for t in review.allowed_actions(claim, reviewer)]
    assert A.APPROVE not in offered
    assert not review.claims_approvable_by(user=reviewer, claims=Claim.objects.all()).exists()
    history = [e.action for e in claim.events.all()]
    assert history[:2] == [A.PROPOSE, A.SEND_BACK]


# 3. Every content change is an event with old -> new, and moves the versions ---------------


@pytest.mark.django_db
def test_evidence_add_edit_and_delete_are_events_with_old_and_new_values(editor: Any) -> None:
    claim = review.claim_transition(claim=anchored_claim(), actor=editor, action=A.START_REVIEW)
    url = "https://stats.example.org/budget"

    evidence = services.evidence_add(claim=claim, actor=editor, url=url, stance="supports")
    evidence = services.evidence_update(
        evidence=evidence, actor=editor, expected_version=1, changes={"stance": "refutes"}
    )
    services.evidence_delete(evidence=evidence, actor=editor, expected_version=2)

    events = list(claim.events.filter(action=A.EDIT).order_by("id"))
    assert [(e.actor_name, e.changes) for e in events] == [
        (
            "ed",
            {"evidence": [None, {"source": url, "stance": "supports", "excerpt": "", "note": ""}]},
        ),
        (
            "ed",
            {
                "evidence": [
                    {"source": url, "stance": "supports"},
                    {"source": url, "stance": "refutes"},
                ]
            },
        ),
        (
            "ed",
            {"evidence": [{"source": url, "stance": "refutes", "excerpt": "", "note": ""}, None]},
        ),
    ]
    versions = [e.claim_version for e in events]
    assert versions == [3, 4, 5]
    assert Claim.objects.get(pk=claim.pk).version == 5


@pytest.mark.django_db
@pytest.mark.parametrize("status", [S.AWAITING_APPROVAL, S.PUBLISHED])
def test_a_claimant_or_source_of_a_frozen_claim_cannot_be_rewritten(
    status: str, editor: Any, reviewer: Any
) -> None:
    claim = proposed(editor)
    Claim.objects.filter(pk=claim.pk).update(claimant=ClaimantFactory(name="Dana Ortiz"))
    claim.refresh_from_db()
    if status == S.PUBLISHED:
        claim = approve(claim, reviewer)
    source = claim.evidence.get().source
    before = snapshot(claim)

    with pytest.raises(errors.InvalidState, match=ClaimStatus(status).label.lower()):
        services.claimant_update(
            claimant=claim.claimant, actor=editor, changes={"name": "Dana Ortiz-Lee"}
        )
    with pytest.raises(errors.InvalidState):
        services.source_update(source=source, actor=editor, changes={"title": "Rewritten"})

    assert snapshot(claim) == before
    assert Claimant.objects.get(pk=claim.claimant_id).name == "Dana Ortiz"
    assert Source.objects.get(pk=source.pk).title == source.title


@pytest.mark.django_db
def test_renaming_a_claimant_or_editing_a_source_logs_and_bumps_every_claim_citing_it(
    editor: Any, client_for: Any
) -> None:
    ortiz = ClaimantFactory(name="Dana Ortiz")
    claims = [anchored_claim(claimant=ortiz) for _ in range(2)]
    source = SourceFactory(title="Budget")
    for claim in claims:
        EvidenceFactory(claim=claim, source=source)
    versions = [Claim.objects.get(pk=c.pk).version for c in claims]
    desk = client_for(editor)
    etags = [desk.get(f"/api/v1/claims/{c.pk}/")["ETag"] for c in claims]

    services.claimant_update(claimant=ortiz, actor=editor, changes={"name": "Dana Ortiz-Lee"})
    services.source_update(
        source=source,
        actor=editor,
        changes={"title": "Budget 2025", "url": "https://b.example.org/"},
    )

    for claim, version, etag in zip(claims, versions, etags, strict=True):
        assert Claim.objects.get(pk=claim.pk).version == version + 2
        assert desk.get(f"/api/v1/claims/{claim.pk}/", HTTP_IF_NONE_MATCH=etag).status_code == 200
        changes = [e.changes for e in claim.events.order_by("id")]
        assert changes == [
            {"claimant": ["Dana Ortiz", "Dana Ortiz-Lee"]},
            {
                "source": [
                    {"url": source.url, "title": "Budget"},
                    {"url": "https://b.example.org/", "title": "Budget 2025"},
                ]
            },
        ]
    assert set(Evidence.objects.values_list("version", flat=True)) == {2}


@pytest.mark.django_db
def test_the_admin_refuses_to_rename_a_claimant_of_a_published_claim(
    editor: Any, reviewer: Any
) -> None:
    claim = proposed(editor)
    ortiz = ClaimantFactory(name="Dana Ortiz")
    Claim.objects.filter(pk=claim.pk).update(claimant=ortiz)
    claim = approve(Claim.objects.get(pk=claim.pk), reviewer)
    source = claim.evidence.get().source
    client = Client()
    client.force_login(editor)

    client.post(
        reverse("admin:factbase_claimant_change", args=[ortiz.pk]),
        {"name": "Someone Else", "kind": "person", "description": "", "aliases": "[]"},
    )
    client.post(
        reverse("admin:factbase_source_change", args=[source.pk]),
        {"url": "https://evil.example.org/", "title": "Other", "publisher": "", "archived_url": ""},
    )

    assert Claimant.objects.get(pk=ortiz.pk).name == "Dana Ortiz"
    assert Source.objects.get(pk=source.pk).url == source.url
    assert Claim.objects.get(pk=claim.pk).version == claim.version


@pytest.mark.django_db
def test_renaming_a_user_does_not_rewrite_the_history(editor: Any, client_for: Any) -> None:
    claim = review.claim_transition(claim=anchored_claim(), actor=editor, action=A.START_REVIEW)
    editor.username = "impostor"
    editor.save()

    history = client_for(editor).get(f"/api/v1/claims/{claim.pk}/history/").json()["results"]

    assert [e["actor"] for e in history] == ["ed"]


# 7. One claimant per name, whatever its case, even under a race ----------------------------


@pytest.mark.django_db
def test_claimant_spellings_resolve_to_one_claimant_and_the_database_holds_it() -> None:
    first = services.claimant_resolve(name="Dana Ortiz")
    again = [
        services.claimant_resolve(name=n) for n in ("dana ortiz", "DANA  ORTIZ", " Dana\tOrtiz ")
    ]

    assert {c.pk for c in again if c} == {first.pk if first else None}
    with pytest.raises(IntegrityError), transaction.atomic():
        Claimant.objects.create(name="DANA ORTIZ", name_key="dana ortiz")


@pytest.mark.django_db
def test_ingest_and_the_api_use_the_one_claimant_resolver(monkeypatch: pytest.MonkeyPatch) -> None:
    from factbase.ingest import article_ingest, clean_article

    calls: list[str | None] = []
    resolve = services.claimant_resolve

    def spy(**kwargs: Any) -> Any:
        calls.append(kwargs["name"])
        return resolve(**kwargs)

    monkeypatch.setattr(services, "claimant_resolve", spy)
    text = "The mayor, Dana Ortiz, said the city would hire 40 new teachers next year."
    article_ingest(data=clean_article(title="Teachers", text=text))
    assert "Dana Ortiz" in calls
    assert resolve(name="Acme Corp").kind == "person"  # type: ignore[union-attr]


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite in tests: one connection")
@pytest.mark.django_db(transaction=True)
def test_concurrent_spellings_of_a_claimant_make_one_claimant() -> None:
    spellings = ["Dana Ortiz", "dana ortiz", "DANA ORTIZ", "Dana  Ortiz"] * 4
    barrier = threading.Barrier(len(spellings))
    found: list[int] = []
    failures: list[BaseException] = []

    def resolve(name: str) -> None:
        try:
            barrier.wait()
            claimant = services.claimant_resolve(name=name)
            assert claimant is not None
            found.append(claimant.pk)
        except BaseException as exc:  # reported below
            failures.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=resolve, args=(n,)) for n in spellings]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    assert len(set(found)) == 1
    assert Claimant.objects.count() == 1


# 8. Only web URLs enter; hostile admin filters are never a 500 -----------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "data:text/html,<b>x</b>", "file:///etc/passwd", "ftp://x.org/a",
     "https://example.org/" + "a" * 2000, "", "not a url"],
)  # fmt: skip
def test_evidence_urls_must_be_web_addresses(url: str, editor: Any) -> None:
    claim = anchored_claim()

    with pytest.raises(errors.InvalidValue):
        services.evidence_add(claim=claim, actor=editor, url=url, stance="supports")
    with pytest.raises(errors.InvalidValue):
        services.evidence_add(
            claim=claim,
            actor=editor,
            url="https://ok.example.org/",
            stance="supports",
            source_defaults={"archived_url": url or "javascript:x"},
        )

    assert not Source.objects.exists()
    assert not Evidence.objects.exists()


@pytest.mark.django_db
def test_a_fixture_with_a_javascript_url_is_refused_and_stores_no_source(
    tmp_path: Path, settings: Any
) -> None:
    fixtures = Path(settings.BASE_DIR) / "fixtures"
    spec = json.loads(sorted(fixtures.glob("*.json"))[0].read_text())
    spec["claims"][0]["evidence"][0]["url"] = "javascript:alert(document.cookie)"
    hostile = tmp_path / "hostile.json"
    hostile.write_text(json.dumps(spec))

    with pytest.raises(CommandError, match="web address"):
        call_command("load_factchecks", str(hostile))

    assert not Source.objects.filter(url__startswith="javascript").exists()


CHANGELISTS = {
    "claim": ["article", "status__exact", "verdict__exact", "kind__exact", "claimant__id__exact",
              "mine", "q", "o", "p"],
    "article": ["q", "published_at__year", "published_at__month", "published_at__day", "o", "p"],
    "claimant": ["kind__exact", "q", "o", "p"],
    "source": ["q", "o", "p"],
    "reviewevent": ["action__exact", "to_status__exact", "q", "created_at__year",
                    "created_at__month", "created_at__day", "o", "p"],
}  # fmt: skip
HOSTILE = ["abc", "\x00", "%00", "99999999999999999999", "-1", "0", "1e9", "", " ", "\udcff\udcfe",
           "9" * 5000, "1,2", "__proto__"]  # fmt: skip


def _quoted(value: str) -> str:
    # Lone surrogates stand for bytes that are not UTF-8 (%FF%FE on the wire).
    return quote(value.encode("utf-8", "surrogateescape"), safe="")


def _desk(reviewer: Any) -> Client:
    claim = proposed(reviewer)
    Claim.objects.filter(pk=claim.pk).update(claimant=ClaimantFactory())
    client = Client(raise_request_exception=False)
    client.force_login(reviewer)
    return client


@pytest.mark.slow  # a sweep of every filter: in make test, not the inner loop
@pytest.mark.django_db
@pytest.mark.parametrize("model", CHANGELISTS)
def test_hostile_filter_values_are_never_a_server_error(model: str, reviewer: Any) -> None:
    client = _desk(reviewer)
    url = reverse(f"admin:factbase_{model}_changelist")

    for parameter in CHANGELISTS[model]:
        for value in HOSTILE:
            response = client.get(f"{url}?{parameter}={_quoted(value)}")
            assert response.status_code in (200, 302, 400), (parameter, value, response.status_code)


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["abc", "\x00", "99999999999999999999"])
def test_a_queue_filtered_by_a_bad_article_id_is_empty_not_an_error(
    value: str, reviewer: Any
) -> None:
    client = _desk(reviewer)

    response = client.get(reverse("admin:factbase_claim_changelist"), {"article": value})

    assert response.status_code in (200, 400)
    if response.status_code == 200:
        assert "/admin/factbase/claim/" not in response.content.decode().split("result_list")[-1]


@pytest.mark.django_db
@settings(
    max_examples=examples(60),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    model=st.sampled_from(sorted(CHANGELISTS)),
    data=st.data(),
    value=st.one_of(
        st.text(max_size=40),
        st.from_regex(r"\A-?[0-9]{1,30}\Z"),
        st.sampled_from(HOSTILE),
    ),
)
def test_generated_filter_values_are_never_a_server_error(
    model: str, data: st.DataObject, value: str, reviewer: Any
) -> None:
    parameter = data.draw(st.sampled_from(CHANGELISTS[model]))
    client = Client(raise_request_exception=False)
    client.force_login(reviewer)

    url = reverse(f"admin:factbase_{model}_changelist")

    response = client.get(f"{url}?{parameter}={_quoted(value)}")

    assert response.status_code in (200, 302, 400), (parameter, value, response.status_code)


@pytest.mark.django_db
def test_a_claimant_added_in_the_admin_gets_its_key_and_a_second_spelling_is_refused(
    editor: Any,
) -> None:
    client = Client()
    client.force_login(editor)
    add = reverse("admin:factbase_claimant_add")
    form = {"kind": "person", "description": "", "aliases": "[]"}

    client.post(add, {**form, "name": "Dana  Ortiz"})
    client.post(add, {**form, "name": "DANA ORTIZ"})

    assert list(Claimant.objects.values_list("name", "name_key")) == [("Dana Ortiz", "dana ortiz")]
