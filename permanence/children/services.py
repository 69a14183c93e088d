"""Writes to the case record. Keyword-only functions, each one transaction.

Every write checks the pure rules in `rules.py` first and raises ValidationError with
{field: message} when the record would be impossible, leaving the database unchanged.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from . import rules
from .models import Allocation, Child, Episode, LegalOrder, Person, Relationship, Review, Visit


def _refuse_if(problems):
    if problems:
        raise ValidationError({field: [message] for field, message in problems.items()})


@transaction.atomic
def child_create(*, by=None, **values):
    _refuse_if(rules.child_problems(values))
    if Child.objects.filter(council_reference=values["council_reference"]).exists():
        _refuse_if({"council_reference": f"Council reference {values['council_reference']} is already in use."})
    return Child.objects.create(created_by=by, **values)


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
