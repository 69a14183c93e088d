"""Children whose facts changed: the one way every way in says so, and the one place to listen.

Every write that changes a child's facts names the children here, inside the transaction that
changed them: the case record's services (`services.common.recorded`), the feature services whose
records are facts of a child (a sibling assessment), the 903 import, the case-system feed, and
the save hooks of the models the obligations snapshot reads. Whatever keeps something derived from
the record (the stored obligations, `obligations.signals`; a cache) registers a listener from its
`AppConfig.ready`: it is given the ids while the change is still uncommitted, so it can mark them
behind in the same transaction and defer heavy work to `transaction.on_commit`.
"""

from collections.abc import Callable, Iterable

from django.db.models.signals import post_delete, post_save

Listener = Callable[[frozenset[int]], None]

_listeners: dict[str, Listener] = {}


def on_children_changed(name: str, listener: Listener) -> None:
    """Register (or replace, on a repeated AppConfig.ready) the listener called `name`."""
    _listeners[name] = listener


def children_changed(ids: Iterable[int]) -> frozenset[int]:
    """Tell every listener which children changed (nothing when none did); returns their ids."""
    changed = frozenset(i for i in ids if i is not None)
    if changed:
        for listener in list(_listeners.values()):
            listener(changed)
    return changed


def child_at(instance, path: str):
    """The id of the child a row is about, at `path` from it ("child_id", "plan__child_id"), or None."""
    value = instance
    for part in path.split("__"):
        value = getattr(value, part, None)
        if value is None:
            return None
    return value


def when_saved_or_deleted(model, path: str, callback: Callable[[int], object], *, uid: str) -> None:
    """Call `callback(child_id)` whenever a `model` row is saved or deleted, however it was (a
    service, the admin, a data fix); `path` leads from the row to its child's id."""

    def changed(sender, instance, **kwargs):
        child_id = child_at(instance, path)
        if child_id is not None:
            callback(child_id)

    post_save.connect(changed, sender=model, weak=False, dispatch_uid=uid)
    post_delete.connect(changed, sender=model, weak=False, dispatch_uid=uid)
