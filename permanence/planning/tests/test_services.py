"""Recording stage moves, decisions and options analyses: history kept, refusals leave no trace."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from permanence.planning import services
from permanence.planning.models import Decision, OptionAssessment, OptionsAnalysis, PermanencePlan, PlanStageChange
from permanence.planning.options import OPTION_NAMES

from .factories import FOSTERING, KINSHIP, analysis_ready_to_recommend, analysis_with_two_options

TODAY = date(2026, 11, 1)


@pytest.fixture
def plan(ava, sam):
    return services.plan_record(child=ava, primary_option="kinship", recorded=date(2026, 2, 1), by=sam)


def test_each_move_is_kept_as_a_dated_record_and_the_plan_shows_where_it_is(plan, sam):
    services.plan_stage_move(plan=plan, to_stage="agreed_at_review", date=date(2026, 2, 1), by=sam, today=TODAY)
    services.plan_stage_move(plan=plan, to_stage="before_court", date=date(2026, 3, 10), by=sam, today=TODAY)
    plan.refresh_from_db()
    assert plan.stage == "before_court"
    moves = list(PlanStageChange.objects.filter(plan=plan).values_list("from_stage", "to_stage", "date", "by"))
    assert moves == [
        ("exploring", "agreed_at_review", date(2026, 2, 1), sam.pk),
        ("agreed_at_review", "before_court", date(2026, 3, 10), sam.pk),
    ]


def test_an_illegal_move_is_refused_naming_the_stages_and_nothing_changes(plan, sam):
    with pytest.raises(ValidationError) as refused:
        services.plan_stage_move(plan=plan, to_stage="placed", date=date(2026, 3, 1), by=sam, today=TODAY)
    assert "cannot move from “Being explored” to “Placed”" in refused.value.message_dict["to_stage"][0]
    plan.refresh_from_db()
    assert plan.stage == "exploring" and not PlanStageChange.objects.exists()


def test_going_back_to_exploring_needs_a_reason_in_the_note(plan, sam):
    services.plan_stage_move(plan=plan, to_stage="agreed_at_review", date=date(2026, 2, 1), today=TODAY)
    with pytest.raises(ValidationError) as refused:
        services.plan_stage_move(plan=plan, to_stage="exploring", date=date(2026, 4, 1), today=TODAY)
    assert "needs a reason" in refused.value.message_dict["note"][0]
    services.plan_stage_move(
        plan=plan, to_stage="exploring", date=date(2026, 4, 1), today=TODAY, note="Grandmother withdrew"
    )
    assert PlanStageChange.objects.filter(plan=plan).count() == 2


def test_a_move_cannot_be_dated_before_the_last_one_or_in_the_future(plan):
    services.plan_stage_move(plan=plan, to_stage="agreed_at_review", date=date(2026, 3, 1), today=TODAY)
    with pytest.raises(ValidationError, match="on or after the last move"):
        services.plan_stage_move(plan=plan, to_stage="endorsed", date=date(2026, 2, 20), today=TODAY)
    with pytest.raises(ValidationError, match="today or in the past"):
        services.plan_stage_move(plan=plan, to_stage="endorsed", date=date(2026, 12, 1), today=TODAY)


def test_a_replaced_plan_cannot_be_moved(plan, ava):
    services.plan_record(child=ava, primary_option="adoption", recorded=date(2026, 5, 1), reason="Grandmother withdrew")
    with pytest.raises(ValidationError, match="has been replaced"):
        services.plan_stage_move(plan=plan, to_stage="agreed_at_review", date=date(2026, 5, 2), today=TODAY)


def test_a_decision_agreeing_the_plan_records_the_plan(ava, sam):
    decision = services.decision_record(
        child=ava,
        kind="plan_agreed",
        forum="review",
        date=date(2026, 2, 1),
        by=sam,
        primary_option="kinship",
        parallel_option="long_term_fostering",
        decided_by="Irene Reviewer (IRO)",
        rationale="Viability positive",
        evidence="Viability assessment of Grace Example, 20/01/2026",
        today=TODAY,
    )
    plan = PermanencePlan.objects.get(child=ava)
    assert (plan.primary_option, plan.parallel_option, plan.forum, plan.recorded, plan.stage) == (
        "kinship",
        "long_term_fostering",
        "review",
        date(2026, 2, 1),
        "agreed_at_review",
    )
    assert decision.evidence.startswith("Viability")


def test_a_decision_changing_direction_without_a_reason_records_nothing(plan, ava):
    with pytest.raises(ValidationError) as refused:
        services.decision_record(
            child=ava,
            kind="plan_changed",
            forum="review",
            date=date(2026, 5, 1),
            primary_option="adoption",
            rationale="",
            today=TODAY,
        )
    assert "needs a reason" in refused.value.message_dict["rationale"][0]
    assert not Decision.objects.exists()
    assert list(PermanencePlan.objects.values_list("primary_option", "superseded_on")) == [("kinship", None)]


def test_a_plan_set_by_a_planning_meeting_is_still_being_explored(ava):
    services.decision_record(
        child=ava,
        kind="plan_agreed",
        forum="permanence_planning_meeting",
        date=date(2026, 3, 1),
        primary_option="adoption",
        rationale="Agreed to explore",
        today=TODAY,
    )
    assert PermanencePlan.objects.get().stage == "exploring"


def test_a_decision_confirming_the_same_plan_does_not_create_a_new_plan(plan, ava):
    services.decision_record(
        child=ava,
        kind="plan_agreed",
        forum="review",
        date=date(2026, 3, 1),
        primary_option="kinship",
        rationale="Confirmed",
        today=TODAY,
    )
    assert PermanencePlan.objects.filter(child=ava).count() == 1


def test_a_decision_cannot_be_in_the_future(ava):
    with pytest.raises(ValidationError, match="today or in the past"):
        services.decision_record(child=ava, kind="s20_reviewed", forum="review", date=date(2027, 1, 1), today=TODAY)


def test_an_options_analysis_holds_one_assessment_per_option_and_edits_replace_it(ava, sam):
    analysis = analysis_with_two_options(ava, sam)
    services.option_assess(analysis=analysis, option="kinship", **dict(KINSHIP, risks="Updated risks"))
    assert analysis.assessments.count() == 3
    kinship = OptionAssessment.objects.get(analysis=analysis, option="kinship")
    assert kinship.risks == "Updated risks"
    assert kinship.answers == {
        "belonging": "Ava already belongs in Grace's household.",
        "identity": "Same family, faith and language.",
    }


def test_an_assessment_missing_its_risks_is_refused_and_nothing_saved(ava, sam):
    analysis = services.analysis_start(child=ava, date=date(2026, 5, 1), by=sam, today=TODAY)
    with pytest.raises(ValidationError) as refused:
        services.option_assess(analysis=analysis, option="adoption", realistic=True, strengths="Young child", risks="")
    assert refused.value.message_dict == {"risks": ["Enter the risks of this option for the child"]}
    assert not OptionAssessment.objects.exists()


def test_a_recommendation_completes_the_analysis(ava, sam):
    analysis = analysis_ready_to_recommend(ava, sam)
    services.analysis_recommend(
        analysis=analysis,
        option="kinship",
        rationale="Grace offers belonging and identity",
        date=date(2026, 5, 20),
        by=sam,
        today=TODAY,
    )
    analysis.refresh_from_db()
    assert (analysis.status, analysis.recommended_option, analysis.recommended_on) == (
        "complete",
        "kinship",
        date(2026, 5, 20),
    )
    with pytest.raises(ValidationError, match="complete and cannot be changed"):
        services.option_assess(analysis=analysis, option="adoption", realistic=True, strengths="s", risks="r")


def test_a_recommendation_with_only_one_realistic_option_is_refused(ava, sam):
    analysis = services.analysis_start(child=ava, date=date(2026, 5, 1), by=sam, today=TODAY)
    services.option_assess(analysis=analysis, option="kinship", **KINSHIP)
    for option in OPTION_NAMES:
        if option != "kinship":
            services.option_assess(
                analysis=analysis, option=option, realistic=False, not_realistic_reason="Not for Ava"
            )
    with pytest.raises(ValidationError) as refused:
        services.analysis_recommend(
            analysis=analysis, option="kinship", rationale="Only one", date=date(2026, 5, 2), today=TODAY
        )
    assert "at least 2 realistic options" in refused.value.message_dict["option"][0]
    analysis.refresh_from_db()
    assert analysis.status == "draft" and analysis.recommended_option == ""


def test_no_recommendation_with_options_left_unassessed(ava, sam):
    analysis = analysis_with_two_options(ava, sam)
    with pytest.raises(ValidationError, match="6 of 9 are not assessed yet"):
        services.analysis_recommend(
            analysis=analysis, option="kinship", rationale="x", date=date(2026, 5, 2), today=TODAY
        )
    assert OptionsAnalysis.objects.get().status == "draft"


def test_the_recommended_option_must_be_realistic(ava, sam):
    analysis = analysis_ready_to_recommend(ava, sam)
    with pytest.raises(ValidationError, match="one assessed as realistic"):
        services.analysis_recommend(
            analysis=analysis, option="adoption", rationale="x", date=date(2026, 5, 2), today=TODAY
        )
    assert OptionsAnalysis.objects.get().status == "draft"


def test_a_decision_on_an_analysis_must_be_about_the_same_child(ava, ben, sam):
    analysis = analysis_with_two_options(ava, sam)
    with pytest.raises(ValidationError, match="another child"):
        services.decision_record(
            child=ben, kind="s20_reviewed", forum="review", date=date(2026, 5, 1), analysis=analysis
        )


def test_unknown_assessment_fields_are_a_programming_error(ava, sam):
    analysis = services.analysis_start(child=ava, date=date(2026, 5, 1), by=sam, today=TODAY)
    with pytest.raises(TypeError):
        services.option_assess(analysis=analysis, option="kinship", **dict(FOSTERING, colour="red"))
