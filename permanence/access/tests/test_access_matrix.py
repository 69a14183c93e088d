"""Every role against every page of the project, allowed and denied.

The URL patterns are walked from the resolver, so a page another app adds later is checked
too: a page whose URL carries a child's id is denied unless the role and the case allow it.
"""

import re
from datetime import date

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from permanence.access import matrix, scope
from permanence.children.models import Review
from permanence.meetings.models import Action, AgendaItem, Clinic, ClinicItem, PanelItem, TrackingMeeting
from permanence.planning import services as planning
from permanence.web.tests.builders import sign_in

# Which of the three children each role's case scope holds (written out, not computed).
SEES = {
    matrix.SOCIAL_WORKER: {"mine"},
    matrix.TEAM_MANAGER: {"mine"},
    matrix.IRO: {"mine"},
    matrix.FAMILY_FINDER: {"mine"},  # plan: adoption
    matrix.PANEL_MEMBER: {"mine"},  # on a panel
    matrix.ADM: {"mine"},
    matrix.SERVICE_MANAGER: {"mine", "other"},
    matrix.PERFORMANCE_ANALYST: set(),
    matrix.ADMINISTRATOR: set(),
}


def all_patterns(patterns=None, prefix=""):
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            yield from all_patterns(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry.name


# The API answers to tokens, not sessions, and has its own access tests (permanence/api/tests).
PATTERNS = sorted(
    {(route, name) for route, name in all_patterns() if not route.startswith(("admin/", "api/")) and name}
)


def samples(council):
    """Real ids for the kwargs the patterns use; anything else gets a harmless value."""

    mine = council["mine"]
    analysis = planning.analysis_start(child=mine, date=date(2026, 2, 1), by=council["people"]["social_worker"])
    item = PanelItem.objects.filter(child=mine).first()
    review = Review.objects.filter(child=mine).first()

    clinic = Clinic.objects.create(date=date(2026, 2, 10))
    clinic_item = ClinicItem.objects.create(clinic=clinic, child=mine)
    meeting = TrackingMeeting.objects.create(date=date(2026, 2, 12), since=date(2026, 1, 12))
    agenda_item = AgendaItem.objects.create(meeting=meeting, child=mine, reasons=["test"])
    action = Action.objects.create(
        child=mine,
        description="Send the later life letter",
        owner=council["people"]["social_worker"],
        due=date(2026, 3, 1),
        forum="clinic",
        set_on=date(2026, 2, 10),
    )
    return {
        "analysis_pk": analysis.pk,
        "item_pk": item.pk,
        "review_pk": review.pk if review else 1,
        "option": "adoption",
        "extension": "docx",
        "key": "plo",
        "by_name": {
            "clinic-item": {"pk": clinic.pk, "item_pk": clinic_item.pk},
            "clinic-detail": {"pk": clinic.pk},
            "agenda-item": {"pk": meeting.pk, "item_pk": agenda_item.pk},
            "action-done": {"action_pk": action.pk},
            "tracking-detail": {"pk": meeting.pk},
            "tracking-pack": {"pk": meeting.pk},
            "panel-item": {"pk": item.panel_id, "item_pk": item.pk},
            "panel-detail": {"pk": item.panel_id},
        },
    }


def url_for(route, child, values, name=None):
    values = values | values.get("by_name", {}).get(name, {})

    def fill(match):
        converter, name = match.group(1) or "str", match.group(2)
        if name in scope.CHILD_KWARGS and scope.child_scoped(route):
            return str(child.pk)
        if name in values:
            return str(values[name])
        return "1" if converter == "int" else "x"

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", fill, route)


def targets(route, name, council):
    if scope.child_scoped(route, name) and name not in scope.ITEM_PAGES:
        return [(label, council[label]) for label in ("mine", "other", "hidden")]
    return [("mine", council["mine"])]


def test_the_walk_finds_the_child_pages():
    names = {name for _, name in PATTERNS}
    assert {"child-detail", "planning-workspace", "child-audit", "break-glass", "drift-dashboard"} <= names


def classified(route, name):
    """Pages this matrix names, or child pages: a server error there is this test's business.
    (Other apps' own pages are still checked for access; their errors are their tests'.)"""
    return name in matrix.PAGE_CAPABILITY or scope.child_scoped(route, name)


def test_anonymous_people_are_sent_to_sign_in(client, council):
    client.raise_request_exception = False
    values = samples(council)
    for route, name in PATTERNS:
        if name in matrix.PUBLIC_PAGES:
            continue
        url = url_for(route, council["mine"], values, name)
        response = client.get(url)
        if response.status_code == 500 and not classified(route, name):
            continue
        assert response.status_code in (302, 403, 405), (url, response.status_code)
        if response.status_code == 302:
            assert "/login/" in response["Location"] or "/account/" in response["Location"], url


@pytest.mark.slow  # every page for every role: the full matrix
@pytest.mark.parametrize("role", matrix.ALL_ROLES)
def test_every_page_for_every_role(client, council, role):
    user = council["people"][role]
    sign_in(client, user)
    client.raise_request_exception = False
    values = samples(council)
    checked = 0
    for route, name in PATTERNS:
        if name in matrix.PUBLIC_PAGES or name == "logout":
            continue
        child_page = scope.child_scoped(route, name)
        for label, child in targets(route, name, council):
            url = url_for(route, child, values, name)
            in_scope = label in SEES[role]
            expected = matrix.allows(role, name, child_scoped=child_page, in_scope=in_scope)
            status = client.get(url).status_code
            if expected:
                assert status != 403, f"{role} should open {url} ({name})"
                assert status < 500 or not classified(route, name), f"{url} failed for {role}"
            else:
                assert status == 403, f"{role} should be refused {url} ({name}), got {status}"
            if child_page and name not in matrix.CASE_CHECK_EXEMPT:
                may_post = matrix.allows(role, name, child_scoped=True, method="POST", in_scope=in_scope)
                if not may_post:
                    assert client.post(url, {}).status_code == 403, f"{role} should not post to {url}"
            checked += 1
    assert checked > 40


def test_the_matrix_says_what_the_design_promises():
    assert matrix.allows(matrix.SOCIAL_WORKER, "child-detail", child_scoped=True, in_scope=True)
    assert not matrix.allows(matrix.SOCIAL_WORKER, "child-detail", child_scoped=True, in_scope=False)
    assert not matrix.allows(matrix.PERFORMANCE_ANALYST, "child-detail", child_scoped=True, in_scope=True)
    assert not matrix.allows(
        matrix.PANEL_MEMBER, "planning-decision-new", child_scoped=True, method="POST", in_scope=True
    )
    # A page nobody has classified yet, under a child's URL: needs case access.
    assert not matrix.allows(matrix.SOCIAL_WORKER, "some-new-page", child_scoped=True, in_scope=False)
    assert matrix.allows(matrix.ADMINISTRATOR, "child-audit", child_scoped=True, in_scope=False)
    assert not matrix.allows(matrix.ADMINISTRATOR, "child-search", child_scoped=False)
