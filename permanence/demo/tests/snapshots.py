"""Case snapshots for the timescales engine built straight from generated records (no database)."""

from permanence.timescales.snapshot import (
    CarerFacts,
    CaseSnapshot,
    ChildFacts,
    Dated,
    EpisodeFacts,
    OrderFacts,
    PlanFacts,
    ProceedingsFacts,
)

from .conftest import by_child


def snapshots(records, child_ids):
    children = {c["id"]: c for c in records.children}
    carers = {c["id"]: c for c in records.carers}
    episodes, reviews, visits = by_child(records.episodes), by_child(records.reviews), by_child(records.visits)
    orders, plans = by_child(records.orders), by_child(records.plans)
    decisions, meetings, proceedings = (
        by_child(records.decisions),
        by_child(records.meetings),
        by_child(records.proceedings),
    )
    extensions = {}
    for row in records.extensions:
        extensions.setdefault(row["proceedings_id"], []).append(row["weeks"])

    def carer(carer_id):
        if carer_id is None:
            return None
        c = carers[carer_id]
        return CarerFacts(
            c["kind"] == "connected_person",
            c.get("temporary_approval_start"),
            c.get("temporary_approval_extended_to") is not None,
            c.get("full_approval_date"),
        )

    for child_id in child_ids:
        child = children[child_id]
        current = [p for p in plans.get(child_id, []) if p["superseded_on"] is None]
        yield CaseSnapshot(
            child=ChildFacts(str(child_id), child["date_of_birth"], child["expected_date_of_birth"]),
            episodes=tuple(
                EpisodeFacts(
                    e["start"],
                    e["end"],
                    e["legal_status"],
                    e["placement"],
                    e["reason_new"],
                    e["reason_ceased"] or None,
                    carer(e["carer_id"]),
                )
                for e in sorted(episodes.get(child_id, []), key=lambda e: e["start"])
            ),
            reviews=tuple(sorted(r["date"] for r in reviews.get(child_id, []))),
            proceedings=tuple(
                ProceedingsFacts(
                    p["issued"], tuple(extensions.get(p["id"], ())), p["concluded"], p["pre_proceedings_start"]
                )
                for p in proceedings.get(child_id, [])
            ),
            orders=tuple(
                OrderFacts(o["order_type"], o["made"], o["ended"], o["extended_to"])
                for o in sorted(orders.get(child_id, []), key=lambda o: o["made"])
            ),
            plan=PlanFacts(current[-1]["recorded"], current[-1]["primary_option"], current[-1]["parallel_option"])
            if current
            else None,
            decisions=tuple(
                Dated(d["kind"], d["date"]) for d in sorted(decisions.get(child_id, []), key=lambda d: d["date"])
            ),
            meetings=tuple(
                Dated(m["kind"], m["date"]) for m in sorted(meetings.get(child_id, []), key=lambda m: m["date"])
            ),
            visits=tuple(sorted(v["date"] for v in visits.get(child_id, []))),
        )
