"""Bearer-token authentication: the token acts as its owner, with the owner's role and cases."""

from ninja.security import HttpBearer

from permanence.access import matrix
from permanence.audit import chain
from permanence.audit.middleware import client_ip
from permanence.children import ownership

from .errors import ApiError
from .tokens import token_for

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class TokenAuth(HttpBearer):
    """The token, then the role matrix for the operation (matrix.API_CAPABILITY), before the
    request body is read: a role that may not do something learns nothing more than that."""

    openapi_scheme = "bearer"

    def __init__(self, operation_id=None):
        super().__init__()
        self.operation_id = operation_id

    def authenticate(self, request, token):
        found = token_for(token)
        if found is None:
            return None  # 401 in the one error shape
        if self.operation_id is not None and not matrix.api_allows(found.user.role, self.operation_id):
            needed = ", ".join(c.replace("_", " ") for c in matrix.API_CAPABILITY.get(self.operation_id, ("nothing",)))
            raise ApiError(403, f"The role '{found.user.role}' cannot do this (it needs: {needed}).")
        if found.read_only and request.method not in SAFE_METHODS:
            raise ApiError(
                403, f"The token '{found.name}' is read-only: it cannot change the record.", code="read_only_token"
            )
        fact = matrix.API_FACT.get(self.operation_id)
        if request.method not in SAFE_METHODS and fact is not None and not ownership.may_edit_here(fact):
            raise ApiError(403, ownership.refusal(fact), code="kept_in_case_system")
        request.user = found.user
        request.api_token = found
        # Changes made through the API are audited as the token's owner, from the caller's address.
        chain.actor.set(
            {
                "user_id": found.user.pk,
                "username": found.user.get_username(),
                "ip": client_ip(request),
                "user_agent": f"API token {found.prefix} ({found.name}); {request.META.get('HTTP_USER_AGENT', '')}"[
                    :300
                ],
                "path": request.get_full_path()[:500],
            }
        )
        return found
