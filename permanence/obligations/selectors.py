"""Obligations read from the case record through the timescales engine.

The child page, the drift dashboard, trackers, agendas, the digest, the API and the benchmark
all come through here, so they agree on the same case.
"""

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings

from permanence.timescales import compute_obligations, load_pack
from permanence.timescales.obligations import MET, NOT_APPLICABLE, PROMPT

from .snapshots import iter_snapshots, snapshots_for


def current_pack():
    """The policy pack this council runs (settings.PERMANENCE_POLICY)."""
    return load_pack(settings.PERMANENCE_POLICY)


def obligations_for_child(child, *, today=None, include_not_applicable=True):
    today = today or date.today()
    snapshot = snapshots_for([child.pk])[child.pk]
    return compute_obligations(snapshot, current_pack(), today, include_not_applicable=include_not_applicable)


def obligations_for_children(ids, *, today=None):
    """{child id: obligations} for many children, in a fixed number of queries per 5,000 children."""
    today, pack = today or date.today(), current_pack()
    return {child_id: compute_obligations(snapshot, pack, today) for child_id, snapshot in iter_snapshots(ids)}


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
