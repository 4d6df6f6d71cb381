"""The authorization matrix, generated from the URL configuration and the schema.

Every endpoint of api/v1/urls.py x every HTTP method x six callers x the objects it can
address (published, unpublished, missing) is one cell with an expected status. A new
endpoint or method without an expectation fails `test_every_endpoint_has_an_expectation`.

The rules (DESIGN.md "Privacy", "Auth"):
- expired and revoked tokens get 401 everywhere;
- what a caller may not see is a 404 (never a 403) and is absent from every list;
- writes by anonymous callers are 401; by users outside the groups 403, or 404 when the
  object is invisible to them; desk-only reads (history, transitions) are 401 for
  anonymous callers and 403 for outsiders whatever the id, so neither tells an existing
  unpublished claim from a missing one;
- an unsupported method is 405; HEAD answers as GET does.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest
from django.db import transaction
from django.urls import URLPattern, resolve
from rest_framework.test import APIClient

from api.v1.urls import urlpatterns
from factbase.models import Annotation, Claim, Evidence
from tests.reliability.conftest import Figures, World

CALLERS = ("anonymous", "outsider", "editor", "reviewer", "expired", "revoked")
ROLES = CALLERS[:4]
DESK = ("editor", "reviewer")
METHODS = ("GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE")
PROBLEM = "application/problem+json"
MISSING_ID = 987_654_321


def each(status: int) -> tuple[int, int, int, int]:
    return (status, status, status, status)


# (route name, method) -> {object: (anonymous, outsider, editor, reviewer)}.
# Objects: "list" (no id), "public" (always visible), "published" and "hidden" (a claim,
# its evidence or annotation, published or not), "missing" (an id that does not exist).
PUBLIC_READ = {"published": each(200), "hidden": (404, 404, 200, 200), "missing": each(404)}
ONLY_PUBLISHED = {"published": each(200), "hidden": each(404), "missing": each(404)}
LOOKUP = {"public": each(200), "missing": each(404)}
DESK_ONLY = {"published": (401, 403, 200, 200), "hidden": (401, 403, 200, 200)}
EXPECT: dict[tuple[str, str], dict[str, tuple[int, int, int, int]]] = {
    ("article-list", "GET"): {"list": each(200)},
    ("article-list", "POST"): {"list": (401, 403, 201, 201)},
    ("article-list", "OPTIONS"): {"list": each(200)},
    ("article-detail", "GET"): LOOKUP,
    ("article-detail", "OPTIONS"): LOOKUP | {"missing": each(200)},
    ("claim-list", "GET"): {"list": each(200)},
    ("claim-list", "POST"): {"list": (401, 403, 201, 201)},
    ("claim-list", "OPTIONS"): {"list": each(200)},
    ("claim-detail", "GET"): PUBLIC_READ,
    # A published claim must be reopened before it is edited: 409 for the desk.
    ("claim-detail", "PATCH"): {
        "published": (401, 403, 409, 409),
        "hidden": (401, 403, 200, 200),
        "missing": (401, 403, 404, 404),
    },
    ("claim-detail", "OPTIONS"): {k: each(200) for k in PUBLIC_READ},
    # Reopening is a reviewer's action (403 for an editor); dismissing anyone's on the desk.
    ("claim-transitions", "POST"): {
        "published": (401, 403, 403, 200),
        "hidden": (401, 403, 200, 200),
        "missing": (401, 403, 404, 404),
    },
    ("claim-transitions", "OPTIONS"): DESK_ONLY | {"missing": (401, 403, 200, 200)},
    ("claim-history", "GET"): DESK_ONLY | {"missing": (401, 403, 404, 404)},
    ("claim-history", "OPTIONS"): DESK_ONLY | {"missing": (401, 403, 200, 200)},
    ("claim-evidence", "GET"): PUBLIC_READ,
    ("claim-evidence", "POST"): {
        "published": (401, 403, 409, 409),
        "hidden": (401, 404, 201, 201),
        "missing": (401, 404, 404, 404),
    },
    # OPTIONS looks the claim up: an invisible claim is as absent here as anywhere.
    ("claim-evidence", "OPTIONS"): PUBLIC_READ,
    ("claim-claimreview", "GET"): ONLY_PUBLISHED,
    ("claim-claimreview", "OPTIONS"): {k: each(200) for k in ONLY_PUBLISHED},
    ("evidence-detail", "GET"): PUBLIC_READ,
    ("evidence-detail", "PATCH"): {
        "published": (401, 403, 409, 409),
        "hidden": (401, 403, 200, 200),
        "missing": (401, 403, 404, 404),
    },
    ("evidence-detail", "DELETE"): {
        "published": (401, 403, 409, 409),
        "hidden": (401, 403, 204, 204),
        "missing": (401, 403, 404, 404),
    },
    ("evidence-detail", "OPTIONS"): {k: each(200) for k in PUBLIC_READ},
    ("claimant-list", "GET"): {"list": each(200)},
    ("claimant-list", "OPTIONS"): {"list": each(200)},
    # Claimants and sources: "published" is one of a published claim, "hidden" one of an
    # unpublished claim only (who is being checked, and with what, is unpublished work).
    ("claimant-detail", "GET"): PUBLIC_READ,
    ("claimant-detail", "OPTIONS"): {k: each(200) for k in PUBLIC_READ},
    ("source-list", "GET"): {"list": each(200)},
    ("source-list", "OPTIONS"): {"list": each(200)},
    ("source-detail", "GET"): PUBLIC_READ,
    ("source-detail", "OPTIONS"): {k: each(200) for k in PUBLIC_READ},
    ("claimreview-list", "GET"): {"list": each(200)},
    ("claimreview-list", "OPTIONS"): {"list": each(200)},
    ("annotation-list", "GET"): {"list": each(200)},
    ("annotation-list", "OPTIONS"): {"list": each(200)},
    ("annotation-detail", "GET"): ONLY_PUBLISHED,
    ("annotation-detail", "OPTIONS"): {k: each(200) for k in ONLY_PUBLISHED},
    # Claim matching: anyone asks about a text; a claim's matches are the desk's.
    ("match-list", "GET"): {"list": each(200)},
    ("match-list", "OPTIONS"): {"list": each(200)},
    ("claim-matches", "GET"): DESK_ONLY | {"missing": (401, 403, 404, 404)},
    ("claim-matches", "OPTIONS"): DESK_ONLY | {"missing": (401, 403, 200, 200)},
    ("externalfactcheck-list", "GET"): {"list": each(200)},
    ("externalfactcheck-list", "OPTIONS"): {"list": each(200)},
    ("externalfactcheck-detail", "GET"): LOOKUP,
    ("externalfactcheck-detail", "OPTIONS"): {k: each(200) for k in LOOKUP},
    ("schema", "GET"): {"list": each(200)},
    ("schema", "OPTIONS"): {"list": each(200)},
    ("docs", "GET"): {"list": each(200)},
    # The documentation pages answer GET only (metadata_class=None).
    ("docs", "OPTIONS"): {"list": each(405)},
    ("redoc", "GET"): {"list": each(200)},
    ("redoc", "OPTIONS"): {"list": each(405)},
}

# Cells where the application answers otherwise today: bugs (conftest.BUGS), not rules.
# Each entry names its bug: `KNOWN_BUGS[(route, method, caller, object)] = BUGS[id]`.
KNOWN_BUGS: dict[tuple[str, str, str, str], str] = {}


def supported_methods(pattern: URLPattern) -> list[str]:
    allowed = list(pattern.callback.view_class().allowed_methods)
    return [*allowed, "HEAD"] if "GET" in allowed else allowed


def has_id(pattern: URLPattern) -> bool:
    return "<int:pk>" in str(pattern.pattern)


def objects_for(name: str, world: World) -> dict[str, int | None]:
    """The ids each route is asked about: published, hidden and missing objects."""
    published, hidden = world.published, world.hidden
    ids: dict[str, dict[str, int | None]] = {
        "article-detail": {"public": world.article.pk},
        "claimant-detail": {
            "published": _claimant_of(published),
            "hidden": _claimant_of(hidden),
        },
        "source-detail": {
            "published": world.published_evidence.source_id,
            "hidden": world.hidden_evidence.source_id,
        },
        "externalfactcheck-detail": {"public": _any_external()},
        "evidence-detail": {
            "published": world.published_evidence.pk,
            "hidden": world.hidden_evidence.pk,
        },
        "annotation-detail": {
            "published": Annotation.objects.get(claim=published).pk,
            "hidden": Annotation.objects.get(claim=hidden).pk,
        },
    }
    found = ids.get(name, {"published": published.pk, "hidden": hidden.pk})
    return {**found, "missing": MISSING_ID}


def _any_external() -> int:
    from factbase.models import ExternalFactCheck

    check, _ = ExternalFactCheck.objects.get_or_create(
        identifier="matrix-check", defaults={"publisher": "Other Checks", "claim_reviewed": "x"}
    )
    return int(check.pk)


def _claimant_of(claim: Claim) -> int:
    """The claimant of `claim`, given one of its own if it has none."""
    from tests.factories import ClaimantFactory

    claim.refresh_from_db()
    if claim.claimant_id is None:
        claim.claimant = ClaimantFactory(name=f"Claimant of {claim.pk}")
        Claim.objects.filter(pk=claim.pk).update(claimant=claim.claimant)
    return int(claim.claimant_id)  # type: ignore[arg-type]


def body_for(name: str, method: str, state: str, world: World) -> dict[str, Any] | None:
    """A request body the desk could send successfully (so only the caller decides)."""
    if method not in ("POST", "PATCH", "PUT"):
        return None
    if name == "article-list":
        return {
            "title": "Matrix article",
            "text": "The harbour authority spent $4 million on new cranes in 2023.",
        }
    if name == "claim-list":
        from tests.factories import ArticleFactory

        article = ArticleFactory()  # unclaimed; made inside the cell's savepoint
        return {"annotation": {"article": article.pk, "start": 0, "end": 61}}
    if name == "claim-detail":
        return {"text": "Edited by the matrix."}
    if name == "claim-transitions":
        if state == "published":
            return {"action": "reopen", "note": "The matrix reopens it."}
        return {"action": "dismiss", "note": "The matrix dismisses it."}
    if name == "claim-evidence":
        return {"url": "https://evidence.example.org/matrix", "stance": "context"}
    if name == "evidence-detail":
        return {"note": "Edited by the matrix."}
    return {}


def if_match(name: str, pk: int | None) -> dict[str, str]:
    """The current ETag of the object the request addresses (its claim, or itself)."""
    if name in ("claim-detail", "claim-transitions", "claim-evidence"):
        claim = Claim.objects.filter(pk=pk).first()
        return {"HTTP_IF_MATCH": f'"{claim.version}"'} if claim else {"HTTP_IF_MATCH": '"1"'}
    if name == "evidence-detail":
        evidence = Evidence.objects.filter(pk=pk).first()
        return {"HTTP_IF_MATCH": f'"{evidence.version}"'} if evidence else {"HTTP_IF_MATCH": '"1"'}
    return {}


def client(token: str | None) -> APIClient:
    api = APIClient(raise_request_exception=False)
    if token is not None:
        api.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return api


def path_of(pattern: URLPattern, pk: int | None) -> str:
    route = str(pattern.pattern).replace("<int:pk>", str(pk))
    return f"/api/v1/{route}"


def query_for(name: str) -> str:
    from tests.reliability.conftest import WORLD_URL

    if name == "match-list":
        return "?text=harbour+cranes"
    return f"?uri={WORLD_URL}" if name == "annotation-list" else ""


def expected_status(name: str, method: str, caller: str, state: str, supported: list[str]) -> int:
    if caller in ("expired", "revoked"):
        return 401
    if method not in supported:
        return 405
    key = (name, "GET" if method == "HEAD" else method)
    return EXPECT[key][state][ROLES.index(caller)]


def send(pattern: URLPattern, method: str, caller: str, state: str, pk: int | None, world: World):
    name = pattern.name
    body = body_for(name, method, state, world)
    headers = (
        if_match(name, pk) if method in ("PATCH", "DELETE") or name == "claim-transitions" else {}
    )
    path = path_of(pattern, pk) + query_for(name)
    data = json.dumps(body) if body is not None else None
    return client(world.tokens[caller]).generic(
        method, path, data=data or "", content_type="application/json", **headers
    )


def test_every_endpoint_has_an_expectation() -> None:
    routes = {p.name: p for p in urlpatterns}
    missing = [
        (p.name, method)
        for p in urlpatterns
        for method in supported_methods(p)
        if method != "HEAD" and (p.name, method) not in EXPECT
    ]
    assert missing == [], f"endpoints without an expectation in the matrix: {missing}"
    stale = [key for key in EXPECT if key[0] not in routes]
    assert stale == [], f"expectations for endpoints that no longer exist: {stale}"
    for (name, method), objects in EXPECT.items():
        wanted = {"published", "hidden", "missing"} if has_id(routes[name]) else {"list"}
        if set(objects) == {"public", "missing"}:
            wanted = {"public", "missing"}
        assert set(objects) == wanted, (name, method, sorted(objects))


def test_every_operation_of_the_schema_is_in_the_matrix(anon: APIClient) -> None:
    schema = anon.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    operations = [
        (path, method.upper())
        for path, item in schema["paths"].items()
        for method in item
        if method in ("get", "post", "put", "patch", "delete")
    ]
    assert len(operations) >= 20
    for path, method in operations:
        match = resolve(path.replace("{id}", "1"))
        assert (match.url_name, method) in EXPECT, (path, method)


# Every route x method x caller x object: about 30 s, so the inner loop leaves it out.
@pytest.mark.slow
@pytest.mark.django_db
def test_every_endpoint_method_and_caller_gets_the_status_the_rules_give(
    world: World, figures: Figures
) -> None:
    cells, wrong, known = 0, [], Counter()
    for pattern in urlpatterns:
        supported = supported_methods(pattern)
        objects = objects_for(pattern.name, world) if has_id(pattern) else {"list": None}
        for state, pk in objects.items():
            for method in METHODS:
                for caller in CALLERS:
                    want = expected_status(pattern.name, method, caller, state, supported)
                    savepoint = transaction.savepoint()
                    response = send(pattern, method, caller, state, pk, world)
                    transaction.savepoint_rollback(savepoint)
                    cells += 1
                    got = response.status_code
                    if (
                        got >= 400
                        and method != "HEAD"
                        and not response["Content-Type"].startswith(PROBLEM)
                    ):
                        wrong.append(
                            (
                                pattern.name,
                                method,
                                caller,
                                state,
                                "problem+json",
                                response["Content-Type"],
                            )
                        )
                    cell = (pattern.name, method, caller, state)
                    if cell in KNOWN_BUGS and got != want:
                        known[cell] += 1
                    elif got != want:
                        wrong.append((pattern.name, method, caller, state, want, got))
    figures.add(
        "matrix",
        endpoints=len(urlpatterns),
        methods=len(METHODS),
        callers=len(CALLERS),
        cells=cells,
        wrong=len(wrong),
        known_bug_cells=sum(known.values()),
    )
    assert wrong == [], "\n".join(map(str, wrong))
    # A known bug that no longer reproduces must leave KNOWN_BUGS (and its xfail marker).
    fixed = [cell for cell in KNOWN_BUGS if known[cell] == 0]
    assert fixed == [], f"fixed: remove from KNOWN_BUGS and drop the xfail: {fixed}"
    assert cells >= 1000


def list_urls(world: World) -> list[str]:
    """Every list, search and feed, with each filter that could let an unpublished claim in."""
    from factbase.models import ClaimKind, ClaimStatus, Verdict
    from tests.reliability.conftest import WORLD_URL

    orderings = ["id", "created_at", "updated_at", "published_at", "checkworthiness"]
    claims = [
        "/api/v1/claims/",
        "/api/v1/claims/?page_size=100",
        f"/api/v1/claims/?article={world.article.pk}",
        "/api/v1/claims/?published_after=2000-01-01T00:00:00Z",
        "/api/v1/claims/?published_before=2999-01-01T00:00:00Z",
        *[f"/api/v1/claims/?status={s}" for s in ClaimStatus.values],
        *[f"/api/v1/claims/?verdict={v}" for v in Verdict.values],
        *[f"/api/v1/claims/?kind={k}" for k in ClaimKind.values],
        *[f"/api/v1/claims/?q={marker}" for marker in world.markers],
        *[
            f"/api/v1/claims/?ordering={sign}{o}&page_size=1"
            for o in orderings
            for sign in ("", "-")
        ],
    ]
    return [
        *claims,
        # Public by design as last published; its draft edit is among the markers.
        f"/api/v1/claims/{world.reopened.pk}/",
        "/api/v1/articles/",
        f"/api/v1/articles/{world.article.pk}/",
        "/api/v1/claimreview/",
        "/api/v1/claimreview/?page_size=1",
        f"/api/v1/annotations/?uri={WORLD_URL}",
        f"/api/v1/claims/{world.published.pk}/evidence/",
        f"/api/v1/claims/{world.reopened.pk}/evidence/",
        "/api/v1/sources/",
        "/api/v1/claimants/",
    ]


def walk(api: APIClient, url: str) -> list[Any]:
    """Every page of a list, following `next` links to the end."""
    pages = []
    while url:
        response = api.get(url)
        assert response.status_code == 200, (url, response.status_code, response.content[:300])
        pages.append(response)
        body = response.json()
        url = body.get("next") if isinstance(body, dict) else None
        url = url.replace("http://testserver", "") if url else None
    return pages


def claim_ids(body: Any) -> set[int]:
    """Ids of claims named anywhere in a body: claim objects, claim URLs, embedded claims."""
    text = json.dumps(body)
    ids = set()
    for claim in Claim.objects.all():
        if f"/api/v1/claims/{claim.pk}/" in text:
            ids.add(claim.pk)
    results = body.get("results", []) if isinstance(body, dict) else []
    for item in [*results, *(body.get("claims", []) if isinstance(body, dict) else [])]:
        if isinstance(item, dict) and "status" in item and "text" in item:
            ids.add(item["id"])
    return ids


@pytest.mark.slow  # a sweep: in make test, not the inner loop
@pytest.mark.django_db
@pytest.mark.parametrize("caller", ["anonymous", "outsider"])
def test_unpublished_claims_are_absent_from_every_list_search_and_feed(
    caller: str, world: World, figures: Figures
) -> None:
    api = client(world.tokens[caller])
    hidden = {c.pk for c in world.never_published}
    pages = 0
    for url in list_urls(world):
        for response in walk(api, url):
            pages += 1
            body = response.json()
            leaked = [m for m in world.markers if m in response.content.decode()]
            assert leaked == [], (caller, url, leaked)
            assert not claim_ids(body) & hidden, (caller, url, claim_ids(body) & hidden)
    published = {c["id"] for c in api.get("/api/v1/claims/?page_size=100").json()["results"]}
    assert published == {world.published.pk, world.reopened.pk}
    figures.add("absence", caller=caller, urls=len(list_urls(world)), pages=pages)


# A reopened fact-check: public as last published, its draft hunted --------------------

# One marker a field of the draft work on the world's reopened claim, beyond its text.
DRAFT_MARKERS = {
    "claimant.name": "zqdraftclaimant",
    "evidence.note": "zqdraftevidence",
    "source.url": "zqdraftsourceurl",
    "source.title": "zqdraftsourcetitle",
    "edited evidence.note": "zqdraftedited",
    "verdict_summary": "zqdraftsummary",
}
DRAFT_SOURCE_URL = f"https://{DRAFT_MARKERS['source.url']}.example.org/stadium-2024"
PUBLISHED_SOURCE_URL = "https://evidence.example.org/stadium"  # the world's reopened claim's


@pytest.fixture
def reworked(world: World) -> Claim:
    """The world's reopened claim, further worked on: another claimant, new evidence on a
    new source, its published evidence edited, a new verdict proposed (`false`, where the
    published one is `mostly_true`)."""
    from factbase import review, services
    from factbase.models import Claimant

    editor = world.users["editor"]
    claim = Claim.objects.get(pk=world.reopened.pk)
    claim = services.claim_update(
        claim=claim,
        actor=editor,
        expected_version=claim.version,
        changes={"claimant": Claimant.objects.create(name=DRAFT_MARKERS["claimant.name"])},
    )
    services.evidence_add(
        claim=claim,
        actor=editor,
        url=DRAFT_SOURCE_URL,
        stance="refutes",
        note=DRAFT_MARKERS["evidence.note"],
        source_defaults={"title": DRAFT_MARKERS["source.title"]},
    )
    published = Evidence.objects.get(claim=claim, source__url=PUBLISHED_SOURCE_URL)
    services.evidence_update(
        evidence=published,
        expected_version=published.version,
        changes={"note": DRAFT_MARKERS["edited evidence.note"], "stance": "refutes"},
        actor=editor,
    )
    claim.refresh_from_db()
    return review.claim_transition(
        claim=claim,
        actor=editor,
        action="propose",
        verdict="false",
        summary=DRAFT_MARKERS["verdict_summary"],
    )


@pytest.mark.slow  # a sweep: in make test, not the inner loop
@pytest.mark.django_db
@pytest.mark.parametrize("caller", ["anonymous", "outsider"])
def test_a_reopened_claim_is_public_as_last_published_and_its_draft_nowhere(
    caller: str, world: World, reworked: Claim, figures: Figures
) -> None:
    api = client(world.tokens[caller])
    markers = (*world.markers, *DRAFT_MARKERS.values())
    pages = 0
    for url in [*list_urls(world), f"/api/v1/claims/?claimant={reworked.claimant_id}"]:
        for response in walk(api, url):
            pages += 1
            leaked = [m for m in markers if m in response.content.decode()]
            assert leaked == [], (caller, url, leaked)
    detail = api.get(f"/api/v1/claims/{reworked.pk}/")
    assert detail.status_code == 200
    body = detail.json()
    assert "zqreopenedmarker" in body["text"]  # the published text
    assert (body["status"], body["verdict"], body["verdict_summary"]) == (
        "in_review",
        "mostly_true",
        "zqreopenedsummary",
    )
    assert body["evidence_count"] == 1
    (evidence,) = api.get(f"/api/v1/claims/{reworked.pk}/evidence/").json()["results"]
    assert (evidence["source"]["url"], evidence["stance"]) == (PUBLISHED_SOURCE_URL, "supports")
    # Filters and search answer on the published values: none is an oracle on the draft.
    found = {
        query: {c["id"] for c in api.get(f"/api/v1/claims/?{query}").json()["results"]}
        for query in (
            "verdict=false",
            "verdict=mostly_true",
            f"claimant={reworked.claimant_id}",
            "status=awaiting_approval",
            "q=zqreopenededit",
            "q=zqreopenedmarker",
        )
    }
    assert found == {
        "verdict=false": set(),
        "verdict=mostly_true": {world.published.pk, reworked.pk},
        f"claimant={reworked.claimant_id}": set(),
        "status=awaiting_approval": set(),
        "q=zqreopenededit": set(),
        "q=zqreopenedmarker": {reworked.pk},
    }
    figures.add("absence", caller=f"{caller} (reopened draft)", pages=pages)


@pytest.mark.django_db
@pytest.mark.parametrize("caller", ["anonymous", "outsider"])
def test_a_reopened_claims_published_sources_are_public_and_its_drafts_not(
    caller: str, world: World, reworked: Claim
) -> None:
    from factbase.models import Source

    api = client(world.tokens[caller])
    published, drafted = (
        Source.objects.get(url=PUBLISHED_SOURCE_URL),
        Source.objects.get(url=DRAFT_SOURCE_URL),
    )
    sources = {s["url"] for s in walk_results(api, "/api/v1/sources/")}
    assert sources == {"https://evidence.example.org/budget", PUBLISHED_SOURCE_URL}
    assert api.get(f"/api/v1/sources/{published.pk}/").status_code == 200
    assert api.get(f"/api/v1/sources/{drafted.pk}/").status_code == 404
    assert api.get(f"/api/v1/claimants/{reworked.claimant_id}/").status_code == 404
    draft_evidence = Evidence.objects.get(claim=reworked, source=drafted)
    assert api.get(f"/api/v1/evidence/{draft_evidence.pk}/").status_code == 404
    desk = client(world.tokens["editor"])
    assert DRAFT_SOURCE_URL in {s["url"] for s in walk_results(desk, "/api/v1/sources/")}
    assert desk.get(f"/api/v1/claimants/{reworked.claimant_id}/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("caller", ["anonymous", "outsider"])
def test_the_claimant_a_reopened_claim_was_published_with_is_public_the_drafts_not(
    caller: str, world: World
) -> None:
    """Public with the version shown: a republication hands it over, a dismissal ends it."""
    from factbase import review, services
    from tests.factories import ClaimantFactory, anchored_claim

    editor, reviewer = world.users["editor"], world.users["reviewer"]
    api = client(world.tokens[caller])
    first, second = ClaimantFactory(name="Stadium Authority"), ClaimantFactory(name="zqdraftwho")

    def step(claim: Claim, actor: Any, action: str, **kw: Any) -> Claim:
        return review.claim_transition(claim=claim, actor=actor, action=action, **kw)

    def approve(claim: Claim) -> Claim:
        claim = step(claim, editor, "propose", verdict="false", summary="Checked.")
        return step(claim, reviewer, "approve", expected_version=claim.version)

    def visible() -> set[str]:
        names = {c["name"] for c in walk_results(api, "/api/v1/claimants/")}
        for claimant in (first, second):
            status = api.get(f"/api/v1/claimants/{claimant.pk}/").status_code
            assert status == (200 if claimant.name in names else 404), (claimant.name, status)
        return names

    claim = anchored_claim(article=world.article, span=(4, 56), claimant=first)
    services.evidence_add(
        claim=claim, actor=editor, url="https://evidence.example.org/arena", stance="refutes"
    )
    claim = approve(step(claim, editor, "start_review"))
    claim = step(claim, reviewer, "reopen", note="Who said it?")
    claim = services.claim_update(
        claim=claim, actor=editor, expected_version=claim.version, changes={"claimant": second}
    )
    assert visible() == {"Stadium Authority"}
    claim = approve(claim)
    assert visible() == {"zqdraftwho"}  # republished: the new version's claimant
    claim = step(claim, reviewer, "reopen", note="Again.")
    assert visible() == {"zqdraftwho"}
    step(claim, editor, "dismiss", note="Withdrawn.")
    assert visible() == set()


@pytest.mark.django_db
def test_the_desk_sees_every_unpublished_claim_in_lists_and_searches(world: World) -> None:
    api = client(world.tokens["editor"])
    listed = {c["id"] for c in api.get("/api/v1/claims/?page_size=100").json()["results"]}
    assert listed == {world.published.pk, *(c.pk for c in world.unpublished)}
    body = api.get("/api/v1/claims/?q=zqhiddenmarker").content.decode()
    assert "zqhiddenmarker" in body
    assert "zqsummarymarker" in api.get(f"/api/v1/claims/{world.awaiting.pk}/").content.decode()


# Bugs the matrix found, pinned one by one (fixed in f79bc0d) ----------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("claim", ["hidden", "missing"])
def test_an_anonymous_write_to_an_unpublished_or_missing_claims_evidence_is_a_401(
    claim: str, world: World
) -> None:
    pk = world.hidden.pk if claim == "hidden" else MISSING_ID
    response = client(None).post(
        f"/api/v1/claims/{pk}/evidence/",
        {"url": "https://evidence.example.org/anon", "stance": "context"},
        format="json",
    )
    assert response.status_code == 401
    assert response["Content-Type"].startswith(PROBLEM)


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["docs", "redoc"])
def test_options_on_the_documentation_pages_is_a_405_problem(page: str) -> None:
    response = client(None).options(f"/api/v1/{page}/")
    assert response.status_code == 405
    assert response["Content-Type"].startswith(PROBLEM)


def test_the_schema_lets_anonymous_callers_make_every_read_they_may_make(anon: APIClient) -> None:
    schema = anon.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    demanding, public = [], 0
    for path, item in schema["paths"].items():
        if "get" not in item:
            continue
        name = resolve(path.replace("{id}", "1")).url_name
        if any(row[0] == 200 for row in EXPECT[name, "GET"].values()):
            public += 1
            if {} not in item["get"].get("security", [{}]):
                demanding.append(path)
    assert demanding == []
    assert public >= 10


# Nothing of unpublished work leaks through its related objects ---------------------------

# One marker a field, in every object hung on an unpublished claim. (The article is not
# among them: it is the published news piece, public whatever the state of its claims.)
RELATED_MARKERS = {
    "claimant.name": "zqclaimantname",
    "claimant.description": "zqclaimantdescription",
    "claimant.aliases": "zqclaimantalias",
    "source.url": "zqsourceurl",
    "source.title": "zqsourcetitle",
    "source.publisher": "zqsourcepublisher",
    "source.archived_url": "zqsourcearchive",
    "evidence.excerpt": "zqevidenceexcerpt",
    "evidence.note": "zqevidencenote",
    "annotation.exact": "zqannotationexact",
    "annotation.prefix": "zqannotationprefix",
    "annotation.suffix": "zqannotationsuffix",
}


@pytest.fixture
def related(world: World) -> dict[str, Any]:
    """A claimant, a source (through evidence) and an annotation, each marked in every
    field, on each unpublished claim; a published claim shares none of them."""
    from factbase.models import Claimant, Source

    m = RELATED_MARKERS
    claimant = Claimant.objects.create(
        name=m["claimant.name"],
        description=m["claimant.description"],
        aliases=[m["claimant.aliases"]],
    )
    source = Source.objects.create(
        url=f"https://{m['source.url']}.example.org/report",
        title=m["source.title"],
        publisher=m["source.publisher"],
        archived_url=f"https://archive.example.org/{m['source.archived_url']}",
    )
    for n, claim in enumerate(world.never_published):
        Claim.objects.filter(pk=claim.pk).update(claimant=claimant)
        Evidence.objects.create(
            claim=claim,
            source=source,
            stance="supports",
            excerpt=m["evidence.excerpt"],
            note=m["evidence.note"],
        )
        Annotation.objects.create(
            claim=claim,
            article=world.article,
            start=n,
            end=n + len(m["annotation.exact"]),
            exact=m["annotation.exact"],
            prefix=m["annotation.prefix"],
            suffix=m["annotation.suffix"],
        )
    return {"claimant": claimant, "source": source}


@pytest.mark.slow  # a sweep: in make test, not the inner loop
@pytest.mark.django_db
@pytest.mark.parametrize("caller", ["anonymous", "outsider"])
def test_nothing_attached_only_to_unpublished_claims_leaks_on_any_page(
    caller: str, world: World, related: dict[str, Any], figures: Figures
) -> None:
    api = client(world.tokens[caller])
    details = [
        f"/api/v1/claimants/{related['claimant'].pk}/",
        f"/api/v1/sources/{related['source'].pk}/",
    ]
    pages = 0
    for url in [*list_urls(world), *details]:
        for fmt in ("json", "api"):
            joined = "&" if "?" in url else "?"
            first = f"{url}{joined}format={fmt}"
            responses = (
                walk(api, first) if fmt == "json" and url not in details else [api.get(first)]
            )
            for response in responses:
                pages += 1
                text = response.content.decode()
                leaked = [f for f, marker in RELATED_MARKERS.items() if marker in text]
                assert leaked == [], (caller, first, response.status_code, leaked)
    for url in details:
        response = api.get(url)
        assert response.status_code == 404, (caller, url)
        assert response["Content-Type"] == PROBLEM
    figures.add("related absence", caller=caller, pages=pages)


@pytest.mark.django_db
def test_claimants_and_sources_of_published_claims_stay_public(
    world: World, related: dict[str, Any]
) -> None:
    api = client(None)
    sources = {s["url"] for s in walk_results(api, "/api/v1/sources/")}
    assert "https://evidence.example.org/budget" in sources  # the published claim's
    assert "https://evidence.example.org/teachers" not in sources  # in review only
    assert api.get(f"/api/v1/sources/{world.published_evidence.source_id}/").status_code == 200
    Claim.objects.filter(pk=world.published.pk).update(claimant=related["claimant"])
    names = {c["name"] for c in walk_results(api, "/api/v1/claimants/")}
    assert names == {RELATED_MARKERS["claimant.name"]}
    assert api.get(f"/api/v1/claimants/{related['claimant'].pk}/").status_code == 200
    desk = client(world.tokens["editor"])
    assert "https://evidence.example.org/teachers" in {
        s["url"] for s in walk_results(desk, "/api/v1/sources/")
    }


def walk_results(api: APIClient, url: str) -> list[Any]:
    return [item for page in walk(api, url) for item in page.json()["results"]]
