"""The drift dashboard and the digest: what is overdue or due soon, for a worker, a team or the service.

Obligations come from permanence.obligations, the one read model every page shares.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Q

from permanence.access import policy
from permanence.accounts import roles
from permanence.children.models import Allocation, Child, Episode
from permanence.obligations.selectors import obligations_for_children
from permanence.timescales.obligations import DUE_SOON, OVERDUE, PROMPT

from . import harm

DRIFT_RULES = {"permanence-plan", "proceedings-26-weeks"}


# --- the drift dashboard -----------------------------------------------------------------

SCOPES = ("mine", "team", "service")
SCOPE_NAMES = {"mine": "My cases", "team": "My team", "service": "Whole service"}
# The views a role is offered: only those it can see whole. A team manager's "Whole service"
# would show their team again, so it is not offered; an IRO's cases are the reviews they chair.
ROLE_SCOPES = {
    roles.SOCIAL_WORKER: ("mine", "team"),
    roles.TEAM_MANAGER: ("mine", "team"),
    roles.IRO: ("mine",),
    roles.SERVICE_MANAGER: ("service", "team"),
    roles.PERFORMANCE_ANALYST: ("service",),
}
OTHER_ROLES_SCOPES = ("service",)  # family finder, panel, ADM: the children their work links them to


def scopes_for(user):
    """The views offered to this person, the first being where they start."""
    return ROLE_SCOPES.get(user.role, OTHER_ROLES_SCOPES)


def scope_names(user):
    names = dict(SCOPE_NAMES)
    if user.role == roles.IRO:
        names["mine"] = "Children whose reviews I chair"
    if user.role not in ROLE_SCOPES:
        names["service"] = "Children I work with"
    return [(scope, names[scope]) for scope in scopes_for(user)]


def children_in_scope(user, scope, *, team_id=None, worker_id=None, today=None):
    """Ids of children in care or in proceedings, for a worker, a team or the whole service,
    of those the person may see."""
    return _in_scope(user, scope, team_id=team_id, worker_id=worker_id, today=today, visible=True)


def hidden_in_scope(user, scope, *, team_id=None, worker_id=None, today=None):
    """How many children in this view the person may not open (counted, never named)."""
    every = _in_scope(user, scope, team_id=team_id, worker_id=worker_id, today=today, visible=False)
    return len(every) - len(children_in_scope(user, scope, team_id=team_id, worker_id=worker_id, today=today))


def _in_scope(user, scope, *, team_id, worker_id, today, visible):
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
    if visible:
        allocations = allocations.filter(policy.may_see(user))
    active = Episode.objects.filter(Q(end__isnull=True) | Q(end__gt=today), start__lte=today).values("child_id")
    in_proceedings = Child.objects.filter(
        proceedings__issued__isnull=False, proceedings__concluded__isnull=True
    ).values("pk")
    return list(
        allocations.filter(Q(child_id__in=active) | Q(child_id__in=in_proceedings))
        .values_list("child_id", flat=True)
        .distinct()
    )


@dataclass
class DriftRow:
    """One child in a view of the dashboard, with their items in harm order (duties first)."""

    child: Child
    worker: object
    team: object
    obligations: list = field(default_factory=list)
    today: date | None = None

    @property
    def kinds(self):
        return harm.count_by_kind(self.obligations)

    @property
    def days_overdue(self):
        """How long the row's most serious item has been overdue (0 if it is not)."""
        return harm.days_overdue(self.obligations[0], self.today) if self.obligations and self.today else 0


@dataclass
class Drift:
    """Duties and local rules overdue or due soon, most overdue first; practice prompts apart,
    never counted as drift."""

    today: date
    children: int = 0
    overdue: list = field(default_factory=list)  # DriftRow with the overdue obligations
    due_soon: list = field(default_factory=list)
    no_plan: list = field(default_factory=list)  # looked after, no plan, past the second review
    proceedings_late: list = field(default_factory=list)
    prompts: list = field(default_factory=list)  # DriftRow with practice prompts not yet done

    @property
    def counts(self):
        return {
            "overdue": sum(len(r.obligations) for r in self.overdue),
            "due_soon": sum(len(r.obligations) for r in self.due_soon),
            "no_plan": len(self.no_plan),
            "proceedings_late": len(self.proceedings_late),
            "prompts": sum(len(r.obligations) for r in self.prompts),
        }

    def kinds(self, view):
        """How many items of each kind a view holds: {"duty": n, "local_rule": n, "prompt": n}."""
        return harm.count_by_kind(o for row in getattr(self, view) for o in row.obligations)

    def children_with(self, view):
        return len(getattr(self, view))


def _by_due(obligations):
    """Duties before local rules, each oldest first (prompts keep their own order by date)."""
    return harm.in_harm_order(obligations)


def _most_overdue_first(rows):
    """Ordered by harm (harm.py): a child with an overdue duty first, the longest overdue at the
    top; then local rules only; then by the child's name."""
    return sorted(rows, key=lambda r: harm.child_rank(r.obligations, (r.child.last_name, r.child.first_name)))


def drift(ids, *, today=None, rule=None):
    """What is overdue, due in the next 14 days, plans missing and proceedings late, for these children."""
    today = today or date.today()
    by_child = obligations_for_children(ids, today=today)
    people = {
        a.child_id: a
        for a in Allocation.objects.filter(
            child_id__in=ids, role=Allocation.SOCIAL_WORKER, end__isnull=True
        ).select_related("worker", "team")
    }
    children = Child.objects.in_bulk(ids)
    result = Drift(today=today, children=len(ids))
    horizon = today + timedelta(days=14)
    for child_id, every in by_child.items():
        found = [o for o in every if rule is None or o.rule == rule]
        allocation = people.get(child_id)
        worker, team = (allocation.worker, allocation.team) if allocation else (None, None)
        overdue = _by_due(o for o in found if o.status == OVERDUE)
        views = {
            "overdue": overdue,
            "due_soon": _by_due(
                o for o in found if o.status == DUE_SOON or (o.open and o.due and today <= o.due <= horizon)
            ),
            "prompts": _by_due(o for o in found if o.status == PROMPT),
            "no_plan": [o for o in overdue if o.rule == "permanence-plan"],
            "proceedings_late": [o for o in overdue if o.rule == "proceedings-26-weeks"],
        }
        for name, items in views.items():
            if items:
                getattr(result, name).append(DriftRow(children[child_id], worker, team, items, today))
    for name in ("overdue", "due_soon", "no_plan", "proceedings_late", "prompts"):
        setattr(result, name, _most_overdue_first(getattr(result, name)))
    return result


def default_scope(user):
    """Where each role starts: their own cases, their team, or the whole service."""
    if user.role == roles.TEAM_MANAGER:
        return "team"
    return scopes_for(user)[0]


DRIFT_VIEWS = [
    ("overdue", "Overdue"),
    ("due_soon", "Due in the next 14 days"),
    ("no_plan", "No permanence plan after the second review"),
    ("proceedings_late", "Proceedings past 26 weeks"),
]
# Practice prompts are listed apart from the drift views: suggestions, never drift.
PROMPTS_VIEW = ("prompts", "Practice prompts")
