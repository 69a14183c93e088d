"""Clinics, the monthly tracking meeting, the panel and ADM, and the action log."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from permanence.accounts import roles
from permanence.accounts.models import User
from permanence.children import services as children
from permanence.children import versions
from permanence.children.models import Allocation, Child, Review
from permanence.children.services import allocation_assign
from permanence.meetings import agenda, agenda_rules, services
from permanence.meetings.models import Action, AgendaItem, Referral
from permanence.obligations import selectors as obligations
from permanence.planning import services as planning
from permanence.planning.models import Meeting
from permanence.tracking import selectors as tracking
from permanence.web.tests.builders import record_case

TODAY = date(2026, 11, 23)

MEETING_DAY = date(2026, 11, 25)


@pytest.fixture
def iro(team):
    return User.objects.create_user("iro", first_name="Irene", last_name="Reviewer", role=roles.IRO)


@pytest.fixture
def adm(db):
    return User.objects.create_user("adm", first_name="Ada", last_name="Decider", role=roles.ADM)


# --- the clinic ------------------------------------------------------------------------------------


def test_a_social_worker_refers_a_looked_after_child_to_the_clinic_and_the_engine_sees_it(sam):
    child = record_case(worker=sam)
    referral = services.referral_create(
        child=child, by=sam, date=date(2026, 11, 2), reason="Kinship care with grandmother is being considered"
    )
    assert referral.referrer_role == "social_worker"
    assert Meeting.objects.filter(child=child, kind="clinic_referral", date=date(2026, 11, 2)).exists()


def test_a_referral_needs_a_reason_and_a_child_in_care_or_proceedings(sam):
    stranger = children.child_create(
        first_name="Nia", last_name="Notincare", date_of_birth=date(2019, 1, 1), council_reference="X1"
    )
    with pytest.raises(ValidationError) as error:
        services.referral_create(child=stranger, by=sam, date=TODAY, reason="  ")
    assert set(error.value.message_dict) == {"reason", "child"}
    assert not Referral.objects.exists()


def test_a_child_cannot_be_waiting_twice(sam):
    child = record_case(worker=sam)
    services.referral_create(child=child, by=sam, date=TODAY, reason="Adoption being considered")
    with pytest.raises(ValidationError, match="already has a referral waiting"):
        services.referral_create(child=child, by=sam, date=TODAY, reason="Again")


def test_the_clinic_warns_when_the_iro_or_the_worker_was_not_there(sam):
    child = record_case(worker=sam)
    referral = services.referral_create(child=child, by=sam, date=TODAY, reason="Long-term fostering")
    clinic = services.clinic_create(date=MEETING_DAY)
    item = services.clinic_list(clinic=clinic, referral=referral)
    warnings = services.clinic_item_record(
        item=item,
        iro_or_chair_present=False,
        worker_or_manager_present=True,
        attendees="",
        options_discussed=["long_term_fostering", "kinship"],
        agreed_plan="long_term_fostering",
        notes="",
    )
    assert warnings == [
        "The IRO or conference chair was not at the clinic: they are expected to attend "
        "(Practice guidance: Camden, Permanence practice guidance for social workers §4)."
    ]
    referral.refresh_from_db()
    assert referral.status == "seen"
    assert Meeting.objects.filter(child=child, kind="permanence_planning_meeting", date=MEETING_DAY).count() == 1


def test_the_plan_agreed_at_clinic_must_be_one_of_the_options_discussed(sam):
    child = record_case(worker=sam)
    clinic = services.clinic_create(date=MEETING_DAY)
    item = services.clinic_list(
        clinic=clinic, referral=services.referral_create(child=child, by=sam, date=TODAY, reason="SGO")
    )
    with pytest.raises(ValidationError) as error:
        services.clinic_item_record(
            item=item,
            iro_or_chair_present=True,
            worker_or_manager_present=True,
            attendees="",
            options_discussed=["kinship"],
            agreed_plan="adoption",
            notes="",
        )
    assert "agreed_plan" in error.value.message_dict
    item.refresh_from_db()
    assert not item.recorded


# --- the monthly tracking meeting ---------------------------------------------------------------------


def test_the_agenda_lists_overdue_duties_referrals_changed_plans_and_proceedings_past_26_weeks(sam):
    overdue = record_case("O", worker=sam)  # proceedings from March: overdue and past 20 weeks
    changed = record_case("P", worker=sam)
    planning.plan_record(child=changed, primary_option="kinship", recorded=date(2026, 6, 1))
    planning.plan_record(
        child=changed, primary_option="adoption", recorded=date(2026, 11, 10), reason="Viability assessment negative"
    )
    services.referral_create(child=changed, by=sam, date=date(2026, 11, 3), reason="Adoption")
    found = {
        child: [reason.text for reason in reasons]
        for child, reasons in agenda.build(since=date(2026, 10, 28), until=MEETING_DAY, today=MEETING_DAY).items()
    }
    assert any(r.startswith("Overdue: Care proceedings concluded") for r in found[overdue.pk])
    assert "Care proceedings in week 39 (issued 2 March 2026)" in found[overdue.pk]
    assert (
        "Plan changed from kinship / connected persons to adoption (including fostering for adoption and concurrent planning) on 10 November 2026"
        in found[changed.pk]
        or any(r.startswith("Plan changed from") and "10 November 2026" in r for r in found[changed.pk])
    )
    assert "Referred to the permanence planning clinic on 3 November 2026" in found[changed.pk]


def test_building_the_agenda_twice_adds_nobody_twice(sam):
    record_case("A", worker=sam)
    meeting = services.tracking_meeting_create(date=MEETING_DAY, chair=sam)
    count = meeting.items.count()
    assert count >= 1
    assert services.agenda_refresh(meeting) == 0
    assert meeting.items.count() == count


def test_a_second_meeting_covers_what_changed_since_the_first(sam):
    first = services.tracking_meeting_create(date=date(2026, 10, 28))
    second = services.tracking_meeting_create(date=MEETING_DAY)
    assert second.since == first.date
    with pytest.raises(ValidationError, match="already a permanence tracking meeting"):
        services.tracking_meeting_create(date=MEETING_DAY)


def test_recording_a_discussion_needs_both_what_was_discussed_and_decided_and_meets_the_monthly_rule(sam):
    child = record_case(worker=sam)
    meeting = services.tracking_meeting_create(date=MEETING_DAY)
    item = meeting.items.get(child=child)
    with pytest.raises(ValidationError) as error:
        services.agenda_item_record(item=item, discussion="", decision="")
    assert set(error.value.message_dict) == {"discussion", "decision"}
    services.agenda_item_record(
        item=item, discussion="Final hearing listed", decision="Chase the court for the IRH date"
    )
    assert Meeting.objects.filter(child=child, kind="tracking_meeting", date=MEETING_DAY).exists()


def test_a_meeting_cannot_close_with_children_not_discussed(sam):
    record_case(worker=sam)
    meeting = services.tracking_meeting_create(date=MEETING_DAY)
    with pytest.raises(ValidationError, match="not been discussed"):
        services.tracking_meeting_close(meeting)
    for item in meeting.items.all():
        services.agenda_item_record(item=item, discussion="Reviewed", decision="No change")
    assert services.tracking_meeting_close(meeting).closed


# --- panel and ADM ------------------------------------------------------------------------------------


# --- actions ----------------------------------------------------------------------------------------------


def test_an_action_needs_an_owner_and_cannot_be_due_before_the_meeting(sam):
    child = record_case(worker=sam)
    with pytest.raises(ValidationError) as error:
        services.action_create(
            child=child, description="", owner=None, due=date(2026, 11, 1), forum="clinic", set_on=MEETING_DAY
        )
    assert set(error.value.message_dict) == {"description", "owner", "due"}
    assert not Action.objects.exists()


# --- pages -----------------------------------------------------------------------------------------------


def test_a_manager_runs_the_monthly_meeting_from_the_agenda_to_the_actions(client, sam):
    child = record_case(worker=sam)
    client.force_login(sam)
    empty = client.post(reverse("tracking-list"), {})
    assert "Enter the date of the meeting" in empty.content.decode() and not AgendaItem.objects.exists()
    response = client.post(
        reverse("tracking-list"),
        {"date-day": "25", "date-month": "11", "date-year": "2026", "chair": sam.pk, "attendees": "IRO manager"},
    )
    meeting_url = response["Location"]
    html = client.get(meeting_url).content.decode()
    assert child.full_name in html and "Overdue:" in html
    item = AgendaItem.objects.get(child=child)
    item_url = reverse("agenda-item", args=[item.meeting_id, item.pk])
    bad = client.post(item_url, {"form": "record", "discussion": "", "decision": ""})
    assert "govuk-error-summary" in bad.content.decode() and "What was discussed" in bad.content.decode()
    opened = client.get(item_url).context["version"]  # the item's version the page carries
    client.post(
        item_url,
        {
            "form": "record",
            "discussion": "IRH slipped",
            "decision": "Ask legal to seek an extension",
            "version": opened,
        },
    )
    item.refresh_from_db()
    assert item.discussion == "IRH slipped"
    client.post(
        item_url,
        {
            "form": "action",
            "action-description": "Speak to legal about an extension",
            "action-owner": sam.pk,
            "action-due": "2026-12-02",
        },
    )
    action = Action.objects.get()
    assert (action.owner, action.forum, action.agenda_item) == (sam, "tracking_meeting", item)
    assert "Speak to legal about an extension" in client.get(reverse("my-actions")).content.decode()
    pack = client.get(reverse("tracking-pack", args=[item.meeting_id])).content.decode()
    assert "Ask legal to seek an extension" in pack and "Speak to legal about an extension" in pack


def test_marking_an_action_done_takes_it_off_the_list(client, sam):
    child = record_case(worker=sam)
    action = services.action_create(
        child=child, description="Book the FGC", owner=sam, due=date(2026, 12, 1), forum="clinic", set_on=TODAY
    )
    client.force_login(sam)
    response = client.post(
        reverse("action-done", args=[action.pk]),
        {"done_on": "2026-11-24", "next": "https://evil.example/", "version": action.version},
    )
    assert response["Location"] == reverse("my-actions")
    assert list(client.get(reverse("my-actions")).context["page"].object_list) == []


def test_the_referral_page_names_the_missing_reason(client, sam):
    child = record_case(worker=sam)
    client.force_login(sam)
    html = client.post(
        reverse("refer-to-clinic", args=[child.pk]), {"date": "2026-11-23", "reason": ""}
    ).content.decode()
    assert "govuk-error-summary" in html and "Why are you referring this child?" in html
    assert not Referral.objects.exists()


def test_every_meetings_page_needs_sign_in_and_opens_for_staff(client, sam):
    child = record_case(worker=sam)
    for name in ("meetings", "clinic-list", "tracking-list", "panel-list", "my-actions"):
        assert client.get(reverse(name)).status_code == 302
    client.force_login(sam)
    for name in ("meetings", "clinic-list", "tracking-list", "panel-list", "my-actions"):
        assert client.get(reverse(name)).status_code == 200, name
    assert client.get(reverse("add-to-panel", args=[child.pk])).status_code == 200
    assert Child.objects.count() == 1


# --- what the engine makes of it ---------------------------------------------------------------------


def test_an_open_action_shows_on_the_childs_page_and_on_the_drift_dashboard_when_late(sam):
    child = record_case(worker=sam)
    action = services.action_create(
        child=child,
        description="Book the FGC",
        owner=sam,
        due=date(2026, 11, 20),
        forum="clinic",
        set_on=date(2026, 11, 4),
    )
    page = obligations.child_obligations(child, today=TODAY)
    assert [(o.title, o.status) for o in page.open if o.rule == "meeting-actions"] == [
        ("Action: Book the FGC", "overdue")
    ]
    drift = tracking.drift([child.pk], today=TODAY)
    assert "Action: Book the FGC" in [o.title for row in drift.overdue for o in row.obligations]
    services.action_complete(action=action, done_on=date(2026, 11, 22))
    assert [o.status for o in obligations.child_obligations(child, today=TODAY).met if o.rule == "meeting-actions"] == [
        "met"
    ]


def test_the_child_page_shows_referrals_panel_items_and_actions(client, sam):
    child = record_case(worker=sam)
    services.referral_create(child=child, by=sam, date=date(2026, 11, 2), reason="Kinship care being considered")
    services.action_create(
        child=child, description="Book the FGC", owner=sam, due=date(2026, 12, 1), forum="clinic", set_on=TODAY
    )
    client.force_login(sam)
    html = client.get(reverse("child-detail", args=[child.pk])).content.decode()
    for text in (
        "Meetings, panels and actions",
        "referred to the permanence planning clinic by Sam Social-Worker",
        "Book the FGC",
        reverse("refer-to-clinic", args=[child.pk]),
        reverse("add-to-panel", args=[child.pk]),
    ):
        assert text in html, text


def test_the_iro_records_the_decisions_report_after_a_review_and_it_cannot_predate_it(client, sam, iro):
    child = record_case(worker=sam)
    allocation_assign(child=child, role=Allocation.IRO, worker=iro, start=date(2026, 1, 5))  # her case
    review = Review.objects.get(child=child)
    client.force_login(iro)
    url = reverse("decisions-report", args=[child.pk, review.pk])
    report = {
        "plan_outcome": "confirmed",
        "child_views": "Ava wants to stay with her grandmother.",
        "decision_1": "Assess the grandmother as a special guardian",
        "decision_1_owner": sam.pk,
        "decision_1_due": "2026-03-02",
        "decisions": "Plan: kinship with grandmother",
        "permanence_plan_recorded": "on",
    }
    early = client.post(url, {**report, "issued": "2026-01-01"})
    assert "cannot be issued before the review was held" in early.content.decode()
    client.post(url, {**report, "issued": "2026-02-02"})
    review.refresh_from_db()
    assert review.decisions_report.permanence_plan_recorded and review.decisions_report.iro == iro
    assert "Issued 2 February 2026" in client.get(reverse("child-detail", args=[child.pk])).content.decode()


def test_the_iro_sees_the_twin_track_plan_on_the_decisions_report_and_records_that_it_was_considered(
    client, sam, iro, settings
):
    """Birmingham section 2: twin-track planning considered at the first and every later review.
    The report shows the plan and its parallel plan as they stood at the review, and its tick is
    what the clock counts for that review."""
    settings.PERMANENCE_POLICY = "birmingham"
    child = record_case(worker=sam)
    allocation_assign(child=child, role=Allocation.IRO, worker=iro, start=date(2026, 1, 5))
    review = Review.objects.get(child=child)
    planning.plan_record(
        child=child, primary_option="return_home", parallel_option="adoption", recorded=review.date, by=sam
    )
    client.force_login(iro)
    url = reverse("decisions-report", args=[child.pk, review.pk])
    html = client.get(url).content.decode()
    assert "Parallel plan (twin track)" in html and "Adoption" in html
    assert "Trust, Permanence Guidance, section 2" in html
    twin = [o for o in obligations.obligations_for_child(child, today=TODAY) if o.rule == "birmingham-twin-track"]
    assert twin and twin[0].status != "met"
    client.post(
        url,
        {
            "issued": review.date.isoformat(),
            "plan_outcome": "confirmed",
            "child_views": "Ava wants to go home to her mother.",
            "decision_1": "Return home with adoption in parallel",
            "decision_1_owner": sam.pk,
            "decision_1_due": (review.date + timedelta(days=28)).isoformat(),
            "twin_track_considered": "on",
        },
    )
    review.refresh_from_db()
    assert review.decisions_report.twin_track_considered
    found = [o for o in obligations.obligations_for_child(child, today=TODAY) if o.rule == "birmingham-twin-track"]
    assert found[0].status == "met" and found[0].due == review.date


# --- bringing the agenda up to date ---------------------------------------------------------------


def _chair_records(item, opened_on, chair):
    """The chair saves what the meeting said about the child, on the version of the item they opened."""
    with versions.editing(record=item, version=opened_on, by=chair):
        services.agenda_item_record(
            item=AgendaItem.objects.get(pk=item.pk),
            discussion="Final hearing listed for January",
            decision="Chase the court for the IRH date",
        )


def test_the_chair_records_a_child_while_the_agenda_is_brought_up_to_date_and_both_the_words_and_reasons_survive(
    sam, monkeypatch
):
    """The chair's save lands after the refresh has read the agenda and before it writes: what the
    chair recorded survives, and the refresh's rewrite of why the child is on the agenda does not land
    on the item just discussed (it keeps the reasons the meeting discussed)."""
    child = record_case(worker=sam)
    meeting = services.tracking_meeting_create(date=MEETING_DAY)
    item = meeting.items.get(child=child)
    opened_on, discussed_on = item.version, list(item.reasons)
    services.referral_create(child=child, by=sam, date=date(2026, 11, 24), reason="Adoption")
    risk = agenda_rules.risk

    def chair_saves_in_between(reasons):
        if not AgendaItem.objects.get(pk=item.pk).discussed:
            _chair_records(item, opened_on, sam)
        return risk(reasons)

    monkeypatch.setattr(agenda_rules, "risk", chair_saves_in_between)
    services.agenda_refresh(meeting, today=MEETING_DAY)
    item.refresh_from_db()
    assert item.discussed and item.discussion == "Final hearing listed for January"
    assert item.decision == "Chase the court for the IRH date"
    assert item.reasons == discussed_on


def test_bringing_the_agenda_up_to_date_does_not_make_the_chairs_open_item_stale(sam):
    """A refresh changes nothing the chair edits (guards the reason agenda_refresh is not versioned)."""
    child = record_case(worker=sam)
    meeting = services.tracking_meeting_create(date=MEETING_DAY)
    item = meeting.items.get(child=child)
    opened_on = item.version
    services.referral_create(child=child, by=sam, date=date(2026, 11, 24), reason="Adoption")
    services.agenda_refresh(meeting, today=MEETING_DAY)
    item.refresh_from_db()
    assert any(r.startswith("Referred to the permanence planning clinic") for r in item.reasons)
    _chair_records(item, opened_on, sam)  # not refused: the refresh changed nothing the chair edits
    assert AgendaItem.objects.get(pk=item.pk).discussed
