"""Bearer tokens, stored hashed, with expiry and revocation (django-rest-knox)."""

from knox.auth import TokenAuthentication


class BearerTokenAuthentication(TokenAuthentication):
    """`Authorization: Bearer <token>`; knox keeps only a digest of each token."""
