"""The pages: forms with GOV.UK errors that save nothing, the child page section, the service views."""

from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from permanence.children.models import Carer
from permanence.obligations.selectors import child_obligations
from permanence.support import selectors, services
from permanence.support.models import ContactPlan, ContactSession, DisruptionMeeting
from permanence.web.tests.builders import child_in_care

from .conftest import CONTACT, DISRUPTION

TODAY = date.today()
PLAN_POST = {
    "relationship": "mother",
    "with_whom": "Mia Example",
    "kind": "direct",
    "frequency": "Every 2 weeks",
    "supervision": "supervised",
    "venue": "Family centre",
    "purposes": ["identity", "loss"],
    "parties_agreed": "yes",
    "child_views": "Wants to see mum.",
    "agreed": (TODAY - timedelta(days=60)).isoformat(),
    "review_date": (TODAY + timedelta(days=60)).isoformat(),
}


def test_the_pages_need_sign_in(client, apart):
    ava, _ = apart
    for url in (
        reverse("support-contact-plan-new", args=[ava.pk]),
        reverse("support-plan-new", args=[ava.pk]),
        reverse("support-disruption-new", args=[ava.pk]),
        reverse("stability"),
        reverse("stability-learning"),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_bad_contact_plan_shows_the_error_summary_and_saves_nothing(client, apart, sam):
    ava, _ = apart
    client.force_login(sam)
    response = client.post(
        reverse("support-contact-plan-new", args=[ava.pk]), PLAN_POST | {"purposes": [], "venue": ""}
    )
    html = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in html and "<title>Error:" in html
    assert 'href="#id_purposes"' in html and "contact must be for the child&#x27;s benefit" in html
    assert 'href="#id_venue"' in html
    assert not ContactPlan.objects.exists()


def test_a_contact_plan_and_a_missed_session_fire_the_indicator_on_the_child_page(client, apart, sam):
    ava, _ = apart
    client.force_login(sam)
    response = client.post(reverse("support-contact-plan-new", args=[ava.pk]), PLAN_POST)
    assert response.status_code == 302 and response["Location"].endswith("#contact")
    plan = ContactPlan.objects.get()
    assert plan.parties_agreed is True and plan.purposes == ["identity", "loss"]
    url = reverse("support-contact-session-new", args=[plan.pk])
    bad = client.post(url, {"date": (TODAY - timedelta(days=3)).isoformat(), "outcome": "cancelled"}).content.decode()
    assert "Select who cancelled the contact" in bad and not ContactSession.objects.exists()
    for days, outcome in ((3, "cancelled"), (10, "not_attended"), (17, "cancelled")):
        assert (
            client.post(
                url, {"date": (TODAY - timedelta(days=days)).isoformat(), "outcome": outcome, "who": "family"}
            ).status_code
            == 302
        )
    html = client.get(reverse("child-detail", args=[ava.pk])).content.decode()
    assert 'id="stability"' in html and 'href="#stability"' in html
    assert 'data-indicator="contact_cancelled"' in html
    assert "Contact sessions cancelled or not attended: 3 in the last 3 months (since" in html
    assert "the threshold is 3" in html and "Contact with Mia Example cancelled by the family member" in html
    assert "Cancelled" in html and "Not attended" in html


def test_the_child_page_asks_for_sibling_contact_when_apart(client, apart, sam):
    ava, _ = apart
    client.force_login(sam)
    html = client.get(reverse("child-detail", args=[ava.pk])).content.decode()
    assert "Ava lives apart from a brother or sister in care: record a contact plan with them" in html
    client.post(
        reverse("support-contact-plan-new", args=[ava.pk]), PLAN_POST | {"relationship": "sibling", "with_whom": "Ben"}
    )
    html = client.get(reverse("child-detail", args=[ava.pk])).content.decode()
    assert "record a contact plan with them" not in html and "sibling contact plan" in html


def test_lifelong_links_is_a_reminder_with_its_citation(client, sam):
    carer = Carer.objects.create(name="Long-term carers", kind="foster_carer", reference="F-9")
    zoe = child_in_care(
        "Zoe",
        "Example",
        reference="C3001",
        born=date(2012, 1, 1),
        entered=TODAY - timedelta(days=200),
        social_worker=sam,
        carer=carer,
        placement="U4",
    )
    client.force_login(sam)
    html = client.get(reverse("child-detail", args=[zoe.pk])).content.decode()
    assert 'data-rule="lifelong-links"' in html and "Lifelong Links (Family Rights Group)" in html
    services.contact_plan_record(
        child=zoe,
        **(
            CONTACT
            | {"lifelong_links": True, "agreed": TODAY - timedelta(days=10), "review_date": TODAY + timedelta(days=90)}
        ),
    )
    html = client.get(reverse("child-detail", args=[zoe.pk])).content.decode()
    assert "Part of Lifelong Links" in html
    found = [o for o in child_obligations(zoe).met if o.rule == "lifelong-links"]
    assert found and found[0].met_on == TODAY - timedelta(days=10)


def test_support_plan_page_and_an_overdue_action(client, apart, sam):
    ava, _ = apart
    client.force_login(sam)
    url = reverse("support-plan-new", args=[ava.pk])
    assert "Service 3: provider" in client.get(url).content.decode()
    bad = client.post(
        url, {"route": "long_term_fostering", "start": "2026-01-10", "review_date": "2026-07-10"}
    ).content.decode()
    assert 'href="#id_delegated_authority"' in bad
    response = client.post(
        url,
        {
            "route": "sgo",
            "start": (TODAY - timedelta(days=30)).isoformat(),
            "review_date": (TODAY + timedelta(days=150)).isoformat(),
            "action_1": "Book CAMHS",
            "owner_1": "Sam",
            "due_1": (TODAY - timedelta(days=2)).isoformat(),
        },
    )
    assert response.status_code == 302
    html = client.get(reverse("child-detail", args=[ava.pk])).content.decode()
    assert 'data-indicator="support_actions_overdue"' in html and "Support plan action overdue: Book CAMHS" in html
    rows = selectors.homes_under_strain()
    assert [r.child for r in rows] == [ava] and rows[0].home == "Pat and Chris Carer"


def test_disruption_meeting_reaches_the_learning_report(client, apart, sam):
    ava, _ = apart
    client.force_login(sam)
    post = {k: v for k, v in DISRUPTION.items() if k != "date"} | {"date": (TODAY - timedelta(days=1)).isoformat()}
    response = client.post(reverse("support-disruption-new", args=[ava.pk]), post)
    assert response.status_code == 302 and DisruptionMeeting.objects.count() == 1
    html = client.get(reverse("stability-learning")).content.decode()
    assert "Start therapy before the move, not after" in html and "Long-term fostering" in html
    assert "The child&#x27;s behaviour" in html
    html = client.get(reverse("stability-learning"), {"reason": "contact"}).content.decode()
    assert (
        "Start therapy before the move" not in html and "No disruption meeting is recorded for this selection" in html
    )
    html = client.get(reverse("stability-learning"), {"route": "long_term_fostering", "age": "5 to 9"}).content.decode()
    assert "Start therapy before the move" in html


def _child_under_strain(n, sam, carer):
    child = child_in_care(
        f"Kid{n}",
        "Strain",
        reference=f"S{n:04d}",
        born=date(2015, 1, 1),
        entered=TODAY - timedelta(days=300),
        social_worker=sam,
        carer=carer,
    )
    for days in (5, 20):
        services.stability_event_record(child=child, kind="missing", date=TODAY - timedelta(days=days))
    plan = services.contact_plan_record(
        child=child, **(CONTACT | {"agreed": TODAY - timedelta(days=100), "review_date": TODAY + timedelta(days=30)})
    )
    services.contact_session_record(plan=plan, date=TODAY - timedelta(days=4), outcome="cancelled", who="carer")
    return child


def test_homes_under_strain_takes_the_same_queries_for_more_children(client, sam, carers):
    client.force_login(sam)
    _child_under_strain(1, sam, carers[0])
    client.get(reverse("stability"))  # warm the session and caches
    with CaptureQueriesContext(connection) as few:
        html = client.get(reverse("stability")).content.decode()
    assert "Kid1 Strain" in html and "Missing or away from placement episodes" in html
    for n in range(2, 7):
        _child_under_strain(n, sam, carers[n % 2])
    with CaptureQueriesContext(connection) as many:
        html = client.get(reverse("stability")).content.decode()
    assert "Kid6 Strain" in html and "6 children whose homes may be under strain" in html
    assert len(many) == len(few)
    filtered = client.get(reverse("stability"), {"indicator": "allegations"}).content.decode()
    assert "No home shows an early warning for this indicator today" in filtered
