"""What every write to the case record shares: refusing with {field: message}, the ownership
check beside a case system, and saying that a child's facts changed (children.changes)."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError

from .. import ownership
from ..changes import children_changed
from ..refusals import refuse_if

__all__ = ["recorded", "refuse_if", "refuse_unless_editable_here", "today_or", "values_of"]


def refuse_unless_editable_here(fact: str) -> None:
    """Beside a council's case system, its facts arrive with the sync and are not recorded here."""
    if not ownership.may_edit_here(fact):
        raise ValidationError({"__all__": [ownership.refusal(fact)]})


def recorded(child_id: int) -> None:
    """Say, inside the transaction, that this child's facts changed (whoever keeps something
    derived from them, such as the stored obligations, is told in the same transaction)."""
    children_changed({child_id})


def today_or(today: date | None) -> date:
    return today or date.today()


def values_of(record: Any, fields: Iterable[str]) -> dict[str, Any]:
    return {field: getattr(record, field) for field in fields}
