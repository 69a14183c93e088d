"""Small builders for case snapshots in engine tests, and the `proves` mark.

Every scenario that proves a rule is marked `@proves("rule-id")`: the law table
(docs/law-table.md, `permanence rules`) lists the tests of each rule from these marks.
Dates in the tests are worked out by hand from the regulation's words; the comments show how.
"""

from datetime import date

import pytest

from permanence.timescales import compute_obligations, load_pack
from permanence.timescales.obligations import Obligation
from permanence.timescales.snapshot import (
    AdoptionFacts,
    CarerFacts,
    CaseSnapshot,
    ChildFacts,
    Dated,
    EpisodeFacts,
    MissingFacts,
    OrderFacts,
    PlanFacts,
    ProceedingsFacts,
)


def proves(*rule_ids):
    return pytest.mark.proves(*rule_ids)


def d(text):
    return date.fromisoformat(text)


def episode(start, end=None, ls="C2", place="U6", rne="S", rec=None, carer=None, **placement):
    """One SSDA903 episode; `placement` takes the placement facts (home, intended_until_18, ...)."""
    for key in ("long_term_confirmed", "six_monthly_visits_agreed", "parent_assessment_completed"):
        if isinstance(placement.get(key), str):
            placement[key] = d(placement[key])
    return EpisodeFacts(d(start), d(end) if end else None, ls, place, rne, rec, carer, **placement)


def dates(values):
    return tuple(d(v) for v in values)


def case(
    dob="2018-05-01",
    episodes=(),
    reviews=(),
    proceedings=(),
    orders=(),
    plan=None,
    decisions=(),
    meetings=(),
    visits=(),
    iro_decisions=(),
    authority_to_place=None,
    health=(),
    care_plans=(),
    peps=(),
    needs_assessments=(),
    pathway_plans=(),
    missing=(),
    actions=(),
    steps=(),
):
    return CaseSnapshot(
        child=ChildFacts("C1", d(dob)),
        episodes=tuple(episodes),
        reviews=dates(reviews),
        proceedings=tuple(proceedings),
        orders=tuple(orders),
        plan=plan,
        decisions=tuple(Dated(k, d(v)) for k, v in decisions),
        meetings=tuple(Dated(k, d(v)) for k, v in meetings),
        visits=dates(visits),
        iro_decisions=tuple(Dated(k, d(v)) for k, v in iro_decisions),
        adoption=AdoptionFacts(d(authority_to_place)) if authority_to_place else None,
        health_assessments=dates(health),
        care_plans=dates(care_plans),
        education_plans=dates(peps),
        needs_assessments=dates(needs_assessments),
        pathway_plans=dates(pathway_plans),
        missing=tuple(missing),
        actions=tuple(actions),
        steps=tuple(Dated(k, d(v)) for k, v in steps),
    )


def obligations(snapshot, today, policy="england", rule=None) -> list[Obligation]:
    found = compute_obligations(snapshot, load_pack(policy), d(today))
    return [o for o in found if rule is None or o.rule == rule]


def one(snapshot, today, rule, policy="england", occurrence=None) -> Obligation:
    found = [o for o in obligations(snapshot, today, policy, rule) if occurrence is None or o.occurrence == occurrence]
    assert len(found) == 1, found
    return found[0]


def due(snapshot, today, rule, policy="england", occurrence=None):
    """(due date as text, status) of the one obligation of a rule."""
    found = one(snapshot, today, rule, policy, occurrence)
    return (str(found.due) if found.due else None, found.status)


def rules_open(snapshot, today, policy="england"):
    return sorted({o.rule for o in obligations(snapshot, today, policy) if o.open})


__all__ = [
    "AdoptionFacts",
    "CarerFacts",
    "Dated",
    "MissingFacts",
    "OrderFacts",
    "PlanFacts",
    "ProceedingsFacts",
    "case",
    "d",
    "due",
    "episode",
    "obligations",
    "one",
    "proves",
    "rules_open",
]
