"""Case links: children a role sees for where the case is, registered by the apps that know.

No model is imported here, so an app may register from its AppConfig before models load.
"""

from collections.abc import Callable

from django.db.models import Exists, QuerySet

# Some roles see a child for where the case is, not for whom it is allocated to: a family finder
# sees children whose current plan is adoption or long-term fostering, the panel and the ADM see
# children on a panel's list. The apps that hold those records register, under these names, a
# subquery of their rows for the child OuterRef("pk") (planning/apps.py, meetings/apps.py).
PLAN_FOR_FAMILY_FINDING = "a current plan of adoption or long-term fostering"
PLAN_FOR_ADOPTION = "a current plan of adoption"
ON_A_PANEL = "on a panel's list"

_CASE_LINKS: dict[str, Callable[[], QuerySet]] = {}


def register_case_link(name: str, rows_for_child: Callable[[], QuerySet]) -> None:
    """Let roles that see children by `name` find them through `rows_for_child()`."""
    _CASE_LINKS[name] = rows_for_child


def linked(name: str) -> Exists:
    """Whether the child OuterRef("pk") has a row of the kind registered as `name`."""
    if name not in _CASE_LINKS:
        raise LookupError(f"no installed app registers the case link {name!r}")
    return Exists(_CASE_LINKS[name]())
