"""Facts recorded through the product reach the engine: consent to placement for adoption starts
the adoption reviews; the IRO's decisions report recording the plan meets Leeds' rule."""

from datetime import date

from permanence.children import services as children
from permanence.obligations.snapshots import snapshots_for
from permanence.planning.models import PlacementConsent
from permanence.timescales import compute_obligations, load_pack

TODAY = date(2026, 3, 1)


def test_consent_to_placement_is_authority_to_place_until_it_is_withdrawn(db):
    child = children.child_create(
        first_name="Bea", last_name="Example", date_of_birth=date(2025, 11, 1), council_reference="B1"
    )
    children.episode_create(
        child=child, start=date(2025, 12, 1), reason_new="S", legal_status="V2", category_of_need="N1", placement="U6"
    )
    consent = PlacementConsent.objects.create(child=child, given_by="The mother", given_on=date(2026, 1, 15))
    snapshot = snapshots_for([child.pk])[child.pk]
    assert snapshot.adoption.authority_to_place == date(2026, 1, 15)
    found = [
        o for o in compute_obligations(snapshot, load_pack("england"), TODAY) if o.rule == "adoption-review-authorised"
    ]
    assert [(o.due, o.status) for o in found] == [(date(2026, 4, 15), "upcoming")]
    consent.withdrawn_on = date(2026, 2, 20)
    consent.save()
    snapshot = snapshots_for([child.pk])[child.pk]
    assert not [
        o for o in compute_obligations(snapshot, load_pack("england"), TODAY) if o.rule == "adoption-review-authorised"
    ]
