"""Two people with the same edit page open: the first save goes in; the second is refused (HTTP
409) with the first person's change shown, and changes nothing. One case for every kind of edit
page, and a check that every page taking a POST is either one of them or says why it is not an edit."""

import functools
import inspect
import re
from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import get_resolver
from django.urls.resolvers import URLPattern, URLResolver

from permanence.access import matrix
from permanence.access.models import RestrictedRecord
from permanence.access.services import restriction_set
from permanence.accounts import roles
from permanence.accounts.models import User
from permanence.children import services as children
from permanence.children.models import Carer
from permanence.govuk.forms import GovukDateField
from permanence.matching import services as matching
from permanence.matching.models import Match, MatchEvent, MatchVisit
from permanence.meetings import services as meetings
from permanence.meetings.models import (
    Action,
    AgendaItem,
    Clinic,
    ClinicItem,
    Escalation,
    IRODecisionsReport,
    PanelItem,
    TrackingMeeting,
)
from permanence.support import services as support
from permanence.support.models import SupportAction
from permanence.voice import services as voice
from permanence.voice.models import MyPlanLetter
from permanence.web.tests.builders import sign_in

TODAY = date.today()
STALE = "Someone else changed this record while you had it open"


def form_data(response, step=None):
    """What the page's form would send as it stands: each field's current value, as a browser posts it
    (`step`: which of a page's forms, where it has one for each next step, as the match page does)."""
    form = response.context["forms"][step] if step else response.context["form"]
    data = {}
    for bound in form:
        value = bound.value()
        if isinstance(bound.field, GovukDateField):
            if form.is_bound:  # shown again after a refusal: the day, month and year as typed
                data.update({key: form.data[key] for key in form.data if key.startswith(f"{bound.name}-")})
            elif isinstance(value, date):
                data.update({f"{bound.name}-day": value.day, f"{bound.name}-month": value.month})
                data[f"{bound.name}-year"] = value.year
        elif isinstance(value, bool):
            if value:
                data[bound.name] = "on"
        elif isinstance(value, (list, tuple)):
            data[bound.name] = [str(v) for v in value]
        elif value is not None:
            data[bound.name] = str(value)
    found = re.search(r'name="version" value="(\d+)"', response.content.decode())
    assert found, "the form carries no version"
    data["version"] = found.group(1)
    return data


def day(name, value):
    return {f"{name}-day": value.day, f"{name}-month": value.month, f"{name}-year": value.year}


# --- the cases: for each edit page, who opens it, what each changes, and how to read the record back --------


def clinic_item(council):
    item = ClinicItem.objects.create(clinic=Clinic.objects.create(date=TODAY), child=council["mine"])
    base = {"form": "record", "iro_or_chair_present": "True", "worker_or_manager_present": "True"}
    return {
        "url": f"/meetings/clinics/{item.clinic_id}/items/{item.pk}/",
        "people": (council["people"][matrix.SOCIAL_WORKER], council["people"][matrix.TEAM_MANAGER]),
        "first": base | {"options_discussed": ["adoption"], "notes": "Sam: adoption is the plan"},
        "second": base | {"options_discussed": ["kinship"], "notes": "Tara: overwrite"},
        "saved": lambda: ClinicItem.objects.get(pk=item.pk).notes,
        "expect": "Sam: adoption is the plan",
    }


def agenda_item(council):
    meeting = TrackingMeeting.objects.create(date=TODAY, since=TODAY - timedelta(days=30))
    item = AgendaItem.objects.create(meeting=meeting, child=council["mine"], reasons=["Review overdue"])
    return {
        "url": f"/meetings/tracking/{meeting.pk}/items/{item.pk}/",
        "people": (council["people"][matrix.SERVICE_MANAGER], council["people"][matrix.TEAM_MANAGER]),
        "first": {"form": "record", "discussion": "Simone: talked it through", "decision": "Chase the CPR"},
        "second": {"form": "record", "discussion": "Tara: overwrite", "decision": "Nothing"},
        "saved": lambda: AgendaItem.objects.get(pk=item.pk).discussion,
        "expect": "Simone: talked it through",
    }


MINUTES = {
    "outcome": "recommended",
    "recommended_option": "adoption",
    "unanimous": "True",
    **day("recorded_on", TODAY),
}


def quorate_item(council):
    """Mina on a panel with a quorum (Adoption Agencies Regulations 2005 reg 6): Pat chairs."""
    seats = [("vice_chair", "Victor"), ("social_worker", "Sue"), ("independent", "Ian"), ("independent", "Imogen")]
    members = [
        (User.objects.create_user(f"panel{i}", first_name=name, last_name="Member", role=roles.PANEL_MEMBER), seat)
        for i, (seat, name) in enumerate(seats)
    ]
    panel = meetings.panel_create(date=TODAY, chair=council["people"][matrix.PANEL_MEMBER], members=members)
    return meetings.panel_item_add(panel=panel, child=council["mine"], matter="adoption_plan", today=TODAY)


def panel_minutes(council):
    item = quorate_item(council)
    members = [str(m.pk) for m in item.panel.members.all()]
    chair = council["people"][matrix.PANEL_MEMBER]
    return {
        "url": f"/meetings/panels/{item.panel_id}/items/{item.pk}/minutes/",
        "people": (chair, chair),  # the chair, on two computers
        "first": MINUTES | {"present": members, "recommendation": "Mina should be placed", "reasons": "First"},
        "second": MINUTES | {"present": members, "recommendation": "Overwrite", "reasons": "Second"},
        "saved": lambda: PanelItem.objects.get(pk=item.pk).minutes.recommendation,
        "expect": "Mina should be placed",
    }


def adm_decision(council):
    item = quorate_item(council)
    meetings.panel_minutes_record(
        item=item,
        by=council["people"][matrix.PANEL_MEMBER],
        present=list(item.panel.members.all()),
        outcome="recommended",
        recommendation="Mina should be placed for adoption.",
        recommended_option="adoption",
        reasons="No family member can care safely.",
        recorded_on=TODAY,
        today=TODAY,
    )
    item.refresh_from_db()
    adm = council["people"][matrix.ADM]
    decision = {"minutes_considered": "on", **day("date", TODAY)}
    return {
        "url": f"/meetings/panels/{item.panel_id}/items/{item.pk}/decision/",
        "people": (adm, adm),
        "first": decision | {"outcome": "agreed", "reasons": "Agree: a family for life"},
        "second": decision | {"outcome": "agreed", "reasons": "Overwrite"},
        "saved": lambda: PanelItem.objects.get(pk=item.pk).adm_decision.reasons,
        "expect": "Agree: a family for life",
    }


def action_done(council):
    sam = council["people"][matrix.SOCIAL_WORKER]
    action = Action.objects.create(
        child=council["mine"], description="Chase the CPR", owner=sam, due=TODAY, forum="tracking", set_on=TODAY
    )
    return {
        "url": f"/actions/{action.pk}/done/",
        "people": (sam, council["people"][matrix.TEAM_MANAGER]),
        "first": day("done_on", TODAY),
        "second": day("done_on", TODAY),
        "saved": lambda: Action.objects.get(pk=action.pk).done_on,
        "expect": TODAY,
    }


def escalation_detail(council):
    irene = council["people"][matrix.IRO]
    escalation = meetings.escalation_raise(
        child=council["mine"],
        by=irene,
        concern="The plan has drifted",
        stage="informal",
        raised_on=TODAY,
        respond_by=TODAY + timedelta(days=10),
    )
    on = day("on", TODAY)
    return {
        "url": f"/children/{council['mine'].pk}/escalations/{escalation.pk}/",
        "people": (irene, council["people"][matrix.SERVICE_MANAGER]),
        "first": on | {"step": "stage:team_manager", "note": "Irene: no reply from the worker"},
        "second": on | {"step": "outcome:resolved", "note": "Simone: overwrite"},
        "saved": lambda: Escalation.objects.get(pk=escalation.pk).history[-1]["note"],
        "expect": "Irene: no reply from the worker",
    }


def carer_register(council):
    carer = Carer.objects.create(name="The Hill family", kind="foster_carer", reference="F-9")
    profile = matching.carer_profile_record(carer=carer, approval_type="adopter", status="available")
    fiona = council["people"][matrix.FAMILY_FINDER]
    return {
        "url": f"/family-finding/carers/{carer.pk}/edit/",
        "people": (fiona, council["people"][matrix.TEAM_MANAGER]),
        "first": {"preferences": "Fiona: would love a brother and sister"},
        "second": {"preferences": "Tara: overwrite"},
        "saved": lambda: type(profile).objects.get(pk=profile.pk).preferences,
        "expect": "Fiona: would love a brother and sister",
    }


def match_stage_move(council):
    """Mina linked with the Hills and visited: the next move is the matching report (or ending the link)."""
    carer = Carer.objects.create(name="The Hill family", kind="adopter", reference="AD-9")
    matching.carer_profile_record(carer=carer, approval_type="adopter", status="linked")
    match = Match.objects.create(carer=carer, linked_on=TODAY - timedelta(days=7), stage="visits")
    match.children.set([council["mine"]])
    MatchEvent.objects.create(match=match, to_stage="linked", date=TODAY - timedelta(days=7))
    MatchEvent.objects.create(match=match, from_stage="linked", to_stage="visits", date=TODAY - timedelta(days=6))
    MatchVisit.objects.create(match=match, date=TODAY - timedelta(days=6), notes="A warm first visit")
    fiona = council["people"][matrix.FAMILY_FINDER]
    report = {"step": "report", **day("date", TODAY)}
    return {
        "url": f"/family-finding/matches/{match.pk}/",
        "step": "report",  # the form on the match page that moves it on
        "people": (fiona, council["people"][matrix.TEAM_MANAGER]),
        "first": report | {"report": "Fiona: the Hills can meet Mina's needs"},
        "second": report | {"report": "Tara: overwrite"},
        "saved": lambda: Match.objects.get(pk=match.pk).report or None,
        "expect": "Fiona: the Hills can meet Mina's needs",
    }


def letter(council):
    sam = council["people"][matrix.SOCIAL_WORKER]
    item = voice.letter_start(child=council["mine"], by=sam)
    return {
        "url": f"/children/{council['mine'].pk}/my-plan/{item.pk}/",
        "people": (sam, council["people"][matrix.TEAM_MANAGER]),
        "first": {"action": "save", "text": "Dear Mina, you will live with a new family."},
        "second": {"action": "save", "text": "Overwrite"},
        "saved": lambda: MyPlanLetter.objects.get(pk=item.pk).text,
        "expect": "Dear Mina, you will live with a new family.",
    }


def support_action_done(council):
    sam = council["people"][matrix.SOCIAL_WORKER]
    plan = support.support_plan_record(
        child=council["mine"],
        by=sam,
        route="adoption",
        start=TODAY,
        review_date=TODAY + timedelta(days=90),
        action_1="Apply to the Adoption Support Fund",
        owner_1="Sam",
        due_1=TODAY + timedelta(days=30),
    )
    action = SupportAction.objects.get(plan=plan)
    return {
        "url": f"/support-actions/{action.pk}/done/",
        "people": (sam, council["people"][matrix.TEAM_MANAGER]),
        "first": day("done_on", TODAY),
        "second": day("done_on", TODAY - timedelta(days=1)),
        "saved": lambda: SupportAction.objects.get(pk=action.pk).done_on,
        "expect": TODAY,
    }


def record_access(council):
    simone = council["people"][matrix.SERVICE_MANAGER]
    restriction_set(child=council["mine"], reason=RestrictedRecord.OTHER, detail="Known to staff", by=simone)
    return {
        "url": f"/children/{council['mine'].pk}/record-access/",
        "people": (simone, simone),
        "first": {"action": "restrict", "reason": "other", "detail": "Simone: a neighbour works here"},
        "second": {"action": "restrict", "reason": "other", "detail": "Overwrite"},
        "saved": lambda: RestrictedRecord.objects.get(child=council["mine"]).detail,
        "expect": "Simone: a neighbour works here",
    }


def decisions_report(council):
    irene, mina = council["people"][matrix.IRO], council["mine"]
    review = children.review_record(child=mina, date=TODAY - timedelta(days=1), iro=irene)
    meetings.iro_report_record(
        review=review,
        issued=TODAY,
        plan_outcome="confirmed",
        child_views="Mina wants to stay with her carers",
        decisions_made=[{"description": "Chase the CPR", "owner": irene, "due": TODAY + timedelta(days=14)}],
        iro=irene,
    )
    return {
        "url": f"/children/{mina.pk}/reviews/{review.pk}/decisions-report/",
        "people": (irene, council["people"][matrix.SERVICE_MANAGER]),
        "first": {"decisions": "Irene: contact to be reviewed in March"},
        "second": {"decisions": "Simone: overwrite"},
        "saved": lambda: IRODecisionsReport.objects.get(review=review).decisions,
        "expect": "Irene: contact to be reviewed in March",
    }


CASES = {
    "decisions-report": decisions_report,
    "clinic-item": clinic_item,
    "agenda-item": agenda_item,
    "panel-minutes": panel_minutes,
    "adm-decision": adm_decision,
    "action-done": action_done,
    "escalation-detail": escalation_detail,
    "matching-carer-edit": carer_register,
    "matching-match": match_stage_move,
    "voice-letter": letter,
    "support-action-done": support_action_done,
    "record-access": record_access,
}

# Edit pages whose stale save is tested beside them, with the same refusal.
TESTED_ELSEWHERE = {
    "carer-edit": "web/tests/test_recording.py (the carer household, versioned like every fact)",
    "planning-option": "audit/tests/test_no_lost_updates.py",
    "planning-step-new": "planning/tests/test_procedures.py",
}
# Every page to update or correct a fact (`correct-<kind>`) is one view, tested with the review in
# web/tests/test_recording.py and for every kind through the API (api/tests/test_recording_api.py).
CORRECTIONS = "correct-"
# Every page to record a new fact (`record-<kind>`) makes a new record.
RECORDS = "record-"

# Pages that take a POST but edit no record already there: each makes a new one (history is kept,
# never overwritten), runs a job, or signs in or out.
NOT_AN_EDIT = {
    "login": "signs in",
    "logout": "signs out",
    "two-factor": "checks a code",
    "two-factor-setup": "sets up a second factor",
    "api-tokens": "issues or revokes the person's own tokens",
    "job-run": "queues a job",
    "child-new": "opens a new record",
    "carer-new": "adds a carer household",
    "carer-approval-new": "records a new approval",
    "break-glass": "grants time-limited access",
    "refer-to-clinic": "makes a referral",
    "clinic-list": "sets up a clinic",
    "clinic-detail": "adds a referred child to the clinic",
    "tracking-list": "sets up a tracking meeting",
    "tracking-detail": "builds or closes the agenda from the clinic of obligations, no typed content",
    "panel-new": "sets up a panel",
    "add-to-panel": "adds a child to a panel",
    "panel-item": "adds a new action (the 'add an action' form every meeting page has)",
    "escalation-new": "raises a new escalation",
    "matching-start": "starts family finding",
    "matching-link": "links a child with a household (a new match)",
    "return-903-import": "uploads a return",
    "voice-wishes-new": "records the child's views (each a new dated record)",
    "voice-views-reason": "records why views are not recorded (a new dated record)",
    "voice-plan-contents": "records the plan's contents (a new dated record; earlier ones kept)",
    "voice-letters": "starts a new letter",
    "support-contact-plan-new": "a new contact plan",
    "support-contact-session-new": "a new contact session",
    "support-transition-plan-new": "a new transition plan",
    "support-plan-new": "a new support plan",
    "support-event-new": "a new stability event",
    "support-disruption-new": "a new disruption meeting",
    "siblings-assessment-new": "a new sibling assessment",
    "siblings-decision-new": "a new decision about brothers and sisters",
    "siblings-contact-new": "a new sibling contact plan",
    "planning-stage-move": "moves the plan on a stage (the planning version, planning/views.py)",
    "planning-plan-carer": "names the carer in the plan (the planning version, planning/views.py)",
    "planning-briefing-new": "a new carer briefing",
    "planning-briefing-acknowledged": "records a carer's acknowledgement",
    "planning-parent-new": "a new parent's contribution",
    "planning-decision-new": "a new decision (the planning version, planning/views.py)",
    "planning-analysis-new": "starts an options analysis",
    "planning-recommend": "the analysis's recommendation (the planning version, planning/views.py)",
}


def _takes_post(view):
    """Whether a view handles a POST: its own code, or a helper in its module that it calls, reads one."""
    while isinstance(view, functools.partial):
        view = view.func
    view = getattr(view, "view_class", None) or inspect.unwrap(view)
    try:
        source = inspect.getsource(view)
    except TypeError:  # made by a library
        return False
    if "POST" in source or "LoginView" in source:
        return True
    module = inspect.getmodule(view)
    helpers = [
        member
        for name, member in inspect.getmembers(module, inspect.isfunction)
        if member.__module__ == module.__name__ and re.search(rf"\b{name}\(", source)
    ]
    return any("request.POST" in inspect.getsource(helper) for helper in helpers)


def _posting_pages(patterns=None, prefix=""):
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            yield from _posting_pages(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and entry.name:
            # Django admin shows no case record (docs/access.md); the API has its own If-Match tests.
            if (prefix + str(entry.pattern)).startswith(("admin/", "api/")):
                continue
            if _takes_post(entry.callback):
                yield entry.name


def test_every_page_that_takes_a_post_is_an_edit_with_a_stale_test_or_says_why_not():
    posting = set(_posting_pages())
    unaccounted = sorted(
        name
        for name in posting
        if name not in CASES
        and name not in TESTED_ELSEWHERE
        and name not in NOT_AN_EDIT
        and not name.startswith(CORRECTIONS)
        and not name.startswith(RECORDS)
    )
    assert unaccounted == [], "Add a stale-form case (CASES) for each new edit page, or say why it is not one"
    assert set(NOT_AN_EDIT) <= posting, "NOT_AN_EDIT names a page that takes no POST"


@pytest.mark.parametrize("page", sorted(CASES))
def test_a_stale_save_on_the_page_is_refused_with_the_other_change_and_changes_nothing(council, page):
    case = CASES[page](council)
    first_person, second_person = case["people"]
    first, second = sign_in(Client(), first_person), sign_in(Client(), second_person)
    opened_first, opened_second = first.get(case["url"]), second.get(case["url"])
    assert opened_first.status_code == opened_second.status_code == 200, case["url"]

    saved = first.post(case["url"], form_data(opened_first, case.get("step")) | case["first"])
    assert saved.status_code == 302, saved.content.decode()[:3000]
    assert case["saved"]() == case["expect"]

    refused = second.post(case["url"], form_data(opened_second, case.get("step")) | case["second"])
    html = refused.content.decode()
    assert refused.status_code == 409, html[:3000]
    assert STALE in html and first_person.get_full_name() in html
    assert case["saved"]() == case["expect"]  # nothing of the second save was written


MISSING = "This form did not say which version of the record it was opened on"


def _read(case):
    """What the page's record says, or None when it holds nothing yet (minutes not yet taken)."""
    try:
        return case["saved"]()
    except Exception:
        return None


@pytest.mark.parametrize("page", sorted(CASES))
@pytest.mark.parametrize("sent", ["without the field", "with it blank"])
def test_a_save_posted_without_its_version_is_refused_and_says_so_and_changes_nothing(council, page, sent):
    """A form sent by hand or by a script without the version it was opened on could overwrite a newer
    change unseen: it is refused (409), the page says which field was missing, and nothing changes.
    The form comes back carrying the record's version now, so saving it again goes ahead."""
    case = CASES[page](council)
    person = case["people"][0]
    client = sign_in(Client(), person)
    opened = client.get(case["url"])
    before = _read(case)
    data = form_data(opened, case.get("step")) | case["first"]
    if sent == "without the field":
        del data["version"]
    else:
        data["version"] = ""

    refused = client.post(case["url"], data)
    html = refused.content.decode()
    assert refused.status_code == 409, html[:3000]
    assert MISSING in html and "“version” field" in html
    assert STALE not in html
    assert _read(case) == before  # nothing was written

    saved = client.post(case["url"], form_data(refused, case.get("step")) | case["first"])
    assert saved.status_code == 302, saved.content.decode()[:3000]
    assert case["saved"]() == case["expect"]
