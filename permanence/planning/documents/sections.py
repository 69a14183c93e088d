"""The options analysis document, as an ordered list of section functions.

Each function takes the DocumentData and returns a Section, or None to leave itself out.
Planning's own sections are in SECTIONS; another app adds one (the child's voice, the sibling
decision) with `register_section` from its AppConfig.ready: the Word and PDF renderers need no change.
"""

from collections.abc import Callable
from dataclasses import dataclass

from permanence.children.selectors import case_summary
from permanence.codes.documents import as_cited

from .. import options, prompts, selectors
from .blocks import Bullets, Document, Paragraph, Section, Subheading, Table


def long_date(value):
    return f"{value.day} {value:%B} {value.year}" if value else ""


@dataclass(frozen=True)
class DocumentData:
    analysis: object
    child: object
    summary: object
    plans: list
    current_plan: object
    decisions: list
    assessments: list


def document_data(analysis, *, today=None):
    child = analysis.child
    plans = selectors.plans_with_history(child)
    return DocumentData(
        analysis=analysis,
        child=child,
        summary=case_summary(child, today=today),
        plans=plans,
        current_plan=next((p for p in reversed(plans) if p.superseded_on is None), None),
        decisions=selectors.decisions_for(child),
        assessments=list(analysis.assessments.all()),
    )


def child_details(data):
    child, summary = data.child, data.summary
    born = (
        long_date(child.date_of_birth)
        if child.date_of_birth
        else (f"Unborn, due {long_date(child.expected_date_of_birth)}" if child.expected_date_of_birth else "Not known")
    )
    rows = [
        ["Name", child.full_name],
        ["Council reference", child.council_reference],
        ["Date of birth", born],
        ["Legal status", summary.legal_status or "Not looked after"],
        ["Placement", summary.placement or "None"],
        ["Carer", summary.carer or "None recorded"],
        ["Entered care", long_date(summary.entered_care) or "Not looked after"],
        ["Social worker", str(summary.social_worker or "Not allocated")],
        ["Independent Reviewing Officer", str(summary.iro or "Not allocated")],
    ]
    return Section("The child", [Table(["", ""], rows)])


def analysis_details(data):
    analysis = data.analysis
    rows = [
        ["Date of the analysis", long_date(analysis.date)],
        ["Written by", str(analysis.author or "Not recorded")],
        ["Status", analysis.get_status_display()],
        ["Options assessed", str(len(data.assessments))],
    ]
    return Section("This options analysis", [Table(["", ""], rows)])


def current_plan(data):
    plan = data.current_plan
    if plan is None:
        return Section("The current permanence plan", [Paragraph("No permanence plan is recorded.")])
    blocks = [
        Table(
            ["", ""],
            [
                ["Plan", plan.get_primary_option_display()],
                ["Parallel plan", plan.get_parallel_option_display() or "None"],
                ["Stage", plan.get_stage_display()],
                ["Recorded", f"{long_date(plan.recorded)} ({plan.get_forum_display()})"],
            ],
        )
    ]
    history = selectors.stage_history(plan)
    blocks.append(Subheading("Stage history"))
    blocks.append(
        Table(
            ["Date", "Stage", "Note"],
            [
                [long_date(e.date), e.stage + (f" (from {e.moved_from})" if e.moved_from else ""), e.note]
                for e in history
            ],
            first_column_is_heading=False,
        )
    )
    return Section("The current permanence plan", blocks)


def decision_history(data):
    if not data.decisions:
        return Section("Decision history", [Paragraph("No decisions are recorded.")])
    rows = []
    for d in data.decisions:
        made = d.get_forum_display() + (f"; {d.decided_by}" if d.decided_by else "")
        reason = d.rationale or "Not recorded"
        if d.evidence:
            reason += f" Evidence: {d.evidence}"
        rows.append([long_date(d.date), d.get_kind_display(), made, reason])
    return Section(
        "Decision history",
        [Table(["Date", "Decision", "Made by", "Reason and evidence"], rows, first_column_is_heading=False)],
    )


def _text_blocks(label, text):
    parts = [p.strip() for p in (text or "").split("\n") if p.strip()]
    return [Subheading(label)] + [Paragraph(p) for p in parts] if parts else []


def options_considered(data):
    if not data.assessments:
        return Section("The options considered", [Paragraph("No options have been assessed yet.")])
    blocks = [
        Table(
            ["Option", "Realistic?", "Legal order needed"],
            [[a.get_option_display(), "Yes" if a.realistic else "No", a.legal_order or ""] for a in data.assessments],
        )
    ]
    for a in data.assessments:
        blocks.append(Subheading(a.get_option_display()))
        if not a.realistic:
            blocks.extend(_text_blocks("Why it is not realistic", a.not_realistic_reason))
        for label, field in (
            ("Strengths for this child", "strengths"),
            ("Risks for this child", "risks"),
            ("Support available", "support"),
            ("The child's views", "child_views"),
            ("The parents' views", "parent_views"),
            ("The carers' views", "carer_views"),
        ):
            blocks.extend(_text_blocks(label, getattr(a, field)))
        answered = [(q, a.answers.get(q.key)) for q in prompts.QUESTIONS if a.answers.get(q.key)]
        if answered:
            blocks.append(Subheading("Assessment questions for any care arrangement"))
            blocks.append(Table(["Question", "Answer"], [[q.text, answer] for q, answer in answered]))
        ticked = [
            prompts.PROMPTS_BY_KEY[k]
            for k in list(a.checklist) + list(a.prompts_adopted)
            if k in prompts.PROMPTS_BY_KEY
        ]
        if ticked:
            blocks.append(Subheading("Practice statements adopted for this child"))
            blocks.append(Bullets([f"{p.text} ({_kind_name(p.kind)}; {p.cited})" for p in ticked]))
    return Section("The options considered", blocks)


def _kind_name(kind):
    return prompts.CHECKLIST_COLUMNS.get(kind) or {
        "advantage": "advantage",
        "disadvantage": "disadvantage",
        "factor": "factor for a safe return",
    }.get(kind, kind)


def recommendation(data):
    analysis = data.analysis
    if not analysis.recommended_option:
        return Section(
            "Recommendation", [Paragraph("No recommendation has been recorded yet: this analysis is a draft.")]
        )
    return Section(
        "Recommendation",
        [
            Paragraph(options.OPTION_NAMES[analysis.recommended_option], bold=True),
            Paragraph(f"Recommended on {long_date(analysis.recommended_on)} by {analysis.author or 'the author'}."),
            *_text_blocks("Why this option", analysis.recommendation_rationale),
        ],
    )


def sources(data):
    return Section(
        "Sources",
        [
            Paragraph(
                "The assessment questions and practice statements are practice guidance the product offers, "
                "not rules: they come from these documents."
            ),
            Bullets([as_cited(source) for source in prompts.sources_cited()]),
        ],
    )


# The sections planning writes itself; other apps add theirs after the decision history.
SECTIONS = [
    child_details,
    analysis_details,
    current_plan,
    decision_history,
    options_considered,
    recommendation,
    sources,
]
_CONTRIBUTED: dict[str, tuple[int, Callable]] = {}


def register_section(name, section, *, order):
    """Another app's section (the child's voice, the sibling decision), registered from its AppConfig.ready.

    Contributed sections follow the decision history, lowest `order` first.
    """
    _CONTRIBUTED[name] = (order, section)


def all_sections():
    """Every section of the document, in order."""
    contributed = [section for _, section in sorted(_CONTRIBUTED.values(), key=lambda item: item[0])]
    at = SECTIONS.index(decision_history) + 1
    return SECTIONS[:at] + contributed + SECTIONS[at:]


def build(analysis, *, today=None, sections=None):
    data = document_data(analysis, today=today)
    built = [section(data) for section in (sections or all_sections())]
    return Document(
        title=f"Permanence options analysis: {data.child.full_name}",
        subtitle=f"Council reference {data.child.council_reference}. Analysis dated {long_date(analysis.date)}.",
        sections=[s for s in built if s is not None],
    )
