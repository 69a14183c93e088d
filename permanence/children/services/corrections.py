"""Updating and correcting a recorded fact, with the same rules that recorded it.

Adding what was not known yet (the end of a missing episode, full approval, the final evidence
filed) is an update. Changing what was already recorded is a correction and needs a reason; the
earlier value is kept (permanence.audit.versions.Correction) and shown beside the fact. Either
way the change is written only if the record is still at the version the person saw.
"""

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Model

from permanence.accounts.models import User

from .. import rules
from ..models import (
    Allocation,
    Carer,
    CarerApproval,
    Child,
    DentalCheck,
    EducationPlan,
    Episode,
    Extension,
    HealthAssessment,
    Hearing,
    LegalOrder,
    LongTermFosterConfirmation,
    MissingEpisode,
    OrderChange,
    Person,
    Proceedings,
    Relationship,
    Review,
    StatutoryPlan,
    TemporaryApproval,
    Visit,
)
from ..versions import check_version, versioned_update
from . import case, facts
from .common import recorded, refuse_if, refuse_unless_editable_here
from .episodes import episode_check

Values = Mapping[str, Any]
REASON_LIMIT = 1000


def _child_of(record: Any) -> Child | None:
    if isinstance(record, Child):
        return record
    if isinstance(record, (Hearing, Extension)):
        return record.proceedings.child
    if isinstance(record, OrderChange):
        return record.order.child
    if isinstance(record, (Carer, CarerApproval, Person)):
        return None
    return record.child


def _episode(record: Any, values: Values, today: date) -> dict[str, str]:
    episode_check(episode=record, values=values, today=today)
    return {}


def _proceedings_fields(record: Any, values: Values, today: date) -> dict[str, str]:
    return case.proceedings_check(record.child, values, today)


# model -> (ownership fact, check(record, merged values, today) -> {field: message})
CHECKS: dict[type[Model], tuple[str, Callable[[Any, Any, Any], Any]]] = {
    Child: ("child", lambda r, v, t: case.child_check(r, v, t)),
    Person: ("family", lambda r, v, t: {}),
    Relationship: ("family", lambda r, v, t: {}),
    Allocation: ("allocation", lambda r, v, t: case.allocation_check(r.child, v, t)),
    Episode: ("episode", _episode),
    LegalOrder: ("order", lambda r, v, t: case.order_check(r.child, v, t)),
    OrderChange: ("order", lambda r, v, t: facts.order_change_check(r.order, v, t)),
    Proceedings: ("proceedings", _proceedings_fields),
    Hearing: ("proceedings", lambda r, v, t: rules.hearing_problems(v, issued=r.proceedings.issued)),
    Extension: ("proceedings", lambda r, v, t: rules.extension_problems(v, issued=r.proceedings.issued)),
    Review: ("review", lambda r, v, t: case.review_check(r.child, v, t)),
    Visit: ("visit", lambda r, v, t: case.visit_check(r.child, v, t)),
    TemporaryApproval: ("placement", lambda r, v, t: facts.temporary_approval_check(r.child, v, t)),
    LongTermFosterConfirmation: ("placement", lambda r, v, t: facts.long_term_check(r.child, v, t)),
    HealthAssessment: ("health", lambda r, v, t: facts.health_check(r.child, v, t)),
    DentalCheck: ("health", lambda r, v, t: facts.health_check(r.child, v, t)),
    EducationPlan: ("education", lambda r, v, t: facts.education_plan_check(r.child, v, t)),
    StatutoryPlan: ("care_plan", lambda r, v, t: facts.statutory_plan_check(r.child, v, t)),
    MissingEpisode: ("missing", lambda r, v, t: facts.missing_check(r.child, v, t)),
    Carer: ("carer", lambda r, v, t: facts.carer_check(r, v, t)),
    CarerApproval: ("carer", lambda r, v, t: facts.carer_approval_check(r.carer, v, t)),
}


def _comparable(record: Model, name: str) -> Any:
    field: Any = type(record)._meta.get_field(name)
    return getattr(record, field.attname if field.is_relation else name)


def _plain(value: str) -> Any:
    return value.pk if hasattr(value, "pk") else value


def corrected_fields(record: Model, changes: Mapping[str, Any]) -> list[str]:
    """The fields whose recorded value (not a blank) the changes would replace."""
    found = []
    for name, value in changes.items():
        before = _comparable(record, name)
        if before not in (None, "", False) and before != _plain(value):
            found.append(name)
    return found


@transaction.atomic
def record_correct(
    *,
    record: Model,
    version: int | str,
    changes: Mapping[str, Any],
    reason: str = "",
    by: User | None = None,
    today: date | None = None,
) -> Model:
    """Update or correct one recorded fact. `changes` maps field names to new values; `version` is
    the version the person saw. Changing a value already recorded needs a `reason` (kept with the
    earlier value). Refused with {field: message}, or StaleRecord, and nothing is written."""
    model = type(record)
    fact, check = CHECKS[model]
    refuse_unless_editable_here(fact)
    # A stale edit is told so first, whatever else is wrong with it (it may already be what they want).
    check_version(record=record, version=version)
    changes = {name: value for name, value in changes.items() if _plain(value) != _comparable(record, name)}
    if not changes:
        refuse_if({"__all__": "Nothing has changed: change a value, or go back."})
    corrected = corrected_fields(record, changes)
    reason = (reason or "").strip()
    if corrected and not reason:
        names = ", ".join(str(getattr(model._meta.get_field(n), "verbose_name", n)) for n in corrected)
        refuse_if({"reason": f"Give the reason for the correction: it changes what was recorded ({names})."})
    if len(reason) > REASON_LIMIT:
        refuse_if({"reason": f"Reason for the correction must be {REASON_LIMIT:,} characters or fewer"})
    merged = {field.name: getattr(record, field.name) for field in model._meta.concrete_fields if not field.is_relation}
    merged |= {f.name: getattr(record, f.name) for f in model._meta.concrete_fields if f.is_relation}
    merged |= changes
    if model is Episode:
        ids = {
            f"{name}_id" if model._meta.get_field(name).is_relation else name: _plain(v) for name, v in changes.items()
        }
        refuse_if(check(record, ids, today))
    else:
        refuse_if(check(record, merged, today))
    saved = versioned_update(record=record, version=version, changes=changes, by=by, reason=reason if corrected else "")
    child = _child_of(saved)
    if child is not None:
        recorded(child.pk)
    return saved
