"""The one way a service refuses a record: every problem found, named by its field.

The pure rules (`rules.py` in each app) return {field: message}; a service passes them here, and
a form, an API call, an import row and the demo generator all see the same messages. Nothing is
written when anything is refused: call this before the first write.
"""

from collections.abc import Mapping, Sequence
from typing import NoReturn

from django.core.exceptions import ValidationError

Problems = Mapping[str, str | Sequence[str] | None]


def refuse_if(problems: Problems) -> None:
    """Raise ValidationError({field: [message, ...]}) for every field with a problem; empty ones are ignored."""
    found = {
        field: [problem] if isinstance(problem, str) else list(problem)
        for field, problem in problems.items()
        if problem
    }
    if found:
        raise ValidationError(found)


def refuse(field: str, message: str) -> NoReturn:
    """Refuse for one problem found on its own (there is nothing else worth checking)."""
    raise ValidationError({field: [message]})
