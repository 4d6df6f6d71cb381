"""OpenAPI: every operation documents its problem+json error responses."""

from __future__ import annotations

from typing import Any

from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers
from rest_framework.permissions import SAFE_METHODS

from api.exceptions import PROBLEM_MEDIA_TYPE, TITLES


class ProblemFieldErrorSerializer(serializers.Serializer[Any]):
    field = serializers.CharField(allow_blank=True, help_text="The input at fault, dotted.")
    message = serializers.CharField()


class ProblemSerializer(serializers.Serializer[Any]):
    """RFC 9457 problem details."""

    type = serializers.URLField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    errors = ProblemFieldErrorSerializer(many=True, required=False)  # type: ignore[assignment]


ALWAYS = (400, 401, 404, 406, 429, 500)
WITH_BODY = (403, 409, 413, 415)
CONDITIONAL = (403, 409, 412, 428)


class ProblemAutoSchema(AutoSchema):
    def _public_read(self) -> bool:
        return self.method in SAFE_METHODS and all(
            getattr(p, "anonymous_reads", False) for p in self.view.get_permissions()
        )

    def get_auth(self) -> list[dict[str, Any]]:
        auths: list[dict[str, Any]] = super().get_auth()
        if self._public_read() and {} not in auths:
            auths.append({})  # credentials optional: anonymous callers read published work
        return auths

    def _get_response_bodies(self, direction: str = "response") -> dict[str, Any]:
        responses: dict[str, Any] = super()._get_response_bodies(direction)  # type: ignore[arg-type]
        codes = set(ALWAYS)
        if not self._public_read():
            codes.add(403)  # a caller outside the group the operation needs is refused
        if self.method in ("POST", "PUT", "PATCH"):
            codes.update(WITH_BODY)
        if self.method in ("POST", "PUT", "PATCH", "DELETE"):
            codes.add(503)  # the database busy with other writes: try again (Retry-After)
        if self.method in ("PATCH", "DELETE") or self.path.endswith("/transitions/"):
            codes.update(CONDITIONAL)
        for code in sorted(codes):
            if str(code) not in responses:
                response = self._get_response_for_code(  # type: ignore[no-untyped-call]
                    ProblemSerializer, str(code), [PROBLEM_MEDIA_TYPE], direction
                )
                response["description"] = TITLES.get(code, "Error")
                responses[str(code)] = response
        return responses


# The document's own furniture ---------------------------------------------------------

SUMMARIES = {
    "annotations_list": "List the Web Annotations of an article",
    "annotations_retrieve": "Get one Web Annotation",
    "articles_list": "List articles",
    "articles_create": "Ingest an article",
    "articles_retrieve": "Get an article with its claims",
    "claimants_list": "List claimants",
    "claimants_retrieve": "Get a claimant",
    "claimreview_list": "List published fact-checks as ClaimReview",
    "claims_list": "List claims",
    "claims_create": "Create a claim",
    "claims_retrieve": "Get a claim",
    "claims_partial_update": "Edit a claim",
    "claims_claimreview": "Get a claim's ClaimReview",
    "claims_evidence_list": "List a claim's evidence",
    "claims_evidence_create": "Add evidence to a claim",
    "claims_history_list": "List a claim's history",
    "claims_transition": "Move a claim along the review workflow",
    "evidence_retrieve": "Get a piece of evidence",
    "evidence_partial_update": "Edit a piece of evidence",
    "evidence_destroy": "Remove a piece of evidence",
    "sources_list": "List sources",
    "sources_retrieve": "Get a source",
    "matches_list": "Find fact-checks of the same claim",
    "claims_matches": "Find fact-checks of the same claim as a claim of the desk",
    "external_factchecks_list": "List other publishers' imported fact-checks",
    "external_factchecks_retrieve": "Get another publisher's imported fact-check",
}
TAGS = {
    "annotations": "W3C Web Annotations of published claims, for annotation clients.",
    "articles": "News articles, ingested with the claims detection found in them.",
    "claimants": "People and organisations claims are attributed to.",
    "claimreview": "Published fact-checks as schema.org ClaimReview (search engines' markup).",
    "claims": "Claims anchored to an article's words, and their review workflow.",
    "evidence": "Sources applied to a claim, with their stance.",
    "sources": "Documents cited as evidence.",
    "matches": "Published fact-checks (ours and imported) that check the same claim as a text.",
    "external-factchecks": "Other fact-checkers' published work, imported: read-only, never ours.",
}
NULL = {"$ref": "#/components/schemas/NullEnum"}


def _null_ready(node: Any) -> None:
    """OpenAPI 3.0's `nullable` only works beside a `type`: on a bare allOf/oneOf a strict
    validator ignores it and rejects null. Such a schema becomes a oneOf with a null-only
    branch (NullEnum, `enum: [null]`), which every 3.0 validator reads the same way."""
    if isinstance(node, list):
        for item in node:
            _null_ready(item)
        return
    if not isinstance(node, dict):
        return
    for value in node.values():
        _null_ready(value)
    if node.get("nullable") and "type" not in node:
        branches = node.pop("allOf", None) or node.pop("oneOf", None) or []
        if NULL not in branches:
            branches = [*branches, NULL]
        node["oneOf"] = branches
        del node["nullable"]
    if node.get("format") == "uri" and node.get("default") == "":
        del node["default"]  # "" is no URI: leaving the field out means no address


def postprocess(result: dict[str, Any], generator: Any, request: Any, public: bool) -> Any:
    """Servers, licence, contact, tags and a summary on every operation (drf-spectacular
    postprocessing hook, after its enum hook)."""
    from django.conf import settings

    # Without a public base URL, "/": the host that served this document.
    base = settings.FACTBASE_PUBLIC_URL.rstrip("/") or "/"
    result["servers"] = [{"url": base, "description": "This factbase (FACTBASE_PUBLIC_URL)."}]
    # The licence of the data the API serves (FACTBASE_DATA_LICENSE_NAME and _URL).
    result["info"]["license"] = dict(settings.FACTBASE_DATA_LICENSE)
    result["info"]["contact"] = {
        "name": settings.FACTBASE_PUBLISHER["name"],
        "url": settings.FACTBASE_PUBLISHER["url"],
    }
    result["tags"] = [{"name": name, "description": text} for name, text in TAGS.items()]
    for item in result.get("paths", {}).values():
        for operation in item.values():
            if isinstance(operation, dict) and "operationId" in operation:
                summary = str(SUMMARIES.get(operation["operationId"], operation["operationId"]))
                operation.setdefault("summary", summary)
                operation.setdefault("description", f"{summary}.")
    components = result.get("components", {}).get("schemas", {})
    components.setdefault("NullEnum", {"enum": [None]})
    _null_ready(result.get("components", {}))
    _null_ready(result.get("paths", {}))
    return result
