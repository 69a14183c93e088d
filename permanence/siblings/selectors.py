"""Reads about brothers and sisters: for the child page, for the planning documents, and in
bulk for the timescales engine (a fixed number of queries whatever the batch size)."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from permanence.children.bulk import among
from permanence.children.models import Episode, Relationship
from permanence.children.presence import may_have
from permanence.children.relationships import PARENTS, SIBLINGS
from permanence.children.selectors import sibling_group
from permanence.planning.models import PermanencePlan
from permanence.timescales.snapshot import SiblingFacts

from . import rules
from .choices import CONTACT_SOURCE, EARLY_DECISION_SOURCE, PRESUMPTION_SOURCE
from .models import SiblingAssessment, SiblingContactPlan, SiblingDecision


def sibling_decisions(child):
    """The child's together-or-apart decisions, newest first, with the siblings, assessment and contact plans."""
    return list(
        SiblingDecision.objects.filter(child=child)
        .select_related("assessment", "recorded_by")
        .prefetch_related("siblings", "contact_plans")
        .order_by("-date", "-pk")
    )


def sibling_assessments(child):
    return list(
        SiblingAssessment.objects.filter(children=child)
        .select_related("author")
        .prefetch_related("children")
        .order_by("-date", "-pk")
    )


def sibling_contact_plans(child):
    return list(SiblingContactPlan.objects.filter(child=child).order_by("-agreed", "-pk"))


# --- bulk: who is placed apart from whom --------------------------------------------------


def _sibling_pairs(ids):
    """{child id: set of sibling child ids} for children on the record: recorded siblings and shared parents."""
    ids = set(ids)
    pairs = defaultdict(set)
    my_parents = Relationship.objects.filter(**among("child_id", ids), relationship__in=PARENTS).values("person_id")
    by_parent = defaultdict(set)
    for child_id, person_id in Relationship.objects.filter(
        relationship__in=PARENTS, person_id__in=my_parents
    ).values_list("child_id", "person_id"):
        by_parent[person_id].add(child_id)
    for children in by_parent.values():
        for child_id in children & ids:
            pairs[child_id] |= children - {child_id}
    for a, b in _recorded_siblings(ids):
        if a == b:
            continue
        if a in ids:
            pairs[a].add(b)
        if b in ids:
            pairs[b].add(a)
    return pairs


def _recorded_siblings(ids):
    """(child id, sibling child id) for brothers and sisters recorded as such, either way round.

    Two indexed reads joined by UNION: one condition OR-ed across the join (the relationship's
    child, or the related person's record as a child) made both databases scan every sibling
    relationship, which a single fact change paid for three times."""
    recorded = Relationship.objects.filter(relationship__in=SIBLINGS, person__as_child__isnull=False).order_by()
    fields = ("child_id", "person__as_child")
    return (
        recorded.filter(**among("child_id", ids))
        .values_list(*fields)
        .union(recorded.filter(**among("person__as_child", ids)).values_list(*fields))
    )


def sibling_pairs(ids):
    """{child id: set of sibling child ids} for these children, in two queries (family finding
    reads it to keep brothers and sisters who live together as one unit)."""
    return _sibling_pairs(ids)


def _homes(child_ids):
    """{child id: [(start, end, home)]}: home is the carer, else the Ofsted URN, else None (unknown)."""
    out = defaultdict(list)
    rows = (
        Episode.objects.filter(**among("child_id", child_ids))
        .order_by("child_id", "start")
        .values_list("child_id", "start", "end", "carer_id", "urn")
    )
    for child_id, start, end, carer_id, urn in rows:
        home = ("carer", carer_id) if carer_id else (("urn", urn) if urn else None)
        out[child_id].append((start, end, home))
    return out


def sibling_facts_for(ids):
    """{child id: SiblingFacts} for a batch of children, in five queries."""
    ids = list(ids)
    pairs = _sibling_pairs(ids)
    homes = _homes(set(ids) | {s for sibs in pairs.values() for s in sibs})
    assessed = defaultdict(list)
    for child_id, day in SiblingAssessment.children.through.objects.filter(**among("child_id", ids)).values_list(
        "child_id", "siblingassessment__date"
    ):
        assessed[child_id].append(day)
    planned = defaultdict(list)
    for child_id, day in SiblingContactPlan.objects.filter(**among("child_id", ids)).values_list("child_id", "agreed"):
        planned[child_id].append(day)
    out = {}
    for child_id in ids:
        apart = []
        for sibling_id in sorted(pairs.get(child_id, ())):
            for start, end in rules.apart_spells(homes.get(child_id, []), homes.get(sibling_id, [])):
                apart.append((str(sibling_id), start, end))
        if apart or assessed.get(child_id) or planned.get(child_id):
            out[child_id] = SiblingFacts(
                apart=tuple(sorted(apart, key=lambda a: a[1])),
                assessments=tuple(sorted(assessed.get(child_id, ()))),
                contact_plans=tuple(sorted(planned.get(child_id, ()))),
            )
    return out


# --- the child page ----------------------------------------------------------------------


@dataclass
class SiblingSummary:
    siblings: list  # children.selectors.Sibling
    apart_from: list  # Child records the child is placed apart from today
    decisions: list
    assessments: list
    contact_plans: list
    warnings: list = field(default_factory=list)  # (message, source)
    apart_hidden: int = 0  # brothers and sisters lived apart from whose records the reader cannot open

    @property
    def current_decision(self):
        return self.decisions[0] if self.decisions else None

    @property
    def siblings_on_record(self):
        return [s.child for s in self.siblings if s.child is not None]


_READ = object()  # a keyword left out: read it here


def sibling_summary(child, *, today=None, facts=_READ, plan=_READ, present=None):
    """What the child page shows about brothers and sisters: decisions, assessments, contact, and what is missing.

    `facts` (the child's SiblingFacts, or None) and `plan` (the current permanence plan, or None),
    when the page has read them already, are not read again; `present` (children.presence.with_rows)
    says which kinds of row the child has at all, and a kind with none is not read."""
    today = today or date.today()
    siblings = sibling_group(child)
    if facts is _READ:
        facts = sibling_facts_for([child.pk]).get(child.pk)
    apart_ids = {
        int(sib)
        for sib, start, end in (facts.apart if facts else ())
        if start <= today and (end is None or end > today)
    }
    by_id = {s.child.pk: s.child for s in siblings if s.child is not None}
    summary = SiblingSummary(
        siblings=siblings,
        apart_from=[by_id[i] for i in sorted(apart_ids) if i in by_id],
        decisions=sibling_decisions(child) if may_have(present, SiblingDecision) else [],
        assessments=sibling_assessments(child) if may_have(present, SiblingAssessment) else [],
        contact_plans=sibling_contact_plans(child) if may_have(present, SiblingContactPlan) else [],
    )
    name = child.first_name
    if summary.apart_from and not summary.assessments:
        summary.warnings.append(
            (
                f"{name} is placed apart from a brother or sister in care and no sibling assessment is recorded.",
                PRESUMPTION_SOURCE,
            )
        )
    current_plans = [p for p in summary.contact_plans if p.agreed <= today <= p.review_date]
    if summary.apart_from and not current_plans:
        summary.warnings.append(
            (
                f"{name} is placed apart from a brother or sister in care and has no current sibling contact plan.",
                CONTACT_SOURCE,
            )
        )
    overdue_reviews = [p for p in summary.contact_plans if p.review_date < today and p not in current_plans]
    if overdue_reviews and not current_plans:
        summary.warnings.append(
            (
                f"The sibling contact plan was due for review on {overdue_reviews[0].review_date:%d/%m/%Y}.",
                CONTACT_SOURCE,
            )
        )
    if plan is _READ:
        plan = PermanencePlan.objects.filter(child=child, superseded_on__isnull=True).order_by("-recorded").first()
    options = {plan.primary_option, plan.parallel_option} if plan else set()
    if rules.early_decision_needed(
        plan_options=options, has_siblings=bool(siblings), has_decision=bool(summary.decisions)
    ):
        summary.warnings.append(
            (
                f"The plan for {name} is adoption: decide now whether {name} will live together with or apart from their "
                f"brothers and sisters, after a balanced assessment of each child's needs.",
                EARLY_DECISION_SOURCE,
            )
        )
    return summary


def raw_fact_queries(ids):
    """The rows `sibling_facts_for` reads, as plain querysets: the benchmark times reading them raw."""
    my_parents = Relationship.objects.filter(child_id__in=ids, relationship__in=PARENTS).values("person_id")
    return [
        Relationship.objects.filter(relationship__in=PARENTS, person_id__in=my_parents).values_list(
            "child_id", "person_id"
        ),
        _recorded_siblings(ids),
        Episode.objects.filter(child_id__in=ids).values_list("child_id", "start", "end", "carer_id", "urn"),
        SiblingAssessment.children.through.objects.filter(child_id__in=ids).values_list(
            "child_id", "siblingassessment__date"
        ),
        SiblingContactPlan.objects.filter(child_id__in=ids).values_list("child_id", "agreed"),
    ]
