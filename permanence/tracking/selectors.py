"""Obligations and drift, read from the case record through the timescales engine.

The child page, the drift dashboard, the digest and the benchmark all come through here,
so they agree on the same case.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Q

from permanence.access.rules import visible_children
from permanence.accounts import roles
from permanence.children.models import Allocation, Child, Episode
from permanence.timescales import compute_obligations, load_pack
from permanence.timescales.obligations import DUE_SOON, OVERDUE

from .snapshots import iter_snapshots, snapshots_for

DRIFT_RULES = {"permanence-plan", "proceedings-26-weeks"}


def current_pack():
    return load_pack(settings.PERMANENCE_POLICY)


def obligations_for_child(child, *, today=None, include_not_applicable=True):
    today = today or date.today()
    snapshot = snapshots_for([child.pk])[child.pk]
    return compute_obligations(snapshot, current_pack(), today, include_not_applicable=include_not_applicable)


def obligations_for_children(ids, *, today=None):
    """{child id: obligations} for many children, in a fixed number of queries per 5,000 children."""
    today, pack = today or date.today(), current_pack()
    return {child_id: compute_obligations(snapshot, pack, today) for child_id, snapshot in iter_snapshots(ids)}


# --- the drift dashboard -----------------------------------------------------------------

SCOPES = ("mine", "team", "service")


def children_in_scope(user, scope, *, team_id=None, worker_id=None, today=None):
    """Ids of children in care or in proceedings, for a worker, a team or the whole service."""
    today = today or date.today()
    open_sw = Allocation.objects.filter(role=Allocation.SOCIAL_WORKER, end__isnull=True)
    if scope == "mine":
        if user.role == roles.IRO:
            allocations = Allocation.objects.filter(role=Allocation.IRO, end__isnull=True, worker=user)
        else:
            allocations = open_sw.filter(worker=user)
    elif scope == "team":
        allocations = open_sw.filter(team_id=team_id or user.team_id)
    else:
        allocations = open_sw.filter(team_id=team_id) if team_id else open_sw
    if worker_id:
        allocations = allocations.filter(worker_id=worker_id)
    allocations = allocations.filter(child_id__in=visible_children(user).values("pk"))
    active = Episode.objects.filter(Q(end__isnull=True) | Q(end__gt=today), start__lte=today).values("child_id")
    in_proceedings = Child.objects.filter(proceedings__issued__isnull=False, proceedings__concluded__isnull=True).values("pk")
    return list(
        allocations.filter(Q(child_id__in=active) | Q(child_id__in=in_proceedings))
        .values_list("child_id", flat=True).distinct()
    )


@dataclass
class DriftRow:
    child: Child
    worker: object
    team: object
    obligations: list = field(default_factory=list)


@dataclass
class Drift:
    today: date
    children: int = 0
    overdue: list = field(default_factory=list)   # DriftRow with the overdue obligations
    due_soon: list = field(default_factory=list)
    no_plan: list = field(default_factory=list)  # looked after, no plan, past the second review
    proceedings_late: list = field(default_factory=list)

    @property
    def counts(self):
        return {
            "overdue": sum(len(r.obligations) for r in self.overdue),
            "due_soon": sum(len(r.obligations) for r in self.due_soon),
            "no_plan": len(self.no_plan),
            "proceedings_late": len(self.proceedings_late),
        }


def drift(ids, *, today=None, rule=None):
    """What is overdue, due in the next 14 days, plans missing and proceedings late, for these children."""
    today = today or date.today()
    by_child = obligations_for_children(ids, today=today)
    people = {
        a.child_id: a
        for a in Allocation.objects.filter(child_id__in=ids, role=Allocation.SOCIAL_WORKER, end__isnull=True).select_related("worker", "team")
    }
    children = Child.objects.in_bulk(ids)
    result = Drift(today=today, children=len(ids))
    horizon = today + timedelta(days=14)
    for child_id in sorted(by_child, key=lambda i: (children[i].last_name, children[i].first_name)):
        found = [o for o in by_child[child_id] if rule is None or o.rule == rule]
        allocation = people.get(child_id)
        row = lambda items: DriftRow(children[child_id], allocation and allocation.worker, allocation and allocation.team, items)  # noqa: E731
        overdue = [o for o in found if o.status == OVERDUE]
        soon = [o for o in found if o.status in (DUE_SOON,) or (o.open and o.due and today <= o.due <= horizon)]
        if overdue:
            result.overdue.append(row(overdue))
        if soon:
            result.due_soon.append(row(soon))
        plan = [o for o in overdue if o.rule == "permanence-plan"]
        if plan:
            result.no_plan.append(row(plan))
        late = [o for o in overdue if o.rule == "proceedings-26-weeks"]
        if late:
            result.proceedings_late.append(row(late))
    return result


def default_scope(user):
    """Where each role starts: their own cases, their team, or the whole service."""
    if user.role in (roles.SOCIAL_WORKER, roles.IRO):
        return "mine"
    if user.role == roles.TEAM_MANAGER:
        return "team"
    return "service"


DRIFT_VIEWS = [
    ("overdue", "Overdue"),
    ("due_soon", "Due in the next 14 days"),
    ("no_plan", "No permanence plan after the second review"),
    ("proceedings_late", "Proceedings past 26 weeks"),
]


@dataclass
class ChildObligations:
    today: date
    pack_title: str
    open: list
    met: list
    not_applicable: list


def child_obligations(child, *, today=None):
    """A child's obligations grouped for the child page: open first, then met, then not applicable."""
    today = today or date.today()
    found = obligations_for_child(child, today=today)
    return ChildObligations(
        today=today,
        pack_title=current_pack().title,
        open=[o for o in found if o.open],
        met=sorted((o for o in found if o.status == "met"), key=lambda o: o.due or today, reverse=True),
        not_applicable=[o for o in found if o.status == "not_applicable"],
    )
