"""The JSON API: one NinjaAPI over the same services and selectors as the web pages.

Served at /api/v1/; the OpenAPI document at /api/v1/openapi.json (also committed as
docs/openapi.json) and an interactive reference at /api/v1/docs.
"""

from django.conf import settings
from ninja import NinjaAPI
from ninja.throttling import AuthRateThrottle

from permanence.access import matrix

from . import errors
from .auth import TokenAuth
from .routers import children

DESCRIPTION = """\
Permanence Planner's JSON API, for the systems around it: case systems, finance, regional adoption
agencies and data warehouses.

**Authentication.** Send `Authorization: Bearer pp_...`. A token belongs to a person or to a
connected system's account and acts with that account's role and case access: it never sees more
than its owner. A read-only token cannot change the record. Administrators issue tokens with
`permanence api-token create`.

**Access.** The same role matrix and case access as the web pages (docs/access.md). Every read of
a child's record and every change is in the audit trail, under the token's owner.

**Errors.** Always `{"error": {"status", "code", "message", "fields": {field: [messages]}}}`.
Bad input names the field and the problem, and leaves the record unchanged.

**Lists** take `limit` (at most 100) and `offset`, and answer `{"items": [...], "count": N}`.

**Rate limit.** Each token may make a limited number of requests a minute (429 with `Retry-After` beyond it).
"""


class PermanenceAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation):
        # Short, stable operation ids ("create_child"): generated clients name their functions after them.
        return operation.view_func.__name__


api = PermanenceAPI(
    title="Permanence Planner API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api",
    auth=TokenAuth(),
    throttle=[AuthRateThrottle(getattr(settings, "PERMANENCE_API_RATE", "600/min"))],
    openapi_extra={"info": {"license": {"name": "MIT"}}},
)
errors.install(api)


def _routers():
    api.add_router("", children.router)
    for module_name in ("record", "planning", "tracking", "matching", "support"):
        try:
            module = __import__(f"permanence.api.routers.{module_name}", fromlist=["router"])
        except ModuleNotFoundError as missing:
            if missing.name != f"permanence.api.routers.{module_name}":
                raise
            continue
        api.add_router("", module.router)


def _operation_rules():
    """Give every operation a token check that also applies its row of the role matrix."""
    from django.core.exceptions import ImproperlyConfigured

    for bound in api._get_bound_routers():
        for path_view in bound.path_operations.values():
            for operation in path_view.operations:
                name = operation.view_func.__name__
                if name not in matrix.API_CAPABILITY:
                    raise ImproperlyConfigured(f"API operation {name!r} is not in access.matrix.API_CAPABILITY")
                writes = set(operation.methods) - {"GET", "HEAD", "OPTIONS"}
                if writes and name not in matrix.API_FACT:
                    raise ImproperlyConfigured(
                        f"API operation {name!r} changes the record but is not in access.matrix.API_FACT "
                        "(which kind of fact it changes decides whether it may run beside a case system)"
                    )
                operation._set_auth(TokenAuth(operation_id=name))


_routers()
_operation_rules()
