"""Request and response examples for the write operations, from the seed article
(seeds/000_dffdebd4e61e869e: Al Jazeera, 27 March 2025), so that the documentation and
schema-driven fuzzing's examples phase send realistic bodies."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample

SEED_URL = (
    "https://www.aljazeera.com/news/2025/3/27/"
    "frances-macron-says-not-all-european-countries-agree-on-force-for-ukraine"
)
SENTENCE = (
    "“It is not unanimous,” he said after wrapping up a summit on strengthening Kyiv’s "  # noqa: RUF001
    "hand and its military as it pushes for a ceasefire with Moscow."
)
CLAIM = {
    "id": 3,
    "text": SENTENCE,
    "claim_reviewed": "Not every European country agrees on a force for Ukraine",
    "kind": "quote",
    "claimant": {"id": 1, "name": "Emmanuel Macron", "kind": "person"},
    "status": "in_review",
    "verdict": None,
    "verdict_summary": "",
    "checkworthiness": 0.72,
    "detector": "rules",
    "annotations": [
        {
            "id": 3,
            "article": 1,
            "start": 371,
            "end": 516,
            "exact": SENTENCE,
            "prefix": "dent Emmanuel Macron has said.\n\n",
            "suffix": " “We do not need unanimity to ac",
        }
    ],
    "evidence_count": 1,
    "version": 4,
    "created_at": "2025-03-27T10:02:11.204311Z",
    "updated_at": "2025-03-27T11:40:05.918022Z",
    "published_at": None,
}
EVIDENCE = {
    "id": 7,
    "claim": 3,
    "source": {
        "id": 5,
        "url": "https://www.elysee.fr/emmanuel-macron/2025/03/27/sommet-pour-la-paix",
        "title": "Summit for peace and security for Ukraine: press conference",
        "publisher": "Élysée",
        "published_at": "2025-03-27",
        "archived_url": None,
    },
    "stance": "supports",
    "excerpt": "It is not unanimous.",
    "note": "The press conference transcript has the quote word for word.",
    "version": 1,
    "created_at": "2025-03-27T11:40:05.918022Z",
    "updated_at": "2025-03-27T11:40:05.918022Z",
}


def request(summary: str, value: object) -> OpenApiExample:
    return OpenApiExample(summary, value=value, request_only=True)


def response(summary: str, value: object, status: int = 200) -> OpenApiExample:
    return OpenApiExample(summary, value=value, response_only=True, status_codes=[str(status)])


ARTICLE_CREATE = [
    request(
        "The seed article",
        {
            "title": "France's Macron says not all European countries agree on force for Ukraine",
            "text": "French President Emmanuel Macron says there was no unanimity regarding "
            "proposed deployment of troops in Ukraine after a potential ceasefire.",
            "url": SEED_URL,
            "publisher": "Al Jazeera English",
            "published_at": "2025-03-27T00:00:00Z",
            "language": "en",
        },
    ),
]
CLAIM_CREATE = [
    request(
        "A quote anchored to its sentence",
        {
            "annotation": {"article": 1, "start": 371, "end": 516, "exact": SENTENCE},
            "kind": "quote",
            "claimant": {"name": "Emmanuel Macron", "kind": "person"},
        },
    ),
    response("The new claim", {**CLAIM, "status": "new", "evidence_count": 0, "version": 1}, 201),
]
CLAIM_UPDATE = [
    request("Name the claimant", {"claimant": {"name": "Emmanuel Macron", "kind": "person"}}),
    response("The edited claim", CLAIM),
]
CLAIM_TRANSITION = [
    request(
        "Propose a verdict",
        {
            "action": "propose",
            "verdict": "true",
            "summary": "The Élysée transcript has Macron saying it, word for word.",
        },
    ),
    request("Send back", {"action": "send_back", "note": "Cite the transcript, not a report."}),
    response(
        "Proposed",
        {**CLAIM, "status": "awaiting_approval", "verdict": "true", "version": 5},
    ),
]
EVIDENCE_CREATE = [
    request(
        "The press conference transcript",
        {
            "url": EVIDENCE["source"]["url"],  # type: ignore[index]
            "stance": "supports",
            "excerpt": "It is not unanimous.",
            "note": "The press conference transcript has the quote word for word.",
            "title": "Summit for peace and security for Ukraine: press conference",
            "publisher": "Élysée",
            "published_at": "2025-03-27",
        },
    ),
    response("The evidence", EVIDENCE, 201),
]
EVIDENCE_UPDATE = [
    request("Reword the note", {"note": "Transcript, 27 March 2025, at 21:14."}),
    response("The edited evidence", {**EVIDENCE, "version": 2}),
]
