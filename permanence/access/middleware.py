"""Case access for every page of every app, decided once here from the resolved URL."""

from django.shortcuts import render
from django.urls import Resolver404, resolve

from permanence.children.models import Child

from . import matrix, rules, scope


def denied(request, *, child_id=None, reason=""):
    can_break_glass = bool(child_id) and matrix.has(getattr(request.user, "role", None), matrix.BREAK_GLASS)
    return render(request, "access/denied.html", {
        "child_id": child_id, "reason": reason, "can_break_glass": can_break_glass,
    }, status=403)


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
        if is_child_page and child_ids:
            needs_edit = request.method not in ("GET", "HEAD", "OPTIONS")
            check = rules.can_edit_child if needs_edit else rules.can_view_child
            in_scope = all(check(user, one) for one in child_ids)
        if matrix.allows(user.role, match.url_name, child_scoped=is_child_page, method=request.method,
                         in_scope=in_scope):
            return None
        if child_id and not Child.objects.filter(pk=child_id).exists():
            return None  # the view answers 404 for a child who is not on the record
        reason = "restricted" if child_id and rules.is_restricted(child_id) else ""
        return denied(request, child_id=child_id, reason=reason)
