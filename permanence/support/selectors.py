"""Reads for contact, transitions, support plans, early warnings and the learning report.

Bulk reads take a fixed number of queries whatever the number of children (tested), so the
service view of homes under strain stays linear in the number of children.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from django.conf import settings
from django.db.models import Prefetch, Q

from permanence.children.models import Child, Episode
from permanence.children.presence import may_have, rows_of
from permanence.siblings.choices import CONTACT_SOURCE as SIBLING_CONTACT_SOURCE
from permanence.siblings.models import SiblingContactPlan
from permanence.siblings.selectors import sibling_facts_for
from permanence.timescales.policy import PolicyError, pack_section

from . import choices
from .models import (
    ContactPlan,
    ContactSession,
    DisruptionMeeting,
    StabilityEvent,
    SupportAction,
    SupportPlan,
    TransitionPlan,
)
from .stability import StabilityFacts, compile_thresholds, indicators

# Timescales rules shown beside the contact plans: reminders, each with its citation.
CONTACT_RULES = ("cao-contact-ends", "lifelong-links", "sibling-contact-plan")


@cache
def thresholds_for(pack):
    try:
        return compile_thresholds(pack_section(pack, "stability"), f"{pack}: stability")
    except ValueError as error:
        raise PolicyError(str(error)) from None


def thresholds():
    return thresholds_for(settings.PERMANENCE_POLICY)


def stability_facts_for(ids):
    """{child id: StabilityFacts} for a batch of children, in four queries."""
    ids = list(ids)
    episodes, events, sessions, actions = defaultdict(list), defaultdict(list), defaultdict(list), defaultdict(list)
    for child_id, *row in (
        Episode.objects.filter(child_id__in=ids)
        .order_by("child_id", "start")
        .values_list("child_id", "start", "end", "reason_new", "reason_place_change")
    ):
        episodes[child_id].append(tuple(row))
    for child_id, kind, day in (
        StabilityEvent.objects.filter(child_id__in=ids).order_by("date").values_list("child_id", "kind", "date")
    ):
        events[child_id].append((kind, day))
    for child_id, *row in (
        ContactSession.objects.filter(plan__child_id__in=ids)
        .order_by("date")
        .values_list("plan__child_id", "date", "outcome", "who", "plan__with_whom")
    ):
        sessions[child_id].append(tuple(row))
    for child_id, *row in (
        SupportAction.objects.filter(plan__child_id__in=ids)
        .order_by("due")
        .values_list("plan__child_id", "description", "due", "done_on")
    ):
        actions[child_id].append(tuple(row))
    return {
        child_id: StabilityFacts(
            tuple(episodes[child_id]), tuple(events[child_id]), tuple(sessions[child_id]), tuple(actions[child_id])
        )
        for child_id in ids
    }


def child_indicators(child, *, today=None):
    today = today or date.today()
    return indicators(stability_facts_for([child.pk])[child.pk], thresholds(), today)


# --- the service view ------------------------------------------------------------------------


@dataclass
class Strain:
    child: Child
    home: str
    fired: list


def homes_under_strain(*, today=None, indicator=None):
    """Children whose home shows at least one early warning, most warnings first, grouped by home.

    Children looked after today and children with a support plan open today. Eight queries in all.
    """
    today = today or date.today()
    homes = {}
    for child_id, carer, placement in Episode.objects.filter(
        Q(end__isnull=True) | Q(end__gt=today), start__lte=today
    ).values_list("child_id", "carer__name", "placement"):
        homes[child_id] = carer or f"No carer recorded ({placement})"
    for child_id, route in (
        SupportPlan.objects.filter(start__lte=today).exclude(ended__lte=today).values_list("child_id", "route")
    ):
        homes.setdefault(child_id, choices.ROUTE_NAMES[route])
    rules = thresholds()
    found = []
    facts = stability_facts_for(homes)
    for child_id, child_facts in facts.items():
        fired = [
            i for i in indicators(child_facts, rules, today) if i.fired and (indicator is None or i.id == indicator)
        ]
        if fired:
            found.append((child_id, fired))
    children = Child.objects.in_bulk([child_id for child_id, _ in found])
    rows = [Strain(children[child_id], homes[child_id], fired) for child_id, fired in found]
    rows.sort(key=lambda r: (-len(r.fired), r.home, r.child.last_name, r.child.first_name))
    return rows


# --- the child page --------------------------------------------------------------------------


@dataclass
class SupportSummary:
    indicators: list
    contact_plans: list
    transition_plans: list
    support_plans: list
    events: list
    disruptions: list
    reminders: list = field(default_factory=list)  # obligations from the timescales engine
    warnings: list = field(default_factory=list)  # (message, source)

    @property
    def fired(self):
        return [i for i in self.indicators if i.fired]


_READ = object()  # a keyword left out: read it here


def support_summary(child, *, obligations=None, today=None, sibling_facts=_READ, present=None):
    """`sibling_facts` (the child's SiblingFacts, or None), when the page has read them, is not read
    again; `present` (children.presence.with_rows) says which kinds of row the child has at all, and
    a kind with none is not read."""
    today = today or date.today()

    summary = SupportSummary(
        indicators=child_indicators(child, today=today),
        contact_plans=rows_of(
            present,
            ContactPlan.objects.filter(child=child).prefetch_related(
                Prefetch("sessions", queryset=ContactSession.objects.order_by("-date", "-pk"))
            ),
        ),
        transition_plans=rows_of(present, TransitionPlan.objects.filter(child=child)),
        support_plans=rows_of(present, SupportPlan.objects.filter(child=child).prefetch_related("services", "actions")),
        events=rows_of(present, StabilityEvent.objects.filter(child=child)[:20]),
        disruptions=rows_of(present, DisruptionMeeting.objects.filter(child=child).prefetch_related("lessons")),
    )
    if obligations is not None:
        everything = [*obligations.open, *obligations.prompts, *obligations.met]
        summary.reminders = [o for o in everything if o.rule in CONTACT_RULES]
    facts = sibling_facts_for([child.pk]).get(child.pk) if sibling_facts is _READ else sibling_facts
    apart = facts and any(start <= today and (end is None or end > today) for _, start, end in facts.apart)
    if apart and not (
        may_have(present, SiblingContactPlan)
        and SiblingContactPlan.objects.filter(child=child, agreed__lte=today, review_date__gte=today).exists()
    ):
        summary.warnings.append(
            (
                f"{child.first_name} lives apart from a brother or sister in care: record a contact plan with them "
                f"(choose 'Brother or sister' as who the contact is with).",
                SIBLING_CONTACT_SOURCE,
            )
        )
    for plan in summary.contact_plans:
        if plan.ended is None and plan.review_date < today:
            summary.warnings.append(
                (
                    f"The contact plan with {plan.with_whom} was due for review on {plan.review_date.day} {plan.review_date:%B %Y}: "
                    f"review it at the looked-after review and record the plan agreed.",
                    choices.CONTACT_SOURCE,
                )
            )
    return summary


# --- the learning report ----------------------------------------------------------------------


@dataclass
class LearningReport:
    meetings: list
    by_route: list  # (name, count)
    by_age: list
    by_reason: list
    lessons: int


def learning_report(*, route=None, age=None, reason=None, since=None):
    """Disruption meetings and their lessons, counted by route, age at disruption and reason (KSS §5). Two queries."""
    meetings = DisruptionMeeting.objects.select_related("child").prefetch_related("lessons").order_by("-date", "-pk")
    if route:
        meetings = meetings.filter(route=route)
    if since:
        meetings = meetings.filter(date__gte=since)
    meetings = [
        m for m in meetings if (not age or choices.age_band(m.age) == age) and (not reason or reason in m.reasons)
    ]
    routes = Counter(choices.DISRUPTION_ROUTE_NAMES.get(m.route, m.route) for m in meetings)
    ages = Counter(choices.age_band(m.age) for m in meetings)
    reasons = Counter(choices.REASON_NAMES.get(r, r) for m in meetings for r in m.reasons)
    age_order = [name for _, _, name in choices.AGE_BANDS] + ["Age not known"]
    return LearningReport(
        meetings=meetings,
        by_route=routes.most_common(),
        by_age=sorted(ages.items(), key=lambda item: age_order.index(item[0])),
        by_reason=reasons.most_common(),
        lessons=sum(len(m.lessons.all()) for m in meetings),
    )
