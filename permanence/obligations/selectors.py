"""Obligations as pages read them: from the stored read model (store.py).

The child page, caseload, the drift dashboard, trackers, agendas, the digest and the API all
come through here, so they agree on the same case. A stored row behind its facts or for
another day is worked out afresh on the spot, so what is shown is never older than the facts.
"""

from dataclasses import dataclass, field
from datetime import date

from permanence.timescales.obligations import MET, NOT_APPLICABLE, PROMPT

from .pack import current_pack
from .store import stored_obligations

__all__ = ["ChildObligations", "child_obligations", "current_pack", "obligations_for_child", "obligations_for_children"]


def obligations_for_child(child, *, today=None, include_not_applicable=True):
    found = stored_obligations([child.pk], today=today or date.today()).get(child.pk, [])
    return found if include_not_applicable else [o for o in found if o.status != NOT_APPLICABLE]


def obligations_for_children(ids, *, today=None):
    """{child id: obligations that apply} for many children: one query when the stored rows are current."""
    found = stored_obligations(ids, today=today or date.today())
    return {child_id: [o for o in obs if o.status != NOT_APPLICABLE] for child_id, obs in found.items()}


@dataclass
class ChildObligations:
    today: date
    pack_title: str
    open: list  # duties and local rules still to do: overdue, due soon, upcoming
    met: list
    not_applicable: list
    prompts: list = field(default_factory=list)  # practice prompts not yet done: never overdue


def child_obligations(child, *, today=None):
    """A child's obligations grouped for the child page: open first, then practice prompts apart,
    then met, then not applicable. Only the rules of the council's pack."""
    today = today or date.today()
    found = obligations_for_child(child, today=today)
    return ChildObligations(
        today=today,
        pack_title=current_pack().title,
        open=[o for o in found if o.open],
        met=sorted((o for o in found if o.status == MET), key=lambda o: o.due or today, reverse=True),
        not_applicable=[o for o in found if o.status == NOT_APPLICABLE],
        prompts=[o for o in found if o.status == PROMPT],
    )
