"""Reads for the planning pages and documents: a fixed number of queries each."""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from . import options, prompts
from .models import Decision, OptionsAnalysis, PermanencePlan, PlanStageChange


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
    entries = [StageEntry(plan.recorded, options.STAGE_NAMES.get(_first_stage(plan), ""), by=plan.recorded_by)]
    for change in plan.stage_changes.all():
        entries.append(StageEntry(change.date, change.get_to_stage_display(), change.get_from_stage_display(),
                                  change.by, change.note))
    return entries


def _first_stage(plan):
    changes = list(plan.stage_changes.all())
    return changes[0].from_stage if changes else plan.stage


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
        analyses=list(
            OptionsAnalysis.objects.filter(child=child).select_related("author").order_by("-date", "-pk")
        ),
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

    realistic = row("Realistic option?", lambda a: ["Yes"] if a.realistic else ["No"] + _paragraphs(a.not_realistic_reason))
    the_option = [
        realistic,
        row("Strengths for this child", lambda a: _paragraphs(a.strengths) + _chosen(a.prompts_adopted, prompts.ADVANTAGE)),
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
        row("Birmingham checklist statements that fit the child", lambda a: _chosen(a.checklist)),
        row("Factors for a safe return home (Leeds §8.1)", lambda a: _chosen(a.prompts_adopted, prompts.FACTOR)),
    ]
    groups = [
        ("The option", the_option),
        ("Views", views),
        ("Camden's assessment questions", questions),
        ("Policy checklists", [r for r in policy if any(r.cells)]),
    ]
    return Comparison(columns=columns, groups=[(heading, rows) for heading, rows in groups if rows])
