"""The options analysis document, as an ordered list of section functions.

Each function takes the DocumentData and returns a Section, or None to leave itself out.
To add a section (the child's voice, the sibling decision), write a function and put it in
SECTIONS where it belongs: the Word and PDF renderers need no change.
"""

from dataclasses import dataclass

from permanence.children.selectors import case_summary

from .. import options, prompts, selectors
from .blocks import Bullets, Document, Paragraph, Section, Subheading, Table


def _date(value):
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
    born = _date(child.date_of_birth) if child.date_of_birth else (
        f"Unborn, due {_date(child.expected_date_of_birth)}" if child.expected_date_of_birth else "Not known")
    rows = [
        ["Name", child.full_name],
        ["Council reference", child.council_reference],
        ["Date of birth", born],
        ["Legal status", summary.legal_status or "Not looked after"],
        ["Placement", summary.placement or "None"],
        ["Carer", summary.carer or "None recorded"],
        ["Entered care", _date(summary.entered_care) or "Not looked after"],
        ["Social worker", str(summary.social_worker or "Not allocated")],
        ["Independent Reviewing Officer", str(summary.iro or "Not allocated")],
    ]
    return Section("The child", [Table(["", ""], rows)])


def analysis_details(data):
    analysis = data.analysis
    rows = [
        ["Date of the analysis", _date(analysis.date)],
        ["Written by", str(analysis.author or "Not recorded")],
        ["Status", analysis.get_status_display()],
        ["Options assessed", str(len(data.assessments))],
    ]
    return Section("This options analysis", [Table(["", ""], rows)])


def current_plan(data):
    plan = data.current_plan
    if plan is None:
        return Section("The current permanence plan", [Paragraph("No permanence plan is recorded.")])
    blocks = [Table(["", ""], [
        ["Plan", plan.get_primary_option_display()],
        ["Parallel plan", plan.get_parallel_option_display() or "None"],
        ["Stage", plan.get_stage_display()],
        ["Recorded", f"{_date(plan.recorded)} ({plan.get_forum_display()})"],
    ])]
    history = selectors.stage_history(plan)
    blocks.append(Subheading("Stage history"))
    blocks.append(Table(["Date", "Stage", "Note"], [
        [_date(e.date), e.stage + (f" (from {e.moved_from})" if e.moved_from else ""), e.note] for e in history
    ], first_column_is_heading=False))
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
        rows.append([_date(d.date), d.get_kind_display(), made, reason])
    return Section("Decision history", [Table(["Date", "Decision", "Made by", "Reason and evidence"], rows,
                                              first_column_is_heading=False)])


def _text_blocks(label, text):
    parts = [p.strip() for p in (text or "").split("\n") if p.strip()]
    return [Subheading(label)] + [Paragraph(p) for p in parts] if parts else []


def options_considered(data):
    if not data.assessments:
        return Section("The options considered", [Paragraph("No options have been assessed yet.")])
    blocks = [Table(["Option", "Realistic?", "Legal order needed"], [
        [a.get_option_display(), "Yes" if a.realistic else "No", a.legal_order or ""] for a in data.assessments
    ])]
    for a in data.assessments:
        blocks.append(Subheading(a.get_option_display()))
        if not a.realistic:
            blocks.extend(_text_blocks("Why it is not realistic", a.not_realistic_reason))
        for label, field in (("Strengths for this child", "strengths"), ("Risks for this child", "risks"),
                             ("Support available", "support"), ("The child's views", "child_views"),
                             ("The parents' views", "parent_views"), ("The carers' views", "carer_views")):
            blocks.extend(_text_blocks(label, getattr(a, field)))
        answered = [(q, a.answers.get(q.key)) for q in prompts.QUESTIONS if a.answers.get(q.key)]
        if answered:
            blocks.append(Subheading("Camden's assessment questions"))
            blocks.append(Table(["Question", "Answer"], [[q.text, answer] for q, answer in answered]))
        ticked = [prompts.PROMPTS_BY_KEY[k] for k in list(a.checklist) + list(a.prompts_adopted)
                  if k in prompts.PROMPTS_BY_KEY]
        if ticked:
            blocks.append(Subheading("Policy statements adopted for this child"))
            blocks.append(Bullets([f"{p.text} ({_kind_name(p.kind)}; {p.source})" for p in ticked]))
    return Section("The options considered", blocks)


def _kind_name(kind):
    return prompts.CHECKLIST_COLUMNS.get(kind) or {"advantage": "advantage", "disadvantage": "disadvantage",
                                                   "factor": "factor for a safe return"}.get(kind, kind)


def recommendation(data):
    analysis = data.analysis
    if not analysis.recommended_option:
        return Section("Recommendation", [Paragraph("No recommendation has been recorded yet: this analysis is a draft.")])
    return Section("Recommendation", [
        Paragraph(options.OPTION_NAMES[analysis.recommended_option], bold=True),
        Paragraph(f"Recommended on {_date(analysis.recommended_on)} by {analysis.author or 'the author'}."),
        *_text_blocks("Why this option", analysis.recommendation_rationale),
    ])


def sources(data):
    return Section("Sources", [
        Paragraph("The assessment questions and policy statements come from these documents:"),
        Bullets(prompts.sources_cited()),
    ])


def childs_views(data):
    """What the child has said, and whether the plan records it (Leeds §10.7; KSS §3)."""
    from permanence.voice.selectors import child_voice_summary

    voice = child_voice_summary(data.child)
    blocks = []
    if voice["wishes"]:
        rows = [[_date(w.date), w.get_how_display(), w.said] for w in voice["wishes"]]
        blocks.append(Table(["Date", "How the views were obtained", "What the child said"], rows, first_column_is_heading=False))
    else:
        blocks.append(Paragraph("No wishes and feelings are recorded."))
    if voice["plan_records_views"]:
        blocks.append(Paragraph("The current plan records the child's views."))
    elif voice["reason"]:
        blocks.append(Paragraph(f"The plan does not record the child's views: {voice['reason']}"))
    return Section("The child's wishes and feelings", blocks)


def sibling_decision(data):
    """Together or apart, with reasons, and any sibling contact plan (s22C(8)(c); Leeds §10.4)."""
    from permanence.siblings.selectors import sibling_decisions

    decisions = sibling_decisions(data.child)
    if not decisions:
        return Section("Brothers and sisters", [Paragraph("No decision about living together or apart is recorded.")])
    rows = []
    for decision in decisions:
        names = ", ".join(s.full_name for s in decision.siblings.all()) or "Not named"
        rows.append([_date(decision.date), decision.get_decision_display(), names, decision.reasons])
    return Section("Brothers and sisters", [
        Table(["Date", "Decision", "Brothers and sisters", "Reasons"], rows, first_column_is_heading=False),
    ])


SECTIONS = [
    child_details, analysis_details, current_plan, decision_history, childs_views, sibling_decision,
    options_considered, recommendation, sources,
]


def build(analysis, *, today=None, sections=None):
    data = document_data(analysis, today=today)
    built = [section(data) for section in (sections or SECTIONS)]
    return Document(
        title=f"Permanence options analysis: {data.child.full_name}",
        subtitle=f"Council reference {data.child.council_reference}. Analysis dated {_date(analysis.date)}.",
        sections=[s for s in built if s is not None],
    )
