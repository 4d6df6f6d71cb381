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
    def get_auth(self) -> list[dict[str, Any]]:
        auths: list[dict[str, Any]] = super().get_auth()
        permissions = self.view.get_permissions()
        public_read = self.method in SAFE_METHODS and all(
            getattr(p, "anonymous_reads", False) for p in permissions
        )
        if public_read and {} not in auths:
            auths.append({})  # credentials optional: anonymous callers read published work
        return auths

    def _get_response_bodies(self, direction: str = "response") -> dict[str, Any]:
        responses: dict[str, Any] = super()._get_response_bodies(direction)  # type: ignore[arg-type]
        codes = set(ALWAYS)
        if self.method in ("POST", "PUT", "PATCH"):
            codes.update(WITH_BODY)
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
