"""The demo council's family finding: deterministic, and a shortlist for a waiting child."""

from datetime import date

import pytest

from permanence.children.models import Episode
from permanence.codes.placement import ADOPTION, LONG_TERM_FOSTER
from permanence.demo import load_demo
from permanence.matching import selectors
from permanence.matching.models import CarerProfile, ChildProfile, Match
from permanence.siblings.selectors import sibling_pairs

# Loads the demo council (slow; `make test` runs it).
pytestmark = pytest.mark.slow

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


def test_on_the_demo_council_advice_never_breaks_up_a_home_that_works(db):
    """Every proposal and every waiting child of the demo, checked against the record itself."""

    load_demo(children=200, seed=2026, today=TODAY)
    found = selectors.waiting_children(today=TODAY)
    plan = selectors.suggested_plan(today=TODAY)
    current = {
        e.child_id: e
        for e in Episode.objects.filter(start__lte=TODAY).exclude(end__lte=TODAY).order_by("child_id", "start")
    }

    def home(child_id):
        episode = current.get(child_id)
        return (episode.carer_id or episode.urn or None) if episode else None

    # No settled child is listed as waiting.
    for row in found.waiting + found.not_started:
        episode = current.get(row.child.pk)
        assert episode is not None, f"{row.child} is listed as waiting but is not looked after"
        assert episode.placement not in LONG_TERM_FOSTER | ADOPTION, f"{row.child} is settled ({episode.placement})"
    # No proposal moves a child from a confirmed long-term or permanent home, or splits brothers and
    # sisters who live together (no demo decision says any of them should live apart).
    proposed = {p.child_id: row for row in plan["rows"] if row["carer"] for p in row["children"]}
    pairs = sibling_pairs(proposed)
    for child_id, row in proposed.items():
        assert current[child_id].placement not in LONG_TERM_FOSTER | ADOPTION
        together = {p.child_id for p in row["children"]}
        for sibling in pairs.get(child_id, ()):
            if home(sibling) is not None and home(sibling) == home(child_id):
                assert sibling in together, f"proposal splits {child_id} from {sibling}, who live together"
    assert plan["proposals"] > 0 and plan["sibling_units"] > 0
