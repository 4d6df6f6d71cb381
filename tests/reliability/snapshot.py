"""The API's view of the data as JSON: what a backup restored elsewhere must serve again.

Used in the test process and, after a restore, in a child process on the fresh database
(`python -m tests.reliability.snapshot TOKEN`), so both sides are read the same way.
"""

from __future__ import annotations

import json
import sys
from typing import Any

PAGE = 7  # small pages, so cursors (which carry sort values) are part of what is compared


def snapshot(token: str) -> dict[str, Any]:
    """Every list (all pages), detail, history, evidence and feed, as the desk and the public."""
    from django.test import Client

    desk = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    public = Client()
    seen: dict[str, Any] = {}

    def get(client: Client, who: str, url: str) -> Any:
        response = client.get(url)
        body = response.json() if response.content else None
        seen[f"{who} GET {url}"] = [response.status_code, response.headers.get("ETag"), body]
        return body

    def walk(client: Client, who: str, url: str) -> list[Any]:
        rows: list[Any] = []
        while url:
            body = get(client, who, url)
            rows += body.get("results", body.get("items", []))
            url = (body.get("next") or "").replace("http://testserver", "")
        return rows

    claims = walk(desk, "desk", f"/api/v1/claims/?page_size={PAGE}")
    for claim in claims:
        pk = claim["id"]
        get(desk, "desk", f"/api/v1/claims/{pk}/")
        walk(desk, "desk", f"/api/v1/claims/{pk}/history/?page_size={PAGE}")
        for evidence in walk(desk, "desk", f"/api/v1/claims/{pk}/evidence/"):
            get(desk, "desk", f"/api/v1/evidence/{evidence['id']}/")
        get(public, "public", f"/api/v1/claims/{pk}/claimreview/")
    articles = walk(desk, "desk", f"/api/v1/articles/?page_size={PAGE}")
    for article in articles:
        get(desk, "desk", f"/api/v1/articles/{article['id']}/")
        if article["url"]:
            walk(public, "public", f"/api/v1/annotations/?uri={article['url']}")
    for url in (
        f"/api/v1/claims/?page_size={PAGE}",
        f"/api/v1/claimreview/?page_size={PAGE}",
        f"/api/v1/claims/?ordering=-published_at&page_size={PAGE}",
        "/api/v1/claims/?q=troops",
        "/api/v1/claims/?q=teachers",
    ):
        walk(public, "public", url)
    walk(desk, "desk", f"/api/v1/claimants/?page_size={PAGE}")
    walk(desk, "desk", f"/api/v1/sources/?page_size={PAGE}")
    return seen


def main() -> None:
    import django

    django.setup()
    print(json.dumps(snapshot(sys.argv[1])))


if __name__ == "__main__":
    main()
