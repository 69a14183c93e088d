"""The demo council written as SSD extracts and read back through the feed gives the same
children, episodes, reviews, visits and allocations, and the same obligations for every child."""

from datetime import date

import pytest

from permanence.children.models import (
    Allocation,
    Child,
    DentalCheck,
    Episode,
    HealthAssessment,
    LegalOrder,
    MissingEpisode,
    Review,
    StatutoryPlan,
    Visit,
)
from permanence.demo.loader import delete_demo_data, load_demo
from permanence.demo.through_feed import load_demo_through_feed
from permanence.feed.extract import export_record
from permanence.feed.kinds import KINDS
from permanence.feed.models import FeedRecord, SyncRun
from permanence.feed.sync import ssd_sync
from permanence.tracking.selectors import obligations_for_children

TODAY = date(2026, 11, 23)
CHILDREN = 150


def record():
    """The case facts, keyed by the child's person id rather than database ids."""
    return {
        "children": sorted(
            Child.objects.values_list(
                "council_reference",
                "first_name",
                "last_name",
                "date_of_birth",
                "expected_date_of_birth",
                "sex",
                "ethnicity",
                "upn",
                "uasc",
                "uasc_ceased",
            )
        ),
        "episodes": sorted(
            Episode.objects.values_list(
                "child__council_reference",
                "start",
                "end",
                "reason_new",
                "legal_status",
                "category_of_need",
                "placement",
                "provider",
                "urn",
                "placement_postcode",
                "reason_ceased",
                "reason_place_change",
            )
        ),
        "reviews": sorted(
            Review.objects.values_list("child__council_reference", "date", "participation", "iro__username")
        ),
        "visits": sorted(Visit.objects.values_list("child__council_reference", "date", "seen_alone")),
        "allocations": sorted(
            Allocation.objects.values_list(
                "child__council_reference", "role", "worker__username", "team__name", "start", "end"
            )
        ),
        "orders": sorted(LegalOrder.objects.values_list("child__council_reference", "order_type", "made", "ended")),
        "health assessments": sorted(HealthAssessment.objects.values_list("child__council_reference", "kind", "date")),
        "dental checks": sorted(DentalCheck.objects.values_list("child__council_reference", "date")),
        "care plans": sorted(
            StatutoryPlan.objects.filter(kind=StatutoryPlan.CARE_PLAN).values_list("child__council_reference", "date")
        ),
        "missing episodes": sorted(
            MissingEpisode.objects.values_list("child__council_reference", "kind", "start", "end", "interview_declined")
        ),
    }


def obligations():
    refs = dict(Child.objects.values_list("pk", "council_reference"))
    return {
        refs[child_id]: sorted((o.rule, o.occurrence, o.due, o.status, o.met_on) for o in found)
        for child_id, found in obligations_for_children(list(refs), today=TODAY).items()
    }


@pytest.mark.slow
def test_the_demo_council_through_export_and_sync_is_the_same_council(db, tmp_path):
    load_demo(children=CHILDREN, seed=2026, today=TODAY)
    original, original_obligations = record(), obligations()
    assert len(original["children"]) == CHILDREN and len(original["episodes"]) > CHILDREN
    export_record(tmp_path / "ssd")

    # Into an empty database: the case facts alone.
    delete_demo_data()
    assert not Child.objects.exists()
    run = ssd_sync(source=str(tmp_path / "ssd"))
    assert run.status == SyncRun.SUCCEEDED and run.problem_count == 0
    assert record() == original

    # The demo loaded through the feed, with the product's own records added after: the same
    # obligations for every child (they read plans, decisions, meetings and carers too).
    delete_demo_data()
    load_demo_through_feed(children=CHILDREN, seed=2026, today=TODAY)
    assert record() == original
    assert obligations() == original_obligations
    # Every case fact of every child is the case system's: kept by the feed, none recorded here only.
    for kind in KINDS:
        if kind.name == "proceedings":
            continue  # care proceedings in court without pre-proceedings are the product's own
        held = kind.model.objects.all()
        if kind.model is StatutoryPlan:
            held = held.filter(kind=StatutoryPlan.CARE_PLAN)  # needs assessments, pathway plans: the product's
        if kind.model is LegalOrder:
            held = held.exclude(order_type="deprivation_of_liberty_order")  # the return's demo adds these here
        held = set(held.values_list("pk", flat=True))
        kept = set(FeedRecord.objects.filter(kind=kind.name).values_list("object_id", flat=True))
        assert held <= kept, kind.name
    assert sum(len(found) for found in original_obligations.values()) > 5 * CHILDREN
