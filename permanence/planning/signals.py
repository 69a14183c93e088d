"""Any change to one of a child's planning records, made by any way in (a page, the API, the admin,
a data fix), moves the child's planning version on (services.planning_moved), with who made it when
a person is signed in: a planning form opened before it is then refused (services.planning_change)."""

from permanence.audit import chain
from permanence.children.changes import when_saved_or_deleted

from .services import PLANNING_RECORDS, planning_moved


def _moved(child_id):
    planning_moved(child_id, by_id=(chain.actor.get() or {}).get("user_id"))


def connect():
    for model, path in PLANNING_RECORDS.items():
        when_saved_or_deleted(model, path, _moved, uid=f"planning-version:{model._meta.label}")
