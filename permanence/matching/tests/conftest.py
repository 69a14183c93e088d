"""Named people and a small family-finding record, built through the services."""

from datetime import date

import pytest

from permanence.accounts import roles
from permanence.children import services as record
from permanence.children.models import Carer
from permanence.matching import services
from permanence.meetings import services as meetings
from permanence.planning import services as planning
from permanence.siblings import services as siblings
from permanence.web.tests.builders import child_in_care, person

TODAY = date(2026, 6, 1)


def waiting_child(first, reference, *, born=date(2024, 3, 1), option="adoption", by=None, **profile):
    child = child_in_care(first, "Hart", reference=reference, born=born, entered=date(2025, 9, 1))
    planning.decision_record(
        child=child,
        kind="plan_agreed",
        forum="review",
        date=date(2025, 12, 1),
        primary_option=option,
        rationale="Parents cannot care safely",
    )
    planning.decision_record(child=child, kind="adoption_considered", forum="review", date=date(2025, 12, 1))
    services.family_finding_start(
        child=child, date=date(2026, 1, 5), by=by, today=TODAY, **{"district": "TB1", "needs": {"health": 1}, **profile}
    )
    return child


def household(name, reference, *, approval_type="adopter", capacity=1, district="TB2", **values):
    carer = Carer.objects.create(
        name=name,
        kind="adopter",
        reference=reference,
        capacity=capacity,
        age_min=0,
        age_max=6,
        approval_date=date(2023, 1, 1),
    )
    services.carer_profile_record(
        carer=carer,
        approval_type=approval_type,
        district=district,
        needs=values.pop("needs", {"health": 2}),
        today=TODAY,
        **values,
    )
    return carer


@pytest.fixture
def ava(fiona):
    return waiting_child("Ava", "FF1", by=fiona)


@pytest.fixture
def hills(db):
    return household("Jo and Sam Hill", "AD1", district="TB1")


def siblings_together(*children):
    for child in children:
        siblings.sibling_decision_record(
            child=child,
            decision="together",
            reasons="Close bond",
            date=date(2026, 1, 2),
            forum="review",
            siblings=[c for c in children if c != child],
            today=TODAY,
        )


@pytest.fixture
def chair(db):
    return person("panel.chair", "Priya", "Patel", roles.PANEL_MEMBER)


@pytest.fixture
def panel(chair):
    """A quorate panel on 2 April 2026: a chair, a vice chair, a social worker and two independent members."""
    members = [
        (person(f"panel.{role}.{n}", "Panel", f"Member {n}", roles.PANEL_MEMBER), role)
        for n, role in enumerate(("vice_chair", "social_worker", "independent", "independent"))
    ]
    return meetings.panel_create(date=date(2026, 4, 2), chair=chair, members=members)


def authorise(child, adm):
    """Authority to place for adoption: a placement order and the ADM's decision."""
    record.order_record(child=child, order_type="placement_order", made=date(2026, 1, 20))
    planning.decision_record(
        child=child,
        kind="adm_should_be_placed",
        forum="adm",
        date=date(2026, 1, 10),
        by=adm,
        decided_by="Gareth Whitlow",
    )
