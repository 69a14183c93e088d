"""Any change to one of a child's planning records, made by any way in (a page, the API, the admin,
a data fix), moves the child's planning version on (services.planning_moved), with who made it when
a person is signed in: a planning form opened before it is then refused (services.planning_change)."""

from django.db.models.signals import post_delete, post_save

from permanence.audit import chain

from .services import PLANNING_RECORDS, planning_moved


def _child_id(instance, path):
    value = instance
    for part in path.split("__"):
        value = getattr(value, part, None)
        if value is None:
            return None
    return value


def _watch(model, path):
    def changed(sender, instance, raw=False, **kwargs):
        child_id = _child_id(instance, path)
        if child_id is not None and not raw:
            planning_moved(child_id, by_id=(chain.actor.get() or {}).get("user_id"))

    uid = f"planning-version:{model._meta.label}"
    post_save.connect(changed, sender=model, weak=False, dispatch_uid=uid)
    post_delete.connect(changed, sender=model, weak=False, dispatch_uid=uid)


def connect():
    for model, path in PLANNING_RECORDS.items():
        _watch(model, path)
