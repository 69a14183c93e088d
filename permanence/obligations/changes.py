"""Children whose facts changed in bulk (the SSDA903 import): whatever keeps something derived from
their record is told, inside the transaction that changed them.

The stored obligations (store.py) listen here: the children are marked behind in the import's
transaction and worked out again as it commits. Anything that keeps a copy derived from the facts
(a stored read model, a cache) registers a listener here: it is given
the ids of the children changed while the change is still uncommitted, so it can mark them behind in
the same transaction and defer any heavy work to `transaction.on_commit`.
"""

from collections.abc import Callable, Iterable

Listener = Callable[[frozenset[int]], None]

_listeners: dict[str, Listener] = {}


def on_children_changed(name: str, listener: Listener) -> None:
    """Register (or replace, on a repeated AppConfig.ready) the listener called `name`."""
    _listeners[name] = listener


def children_changed(ids: Iterable[int]) -> frozenset[int]:
    """Tell every listener which children changed (nothing when none did); returns their ids."""
    changed = frozenset(ids)
    if changed:
        for listener in list(_listeners.values()):
            listener(changed)
    return changed
