"""What every page's layout needs: the council's name and the sections this person may open."""

from django.conf import settings
from django.urls import reverse

from permanence.access import matrix

# The service navigation: (label, URL name, the path prefix that marks it as the current section).
NAVIGATION = (
    ("Caseload", "home", None),
    ("Find a child", "child-search", None),
    ("Drift", "drift-dashboard", "/drift/"),
    ("Trackers", "tracker-list", "/trackers/"),
    ("Meetings", "meetings", "/meetings/"),
    ("Stability", "stability", "/stability/"),
    ("Family finding", "matching-home", "/family-finding/"),
    ("Performance", "performance", "/performance/"),
    ("Case system feed", "ssd-feed", "/case-system-feed/"),
    ("Background jobs", "jobs", "/jobs/"),
)


def _navigation(request, role):
    """The sections this person's role can open (nothing they would be refused)."""
    match = getattr(request, "resolver_match", None)
    current_name, path = (match.url_name if match else None), request.path
    items = []
    for label, url_name, prefix in NAVIGATION:
        if not matrix.allows(role, url_name, child_scoped=False):
            continue
        url = reverse(url_name)
        items.append(
            {
                "label": label,
                "url": url,
                "current": current_name == url_name or path == url,
                "active": current_name == url_name or bool(prefix and path.startswith(prefix)),
            }
        )
    return items


def navigation(request):
    user = getattr(request, "user", None)
    role = getattr(user, "role", None)
    signed_in = bool(user and user.is_authenticated)
    return {
        "council_name": settings.PERMANENCE_COUNCIL_NAME,
        "marking": settings.PROTECTIVE_MARKING,
        "can_restrict": matrix.has(role, matrix.RESTRICT),
        # Links to pages that record something new (a child's record, a carer household).
        "can_open_child": matrix.has(role, matrix.CREATE_CHILD),
        "can_add_carer": matrix.has(role, matrix.RECORD_CARERS),
        "navigation": _navigation(request, role) if signed_in else [],
    }
