"""Writes to the case record. Keyword-only functions, each one transaction.

Every write checks the pure rules in `rules.py` first and raises ValidationError with
{field: message} when the record would be impossible, leaving the database unchanged.
"""

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.db import transaction

from permanence.accounts.models import Team, User
from permanence.children.refusals import Problems

from .. import ownership, rules
from ..models import (
    Allocation,
    Child,
    Episode,
    Extension,
    Hearing,
    LegalOrder,
    Person,
    Proceedings,
    Relationship,
    Review,
    Visit,
)
from ..versions import refuse_unversioned, versioned_update
from .common import recorded, refuse_if, refuse_unless_editable_here, today_or
from .episodes import FIELDS, _lock, check_new, episode_check

Values = Mapping[str, Any]


def _refuse_if(problems: Problems) -> None:
    refuse_if(problems)


def child_check(child: Child | None, values: Values, today: date | None = None) -> dict[str, str]:
    first_care_start = None
    if child is not None and child.pk is not None:
        first_care_start = Episode.objects.filter(child=child).order_by("start").values_list("start", flat=True).first()
    problems = rules.child_problems(values, today=today_or(today), first_care_start=first_care_start)
    reference = values.get("council_reference")
    others = Child.objects.filter(council_reference=reference)
    if child is not None:
        others = others.exclude(pk=child.pk)
    if reference and others.exists():
        problems.setdefault("council_reference", f"Council reference {reference} is already in use.")
    referral = values.get("referral_date")
    if referral is not None and referral > today_or(today):
        problems.setdefault("referral_date", "The date of referral cannot be in the future.")
    return problems


@transaction.atomic
def child_create(*, by: User | None = None, today: date | None = None, **values: Any) -> Child:
    refuse_unless_editable_here("child")
    _refuse_if(child_check(None, values, today))
    return Child.objects.create(created_by=by, **values)


@transaction.atomic
def child_open(*, by: User, social_worker: User | None = None, start: date | None = None, **values: Any) -> Child:
    """A new child on the record, allocated to a social worker (the person recording, when they
    carry cases) so that somebody holds the case from the first day."""
    child = child_create(by=by, **values)
    worker = social_worker or (by if rules.may_hold(getattr(by, "role", None), Allocation.SOCIAL_WORKER) else None)
    if worker is not None:
        allocation_assign(child=child, role=Allocation.SOCIAL_WORKER, worker=worker, start=start or date.today(), by=by)
    return child


@transaction.atomic
def child_update(
    *, child: Child, by: User | None = None, version: int | str | None = None, reason: str = "", **changes: Any
) -> Child:
    """Correct a child's details on the `version` of the record the person read: refused
    (StaleRecord) if someone changed them since, and (VersionMissing) when no version is given, as
    every edit is (children.versions); with a `reason`, the earlier values are kept as a correction.
    Code changing a child it has just read passes `version=child.version`."""
    refuse_unless_editable_here("child")
    refuse_unversioned(record=child, version=version)
    values = {
        field: getattr(child, field)
        for field in (
            "first_name",
            "last_name",
            "date_of_birth",
            "expected_date_of_birth",
            "council_reference",
            "uasc",
            "uasc_ceased",
        )
    }
    values.update(changes)
    _refuse_if(child_check(child, values))
    child = versioned_update(record=child, version=version, changes=changes, by=by, reason=reason)
    recorded(child.pk)
    return child


@transaction.atomic
def episode_create(*, child: Child, by: User | None = None, today: date | None = None, **values: Any) -> Episode:
    """An SSDA903 episode as the standard writes it (the API's raw form); the pages record care
    starting, moves, changes of legal status and leaving care through `episodes.py`."""

    refuse_unless_editable_here("episode")
    # Lock the child row so two people recording episodes at once cannot overlap them.
    _lock(child)
    new = {field: "" for field in FIELDS if field not in ("start", "end", "carer_id", "placed_with_id")}
    new |= {"pk": None, "end": None, "carer_id": None, "placed_with_id": None} | values
    check_new(child, new, today=today)
    episode = Episode.objects.create(child=child, created_by=by, **values)
    recorded(child.pk)
    return episode


@transaction.atomic
def episode_update(
    *,
    episode: Episode,
    by: User | None = None,
    version: int | str | None = None,
    today: date | None = None,
    **changes: Any,
) -> Episode:
    """Change an SSDA903 episode as the standard writes it, on the `version` the person read: refused
    (StaleRecord) if someone changed it since, and (VersionMissing) when no version is given. Code
    changing an episode it has just read passes `version=episode.version`."""
    refuse_unless_editable_here("episode")
    refuse_unversioned(record=episode, version=version)
    _lock(episode.child)
    episode_check(episode=episode, values=changes, today=today)
    episode = versioned_update(record=episode, version=version, changes=changes, by=by)
    recorded(episode.child_id)
    return episode


def episode_close(
    *, episode: Episode, version: int | str | None, end: date, reason_ceased: str, by: User | None = None
) -> Episode:
    """End an episode on the `version` read (episode_update's refusals)."""
    return episode_update(episode=episode, version=version, end=end, reason_ceased=reason_ceased, by=by)


def review_check(child: Child, values: Values, today: date | None = None) -> dict[str, str]:
    first = Episode.objects.filter(child=child).order_by("start").values_list("start", flat=True).first()
    return rules.review_problems(
        values, date_of_birth=child.date_of_birth, first_episode_start=first
    ) | rules.review_date_problems(values, today=today_or(today))


@transaction.atomic
def review_record(
    *,
    child: Child,
    date: date,
    iro: User | None = None,
    participation: str = "",
    plan_outcome: str = "",
    by: User | None = None,
    today: date | None = None,
) -> Review:
    """A looked-after review held, recorded by the IRO who chaired it."""
    refuse_unless_editable_here("review")
    values = {"date": date, "participation": participation, "plan_outcome": plan_outcome}
    _refuse_if(review_check(child, values, today))
    review = Review.objects.create(
        child=child, date=date, iro=iro, participation=participation, plan_outcome=plan_outcome, created_by=by
    )
    recorded(child.pk)
    return review


def order_check(child: Child, values: Values, today: date | None = None) -> dict[str, str]:
    problems = rules.order_problems(values, date_of_birth=child.date_of_birth)
    made = values.get("made")
    if made is not None and made > today_or(today):
        problems.setdefault("made", "An order cannot have been made in the future.")
    return problems


@transaction.atomic
def order_record(
    *, child: Child, order_type: str, made: date, by: User | None = None, today: date | None = None, **values: Any
) -> LegalOrder:
    """A legal order made (its variations, extensions and discharge: `order_change_record`)."""
    refuse_unless_editable_here("order")
    _refuse_if(order_check(child, {"order_type": order_type, "made": made, **values}, today))
    order = LegalOrder.objects.create(child=child, order_type=order_type, made=made, created_by=by, **values)
    recorded(child.pk)
    return order


def visit_check(child: Child, values: Values, today: date | None = None) -> dict[str, str]:
    return rules.visit_problems(values, date_of_birth=child.date_of_birth, today=today_or(today))


@transaction.atomic
def visit_record(
    *,
    child: Child,
    date: date,
    by: User | None = None,
    visitor: User | None = None,
    seen_alone: bool = True,
    where: str = "",
    today: date | None = None,
) -> Visit:
    """A statutory visit (CPPCR 2010 reg 28): when, by whom, where, and whether seen alone.
    `visitor` is who visited (the person recording, when not given)."""
    refuse_unless_editable_here("visit")
    _refuse_if(visit_check(child, {"date": date}, today))
    visit = Visit.objects.create(
        child=child, date=date, by=visitor or by, seen_alone=seen_alone, where=where, created_by=by
    )
    recorded(child.pk)
    return visit


@transaction.atomic
def relationship_add(
    *, child: Child, person: Person, relationship: str, by: User | None = None, **values: Any
) -> Relationship:
    refuse_unless_editable_here("family")
    made = Relationship.objects.create(child=child, person=person, relationship=relationship, created_by=by, **values)
    recorded(child.pk)
    return made


@transaction.atomic
def person_create(*, by: User | None = None, **values: Any) -> Person:
    return Person.objects.create(created_by=by, **values)


@transaction.atomic
def relative_add(
    *,
    child: Child,
    first_name: str,
    last_name: str,
    relationship: str,
    by: User | None = None,
    date_of_birth: date | None = None,
    **values: Any,
) -> Relationship:
    """Someone in the child's family network: the person and how they are related, in one step."""
    person_fields = {key: values.pop(key) for key in ("postcode", "phone", "address", "email") if key in values}
    person = person_create(
        by=by, first_name=first_name, last_name=last_name, date_of_birth=date_of_birth, **person_fields
    )
    return relationship_add(child=child, person=person, relationship=relationship, by=by, **values)


def allocation_check(child: Child, values: Values, today: date | None = None) -> dict[str, str]:
    return rules.allocation_problems(values, worker_role=getattr(values.get("worker"), "role", None))


@transaction.atomic
def allocation_assign(
    *, child: Child, role: str, worker: User, start: date, team: Team | None = None, by: User | None = None
) -> Allocation:
    """Allocate the case; the previous allocation in the same role ends the same day (history kept)."""
    refuse_unless_editable_here("allocation")
    _refuse_if(allocation_check(child, {"role": role, "worker": worker, "start": start}))
    for previous in Allocation.objects.filter(child=child, role=role, end__isnull=True):
        if previous.start > start:
            _refuse_if(
                {"start": f"The current allocation began on {previous.start:%d/%m/%Y}: a new one starts after it."}
            )
        previous.end = start
        previous.save()
    allocation = Allocation.objects.create(
        child=child, role=role, worker=worker, team=team or worker.team, start=start, created_by=by
    )
    recorded(child.pk)
    return allocation


def proceedings_check(child: Child, values: Values, today: date | None = None) -> dict[str, str]:
    return rules.proceedings_problems(values, date_of_birth=child.date_of_birth) | rules.proceedings_progress_problems(
        values, today=today_or(today)
    )


@transaction.atomic
def proceedings_record(
    *, child: Child, by: User | None = None, today: date | None = None, **values: Any
) -> Proceedings:
    # Beside a case system its pre-proceedings dates arrive with the feed; court stages are recorded here.
    _refuse_if(ownership.fields_kept_elsewhere("proceedings", [f for f, v in values.items() if v not in (None, "")]))
    _refuse_if(proceedings_check(child, values, today))
    proceedings = Proceedings.objects.create(child=child, created_by=by, **values)
    recorded(child.pk)
    return proceedings


@transaction.atomic
def proceedings_update(
    *, proceedings: Proceedings, by: User | None = None, version: int | str | None = None, **changes: Any
) -> Proceedings:
    """Change proceedings' dates on the `version` read, in one conditional update: refused
    (StaleRecord) if someone changed them since, and (VersionMissing) when no version is given.
    Code changing proceedings it has just read passes `version=proceedings.version`."""
    refuse_unversioned(record=proceedings, version=version)
    fields = (
        "pre_proceedings_start",
        "letter_before_proceedings",
        "pre_proceedings_meeting",
        "pre_proceedings_review",
        "issued",
        "final_evidence_due",
        "final_evidence_filed",
        "concluded",
        "final_order",
        "outcome",
    )
    values = {field: getattr(proceedings, field) for field in fields} | changes
    changed = [f for f, v in changes.items() if getattr(proceedings, f, None) != v]
    _refuse_if(ownership.fields_kept_elsewhere("proceedings", changed))
    _refuse_if(proceedings_check(proceedings.child, values))
    proceedings = versioned_update(record=proceedings, version=version, changes=changes, by=by)
    recorded(proceedings.child_id)
    return proceedings


@transaction.atomic
def hearing_add(*, proceedings: Proceedings, kind: str, date: date, by: User | None = None) -> Hearing:
    _refuse_if(rules.hearing_problems({"date": date}, issued=proceedings.issued))
    hearing = Hearing.objects.create(proceedings=proceedings, kind=kind, date=date)
    recorded(proceedings.child_id)
    return hearing


@transaction.atomic
def extension_grant(
    *, proceedings: Proceedings, granted: date, weeks: int = 8, reason: str = "", by: User | None = None
) -> Extension:
    _refuse_if(rules.extension_problems({"granted": granted, "weeks": weeks}, issued=proceedings.issued))
    extension = Extension.objects.create(proceedings=proceedings, granted=granted, weeks=weeks, reason=reason)
    recorded(proceedings.child_id)
    return extension
