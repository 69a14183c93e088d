"""Family finding never proposes breaking up a home that works: settled children are left where
they are, brothers and sisters who live together stay one unit, and waiting counts from the decision."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from permanence.children import services as record
from permanence.children.models import Carer
from permanence.matching import selectors, services
from permanence.matching.models import Match
from permanence.planning import services as planning
from permanence.siblings import services as siblings

from .conftest import TODAY, household, waiting_child


def foster_home(name, reference):
    return Carer.objects.create(name=name, kind="foster_carer", reference=reference, capacity=3)


def lives_with(child, carer, placement="U6"):
    episode = child.episodes.get()
    record.episode_update(episode=episode, version=episode.version, carer=carer, placement=placement)


def brother_and_sister(fiona, *, option="adoption"):
    ava = waiting_child("Ava", "FF1", by=fiona, option=option)
    ben = waiting_child("Ben", "FF2", by=fiona, born=date(2022, 5, 1), option=option)
    mum = record.person_create(first_name="Mia", last_name="Hart")
    for child in (ava, ben):
        record.relationship_add(child=child, person=mum, relationship="mother", parental_responsibility=True)
    home = foster_home("Pat and Chris Lee", "F-LEE")
    lives_with(ava, home)
    lives_with(ben, home)
    return ava, ben


def proposed_units(plan):
    return [sorted(p.child.first_name for p in row["children"]) for row in plan["rows"] if row["carer"]]


def test_brother_and_sister_who_live_together_are_proposed_together_without_any_decision(fiona):
    brother_and_sister(fiona)
    household("One Room Family", "AD1", capacity=1)
    household("Big Family", "AD2", capacity=2, open_to_siblings=True)
    plan = selectors.suggested_plan(today=TODAY)
    assert proposed_units(plan) == [["Ava", "Ben"]]
    row = plan["rows"][0]
    assert row["carer"].carer.name == "Big Family"
    assert "Ava and Ben stay together. Ava and Ben live together now." in row["explanation"].constraints
    assert plan["sibling_units"] == 1


def test_a_recorded_decision_to_live_apart_lets_them_be_proposed_separately_and_says_so(fiona):
    ava, ben = brother_and_sister(fiona)
    siblings.sibling_assessment_record(
        children=[ava, ben],
        date=date(2026, 1, 20),
        relationship_quality="Ben is frightened by Ava's outbursts",
        attachment="Weak",
        needs="Ava needs a home with no other children",
        views="Ben wants to see Ava every month",
        history="Neglect",
        recommendation="apart",
        recommendation_reasons="Each child's needs are met better apart",
        today=TODAY,
    )
    siblings.sibling_decision_record(
        child=ava,
        decision="apart",
        reasons="Ava needs to be the only child in the home",
        date=date(2026, 2, 1),
        forum="review",
        siblings=[ben],
        contact={
            "with_whom": "Ben",
            "frequency": "Monthly",
            "kind": "direct",
            "review_date": date(2026, 8, 1),
            "arrangements": "",
        },
        today=TODAY,
    )
    household("First Family", "AD1", capacity=1)
    household("Second Family", "AD2", capacity=1)
    plan = selectors.suggested_plan(today=TODAY)
    assert sorted(proposed_units(plan)) == [["Ava"], ["Ben"]]
    notes = [note for row in plan["rows"] for note in row["apart"]]
    assert any("should live apart: Ava needs to be the only child in the home" in note for note in notes)


def test_a_sister_whose_brother_is_not_waiting_is_held_back_not_split_from_him(fiona):
    ava, ben = brother_and_sister(fiona)
    planning.decision_record(
        child=ben,
        kind="plan_changed",
        forum="review",
        date=date(2026, 4, 1),
        primary_option="return_home",
        rationale="Father's assessment positive",
    )
    household("Big Family", "AD2", capacity=2, open_to_siblings=True)
    plan = selectors.suggested_plan(today=TODAY)
    assert proposed_units(plan) == []
    held = {item["profile"].child.first_name: item["reason"] for item in plan["held"]}
    assert "Ava" in held and "Ben: Ben does not need a new family" in held["Ava"]
    with pytest.raises(ValidationError, match="Record a decision that they should live apart"):
        services.link_record(child=ava, carer=Carer.objects.get(reference="AD2"), date=TODAY, today=TODAY)


def test_a_child_in_a_confirmed_long_term_placement_is_never_proposed_or_listed_as_waiting(fiona):
    ava = waiting_child("Ava", "FF1", by=fiona, option="long_term_fostering")
    lives_with(ava, foster_home("Pat and Chris Lee", "F-LEE"), placement="U4")
    household("Long-term Family", "LT1", approval_type="long_term_foster_carer")
    plan = selectors.suggested_plan(today=TODAY)
    assert proposed_units(plan) == []
    assert "confirmed long-term foster placement with Pat and Chris Lee" in plan["left"][0]["reason"]
    found = selectors.waiting_children(today=TODAY)
    assert found.waiting == [] and [w.child for w in found.settled] == [ava]
    with pytest.raises(ValidationError, match="New carers are linked only with a child who is waiting"):
        services.link_record(child=ava, carer=Carer.objects.get(reference="LT1"), date=TODAY, today=TODAY)
    assert not Match.objects.exists()


def test_a_child_living_with_the_carers_the_plan_names_is_settled(fiona):
    ava = waiting_child("Ava", "FF1", by=fiona, option="long_term_fostering")
    home = foster_home("Pat and Chris Lee", "F-LEE")
    lives_with(ava, home)
    assert selectors.waiting_children(today=TODAY).waiting[0].child == ava
    planning.plan_carer_name(child=ava, carer=home, date=date(2026, 2, 1), today=TODAY)
    found = selectors.waiting_children(today=TODAY)
    assert found.waiting == []
    assert "whom the plan names as Ava's permanent carers" in found.settled[0].verdict.reason


def test_waiting_counts_from_the_decision_that_a_new_family_is_needed(fiona):
    ava = waiting_child("Ava", "FF1", by=fiona)  # plan agreed 1 December 2025; family finding 5 January 2026
    row = selectors.waiting_children(today=TODAY).waiting[0]
    assert row.child == ava
    assert row.verdict.since == date(2025, 12, 1)
    assert row.days == 182
