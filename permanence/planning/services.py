"""Writes for permanence planning. Each is one transaction; history is kept.

Rules that refuse a record live in `rules.py` and `stages.py` (pure); a refusal raises
ValidationError({field: [message]}) and leaves the database unchanged.
"""

from datetime import date as date_type

from django.core.exceptions import ValidationError
from django.db import transaction

from . import options, rules, stages
from .models import Decision, Meeting, OptionAssessment, OptionsAnalysis, PermanencePlan, PlanStageChange

PLAN_DECISIONS = ("plan_agreed", "plan_changed")


def _refuse_if(problems):
    if problems:
        raise ValidationError({field: [message] for field, message in problems.items()})


def current_plan(child):
    return PermanencePlan.objects.filter(child=child, superseded_on__isnull=True).order_by("-recorded", "-pk").first()


@transaction.atomic
def plan_record(*, child, primary_option, recorded, by=None, reason="", today=None, **values):
    """Record a permanence plan; the current plan, if any, is superseded on the same day.

    A change of direction needs a reason (KSS §1: decisions must be defensible). A plan agreed
    at a looked-after review starts as agreed at review, like a plan recorded by a decision.
    """
    _refuse_if(rules.date_problems("recorded", recorded, today=today or date_type.today(),
                                   what="date the plan was recorded"))
    if not values.get("stage"):
        values["stage"] = stages.starting_stage(values.get("forum", ""))
    if primary_option not in options.OPTION_NAMES:
        raise ValidationError({"primary_option": [f"{primary_option!r} is not a permanence option."]})
    parallel = values.get("parallel_option", "")
    if parallel and parallel not in options.OPTION_NAMES:
        raise ValidationError({"parallel_option": [f"{parallel!r} is not a permanence option."]})
    if parallel and parallel == primary_option:
        raise ValidationError({"parallel_option": ["The parallel plan must be a different option from the plan."]})
    current = PermanencePlan.objects.select_for_update().filter(child=child, superseded_on__isnull=True).first()
    if current and current.primary_option != primary_option and not reason.strip():
        raise ValidationError({"rationale": ["A change of plan needs a reason: say why the direction changed."]})
    if current:
        if recorded < current.recorded:
            raise ValidationError({"recorded": ["A new plan cannot be recorded before the current plan."]})
        current.superseded_on = recorded
        current.save(update_fields=["superseded_on"])
    return PermanencePlan.objects.create(
        child=child, primary_option=primary_option, recorded=recorded, recorded_by=by, rationale=reason, **values
    )


@transaction.atomic
def plan_stage_move(*, plan, to_stage, date, by=None, note="", today=None):
    """Move the current plan to `to_stage` on `date`, keeping the move as a dated record."""
    plan = PermanencePlan.objects.select_for_update().get(pk=plan.pk)
    if plan.superseded_on:
        raise ValidationError({"to_stage": ["This plan has been replaced: move the current plan instead."]})
    last = plan.stage_changes.order_by("-date", "-pk").first()
    not_before, what = (last.date, f"the last move ({last.date:%d/%m/%Y})") if last else (
        plan.recorded, f"the date the plan was recorded ({plan.recorded:%d/%m/%Y})")
    _refuse_if(rules.date_problems("date", date, today=today or date_type.today(), what="date of the move",
                                   not_before=not_before, not_before_what=what))
    try:
        stages.check_move(plan.stage, to_stage, note)
    except stages.StageMoveRefused as refused:
        raise ValidationError({refused.field: [refused.message]}) from None
    change = PlanStageChange.objects.create(
        plan=plan, from_stage=plan.stage, to_stage=to_stage, date=date, by=by, note=note
    )
    plan.stage = to_stage
    plan.save(update_fields=["stage"])
    return change


@transaction.atomic
def decision_record(*, child, kind, forum, date, by=None, primary_option="", parallel_option="", today=None, **values):
    """Record a decision. Given `primary_option`, a decision agreeing or changing the plan
    records the plan too, in the same transaction (the web form always gives it).

    Changing the plan's direction needs a reason: the decision's rationale is that reason.
    """
    if kind not in options.DECISION_KIND_NAMES:
        raise ValidationError({"kind": [f"{kind!r} is not a kind of decision."]})
    if forum not in options.FORUM_NAMES:
        raise ValidationError({"forum": [f"{forum!r} is not a decision forum."]})
    if today is not None:
        _refuse_if(rules.date_problems("date", date, today=today, what="date of the decision"))
    if kind in PLAN_DECISIONS and not primary_option and current_plan(child) is None:
        raise ValidationError({"primary_option": ["There is no plan yet: say what plan the decision agrees."]})
    analysis = values.get("analysis")
    if analysis is not None and analysis.child_id != child.pk:
        raise ValidationError({"analysis": ["That options analysis is about another child."]})
    if primary_option:
        if kind not in PLAN_DECISIONS:
            raise ValidationError({"primary_option": ["Only a decision agreeing or changing the plan sets the plan"]})
        current = current_plan(child)
        unchanged = current and current.primary_option == primary_option and current.parallel_option == parallel_option
        if not unchanged:
            plan_record(child=child, primary_option=primary_option, parallel_option=parallel_option, recorded=date,
                        by=by, forum=forum, reason=values.get("rationale", ""), stage=stages.starting_stage(forum))
    return Decision.objects.create(child=child, kind=kind, forum=forum, date=date, recorded_by=by, **values)


@transaction.atomic
def meeting_record(*, child, kind, date, notes=""):
    if kind not in dict(Meeting.KINDS):
        raise ValidationError({"kind": [f"{kind!r} is not a kind of meeting."]})
    return Meeting.objects.create(child=child, kind=kind, date=date, notes=notes)


@transaction.atomic
def analysis_start(*, child, date, by=None, today=None):
    _refuse_if(rules.date_problems("date", date, today=today or date_type.today(), what="date of the analysis"))
    return OptionsAnalysis.objects.create(child=child, date=date, author=by)


def _open_analysis(analysis):
    analysis = OptionsAnalysis.objects.select_for_update().get(pk=analysis.pk)
    if analysis.is_complete:
        raise ValidationError({"__all__": ["This options analysis is complete and cannot be changed. "
                                           "Start a new analysis to look at the options again."]})
    return analysis


ASSESSMENT_FIELDS = (
    "realistic", "not_realistic_reason", "strengths", "risks", "support", "legal_order",
    "child_views", "parent_views", "carer_views", "answers", "checklist", "prompts_adopted",
)


@transaction.atomic
def option_assess(*, analysis, option, by=None, **values):
    """Add or change the assessment of one option in a draft analysis."""
    analysis = _open_analysis(analysis)
    unknown = set(values) - set(ASSESSMENT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown assessment fields: {', '.join(sorted(unknown))}")
    values = dict(values)
    values["answers"] = {k: v.strip() for k, v in values.get("answers", {}).items() if v and v.strip()}
    _refuse_if(rules.assessment_problems(option, values))
    assessment, _ = OptionAssessment.objects.update_or_create(analysis=analysis, option=option, defaults=values)
    analysis.save(update_fields=["updated_at"])
    return assessment


@transaction.atomic
def analysis_recommend(*, analysis, option, rationale, date, by=None, today=None):
    """Record the recommendation: the analysis is then complete and kept as it stands."""
    analysis = _open_analysis(analysis)
    assessed = dict(analysis.assessments.values_list("option", "realistic"))
    problems = rules.recommendation_problems(assessed, option, rationale)
    problems.update(rules.date_problems("date", date, today=today or date_type.today(),
                                        what="date of the recommendation", not_before=analysis.date,
                                        not_before_what=f"the date of the analysis ({analysis.date:%d/%m/%Y})"))
    _refuse_if(problems)
    analysis.recommended_option = option
    analysis.recommendation_rationale = rationale.strip()
    analysis.recommended_on = date
    analysis.status = OptionsAnalysis.COMPLETE
    analysis.save()
    return analysis
