"""Writes to the case record. Keyword-only functions, each one transaction.

Every write checks the pure rules in `rules.py` first and raises ValidationError with
{field: message} when the record would be impossible, leaving the database unchanged.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from . import rules
from .models import (
    Allocation, Child, Episode, Extension, Hearing, LegalOrder, Person, Proceedings, Relationship, Review, Visit,
)


def _refuse_if(problems):
    if problems:
        raise ValidationError({field: [message] for field, message in problems.items()})


@transaction.atomic
def child_create(*, by=None, today=None, **values):
    _refuse_if(rules.child_problems(values, today=today or date.today()))
    if Child.objects.filter(council_reference=values["council_reference"]).exists():
        _refuse_if({"council_reference": f"Council reference {values['council_reference']} is already in use."})
    return Child.objects.create(created_by=by, **values)


@transaction.atomic
def child_open(*, by, social_worker=None, start=None, **values):
    """A new child on the record, allocated to a social worker (the person recording, when they
    carry cases) so that somebody holds the case from the first day."""
    child = child_create(by=by, **values)
    worker = social_worker or (by if getattr(by, "role", None) in ("social_worker", "team_manager") else None)
    if worker is not None:
        allocation_assign(child=child, role=Allocation.SOCIAL_WORKER, worker=worker, start=start or date.today(), by=by)
    return child


@transaction.atomic
def child_update(*, child, by=None, **changes):
    values = {field: getattr(child, field) for field in ("first_name", "last_name", "date_of_birth",
                                                          "expected_date_of_birth", "council_reference")}
    values.update(changes)
    _refuse_if(rules.child_problems(values, today=date.today()))
    reference = changes.get("council_reference")
    if reference and Child.objects.filter(council_reference=reference).exclude(pk=child.pk).exists():
        _refuse_if({"council_reference": f"Council reference {reference} is already in use."})
    for field, value in changes.items():
        setattr(child, field, value)
    child.save()
    return child


def _other_episode_spans(child, exclude_pk=None):
    qs = Episode.objects.filter(child=child)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return list(qs.values_list("start", "end"))


@transaction.atomic
def episode_create(*, child, by=None, **values):
    # Lock the child row so two people recording episodes at once cannot overlap them.
    Child.objects.select_for_update().filter(pk=child.pk).first()
    _refuse_if(
        rules.episode_problems(
            values, date_of_birth=child.date_of_birth, other_episodes=_other_episode_spans(child)
        )
    )
    return Episode.objects.create(child=child, created_by=by, **values)


@transaction.atomic
def episode_update(*, episode, by=None, **changes):
    Child.objects.select_for_update().filter(pk=episode.child_id).first()
    values = {field: getattr(episode, field) for field in rules.EPISODE_CODE_FIELDS} | {
        "start": episode.start,
        "end": episode.end,
    }
    values.update(changes)
    _refuse_if(
        rules.episode_problems(
            values,
            date_of_birth=episode.child.date_of_birth,
            other_episodes=_other_episode_spans(episode.child, exclude_pk=episode.pk),
        )
    )
    for field, value in changes.items():
        setattr(episode, field, value)
    episode.save()
    return episode


def episode_close(*, episode, end, reason_ceased, by=None):
    return episode_update(episode=episode, end=end, reason_ceased=reason_ceased, by=by)


@transaction.atomic
def review_record(*, child, date, iro=None, participation="", by=None):
    first = Episode.objects.filter(child=child).order_by("start").values_list("start", flat=True).first()
    values = {"date": date, "participation": participation}
    _refuse_if(rules.review_problems(values, date_of_birth=child.date_of_birth, first_episode_start=first))
    return Review.objects.create(child=child, date=date, iro=iro, participation=participation, created_by=by)


@transaction.atomic
def order_record(*, child, order_type, made, by=None, **values):
    _refuse_if(rules.order_problems({"order_type": order_type, "made": made, **values}, date_of_birth=child.date_of_birth))
    return LegalOrder.objects.create(child=child, order_type=order_type, made=made, created_by=by, **values)


@transaction.atomic
def visit_record(*, child, date, by=None, seen_alone=True):
    return Visit.objects.create(child=child, date=date, by=by, seen_alone=seen_alone, created_by=by)


@transaction.atomic
def relationship_add(*, child, person, relationship, by=None, **values):
    return Relationship.objects.create(child=child, person=person, relationship=relationship, created_by=by, **values)


@transaction.atomic
def person_create(*, by=None, **values):
    return Person.objects.create(created_by=by, **values)


@transaction.atomic
def allocation_assign(*, child, role, worker, start, team=None, by=None):
    """Allocate the case; the previous allocation in the same role ends the same day (history kept)."""
    Allocation.objects.filter(child=child, role=role, end__isnull=True).update(end=start)
    return Allocation.objects.create(
        child=child, role=role, worker=worker, team=team or worker.team, start=start, created_by=by
    )


@transaction.atomic
def proceedings_record(*, child, by=None, **values):
    _refuse_if(rules.proceedings_problems(values, date_of_birth=child.date_of_birth))
    return Proceedings.objects.create(child=child, created_by=by, **values)


@transaction.atomic
def proceedings_update(*, proceedings, by=None, **changes):
    fields = ("pre_proceedings_start", "letter_before_proceedings", "pre_proceedings_meeting", "issued",
              "final_evidence_due", "concluded", "final_order")
    values = {field: getattr(proceedings, field) for field in fields} | changes
    _refuse_if(rules.proceedings_problems(values, date_of_birth=proceedings.child.date_of_birth))
    for field, value in changes.items():
        setattr(proceedings, field, value)
    proceedings.save()
    return proceedings


@transaction.atomic
def hearing_add(*, proceedings, kind, date, by=None):
    if proceedings.issued is not None and date < proceedings.issued:
        _refuse_if({"date": "A hearing cannot be before the proceedings were issued."})
    return Hearing.objects.create(proceedings=proceedings, kind=kind, date=date)


@transaction.atomic
def extension_grant(*, proceedings, granted, weeks=8, reason="", by=None):
    _refuse_if(rules.extension_problems({"granted": granted, "weeks": weeks}, issued=proceedings.issued))
    return Extension.objects.create(proceedings=proceedings, granted=granted, weeks=weeks, reason=reason)
