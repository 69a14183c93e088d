"""The demo council's family finding: deterministic, and a shortlist for a waiting child."""

from datetime import date

from permanence.demo import load_demo
from permanence.matching import selectors
from permanence.matching.models import CarerProfile, ChildProfile, Match

TODAY = date(2026, 3, 1)


def _snapshot():
    return (
        sorted(CarerProfile.objects.values_list("carer__reference", "approval_type", "district", "status")),
        sorted(ChildProfile.objects.values_list("child__council_reference", "started", "status")),
        Match.objects.count(),
    )


def test_the_demo_council_has_a_carer_register_waiting_children_and_a_few_links(db):
    load_demo(children=60, seed=1, today=TODAY)
    first = _snapshot()
    assert first[0] and first[1] and first[2] == 3
    load_demo(children=60, seed=1, today=TODAY, replace=True)
    assert _snapshot() == first
    waiting = ChildProfile.objects.filter(status="searching").first()
    assert selectors.shortlist_for(waiting.child, today=TODAY)["rows"] is not None
