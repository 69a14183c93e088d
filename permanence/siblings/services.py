"""Writes for sibling assessments, decisions and contact plans. Keyword-only, one transaction each.

Each write checks first and raises ValidationError({field: [message]}), leaving the database
unchanged, when the record cannot be made.
"""

from collections.abc import Sequence
from datetime import date as date_type
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from permanence.accounts.models import User
from permanence.children.changes import children_changed
from permanence.children.models import Child
from permanence.children.refusals import refuse_if
from permanence.planning.options import FORUM_NAMES

from . import rules
from .choices import APART, CONTACT_KIND_NAMES, DECISION_NAMES, RECOMMENDATION_NAMES
from .models import SiblingAssessment, SiblingContactPlan, SiblingDecision

ASSESSMENT_TEXTS = {
    "relationship_quality": "Describe the quality of the relationships between the children",
    "attachment": "Describe the attachments between the children",
    "needs": "Describe each child's needs",
    "views": "Record each child's views, or why they could not be given",
    "history": "Describe the children's shared history",
    "recommendation_reasons": "Enter the reasons for the recommendation",
}
CONTACT_NEEDS = {
    "with_whom": "Enter who the child will keep in touch with",
    "frequency": "Enter how often contact will happen, for example every 2 weeks",
    "kind": "Select whether contact is direct or indirect",
    "review_date": "Enter the date the contact plan will be reviewed",
}


def _contact_problems(contact: Any, agreed: date_type | None, prefix: str = "") -> dict[str, str]:
    problems = {}
    for field, message in CONTACT_NEEDS.items():
        if not contact.get(field):
            problems[prefix + field] = message
    if contact.get("kind") and contact["kind"] not in CONTACT_KIND_NAMES:
        problems[prefix + "kind"] = "Select whether contact is direct or indirect"
    review = contact.get("review_date")
    if review and agreed and review <= agreed:
        problems[prefix + "review_date"] = "The review date must be after the date the plan is agreed"
    return problems


@transaction.atomic
def sibling_assessment_record(
    *,
    children: Sequence[Child],
    date: date_type,
    author: User | None = None,
    recommendation: str,
    by: User | None = None,
    today: date_type | None = None,
    **texts: str,
) -> SiblingAssessment:
    today = today or date_type.today()
    children = list(children)
    problems = {f: m for f, m in ASSESSMENT_TEXTS.items() if not (texts.get(f) or "").strip()}
    if len(children) < 2:
        problems["children"] = "Select at least 2 children: the assessment is of a sibling group"
    if recommendation not in RECOMMENDATION_NAMES:
        problems["recommendation"] = "Select the assessment's recommendation"
    if date is None:
        problems["date"] = "Enter the date of the assessment"
    elif date > today:
        problems["date"] = "The date of the assessment must be today or in the past"
    refuse_if(problems)
    assessment = SiblingAssessment.objects.create(
        date=date,
        author=author or by,
        recommendation=recommendation,
        created_by=by,
        practicalities=texts.pop("practicalities", "") or "",
        **texts,
    )
    assessment.children.set(children)
    children_changed({child.pk for child in children})  # the children's assessment is a fact of each
    return assessment


def latest_assessment(child: Child, on: date_type | None = None) -> SiblingAssessment | None:
    qs = SiblingAssessment.objects.filter(children=child)
    if on is not None:
        qs = qs.filter(date__lte=on)
    return qs.order_by("-date", "-pk").first()


def current_contact_plans(child: Child, on: date_type) -> QuerySet[SiblingContactPlan]:
    return SiblingContactPlan.objects.filter(child=child, agreed__lte=on, review_date__gte=on)


def sibling_decision_problems(
    *,
    child: Child,
    decision: str | None,
    reasons: str | None,
    date: date_type | None,
    forum: str | None,
    contact: dict[str, Any] | None = None,
    today: date_type | None = None,
) -> dict[str, str]:
    """Everything wrong with a decision about living together or apart, found in one pass
    ({field: message}; {} when it can be recorded), so the form never tells a person in rounds."""
    today = today or date_type.today()
    problems = {}
    if decision not in DECISION_NAMES:
        problems["decision"] = "Select whether the children will live together or apart"
    if forum not in FORUM_NAMES:
        problems["forum"] = "Select where the decision was made"
    if date is None:
        problems["date"] = "Enter the date of the decision"
    contact = {k: v for k, v in (contact or {}).items() if v not in (None, "")}
    if decision in DECISION_NAMES:
        assessments = SiblingAssessment.objects.filter(children=child).order_by("-date", "-pk")
        assessment = (assessments.filter(date__lte=date).first() if date else None) or assessments.first()
        has_plan = bool(contact) or (date is not None and current_contact_plans(child, date).exists())
        for field, message in rules.decision_problems(
            name=child.first_name,
            decision=decision,
            reasons=reasons,
            day=date,
            today=today,
            assessment_date=assessment.date if assessment else None,
            has_contact_plan=has_plan,
        ).items():
            problems.setdefault(field, message)
    if decision == APART and contact and "decision" not in problems:
        for field, message in _contact_problems(contact, date, prefix="contact_").items():
            problems.setdefault(field, message)
    return problems


@transaction.atomic
def sibling_decision_record(
    *,
    child: Child,
    decision: str,
    reasons: str,
    date: date_type | None,
    forum: str,
    siblings: Sequence[Child] = (),
    contact: dict[str, Any] | None = None,
    by: User | None = None,
    today: date_type | None = None,
) -> SiblingDecision:
    """Record together or apart for `child`. Apart needs an assessment and a contact plan (given or current).

    `contact` is a dict (with_whom, frequency, kind, review_date, arrangements) making a new plan.
    """
    today = today or date_type.today()
    contact = {k: v for k, v in (contact or {}).items() if v not in (None, "")}
    refuse_if(
        sibling_decision_problems(
            child=child, decision=decision, reasons=reasons, date=date, forum=forum, contact=contact, today=today
        )
    )
    assert date is not None  # refused above when missing
    assessments = SiblingAssessment.objects.filter(children=child).order_by("-date", "-pk")
    assessment = assessments.filter(date__lte=date).first() or assessments.first()
    made = SiblingDecision.objects.create(
        child=child,
        decision=decision,
        reasons=reasons.strip(),
        date=date,
        forum=forum,
        assessment=assessment if decision == APART or (assessment and assessment.date <= date) else None,
        recorded_by=by,
    )
    made.siblings.set(list(siblings))
    if decision == APART and contact:
        SiblingContactPlan.objects.create(child=child, agreed=date, decision=made, created_by=by, **contact)
    return made


def sibling_contact_plan_problems(
    *, agreed: date_type | None, today: date_type | None = None, **contact: Any
) -> dict[str, str]:
    """Everything wrong with a contact plan, all at once ({field: message}; {} when it can be made):
    the form asks before it shows its errors, so a person is never told in rounds."""
    today = today or date_type.today()
    problems = _contact_problems(contact, agreed)
    if agreed is None:
        problems["agreed"] = "Enter the date the contact plan was agreed"
    elif agreed > today:
        problems["agreed"] = "The date agreed must be today or in the past"
    return problems


@transaction.atomic
def sibling_contact_plan_record(
    *,
    child: Child,
    agreed: date_type,
    by: User | None = None,
    today: date_type | None = None,
    decision: SiblingDecision | None = None,
    **contact: Any,
) -> SiblingContactPlan:
    refuse_if(sibling_contact_plan_problems(agreed=agreed, today=today, **contact))
    return SiblingContactPlan.objects.create(
        child=child,
        agreed=agreed,
        decision=decision,
        created_by=by,
        with_whom=contact["with_whom"].strip(),
        frequency=contact["frequency"].strip(),
        kind=contact["kind"],
        review_date=contact["review_date"],
        arrangements=(contact.get("arrangements") or "").strip(),
    )
