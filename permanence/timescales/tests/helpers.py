"""Small builders for case snapshots in engine tests."""

from datetime import date

from permanence.timescales import compute_obligations, load_pack
from permanence.timescales.snapshot import CarerFacts, CaseSnapshot, ChildFacts, Dated, EpisodeFacts, OrderFacts, PlanFacts, ProceedingsFacts


def d(text):
    return date.fromisoformat(text)


def episode(start, end=None, ls="C2", place="U6", rne="S", rec=None, carer=None):
    return EpisodeFacts(d(start), d(end) if end else None, ls, place, rne, rec, carer)


def case(dob="2018-05-01", episodes=(), reviews=(), proceedings=(), orders=(), plan=None, decisions=(), meetings=(), visits=()):
    return CaseSnapshot(
        child=ChildFacts("C1", d(dob)),
        episodes=tuple(episodes),
        reviews=tuple(d(r) for r in reviews),
        proceedings=tuple(proceedings),
        orders=tuple(orders),
        plan=plan,
        decisions=tuple(Dated(k, d(v)) for k, v in decisions),
        meetings=tuple(Dated(k, d(v)) for k, v in meetings),
        visits=tuple(d(v) for v in visits),
    )


def obligations(snapshot, today, policy="england", rule=None):
    found = compute_obligations(snapshot, load_pack(policy), d(today))
    return [o for o in found if rule is None or o.rule == rule]


def one(snapshot, today, rule, policy="england", occurrence=None):
    found = [o for o in obligations(snapshot, today, policy, rule) if occurrence is None or o.occurrence == occurrence]
    assert len(found) == 1, found
    return found[0]


__all__ = ["CarerFacts", "Dated", "OrderFacts", "PlanFacts", "ProceedingsFacts", "case", "d", "episode", "obligations", "one"]
