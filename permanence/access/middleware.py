"""Case access for every page of every app, decided once here from the resolved URL."""

from django.shortcuts import render
from django.urls import Resolver404, resolve

from permanence.accounts.roles import ROLE_NAMES
from permanence.children.models import Child

from . import matrix, rules, scope


def denied(request, *, child_id=None, reason=""):
    role = getattr(request.user, "role", None)
    can_break_glass = bool(child_id) and reason != "read_only" and matrix.has(role, matrix.BREAK_GLASS)
    return render(
        request,
        "access/denied.html",
        {
            "child_id": child_id,
            "reason": reason,
            "can_break_glass": can_break_glass,
            "role_name": ROLE_NAMES.get(role, "your role"),
        },
        status=403,
    )


class CaseAccessMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.check(request)
        return response if response is not None else self.get_response(request)

    def check(self, request):
        user = request.user
        if not user.is_authenticated:
            return None  # each view's login_required sends people to sign in
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
        if match.url_name is None or match.route.startswith("admin/") or match.app_name == "admin":
            return None  # the admin site has its own permissions (is_staff)
        if match.app_name == "api":
            return None  # the API applies the same rules to its token's owner (permanence.api.access)
        is_child_page = scope.child_scoped(match.route, match.url_name)
        try:
            child_ids = scope.child_ids_for(match)
        except LookupError:
            # No such item: the view answers 404, to those whose role could open such a page at all.
            capability = matrix.page_capability(match.url_name, child_scoped=is_child_page, method=request.method)
            return None if matrix.has(user.role, capability) else denied(request)
        child_id = child_ids[0] if child_ids else None
        request.child_id = child_id
        in_scope = False
        capability = matrix.page_capability(match.url_name, child_scoped=is_child_page, method=request.method)
        if is_child_page and child_ids:
            needs_edit = request.method not in ("GET", "HEAD", "OPTIONS") and capability not in matrix.CASE_READ_WRITES
            check = rules.can_edit_child if needs_edit else rules.can_view_child
            in_scope = all(check(user, one) for one in child_ids)
        if matrix.allows(
            user.role, match.url_name, child_scoped=is_child_page, method=request.method, in_scope=in_scope
        ):
            return None
        if child_id and not Child.objects.filter(pk=child_id).exists():
            return None  # the view answers 404 for a child who is not on the record
        reason = "restricted" if child_id and rules.is_restricted(child_id) else ""
        if not reason and child_id and capability == matrix.EDIT_CHILD and matrix.has(user.role, matrix.VIEW_CHILD):
            # Say the real reason: a role that reads the record but records nothing on it.
            if all(rules.can_view_child(user, one) for one in child_ids):
                reason = "read_only"
        return denied(request, child_id=child_id, reason=reason)


class NoStoreMiddleware:
    """Pages and downloads hold children's records: no browser or proxy may keep a copy
    (`Cache-Control: no-store`). Static files are served before this, by WhiteNoise."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.utils.cache import add_never_cache_headers

        response = self.get_response(request)
        add_never_cache_headers(response)
        return response
