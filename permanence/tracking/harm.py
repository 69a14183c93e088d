"""Ordering work by harm: what a manager should look at first.

The rule is written so a person can read it on the page (`ORDER_IN_WORDS`):

1. a child with an overdue *duty* (law or statutory guidance) comes before a child whose
   overdue items are only *local rules* (the council's own policy);
2. then the child whose oldest such item has been overdue longest;
3. then the child with more overdue duties;
4. then by name.

Within a child, duties come before local rules, each oldest first. Practice prompts are never
ranked: they are suggestions, never drift. Pure: no Django, no database.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Protocol

from permanence.timescales.kinds import DUTY, LOCAL_RULE, PROMPT_KIND

KIND_ORDER = {DUTY: 0, LOCAL_RULE: 1, PROMPT_KIND: 2}
ORDER_IN_WORDS = (
    "Children with an overdue duty come first, the longest overdue at the top; then children whose "
    "overdue items are local rules only. Practice prompts are listed apart and never ranked."
)


class Item(Protocol):
    @property
    def kind(self) -> str: ...

    @property
    def due(self) -> date | None: ...

    @property
    def title(self) -> str: ...


def item_key(item: Item) -> tuple[int, date, str]:
    """Duties before local rules before prompts; each oldest due date first."""
    return (KIND_ORDER.get(item.kind, 9), item.due or date.max, item.title)


def in_harm_order(items: Iterable[Item]) -> list[Item]:
    return sorted(items, key=item_key)


def days_overdue(item: Item, today: date) -> int:
    """Whole days past the due date (0 when not yet due or undated)."""
    if item.due is None or item.due >= today:
        return 0
    return (today - item.due).days


def child_rank(items: Sequence[Item], name: tuple[str, str] = ("", "")) -> tuple[int, date, int, tuple[str, str]]:
    """The sort key of one child's row: the kind of their most serious item, how old it is, how
    many duties are in the row, then the name. `items` need not be ordered."""
    if not items:
        return (9, date.max, 0, name)
    first = min(items, key=item_key)
    duties = sum(1 for item in items if item.kind == DUTY)
    return (KIND_ORDER.get(first.kind, 9), first.due or date.max, -duties, name)


def count_by_kind(items: Iterable[Item]) -> dict[str, int]:
    """How many items of each kind: {"duty": n, "local_rule": n, "prompt": n}."""
    counts = {DUTY: 0, LOCAL_RULE: 0, PROMPT_KIND: 0}
    for item in items:
        counts[item.kind] = counts.get(item.kind, 0) + 1
    return counts
