"""Case snapshots for the timescales engine, read from the database in bulk.

One query per kind of fact for a whole batch of children, grouped in Python, so a caseload
costs a fixed number of queries and a national batch stays linear in the number of children.
"""

from collections import defaultdict

from permanence.children.bulk import among
from permanence.children.carers import CONNECTED_PERSON
from permanence.children.models import Child, Episode, Extension, LegalOrder, Proceedings, Review, Visit
from permanence.meetings.models import Action, ADMDecision, PanelItem
from permanence.planning.models import Decision, Meeting, PermanencePlan
from permanence.siblings.selectors import sibling_facts_for
from permanence.support.models import ContactPlan
from permanence.timescales.snapshot import (
    ActionFacts, CarerFacts, CaseSnapshot, ChildFacts, Dated, EpisodeFacts, OrderFacts, PlanFacts, ProceedingsFacts,
)

BATCH = 5000


def _grouped(queryset, fields, id_field="child_id"):
    groups = defaultdict(list)
    for row in queryset.values_list(id_field, *fields):
        groups[row[0]].append(row[1:])
    return groups


def fact_queries(ids):
    """The queries that read every fact the engine needs for these children (the benchmark reads them raw too)."""
    return {
        "children": (Child.objects.filter(**among("pk", ids)).order_by("pk"), ("date_of_birth", "expected_date_of_birth"), "pk"),
        "episodes": (
            Episode.objects.filter(**among("child_id", ids)).order_by("child_id", "start"),
            ("start", "end", "legal_status", "placement", "reason_new", "reason_ceased", "carer__kind",
             "carer__temporary_approval_start", "carer__temporary_approval_extended_to", "carer__full_approval_date"),
            "child_id",
        ),
        "reviews": (Review.objects.filter(**among("child_id", ids)).order_by("child_id", "date"), ("date",), "child_id"),
        "visits": (Visit.objects.filter(**among("child_id", ids)).order_by("child_id", "date"), ("date",), "child_id"),
        "proceedings": (
            Proceedings.objects.filter(**among("child_id", ids)).order_by("child_id", "issued"),
            ("pk", "issued", "concluded", "pre_proceedings_start"),
            "child_id",
        ),
        "extensions": (Extension.objects.filter(**among("proceedings__child_id", ids)).order_by("granted"), ("weeks",), "proceedings_id"),
        "orders": (LegalOrder.objects.filter(**among("child_id", ids)).order_by("child_id", "made"), ("order_type", "made", "ended", "extended_to"), "child_id"),
        "plans": (
            PermanencePlan.objects.filter(**among("child_id", ids), superseded_on__isnull=True).order_by("child_id", "recorded"),
            ("recorded", "primary_option", "parallel_option"),
            "child_id",
        ),
        "decisions": (Decision.objects.filter(**among("child_id", ids)).order_by("child_id", "date"), ("kind", "date"), "child_id"),
        "meetings": (Meeting.objects.filter(**among("child_id", ids)).order_by("child_id", "date"), ("kind", "date"), "child_id"),
        "actions": (
            Action.objects.filter(**among("child_id", ids)).order_by("child_id", "due", "pk"),
            ("description", "set_on", "due", "done_on"),
            "child_id",
        ),
        # A panel recommendation that goes to the ADM, and the ADM's decision, whatever it was.
        "adm_recommendations": (
            PanelItem.objects.filter(**among("child_id", ids), needs_adm=True).exclude(recommendation="").order_by("panel__date"),
            ("panel__date",),
            "child_id",
        ),
        "adm_decisions": (ADMDecision.objects.filter(**among("item__child_id", ids)).order_by("date"), ("date",), "item__child_id"),
        # A contact plan that is part of Lifelong Links meets the lifelong-links rule (Camden §9).
        "lifelong_links": (
            ContactPlan.objects.filter(**among("child_id", ids), lifelong_links=True).order_by("agreed"), ("agreed",), "child_id",
        ),
    }


def _episode(row):
    start, end, ls, place, rne, rec, carer_kind, temp_start, temp_extended_to, full = row
    carer = None
    if carer_kind is not None:
        carer = CarerFacts(
            connected_person=carer_kind == CONNECTED_PERSON,
            temporary_approval_start=temp_start,
            temporary_approval_extended=temp_extended_to is not None,
            fully_approved=full,
        )
    return EpisodeFacts(start, end, ls, place, rne, rec or None, carer)


def snapshots_for(ids):
    """{child id: CaseSnapshot} for one batch of child ids, in a fixed number of queries."""
    facts = {name: _grouped(qs, fields, id_field) for name, (qs, fields, id_field) in fact_queries(ids).items()}
    # Brothers and sisters placed apart, assessments and contact plans: five more queries per batch.
    siblings = sibling_facts_for(ids)
    out = {}
    wanted = set(ids)
    for child_id, ((dob, edd),) in facts["children"].items():
        if child_id not in wanted:
            continue
        proceedings = tuple(
            ProceedingsFacts(issued=issued, extensions=tuple(w for (w,) in facts["extensions"].get(pk, ())), concluded=concluded,
                             pre_proceedings_start=pre)
            for pk, issued, concluded, pre in facts["proceedings"].get(child_id, ())
        )
        plans = facts["plans"].get(child_id)
        plan = PlanFacts(*plans[-1]) if plans else None
        out[child_id] = CaseSnapshot(
            child=ChildFacts(str(child_id), dob, edd),
            episodes=tuple(_episode(row) for row in facts["episodes"].get(child_id, ())),
            reviews=tuple(d for (d,) in facts["reviews"].get(child_id, ())),
            proceedings=proceedings,
            orders=tuple(OrderFacts(*row) for row in facts["orders"].get(child_id, ())),
            plan=plan,
            decisions=tuple(sorted(
                [Dated(kind, d) for kind, d in facts["decisions"].get(child_id, ())]
                + [Dated("adm_recommendation", d) for (d,) in facts["adm_recommendations"].get(child_id, ())]
                + [Dated("adm_decided", d) for (d,) in facts["adm_decisions"].get(child_id, ())]
                + [Dated("lifelong_links", d) for (d,) in facts["lifelong_links"].get(child_id, ())],
                key=lambda item: item.date,
            )),
            meetings=tuple(Dated(kind, d) for kind, d in facts["meetings"].get(child_id, ())),
            visits=tuple(d for (d,) in facts["visits"].get(child_id, ())),
            siblings=siblings.get(child_id),
            actions=tuple(ActionFacts(*row) for row in facts["actions"].get(child_id, ())),
        )
    return out


def iter_snapshots(ids, batch=BATCH):
    """Snapshots for many children, a batch at a time so memory stays flat."""
    ids = list(ids)
    for i in range(0, len(ids), batch):
        yield from snapshots_for(ids[i:i + batch]).items()
