"""No edit ever overwrites a newer one unseen: a record's version is checked and bumped in one
conditional update, and a correction keeps what the record said before."""

from datetime import date

import pytest
from django.db import connection

from permanence.accounts import roles
from permanence.accounts.models import User
from permanence.audit.chain import actor
from permanence.audit.models import AuditEvent
from permanence.children import services
from permanence.children.models import Episode, RecordChange, Review
from permanence.children.tests.at_once import WRITERS
from permanence.children.tests.at_once import at_once as together
from permanence.children.versions import (
    StaleRecord,
    VersionMissing,
    changes_since,
    check_version,
    editing,
    versioned_update,
)


def person(username, first, last, role):
    return User.objects.create_user(username, first_name=first, last_name=last, role=role)


@pytest.fixture
def review(db):
    ava = services.child_create(
        first_name="Ava", last_name="Example", date_of_birth=date(2020, 3, 10), council_reference="V1"
    )
    services.episode_create(
        child=ava, start=date(2026, 1, 5), reason_new="S", legal_status="C1", category_of_need="N1", placement="U6"
    )
    return services.review_record(child=ava, date=date(2026, 2, 2), participation="PN1")


def as_person(user):
    return actor.set({"user_id": user.pk, "username": user.get_username()})


def test_an_edit_on_the_current_version_is_saved_and_the_version_goes_up(review):
    irene = person("irene", "Irene", "Reviewer", roles.IRO)
    assert review.version == 1
    saved = versioned_update(record=review, version=1, changes={"participation": "PN3"}, by=irene)
    assert saved.version == 2 and saved.participation == "PN3"
    event = AuditEvent.objects.filter(model="children.Review", object_id=str(review.pk)).last()
    assert event.before == {"participation": "PN1", "version": 1} and event.after == {
        "participation": "PN3",
        "version": 2,
    }
    assert event.username == "irene"


def test_an_edit_made_on_an_older_version_is_refused_and_names_the_other_change(review):
    irene = person("irene", "Irene", "Reviewer", roles.IRO)
    sam = person("sam", "Sam", "Social-Worker", roles.SOCIAL_WORKER)
    token = as_person(irene)
    try:
        versioned_update(record=review, version=1, changes={"participation": "PN3"}, by=irene)
    finally:
        actor.reset(token)
    with pytest.raises(StaleRecord) as refused:
        versioned_update(record=Review.objects.get(pk=review.pk), version=1, changes={"participation": "PN5"}, by=sam)
    stale = refused.value
    assert stale.expected == 1 and stale.current == 2
    (change,) = stale.changes
    assert change.who == "Irene Reviewer"
    assert [(c.name, c.before, c.after) for c in change.changes] == [
        ("The child's participation (PN code)", "PN1", "PN3")
    ]
    assert stale.message.startswith("Irene Reviewer changed this record since you opened it")
    review.refresh_from_db()
    assert review.participation == "PN3" and review.version == 2  # Irene's change stands


def test_a_correction_with_a_reason_keeps_what_the_record_said_before(review):
    irene = person("irene", "Irene", "Reviewer", roles.IRO)
    versioned_update(
        record=review, version=1, changes={"date": date(2026, 2, 3)}, by=irene, reason="Typed the wrong day"
    )
    correction = RecordChange.objects.get(model="children.Review", object_id=str(review.pk))
    assert correction.changes == {"date": ["2026-02-02", "2026-02-03"]}
    assert correction.reason == "Typed the wrong day" and correction.by_name == "Irene Reviewer"
    assert correction.version == 2 and correction.child_id == review.child_id and correction.is_correction
    # Someone who opened the record before sees the reason beside the change.
    (change,) = changes_since(review, 1)
    assert change.reason == "Typed the wrong day"


def test_a_change_through_any_other_path_still_makes_an_open_form_stale(review):
    review.participation = "PN7"
    review.save()
    assert review.version == 2
    with pytest.raises(StaleRecord):
        check_version(record=review, version=1)
    check_version(record=review, version=2)


def test_a_version_that_is_not_a_number_is_refused_as_stale(review):
    with pytest.raises((StaleRecord, ValueError)):
        versioned_update(record=review, version="abc", changes={"participation": "PN2"})
    review.refresh_from_db()
    assert review.version == 1


@pytest.mark.parametrize("version", [None, "", "  ", '""'])
def test_an_edit_that_does_not_say_which_version_it_was_opened_on_is_refused_and_writes_nothing(review, version):
    irene = person("irene", "Irene", "Reviewer", roles.IRO)
    with pytest.raises(VersionMissing) as refused:
        versioned_update(record=review, version=version, changes={"participation": "PN2"}, by=irene)
    assert "did not say which version of the record it was opened on" in str(refused.value)
    assert refused.value.missing and refused.value.current == 1 and refused.value.field == "version"
    with pytest.raises(VersionMissing):
        check_version(record=review, version=version)
    with pytest.raises(VersionMissing):
        with editing(record=review, version=version, by=irene):
            Review.objects.filter(pk=review.pk).update(participation="PN2")
    review.refresh_from_db()
    assert (review.version, review.participation) == (1, "PN1")
    assert not RecordChange.objects.filter(model="children.Review", object_id=str(review.pk)).exists()


def test_code_editing_a_record_it_has_just_read_says_so_with_the_records_version(review):
    with editing(record=review, version=review.version):
        Review.objects.filter(pk=review.pk).update(participation="PN2")
    review.refresh_from_db()
    assert (review.version, review.participation) == (2, "PN2")


def at_once(write):
    """Twenty people save at once: ([n accepted], [n told the record is stale], [failures])."""
    results = together(write)
    accepted = [n for n, r in results.items() if not isinstance(r, Exception)]
    refused = [n for n, r in results.items() if isinstance(r, StaleRecord)]
    failed = [repr(r) for r in results.values() if isinstance(r, Exception) and not isinstance(r, StaleRecord)]
    return accepted, refused, failed


def _in_care(reference):
    ava = services.child_create(
        first_name="Ava", last_name="Example", date_of_birth=date(2020, 3, 10), council_reference=reference
    )
    services.care_start(child=ava, start=date(2026, 1, 5), legal_status="C1", category_of_need="N1", placement="U6")
    return ava


@pytest.mark.django_db(transaction=True)
def test_twenty_people_saving_on_the_same_version_at_once_exactly_one_is_accepted():
    """Each thread has its own database connection; all are released together."""
    ava = _in_care("V2")
    review = services.review_record(child=ava, date=date(2026, 2, 2), participation="PN1")
    codes = ["PN1", "PN2", "PN3", "PN4", "PN5", "PN6", "PN7"]

    def write(n):
        record = Review.objects.get(pk=review.pk)
        versioned_update(record=record, version=1, changes={"participation": codes[n % len(codes)]})

    accepted, refused, failed = at_once(write)
    assert failed == []
    assert len(accepted) == 1 and len(refused) == WRITERS - 1
    review.refresh_from_db()
    assert review.version == 2 and review.participation == codes[accepted[0] % len(codes)]
    updates = AuditEvent.objects.filter(model="children.Review", object_id=str(review.pk), action="update")
    assert updates.count() == 1, f"one change on {connection.vendor}, audited once"


@pytest.mark.django_db(transaction=True)
def test_twenty_iros_correcting_the_same_review_from_the_same_page_one_is_saved_nineteen_are_told():
    """Through the service behind the correction page and the API (rules, reason, version)."""
    ava = _in_care("V3")
    review = services.review_record(child=ava, date=date(2026, 2, 2), participation="PN1", plan_outcome="confirmed")
    codes = ["PN2", "PN3", "PN4", "PN5", "PN6", "PN7"]

    def write(n):
        services.record_correct(
            record=Review.objects.get(pk=review.pk),
            version=1,
            changes={"participation": codes[n % len(codes)]},
            reason=f"Correction {n}",
        )

    accepted, refused, failed = at_once(write)
    assert failed == [] and len(accepted) == 1 and len(refused) == WRITERS - 1
    review.refresh_from_db()
    assert review.version == 2 and review.participation == codes[accepted[0] % len(codes)]
    kept = RecordChange.objects.filter(model="children.Review", object_id=str(review.pk))
    assert [(c.changes, c.reason) for c in kept] == [
        ({"participation": ["PN1", review.participation]}, f"Correction {accepted[0]}")
    ], "the one saved correction keeps what the record said before; no other is half-written"


@pytest.mark.django_db(transaction=True)
def test_twenty_social_workers_recording_a_move_from_the_same_page_one_move_is_recorded():
    """A move ends one episode and starts another: two writes, still exactly one move."""
    ava = _in_care("V4")
    seen = services.current_episode(ava)

    def write(n):
        services.placement_move(
            child=ava,
            episode=seen,
            version=seen.version,
            date=date(2026, 3, 1),
            placement="U4",
            reason_place_change="CARPL",
            today=date(2026, 6, 1),
        )

    accepted, refused, failed = at_once(write)
    assert failed == [] and len(accepted) == 1 and len(refused) == WRITERS - 1
    episodes = list(Episode.objects.filter(child=ava).order_by("start").values_list("start", "end", "reason_new"))
    assert episodes == [(date(2026, 1, 5), date(2026, 3, 1), "S"), (date(2026, 3, 1), None, "P")]
