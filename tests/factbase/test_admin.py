"""The editorial desk in the Django admin: the queue, the claim and article pages, the rules."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from factbase import review, services
from factbase.ingest import article_ingest, clean_article
from factbase.models import (
    Claim,
    ClaimKind,
    ClaimStatus,
    Evidence,
    ReviewAction,
    ReviewEvent,
    Source,
    Verdict,
)
from tests.factories import (
    ArticleFactory,
    ClaimantFactory,
    EvidenceFactory,
    UserFactory,
    anchored_claim,
)

pytestmark = pytest.mark.django_db

S, A = ClaimStatus, ReviewAction
QUEUE = reverse("admin:factbase_claim_changelist")
# The three sentences of tests.factories.ARTICLE_TEXT.
BUDGET, TEACHERS, TAXES = (0, 61), (62, 117), (118, 163)


def change_url(claim: Claim) -> str:
    return reverse("admin:factbase_claim_change", args=[claim.pk])


def transition_url(claim: Claim) -> str:
    return reverse("admin:factbase_claim_transition", args=[claim.pk])


def article_url(article: Any) -> str:
    return reverse("admin:factbase_article_change", args=[article.pk])


def login(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def html(response: Any) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def queue_ids(response: Any) -> list[int]:
    """The claim ids of the queue's rows, in order."""
    return [
        int(pk)
        for pk in re.findall(r'href="/admin/factbase/claim/(\d+)/change/[^"]*"', html(response))
    ]


def messages_of(response: Any) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def follow_messages(client: Client, response: Any) -> list[str]:
    assert response.status_code == 302, response.status_code
    return [str(m) for m in client.get(response["Location"]).context["messages"]]


def propose(claim: Claim, actor: Any) -> Claim:
    EvidenceFactory(claim=claim)
    claim.refresh_from_db()
    claim = review.claim_transition(claim=claim, actor=actor, action=A.START_REVIEW)
    return review.claim_transition(
        claim=claim, actor=actor, action=A.PROPOSE, verdict=Verdict.TRUE, summary="It checks out."
    )


def approve(claim: Claim, actor: Any) -> Claim:
    return review.claim_transition(
        claim=claim, actor=actor, action=A.APPROVE, expected_version=claim.version
    )


def transition(client: Client, claim: Claim, action: str, **fields: Any) -> Any:
    return client.post(
        transition_url(claim), {"action": action, "expected_version": claim.version, **fields}
    )


def change_form_data(claim: Claim, **overrides: Any) -> dict[str, Any]:
    """What the claim page posts back unchanged, with the version it was loaded with."""
    data = {
        "text": claim.text,
        "kind": claim.kind,
        "claimant": claim.claimant_id or "",
        "expected_version": claim.version,
        "evidence-TOTAL_FORMS": 0,
        "evidence-INITIAL_FORMS": 0,
        "evidence-MIN_NUM_FORMS": 0,
        "evidence-MAX_NUM_FORMS": 1000,
    }
    data.update(overrides)
    return data


# The review queue ----------------------------------------------------------------------------


def test_queue_shows_text_claimant_kind_status_verdict_worthiness_and_article(editor: Any) -> None:
    claimant = ClaimantFactory(name="Dana Ortiz")
    article = ArticleFactory(title="Council passes budget")
    anchored_claim(article=article, claimant=claimant, checkworthiness=0.83)

    page = html(login(editor).get(QUEUE))

    for expected in (
        "The city council approved a budget",
        "Dana Ortiz",
        "Quantity",
        'class="fb-badge fb-status-new"',
        "0.83",
        "Council passes budget",
        article_url(article),
    ):
        assert expected in page


def test_queue_sorts_by_checkworthiness_within_status(editor: Any, reviewer: Any) -> None:
    article = ArticleFactory()
    low_new = anchored_claim(article=article, span=BUDGET, checkworthiness=0.2)
    high_new = anchored_claim(article=article, span=TEACHERS, checkworthiness=0.9)
    reviewing = anchored_claim(article=article, span=TAXES, checkworthiness=0.99)
    review.claim_transition(claim=reviewing, actor=editor, action=A.START_REVIEW)

    ids = queue_ids(login(editor).get(QUEUE))

    assert ids == [high_new.pk, low_new.pk, reviewing.pk]


def test_queue_counts_claims_per_status_in_its_header(editor: Any) -> None:
    article = ArticleFactory()
    for span in (BUDGET, TEACHERS):
        anchored_claim(article=article, span=span)
    dismissed = anchored_claim(article=article, span=TAXES)
    review.claim_transition(claim=dismissed, actor=editor, action=A.DISMISS, note="Opinion.")

    page = html(login(editor).get(QUEUE))

    counts = dict(re.findall(r'<span class="fb-count" data-status="(\w+)">(\d+)</span>', page))
    assert counts == {
        "all": "3",
        "new": "2",
        "in_review": "0",
        "awaiting_approval": "0",
        "published": "0",
        "dismissed": "1",
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status__exact=in_review", {"reviewing"}),
        ("verdict__exact=true", {"proposed"}),
        ("kind__exact=quote", {"quoted"}),
        ("claimant", {"quoted"}),
        ("article", {"elsewhere"}),
        ("q=teachers", {"quoted"}),
        ("q=Dana", {"quoted"}),
    ],
)
def test_queue_filters_and_search_narrow_the_list(
    query: str, expected: set[str], editor: Any
) -> None:
    article, other = ArticleFactory(), ArticleFactory()
    ortiz = ClaimantFactory(name="Dana Ortiz")
    claims = {
        "reviewing": anchored_claim(article=article, span=BUDGET),
        "quoted": anchored_claim(
            article=article, span=TEACHERS, kind=ClaimKind.QUOTE, claimant=ortiz
        ),
        "proposed": anchored_claim(article=article, span=TAXES),
        "elsewhere": anchored_claim(article=other, span=TAXES),
    }
    review.claim_transition(claim=claims["reviewing"], actor=editor, action=A.START_REVIEW)
    propose(claims["proposed"], editor)
    query = {"claimant": f"claimant__id__exact={ortiz.pk}", "article": f"article={other.pk}"}.get(
        query, query
    )

    ids = set(queue_ids(login(editor).get(f"{QUEUE}?{query}")))

    assert ids == {claims[name].pk for name in expected}


def test_waiting_for_my_approval_lists_only_proposals_by_others(editor: Any, reviewer: Any) -> None:
    article = ArticleFactory()
    by_editor = propose(anchored_claim(article=article, span=BUDGET), editor)
    by_me = propose(anchored_claim(article=article, span=TEACHERS), reviewer)
    anchored_claim(article=article, span=TAXES)

    client = login(reviewer)
    waiting = queue_ids(client.get(f"{QUEUE}?mine=to_approve"))
    mine = queue_ids(client.get(f"{QUEUE}?mine=proposed"))

    assert waiting == [by_editor.pk]
    assert mine == [by_me.pk]
    assert 'data-status="mine">1<' in html(client.get(QUEUE))


def test_editors_are_not_offered_a_queue_of_claims_to_approve(editor: Any, reviewer: Any) -> None:
    propose(anchored_claim(), reviewer)

    client = login(editor)
    page = html(client.get(QUEUE))

    assert "Waiting for my approval" not in page
    assert queue_ids(client.get(f"{QUEUE}?mine=to_approve")) == []


@pytest.mark.parametrize("claims", [1, 30])
def test_queue_query_count_does_not_grow_with_the_claims(
    claims: int, reviewer: Any, editor: Any, django_assert_num_queries: Any
) -> None:
    for n in range(claims):
        claim = anchored_claim(claimant=ClaimantFactory())
        if n % 3 == 1:
            propose(claim, editor)
    client = login(reviewer)
    client.get(QUEUE)  # warm the process-wide caches (content types)

    # session, user, permissions (2), counts (2), rows, annotations with articles,
    # the claimant and article filters (2), status counts, the reviewer's own queue.
    with django_assert_num_queries(12):
        response = client.get(QUEUE)

    assert len(queue_ids(response)) == claims


# The claim page ------------------------------------------------------------------------------


def test_claim_page_marks_the_claims_words_and_its_neighbours_in_the_paragraph(
    editor: Any,
) -> None:
    article = ArticleFactory(text="A headline\n" + ArticleFactory.text + "\nAnother paragraph.")
    shift = len("A headline\n")
    claim = anchored_claim(article=article, span=(TEACHERS[0] + shift, TEACHERS[1] + shift))
    neighbour = anchored_claim(article=article, span=(BUDGET[0] + shift, BUDGET[1] + shift))
    elsewhere = anchored_claim(article=article, span=(len(article.text) - 18, len(article.text)))

    page = html(login(editor).get(change_url(claim)))

    assert re.search(
        r'<mark class="[^"]*fb-current[^"]*" id="claim-words">\u201cWe will hire 40 new teachers',
        page,
    )
    assert f'data-claim="{neighbour.pk}"><a href="{change_url(neighbour)}"' in page
    assert f'data-claim="{elsewhere.pk}"' not in page
    assert "A headline" not in page.split('class="fb-paragraph"')[1].split("</p>")[0]


def test_claim_page_offers_only_the_actions_this_user_may_take_now(
    editor: Any, reviewer: Any
) -> None:
    claim = anchored_claim()

    page = html(login(editor).get(change_url(claim)))

    offered = set(re.findall(r'name="action" value="(\w+)"', page))
    assert offered == {A.START_REVIEW, A.DISMISS}
    review.claim_transition(claim=claim, actor=editor, action=A.START_REVIEW)
    page = html(login(editor).get(change_url(claim)))
    assert set(re.findall(r'name="action" value="(\w+)"', page)) == {A.PROPOSE, A.DISMISS}
    assert 'name="verdict"' in page
    assert 'name="summary"' in page


@pytest.mark.parametrize("evidence", [1, 10])
def test_claim_page_query_count_does_not_grow_with_evidence_and_history(
    evidence: int, editor: Any, reviewer: Any, django_assert_num_queries: Any
) -> None:
    claim = anchored_claim(claimant=ClaimantFactory())
    for _ in range(evidence):
        EvidenceFactory(claim=claim, added_by=editor)
    claim.refresh_from_db()
    for _ in range(evidence):
        claim = services.claim_update(
            claim=claim,
            actor=editor,
            expected_version=claim.version,
            changes={"text": f"{claim.text}!"},
        )
    claim = propose(claim, editor)
    client = login(reviewer)
    client.get(change_url(claim))  # warm the process-wide caches (content types)

    # session, user, claim, permissions (2), evidence rows, annotations with the article,
    # neighbours, last proposer, history, claimant (twice: header, widget), and the
    # matches: decisions and two index lookups (nothing matches here: no rows to load).
    with django_assert_num_queries(14):
        page = html(client.get(change_url(claim)))

    assert page.count('class="fb-event ') == evidence + 2  # the edits, start and propose
    # Awaiting approval, the evidence is shown but frozen: no row can be edited or added.
    assert 'name="evidence-0-stance"' not in page


def test_status_is_never_an_editable_field(editor: Any) -> None:
    claim = anchored_claim()
    client = login(editor)

    page = html(client.get(change_url(claim)))
    response = client.post(
        change_url(claim), change_form_data(claim, status=S.PUBLISHED, verdict=Verdict.TRUE)
    )

    assert 'name="status"' not in page
    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.status, claim.verdict) == (S.NEW, "")


def test_workflow_buttons_move_the_claim_through_review(editor: Any, reviewer: Any) -> None:
    claim = anchored_claim()
    EvidenceFactory(claim=claim)
    claim.refresh_from_db()
    editor_client, reviewer_client = login(editor), login(reviewer)

    transition(editor_client, claim, A.START_REVIEW)
    claim.refresh_from_db()
    transition(
        editor_client, claim, A.PROPOSE, verdict=Verdict.MOSTLY_TRUE, summary="Close enough."
    )
    claim.refresh_from_db()
    response = transition(reviewer_client, claim, A.APPROVE)

    assert follow_messages(reviewer_client, response) == ["Approve: the claim is now published."]
    claim.refresh_from_db()
    assert (claim.status, claim.verdict, claim.verdict_summary) == (
        S.PUBLISHED,
        Verdict.MOSTLY_TRUE,
        "Close enough.",
    )
    assert [e.actor for e in claim.events.order_by("id")] == [editor, editor, reviewer]


def test_editors_cannot_approve(editor: Any, other_editor: Any) -> None:
    claim = propose(anchored_claim(), other_editor)
    client = login(editor)

    page = html(client.get(change_url(claim)))
    response = transition(client, claim, A.APPROVE)

    assert 'value="approve"' not in page
    assert "Waiting for a reviewer" in page
    assert follow_messages(client, response) == ["You may not approve claims."]
    claim.refresh_from_db()
    assert claim.status == S.AWAITING_APPROVAL


def test_a_reviewer_cannot_approve_their_own_proposal(reviewer: Any) -> None:
    claim = propose(anchored_claim(), reviewer)
    client = login(reviewer)

    page = html(client.get(change_url(claim)))
    response = transition(client, claim, A.APPROVE)

    assert 'value="approve"' not in page
    assert "another reviewer must approve it" in page
    assert follow_messages(client, response) == [
        "The verdict must be approved by someone other than its proposer."
    ]
    claim.refresh_from_db()
    assert claim.status == S.AWAITING_APPROVAL


@pytest.mark.parametrize("action", [A.DISMISS, A.SEND_BACK, A.REOPEN])
def test_dismiss_send_back_and_reopen_need_a_reason(
    action: str, editor: Any, reviewer: Any, other_reviewer: Any
) -> None:
    claim = anchored_claim()
    if action == A.SEND_BACK:
        claim = propose(claim, editor)
    elif action == A.REOPEN:
        claim = propose(claim, editor)
        claim = approve(claim, other_reviewer)
    client = login(reviewer)

    response = transition(client, claim, action, note="  ")

    assert follow_messages(client, response) == [
        f"A reason is required to {action.replace('_', ' ')}."
    ]
    assert Claim.objects.get(pk=claim.pk).status == claim.status


def test_proposing_needs_a_verdict_and_a_summary(editor: Any) -> None:
    claim = review.claim_transition(claim=anchored_claim(), actor=editor, action=A.START_REVIEW)
    client = login(editor)

    response = transition(client, claim, A.PROPOSE, verdict=Verdict.FALSE, summary="")

    assert follow_messages(client, response) == ["A summary is required to propose."]
    assert Claim.objects.get(pk=claim.pk).status == S.IN_REVIEW


def test_a_workflow_action_from_a_stale_page_changes_nothing(
    editor: Any, other_editor: Any
) -> None:
    claim = anchored_claim()
    loaded_version = claim.version
    review.claim_transition(claim=claim, actor=other_editor, action=A.START_REVIEW)
    client = login(editor)

    response = client.post(
        transition_url(claim),
        {"action": A.DISMISS, "note": "Not a claim.", "expected_version": loaded_version},
    )

    assert "Someone else changed this claim" in follow_messages(client, response)[0]
    claim.refresh_from_db()
    assert claim.status == S.IN_REVIEW
    assert claim.events.count() == 1


def test_editing_goes_through_claim_update_and_is_logged_as_an_edit(editor: Any) -> None:
    claim = anchored_claim()
    ortiz = ClaimantFactory(name="Dana Ortiz")
    client = login(editor)

    response = client.post(
        change_url(claim),
        change_form_data(claim, text="The council approved $12m.", claimant=ortiz.pk),
    )

    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.text, claim.claimant, claim.version) == ("The council approved $12m.", ortiz, 2)
    event = claim.events.get()
    assert (event.action, event.actor) == (A.EDIT, editor)
    assert event.changes == {
        "text": ["The city council approved a budget of $12 million on Tuesday.", claim.text],
        "claimant": [None, "Dana Ortiz"],
    }


def test_saving_from_a_stale_page_is_refused_and_overwrites_nothing(
    editor: Any, other_editor: Any
) -> None:
    claim = anchored_claim()
    first, second = login(editor), login(other_editor)
    html(first.get(change_url(claim)))
    html(second.get(change_url(claim)))
    loaded = Claim.objects.get(pk=claim.pk)

    first_response = first.post(change_url(claim), change_form_data(loaded, text="First edit."))
    second_response = second.post(change_url(claim), change_form_data(loaded, text="Second edit."))

    assert first_response.status_code == 302
    assert "Someone else changed this claim" in html(second_response)
    claim.refresh_from_db()
    assert claim.text == "First edit."
    assert claim.events.filter(action=A.EDIT).count() == 1


def test_a_save_that_loses_a_race_stores_nothing_and_says_why(
    editor: Any, other_editor: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    claim = anchored_claim()
    claim_update = services.claim_update

    def someone_else_saves_first(**kwargs: Any) -> Claim:
        review.claim_transition(claim=claim, actor=other_editor, action=A.START_REVIEW)
        return claim_update(**kwargs)

    monkeypatch.setattr(services, "claim_update", someone_else_saves_first)
    client = login(editor)
    data = change_form_data(
        claim,
        text="My edit.",
        **{
            "evidence-TOTAL_FORMS": 1,
            "evidence-0-claim": claim.pk,
            "evidence-0-url": "https://stats.example.org/budget",
            "evidence-0-stance": "supports",
            "evidence-0-excerpt": "",
            "evidence-0-note": "",
        },
    )

    response = client.post(change_url(claim), data)

    assert "Someone else changed this claim" in follow_messages(client, response)[0]
    claim.refresh_from_db()
    assert claim.text != "My edit."
    assert not Evidence.objects.exists()
    assert not Source.objects.exists()


def test_a_published_claim_is_read_only_until_reopened(editor: Any, reviewer: Any) -> None:
    claim = approve(propose(anchored_claim(), editor), reviewer)

    page = html(login(editor).get(change_url(claim)))

    assert 'name="text"' not in page
    assert 'name="evidence-0-stance"' not in page
    assert "A reviewer can reopen it" in page


def test_evidence_added_on_the_claim_page_finds_or_creates_its_source_by_url(
    editor: Any,
) -> None:
    claim = anchored_claim()
    known = Source.objects.create(url="https://stats.example.org/budget", title="Budget 2025")
    client = login(editor)
    rows = [
        ("https://stats.example.org/budget", "", "supports", "Total: $12,000,000."),
        ("https://minutes.example.org/tuesday", "Council minutes", "context", "Vote on Tuesday."),
    ]
    data = change_form_data(claim, **{"evidence-TOTAL_FORMS": len(rows)})
    for n, (url, title, stance, excerpt) in enumerate(rows):
        data |= {
            f"evidence-{n}-url": url,
            f"evidence-{n}-source_title": title,
            f"evidence-{n}-stance": stance,
            f"evidence-{n}-excerpt": excerpt,
            f"evidence-{n}-note": "",
            f"evidence-{n}-claim": claim.pk,
        }

    response = client.post(change_url(claim), data)

    assert response.status_code == 302, messages_of(response)
    added = list(claim.evidence.select_related("source").order_by("id"))
    assert [(e.source, e.stance, e.added_by) for e in added] == [
        (known, "supports", editor),
        (Source.objects.get(title="Council minutes"), "context", editor),
    ]
    assert Claim.objects.get(pk=claim.pk).version == claim.version + 2


def test_the_same_source_twice_is_refused_on_the_form(editor: Any) -> None:
    evidence = EvidenceFactory(claim=anchored_claim())
    claim = Claim.objects.get(pk=evidence.claim_id)
    client = login(editor)
    data = change_form_data(
        claim,
        **{
            "evidence-TOTAL_FORMS": 2,
            "evidence-INITIAL_FORMS": 1,
            "evidence-0-id": evidence.pk,
            "evidence-0-claim": claim.pk,
            "evidence-0-stance": evidence.stance,
            "evidence-0-excerpt": evidence.excerpt,
            "evidence-0-note": "",
            "evidence-0-expected_version": evidence.version,
            "evidence-1-claim": claim.pk,
            "evidence-1-url": evidence.source.url,
            "evidence-1-stance": "refutes",
            "evidence-1-excerpt": "",
            "evidence-1-note": "",
        },
    )

    page = html(client.post(change_url(claim), data))

    assert "This source is already evidence for the claim." in page
    assert Evidence.objects.count() == 1


def test_evidence_is_edited_and_removed_through_the_services(editor: Any) -> None:
    kept, removed = EvidenceFactory(claim=anchored_claim()), None
    claim = Claim.objects.get(pk=kept.claim_id)
    removed = EvidenceFactory(claim=claim)
    claim.refresh_from_db()
    data = change_form_data(claim, **{"evidence-TOTAL_FORMS": 2, "evidence-INITIAL_FORMS": 2})
    for n, (evidence, stance, delete) in enumerate(((kept, "refutes", ""), (removed, "", "on"))):
        data |= {
            f"evidence-{n}-id": evidence.pk,
            f"evidence-{n}-claim": claim.pk,
            f"evidence-{n}-stance": stance or evidence.stance,
            f"evidence-{n}-excerpt": evidence.excerpt,
            f"evidence-{n}-note": "",
            f"evidence-{n}-expected_version": evidence.version,
            f"evidence-{n}-DELETE": delete,
        }

    response = login(editor).post(change_url(claim), data)

    assert response.status_code == 302
    assert [(e.pk, e.stance, e.version) for e in claim.evidence.all()] == [(kept.pk, "refutes", 2)]


def test_history_shows_every_event_with_its_changes_read_only(editor: Any) -> None:
    claim = anchored_claim()
    claim = services.claim_update(
        claim=claim, actor=editor, expected_version=claim.version, changes={"text": "Budget: $12m."}
    )
    review.claim_transition(claim=claim, actor=editor, action=A.DISMISS, note="Duplicate claim.")

    page = html(login(editor).get(change_url(claim)))
    history = page.split('class="fb-panel fb-history"')[1]

    assert "Dismiss" in history
    assert "Duplicate claim." in history
    assert "<del>The city council approved a budget of $12 million on Tuesday.</del>" in history
    assert "<ins>Budget: $12m.</ins>" in history
    assert "<form" not in history


# The article page ------------------------------------------------------------------------------


def test_article_page_marks_every_claim_and_links_it_to_its_page(
    editor: Any, reviewer: Any
) -> None:
    article = ArticleFactory()
    claims = [anchored_claim(article=article, span=span) for span in (BUDGET, TEACHERS, TAXES)]
    review.claim_transition(claim=claims[1], actor=editor, action=A.START_REVIEW)

    page = html(login(editor).get(article_url(article)))

    marks = re.findall(r'<mark class="fb-mark fb-status-(\w+) [^"]*" id="claim-(\d+)"', page)
    assert marks == [
        ("new", str(claims[0].pk)),
        ("in_review", str(claims[1].pk)),
        ("new", str(claims[2].pk)),
    ]
    for claim in claims:
        assert f'href="{change_url(claim)}"' in page
    assert 'class="fb-panel fb-article-text fb-by-status"' in page


def test_article_page_can_colour_claims_by_verdict(editor: Any, reviewer: Any) -> None:
    article = ArticleFactory()
    claim = approve(propose(anchored_claim(article=article), editor), reviewer)

    page = html(login(editor).get(article_url(article) + "?colour=verdict"))

    assert 'class="fb-panel fb-article-text fb-by-verdict"' in page
    assert f'fb-verdict-true" id="claim-{claim.pk}"' in page


@pytest.mark.parametrize("claims", [1, 30])
def test_article_page_query_count_does_not_grow_with_its_claims(
    claims: int, editor: Any, django_assert_num_queries: Any
) -> None:
    words = "Taxes rose by 3% last year. "
    article = ArticleFactory(text=words * claims)
    for n in range(claims):
        anchored_claim(article=article, span=(n * len(words), (n + 1) * len(words) - 1))
    client = login(editor)
    client.get(article_url(article))  # warm the process-wide caches (content types)

    # session, user, the article, permissions (2), the annotations with their claims.
    with django_assert_num_queries(6):
        page = html(client.get(article_url(article)))

    assert page.count('class="fb-mark ') == claims + 5  # and the five legend swatches


def test_article_and_claim_text_are_escaped_everywhere(editor: Any) -> None:
    payload = '<script>alert("owned")</script>'
    data = clean_article(
        title=f"Budget {payload}",
        text=f"The mayor said {payload} taxes rose by 3% in 2024. Nothing else happened.",
    )
    article = article_ingest(data=data).article
    start = article.text.index(payload)
    claim = services.claim_create(
        article=article, start=start, end=start + len(payload), actor=editor
    )
    client = login(editor)

    pages = [
        html(client.get(QUEUE)),
        html(client.get(change_url(claim))),
        html(client.get(article_url(article))),
    ]

    for page in pages:
        assert payload not in page
        assert "&lt;script&gt;alert(&quot;owned&quot;)&lt;/script&gt;" in page


# The rules --------------------------------------------------------------------------------------


def test_review_events_cannot_be_added_changed_or_deleted_even_by_superusers() -> None:
    boss = UserFactory(username="boss", is_staff=True, is_superuser=True)
    claim = anchored_claim()
    review.claim_transition(claim=claim, actor=boss, action=A.DISMISS, note="Opinion.")
    event = ReviewEvent.objects.get()
    client = login(boss)
    change = reverse("admin:factbase_reviewevent_change", args=[event.pk])

    add = client.get(reverse("admin:factbase_reviewevent_add"))
    edit = client.post(change, {"note": "Rewritten.", "action": A.APPROVE})
    delete = client.post(
        reverse("admin:factbase_reviewevent_delete", args=[event.pk]), {"post": "yes"}
    )
    bulk_delete = client.post(
        reverse("admin:factbase_reviewevent_changelist"),
        {"action": "delete_selected", "_selected_action": [event.pk], "post": "yes"},
    )

    assert add.status_code == 403
    assert edit.status_code == 403
    assert delete.status_code == 403
    assert bulk_delete.status_code in (200, 302)
    assert "Rewritten" not in html(client.get(change))
    assert ReviewEvent.objects.get() == event
    assert ReviewEvent.objects.get().note == "Opinion."


def test_claims_cannot_be_deleted_in_the_admin_even_by_superusers() -> None:
    boss = UserFactory(username="boss", is_staff=True, is_superuser=True)
    claim = anchored_claim()

    response = login(boss).post(
        reverse("admin:factbase_claim_delete", args=[claim.pk]), {"post": "yes"}
    )

    assert response.status_code == 403
    assert Claim.objects.filter(pk=claim.pk).exists()


def test_the_desk_is_closed_to_users_outside_it(outsider: Any) -> None:
    outsider.is_staff = True
    outsider.save()
    claim = anchored_claim()
    client = login(outsider)

    assert client.get(QUEUE).status_code == 403
    assert client.get(change_url(claim)).status_code == 403
    response = transition(client, claim, A.DISMISS, note="No.")
    assert response.status_code == 403
    assert Claim.objects.get(pk=claim.pk).status == S.NEW


def admin_login(client: Client, username: str, password: str) -> Any:
    return client.post(
        reverse("admin:login"), {"username": username, "password": password, "next": QUEUE}
    )


def test_four_failed_logins_leave_the_account_open(editor: Any) -> None:
    client = Client()
    for _ in range(4):
        assert admin_login(client, editor.username, "wrong").status_code == 200

    response = admin_login(client, editor.username, "correct horse battery staple")

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_five_failed_logins_lock_the_account_even_with_the_right_password(editor: Any) -> None:
    client = Client()
    for _ in range(5):
        admin_login(client, editor.username, "wrong")

    response = admin_login(client, editor.username, "correct horse battery staple")

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("model", ["article", "claim", "claimant", "source", "reviewevent"])
def test_every_desk_page_opens_for_an_editor(model: str, editor: Any) -> None:
    claim = propose(anchored_claim(claimant=ClaimantFactory()), editor)
    objects = {
        "article": claim.annotations.get().article,
        "claim": claim,
        "claimant": claim.claimant,
        "source": Source.objects.get(),
        "reviewevent": claim.events.first(),
    }
    client = login(editor)

    change = reverse(f"admin:factbase_{model}_change", args=[objects[model].pk])

    listing = html(client.get(reverse(f"admin:factbase_{model}_changelist")))
    page = html(client.get(change))

    assert f'href="{change}' in listing
    assert str(objects[model]) in page
