"""Reads of the case record, shaped for pages, the API and the command line.

Built to avoid N+1 queries: a caseload is a fixed number of queries whatever its size.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, Q

from permanence.accounts.models import User
from permanence.codes.legal_status import LEGAL_STATUS
from permanence.codes.participation import PARTICIPATION
from permanence.codes.placement import PLACEMENT
from permanence.codes.reason_ceased import REASON_CEASED
from permanence.codes.reason_new import REASON_NEW
from permanence.timescales.dates import age_on

from . import rules
from .models import Allocation, Child, Episode, Hearing, Relationship
from .orders import ORDER_NAMES
from .relationships import PARENTS, RELATIONSHIP_NAMES, SIBLING_FULL, SIBLING_HALF, SIBLINGS


def current_episode(episodes, on):
    """The episode open on `on` from an ordered list, or None."""
    for episode in reversed(episodes):
        if episode.start <= on and (episode.end is None or episode.end > on):
            return episode
    return None


def period_of_care_start(episodes, on):
    """When the child's current period of care began: episodes joined end-to-start form one period."""
    current = current_episode(episodes, on)
    if current is None:
        return None
    start = current.start
    for episode in reversed([e for e in episodes if e.start < current.start]):
        if episode.end == start:
            start = episode.start
        else:
            break
    return start


@dataclass(frozen=True)
class CaseSummary:
    child: Child
    age: int | None
    looked_after: bool
    legal_status: str
    placement: str
    placement_group: str
    carer: str
    social_worker: object
    team: object
    iro: object
    entered_care: date | None
    days_looked_after: int | None
    last_review: date | None


def _summary(child, today):
    return summary_of(child, list(child.episodes.all()), child.allocations.all(), list(child.reviews.all()), today)


def summary_of(child, episodes, allocations, reviews, today):
    """CaseSummary from rows already read: `episodes` by start, any `allocations` (the open ones
    count), `reviews` by date."""
    current = current_episode(episodes, today)
    entered = period_of_care_start(episodes, today)
    allocations = {a.role: a for a in allocations if a.end is None}
    social_worker = allocations.get(Allocation.SOCIAL_WORKER)
    iro = allocations.get(Allocation.IRO)
    return CaseSummary(
        child=child,
        age=age_on(child.date_of_birth, today) if child.date_of_birth else None,
        looked_after=current is not None,
        legal_status=LEGAL_STATUS.label(current.legal_status) if current else "",
        placement=PLACEMENT.label(current.placement) if current else "",
        placement_group=PLACEMENT.meaning(current.placement) if current else "",
        carer=str(current.carer) if current and current.carer else "",
        social_worker=social_worker.worker if social_worker else None,
        team=social_worker.team if social_worker else None,
        iro=iro.worker if iro else None,
        entered_care=entered,
        days_looked_after=(today - entered).days if entered else None,
        last_review=reviews[-1].date if reviews else None,
    )


CASE_FACTS = (
    Prefetch("episodes", queryset=Episode.objects.select_related("carer").order_by("start")),
    Prefetch("allocations", queryset=Allocation.objects.select_related("worker", "team").filter(end__isnull=True)),
    "reviews",
)


def _with_case_facts(queryset):
    return queryset.prefetch_related(*CASE_FACTS)


def caseload_for(user, *, today=None, include_closed=False):
    """Summaries of the children allocated to `user` (as social worker or IRO), in name order."""
    today = today or date.today()
    ids = Allocation.objects.filter(worker=user, end__isnull=True).values("child_id")
    children = _with_case_facts(Child.objects.filter(pk__in=ids))
    summaries = [_summary(child, today) for child in children]
    if not include_closed:
        summaries = [s for s in summaries if s.looked_after or s.child.is_unborn]
    return summaries


def case_summary(child, *, today=None):
    child = _with_case_facts(Child.objects.filter(pk=child.pk)).get()
    return _summary(child, today or date.today())


@dataclass(frozen=True)
class TimelineEntry:
    date: date
    kind: str
    title: str
    detail: str = ""


@dataclass(frozen=True)
class CaseRecord:
    """One child's case record rows, each read once, for the pages that show several views of them
    (the summary and the timeline of the child page)."""

    episodes: list  # by start, with carer
    allocations: list  # all, open and closed, with worker and team
    reviews: list  # by date (then as recorded), with iro and decisions report
    orders: list  # by date made
    proceedings: list  # by date issued, with hearings and extensions prefetched
    visits: list  # by date, with who visited


def case_record(child):
    """Read `child`'s case record: one query per kind of row, eight in all (hearings and extensions
    are prefetched onto their proceedings)."""
    return CaseRecord(
        episodes=list(child.episodes.select_related("carer").order_by("start")),
        allocations=list(child.allocations.select_related("worker", "team")),
        reviews=list(child.reviews.select_related("iro", "decisions_report").order_by("date", "pk")),
        orders=list(child.orders.order_by("made", "pk")),
        proceedings=list(child.proceedings.prefetch_related("hearings", "extensions").order_by("issued", "pk")),
        visits=list(child.visits.select_related("by")),
    )


def record_summary(child, record, *, today=None):
    """The CaseSummary of a child from a CaseRecord already read: no queries."""
    return summary_of(child, record.episodes, record.allocations, record.reviews, today or date.today())


def child_timeline(child, record=None):
    """The case history, oldest first: birth, episodes, orders, proceedings, reviews, allocations.

    `record` (a CaseRecord) saves reading the rows again when the caller has them already.
    """
    record = record or case_record(child)
    entries = []
    if child.date_of_birth:
        entries.append(TimelineEntry(child.date_of_birth, "birth", "Born"))
    for episode in record.episodes:
        entries.append(_episode_entry(episode))
        if episode.end and episode.reason_ceased != "X1":
            entries.append(
                TimelineEntry(
                    episode.end, "left-care", "Stopped being looked after", REASON_CEASED.label(episode.reason_ceased)
                )
            )
    for order in record.orders:
        entries.append(
            TimelineEntry(
                order.made, "order", f"{ORDER_NAMES.get(order.order_type, order.order_type)} made", order.holder
            )
        )
        if order.ended:
            entries.append(
                TimelineEntry(order.ended, "order", f"{ORDER_NAMES.get(order.order_type, order.order_type)} ended")
            )
    for proceedings in record.proceedings:
        entries.extend(_proceedings_entries(proceedings))
    for review in record.reviews:
        who = f"Chaired by {review.iro}" if review.iro else ""
        participation = f"Participation: {PARTICIPATION.label(review.participation)}" if review.participation else ""
        detail = ". ".join(part for part in (who, participation) if part)
        entries.append(TimelineEntry(review.date, "review", "Looked-after review held", detail))
    for allocation in record.allocations:
        role = allocation.get_role_display()
        team = f" ({allocation.team})" if allocation.team else ""
        entries.append(TimelineEntry(allocation.start, "allocation", f"{role}: {allocation.worker}{team}"))
    for visit in record.visits:
        entries.append(TimelineEntry(visit.date, "visit", "Statutory visit", f"By {visit.by}" if visit.by else ""))
    return sorted(entries, key=lambda e: (e.date, _KIND_ORDER.get(e.kind, 9)))


_KIND_ORDER = {
    "birth": 0,
    "left-care": 1,
    "order": 2,
    "proceedings": 3,
    "episode": 4,
    "allocation": 5,
    "review": 6,
    "visit": 7,
}


def _episode_entry(episode):
    if episode.reason_new == "S":
        title = "Became looked after"
    else:
        title = REASON_NEW.meaning(episode.reason_new)
    carer = f" with {episode.carer}" if episode.carer else ""
    detail = f"{LEGAL_STATUS.label(episode.legal_status)}; {PLACEMENT.label(episode.placement)}{carer}"
    return TimelineEntry(episode.start, "episode", title, detail)


def _proceedings_entries(proceedings):
    entries = []
    for field, title in (
        ("pre_proceedings_start", "Pre-proceedings (PLO) started"),
        ("letter_before_proceedings", "Letter before proceedings sent"),
        ("pre_proceedings_meeting", "Pre-proceedings meeting held"),
        ("issued", "Care proceedings issued"),
    ):
        value = getattr(proceedings, field)
        if value:
            entries.append(TimelineEntry(value, "proceedings", title, proceedings.court if field == "issued" else ""))
    for hearing in proceedings.hearings.all():
        entries.append(TimelineEntry(hearing.date, "proceedings", hearing.get_kind_display()))
    for extension in proceedings.extensions.all():
        entries.append(
            TimelineEntry(
                extension.granted, "proceedings", f"Extension of {extension.weeks} weeks granted", extension.reason
            )
        )
    if proceedings.concluded:
        final = ORDER_NAMES.get(proceedings.final_order, "no order") if proceedings.final_order else "no order"
        entries.append(
            TimelineEntry(proceedings.concluded, "proceedings", "Care proceedings concluded", f"Final order: {final}")
        )
    return entries


@dataclass(frozen=True)
class Sibling:
    name: str
    kind: str
    child: Child | None
    person: object


def sibling_group(child, relationships=None):
    """The child's siblings: recorded sibling relationships, and children sharing a parent.

    Two children on the record who share both parents are full siblings; one parent, half.
    `relationships` (the child's rows as family_network reads them) saves reading them again.
    The child page keeps the group on its child for the request (two sections show it).
    """
    remembered = child.__dict__.get(_SIBLING_GROUP)
    if remembered is not None:
        return remembered
    if relationships is None:
        relationships = family_network(child)
    found = {}
    my_parents = {row.person_id for row in relationships if row.relationship in PARENTS}
    if my_parents:
        shared = (
            Relationship.objects.filter(relationship__in=PARENTS, person_id__in=my_parents)
            .exclude(child=child)
            .select_related("child")
        )
        by_child = {}
        for row in shared:
            by_child.setdefault(row.child, set()).add(row.person_id)
        for other, parents in by_child.items():
            kind = SIBLING_FULL if parents == my_parents and len(parents) >= 2 else SIBLING_HALF
            found[("child", other.pk)] = Sibling(other.full_name, RELATIONSHIP_NAMES[kind], other, None)
    for row in relationships:
        if row.relationship not in SIBLINGS:
            continue
        other = row.person.as_child
        key = ("child", other.pk) if other else ("person", row.person_id)
        found.setdefault(key, Sibling(str(row.person), row.get_relationship_display(), other, row.person))
    return sorted(found.values(), key=lambda s: s.name)


_SIBLING_GROUP = "_page_sibling_group"


def remember_sibling_group(child, siblings):
    """Keep `siblings` on this child object for the rest of the request that read them (the child
    page and its sibling decision section both show the group)."""
    child.__dict__[_SIBLING_GROUP] = siblings


def family_network(child):
    """The child's own relationship rows, by kind of relationship then surname, with the person
    (and, for a sibling also on the record, their child record): one query."""
    return list(
        Relationship.objects.filter(child=child)
        .select_related("person__as_child")
        .order_by("relationship", "person__last_name", "pk")
    )


def matching(children, query):
    """`children` (a queryset) narrowed to those matching every word of `query`, case ignored.

    A word matches a child when it is part of their first or last name, or is their whole council
    reference: "ava ex" finds Ava Example, "c1001" finds the child whose reference is C1001 (and not
    C10010). The one search behaviour: `access.policy.search_children` applies it to the children a
    person may see, for the search page and the API alike. An empty query matches every child.
    """
    for word in query.split():
        children = children.filter(
            Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(council_reference__iexact=word)
        )
    return children


def case_holders(allocation_role=None):
    """Active staff who may be allocated a child as `allocation_role` (as either kind of allocation,
    when None), by surname: who a form offers and the API accepts (`rules.CASE_HOLDERS`)."""
    wanted = [allocation_role] if allocation_role else list(rules.CASE_HOLDERS)
    staff_roles = sorted({role for kind in wanted for role in rules.CASE_HOLDERS[kind]})
    return User.objects.filter(is_active=True, role__in=staff_roles).order_by("last_name", "first_name")


def next_hearing(proceedings, today):
    return Hearing.objects.filter(proceedings=proceedings, date__gte=today).order_by("date").first()
