"""The dated facts of a child's care, read from the case record into the snapshot.

Health assessments, care plans, personal education plans, needs assessments and pathway plans,
missing episodes, a connected person's temporary approval and a foster placement confirmed as
long-term: each moves the statutory clock once it is recorded (a review health assessment moves
the next one's due date; a temporary approval starts weekly visits). One query per kind of fact
for a whole batch of children, like the rest of the snapshot (snapshots.py).

Beside a case system (PERMANENCE_CASE_RECORD=case_system) a kind of record the case system owns
but its feed does not bring (needs assessments and pathway plans) cannot be recorded here: it is
not *held*, so the engine leaves its rules unworked rather than showing every child overdue for a
record that could not exist here.
"""

from collections import defaultdict
from dataclasses import replace
from datetime import date
from typing import Any

from permanence.children import ownership
from permanence.children.bulk import among
from permanence.children.models import (
    EducationPlan,
    HealthAssessment,
    LongTermFosterConfirmation,
    MissingEpisode,
    StatutoryPlan,
    TemporaryApproval,
)
from permanence.timescales.snapshot import CarerFacts, EpisodeFacts, MissingFacts

# Each kind of record the engine may lack (timescales.snapshot.RECORD_KINDS), and the kind of
# fact (children.ownership) that says who records it.
OWNED_AS = {
    "health_assessments": "health",
    "care_plans": "care_plan",
    "education_plans": "education",
    "needs_assessments": "care_leaver",
    "pathway_plans": "care_leaver",
    "missing": "missing",
}
PLAN_FIELDS = {
    StatutoryPlan.CARE_PLAN: "care_plans",
    StatutoryPlan.NEEDS_ASSESSMENT: "needs_assessments",
    StatutoryPlan.PATHWAY_PLAN: "pathway_plans",
}


# Beside a case system, the SSD's care leavers table carries only the latest pathway plan review
# (kept apart, docs/ssd-mapping.md), never the needs assessment or the pathway plans themselves;
# health assessments, care plans and missing episodes arrive with the feed.
NOT_IN_THE_FEED = frozenset({"needs_assessments", "pathway_plans"})


def held_kinds() -> frozenset[str]:
    """The kinds of record the product holds: those staff record here, and beside a case system
    those its feed brings."""
    if not ownership.runs_beside_case_system():
        return frozenset(OWNED_AS)
    return frozenset(
        kind
        for kind, fact in OWNED_AS.items()
        if ownership.may_edit_here(fact) or (ownership.owned_by_case_system(fact) and kind not in NOT_IN_THE_FEED)
    )


def record_queries(ids):
    """{name: (queryset, fields)}: each read with the child's id first."""
    return {
        "health": (HealthAssessment.objects.filter(**among("child_id", ids)).order_by("date"), ("date",)),
        "plans": (StatutoryPlan.objects.filter(**among("child_id", ids)).order_by("date"), ("kind", "date")),
        "education": (EducationPlan.objects.filter(**among("child_id", ids)).order_by("date"), ("date",)),
        "missing": (
            MissingEpisode.objects.filter(**among("child_id", ids)).order_by("start"),
            ("kind", "start", "end", "return_interview", "interview_declined"),
        ),
        "temporary": (
            TemporaryApproval.objects.filter(**among("child_id", ids)).order_by("start"),
            ("carer__reference", "start", "extended_to", "full_approval", "ended"),
        ),
        "long_term": (
            LongTermFosterConfirmation.objects.filter(**among("child_id", ids)).order_by("confirmed_to_carer"),
            (
                "carer__reference",
                "plan_agreed",
                "carer_agreed",
                "confirmed_to_carer",
                "confirmed_to_child",
                "confirmed_to_parents",
                "ended",
            ),
        ),
    }


def raw_queries(ids):
    return [qs.values_list("child_id", *fields) for qs, fields in record_queries(ids).values()]


def read(ids):
    """{name: {child id: [row without the id]}} for one batch."""
    out = {}
    for name, (qs, fields) in record_queries(ids).items():
        groups = defaultdict(list)
        for row in qs.values_list("child_id", *fields):
            groups[row[0]].append(row[1:])
        out[name] = groups
    return out


def record_facts(rows, child_id):
    """The CaseSnapshot fields these records give one child (dates oldest first)."""
    plans = {field: [] for field in PLAN_FIELDS.values()}
    for kind, day in rows["plans"].get(child_id, ()):
        plans[PLAN_FIELDS[kind]].append(day)
    return {
        "health_assessments": tuple(d for (d,) in rows["health"].get(child_id, ())),
        "education_plans": tuple(d for (d,) in rows["education"].get(child_id, ())),
        **{field: tuple(days) for field, days in plans.items()},
        "missing": tuple(
            _missing(row) for row in rows["missing"].get(child_id, ()) if row[0] == MissingEpisode.MISSING
        ),
    }


def _missing(row):
    _, start, end, interview, declined = row
    return MissingFacts(started=start, returned=end, return_interview=interview, interview_declined=declined)


def _confirmed_on(plan_agreed, carer_agreed, to_carer, to_child, to_parents):
    """CPPCR reg 22C: long-term from the day the last of the conditions was met."""
    return max(d for d in (plan_agreed, carer_agreed, to_carer, to_child, to_parents) if d is not None)


def placement_law(rows, child_id, episode: EpisodeFacts, carer_ref: str | None) -> EpisodeFacts:
    """The episode with what the record says of its carer: a connected person's temporary approval
    (CPPCR regs 24 and 25) and a foster placement confirmed as long-term (reg 22C)."""
    if carer_ref is None:
        return episode
    changes: dict[str, Any] = {}
    approvals = [row for row in rows["temporary"].get(child_id, ()) if row[0] == carer_ref]
    began = [row for row in approvals if row[1] <= (episode.end or date.max)]
    if began:
        _, start, extended_to, full, ended = began[-1]
        fully = full or (episode.carer.fully_approved if episode.carer else None)
        changes["carer"] = CarerFacts(
            connected_person=True,
            temporary_approval_start=start,
            temporary_approval_extended=extended_to is not None,
            fully_approved=fully,
            temporary_approval_ended=ended,
        )
    for ref, *conditions, ended in rows["long_term"].get(child_id, ()):
        if ref != carer_ref or (ended is not None and ended <= episode.start):
            continue
        confirmed = _confirmed_on(*conditions)
        if episode.end is None or confirmed <= episode.end:
            changes["long_term_confirmed"] = confirmed
    return replace(episode, **changes) if changes else episode
