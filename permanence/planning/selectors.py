"""Reads for the planning pages and documents: a fixed number of queries each."""

from dataclasses import dataclass, field

from django.db.models import OuterRef, Prefetch, Q

from permanence.children.models import Carer, LegalOrder, Relationship
from permanence.children.orders import PLACEMENT_ORDER
from permanence.legal.authority import AuthorityFacts, authority_to_place
from permanence.obligations.selectors import obligations_for_child

from . import options, procedures, prompts
from .models import (
    CarerBriefing,
    Decision,
    OptionsAnalysis,
    ParentContribution,
    PermanencePlan,
    PlacementConsent,
    PlanCarer,
    PlanningVersion,
    PlanStageChange,
    PlanStep,
)


def planning_version(child):
    """The version of the child's planning a form carries (services.planning_change): one query."""
    return PlanningVersion.objects.filter(child=child).values_list("version", flat=True).first() or 1


@dataclass(frozen=True)
class StageEntry:
    date: object
    stage: str
    moved_from: str = ""
    by: object = None
    note: str = ""


@dataclass(frozen=True)
class Workspace:
    child: object
    current_plan: object
    stage_history: list
    plans: list
    decisions: list
    analyses: list


def stage_history(plan):
    """The plan's stages, oldest first: where it started when recorded, then each move."""
    prefetched = "stage_changes" in getattr(plan, "_prefetched_objects_cache", {})
    # Read once, with who moved it (unless prefetched so: plans_with_history).
    changes = list(plan.stage_changes.all() if prefetched else plan.stage_changes.select_related("by"))
    first = changes[0].from_stage if changes else plan.stage
    entries = [StageEntry(plan.recorded, options.STAGE_NAMES.get(first, ""), by=plan.recorded_by)]
    for change in changes:
        entries.append(
            StageEntry(
                change.date, change.get_to_stage_display(), change.get_from_stage_display(), change.by, change.note
            )
        )
    return entries


def plans_with_history(child):
    changes = PlanStageChange.objects.select_related("by").order_by("date", "pk")
    return list(
        PermanencePlan.objects.filter(child=child)
        .select_related("recorded_by")
        .prefetch_related(Prefetch("stage_changes", queryset=changes))
        .order_by("recorded", "pk")
    )


def workspace(child):
    plans = plans_with_history(child)
    current = next((plan for plan in reversed(plans) if plan.superseded_on is None), None)
    return Workspace(
        child=child,
        current_plan=current,
        stage_history=stage_history(current) if current else [],
        plans=plans,
        decisions=decisions_for(child),
        analyses=list(OptionsAnalysis.objects.filter(child=child).select_related("author").order_by("-date", "-pk")),
    )


def decisions_for(child):
    return list(Decision.objects.filter(child=child).select_related("recorded_by", "analysis").order_by("date", "pk"))


def analysis_with_assessments(pk):
    return OptionsAnalysis.objects.select_related("child", "author").prefetch_related("assessments").get(pk=pk)


@dataclass(frozen=True)
class OptionLine:
    option: str
    name: str
    assessment: object  # None when not yet assessed


def option_lines(analysis):
    """Every permanence option with its assessment in this analysis, assessed ones first."""
    by_option = {a.option: a for a in analysis.assessments.all()}
    lines = [OptionLine(key, label, by_option.get(key)) for key, label in options.OPTIONS]
    return sorted(lines, key=lambda line: line.assessment is None)


@dataclass(frozen=True)
class Row:
    heading: str
    cells: list  # one per column: a list of paragraphs (strings), empty when nothing recorded
    group: str = ""


@dataclass(frozen=True)
class Comparison:
    columns: list  # OptionAssessment, in the order assessed
    groups: list = field(default_factory=list)  # (group heading, [Row])


def _paragraphs(text):
    return [part.strip() for part in (text or "").split("\n") if part.strip()]


def _chosen(keys, kind=None):
    items = [prompts.PROMPTS_BY_KEY[k] for k in keys if k in prompts.PROMPTS_BY_KEY]
    return [f"{p.text} ({p.cite})" for p in items if kind is None or p.kind == kind]


def comparison(analysis):
    """The options side by side: options as columns, the questions as rows, in groups."""
    columns = list(analysis.assessments.all())

    def row(heading, cell):
        return Row(heading, [cell(a) for a in columns])

    realistic = row(
        "Realistic option?", lambda a: ["Yes"] if a.realistic else ["No", *_paragraphs(a.not_realistic_reason)]
    )
    the_option = [
        realistic,
        row(
            "Strengths for this child",
            lambda a: _paragraphs(a.strengths) + _chosen(a.prompts_adopted, prompts.ADVANTAGE),
        ),
        row("Risks for this child", lambda a: _paragraphs(a.risks) + _chosen(a.prompts_adopted, prompts.DISADVANTAGE)),
        row("Support available", lambda a: _paragraphs(a.support)),
        row("Legal order needed", lambda a: _paragraphs(a.legal_order)),
    ]
    views = [
        row("The child's views", lambda a: _paragraphs(a.child_views)),
        row("The parents' views", lambda a: _paragraphs(a.parent_views)),
        row("The carers' views", lambda a: _paragraphs(a.carer_views)),
    ]
    questions = [row(q.short, lambda a, key=q.key: _paragraphs(a.answers.get(key, ""))) for q in prompts.QUESTIONS]
    policy = [
        row("Permanence options checklist: statements that fit the child", lambda a: _chosen(a.checklist)),
        row("Factors for a safe return home", lambda a: _chosen(a.prompts_adopted, prompts.FACTOR)),
    ]
    groups = [
        ("The option", the_option),
        ("Views", views),
        ("Assessment questions for any care arrangement", questions),
        ("Practice checklists", [r for r in policy if any(r.cells)]),
    ]
    return Comparison(columns=columns, groups=[(heading, rows) for heading, rows in groups if rows])


def current_plans_for_outer_child(options):
    """The current plans of the child OuterRef("pk") whose primary or parallel option is one of these."""
    return PermanencePlan.objects.filter(child=OuterRef("pk"), superseded_on__isnull=True).filter(
        Q(primary_option__in=options) | Q(parallel_option__in=options)
    )


# --- who the plan names ----------------------------------------------------------------------


@dataclass(frozen=True)
class NamedCarer:
    """Who the current plan names to care for the child for good."""

    name: str
    relationship: str = ""  # to the child, for someone in the family network ("grandparent")
    carer_id: int | None = None  # their carer household, if they have one on the record
    person_id: int | None = None
    how: str = PlanCarer.PLAN
    named_on: object = None


def _named_rows(child_ids):
    return (
        PlanCarer.objects.filter(plan__child_id__in=child_ids, plan__superseded_on__isnull=True, ended_on__isnull=True)
        .select_related("plan", "carer", "person")
        .order_by("named_on", "pk")
    )


def named_carer(child):
    """NamedCarer for the child's current plan, or None (two queries)."""

    row = _named_rows([child.pk]).last()
    if row is None:
        return None
    if row.carer_id:
        return NamedCarer(row.carer.name, carer_id=row.carer_id, how=row.how, named_on=row.named_on)
    relationship = Relationship.objects.filter(child=child, person=row.person).order_by("pk").first()
    household = Carer.objects.filter(person=row.person, approval_ended__isnull=True).order_by("pk").first()
    return NamedCarer(
        row.name,
        relationship=relationship.get_relationship_display().lower() if relationship else "",
        carer_id=household.pk if household else None,
        person_id=row.person_id,
        how=row.how,
        named_on=row.named_on,
    )


def named_carers_for(child_ids):
    """{child id: (("carer", id) or ("person", id), name)} for many children, in two queries: the
    home the current plan intends to be permanent (a person's own carer household when they have one)."""

    latest = {row.plan.child_id: row for row in _named_rows(child_ids)}
    people = [row.person_id for row in latest.values() if row.person_id]
    households = {}
    for carer_id, person_id in (
        Carer.objects.filter(person_id__in=people, approval_ended__isnull=True)
        .order_by("-pk")
        .values_list("pk", "person_id")
    ):
        households[person_id] = carer_id
    out = {}
    for child_id, row in latest.items():
        if row.carer_id:
            out[child_id] = (("carer", row.carer_id), row.carer.name)
        elif row.person_id in households:
            out[child_id] = (("carer", households[row.person_id]), row.name)
        else:
            out[child_id] = (("person", row.person_id), row.name)
    return out


# --- authority to place for adoption ------------------------------------------------------------


def authority_facts(child):
    """The facts the authority rule reads, for one child (four queries)."""
    orders = tuple(
        LegalOrder.objects.filter(child=child, order_type=PLACEMENT_ORDER).order_by("made").values_list("made", "ended")
    )
    consents = tuple(
        PlacementConsent.objects.filter(child=child).order_by("given_on").values_list("given_on", "withdrawn_on")
    )
    e1 = child.episodes.filter(legal_status="E1").order_by("start").values_list("start", flat=True).first()
    decided = tuple(
        Decision.objects.filter(child=child, kind="adm_should_be_placed")
        .order_by("date")
        .values_list("date", flat=True)
    )
    return AuthorityFacts(child.first_name, orders, consents, e1, decided)


def authority_for(child, on):
    """Whether the agency may place the child for adoption on `on`, in words."""
    return authority_to_place(authority_facts(child), on)


def should_be_placed_decisions(child):
    """The Agency Decision Maker's "should be placed" decisions, oldest first: a second stands
    beside the first, never silently over it."""
    return list(Decision.objects.filter(child=child, kind="adm_should_be_placed").order_by("date", "pk"))


def family_people(child):
    """(Person, label) for each person in the child's family network, for naming the plan's carers."""
    rows = Relationship.objects.filter(child=child).select_related("person").order_by("person__last_name", "pk")
    seen, out = set(), []
    for row in rows:
        if row.person_id in seen:
            continue
        seen.add(row.person_id)
        out.append(
            (row.person, f"{row.person.first_name} {row.person.last_name} ({row.get_relationship_display().lower()})")
        )
    return out


def carer_households():
    """Carer households whose approval has not ended, by name."""
    return list(Carer.objects.filter(approval_ended__isnull=True).exclude(kind="childrens_home").order_by("name", "pk"))


# --- procedural steps, carers told, parents' contributions --------------------------------------


@dataclass(frozen=True)
class StepLine:
    key: str
    title: str
    source: str
    when: str
    done: list  # the PlanStep records of this kind, oldest first
    due: object  # the clock's obligation for it under the council's pack, or None


@dataclass(frozen=True)
class Procedures:
    steps: list  # StepLine for each step the plan asks for, and any other step recorded
    ffa_needed: (
        bool  # adoption is the plan (or parallel plan): s22C(9A) asks for fostering for adoption to be considered
    )
    ffa_decisions: list
    ffa_due: object
    briefings: list
    briefing_due: object
    contributions: list
    contribution_due: object


def _step_source(step, obligation):
    """The running pack's citation when it times the step (a council's local rule cites its own document);
    otherwise the step's own: the law, or practice guidance labelled as such."""
    if obligation is not None and obligation.source and obligation.kind != "prompt":
        return obligation.source
    return step.source


def procedures_for(child, *, today=None):
    """What the plan asks for next and what has been done, with the clock's due dates."""
    plan = PermanencePlan.objects.filter(child=child, superseded_on__isnull=True).order_by("-recorded", "-pk").first()
    unborn = child.expected_date_of_birth is not None and child.date_of_birth is None
    asked = procedures.steps_for(
        primary=plan.primary_option if plan else None, parallel=plan.parallel_option if plan else None, unborn=unborn
    )
    recorded = list(PlanStep.objects.filter(child=child).order_by("date", "pk"))
    clock = {}
    for obligation in obligations_for_child(child, today=today, include_not_applicable=False):
        key = procedures.CLOCK_RULES.get(obligation.rule)
        if key:
            clock[key] = obligation
    shown = list(asked) + [
        procedures.BY_KEY[k] for k in dict.fromkeys(s.kind for s in recorded) if procedures.BY_KEY[k] not in asked
    ]
    lines = [
        StepLine(
            s.key,
            s.title,
            _step_source(s, clock.get(s.key)),
            s.when,
            [r for r in recorded if r.kind == s.key],
            clock.get(s.key),
        )
        for s in shown
    ]
    plans = {plan.primary_option, plan.parallel_option} if plan else set()
    return Procedures(
        steps=lines,
        ffa_needed=options.ADOPTION in plans,
        ffa_decisions=list(Decision.objects.filter(child=child, kind="ffa_considered").order_by("date", "pk")),
        ffa_due=clock.get("ffa_considered"),
        briefings=list(CarerBriefing.objects.filter(child=child).order_by("-shared_on", "-pk")),
        briefing_due=clock.get(procedures.CARER_BRIEFING),
        contributions=list(ParentContribution.objects.filter(child=child).order_by("-date", "-pk")),
        contribution_due=clock.get(procedures.PARENT_CONTRIBUTION),
    )
