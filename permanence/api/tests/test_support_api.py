"""A contact service records a child's contact plan and, each time contact was due, whether it
happened, was cancelled (by whom) or someone did not attend."""

from datetime import date

import pytest

from permanence.access import matrix
from permanence.audit.models import AuditEvent
from permanence.siblings.models import SiblingContactPlan
from permanence.support import services
from permanence.support.models import ContactPlan, ContactSession

CONTACT = {
    "with_whom": "Mia Example",
    "relationship": "mother",
    "kind": "direct",
    "frequency": "Every 2 weeks",
    "supervision": "supervised",
    "venue": "Thornbury family centre",
    "purposes": ["identity", "reassurance"],
    "parties_agreed": True,
    "child_views": "Mina wants to see her mum but not every week.",
    "agreed": "2026-02-01",
    "review_date": "2026-07-01",
}
CANCELLED = {"date": "2026-02-15", "outcome": "cancelled", "who": "family", "notes": "Mum was unwell."}


def worker_api(council, api_as, **kwargs):
    return api_as(council["people"][matrix.SOCIAL_WORKER], **kwargs)


@pytest.fixture
def plan(council):
    values = {**CONTACT, "agreed": date(2026, 2, 1), "review_date": date(2026, 7, 1)}
    return services.contact_plan_record(child=council["mine"], **values)


def test_a_contact_plan_and_its_sessions_read_back(council, api_as):
    api = worker_api(council, api_as)
    mine = council["mine"]
    response = api.post(f"/children/{mine.pk}/contact-plans", CONTACT)
    assert response.status_code == 201, response.json()
    created = response.json()
    assert created["with_whom"] == "Mia Example" and created["purposes"] == ["identity", "reassurance"]
    assert created["sessions"] == [] and created["sibling_plan_id"] is None
    session = api.post(f"/contact-plans/{created['id']}/sessions", CANCELLED)
    assert session.status_code == 201, session.json()
    assert (
        api.post(
            f"/contact-plans/{created['id']}/sessions", {"date": "2026-03-01", "outcome": "happened", "who": "carer"}
        ).status_code
        == 201
    )
    [read] = api.get(f"/children/{mine.pk}/contact-plans").json()
    assert {key: read[key] for key in CONTACT} == CONTACT
    assert [(s["date"], s["outcome"], s["who"], s["notes"]) for s in read["sessions"]] == [
        ("2026-03-01", "happened", "", ""),
        ("2026-02-15", "cancelled", "family", "Mum was unwell."),
    ]


def test_indirect_contact_needs_no_venue_or_prior_agreement(council, api_as):
    indirect = {
        **CONTACT,
        "kind": "indirect",
        "supervision": "not_applicable",
        "venue": "",
        "parties_agreed": None,
        "frequency": "Twice a year",
    }
    response = worker_api(council, api_as).post(f"/children/{council['mine'].pk}/contact-plans", indirect)
    assert response.status_code == 201 and response.json()["parties_agreed"] is None


def test_contact_with_a_brother_or_sister_is_also_the_sibling_contact_plan(council, api_as):
    response = worker_api(council, api_as).post(
        f"/children/{council['mine'].pk}/contact-plans", {**CONTACT, "relationship": "sibling", "with_whom": "Ben"}
    )
    assert response.status_code == 201
    assert response.json()["sibling_plan_id"] == SiblingContactPlan.objects.get(with_whom="Ben").pk


@pytest.mark.parametrize(
    "change,field",
    [
        ({"kind": "sometimes"}, "kind"),
        ({"relationship": "neighbour"}, "relationship"),
        ({"purposes": ["fun"]}, "purposes.0"),
        ({"agreed": "2026-02-30"}, "agreed"),
        ({"with_whom": ""}, "with_whom"),
        ({"with_whom": "Mia\x00"}, "with_whom"),
        ({"venue": ""}, "venue"),  # the service: direct contact needs a venue
        ({"purposes": []}, "purposes"),  # the service: contact must be for the child's benefit
        ({"review_date": "2026-01-01"}, "review_date"),
        ({"agreed": "2099-01-01"}, "agreed"),
        ({"supervision": "not_applicable"}, "supervision"),
    ],
)
def test_a_bad_contact_plan_names_the_field_and_saves_nothing(council, api_as, change, field):
    response = worker_api(council, api_as).post(f"/children/{council['mine'].pk}/contact-plans", {**CONTACT, **change})
    assert response.status_code == 422
    assert field in response.json()["error"]["fields"], response.json()
    assert not ContactPlan.objects.exists() and not SiblingContactPlan.objects.exists()


@pytest.mark.parametrize(
    "change,field",
    [
        ({"who": None}, "who"),  # cancelled: say who cancelled
        ({"outcome": "not_attended", "who": None}, "who"),
        ({"outcome": "postponed"}, "outcome"),
        ({"date": "2099-01-01"}, "date"),
        ({"date": "2026-01-15"}, "date"),  # before the plan was agreed
    ],
)
def test_a_bad_session_names_the_field_and_saves_nothing(council, api_as, plan, change, field):
    response = worker_api(council, api_as).post(f"/contact-plans/{plan.pk}/sessions", {**CANCELLED, **change})
    assert response.status_code == 422
    assert field in response.json()["error"]["fields"], response.json()
    assert not ContactSession.objects.exists()


def test_contact_outside_case_access_is_refused(council, api_as, plan):
    omar = api_as(council["omar"])
    mine = council["mine"]
    for response in (
        omar.get(f"/children/{mine.pk}/contact-plans"),
        omar.post(f"/children/{mine.pk}/contact-plans", CONTACT),
        omar.post(f"/contact-plans/{plan.pk}/sessions", CANCELLED),
    ):
        assert response.status_code == 403 and response.json()["error"]["code"] == "not_in_case_access"
    assert omar.post("/contact-plans/999999/sessions", CANCELLED).status_code == 404
    assert ContactPlan.objects.count() == 1 and not ContactSession.objects.exists()


@pytest.mark.parametrize("role", [matrix.PERFORMANCE_ANALYST, matrix.ADMINISTRATOR])
def test_roles_without_child_records_see_no_contact_plans(council, api_as, plan, role):
    api = api_as(council["people"][role])
    assert api.get(f"/children/{council['mine'].pk}/contact-plans").status_code == 403
    assert api.post(f"/contact-plans/{plan.pk}/sessions", CANCELLED).status_code == 403


def test_a_panel_member_reads_contact_plans_but_records_nothing(council, api_as, plan):
    api = api_as(council["people"][matrix.PANEL_MEMBER])
    mine = council["mine"]
    assert [p["id"] for p in api.get(f"/children/{mine.pk}/contact-plans").json()] == [plan.pk]
    assert api.post(f"/children/{mine.pk}/contact-plans", CONTACT).status_code == 403
    assert api.post(f"/contact-plans/{plan.pk}/sessions", CANCELLED).status_code == 403


def test_a_read_only_token_cannot_record_contact(council, api_as, plan):
    api = worker_api(council, api_as, read_only=True)
    mine = council["mine"]
    assert api.get(f"/children/{mine.pk}/contact-plans").status_code == 200
    for response in (
        api.post(f"/children/{mine.pk}/contact-plans", CONTACT),
        api.post(f"/contact-plans/{plan.pk}/sessions", CANCELLED),
    ):
        assert response.status_code == 403 and response.json()["error"]["code"] == "read_only_token"
    assert ContactPlan.objects.count() == 1 and not ContactSession.objects.exists()


def test_reading_contact_plans_is_in_the_audit_trail(council, api_as, plan):
    worker_api(council, api_as).get(f"/children/{council['mine'].pk}/contact-plans")
    view = AuditEvent.objects.filter(action="view", child_id=council["mine"].pk).latest("pk")
    assert view.username == "sam" and "API token" in view.user_agent
