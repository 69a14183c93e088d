"""What every write to the case record shares: refusing with {field: message}, the ownership
check beside a case system, and telling the read model that a child's facts changed."""

from collections.abc import Iterable
from datetime import date
from typing import Any

import django.dispatch
from django.core.exceptions import ValidationError

from .. import ownership
from ..refusals import refuse_if

__all__ = ["fact_recorded", "recorded", "refuse_if", "refuse_unless_editable_here", "today_or", "values_of"]

# Sent inside the writing transaction whenever a service records or corrects a child's fact, so
# the stored read model of obligations marks that child behind in the same transaction and works
# it out again once it commits: fact_recorded(child_id=).
fact_recorded = django.dispatch.Signal()


def refuse_unless_editable_here(fact: str) -> None:
    """Beside a council's case system, its facts arrive with the sync and are not recorded here."""
    if not ownership.may_edit_here(fact):
        raise ValidationError({"__all__": [ownership.refusal(fact)]})


def recorded(child_id: int) -> None:
    """Say, inside the transaction, that this child's facts changed."""
    fact_recorded.send(sender=None, child_id=child_id)


def today_or(today: date | None) -> date:
    return today or date.today()


def values_of(record: Any, fields: Iterable[str]) -> dict[str, Any]:
    return {field: getattr(record, field) for field in fields}
