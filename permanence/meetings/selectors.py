"""Reads for clinics, tracking meetings, panels and the action log."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Prefetch, Q

from permanence.access import policy
from permanence.children.models import Allocation, Review
from permanence.children.presence import rows_of
from permanence.codes.participation import PARTICIPATION
from permanence.obligations.selectors import obligations_for_children
from permanence.planning.models import PermanencePlan
from permanence.tracking.trackers import REVIEW_RULES, TRACKERS, build_rows

from . import agenda_rules, choices
from .models import Action, AgendaItem, Clinic, Escalation, Panel, PanelItem, Referral, TrackingMeeting


def next_panels(ids, today):
    """The next panel each child is listed for, on or after `today`: {child id: date}, one query."""
    found = {}
    for child_id, when in (
        PanelItem.objects.filter(child_id__in=ids, panel__date__gte=today)
        .order_by("panel__date")
        .values_list("child_id", "panel__date")
    ):
        found.setdefault(child_id, when)
    return found


def open_actions_for(user):
    """The person's open actions about children they may see (an action on a record since
    restricted, or moved out of their scope, is left out, never named)."""
    actions = Action.objects.filter(owner=user, done_on__isnull=True).select_related("child").order_by("due")
    return policy.limit(actions, user)


def open_actions_for_child(child):
    return Action.objects.filter(child=child, done_on__isnull=True).select_related("owner").order_by("due")


def waiting_referrals():
    return Referral.objects.filter(status=choices.WAITING).select_related("child", "referred_by").order_by("date")


def clinics():
    return (
        Clinic.objects.select_related("chair")
        .annotate(children=Count("items"), recorded_items=Count("items", filter=Q(items__recorded=True)))
        .order_by("-date")
    )


def clinic_items(clinic):
    return clinic.items.select_related("child", "referral", "referral__referred_by").prefetch_related(
        Prefetch("actions", queryset=Action.objects.select_related("owner"))
    )


def tracking_meetings():
    return (
        TrackingMeeting.objects.select_related("chair")
        .annotate(children=Count("items"), discussed_items=Count("items", filter=Q(items__discussed=True)))
        .order_by("-date")
    )


def agenda(meeting, user=None):
    """The agenda in risk order (the most serious rule first, then the oldest), with only the
    children `user` may see when given (a Partition: the rest are counted, never named)."""
    items = (
        meeting.items.select_related("child")
        .prefetch_related(Prefetch("actions", queryset=Action.objects.select_related("owner")))
        .order_by("risk_rank", "risk_since", "child__last_name", "child__first_name", "pk")
    )
    return items if user is None else policy.partition(user, items)


# The key dates a meeting plans around, in the words of the pack.
KEY_DATES = (
    ("next_hearing", "Court hearing"),
    ("next_panel", "Permanence panel"),
    ("next_review", "Looked-after review"),
)


@dataclass
class AgendaRow:
    """One child on the agenda with what the meeting needs beside the reasons."""

    item: AgendaItem
    number: int
    rules: list
    plan: str = ""
    legal_status: str = ""
    worker: str = ""
    team: str = ""
    key_date: tuple | None = None  # (what, date, overdue)
    next_due: tuple | None = None  # (what, date, overdue): the earliest open duty or local rule
    last_actions: list = field(default_factory=list)

    @property
    def for_noting(self):
        """Only rules the meeting notes (plan changed, new to the list): listed, not discussed one by one."""
        return bool(self.rules) and not any(rule.discuss for rule in self.rules)


def agenda_rows(meeting, user, *, team_id=None, worker_id=None, today=None):
    """The agenda as the meeting reads it (page and pack): each child the person may see, in risk
    order, with plan, legal status, worker, next key date and the last meeting's actions.
    With a team or a social worker, only their children (allocated now), each keeping its number
    on the whole agenda so a team's pack and the meeting speak of the same child by the same number.
    A fixed number of queries for the whole agenda."""
    today = today or max(date.today(), meeting.date)
    shown = agenda(meeting, user)
    hidden = shown.hidden
    numbers = {item.pk: number for number, item in enumerate(shown, start=1)}
    if team_id or worker_id:
        allocated = Allocation.objects.filter(role=Allocation.SOCIAL_WORKER, end__isnull=True)
        if team_id:
            allocated = allocated.filter(team_id=team_id)
        if worker_id:
            allocated = allocated.filter(worker_id=worker_id)
        theirs = set(
            allocated.filter(child_id__in=[item.child_id for item in shown]).values_list("child_id", flat=True)
        )
        shown = [item for item in shown if item.child_id in theirs]
    ids = [item.child_id for item in shown]
    context = {row.child.pk: row.values for row in build_rows(TRACKERS["permanence"], ids, meeting.date)}
    last = TrackingMeeting.objects.filter(date__lt=meeting.date).order_by("-date").first()
    earlier = {}
    if last is not None:
        for action in Action.objects.filter(agenda_item__meeting=last, child_id__in=ids).select_related("owner"):
            earlier.setdefault(action.child_id, []).append(action)
    rows = []
    for item in shown:
        number = numbers[item.pk]
        values = context.get(item.child_id, {})
        dates = [(words, values[key], values[key] < meeting.date) for key, words in KEY_DATES if values.get(key)]
        due = values.get("next_due")
        rows.append(
            AgendaRow(
                item=item,
                number=number,
                rules=[agenda_rules.BY_KEY[key] for key in item.rules if key in agenda_rules.BY_KEY],
                plan=values.get("plan", ""),
                legal_status=values.get("legal_status", ""),
                worker=values.get("worker", ""),
                team=values.get("team", ""),
                key_date=min(dates, key=lambda d: d[1]) if dates else None,
                next_due=(values["next_obligation"], due, due < meeting.date) if due else None,
                last_actions=earlier.get(item.child_id, []),
            )
        )
    return rows, hidden, last


def agenda_counts(rows):
    """How many children meet each rule, in rule order: [(rule, n)] (a child counts once per rule)."""
    counts = {rule.key: 0 for rule in agenda_rules.RULES}
    for row in rows:
        for rule in row.rules:
            counts[rule.key] += 1
    return [(rule, counts[rule.key]) for rule in agenda_rules.RULES]


def panels():
    return Panel.objects.select_related("chair").annotate(children=Count("items")).order_by("-date")


def panel_members(panel):
    """The panel's members and advisers: chair first, then members, then advisers."""
    order = {role: n for n, (role, _) in enumerate(choices.PANEL_ROLES)}
    return sorted(panel.members.select_related("person"), key=lambda m: (order.get(m.role, 99), m.pk))


def present_for(item):
    """Who took part in the item, as the minutes record them (chair first)."""
    minutes = getattr(item, "minutes", None)
    if minutes is None:
        return []
    order = {role: n for n, (role, _) in enumerate(choices.PANEL_ROLES)}
    return sorted(minutes.present.select_related("person"), key=lambda m: (order.get(m.role, 99), m.pk))


def panel_items(panel):
    return panel.items.select_related("child", "minutes", "adm_decision", "adm_decision__decided_by").prefetch_related(
        Prefetch("actions", queryset=Action.objects.select_related("owner"))
    )


def awaiting_adm():
    """Items whose minutes have gone to the Agency Decision Maker and wait for their decision."""
    return (
        PanelItem.objects.filter(needs_adm=True, adm_decision__isnull=True, minutes__isnull=False)
        .exclude(minutes__outcome=choices.DEFERRED)
        .select_related("panel", "child", "minutes")
        .order_by("minutes__recorded_on", "pk")
    )


# The latest reviews the child page lists with their decisions reports.
CHILD_PAGE_REVIEWS = 6


def child_meetings(child, *, reviews=None, present=None):
    """What the clinic, tracking meetings and panels have said and asked about one child.

    `reviews`, the child's reviews with their IRO and decisions report when the caller has read
    them (the child page's case record), are not read again; `present` (children.presence.with_rows)
    says which kinds of row the child has at all, and a kind with none is not read."""
    if reviews is None:
        latest = list(
            child.reviews.select_related("decisions_report", "iro").order_by("-date", "-pk")[:CHILD_PAGE_REVIEWS]
        )
    else:
        latest = sorted(reviews, key=lambda r: (r.date, r.pk), reverse=True)[:CHILD_PAGE_REVIEWS]
    return {
        "actions": rows_of(
            present, Action.objects.filter(child=child).select_related("owner").order_by("done_on", "due")
        ),
        "referrals": rows_of(
            present, Referral.objects.filter(child=child).select_related("referred_by").order_by("-date")
        ),
        "agenda_items": rows_of(
            present, child.tracking_items.filter(discussed=True).select_related("meeting").order_by("-meeting__date")
        ),
        "panel_items": rows_of(
            present, child.panel_items.select_related("panel", "adm_decision").order_by("-panel__date")
        ),
        "reviews": latest,
        "escalations": rows_of(present, child.escalations.select_related("raised_by").order_by("-raised_on", "-pk")),
    }


# --- the IRO's desk ------------------------------------------------------------------------------


@dataclass
class DeskRow:
    """A child whose review an IRO chairs: when the next review is due, the reviews so far in this
    period with the child's participation, and whether the last one's decisions report is out."""

    child: object
    iro: str
    next_review: date | None
    overdue: bool
    reviews: list  # [(date, participation code, meaning)]: the latest in this period of care, oldest first
    last_report: object | None
    open_escalations: int
    plan: str = ""
    worker: str = ""
    earlier: int = 0  # reviews in this period before those listed


# The reviews a desk row lists: the latest few say how the child takes part now; the rest are counted.
DESK_REVIEWS = 3


def iro_desk(user, *, today=None, iro=None):
    """The reviews to chair, the soonest due first: the person's own children when they are an IRO
    (or `iro` when a manager looks at one IRO's list), else every IRO's children they may see."""

    allocations = Allocation.objects.filter(role=Allocation.IRO, end__isnull=True).select_related("worker")
    if iro is not None:
        allocations = allocations.filter(worker=iro)
    today = today or date.today()
    by_child = {a.child_id: a for a in allocations}
    shown = policy.visible_ids(user, by_child)
    ids = sorted(shown)
    obligations = obligations_for_children(ids, today=today)
    context = {row.child.pk: row for row in build_rows(TRACKERS["permanence"], ids, today)}
    reviews: dict = {}
    for review in Review.objects.filter(child_id__in=ids).select_related("decisions_report").order_by("date"):
        reviews.setdefault(review.child_id, []).append(review)
    escalations: dict = {}
    for child_id in Escalation.objects.filter(child_id__in=ids, outcome=choices.ESCALATION_OPEN).values_list(
        "child_id", flat=True
    ):
        escalations[child_id] = escalations.get(child_id, 0) + 1
    rows = []
    for child_id in ids:
        row = context[child_id]
        due = sorted(o.due for o in obligations.get(child_id, []) if o.rule in REVIEW_RULES and o.open and o.due)
        entered = row.values.get("entered_care")
        held = [r for r in reviews.get(child_id, []) if entered is None or r.date >= entered]
        rows.append(
            DeskRow(
                child=row.child,
                iro=str(by_child[child_id].worker),
                next_review=due[0] if due else None,
                overdue=bool(due) and due[0] < today,
                reviews=[
                    (r.date, r.participation, PARTICIPATION.meanings.get(r.participation, ""))
                    for r in held[-DESK_REVIEWS:]
                ],
                earlier=max(0, len(held) - DESK_REVIEWS),
                last_report=getattr(held[-1], "decisions_report", None) if held else None,
                open_escalations=escalations.get(child_id, 0),
                plan=row.values.get("plan", ""),
                worker=row.values.get("worker", ""),
            )
        )
    rows.sort(key=lambda r: (r.next_review or date.max, r.child.last_name, r.child.first_name))
    return rows


def escalations(user, *, open_only=True):
    """Escalations about children the person may see, the oldest response date first (a Partition)."""
    found = Escalation.objects.select_related("child", "raised_by").order_by("respond_by", "pk")
    if open_only:
        found = found.filter(outcome=choices.ESCALATION_OPEN)
    return policy.partition(user, found)


def plan_at_review(child, day):
    """The permanence plan in force on the day of a review, with its parallel (twin-track) plan:
    what the IRO's decisions report is about (Leeds section 3, Birmingham section 2)."""
    return (
        PermanencePlan.objects.filter(child=child, recorded__lte=day)
        .filter(Q(superseded_on__isnull=True) | Q(superseded_on__gt=day))
        .order_by("-recorded", "-pk")
        .first()
    )
