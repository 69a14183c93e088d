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
