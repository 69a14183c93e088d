"""Writes for the dated facts of a child's care: placement law (temporary approval, long-term
fostering), changes to orders, health, education, plans, missing episodes, and carers with their
approvals. Keyword-only, one transaction each, the pure rules checked first."""

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.db import transaction

from permanence.accounts.models import User

from .. import rules
from ..models import (
    Carer,
    CarerApproval,
    Child,
    DentalCheck,
    EducationPlan,
    HealthAssessment,
    LegalOrder,
    LongTermFosterConfirmation,
    MissingEpisode,
    OrderChange,
    StatutoryPlan,
    TemporaryApproval,
)
from ..versions import versioned_update
from .common import recorded, refuse_if, refuse_unless_editable_here, today_or

Values = Mapping[str, Any]


def _dob(child: Child) -> date | None:
    return child.date_of_birth


# --- placement law ---------------------------------------------------------------------------


def temporary_approval_check(child: Child, values: Values, today: date | None = None) -> dict[str, str]:
    return rules.temporary_approval_problems(values, today=today_or(today))


@transaction.atomic
def temporary_approval_record(
    *,
    child: Child,
    carer: Carer,
    start: date,
    extended_to: date | None = None,
    full_approval: date | None = None,
    by: User | None = None,
    today: date | None = None,
) -> TemporaryApproval:
    """A connected person temporarily approved as the child's foster carer (CPPCR 2010 reg 24)."""
    refuse_unless_editable_here("placement")
    values = {"start": start, "extended_to": extended_to, "full_approval": full_approval}
    refuse_if(temporary_approval_check(child, values, today))
    if TemporaryApproval.objects.filter(child=child, carer=carer, start=start).exists():
        refuse_if({"start": "This temporary approval is already recorded."})
    approval = TemporaryApproval.objects.create(child=child, carer=carer, created_by=by, **values)
    recorded(child.pk)
    return approval


def long_term_check(child: Child, values: Values, today: date | None = None) -> dict[str, str]:
    return rules.long_term_problems(values, today=today_or(today))


@transaction.atomic
def long_term_confirm(
    *,
    child: Child,
    carer: Carer,
    plan_agreed: date,
    carer_agreed: date,
    confirmed_to_carer: date,
    confirmed_to_child: date,
    confirmed_to_parents: date | None = None,
    parents_not_told_reason: str = "",
    by: User | None = None,
    today: date | None = None,
) -> LongTermFosterConfirmation:
    """A foster placement confirmed as long-term under the 2015 amendments (CPPCR 2010 reg 22C)."""
    refuse_unless_editable_here("placement")
    values = {
        "plan_agreed": plan_agreed,
        "carer_agreed": carer_agreed,
        "confirmed_to_carer": confirmed_to_carer,
        "confirmed_to_child": confirmed_to_child,
        "confirmed_to_parents": confirmed_to_parents,
        "parents_not_told_reason": parents_not_told_reason,
    }
    refuse_if(long_term_check(child, values, today))
    confirmation = LongTermFosterConfirmation.objects.create(child=child, carer=carer, created_by=by, **values)
    recorded(child.pk)
    return confirmation


# --- orders ----------------------------------------------------------------------------------


def order_change_check(order: LegalOrder, values: Values, today: date | None = None) -> dict[str, str]:
    return rules.order_change_problems(values, made=order.made, ended=order.ended, today=today_or(today))


@transaction.atomic
def order_change_record(
    *,
    order: LegalOrder,
    kind: str,
    date: date,
    extended_to: date | None = None,
    court: str = "",
    detail: str = "",
    by: User | None = None,
    today: date | None = None,
) -> OrderChange:
    """The court varied, extended or discharged an order: the change is kept, and the order says
    what now holds (extended to, or ended on discharge)."""
    refuse_unless_editable_here("order")
    values = {"kind": kind, "date": date, "extended_to": extended_to, "court": court, "detail": detail}
    refuse_if(order_change_check(order, values, today))
    change = OrderChange.objects.create(order=order, created_by=by, **values)
    if kind == OrderChange.EXTENDED:
        versioned_update(record=order, version=order.version, changes={"extended_to": extended_to}, by=by)
    elif kind == OrderChange.DISCHARGED:
        versioned_update(record=order, version=order.version, changes={"ended": date}, by=by)
    recorded(order.child_id)
    return change


# --- health, education, plans, missing --------------------------------------------------------


def health_check(child: Child, values: Values, today: date | None = None) -> dict[str, str]:
    return rules.health_problems(values, date_of_birth=_dob(child), today=today_or(today))


@transaction.atomic
def health_assessment_record(
    *, child: Child, kind: str, date: date, by_whom: str = "", by: User | None = None, today: date | None = None
) -> HealthAssessment:
    """An initial or review health assessment (CPPCR 2010 reg 7)."""
    refuse_unless_editable_here("health")
    refuse_if(health_check(child, {"date": date, "kind": kind}, today))
    if kind not in dict(HealthAssessment.KINDS):
        refuse_if({"kind": "Select whether this was the initial or a review health assessment."})
    assessment = HealthAssessment.objects.create(child=child, kind=kind, date=date, by=by_whom, created_by=by)
    recorded(child.pk)
    return assessment


@transaction.atomic
def dental_check_record(*, child: Child, date: date, by: User | None = None, today: date | None = None) -> DentalCheck:
    refuse_unless_editable_here("health")
    refuse_if(health_check(child, {"date": date}, today))
    check = DentalCheck.objects.create(child=child, date=date, created_by=by)
    recorded(child.pk)
    return check


def education_plan_check(child: Child, values: Values, today: date | None = None) -> dict[str, str]:
    return rules.education_plan_problems(values, date_of_birth=_dob(child), today=today_or(today))


@transaction.atomic
def education_plan_record(
    *, child: Child, date: date, school: str = "", by: User | None = None, today: date | None = None
) -> EducationPlan:
    """A personal education plan meeting (part of the care plan, CPPCR 2010 reg 5)."""
    refuse_unless_editable_here("education")
    refuse_if(education_plan_check(child, {"date": date}, today))
    plan = EducationPlan.objects.create(child=child, date=date, school=school, created_by=by)
    recorded(child.pk)
    return plan


def statutory_plan_check(child: Child, values: Values, today: date | None = None) -> dict[str, str]:
    problems = rules.statutory_plan_problems(values, date_of_birth=_dob(child), today=today_or(today))
    if values.get("kind") not in dict(StatutoryPlan.KINDS):
        problems["kind"] = "Select the care plan, the needs assessment or the pathway plan."
    return problems


@transaction.atomic
def statutory_plan_record(
    *, child: Child, kind: str, date: date, by: User | None = None, today: date | None = None
) -> StatutoryPlan:
    """A care plan, a needs assessment or a pathway plan completed or updated on `date`."""
    refuse_unless_editable_here("care_leaver" if kind != StatutoryPlan.CARE_PLAN else "care_plan")
    refuse_if(statutory_plan_check(child, {"kind": kind, "date": date}, today))
    plan = StatutoryPlan.objects.create(child=child, kind=kind, date=date, created_by=by)
    recorded(child.pk)
    return plan


def missing_check(child: Child, values: Values, today: date | None = None) -> dict[str, str]:
    return rules.missing_problems(values, date_of_birth=_dob(child), today=today_or(today))


@transaction.atomic
def missing_record(
    *,
    child: Child,
    start: date,
    kind: str = MissingEpisode.MISSING,
    end: date | None = None,
    return_interview: date | None = None,
    interview_declined: bool = False,
    by: User | None = None,
    today: date | None = None,
) -> MissingEpisode:
    """A missing episode (or away without authorisation), the return and the return interview."""
    refuse_unless_editable_here("missing")
    values = {
        "kind": kind,
        "start": start,
        "end": end,
        "return_interview": return_interview,
        "interview_declined": interview_declined,
    }
    refuse_if(missing_check(child, values, today))
    if MissingEpisode.objects.filter(child=child, start=start, kind=kind).exists():
        refuse_if({"start": f"A missing episode starting {start:%d/%m/%Y} is already recorded: update that one."})
    episode = MissingEpisode.objects.create(child=child, created_by=by, **values)
    recorded(child.pk)
    return episode


# --- carers ----------------------------------------------------------------------------------

CARER_FIELDS = ("name", "kind", "reference", "provider", "urn", "postcode", "household", "languages", "religion")


def carer_check(carer: Carer | None, values: Values, today: date | None = None) -> dict[str, str]:
    problems = {}
    for field, words in (("name", "the carer household's name"), ("reference", "the carer's reference")):
        if not (values.get(field) or "").strip():
            problems[field] = f"Enter {words}."
    reference = (values.get("reference") or "").strip()
    others = Carer.objects.filter(reference=reference)
    if carer is not None:
        others = others.exclude(pk=carer.pk)
    if reference and others.exists():
        problems["reference"] = f"Carer reference {reference} is already in use."
    urn = values.get("urn") or ""
    if urn and not (urn.isalnum() and 6 <= len(urn) <= 8):
        problems["urn"] = "An Ofsted URN is 6 to 8 letters and numbers, for example SC123456."
    return problems


@transaction.atomic
def carer_create(*, name: str, kind: str, reference: str, by: User | None = None, **values: Any) -> Carer:
    """A carer household or home on the record (the register's details are added in family finding)."""
    refuse_unless_editable_here("carer")
    refuse_if(carer_check(None, {"name": name, "kind": kind, "reference": reference, **values}))
    return Carer.objects.create(name=name, kind=kind, reference=reference, created_by=by, **values)


def carer_approval_check(carer: Carer, values: Values, today: date | None = None) -> dict[str, str]:
    return rules.carer_approval_problems(values, today=today_or(today))


@transaction.atomic
def carer_approval_record(
    *,
    carer: Carer,
    kind: str,
    approved: date,
    children: int = 1,
    age_min: int = 0,
    age_max: int = 17,
    terms: str = "",
    named_child: Child | None = None,
    next_review: date | None = None,
    by: User | None = None,
    today: date | None = None,
) -> CarerApproval:
    """An approval of a carer household and its terms; the carer's current terms follow it."""
    refuse_unless_editable_here("carer")
    values = {
        "kind": kind,
        "approved": approved,
        "children": children,
        "age_min": age_min,
        "age_max": age_max,
        "terms": terms,
        "next_review": next_review,
    }
    refuse_if(carer_approval_check(carer, values, today))
    approval = CarerApproval.objects.create(carer=carer, named_child=named_child, created_by=by, **values)
    versioned_update(
        record=carer,
        version=carer.version,
        changes={
            "approval_date": approved,
            "capacity": children,
            "age_min": age_min,
            "age_max": min(age_max, 17),
            "approval_ended": None,
            # A connected person's full approval ends their temporary approval (CPPCR reg 24):
            # the statutory clock reads it from the carer.
            **(
                {"full_approval_date": approved}
                if kind == CarerApproval.CONNECTED_PERSON and not carer.full_approval_date
                else {}
            ),
        },
        by=by,
    )
    if kind == CarerApproval.CONNECTED_PERSON:
        for child_id in carer.episodes.values_list("child_id", flat=True).distinct():
            recorded(child_id)
    return approval
