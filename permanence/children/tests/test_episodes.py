"""A child's care as the SSDA903 standard records it: becoming looked after, moving, a change of
legal status only, and leaving care; and what the standard forbids, refused in the same words
whether it comes from a page, the API or an imported return (rules.episodes_problems)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from permanence.children import rules, services
from permanence.children.models import Carer, Episode
from permanence.children.versions import StaleRecord

TODAY = date(2026, 6, 1)


@pytest.fixture
def ava(db):
    return services.child_create(
        first_name="Ava", last_name="Example", date_of_birth=date(2020, 3, 10), council_reference="E1"
    )


@pytest.fixture
def carers(db):
    pat = Carer.objects.create(name="Pat and Chris Carer", kind="foster_carer", reference="FC1", postcode="TB1 1AA")
    nan = Carer.objects.create(name="Nan Example", kind="connected_person", reference="CP1", postcode="TB2 2BB")
    return pat, nan


def start_care(child, carer, day=date(2026, 1, 5)):
    return services.care_start(
        child=child,
        start=day,
        legal_status="C1",
        category_of_need="N1",
        placement="U6",
        provider="PR1",
        carer=carer,
        today=TODAY,
    )


def run(child):
    return list(
        Episode.objects.filter(child=child)
        .order_by("start")
        .values_list("start", "end", "reason_new", "reason_ceased", "legal_status", "placement")
    )


def refused(call, **kwargs):
    with pytest.raises(ValidationError) as caught:
        call(**kwargs)
    return caught.value.message_dict


def test_becoming_looked_after_starts_an_episode_with_reason_s(ava, carers):
    episode = start_care(ava, carers[0])
    assert episode.reason_new == "S" and episode.placement_postcode == "TB1 1AA"
    assert run(ava) == [(date(2026, 1, 5), None, "S", "", "C1", "U6")]


def test_a_move_ends_the_episode_with_x1_and_starts_the_next_the_same_day(ava, carers):
    first = start_care(ava, carers[0])
    services.placement_move(
        child=ava,
        version=first.version,
        date=date(2026, 3, 2),
        placement="U3",
        reason_place_change="CARPL",
        carer=carers[1],
        today=TODAY,
    )
    assert run(ava) == [
        (date(2026, 1, 5), date(2026, 3, 2), "S", "X1", "C1", "U6"),
        (date(2026, 3, 2), None, "P", "", "C1", "U3"),
    ]


def test_a_move_with_a_new_legal_status_the_same_day_is_b(ava, carers):
    first = start_care(ava, carers[0])
    moved = services.placement_move(
        child=ava,
        version=first.version,
        date=date(2026, 3, 2),
        placement="U3",
        reason_place_change="CARPL",
        carer=carers[1],
        legal_status="C2",
        today=TODAY,
    )
    assert moved.reason_new == "B" and moved.legal_status == "C2"


def test_a_change_of_legal_status_only_keeps_the_placement(ava, carers):
    first = start_care(ava, carers[0])
    after = services.legal_status_change(
        child=ava, version=first.version, date=date(2026, 4, 20), legal_status="C2", today=TODAY
    )
    assert after.reason_new == "L" and after.placement == "U6" and after.carer_id == carers[0].pk
    assert run(ava)[0][1:4] == (date(2026, 4, 20), "S", "X1")


def test_a_change_of_legal_status_to_the_same_status_is_refused(ava, carers):
    first = start_care(ava, carers[0])
    found = refused(
        services.legal_status_change,
        child=ava,
        version=first.version,
        date=date(2026, 4, 20),
        legal_status="C1",
        today=TODAY,
    )
    assert found == {
        "legal_status": [
            "The reason for this episode (L) is a change of legal status, but the legal status is C1 as before."
        ]
    }
    assert len(run(ava)) == 1


def test_leaving_care_ends_the_episode_with_the_reason(ava, carers):
    first = start_care(ava, carers[0])
    services.care_end(child=ava, version=first.version, date=date(2026, 5, 1), reason_ceased="E4A", today=TODAY)
    assert run(ava) == [(date(2026, 1, 5), date(2026, 5, 1), "S", "E4A", "C1", "U6")]


def test_an_adoption_exit_without_a_placement_for_adoption_is_refused(ava, carers):
    first = start_care(ava, carers[0])
    found = refused(
        services.care_end, child=ava, version=first.version, date=date(2026, 5, 1), reason_ceased="E11", today=TODAY
    )
    assert "only from a placement for adoption (A3 to A6)" in found["reason_ceased"][0]
    assert run(ava)[0][1] is None  # nothing changed


def test_care_cannot_start_twice_over(ava, carers):
    start_care(ava, carers[0])
    found = refused(
        services.care_start,
        child=ava,
        start=date(2026, 2, 1),
        legal_status="V2",
        category_of_need="N1",
        placement="U6",
        today=TODAY,
    )
    assert "overlaps another episode" in found["start"][0]


def test_care_cannot_start_before_birth_or_in_the_future(ava, carers):
    before_birth = refused(
        services.care_start,
        child=ava,
        start=date(2019, 1, 1),
        legal_status="V2",
        category_of_need="N1",
        placement="U6",
        today=TODAY,
    )
    assert "before the child's date of birth" in before_birth["start"][0]
    future = refused(
        services.care_start,
        child=ava,
        start=date(2099, 1, 1),
        legal_status="V2",
        category_of_need="N1",
        placement="U6",
        today=TODAY,
    )
    assert future == {"start": ["The episode cannot start in the future (01/01/2099)."]}


def test_a_move_recorded_on_a_stale_page_is_refused_and_names_the_other_change(ava, carers):
    first = start_care(ava, carers[0])
    services.legal_status_change(
        child=ava, version=first.version, date=date(2026, 4, 20), legal_status="C2", today=TODAY
    )
    with pytest.raises(StaleRecord):
        services.placement_move(
            child=ava,
            episode=first,
            version=first.version,  # the page was opened before the change of legal status
            date=date(2026, 4, 25),
            placement="U3",
            reason_place_change="CARPL",
            today=TODAY,
        )
    assert len(run(ava)) == 2


def test_a_move_needs_a_child_in_care(ava):
    found = refused(
        services.placement_move,
        child=ava,
        version=1,
        date=date(2026, 3, 2),
        placement="U3",
        reason_place_change="CARPL",
        today=TODAY,
    )
    assert found == {"date": ["The child is not looked after now: record the start of care first."]}


# --- the rules themselves, as an imported return would meet them ------------------------------

BASE = {"category_of_need": "N1", "provider": "PR1", "reason_place_change": ""}


def episode(start, end, rne, rec="", ls="C2", place="U4"):
    return {
        "start": start,
        "end": end,
        "reason_new": rne,
        "reason_ceased": rec,
        "legal_status": ls,
        "placement": place,
        **BASE,
    }


def test_a_gap_after_x1_is_refused():
    found = rules.episodes_problems(
        [episode(date(2025, 1, 1), date(2025, 2, 1), "S", "X1"), episode(date(2025, 2, 10), None, "P")],
        date_of_birth=date(2015, 1, 1),
    )
    assert found == {
        1: {
            "start": "The episode before ended on 01/02/2025 with X1 (a new episode begins the same day), "
            "so this one must start on 01/02/2025, not 10/02/2025."
        }
    }


def test_a_new_period_of_care_after_a_gap_starts_with_s():
    found = rules.episodes_problems(
        [episode(date(2025, 1, 1), date(2025, 2, 1), "S", "E4A"), episode(date(2025, 6, 1), None, "P")],
        date_of_birth=date(2015, 1, 1),
    )
    assert found[1] == {
        "reason_new": "Care ended on 01/02/2025 (E4A), so this episode starts a new period of care: its reason for new episode is S."
    }
    assert (
        rules.episodes_problems(
            [episode(date(2025, 1, 1), date(2025, 2, 1), "S", "E4A"), episode(date(2025, 6, 1), None, "S")],
            date_of_birth=date(2015, 1, 1),
        )
        == {}
    )


def test_after_x1_the_child_is_still_looked_after_so_not_s():
    found = rules.episodes_problems(
        [episode(date(2025, 1, 1), date(2025, 2, 1), "S", "X1"), episode(date(2025, 2, 1), None, "S")],
        date_of_birth=date(2015, 1, 1),
    )
    assert "not S" in found[1]["reason_new"]


def test_only_the_latest_episode_may_be_open():
    found = rules.episodes_problems(
        [episode(date(2025, 1, 1), None, "S", ""), episode(date(2025, 2, 1), None, "P")],
        date_of_birth=date(2015, 1, 1),
    )
    assert "still open" in found[1]["start"]


def test_an_adoption_from_a_placement_for_adoption_is_coherent():
    found = rules.episodes_problems(
        [
            episode(date(2024, 1, 1), date(2025, 1, 1), "S", "X1", ls="E1", place="U4"),
            episode(date(2025, 1, 1), date(2025, 9, 1), "P", "E11", ls="E1", place="A6"),
        ],
        date_of_birth=date(2022, 1, 1),
    )
    assert found == {}


def test_the_page_and_an_imported_return_refuse_an_adoption_exit_in_the_same_words(ava, carers):
    """The service (behind the page and the API) and the 903 import (returns/importer/plan.py) both
    call rules.episodes_problems: what one refuses, the other refuses, word for word."""
    first = start_care(ava, carers[0])
    found = refused(
        services.care_end, child=ava, version=first.version, date=date(2026, 5, 1), reason_ceased="E11", today=TODAY
    )
    as_imported = rules.episodes_problems(
        [episode(date(2026, 1, 5), date(2026, 5, 1), "S", "E11", ls="C1", place="U6")],
        date_of_birth=ava.date_of_birth,
        today=TODAY,
    )
    assert found["reason_ceased"] == [as_imported[0]["reason_ceased"]]


def test_the_page_and_an_imported_return_refuse_an_overlap_in_the_same_words(ava, carers):
    start_care(ava, carers[0])
    found = refused(
        services.care_start,
        child=ava,
        start=date(2026, 2, 1),
        legal_status="V2",
        category_of_need="N1",
        placement="U6",
        today=TODAY,
    )
    as_imported = rules.episodes_problems(
        [
            episode(date(2026, 1, 5), None, "S", ls="C1", place="U6"),
            episode(date(2026, 2, 1), None, "S", ls="V2", place="U6"),
        ],
        date_of_birth=ava.date_of_birth,
        today=TODAY,
    )
    assert found["start"] == [as_imported[1]["start"]]
