"""Reads shaped for the web pages: whose children a person sees, and one child's page.

Every list is a fixed number of queries whatever its length: the selection is filtered and
paginated in the database, then only the page's children get their case facts read.
"""

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date

from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q

from permanence.access import matrix, policy, pseudonyms
from permanence.access.rules import visible_children
from permanence.accounts import roles
from permanence.accounts.models import Team
from permanence.children import ownership
from permanence.children.models import (
    Allocation,
    Child,
    DentalCheck,
    EducationPlan,
    Episode,
    HealthAssessment,
    LongTermFosterConfirmation,
    MissingEpisode,
    OrderChange,
    RecordChange,
    Review,
    StatutoryPlan,
    TemporaryApproval,
)
from permanence.children.presence import rows_of, with_rows
from permanence.children.recording.kinds import record_menu
from permanence.children.selectors import (
    TimelineEntry,
    case_record,
    child_timeline,
    family_network,
    record_summary,
    remember_sibling_group,
    sibling_group,
    summary_of,
)
from permanence.codes.legal_status import CARE_ORDERS, PLACEMENT_ORDER, SECTION_20
from permanence.feed.selectors import care_leaver_facts_for, permanence_dates_for
from permanence.matching.models import ChildProfile
from permanence.matching.selectors import family_finding_section
from permanence.meetings.models import Action, AgendaItem, Escalation, PanelItem, Referral
from permanence.meetings.selectors import child_meetings
from permanence.obligations.selectors import ChildObligations, child_obligations
from permanence.planning.models import Decision, Meeting, PermanencePlan
from permanence.planning.selectors import stage_history
from permanence.siblings.models import SiblingAssessment, SiblingContactPlan, SiblingDecision
from permanence.siblings.selectors import sibling_facts_for, sibling_summary
from permanence.support.models import ContactPlan, DisruptionMeeting, StabilityEvent, SupportPlan, TransitionPlan
from permanence.support.selectors import support_summary
from permanence.timescales.obligations import DUE_SOON, OVERDUE
from permanence.tracking import harm
from permanence.voice.models import MyPlanLetter, PlanContents, ViewsNotRecorded, WishesAndFeelings
from permanence.voice.selectors import voice_page

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


def _in_care(today):
    """Looked after today, or unborn and already on the record for planning."""
    looked_after = Exists(_current_episodes(today).filter(child=OuterRef("pk")))
    unborn = Q(date_of_birth__isnull=True, expected_date_of_birth__isnull=False)
    return Q(looked_after) | unborn


def children_in_care(today):
    """Children looked after today, and unborn children already on the record for planning."""
    return Child.objects.filter(_in_care(today))


def teams_managed_by(user):
    """The teams a manager answers for: those they are named manager of, else their own team."""
    managed = list(Team.objects.filter(manager=user))
    if managed:
        return managed
    return [user.team] if user.team_id else []


def caseload_children(user, *, scope, today, teams=(), within=None):
    """The children in `scope` for `user`, as a queryset in name order (not yet evaluated).

    `within` (a queryset of children, such as those the person may see) narrows the selection in
    the same query. A scope drawn from allocations selects through them (an indexed list of a few
    children), so the other conditions are checked for those children only, not the whole record.
    """
    children = (Child.objects.all() if within is None else within).filter(_in_care(today))
    open_allocations = Allocation.objects.filter(end__isnull=True)
    if scope == ALLOCATED:
        children = children.filter(pk__in=open_allocations.filter(worker=user).values("child_id"))
    elif scope == REVIEWING:
        children = children.filter(pk__in=open_allocations.filter(worker=user, role=Allocation.IRO).values("child_id"))
    elif scope == TEAM:
        team_ids = [team.pk for team in teams]
        children = children.filter(
            pk__in=open_allocations.filter(role=Allocation.SOCIAL_WORKER, team_id__in=team_ids).values("child_id")
        )
    return children.order_by("last_name", "first_name", "pk")


def _on(statuses, today):
    return Exists(_current_episodes(today).filter(child=OuterRef("pk"), legal_status__in=statuses))


def caseload_counts(children, today):
    """How many `children` there are, and how many are on each kind of order today: one aggregate query."""
    totals = children.aggregate(
        children=Count("pk"),
        care_order=Count("pk", filter=_on(CARE_ORDERS, today)),
        placement_order=Count("pk", filter=_on(PLACEMENT_ORDER, today)),
        section_20=Count("pk", filter=_on(SECTION_20, today)),
    )
    return Counts(**totals)


class _CountedPaginator(Paginator):
    """A paginator told its count (read with the caseload's other figures), so it does not count again."""

    def __init__(self, object_list, per_page, *, count):
        super().__init__(object_list, per_page)
        self._count = count

    @property
    def count(self):
        return self._count


# What a caseload table row shows of each child's case facts, and no more: the episodes (placement,
# carer's name), the open allocations (worker's and team's names) and the review dates.
def _list_facts(ids):
    episodes = (
        Episode.objects.filter(child_id__in=ids)
        .select_related("carer")
        .only("child", "start", "end", "legal_status", "placement", "carer__name")
        .order_by("start", "pk")
    )
    allocations = (
        Allocation.objects.filter(child_id__in=ids, end__isnull=True)
        .select_related("worker", "team")
        .only("child", "role", "end", "worker__username", "worker__first_name", "worker__last_name", "team__name")
        .order_by("pk")
    )
    reviews = Review.objects.filter(child_id__in=ids).only("child", "date").order_by("date", "pk")
    return tuple(_by_child(rows) for rows in (episodes, allocations, reviews))


def _by_child(rows):
    grouped = defaultdict(list)
    for row in rows:
        grouped[row.child_id].append(row)
    return grouped


def summaries_for(children, today):
    """CaseSummary for each child in an evaluated page: three queries in all, whatever the page's size.

    The rows are grouped by child here rather than through prefetch_related, which builds a
    queryset for every child on the page (about a third of the caseload page's time)."""
    children = list(children)
    episodes, allocations, reviews = _list_facts([child.pk for child in children])
    return [
        summary_of(child, episodes[child.pk], allocations[child.pk], reviews[child.pk], today) for child in children
    ]


def home_caseload(user, *, page_number=1, today=None):
    """The home page's list for `user`: who they hold, review, manage or (otherwise) everyone."""
    today = today or date.today()
    scope = SCOPE_BY_ROLE.get(user.role, ALL)
    teams = teams_managed_by(user) if scope == TEAM else []
    children = caseload_children(user, scope=scope, today=today, teams=teams, within=visible_children(user))
    counts = caseload_counts(children, today)
    page = _CountedPaginator(children, PAGE_SIZE, count=counts.children).get_page(page_number)
    page.object_list = summaries_for(list(page.object_list), today)
    if pseudonyms.applies_to(user):
        for summary in page.object_list:
            pseudonyms.pseudonymise(summary.child)
    return Caseload(scope=scope, page=page, counts=counts, teams=teams)


def search_results(query, *, user, page_number=1, today=None):
    """A page of the children the person may see matching every word of `query` (the one search,
    `access.policy.search_children`), each with its case summary."""
    today = today or date.today()
    page = Paginator(policy.search_children(user, query), PAGE_SIZE).get_page(page_number)
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
    stage_history: list  # the current plan's moves from stage to stage
    obligations: ChildObligations
    acting_on: (
        list  # (obligation, days overdue) needing action first: overdue, then due soon, duties before local rules
    )
    meetings: dict  # clinic, tracking meeting and panel items, and actions
    voice: dict  # the child's wishes and feelings, and what the plan still needs
    sibling_section: object  # together-or-apart decisions, assessments, contact
    family_finding: dict  # the child's profile and matches
    support: object  # stability indicators, contact, transition and support plans
    case_system: object  # beside a case system: where the facts come from and when; else None
    case_system_permanence: list  # the case system's permanence dates (beside one only)
    case_system_care_leaver: list  # the case system's care leaver facts (beside one only)
    record: object  # the CaseRecord read for the page (episodes, allocations, reviews ...)
    facts: object  # the record's other facts, with their corrections (RecordFacts)


def needs_acting_on(obligations):
    """What the child page opens with: duties and local rules overdue, then due soon, each in
    harm order (tracking.harm). Prompts are never here: they are suggestions, never drift."""
    overdue = [o for o in obligations.open if o.status == OVERDUE]
    soon = [o for o in obligations.open if o.status == DUE_SOON]
    return [
        (o, harm.days_overdue(o, obligations.today)) for o in harm.in_harm_order(overdue) + harm.in_harm_order(soon)
    ]


def for_person(page, user):
    """The child page as this person may see it: brothers and sisters whose records they cannot
    open are shown unnamed and unlinked (the one access policy, permanence.access.policy), read
    in one query however many there are."""
    section = page.sibling_section
    decisions = section.decisions if section is not None else []
    ids = {s.child.pk for s in page.siblings if s.child is not None}
    if section is not None:
        ids |= {s.child.pk for s in section.siblings if s.child is not None} | {c.pk for c in section.apart_from}
        ids |= {c.pk for decision in decisions for c in decision.siblings.all()}
    # One query, asked even with no brothers or sisters, so the page costs the same however many.
    seen = set(policy.visible_children(user).filter(pk__in=sorted(ids) or [0]).values_list("pk", flat=True))

    def unseen(siblings):
        return [
            s
            if s.child is None or s.child.pk in seen
            else replace(s, name=policy.UNSEEN_SIBLING, child=None, person=None)
            for s in siblings
        ]

    if section is not None:
        section.siblings = unseen(section.siblings)
        section.apart_hidden = sum(1 for c in section.apart_from if c.pk not in seen)
        section.apart_from = [c for c in section.apart_from if c.pk in seen]
        for decision in decisions:
            named = list(decision.siblings.all())
            decision.shown_siblings = [c for c in named if c.pk in seen]
            decision.hidden_siblings = len(named) - len(decision.shown_siblings)
    return replace(page, siblings=unseen(page.siblings))


# The child page's sections most children have no rows in (on the 5,000-child demo council, each
# is empty on 60% to 100% of pages): asked about in one query first (children.presence), and a
# section with none is not read. Sections nearly every child has rows in are read without asking.
SECTION_ROWS = (
    Action,
    Referral,
    AgendaItem,
    PanelItem,
    Escalation,
    WishesAndFeelings,
    ViewsNotRecorded,
    PlanContents,
    MyPlanLetter,
    SiblingDecision,
    SiblingAssessment,
    SiblingContactPlan,
    ChildProfile,
    ContactPlan,
    TransitionPlan,
    SupportPlan,
    StabilityEvent,
    DisruptionMeeting,
    TemporaryApproval,
    LongTermFosterConfirmation,
    MissingEpisode,
    RecordChange,
)


def child_page(child, *, today=None):
    """Everything the child page shows, read here and nowhere else (no template tag reads).

    The case record's rows are each read once: the summary and the timeline share the episodes,
    allocations, reviews, orders and proceedings; the plan and decision tables and the timeline
    share the plans and decisions; the family network and the brothers and sisters share the
    child's relationships. Obligations are read in one call (`child_obligations`), so reading
    stored obligations instead is a change to that one line.
    """
    today = today or date.today()
    present = with_rows(child.pk, SECTION_ROWS)
    record = case_record(child)
    plans = list(PermanencePlan.objects.filter(child=child).select_related("recorded_by").order_by("recorded", "pk"))
    decisions = list(Decision.objects.filter(child=child).order_by("date", "pk"))
    current = next((plan for plan in reversed(plans) if plan.superseded_on is None), None)
    family = family_network(child)
    siblings = sibling_group(child, relationships=family)
    remember_sibling_group(child, siblings)  # the sibling decision section shows the group too
    obligations = child_obligations(child, today=today)
    # Read once for the two sections that show who the child lives apart from.
    apart = sibling_facts_for([child.pk]).get(child.pk)
    case_system = ownership.source_for_child(child.pk)
    return ChildPage(
        child=child,
        summary=record_summary(child, record, today=today),
        current_plan=current,
        plans=plans,
        decisions=decisions,
        orders=record.orders,
        proceedings=record.proceedings,
        siblings=siblings,
        family=family,
        timeline=case_timeline(child, record=record, plans=plans, decisions=decisions),
        stage_history=stage_history(current) if current else [],
        obligations=obligations,
        acting_on=needs_acting_on(obligations),
        meetings=child_meetings(child, reviews=record.reviews, present=present),
        voice=voice_page(child, plan=current, present=present),
        sibling_section=sibling_summary(child, today=today, facts=apart, plan=current, present=present),
        family_finding=family_finding_section(child, present=present),
        support=support_summary(child, obligations=obligations, today=today, sibling_facts=apart, present=present),
        case_system=case_system,
        case_system_permanence=permanence_dates_for(child.pk) if case_system else [],
        case_system_care_leaver=care_leaver_facts_for(child.pk) if case_system else [],
        record=record,
        facts=record_facts(child, record, present),
    )


def case_timeline(child, *, record=None, plans=None, decisions=None):
    """The case record's timeline with the planning facts (plans, decisions, meetings) merged in.

    Oldest first; on the same day the case record's entries come before the planning ones.
    `record`, `plans` and `decisions`, when the caller has read them, are not read again.
    """
    entries = child_timeline(child, record)
    if plans is None:
        plans = PermanencePlan.objects.filter(child=child)
    if decisions is None:
        decisions = Decision.objects.filter(child=child)
    planning = []
    for plan in plans:
        parallel = f"; parallel plan: {plan.get_parallel_option_display()}" if plan.parallel_option else ""
        planning.append(
            TimelineEntry(
                plan.recorded,
                "plan",
                f"Permanence plan recorded: {plan.get_primary_option_display()}",
                f"{plan.get_forum_display()}{parallel}",
            )
        )
    for decision in decisions:
        by = f"{decision.get_forum_display()}" + (f"; {decision.decided_by}" if decision.decided_by else "")
        planning.append(TimelineEntry(decision.date, "decision", decision.get_kind_display(), by))
    for meeting in Meeting.objects.filter(child=child):
        planning.append(TimelineEntry(meeting.date, "meeting", meeting.get_kind_display()))
    # sorted() is stable, so same-day entries keep the case record's own order.
    return sorted(entries + sorted(planning, key=lambda e: e.date), key=lambda e: e.date)


@dataclass(frozen=True)
class RecordFacts:
    """The child's recorded facts beyond the summary, each row carrying its corrections."""

    episodes: list
    allocations: list
    reviews: list
    visits: list
    order_changes: list
    temporary_approvals: list
    long_term: list
    health: list
    dental: list
    education: list
    plans: list
    missing: list


def recording_options(user, page):
    """What this person may record on this child now (the "Record" menu, by the role matrix and,
    beside a case system, by who owns the fact), and which recorded facts they may change."""
    role = getattr(user, "role", None)
    looked_after = any(episode.end is None for episode in page.record.episodes)
    allowed = [kind for kind in matrix.records_allowed(role) if ownership.may_edit_here(matrix.RECORDS[kind][1])]
    may_correct = {
        kind
        for kind, (capability, fact) in matrix.CORRECTIONS.items()
        if matrix.has(role, capability) and ownership.may_edit_here(fact)
    }
    return {
        "record_menu": record_menu(allowed, looked_after=looked_after),
        "may_correct": may_correct,
        "facts": page.facts,
    }


def record_facts(child, record, present=None):
    """What the child page lists under "The record", one query per kind, and the corrections made
    to any of them (one query): each row gets `.corrections` (RecordChange rows with a reason).
    A kind `present` (children.presence.with_rows) finds none of is not read, nor are order changes
    of a child with no orders."""

    facts = RecordFacts(
        episodes=list(record.episodes),
        allocations=sorted(record.allocations, key=lambda a: (a.start, a.pk), reverse=True),
        reviews=sorted(record.reviews, key=lambda r: (r.date, r.pk), reverse=True),
        visits=sorted(record.visits, key=lambda v: (v.date, v.pk), reverse=True),
        order_changes=list(OrderChange.objects.filter(order__child=child).select_related("order").order_by("date"))
        if record.orders
        else [],
        temporary_approvals=rows_of(present, TemporaryApproval.objects.filter(child=child).select_related("carer")),
        long_term=rows_of(present, LongTermFosterConfirmation.objects.filter(child=child).select_related("carer")),
        health=list(HealthAssessment.objects.filter(child=child).order_by("-date")),
        dental=list(DentalCheck.objects.filter(child=child).order_by("-date")),
        education=list(EducationPlan.objects.filter(child=child).order_by("-date")),
        plans=list(StatutoryPlan.objects.filter(child=child).order_by("-date")),
        missing=rows_of(present, MissingEpisode.objects.filter(child=child).order_by("-start")),
    )
    corrections = {}
    changes = RecordChange.objects.filter(child_id=child.pk).exclude(reason="").order_by("at", "pk")
    for change in rows_of(present, changes):
        corrections.setdefault((change.model, change.object_id), []).append(change)
    rows = [row for rows in vars(facts).values() for row in rows] + list(record.orders) + list(record.proceedings)
    for row in [child, *rows]:
        row.corrections = corrections.get((row._meta.label, str(row.pk)), [])
    return facts
