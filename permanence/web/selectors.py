"""Reads shaped for the web pages: whose children a person sees, and one child's page.

Every list is a fixed number of queries whatever its length: the selection is filtered and
paginated in the database, then only the page's children get their case facts prefetched.
"""

from dataclasses import dataclass
from datetime import date

from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q

from permanence.access import pseudonyms
from permanence.access.rules import visible_children
from permanence.accounts import roles
from permanence.accounts.models import Team
from permanence.children.models import Allocation, Child, Episode, LegalOrder, Proceedings
from permanence.children.selectors import (
    TimelineEntry,
    _summary,
    _with_case_facts,
    case_summary,
    child_timeline,
    family_network,
    sibling_group,
)
from permanence.codes.legal_status import CARE_ORDERS, PLACEMENT_ORDER, SECTION_20
from permanence.planning.models import Decision, Meeting, PermanencePlan

PAGE_SIZE = 25

# What a person's home page lists, by role. Everyone not named sees every child looked after.
ALLOCATED = "allocated"
REVIEWING = "reviewing"
TEAM = "team"
ALL = "all"
SCOPE_BY_ROLE = {roles.SOCIAL_WORKER: ALLOCATED, roles.IRO: REVIEWING, roles.TEAM_MANAGER: TEAM}


@dataclass(frozen=True)
class Counts:
    children: int
    care_order: int
    placement_order: int
    section_20: int


@dataclass(frozen=True)
class Caseload:
    scope: str
    page: object  # a Django Page whose object_list is CaseSummary items
    counts: Counts
    teams: list

    @property
    def summaries(self):
        return self.page.object_list

    @property
    def shows_iro(self):
        """An IRO wants to know each child's social worker; everyone else, each child's IRO."""
        return self.scope != REVIEWING


def _current_episodes(today):
    return Episode.objects.filter(start__lte=today).filter(Q(end__isnull=True) | Q(end__gt=today))


def children_in_care(today):
    """Children looked after today, and unborn children already on the record for planning."""
    looked_after = Exists(_current_episodes(today).filter(child=OuterRef("pk")))
    unborn = Q(date_of_birth__isnull=True, expected_date_of_birth__isnull=False)
    return Child.objects.filter(looked_after | unborn)


def teams_managed_by(user):
    """The teams a manager answers for: those they are named manager of, else their own team."""
    managed = list(Team.objects.filter(manager=user))
    if managed:
        return managed
    return [user.team] if user.team_id else []


def caseload_children(user, *, scope, today, teams=()):
    """The children in `scope` for `user`, as a queryset in name order (not yet evaluated)."""
    children = children_in_care(today)
    open_allocations = Allocation.objects.filter(child=OuterRef("pk"), end__isnull=True)
    if scope == ALLOCATED:
        children = children.filter(Exists(open_allocations.filter(worker=user)))
    elif scope == REVIEWING:
        children = children.filter(Exists(open_allocations.filter(worker=user, role=Allocation.IRO)))
    elif scope == TEAM:
        team_ids = [team.pk for team in teams]
        children = children.filter(
            Exists(open_allocations.filter(role=Allocation.SOCIAL_WORKER, team_id__in=team_ids))
        )
    return children.order_by("last_name", "first_name", "pk")


def legal_status_counts(children, today):
    """How many of `children` are on each kind of order today: one aggregate query."""
    totals = _current_episodes(today).filter(child__in=children.values("pk")).aggregate(
        care_order=Count("child", distinct=True, filter=Q(legal_status__in=CARE_ORDERS)),
        placement_order=Count("child", distinct=True, filter=Q(legal_status__in=PLACEMENT_ORDER)),
        section_20=Count("child", distinct=True, filter=Q(legal_status__in=SECTION_20)),
    )
    return totals


def summaries_for(children, today):
    """CaseSummary for each child in an evaluated page: three prefetch queries in all."""
    ids = [child.pk for child in children]
    by_pk = {child.pk: child for child in _with_case_facts(Child.objects.filter(pk__in=ids))}
    return [_summary(by_pk[pk], today) for pk in ids if pk in by_pk]


def home_caseload(user, *, page_number=1, today=None):
    """The home page's list for `user`: who they hold, review, manage or (otherwise) everyone."""
    today = today or date.today()
    scope = SCOPE_BY_ROLE.get(user.role, ALL)
    teams = teams_managed_by(user) if scope == TEAM else []
    children = caseload_children(user, scope=scope, today=today, teams=teams)
    children = children.filter(pk__in=visible_children(user).values("pk"))
    page = Paginator(children, PAGE_SIZE).get_page(page_number)
    page.object_list = summaries_for(list(page.object_list), today)
    if pseudonyms.applies_to(user):
        for summary in page.object_list:
            pseudonyms.pseudonymise(summary.child)
    totals = legal_status_counts(children, today) if page.paginator.count else {}
    counts = Counts(
        children=page.paginator.count,
        care_order=totals.get("care_order", 0),
        placement_order=totals.get("placement_order", 0),
        section_20=totals.get("section_20", 0),
    )
    return Caseload(scope=scope, page=page, counts=counts, teams=teams)


def search_results(query, *, user, page_number=1, today=None):
    """Children the person may see matching every word of `query` (name or exact council reference)."""
    today = today or date.today()
    children = visible_children(user)
    for term in query.split():
        children = children.filter(
            Q(first_name__icontains=term) | Q(last_name__icontains=term) | Q(council_reference__iexact=term)
        )
    page = Paginator(children.order_by("last_name", "first_name", "pk"), PAGE_SIZE).get_page(page_number)
    page.object_list = summaries_for(list(page.object_list), today)
    return page


@dataclass(frozen=True)
class ChildPage:
    """Everything the child page shows, read in one place so the view stays thin."""

    child: Child
    summary: object
    current_plan: object
    plans: list
    decisions: list
    orders: list
    proceedings: list
    siblings: list
    family: list
    timeline: list


def child_page(child, *, today=None):
    today = today or date.today()
    plans = list(PermanencePlan.objects.filter(child=child).select_related("recorded_by").order_by("recorded", "pk"))
    current = next((plan for plan in reversed(plans) if plan.superseded_on is None), None)
    return ChildPage(
        child=child,
        summary=case_summary(child, today=today),
        current_plan=current,
        plans=plans,
        decisions=list(Decision.objects.filter(child=child).order_by("date", "pk")),
        orders=list(LegalOrder.objects.filter(child=child).order_by("made", "pk")),
        proceedings=list(
            Proceedings.objects.filter(child=child).prefetch_related("hearings", "extensions").order_by("issued", "pk")
        ),
        siblings=sibling_group(child),
        family=family_network(child),
        timeline=case_timeline(child),
    )


def case_timeline(child):
    """The case record's timeline with the planning facts (plans, decisions, meetings) merged in.

    Oldest first; on the same day the case record's entries come before the planning ones.
    """
    entries = child_timeline(child)
    planning = []
    for plan in PermanencePlan.objects.filter(child=child):
        parallel = f"; parallel plan: {plan.get_parallel_option_display()}" if plan.parallel_option else ""
        planning.append(
            TimelineEntry(plan.recorded, "plan", f"Permanence plan recorded: {plan.get_primary_option_display()}",
                          f"{plan.get_forum_display()}{parallel}")
        )
    for decision in Decision.objects.filter(child=child):
        by = f"{decision.get_forum_display()}" + (f"; {decision.decided_by}" if decision.decided_by else "")
        planning.append(TimelineEntry(decision.date, "decision", decision.get_kind_display(), by))
    for meeting in Meeting.objects.filter(child=child):
        planning.append(TimelineEntry(meeting.date, "meeting", meeting.get_kind_display()))
    # sorted() is stable, so same-day entries keep the case record's own order.
    return sorted(entries + sorted(planning, key=lambda e: e.date), key=lambda e: e.date)
