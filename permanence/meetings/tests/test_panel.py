"""The permanence panel and the Agency Decision Maker as the regulations set them: a panel has a
chair and members; its chair, a vice chair or its adviser records quorate minutes once it has met;
the ADM decides having considered them, within seven working days; each role uses its own form."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from permanence.accounts import roles
from permanence.accounts.models import User
from permanence.children import services as children
from permanence.meetings import services
from permanence.meetings.models import ADMDecision, Panel, PanelMinutes
from permanence.obligations import selectors as obligations
from permanence.planning import services as planning
from permanence.planning.models import Decision
from permanence.web.tests.builders import record_case

TODAY = date(2026, 11, 23)
PANEL_DAY = date(2026, 11, 2)  # a Monday


def staff(username, first, last, role):
    return User.objects.create_user(username, first_name=first, last_name=last, role=role)


@pytest.fixture
def panel_people(db):
    return {
        "chair": staff("chair", "Priya", "Patel", roles.PANEL_MEMBER),
        "vice_chair": staff("vice", "Victor", "Vice", roles.PANEL_MEMBER),
        "social_worker": staff("swm", "Sue", "Worker", roles.PANEL_MEMBER),
        "independent": staff("ind1", "Ian", "Independent", roles.PANEL_MEMBER),
        "independent2": staff("ind2", "Imogen", "Independent", roles.PANEL_MEMBER),
        "agency_adviser": staff("adviser", "Alan", "Adviser", roles.PANEL_MEMBER),
    }


@pytest.fixture
def panel(panel_people):
    p = panel_people
    return services.panel_create(
        date=PANEL_DAY,
        chair=p["chair"],
        members=[
            (p["vice_chair"], "vice_chair"),
            (p["social_worker"], "social_worker"),
            (p["independent"], "independent"),
            (p["independent2"], "independent"),
            (p["agency_adviser"], "agency_adviser"),
        ],
    )


def minutes(item, by, *, present=None, **values):
    return services.panel_minutes_record(
        item=item,
        by=by,
        present=present if present is not None else list(item.panel.members.all()),
        **{
            "outcome": "recommended",
            "recommendation": "Ava should be placed for adoption.",
            "recommended_option": "adoption",
            "reasons": "No family member can care safely; Ava needs a family for life.",
            "recorded_on": PANEL_DAY,
            "today": TODAY,
            **values,
        },
    )


def adoption_item(panel, child):
    return services.panel_item_add(panel=panel, child=child, matter="adoption_plan", today=PANEL_DAY)


# --- setting up a panel ----------------------------------------------------------------------------


def test_a_panel_needs_a_date_and_a_chair_and_an_empty_form_makes_nothing(panel_people):
    with pytest.raises(ValidationError) as error:
        services.panel_create(date=None, chair=None)
    assert set(error.value.message_dict) == {"date", "chair"}
    assert not Panel.objects.exists()


def test_the_agency_decision_maker_never_sits_on_the_panel(panel_people, adm):
    with pytest.raises(ValidationError, match="cannot sit on the panel"):
        services.panel_create(date=PANEL_DAY, chair=panel_people["chair"], members=[(adm, "independent")])


def test_a_panel_has_one_chair(panel_people):
    with pytest.raises(ValidationError, match="one chair"):
        services.panel_create(
            date=PANEL_DAY, chair=panel_people["chair"], members=[(panel_people["vice_chair"], "chair")]
        )


# --- the minutes -----------------------------------------------------------------------------------


def test_the_chair_records_quorate_minutes_and_the_panel_meeting_is_on_the_record(sam, panel, panel_people):
    child = record_case(worker=sam)
    item = adoption_item(panel, child)
    recorded = minutes(item, panel_people["chair"])
    assert recorded.quorate and recorded.present.count() == 6
    item.refresh_from_db()
    assert item.recommendation == "Ava should be placed for adoption."
    assert child.meetings.filter(kind="permanence_panel", date=PANEL_DAY).exists()


def test_the_agency_adviser_may_record_the_minutes_but_an_ordinary_member_may_not(sam, panel, panel_people):
    item = adoption_item(panel, record_case(worker=sam))
    with pytest.raises(ValidationError, match="Ian Independent is not the chair, a vice chair or the agency adviser"):
        minutes(item, panel_people["independent"])
    assert minutes(item, panel_people["agency_adviser"]).recorded_by == panel_people["agency_adviser"]


def test_no_recommendation_for_a_panel_that_has_not_met(sam, panel, panel_people):
    item = adoption_item(panel, record_case(worker=sam))
    with pytest.raises(ValidationError, match="has not met yet"):
        minutes(item, panel_people["chair"], today=date(2026, 11, 1))
    assert not PanelMinutes.objects.exists()


def test_a_panel_without_a_quorum_cannot_recommend_and_says_what_is_missing(sam, panel, panel_people):
    item = adoption_item(panel, record_case(worker=sam))
    four = [m for m in panel.members.all() if m.role not in ("independent", "agency_adviser")]
    with pytest.raises(ValidationError) as error:
        minutes(item, panel_people["chair"], present=four)
    message = error.value.message_dict["present"][0]
    assert message.startswith("Not quorate (3 members present): at least 5 members must take part")
    assert "an independent member must take part" in message and "reg 6" in message


def test_the_minutes_say_why_when_the_panel_was_not_unanimous(sam, panel, panel_people):
    item = adoption_item(panel, record_case(worker=sam))
    with pytest.raises(ValidationError) as error:
        minutes(item, panel_people["chair"], unanimous=False, reasons="", recorded_on=date(2026, 11, 1))
    assert set(error.value.message_dict) >= {"dissent"} or "recorded_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        minutes(item, panel_people["chair"], unanimous=False, reasons="")
    assert set(error.value.message_dict) == {"dissent", "reasons"}


def test_minutes_once_sent_to_the_decision_maker_cannot_be_changed(sam, panel, panel_people):
    item = adoption_item(panel, record_case(worker=sam))
    minutes(item, panel_people["chair"])
    with pytest.raises(ValidationError, match="cannot be changed"):
        minutes(item, panel_people["vice_chair"])


# --- the Agency Decision Maker ----------------------------------------------------------------------


def test_the_adm_decides_only_on_the_minutes_and_never_before_them(sam, panel, panel_people, adm):
    child = record_case(worker=sam)
    item = adoption_item(panel, child)
    decide = {"item": item, "outcome": "agreed", "by": adm, "reasons": "I agree with the panel", "today": TODAY}
    with pytest.raises(ValidationError, match="has not recorded its minutes"):
        services.adm_decide(date=PANEL_DAY, minutes_considered=True, **decide)
    minutes(item, panel_people["chair"], recorded_on=date(2026, 11, 4))
    with pytest.raises(ValidationError, match="Only the Agency Decision Maker"):
        services.adm_decide(date=PANEL_DAY, minutes_considered=True, **{**decide, "by": panel_people["chair"]})
    with pytest.raises(ValidationError) as error:
        services.adm_decide(date=date(2026, 11, 3), **decide)
    assert set(error.value.message_dict) == {"date", "minutes_considered"}
    assert "on or after the day the panel's minutes were completed (04/11/2026)" in error.value.message_dict["date"][0]
    services.adm_decide(date=date(2026, 11, 6), minutes_considered=True, **decide)
    decision = Decision.objects.get(child=child, kind="adm_should_be_placed")
    assert decision.forum == "adm" and decision.decided_by == "Gareth Whitlow"


def test_the_adm_has_nothing_to_decide_when_the_panel_deferred(sam, panel, panel_people, adm):
    item = adoption_item(panel, record_case(worker=sam))
    minutes(item, panel_people["chair"], outcome="deferred", recommendation="Deferred for the sibling assessment")
    with pytest.raises(ValidationError, match="deferred this item"):
        services.adm_decide(
            item=item, outcome="agreed", date=PANEL_DAY, by=adm, reasons="r", minutes_considered=True, today=TODAY
        )


def test_a_second_should_be_placed_decision_is_shown_against_the_first_and_needs_its_reason(
    sam, panel, panel_people, adm
):
    child = record_case(worker=sam)
    planning.decision_record(
        child=child,
        kind="adm_should_be_placed",
        forum="adm",
        date=date(2026, 6, 1),
        by=adm,
        decided_by="Gareth Whitlow",
    )
    item = adoption_item(panel, child)
    minutes(item, panel_people["chair"])
    assert [d.date for d in services.earlier_should_be_placed(item)] == [date(2026, 6, 1)]
    decide = {"item": item, "outcome": "agreed", "date": PANEL_DAY, "by": adm, "reasons": "Agree", "today": TODAY}
    with pytest.raises(ValidationError, match=r"An earlier decision of 01/06/2026 .* stands: say why"):
        services.adm_decide(minutes_considered=True, **decide)
    services.adm_decide(
        minutes_considered=True, earlier_decision_note="The first was made before the father came forward", **decide
    )
    assert Decision.objects.filter(child=child, kind="adm_should_be_placed").count() == 2


def test_a_long_term_fostering_match_is_decided_by_the_panel_not_the_adm(sam, panel, panel_people, adm):
    item = services.panel_item_add(panel=panel, child=record_case(worker=sam), matter="ltf_match", today=PANEL_DAY)
    minutes(item, panel_people["chair"], recommendation="The match is agreed", recommended_option="")
    with pytest.raises(ValidationError, match="The panel decides this matter itself"):
        services.adm_decide(
            item=item, outcome="agreed", date=PANEL_DAY, by=adm, reasons="r", minutes_considered=True, today=TODAY
        )


def test_the_adm_clock_runs_seven_working_days_from_the_minutes(sam, panel, panel_people, adm):
    child = record_case(worker=sam)
    item = adoption_item(panel, child)
    minutes(item, panel_people["chair"], recorded_on=date(2026, 11, 2))
    (clock,) = [o for o in obligations.obligations_for_child(child, today=TODAY) if o.rule == "adm-decision"]
    # Monday 2 November + 7 working days: 3, 4, 5, 6, 9, 10, 11 November.
    assert clock.due == date(2026, 11, 11) and clock.status == "overdue"
    services.adm_decide(
        item=item,
        outcome="deferred",
        date=date(2026, 11, 23),
        by=adm,
        reasons="Need the updated parenting assessment",
        minutes_considered=True,
        today=TODAY,
    )
    (clock,) = [o for o in obligations.obligations_for_child(child, today=TODAY) if o.rule == "adm-decision"]
    assert clock.status == "met" and clock.met_late


def test_no_other_role_can_record_the_adms_decision_through_the_planning_form(sam, adm):
    child = record_case(worker=sam)
    with pytest.raises(ValidationError, match="Only the Agency Decision Maker records"):
        planning.decision_record(child=child, kind="adm_should_be_placed", forum="adm", date=PANEL_DAY, by=sam)
    with pytest.raises(ValidationError, match="is the Agency Decision Maker's"):
        planning.decision_record(child=child, kind="adm_should_be_placed", forum="review", date=PANEL_DAY, by=sam)
    assert not Decision.objects.filter(kind="adm_should_be_placed").exists()


# --- authority to place before an adoption match goes to panel --------------------------------------


def test_an_adoption_match_cannot_reach_panel_without_authority_to_place(sam, panel_people, adm):
    child = record_case(worker=sam)
    coming = services.panel_create(date=date(2026, 12, 7), chair=panel_people["chair"])
    with pytest.raises(ValidationError) as error:
        services.panel_item_add(panel=coming, child=child, matter="adoption_match", today=TODAY)
    reasons = " ".join(error.value.message_dict["matter"])
    assert "no placement order is in force and no consent to placement is recorded" in reasons
    assert "The Agency Decision Maker has not decided that Ava should be placed for adoption" in reasons
    children.order_record(child=child, order_type="placement_order", made=date(2026, 10, 1))
    with pytest.raises(ValidationError, match="has not decided"):
        services.panel_item_add(panel=coming, child=child, matter="adoption_match", today=TODAY)
    planning.decision_record(child=child, kind="adm_should_be_placed", forum="adm", date=date(2026, 9, 1), by=adm)
    assert services.panel_item_add(panel=coming, child=child, matter="adoption_match", today=TODAY).pk


def test_consent_to_placement_is_authority_until_it_is_withdrawn(sam, panel_people, adm):
    child = record_case(worker=sam)
    planning.decision_record(child=child, kind="adm_should_be_placed", forum="adm", date=date(2026, 9, 1), by=adm)
    consent = planning.placement_consent_record(
        child=child, given_by="Mother", given_on=date(2026, 9, 10), witnessed_by="Cafcass officer", today=TODAY
    )
    planning.placement_consent_withdraw(consent=consent, date=date(2026, 11, 1), today=TODAY)
    coming = services.panel_create(date=date(2026, 12, 7), chair=panel_people["chair"])
    with pytest.raises(ValidationError, match="was withdrawn on 01/11/2026"):
        services.panel_item_add(panel=coming, child=child, matter="adoption_match", today=TODAY)


# --- pages: each role sees only the forms it may use -------------------------------------------------


def test_the_set_up_form_is_the_panels_and_an_empty_one_makes_nothing(client, sam, panel_people):
    client.force_login(sam)
    assert client.get(reverse("panel-new")).status_code == 403
    assert "Set up a panel" not in client.get(reverse("panel-list")).content.decode()
    client.force_login(panel_people["chair"])
    page = client.post(reverse("panel-new"), {}).content.decode()
    assert "Enter the date the panel meets" in page and "Choose who chairs the panel" in page
    assert not Panel.objects.exists()


def test_only_the_panels_recorder_is_offered_the_minutes_and_others_are_told_why(client, sam, panel, panel_people, adm):
    item = adoption_item(panel, record_case(worker=sam))
    item_url = reverse("panel-item", args=[panel.pk, item.pk])
    minutes_url = reverse("panel-minutes", args=[panel.pk, item.pk])
    client.force_login(panel_people["chair"])
    assert minutes_url in client.get(item_url).content.decode()
    client.force_login(panel_people["independent"])
    assert minutes_url not in client.get(item_url).content.decode()
    refused = client.get(minutes_url)
    assert refused.status_code == 403
    assert "not the chair, a vice chair or the agency adviser" in refused.content.decode()
    client.force_login(sam)
    assert client.get(minutes_url).status_code == 403
    client.force_login(adm)
    not_yet = client.get(reverse("adm-decision", args=[panel.pk, item.pk]))
    assert not_yet.status_code == 409 and "has not recorded its minutes" in not_yet.content.decode()


def test_the_panel_member_records_the_minutes_and_the_adm_decides_through_the_pages(
    client, sam, panel, panel_people, adm
):
    child = record_case(worker=sam)
    item = adoption_item(panel, child)
    client.force_login(panel_people["chair"])
    form = {
        "present": [m.pk for m in panel.members.all()],
        "outcome": "recommended",
        "recommendation": "Ava should be placed for adoption.",
        "recommended_option": "adoption",
        "reasons": "No family member can care safely.",
        "unanimous": "True",
        "recorded_on-day": str(TODAY.day),
        "recorded_on-month": str(TODAY.month),
        "recorded_on-year": str(TODAY.year),
        "version": item.version,  # the panel item's version the page was opened on
    }
    response = client.post(reverse("panel-minutes", args=[panel.pk, item.pk]), form)
    assert response.status_code == 302
    item.refresh_from_db()
    # The ADM's form belongs to the ADM: the panel member cannot post a decision.
    decision = {
        "minutes_considered": "on",
        "outcome": "agreed",
        "date-day": str(TODAY.day),
        "date-month": str(TODAY.month),
        "date-year": str(TODAY.year),
        "reasons": "Agree",
        "version": item.version,
    }
    assert client.post(reverse("adm-decision", args=[panel.pk, item.pk]), decision).status_code == 403
    client.force_login(adm)
    page = client.get(reverse("panel-item", args=[panel.pk, item.pk])).content.decode()
    assert "No family member can care safely." in page and reverse("adm-decision", args=[panel.pk, item.pk]) in page
    assert client.post(reverse("adm-decision", args=[panel.pk, item.pk]), decision).status_code == 302
    assert ADMDecision.objects.get(item=item).minutes_considered
