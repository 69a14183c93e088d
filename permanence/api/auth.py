"""Bearer-token authentication: the token acts as its owner, with the owner's role and cases."""

from ninja.security import HttpBearer

from permanence.audit import chain
from permanence.audit.middleware import client_ip

from .errors import ApiError
from .tokens import token_for

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class TokenAuth(HttpBearer):
    openapi_scheme = "bearer"

    def authenticate(self, request, token):
        found = token_for(token)
        if found is None:
            return None  # 401 in the one error shape
        if found.read_only and request.method not in SAFE_METHODS:
            raise ApiError(403, f"The token '{found.name}' is read-only: it cannot change the record.",
                           code="read_only_token")
        request.user = found.user
        request.api_token = found
        # Changes made through the API are audited as the token's owner, from the caller's address.
        chain.actor.set({
            "user_id": found.user.pk, "username": found.user.get_username(), "ip": client_ip(request),
            "user_agent": f"API token {found.prefix} ({found.name}); {request.META.get('HTTP_USER_AGENT', '')}"[:300],
            "path": request.get_full_path()[:500],
        })
        return found
