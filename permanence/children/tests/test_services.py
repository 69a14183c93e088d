"""Recording the case: bad input is refused with a named field and leaves the record unchanged."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from permanence.accounts import roles
from permanence.accounts.models import User
from permanence.children import services
from permanence.children.models import Allocation, Episode, RecordChange
from permanence.children.versions import VersionMissing

from .conftest import EPISODE


def test_recording_an_overlapping_episode_is_refused_and_nothing_is_saved(ava_in_care):
    with pytest.raises(ValidationError) as refused:
        services.episode_create(child=ava_in_care, start=date(2026, 2, 1), **EPISODE)
    assert "overlaps" in refused.value.message_dict["start"][0]
    assert Episode.objects.filter(child=ava_in_care).count() == 1


def test_closing_an_episode_then_starting_the_next_the_same_day(ava_in_care):
    first = Episode.objects.get(child=ava_in_care)
    services.episode_close(episode=first, version=first.version, end=date(2026, 4, 1), reason_ceased="X1")
    services.episode_create(child=ava_in_care, start=date(2026, 4, 1), **(EPISODE | {"reason_new": "P"}))
    assert Episode.objects.filter(child=ava_in_care).count() == 2


def test_closing_an_episode_before_it_started_leaves_it_open(ava_in_care):
    episode = Episode.objects.get(child=ava_in_care)
    with pytest.raises(ValidationError) as refused:
        services.episode_close(episode=episode, version=episode.version, end=date(2025, 12, 1), reason_ceased="E4A")
    assert "end" in refused.value.message_dict
    episode.refresh_from_db()
    assert episode.end is None and episode.reason_ceased == ""


def test_an_unknown_code_is_refused(ava):
    with pytest.raises(ValidationError) as refused:
        services.episode_create(child=ava, start=date(2026, 1, 5), **(EPISODE | {"legal_status": "ZZ"}))
    assert "legal_status" in refused.value.message_dict


def test_a_council_reference_is_used_once(ava):
    with pytest.raises(ValidationError) as refused:
        services.child_create(first_name="B", last_name="C", date_of_birth=date(2019, 1, 1), council_reference="C1001")
    assert "already in use" in refused.value.message_dict["council_reference"][0]


def test_a_review_before_the_child_came_into_care_is_refused(ava_in_care):
    with pytest.raises(ValidationError):
        services.review_record(child=ava_in_care, date=date(2025, 12, 1))


def test_reallocating_a_case_keeps_the_history(ava_in_care, sam, team):
    sol = User.objects.create_user("sol", first_name="Sol", last_name="Worker", role=roles.SOCIAL_WORKER, team=team)
    services.allocation_assign(child=ava_in_care, role=Allocation.SOCIAL_WORKER, worker=sam, start=date(2026, 1, 5))
    services.allocation_assign(child=ava_in_care, role=Allocation.SOCIAL_WORKER, worker=sol, start=date(2026, 3, 1))
    history = list(Allocation.objects.filter(child=ava_in_care).order_by("start"))
    assert [(a.worker, a.end) for a in history] == [(sam, date(2026, 3, 1)), (sol, None)]


def test_an_iro_cannot_be_allocated_as_the_social_worker(ava_in_care, irene):
    with pytest.raises(ValidationError) as refused:
        services.allocation_assign(
            child=ava_in_care, role=Allocation.SOCIAL_WORKER, worker=irene, start=date(2026, 3, 1)
        )
    assert refused.value.message_dict == {"worker": ["Choose someone whose role lets them hold this allocation."]}


def test_an_order_cannot_end_before_it_was_made(ava):
    with pytest.raises(ValidationError) as refused:
        services.order_record(child=ava, order_type="care_order", made=date(2026, 5, 1), ended=date(2026, 4, 1))
    assert "ended" in refused.value.message_dict


def _unversioned_changes(ava):
    """A correction of Ava's name, the end of her episode and her proceedings concluding: each made by code."""
    episode = Episode.objects.get(child=ava)
    proceedings = services.proceedings_record(child=ava, issued=date(2026, 1, 2))
    return {
        "child": (lambda v: services.child_update(child=ava, version=v, first_name="Eva"), ava, "first_name", "Ava"),
        "episode": (
            lambda v: services.episode_close(episode=episode, version=v, end=date(2026, 4, 1), reason_ceased="E4A"),
            episode,
            "end",
            None,
        ),
        "proceedings": (
            lambda v: services.proceedings_update(proceedings=proceedings, version=v, concluded=date(2026, 4, 1)),
            proceedings,
            "concluded",
            None,
        ),
    }


@pytest.mark.parametrize("what", ["child", "episode", "proceedings"])
def test_a_change_to_a_childs_details_episode_or_proceedings_that_does_not_say_which_version_it_read_is_refused(
    ava_in_care, what
):
    """Code (a command, a script, a page) that does not say which version of the record it read could
    overwrite someone else's newer change unseen: refused like any edit, and nothing changes."""
    change, record, field, before = _unversioned_changes(ava_in_care)[what]
    opened = record.version
    with pytest.raises(VersionMissing):
        change(None)
    record.refresh_from_db()
    assert getattr(record, field) == before and record.version == opened
    assert not RecordChange.objects.filter(model=record._meta.label, object_id=str(record.pk)).exists()
    change(opened)  # on the version read, it goes ahead
    record.refresh_from_db()
    assert getattr(record, field) != before and record.version == opened + 1
