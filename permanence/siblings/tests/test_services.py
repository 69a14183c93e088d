"""Recording sibling assessments, decisions and contact plans: the presumption of living together."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from permanence.siblings import services
from permanence.siblings.models import SiblingContactPlan, SiblingDecision

from .conftest import ASSESSMENT

CONTACT = {
    "with_whom": "Ben",
    "frequency": "Every week",
    "kind": "direct",
    "review_date": date(2026, 9, 1),
    "arrangements": "Saturday mornings at the family centre",
}


def test_recording_apart_without_an_assessment_is_refused_and_nothing_is_saved(apart, sam):
    ava, ben = apart
    with pytest.raises(ValidationError) as error:
        services.sibling_decision_record(
            child=ava,
            decision="apart",
            reasons="Different needs",
            date=date(2026, 3, 1),
            forum="review",
            siblings=[ben],
            contact=CONTACT,
            by=sam,
        )
    assert "Record the sibling assessment first" in error.value.message_dict["decision"][0]
    assert not SiblingDecision.objects.exists() and not SiblingContactPlan.objects.exists()


def test_apart_with_an_assessment_and_a_contact_plan_is_recorded_with_the_plan(apart, sam):
    ava, ben = apart
    assessment = services.sibling_assessment_record(
        children=[ava, ben], date=date(2026, 2, 20), author=sam, by=sam, **ASSESSMENT
    )
    decision = services.sibling_decision_record(
        child=ava,
        decision="apart",
        reasons="Different needs",
        date=date(2026, 3, 1),
        forum="review",
        siblings=[ben],
        contact=CONTACT,
        by=sam,
    )
    assert decision.assessment == assessment
    assert list(decision.siblings.all()) == [ben]
    plan = decision.contact_plans.get()
    assert (plan.with_whom, plan.kind, plan.agreed) == ("Ben", "direct", date(2026, 3, 1))


def test_apart_without_a_contact_plan_is_refused(apart, sam):
    ava, ben = apart
    services.sibling_assessment_record(children=[ava, ben], date=date(2026, 2, 20), by=sam, **ASSESSMENT)
    with pytest.raises(ValidationError) as error:
        services.sibling_decision_record(
            child=ava,
            decision="apart",
            reasons="Different needs",
            date=date(2026, 3, 1),
            forum="review",
            siblings=[ben],
            by=sam,
        )
    assert "sibling contact plan" in error.value.message_dict["contact_with_whom"][0]


def test_a_current_contact_plan_already_recorded_is_enough(apart, sam):
    ava, ben = apart
    services.sibling_assessment_record(children=[ava, ben], date=date(2026, 2, 20), by=sam, **ASSESSMENT)
    services.sibling_contact_plan_record(child=ava, agreed=date(2026, 2, 25), by=sam, **CONTACT)
    decision = services.sibling_decision_record(
        child=ava, decision="apart", reasons="Different needs", date=date(2026, 3, 1), forum="permanence_panel", by=sam
    )
    assert decision.decision == "apart"


def test_an_incomplete_contact_plan_names_each_missing_field(apart, sam):
    ava, ben = apart
    services.sibling_assessment_record(children=[ava, ben], date=date(2026, 2, 20), by=sam, **ASSESSMENT)
    with pytest.raises(ValidationError) as error:
        services.sibling_decision_record(
            child=ava,
            decision="apart",
            reasons="x",
            date=date(2026, 3, 1),
            forum="review",
            contact={"with_whom": "Ben", "review_date": date(2026, 2, 1)},
            by=sam,
        )
    assert set(error.value.message_dict) == {"contact_frequency", "contact_kind", "contact_review_date"}
    assert "after the date the plan is agreed" in error.value.message_dict["contact_review_date"][0]


def test_together_needs_no_assessment(together, sam):
    ava, ben = together
    decision = services.sibling_decision_record(
        child=ava,
        decision="together",
        reasons="Settled together",
        date=date(2026, 3, 1),
        forum="review",
        siblings=[ben],
        by=sam,
    )
    assert decision.assessment is None


def test_an_assessment_needs_a_group_and_every_part_of_the_checklist(apart, sam):
    ava, _ben = apart
    with pytest.raises(ValidationError) as error:
        services.sibling_assessment_record(
            children=[ava],
            date=date(2030, 1, 1),
            recommendation="maybe",
            by=sam,
            relationship_quality="",
            attachment="",
            needs="",
            views="",
            history="",
            recommendation_reasons="",
        )
    assert {"children", "date", "recommendation", "needs", "views", "history", "attachment"} <= set(
        error.value.message_dict
    )
