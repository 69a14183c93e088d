"""The steps the practice documents set once a plan is made, what carers were told, what parents
contributed, and fostering for adoption considered: recorded on the planning page, refused with
the field named when impossible, and seen by the clock."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse

from permanence.obligations.selectors import obligations_for_child
from permanence.planning import procedures, selectors, services
from permanence.planning.models import CarerBriefing, ParentContribution, PlanStep

TODAY = date.today()


def date_fields(name, value):
    return {f"{name}-day": value.day, f"{name}-month": value.month, f"{name}-year": value.year}


def opened(child):
    """The version of the child's planning a form opened now carries, as a browser sends it back."""
    return {"opened_version": selectors.planning_version(child)}


@pytest.fixture
def signed_in(client, sam):
    client.force_login(sam)
    return client


@pytest.fixture
def adoption(ava, sam):
    return services.plan_record(child=ava, primary_option="adoption", recorded=TODAY - timedelta(days=21), by=sam)


def test_the_steps_a_plan_asks_for_follow_the_plan():
    assert [s.key for s in procedures.steps_for(primary="adoption")] == [
        "cpr_completed",
        "raa_referral",
        "ffa_temporary_approval",
    ]
    assert [s.key for s in procedures.steps_for(primary="long_term_fostering")] == [
        "form_e_completed",
        "fostering_referral",
    ]
    assert [s.key for s in procedures.steps_for(primary="return_home", parallel="adoption")][:2] == [
        "cpr_completed",
        "raa_referral",
    ]
    assert procedures.steps_for(primary="return_home") == ()
    assert [s.key for s in procedures.steps_for(primary=None, unborn=True)] == ["pre_birth_assessment"]


def test_a_step_needs_a_known_kind_and_a_date_not_in_the_future(ava):
    with pytest.raises(ValidationError) as refused:
        services.plan_step_record(child=ava, kind="cake", date=TODAY + timedelta(days=1), today=TODAY)
    assert set(refused.value.message_dict) == {"kind", "date"}
    assert PlanStep.objects.count() == 0


def test_a_pre_birth_assessment_is_refused_for_a_child_born_before_it(ava):
    with pytest.raises(ValidationError) as refused:
        services.plan_step_record(child=ava, kind="pre_birth_assessment", date=TODAY, today=TODAY)
    assert refused.value.message_dict["date"] == ["A pre-birth assessment is completed before the birth (10/03/2020)."]


def test_what_carers_were_told_needs_who_when_and_something_shared_and_an_acknowledgement_after_it(ava):
    with pytest.raises(ValidationError) as refused:
        services.carer_briefing_record(child=ava, carers=" ", shared_on=None, today=TODAY)
    assert set(refused.value.message_dict) == {"carers", "shared_on", "known_risks"}
    with pytest.raises(ValidationError) as refused:
        services.carer_briefing_record(
            child=ava,
            carers="Mr and Mrs Ahmed",
            shared_on=TODAY,
            known_risks="Foetal alcohol exposure",
            acknowledged_on=TODAY - timedelta(days=3),
            today=TODAY,
        )
    assert "before it was shared" in refused.value.message_dict["acknowledged_on"][0]
    assert CarerBriefing.objects.count() == 0


def test_a_parents_contribution_needs_who_when_how_and_what(ava):
    with pytest.raises(ValidationError) as refused:
        services.parent_contribution_record(child=ava, parent="", date=None, way="", contribution="", today=TODAY)
    assert set(refused.value.message_dict) == {"parent", "date", "way", "contribution"}
    assert ParentContribution.objects.count() == 0


@override_settings(PERMANENCE_POLICY="camden")
def test_after_a_plan_for_adoption_the_cpr_and_raa_referral_are_on_the_clock_until_recorded(ava, sam, adoption):
    """Camden s6; plan recorded 21 days ago: the referral (2 weeks) is overdue, the report
    (6 weeks) is upcoming; once recorded, both are met."""
    found = {o.rule: o for o in obligations_for_child(ava)}
    assert found["camden-raa-referral"].status == "overdue"
    assert found["camden-raa-referral"].due == adoption.recorded + timedelta(weeks=2)
    assert found["camden-cpr"].due == adoption.recorded + timedelta(weeks=6)
    services.plan_step_record(child=ava, kind="raa_referral", date=TODAY - timedelta(days=1), by=sam, today=TODAY)
    services.plan_step_record(child=ava, kind="cpr_completed", date=TODAY, by=sam, today=TODAY)
    found = {o.rule: o for o in obligations_for_child(ava)}
    assert (found["camden-raa-referral"].status, found["camden-raa-referral"].met_late) == ("met", True)
    assert found["camden-cpr"].status == "met"


def test_briefings_acknowledgements_and_contributions_reach_the_clock(ava, sam, adoption):
    briefing = services.carer_briefing_record(
        child=ava, carers="Mr and Mrs Ahmed", shared_on=TODAY, anticipated_needs="Speech therapy", by=sam, today=TODAY
    )
    assert {o.rule: o.status for o in obligations_for_child(ava)}["carer-briefing"] == "prompt"
    services.carer_briefing_acknowledge(briefing=briefing, acknowledged_on=TODAY, today=TODAY)
    services.parent_contribution_record(
        child=ava, parent="Mother", date=TODAY, way="meeting", contribution="Wants Ava to keep her name", today=TODAY
    )
    found = {o.rule: o.status for o in obligations_for_child(ava)}
    assert found["carer-briefing"] == "met"
    assert found["parents-contribution"] == "met"


def test_the_planning_page_shows_each_step_with_its_source_and_a_link_to_record_it(signed_in, ava, adoption):
    html = signed_in.get(reverse("planning-workspace", args=[ava.pk])).content.decode()
    assert "Child&#x27;s Permanence Report completed" in html or "Child's Permanence Report completed" in html
    assert "Camden, Permanence practice guidance for social workers, section 6" in html
    assert "s22C(9A)" in html
    assert reverse("planning-step-new", args=[ava.pk]) + "?kind=cpr_completed" in html


def test_a_worker_records_a_step_from_the_form_and_sees_it_on_the_planning_page(signed_in, ava, adoption):
    url = reverse("planning-step-new", args=[ava.pk])
    response = signed_in.post(
        url, {"kind": "raa_referral", **date_fields("date", TODAY), "note": "South RAA", **opened(ava)}
    )
    assert response.status_code == 302
    assert PlanStep.objects.get().kind == "raa_referral"
    html = signed_in.get(reverse("planning-workspace", args=[ava.pk])).content.decode()
    assert "South RAA" in html


def test_an_empty_step_form_records_nothing_and_names_the_fields(signed_in, ava):
    response = signed_in.post(reverse("planning-step-new", args=[ava.pk]), {})
    html = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in html
    assert "Select which step was taken" in html
    assert PlanStep.objects.count() == 0


def test_empty_briefing_and_contribution_forms_record_nothing(signed_in, ava):
    assert signed_in.post(reverse("planning-briefing-new", args=[ava.pk]), {}).status_code == 200
    assert signed_in.post(reverse("planning-parent-new", args=[ava.pk]), {}).status_code == 200
    assert CarerBriefing.objects.count() == ParentContribution.objects.count() == 0


def test_a_briefing_and_its_acknowledgement_from_the_forms(signed_in, ava, adoption):
    response = signed_in.post(
        reverse("planning-briefing-new", args=[ava.pk]),
        {
            "carers": "Mr and Mrs Ahmed",
            **date_fields("shared_on", TODAY),
            "known_risks": "Foetal alcohol exposure",
            **opened(ava),
        },
    )
    assert response.status_code == 302
    briefing = CarerBriefing.objects.get()
    assert briefing.acknowledged_on is None
    response = signed_in.post(
        reverse("planning-briefing-acknowledged", args=[ava.pk, briefing.pk]),
        {**date_fields("acknowledged_on", TODAY), **opened(ava)},
    )
    assert response.status_code == 302
    briefing.refresh_from_db()
    assert briefing.acknowledged_on == TODAY


def test_fostering_for_adoption_considered_is_a_decision_the_worker_records(signed_in, ava, adoption):
    response = signed_in.post(
        reverse("planning-decision-new", args=[ava.pk]),
        {
            "kind": "ffa_considered",
            "forum": "permanence_planning_meeting",
            **date_fields("date", TODAY),
            "decided_by": "Tara Team-Manager",
            "rationale": "No fostering for adoption carers free; considered and not pursued.",
            **opened(ava),
        },
    )
    assert response.status_code == 302
    found = {o.rule: o for o in obligations_for_child(ava)}
    assert found["ffa-considered"].met_on == TODAY


def test_a_step_form_opened_before_someone_elses_change_is_refused_and_shows_it(client, sam, tara, ava, adoption):
    client.force_login(sam)
    url = reverse("planning-step-new", args=[ava.pk])
    opened = client.get(url).context["opened_version"]
    services.plan_step_record(child=ava, kind="cpr_completed", date=TODAY, by=tara, today=TODAY)
    response = client.post(url, {"kind": "raa_referral", **date_fields("date", TODAY), "opened_version": opened})
    assert response.status_code == 409
    assert PlanStep.objects.filter(kind="raa_referral").count() == 0


@pytest.mark.parametrize("sent", [{}, {"opened_version": ""}], ids=["without the field", "with it blank"])
def test_a_planning_form_sent_without_its_version_is_refused_says_so_and_records_nothing(
    signed_in, ava, adoption, sent
):
    """A form posted by hand or by a script without the version of the planning it was opened on could
    overwrite a newer change unseen: refused (409), the field named, nothing recorded; the form comes
    back carrying the planning's version now, so saving it again goes ahead."""
    url = reverse("planning-step-new", args=[ava.pk])
    step = {"kind": "raa_referral", **date_fields("date", TODAY), "note": "South RAA"}
    refused = signed_in.post(url, step | sent)
    html = refused.content.decode()
    assert refused.status_code == 409
    assert "This form did not say which version of the child's planning it was opened on" in html
    assert "“opened_version” field" in html and "<title>Error: " in html
    assert not PlanStep.objects.filter(kind="raa_referral").exists()
    again = signed_in.post(url, step | {"opened_version": refused.context["opened_version"]})
    assert again.status_code == 302 and PlanStep.objects.filter(kind="raa_referral").count() == 1
