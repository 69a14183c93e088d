"""Permanence planning: the plan and its stages, the decisions that make and change it, and the
options analyses that compare the realistic options and recommend one.

History is kept: recording a new plan supersedes the current one (never overwrites it), and every
stage move is a dated record. The rules (a change of direction needs a reason, which stage moves
make sense, at least two realistic options before a recommendation ...) are the planning services'
own, the same as on the web pages.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from ninja import Field, Router, Schema, Status

from permanence.codes.documents import PRACTICE_GUIDANCE, as_cited
from permanence.planning import options, prompts, selectors, services
from permanence.planning.models import OptionsAnalysis, PermanencePlan, PlanStageChange

from ..access import child_for, item_for
from ..errors import ApiError
from ..types import Codes, Day, Id, RefId, Required, Text
from .common import CREATED, READ, WRITE, staff_name

router = Router(tags=["Planning"])

# Free text (rationale, evidence, views ...) is a TextField: no column length, so a generous bound.
LONG_TEXT = 10_000

CHECKLIST_KEYS = [prompt.key for prompt in prompts.CHECKLIST]
# Where the options analysis prompts come from: councils' own documents, labelled as practice guidance.
QUESTIONS_CITED = as_cited(prompts.CAMDEN_SOURCE)
CHECKLIST_CITED = as_cited(prompts.BIRMINGHAM_SOURCE)
PROMPTS_CITED = f"{PRACTICE_GUIDANCE}: {prompts.LEEDS} §8.1, §8.6 and §8.7"
POLICY_PROMPT_KEYS = list(dict.fromkeys(prompt.key for items in prompts.POLICY_PROMPTS.values() for prompt in items))


def _blank(value):
    return value or ""


def _renamed(refused, renames):
    """A service's refusal with its fields named as this endpoint's payload names them."""
    if not hasattr(refused, "error_dict"):
        return refused
    return ValidationError({renames.get(field, field): messages for field, messages in refused.message_dict.items()})


# --- plans -----------------------------------------------------------------------------------


class StageEntryOut(Schema):
    date: date
    stage: str = Field(description="The stage reached (a plan stage code).", examples=["agreed_at_review"])
    moved_from: str | None = Field(description="The stage it moved from; empty for the stage the plan started at.")
    by: str | None = Field(description="Who recorded the plan or the move.")
    note: str = Field(description="Why (always given when the plan went back).")


class PlanOut(Schema):
    id: int
    primary_option: str = Field(examples=["adoption"])
    parallel_option: str = Field(description="The twin-track (parallel) plan; empty if none.")
    concurrent: bool
    stage: str = Field(examples=["exploring"], description="Where the plan has got to now.")
    recorded: date
    forum: str
    rationale: str
    recorded_by: str | None
    superseded_on: date | None = Field(description="The date a later plan replaced this one; empty while current.")
    current: bool
    stage_history: list[StageEntryOut] = Field(description="Where the plan started, then each move, oldest first.")

    @staticmethod
    def resolve_recorded_by(plan):
        return staff_name(plan.recorded_by)

    @staticmethod
    def resolve_current(plan):
        return plan.superseded_on is None

    @staticmethod
    def resolve_stage_history(plan):
        changes = list(plan.stage_changes.all())
        started = changes[0].from_stage if changes else plan.stage
        entries = [
            {
                "date": plan.recorded,
                "stage": started,
                "moved_from": None,
                "by": staff_name(plan.recorded_by),
                "note": "",
            }
        ]
        entries += [
            {
                "date": change.date,
                "stage": change.to_stage,
                "moved_from": change.from_stage,
                "by": staff_name(change.by),
                "note": change.note,
            }
            for change in changes
        ]
        return entries


class PlanIn(Schema):
    primary_option: Codes(options.OPTIONS) = Field(examples=["adoption"], description="The permanence plan.")
    parallel_option: Codes(options.OPTIONS) | None = Field(
        None, examples=["long_term_fostering"], description="The twin-track (parallel) plan, if any."
    )
    concurrent: bool = Field(False, description="Concurrent planning or fostering for adoption.")
    forum: Codes(options.FORUMS) = Field("review", examples=["review"], description="Where the plan was agreed.")
    rationale: Text(LONG_TEXT) = Field(
        "",
        examples=["Parenting assessments negative; no viable family carer."],
        description="Why. Required when the plan changes direction from the current plan.",
    )
    recorded: Day = Field(description="The date the plan was recorded, for example in the IRO decisions report.")


class StageMoveIn(Schema):
    to_stage: Codes(options.STAGES) = Field(
        examples=["agreed_at_review"], description="The stage the plan has reached."
    )
    note: Text(LONG_TEXT) = Field(
        "", examples=["Agreed at the second looked-after review."], description="Why; required when the plan goes back."
    )
    date: Day = Field(description="The date of the move: today or in the past, not before the last move.")


def _plan(pk):
    changes = PlanStageChange.objects.select_related("by").order_by("date", "pk")
    return (
        PermanencePlan.objects.select_related("recorded_by")
        .prefetch_related(Prefetch("stage_changes", queryset=changes))
        .get(pk=pk)
    )


@router.get(
    "/children/{child_id}/plans",
    response=READ(list[PlanOut]),
    summary="The child's permanence plans, current first, with each plan's stage history",
)
def list_plans(request, child_id: Id):
    plans = list(reversed(selectors.plans_with_history(child_for(request, child_id))))
    return sorted(plans, key=lambda plan: plan.superseded_on is not None)


@router.post(
    "/children/{child_id}/plans",
    response=WRITE(CREATED, PlanOut),
    summary="Record a permanence plan (the current plan, if any, is superseded)",
)
def record_plan(request, child_id: Id, payload: PlanIn):
    child = child_for(request, child_id, edit=True)
    values = payload.dict()
    plan = services.plan_record(
        child=child,
        by=request.user,
        primary_option=values.pop("primary_option"),
        recorded=values.pop("recorded"),
        reason=values.pop("rationale"),
        parallel_option=_blank(values.pop("parallel_option")),
        **values,
    )
    return Status(201, _plan(plan.pk))


@router.post("/plans/{plan_id}/stage", response=WRITE(200, PlanOut), summary="Move the current plan to a stage, dated")
def move_plan_stage(request, plan_id: Id, payload: StageMoveIn):
    plan = item_for(request, PermanencePlan, plan_id, edit=True)
    services.plan_stage_move(plan=plan, by=request.user, **payload.dict())
    return _plan(plan.pk)


# --- decisions -------------------------------------------------------------------------------


class DecisionOut(Schema):
    id: int
    kind: str = Field(examples=["plan_agreed"])
    forum: str = Field(examples=["review"])
    date: date
    decided_by: str
    rationale: str
    evidence: str
    analysis_id: int | None = Field(description="The options analysis the decision was made on, if any.")
    recorded_by: str | None

    @staticmethod
    def resolve_recorded_by(decision):
        return staff_name(decision.recorded_by)


class DecisionIn(Schema):
    kind: Codes(options.DECISION_KINDS) = Field(examples=["plan_agreed"], description="What was decided.")
    forum: Codes(options.FORUMS) = Field(examples=["review"], description="Where it was decided.")
    decided_by: Required(160) = Field(examples=["Irene Reviewer (IRO)"], description="Who decided.")
    rationale: Required(LONG_TEXT) = Field(
        examples=["Mina cannot return home safely; adoption offers her a family for life."],
        description="Why it was decided. When the decision changes the plan's direction this is the reason.",
    )
    evidence: Text(LONG_TEXT) = Field(
        "",
        examples=["Parenting assessment, 2 March 2026; options analysis."],
        description="Assessments relied on and research cited.",
    )
    primary_option: Codes(options.OPTIONS) | None = Field(
        None,
        examples=["adoption"],
        description="The plan a decision agreeing or changing the plan sets (recorded with it, in one transaction).",
    )
    parallel_option: Codes(options.OPTIONS) | None = Field(
        None, examples=["long_term_fostering"], description="The parallel (twin-track) plan it sets, if any."
    )
    analysis: RefId | None = Field(None, description="Id of the child's options analysis the decision was made on.")
    date: Day = Field(description="The date of the decision: today or in the past.")


@router.get(
    "/children/{child_id}/decisions",
    response=READ(list[DecisionOut]),
    summary="Decisions about the child's permanence, oldest first",
)
def list_decisions(request, child_id: Id):
    return selectors.decisions_for(child_for(request, child_id))


@router.post(
    "/children/{child_id}/decisions",
    response=WRITE(CREATED, DecisionOut),
    summary="Record a decision (agreeing or changing the plan records the plan too)",
)
def record_decision(request, child_id: Id, payload: DecisionIn):
    child = child_for(request, child_id, edit=True)
    values = payload.dict()
    analysis = None
    if values["analysis"] is not None:
        analysis = OptionsAnalysis.objects.filter(pk=values["analysis"]).first()
        if analysis is None:
            raise ApiError(
                422, "Nothing was saved.", fields={"analysis": [f"No options analysis has id {values['analysis']}."]}
            )
    values.update(
        analysis=analysis,
        primary_option=_blank(values["primary_option"]),
        parallel_option=_blank(values["parallel_option"]),
    )
    try:
        decision = services.decision_record(child=child, by=request.user, today=date.today(), **values)
    except ValidationError as refused:
        # A plan recorded with the decision is dated by the decision: its "recorded" is this "date".
        raise _renamed(refused, {"recorded": "date"}) from None
    return Status(201, decision)


# --- options analyses ------------------------------------------------------------------------


class AssessmentOut(Schema):
    id: int
    option: str = Field(examples=["kinship"])
    realistic: bool
    not_realistic_reason: str
    strengths: str
    risks: str
    support: str
    legal_order: str
    child_views: str
    parent_views: str
    carer_views: str
    answers: dict[str, str] = Field(description="Answers to the assessment questions, by question key.")
    checklist: list[str] = Field(
        description=f"Keys of the permanence options checklist statements that fit the child. {CHECKLIST_CITED}."
    )
    prompts_adopted: list[str] = Field(
        description=f"Keys of the practice prompts adopted for this child. {PROMPTS_CITED}."
    )


class AnalysisOut(Schema):
    id: int
    date: date
    author: str | None
    status: str = Field(examples=["draft"], description="draft, or complete once an option is recommended.")
    recommended_option: str = Field(description="The option recommended; empty while a draft.")
    recommendation_rationale: str
    recommended_on: date | None
    assessments: list[AssessmentOut] = Field(description="The options assessed, in the order first assessed.")

    @staticmethod
    def resolve_author(analysis):
        return staff_name(analysis.author)

    @staticmethod
    def resolve_assessments(analysis):
        return list(analysis.assessments.all())


class AnalysisIn(Schema):
    date: Day = Field(description="The date of the analysis: today or in the past.")


class AssessmentIn(Schema):
    option: Codes(options.OPTIONS) = Field(examples=["kinship"], description="The option assessed.")
    realistic: bool = Field(True, description="Whether the option is realistic for the child.")
    not_realistic_reason: Text(LONG_TEXT) = Field("", description="Why not, when the option is not realistic.")
    strengths: Text(LONG_TEXT) = Field(
        "",
        examples=["Grace, Mina's grandmother, has cared for her at weekends since birth."],
        description="Strengths of this option for the child (required when realistic).",
    )
    risks: Text(LONG_TEXT) = Field(
        "",
        examples=["Grace is 68; her health needs watching."],
        description="Risks of this option for the child (required when realistic).",
    )
    support: Text(LONG_TEXT) = ""
    legal_order: Text(200) = Field("", examples=["Special guardianship order"])
    child_views: Text(LONG_TEXT) = ""
    parent_views: Text(LONG_TEXT) = ""
    carer_views: Text(LONG_TEXT) = ""
    answers: dict[Codes(prompts.QUESTION_KEYS), Text(LONG_TEXT)] = Field(
        {},
        examples=[{"belonging": "Mina already belongs in Grace's household."}],
        description=f"Answers to the assessment questions for any care arrangement, by question key. {QUESTIONS_CITED}.",
    )
    checklist: list[Codes(CHECKLIST_KEYS)] = Field(
        [],
        max_length=len(CHECKLIST_KEYS),
        examples=[["cao_sgo_attachment"]],
        description=(
            "Permanence options checklist statements that fit the child (only those offered for this option). "
            f"{CHECKLIST_CITED}."
        ),
    )
    prompts_adopted: list[Codes(POLICY_PROMPT_KEYS)] = Field(
        [],
        max_length=len(POLICY_PROMPT_KEYS),
        examples=[["ltf_adv_support"]],
        description=f"Practice prompts adopted for this child (only those offered for this option). {PROMPTS_CITED}.",
    )


class RecommendationIn(Schema):
    option: Codes(options.OPTIONS) = Field(
        examples=["kinship"], description="The option recommended: one assessed as realistic."
    )
    rationale: Text(LONG_TEXT) = Field(
        examples=["Grace offers Mina belonging and her identity."],
        description="Why this option is recommended over the others.",
    )
    date: Day = Field(description="The date of the recommendation: not before the analysis, not in the future.")


def _analysis(pk):
    return OptionsAnalysis.objects.select_related("author").prefetch_related("assessments").get(pk=pk)


@router.get(
    "/children/{child_id}/options-analyses",
    response=READ(list[AnalysisOut]),
    summary="The child's options analyses, newest first, each with the options assessed",
)
def list_options_analyses(request, child_id: Id):
    child = child_for(request, child_id)
    return (
        OptionsAnalysis.objects.filter(child=child)
        .select_related("author")
        .prefetch_related("assessments")
        .order_by("-date", "-pk")
    )


@router.post(
    "/children/{child_id}/options-analyses", response=WRITE(CREATED, AnalysisOut), summary="Start an options analysis"
)
def start_options_analysis(request, child_id: Id, payload: AnalysisIn):
    child = child_for(request, child_id, edit=True)
    analysis = services.analysis_start(child=child, date=payload.date, by=request.user)
    return Status(201, _analysis(analysis.pk))


@router.post(
    "/options-analyses/{analysis_id}/options",
    response={**WRITE(CREATED, AssessmentOut), 200: AssessmentOut},
    summary="Assess one option in a draft analysis (201 when first assessed, 200 when changed)",
)
def assess_option(request, analysis_id: Id, payload: AssessmentIn):
    analysis = item_for(request, OptionsAnalysis, analysis_id, edit=True)
    assessed_before = analysis.assessments.filter(option=payload.option).exists()
    assessment = services.option_assess(analysis=analysis, by=request.user, **payload.dict())
    return Status(200 if assessed_before else 201, assessment)


@router.post(
    "/options-analyses/{analysis_id}/recommendation",
    response=WRITE(200, AnalysisOut),
    summary="Recommend an option: the analysis is then complete and kept as it stands",
)
def recommend_option(request, analysis_id: Id, payload: RecommendationIn):
    analysis = item_for(request, OptionsAnalysis, analysis_id, edit=True)
    services.analysis_recommend(analysis=analysis, by=request.user, **payload.dict())
    return _analysis(analysis.pk)
