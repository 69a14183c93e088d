"""Writes for permanence planning. Each is one transaction; history is kept.

Rules that refuse a record live in `rules.py` and `stages.py` (pure); a refusal raises
ValidationError({field: [message]}) and leaves the database unchanged.
"""

from collections.abc import Callable
from contextvars import ContextVar
from datetime import date as date_type
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F

from permanence.accounts.models import User
from permanence.audit import concurrency
from permanence.children.models import Carer, Child, Person
from permanence.children.refusals import refuse_if
from permanence.children.versions import RecordChange, StaleRecord, refuse_unversioned, versioned_update

from . import options, procedures, rules, stages
from .models import (
    CarerBriefing,
    Decision,
    Meeting,
    OptionAssessment,
    OptionsAnalysis,
    ParentContribution,
    PermanencePlan,
    PlacementConsent,
    PlanCarer,
    PlanningVersion,
    PlanStageChange,
    PlanStep,
)

PLAN_DECISIONS = ("plan_agreed", "plan_changed")
T = TypeVar("T")


# The child's planning records, each with the path to the child: a change to any of them, by any
# way in (a page, the API, the admin), moves the planning's version on (planning_moved).
PLANNING_RECORDS = {
    PermanencePlan: "child_id",
    Decision: "child_id",
    Meeting: "child_id",
    PlanStageChange: "plan__child_id",
    OptionsAnalysis: "child_id",
    OptionAssessment: "analysis__child_id",
    PlanCarer: "plan__child_id",
    PlacementConsent: "child_id",
    PlanStep: "child_id",
    CarerBriefing: "child_id",
    ParentContribution: "child_id",
}


# Who is making the planning change under way (planning_change), for the change's record.
_changing_by: ContextVar[int | None] = ContextVar("planning_changing_by", default=None)


def planning_moved(child_id: int, *, by_id: int | None = None) -> None:
    """The child's planning changed: its version goes up by one (an atomic increment), kept with
    who changed it (`by_id`, the person signed in, or making the change under way, when known), so
    a form opened before is stale."""
    by_id = by_id or _changing_by.get()
    record, _ = PlanningVersion.objects.get_or_create(child_id=child_id)
    PlanningVersion.objects.filter(pk=record.pk).update(version=F("version") + 1)
    version = PlanningVersion.objects.filter(pk=record.pk).values_list("version", flat=True).get()
    RecordChange.objects.create(
        model=PlanningVersion._meta.label,
        object_id=str(record.pk),
        child_id=child_id,
        version=version,
        by_id=by_id,
        changes={},
    )


@transaction.atomic
def planning_change(*, child: Child, version: int | str | None, by: User | None, write: Callable[[], T]) -> T:
    """Make a change to the child's planning (`write`, a service call) only if nobody else changed
    any of it since the form was opened at `version`: the planning's version moves on in one
    conditional update (children.versions.versioned_update), atomic on SQLite and PostgreSQL, and
    the write follows in the same transaction. Raises StaleRecord, writing nothing, when someone
    else's change came first; the person's own earlier saves from the same page are not a conflict.
    Raises VersionMissing, writing nothing, when no version was sent (the form's `opened_version`
    missing or blank): the change could overwrite someone else's unseen. Code making a change on
    the planning as it is now passes `selectors.planning_version(child)`."""
    record, _ = PlanningVersion.objects.get_or_create(child=child)
    refuse_unversioned(record=record, version=version, field=concurrency.FIELD)
    try:
        versioned_update(record=record, version=version, changes={}, by=by)
    except StaleRecord as stale:
        others = RecordChange.objects.filter(
            model=PlanningVersion._meta.label, object_id=str(record.pk), version__gt=stale.expected
        ).exclude(by=by)
        if stale.current is None or others.exists():
            raise
        versioned_update(record=record, version=stale.current, changes={}, by=by)
    changing = _changing_by.set(by.pk if by is not None else None)
    try:
        return write()
    finally:
        _changing_by.reset(changing)


def current_plan(child: Child) -> PermanencePlan | None:
    return PermanencePlan.objects.filter(child=child, superseded_on__isnull=True).order_by("-recorded", "-pk").first()


@transaction.atomic
def plan_record(
    *,
    child: Child,
    primary_option: str,
    recorded: date_type,
    by: User | None = None,
    reason: str = "",
    today: date_type | None = None,
    **values: Any,
) -> PermanencePlan:
    """Record a permanence plan; the current plan, if any, is superseded on the same day.

    A change of direction needs a reason (KSS §1: decisions must be defensible). A plan agreed
    at a looked-after review starts as agreed at review, like a plan recorded by a decision.
    """
    refuse_if(
        rules.date_problems("recorded", recorded, today=today or date_type.today(), what="date the plan was recorded")
    )
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
    plan = PermanencePlan.objects.create(
        child=child, primary_option=primary_option, recorded=recorded, recorded_by=by, rationale=reason, **values
    )
    if current and current.primary_option == primary_option:
        # The same plan re-recorded (a new parallel plan, say) still names the same carers.
        PlanCarer.objects.bulk_create(
            PlanCarer(
                plan=plan,
                carer_id=named.carer_id,
                person_id=named.person_id,
                named_on=named.named_on,
                how=named.how,
                recorded_by=named.recorded_by,
            )
            for named in current.named_carers.filter(ended_on__isnull=True)
        )
    return plan


# Plans whose carers are the child's parents or the young person themselves name nobody.
NAMES_NO_CARER = {
    options.STAY_HOME: "the plan is for the child to stay at home",
    options.RETURN_HOME: "the plan is for the child to return home",
    options.INDEPENDENCE: "the plan is a supported move to independence",
}


@transaction.atomic
def plan_carer_name(
    *,
    child: Child,
    date: date_type | None,
    carer: Carer | None = None,
    person: Person | None = None,
    by: User | None = None,
    how: str = PlanCarer.PLAN,
    today: date_type | None = None,
) -> PlanCarer:
    """Name who the current plan intends to care for the child for good (the proposed special
    guardian, the long-term carers, the adopters once a match is approved). Whoever was named
    before stops being named on that day; history is kept."""
    plan = current_plan(child)
    problems = rules.date_problems("named_on", date, today=today or date_type.today(), what="date they were named")
    if plan is None:
        problems["carer"] = "There is no current permanence plan. Record the plan first"
    elif plan.primary_option in NAMES_NO_CARER:
        problems["carer"] = f"This plan names no new carers: {NAMES_NO_CARER[plan.primary_option]}"
    elif (carer is None) == (person is None):
        problems["carer"] = "Choose either a carer household or a person in the child's family network"
    elif person is not None and not person.relationships.filter(child=child).exists():
        problems["person"] = f"{person} is not in {child.first_name}'s family network: add them to it first"
    elif carer is not None and carer.approval_ended and date is not None and carer.approval_ended <= date:
        problems["carer"] = f"{carer.name}'s approval ended on {carer.approval_ended:%d/%m/%Y}"
    if plan is not None and date is not None and date < plan.recorded and "named_on" not in problems:
        problems["named_on"] = f"The date they were named must be on or after the plan ({plan.recorded:%d/%m/%Y})"
    refuse_if(problems)
    assert plan is not None and date is not None  # refused above when missing
    for earlier in plan.named_carers.select_for_update().filter(ended_on__isnull=True):
        same = (earlier.carer_id, earlier.person_id) == (getattr(carer, "pk", None), getattr(person, "pk", None))
        if same:
            return earlier
        earlier.ended_on, earlier.end_reason = date, "Someone else named"
        earlier.save(update_fields=["ended_on", "end_reason"])
    return PlanCarer.objects.create(plan=plan, carer=carer, person=person, named_on=date, how=how, recorded_by=by)


@transaction.atomic
def plan_carer_end(
    *, named: PlanCarer, date: date_type, reason: str, by: User | None = None, today: date_type | None = None
) -> PlanCarer:
    """They are no longer the plan's carers (a match ended, they withdrew), with the reason."""
    named = PlanCarer.objects.select_for_update().get(pk=named.pk)
    problems = rules.date_problems(
        "ended_on",
        date,
        today=today or date_type.today(),
        what="date",
        not_before=named.named_on,
        not_before_what=f"the day they were named ({named.named_on:%d/%m/%Y})",
    )
    if not (reason or "").strip():
        problems["end_reason"] = "Enter why they are no longer named in the plan"
    if named.ended_on:
        problems["ended_on"] = f"They stopped being named on {named.ended_on:%d/%m/%Y}"
    refuse_if(problems)
    named.ended_on, named.end_reason = date, reason.strip()
    named.save(update_fields=["ended_on", "end_reason"])
    return named


@transaction.atomic
def plan_stage_move(
    *,
    plan: PermanencePlan,
    to_stage: str,
    date: date_type,
    by: User | None = None,
    note: str = "",
    today: date_type | None = None,
) -> PlanStageChange:
    """Move the current plan to `to_stage` on `date`, keeping the move as a dated record."""
    plan = PermanencePlan.objects.select_for_update().get(pk=plan.pk)
    if plan.superseded_on:
        raise ValidationError({"to_stage": ["This plan has been replaced: move the current plan instead."]})
    last = plan.stage_changes.order_by("-date", "-pk").first()
    not_before, what = (
        (last.date, f"the last move ({last.date:%d/%m/%Y})")
        if last
        else (plan.recorded, f"the date the plan was recorded ({plan.recorded:%d/%m/%Y})")
    )
    refuse_if(
        rules.date_problems(
            "date",
            date,
            today=today or date_type.today(),
            what="date of the move",
            not_before=not_before,
            not_before_what=what,
        )
    )
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
def decision_record(
    *,
    child: Child,
    kind: str,
    forum: str,
    date: date_type,
    by: User | None = None,
    primary_option: str = "",
    parallel_option: str = "",
    today: date_type | None = None,
    **values: Any,
) -> Decision:
    """Record a decision. Given `primary_option`, a decision agreeing or changing the plan
    records the plan too, in the same transaction (the web form always gives it).

    Changing the plan's direction needs a reason: the decision's rationale is that reason.
    """
    if kind not in options.DECISION_KIND_NAMES:
        raise ValidationError({"kind": [f"{kind!r} is not a kind of decision."]})
    if forum not in options.FORUM_NAMES:
        raise ValidationError({"forum": [f"{forum!r} is not a decision forum."]})
    if by is not None:
        refuse_if(rules.decision_role_problems(kind, forum, getattr(by, "role", "")))
    if today is not None:
        refuse_if(rules.date_problems("date", date, today=today, what="date of the decision"))
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
            plan_record(
                child=child,
                primary_option=primary_option,
                parallel_option=parallel_option,
                recorded=date,
                by=by,
                forum=forum,
                reason=values.get("rationale", ""),
                stage=stages.starting_stage(forum),
            )
    return Decision.objects.create(child=child, kind=kind, forum=forum, date=date, recorded_by=by, **values)


@transaction.atomic
def meeting_record(*, child: Child, kind: str, date: date_type, notes: str = "") -> Meeting:
    if kind not in dict(Meeting.KINDS):
        raise ValidationError({"kind": [f"{kind!r} is not a kind of meeting."]})
    return Meeting.objects.create(child=child, kind=kind, date=date, notes=notes)


@transaction.atomic
def analysis_start(
    *, child: Child, date: date_type, by: User | None = None, today: date_type | None = None
) -> OptionsAnalysis:
    refuse_if(rules.date_problems("date", date, today=today or date_type.today(), what="date of the analysis"))
    return OptionsAnalysis.objects.create(child=child, date=date, author=by)


def _open_analysis(analysis: OptionsAnalysis) -> OptionsAnalysis:
    analysis = OptionsAnalysis.objects.select_for_update().get(pk=analysis.pk)
    if analysis.is_complete:
        raise ValidationError(
            {
                "__all__": [
                    "This options analysis is complete and cannot be changed. "
                    "Start a new analysis to look at the options again."
                ]
            }
        )
    return analysis


ASSESSMENT_FIELDS = (
    "realistic",
    "not_realistic_reason",
    "strengths",
    "risks",
    "support",
    "legal_order",
    "child_views",
    "parent_views",
    "carer_views",
    "answers",
    "checklist",
    "prompts_adopted",
)


@transaction.atomic
def option_assess(*, analysis: OptionsAnalysis, option: str, by: User | None = None, **values: Any) -> OptionAssessment:
    """Add or change the assessment of one option in a draft analysis."""
    analysis = _open_analysis(analysis)
    unknown = set(values) - set(ASSESSMENT_FIELDS)
    if unknown:
        raise TypeError(f"Unknown assessment fields: {', '.join(sorted(unknown))}")
    values = dict(values)
    values["answers"] = {k: v.strip() for k, v in values.get("answers", {}).items() if v and v.strip()}
    refuse_if(rules.assessment_problems(option, values))
    assessment, _ = OptionAssessment.objects.update_or_create(analysis=analysis, option=option, defaults=values)
    analysis.save(update_fields=["updated_at"])
    return assessment


@transaction.atomic
def analysis_recommend(
    *,
    analysis: OptionsAnalysis,
    option: str,
    rationale: str,
    date: date_type,
    by: User | None = None,
    today: date_type | None = None,
) -> OptionsAnalysis:
    """Record the recommendation: the analysis is then complete and kept as it stands."""
    analysis = _open_analysis(analysis)
    assessed = dict(analysis.assessments.values_list("option", "realistic"))
    problems = rules.recommendation_problems(assessed, option, rationale)
    problems.update(
        rules.date_problems(
            "date",
            date,
            today=today or date_type.today(),
            what="date of the recommendation",
            not_before=analysis.date,
            not_before_what=f"the date of the analysis ({analysis.date:%d/%m/%Y})",
        )
    )
    refuse_if(problems)
    analysis.recommended_option = option
    analysis.recommendation_rationale = rationale.strip()
    analysis.recommended_on = date
    analysis.status = OptionsAnalysis.COMPLETE
    analysis.save()
    return analysis


# --- consent to placement for adoption (Adoption and Children Act 2002 s19) ------------------


@transaction.atomic
def placement_consent_record(
    *,
    child: Child,
    given_by: str,
    given_on: date_type | None,
    witnessed_by: str = "",
    advance_consent: bool = False,
    by: User | None = None,
    today: date_type | None = None,
) -> PlacementConsent:
    problems = rules.date_problems(
        "given_on", given_on, today=today or date_type.today(), what="date consent was given"
    )
    if not (given_by or "").strip():
        problems["given_by"] = "Enter who gave consent, for example the mother"
    refuse_if(problems)
    assert given_on is not None  # refused above when missing
    return PlacementConsent.objects.create(
        child=child,
        given_by=given_by.strip(),
        given_on=given_on,
        witnessed_by=(witnessed_by or "").strip(),
        advance_consent=advance_consent,
        recorded_by=by,
    )


@transaction.atomic
def placement_consent_withdraw(
    *, consent: PlacementConsent, date: date_type | None, by: User | None = None, today: date_type | None = None
) -> PlacementConsent:
    consent = PlacementConsent.objects.select_for_update().get(pk=consent.pk)
    problems = rules.date_problems(
        "withdrawn_on",
        date,
        today=today or date_type.today(),
        what="date consent was withdrawn",
        not_before=consent.given_on,
        not_before_what=f"the day it was given ({consent.given_on:%d/%m/%Y})",
    )
    if consent.withdrawn_on:
        problems["withdrawn_on"] = f"This consent was withdrawn on {consent.withdrawn_on:%d/%m/%Y}"
    refuse_if(problems)
    consent.withdrawn_on = date
    consent.save(update_fields=["withdrawn_on"])
    return consent


# --- procedural steps, what carers were told, what parents contributed --------------------------


@transaction.atomic
def plan_step_record(
    *, child: Child, kind: str, date: date_type | None, note: str = "", by: User | None = None, today: date_type
) -> PlanStep:
    """Record a step the plan asks for (procedures.STEPS) on the date it was taken."""
    refuse_if(
        procedures.step_problems(
            kind=kind, day=date, today=today, born=child.date_of_birth, expected=child.expected_date_of_birth
        )
    )
    assert date is not None  # refused above when missing
    return PlanStep.objects.create(child=child, kind=kind, date=date, note=note.strip(), recorded_by=by)


@transaction.atomic
def carer_briefing_record(
    *,
    child: Child,
    carers: str,
    shared_on: date_type | None,
    known_risks: str = "",
    foreseeable_risks: str = "",
    anticipated_needs: str = "",
    support: str = "",
    acknowledged_on: date_type | None = None,
    by: User | None = None,
    today: date_type,
) -> CarerBriefing:
    """Record what prospective carers were told of the child's risks and needs (Part 6)."""
    refuse_if(
        procedures.briefing_problems(
            carers=carers,
            shared_on=shared_on,
            known_risks=known_risks + foreseeable_risks,
            anticipated_needs=anticipated_needs,
            acknowledged_on=acknowledged_on,
            today=today,
        )
    )
    assert shared_on is not None  # refused above when missing
    return CarerBriefing.objects.create(
        child=child,
        carers=carers.strip(),
        shared_on=shared_on,
        known_risks=known_risks.strip(),
        foreseeable_risks=foreseeable_risks.strip(),
        anticipated_needs=anticipated_needs.strip(),
        support=support.strip(),
        acknowledged_on=acknowledged_on,
        recorded_by=by,
    )


@transaction.atomic
def carer_briefing_acknowledge(
    *, briefing: CarerBriefing, acknowledged_on: date_type | None, today: date_type
) -> CarerBriefing:
    """The carers' acknowledgement of what was shared with them, on a date no earlier than that."""
    refuse_if(
        procedures.briefing_problems(
            carers=briefing.carers,
            shared_on=briefing.shared_on,
            known_risks=briefing.known_risks + briefing.foreseeable_risks,
            anticipated_needs=briefing.anticipated_needs,
            acknowledged_on=acknowledged_on,
            today=today,
        )
        | ({} if acknowledged_on else {"acknowledged_on": ["Enter the date the carers acknowledged it."]})
    )
    briefing.acknowledged_on = acknowledged_on
    briefing.save(update_fields=["acknowledged_on"])
    return briefing


@transaction.atomic
def parent_contribution_record(
    *,
    child: Child,
    parent: str,
    date: date_type | None,
    way: str,
    contribution: str,
    support: str = "",
    by: User | None = None,
    today: date_type,
) -> ParentContribution:
    """Record a parent's own contribution to planning for their child (Part 6)."""
    refuse_if(
        procedures.contribution_problems(parent=parent, day=date, way=way, contribution=contribution, today=today)
    )
    assert date is not None  # refused above when missing
    return ParentContribution.objects.create(
        child=child,
        parent=parent.strip(),
        date=date,
        way=way,
        contribution=contribution.strip(),
        support=support.strip(),
        recorded_by=by,
    )
