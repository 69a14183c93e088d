"""Every demo child tells one coherent story: no adoption steps without an adoption plan and the
authority to place, no search for a family for a child not looked after, no return to panel for
an adoption plan once a placement order is made, no transition without a matched carer; and
reasons and wishes vary as real ones do. Walked on the 400-child demo and a 5,000-child council."""

from datetime import date

import pytest

from permanence.children import services as children
from permanence.children.models import LegalOrder
from permanence.children.orders import PLACEMENT_ORDER
from permanence.demo import load_demo
from permanence.demo.story import problems
from permanence.matching.models import ChildProfile
from permanence.meetings.models import Panel, PanelItem
from permanence.planning.models import Decision, PermanencePlan
from permanence.support.models import DisruptionMeeting, TransitionPlan
from permanence.web.tests.builders import record_case

TODAY = date(2026, 11, 24)


def _told(found):
    return "\n".join(f"child {child}: {text}" for child, text in found[:20])


@pytest.mark.slow
@pytest.mark.django_db
def test_every_child_of_the_400_child_demo_tells_one_story():
    load_demo(children=400, seed=2026, today=TODAY)
    found = problems(today=TODAY)
    assert not found, _told(found)


@pytest.mark.slow
@pytest.mark.django_db
def test_every_child_of_a_5000_child_council_tells_one_story():
    load_demo(children=5000, seed=2026, today=TODAY)
    found = problems(today=TODAY)
    assert not found, _told(found)


# Each contradiction the issue found in the demo, built by hand: the check names it.


def _said(found):
    return " | ".join(text for _, text in found)


@pytest.mark.django_db
def test_a_transition_to_adopters_without_an_adoption_plan_or_a_match_is_a_contradiction(sam):
    child = record_case("T", worker=sam)
    PermanencePlan.objects.create(child=child, primary_option="long_term_fostering", recorded=date(2026, 3, 1))
    TransitionPlan.objects.create(
        child=child,
        moving_to="the prospective adopters",
        move_date=date(2026, 12, 1),
        introductions_start=date(2026, 11, 10),
        introductions_end=date(2026, 11, 30),
        life_story_by="Worker",
        life_story_when=date(2026, 11, 30),
        life_story_format="book",
    )
    said = _said(problems(today=TODAY))
    assert "a transition to the prospective adopters on 2026-12-01 while the plan is long-term fostering" in said
    assert "without an approved match" in said


@pytest.mark.django_db
def test_a_child_not_looked_after_is_never_searching_for_a_family():
    child = children.child_create(
        first_name="Nia", last_name="Home", date_of_birth=date(2022, 5, 1), council_reference="NLA1"
    )
    ChildProfile.objects.create(child=child, started=date(2023, 6, 1))
    PermanencePlan.objects.create(
        child=child, primary_option="adoption", recorded=date(2023, 5, 1), stage="family_finding"
    )
    said = _said(problems(today=TODAY))
    assert "searching for a family since 2023-06-01 but not looked after" in said
    assert "at 'Family finding' but not looked after" in said


@pytest.mark.django_db
def test_plan_changes_that_all_give_the_same_reason_or_only_two_are_a_template(sam):
    child = record_case("R", worker=sam)
    for n in range(6):
        Decision.objects.create(
            child=child,
            kind="plan_changed",
            forum="review",
            date=date(2026, 1, 1 + n),
            rationale="Parents did not engage.",
        )
    assert "6 of 6 plan changes give the same reason" in _said(problems(today=TODAY))
    Decision.objects.filter(pk__in=Decision.objects.values("pk")[:3]).update(rationale="Aunt assessed positively.")
    said = _said(problems(today=TODAY))
    assert "same reason" not in said and "6 plan changes give only 2 different reasons" in said


@pytest.mark.django_db
def test_every_child_wanting_a_family_with_a_dog_is_a_template(sam):
    for n in range(5):
        child = record_case(f"W{n}", worker=sam)
        ChildProfile.objects.create(child=child, started=date(2026, 6, 1), wishes="Wants a family with a dog.")
    assert "5 of 5 children's profiles give the same wishes: 'Wants a family with a dog.'" in _said(
        problems(today=TODAY)
    )


@pytest.mark.django_db
def test_a_child_with_a_placement_order_does_not_go_back_to_panel_for_an_adoption_plan(sam, simone):
    child = record_case("P", worker=sam)
    LegalOrder.objects.create(child=child, order_type=PLACEMENT_ORDER, made=date(2026, 5, 1))
    panel = Panel.objects.create(date=date(2026, 9, 1), chair=simone)
    PanelItem.objects.create(panel=panel, child=child, matter="adoption_plan", needs_adm=True)
    assert "back to panel for an adoption plan on 2026-09-01 with a placement order made" in _said(
        problems(today=TODAY)
    )


@pytest.mark.django_db
def test_children_at_disruption_meetings_do_not_all_say_the_same(sam):
    for n in range(2):
        DisruptionMeeting.objects.create(
            child=record_case(f"D{n}", worker=sam),
            date=date(2026, 10, 1),
            home="Previous carers",
            route="long_term_fostering",
            chair="IRO",
            what_happened="Ended",
            reasons_detail="Strain",
            views_child="Wants to keep in touch with the carers' dog.",
            views_carers="Sad",
            sustained="relationship",
            age=9,
        )
    assert "every child at a disruption meeting said the same" in _said(problems(today=TODAY))
