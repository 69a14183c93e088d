"""Writes: each refusal names the field and leaves the record unchanged."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from permanence.siblings.models import SiblingContactPlan
from permanence.support import services
from permanence.support.models import (
    ContactPlan,
    ContactSession,
    DisruptionMeeting,
    Lesson,
    StabilityEvent,
    SupportAction,
    SupportPlan,
    TransitionPlan,
)

from .conftest import CONTACT, DISRUPTION, TODAY


def refused(call, **kwargs):
    with pytest.raises(ValidationError) as caught:
        call(**kwargs)
    return caught.value.message_dict


@pytest.mark.parametrize(
    "change,field",
    [
        ({"with_whom": " "}, "with_whom"),
        ({"relationship": "neighbour"}, "relationship"),
        ({"kind": ""}, "kind"),
        ({"supervision": "not_applicable"}, "supervision"),
        ({"venue": ""}, "venue"),
        ({"purposes": []}, "purposes"),
        ({"purposes": ["fun"]}, "purposes"),
        ({"parties_agreed": None}, "parties_agreed"),
        ({"child_views": ""}, "child_views"),
        ({"agreed": date(2026, 7, 1)}, "agreed"),
        ({"review_date": date(2026, 2, 1)}, "review_date"),
        ({"review_date": None}, "review_date"),
    ],
)
def test_a_contact_plan_is_refused_naming_the_field(apart, change, field):
    ava, _ = apart
    problems = refused(services.contact_plan_record, child=ava, today=TODAY, **(CONTACT | change))
    assert field in problems
    assert not ContactPlan.objects.exists() and not SiblingContactPlan.objects.exists()


def test_indirect_contact_needs_no_venue_or_agreement(apart):
    ava, _ = apart
    plan = services.contact_plan_record(
        child=ava,
        today=TODAY,
        **(
            CONTACT
            | {
                "kind": "indirect",
                "venue": "",
                "supervision": "not_applicable",
                "parties_agreed": None,
                "frequency": "Twice a year",
            }
        ),
    )
    assert plan.kind == "indirect" and plan.sibling_plan is None


def test_contact_with_a_brother_is_also_the_sibling_contact_plan(apart):
    ava, _ = apart
    plan = services.contact_plan_record(
        child=ava, today=TODAY, **(CONTACT | {"relationship": "sibling", "with_whom": "Ben"})
    )
    sibling = SiblingContactPlan.objects.get()
    assert plan.sibling_plan == sibling and sibling.with_whom == "Ben" and sibling.review_date == date(2026, 7, 1)


def test_sessions(apart):
    ava, _ = apart
    plan = services.contact_plan_record(child=ava, today=TODAY, **CONTACT)
    for change, field in [
        ({"outcome": "cancelled", "who": ""}, "who"),
        ({"outcome": "not_attended", "who": ""}, "who"),
        ({"outcome": "maybe"}, "outcome"),
        ({"date": date(2026, 1, 1)}, "date"),
        ({"date": date(2026, 6, 16)}, "date"),
        ({"date": None}, "date"),
    ]:
        values = {"date": date(2026, 6, 1), "outcome": "happened", "who": ""} | change
        assert field in refused(services.contact_session_record, plan=plan, today=TODAY, **values)
    assert not ContactSession.objects.exists()
    session = services.contact_session_record(
        plan=plan, today=TODAY, date=date(2026, 6, 1), outcome="happened", who="carer"
    )
    assert session.who == ""  # who cancelled means nothing when contact happened


TRANSITION = {
    "moving_to": "The Hill family",
    "introductions_start": date(2026, 7, 1),
    "introductions_end": date(2026, 7, 14),
    "move_date": date(2026, 7, 15),
    "introductions": "Week 1: visits at the foster home. Week 2: overnight stays.",
    "child_preparation": "Photo book of the new family.",
    "carer_preparation": "Training on trauma.",
    "life_story_by": "Sam",
    "life_story_when": date(2026, 7, 1),
    "life_story_format": "digital",
    "current_carer_support": "Supervising social worker visits.",
    "birth_family_support": "Letter explaining the move.",
}


@pytest.mark.parametrize(
    "change,field",
    [
        ({"introductions_end": date(2026, 6, 30)}, "introductions_end"),
        ({"move_date": date(2026, 7, 13)}, "move_date"),
        ({"life_story_format": "scrapbook"}, "life_story_format"),
        ({"birth_family_support": ""}, "birth_family_support"),
        ({"life_story_when": None}, "life_story_when"),
    ],
)
def test_a_transition_plan_is_refused_naming_the_field(apart, change, field):
    assert field in refused(services.transition_plan_record, child=apart[0], **(TRANSITION | change))
    assert not TransitionPlan.objects.exists()


def test_a_transition_plan_is_recorded(apart):
    plan = services.transition_plan_record(child=apart[0], **TRANSITION)
    assert plan.life_story_format == "digital" and plan.move_date == date(2026, 7, 15)


SUPPORT = {
    "route": "sgo",
    "start": date(2026, 5, 1),
    "review_date": date(2026, 11, 1),
    "financial_support": "SGO allowance",
    "service_1": "Therapeutic parenting course",
    "provider_1": "Thornbury CAMHS",
    "service_start_1": date(2026, 5, 10),
    "action_1": "Refer to the virtual school",
    "owner_1": "Sam",
    "due_1": date(2026, 6, 1),
}


@pytest.mark.parametrize(
    "change,field",
    [
        ({"route": "fostering"}, "route"),
        ({"review_date": date(2026, 4, 1)}, "review_date"),
        ({"route": "long_term_fostering"}, "delegated_authority"),
        ({"provider_1": ""}, "provider_1"),
        ({"service_end_1": date(2026, 5, 1)}, "service_end_1"),
        ({"owner_2": "Tara"}, "action_2"),
        ({"due_1": None}, "due_1"),
    ],
)
def test_a_support_plan_is_refused_naming_the_field(apart, change, field):
    assert field in refused(services.support_plan_record, child=apart[0], **(SUPPORT | change))
    assert not SupportPlan.objects.exists() and not SupportAction.objects.exists()


def test_a_support_plan_with_services_and_actions(apart):
    plan = services.support_plan_record(child=apart[0], **SUPPORT)
    assert [s.provider for s in plan.services.all()] == ["Thornbury CAMHS"]
    action = plan.actions.get()
    assert "done_on" in refused(services.support_action_complete, action=action, done_on=date(2026, 6, 16), today=TODAY)
    services.support_action_complete(action=action, done_on=date(2026, 6, 2), today=TODAY)
    assert SupportAction.objects.get().done_on == date(2026, 6, 2)


def test_stability_events(apart):
    assert "kind" in refused(
        services.stability_event_record, child=apart[0], kind="party", date=date(2026, 6, 1), today=TODAY
    )
    assert "date" in refused(
        services.stability_event_record, child=apart[0], kind="missing", date=date(2026, 7, 1), today=TODAY
    )
    assert not StabilityEvent.objects.exists()
    services.stability_event_record(child=apart[0], kind="missing", date=date(2026, 6, 1), today=TODAY)


@pytest.mark.parametrize(
    "change,field",
    [
        ({"reasons": []}, "reasons"),
        ({"reasons": ["bad luck"]}, "reasons"),
        ({"sustained": ""}, "sustained"),
        ({"lessons": " \n - "}, "lessons"),
        ({"views_child": ""}, "views_child"),
        ({"date": date(2026, 6, 16)}, "date"),
        ({"route": ""}, "route"),
    ],
)
def test_a_disruption_meeting_is_refused_naming_the_field(apart, change, field):
    assert field in refused(services.disruption_meeting_record, child=apart[0], today=TODAY, **(DISRUPTION | change))
    assert not DisruptionMeeting.objects.exists() and not Lesson.objects.exists()


def test_a_disruption_meeting_keeps_its_lessons_and_the_child_age(apart):
    meeting = services.disruption_meeting_record(child=apart[0], today=TODAY, **DISRUPTION)
    assert [lesson.text for lesson in meeting.lessons.all()] == [
        "Start therapy before the move, not after",
        "Give carers a named out-of-hours contact",
    ]
    assert meeting.age == 6
