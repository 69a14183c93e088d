"""The stored obligations: kept current as facts are recorded, read by pages, moved on each night,
and checked against a fresh computation."""

import time
from dataclasses import replace
from datetime import date, timedelta

import pytest
from django.db import transaction

from permanence.children import services
from permanence.obligations import nightly, store
from permanence.obligations.models import StoredObligations
from permanence.obligations.selectors import obligations_for_child
from permanence.obligations.store import compute, decode, encode, refresh
from permanence.planning import services as planning
from permanence.web.tests.builders import child_in_care

TODAY = date.today()
ENTERED = TODAY - timedelta(days=100)


def ava_and_ben():
    ava = child_in_care("Ava", "Example", reference="S1", born=date(2019, 3, 1), entered=ENTERED)
    ben = child_in_care("Ben", "Example", reference="S2", born=date(2020, 6, 1), entered=ENTERED, placement="U1")
    mum = services.person_create(first_name="Mia", last_name="Example")
    services.relationship_add(child=ava, person=mum, relationship="mother", parental_responsibility=True)
    services.relationship_add(child=ben, person=mum, relationship="mother", parental_responsibility=True)
    return ava, ben


def stored(child):
    row = StoredObligations.objects.get(child=child)
    return row, decode(row.items, child.pk)


def test_a_visit_recorded_reaches_the_stored_obligations_when_it_is_saved(db, django_capture_on_commit_callbacks):
    ava, _ = ava_and_ben()
    refresh([ava.pk])
    row, before = stored(ava)
    with django_capture_on_commit_callbacks(execute=True):
        services.visit_record(child=ava, date=TODAY - timedelta(days=1))
    row_after, after = stored(ava)
    assert row_after.facts_version == row_after.computed_version > row.facts_version
    assert after == compute([ava.pk], today=TODAY)[ava.pk] != before


def test_until_it_is_worked_out_again_a_page_works_the_child_out_from_the_facts(db):
    """Inside the recording transaction the row is marked behind its facts: a page reading it then
    sees the new visit, never the obligations from before it."""
    ava, _ = ava_and_ben()
    refresh([ava.pk])
    services.visit_record(child=ava, date=TODAY - timedelta(days=1))  # no commit in this test
    row, _ = stored(ava)
    assert row.facts_version > row.computed_version
    assert obligations_for_child(ava) == compute([ava.pk], today=TODAY)[ava.pk]


def test_a_decision_about_one_child_works_out_her_brother_again(db, django_capture_on_commit_callbacks):
    ava, ben = ava_and_ben()
    refresh([ava.pk, ben.pk])
    ben_row, _ = stored(ben)
    with django_capture_on_commit_callbacks(execute=True):
        planning.decision_record(
            child=ava,
            kind="plan_changed",
            forum="review",
            date=TODAY - timedelta(days=2),
            decided_by="Irene Reviewer (IRO)",
            rationale="Reviewed.",
            primary_option="adoption",
        )
    after = stored(ben)[0]  # the decision and the plan it records: two facts, worked out once committed
    assert after.facts_version > ben_row.facts_version and after.computed_version == after.facts_version


def test_the_stored_form_gives_back_exactly_what_the_engine_worked_out(db):
    ava, _ = ava_and_ben()
    found = compute([ava.pk], today=TODAY)[ava.pk]
    assert found and decode(encode(found), ava.pk) == found


def test_the_nightly_job_moves_every_child_to_the_new_day_and_the_check_finds_no_difference(db):
    ava, ben = ava_and_ben()
    refresh([ava.pk, ben.pk], today=TODAY)
    tomorrow = TODAY + timedelta(days=1)
    moved = nightly.day_moved(today=tomorrow)
    assert moved.children == 2
    assert StoredObligations.objects.filter(day=tomorrow).count() == moved.rewritten
    assert nightly.check(today=tomorrow).differences == []


def one_batch_here(taken, count, *, taking=nightly._taking):
    """This process takes one batch and leaves the others to the spawned one, so that one's work
    is counted and checked (it waits while that process starts, a second or two)."""
    batches = taking(taken, count)
    yield next(batches)
    waited = time.monotonic()
    while taken.value < count and time.monotonic() - waited < 60:
        time.sleep(0.05)
    yield from batches


@pytest.mark.django_db(transaction=True)  # the spawned process reads committed rows over its own connection
def test_the_night_shared_between_two_processes_moves_every_child_as_one_process_does(monkeypatch):
    children = [
        *ava_and_ben(),
        *(
            child_in_care(f"Child{i}", "Example", reference=f"P{i}", born=date(2015 + i, 1, 1), entered=ENTERED)
            for i in range(3)
        ),
    ]
    ids = sorted(child.pk for child in children)
    refresh(ids, today=TODAY)
    StoredObligations.objects.filter(child_id__in=[ids[0], ids[-1]]).delete()  # two children never stored
    tomorrow = TODAY + timedelta(days=1)
    alone = {child_id: encode(found) for child_id, found in compute(ids, today=tomorrow).items()}
    monkeypatch.setattr(nightly, "_taking", one_batch_here)
    moved = nightly.day_moved(today=tomorrow, processes=2, batch=1)
    assert (moved.children, moved.rewritten) == (5, StoredObligations.objects.filter(day=tomorrow).count())
    written = dict(StoredObligations.objects.filter(day=tomorrow).values_list("child_id", "items"))
    assert {ids[0], ids[-1]} <= set(written) and written == {child_id: alone[child_id] for child_id in written}
    shared = nightly.check(today=tomorrow, processes=2, batch=1)
    assert (shared.children, shared.differences) == (5, [])
    StoredObligations.objects.filter(child_id=ids[-1]).delete()
    assert nightly.check(today=tomorrow, processes=2, batch=1).differences == [
        f"child {ids[-1]}: no stored obligations"
    ]


def test_a_second_run_of_the_same_night_rewrites_nothing(db):
    ava, ben = ava_and_ben()
    refresh([ava.pk, ben.pk], today=TODAY)
    tomorrow = TODAY + timedelta(days=1)
    nightly.day_moved(today=tomorrow)
    written = dict(StoredObligations.objects.values_list("child_id", "refreshed_at"))
    assert nightly.day_moved(today=tomorrow).rewritten == 0
    assert dict(StoredObligations.objects.values_list("child_id", "refreshed_at")) == written


def test_a_row_the_night_left_alone_is_read_for_the_new_day_without_working_the_child_out(db, monkeypatch):
    ava, ben = ava_and_ben()
    refresh([ava.pk, ben.pk], today=TODAY)
    tomorrow = TODAY + timedelta(days=1)
    expected = compute([ava.pk], today=tomorrow)[ava.pk]
    nightly.day_moved(today=tomorrow)
    StoredObligations.objects.filter(child=ava).update(day=TODAY)  # as if tomorrow moved nothing of hers

    def worked_out(ids, *, today):
        assert not ids, "a page worked out a child whose stored obligations the nightly job vouched for"
        return {}

    monkeypatch.setattr(store, "compute", worked_out)
    assert obligations_for_child(ava, today=tomorrow) == expected


def test_a_row_written_after_the_night_began_is_worked_out_again_for_the_new_day(db):
    """The job vouches only for rows it compared: one written for the day before after it started
    (a fact recorded late that evening) is not taken as the new day's."""
    ava, ben = ava_and_ben()
    refresh([ava.pk, ben.pk], today=TODAY)
    tomorrow = TODAY + timedelta(days=1)
    nightly.day_moved(today=tomorrow)
    refresh([ava.pk], today=TODAY)
    assert nightly.check(today=tomorrow).differences == [
        f"child {ava.pk}: stored for {TODAY:%d/%m/%Y}, not {tomorrow:%d/%m/%Y}, and not checked for it since"
    ]
    assert obligations_for_child(ava, today=tomorrow) == compute([ava.pk], today=tomorrow)[ava.pk]
    assert nightly.check(today=tomorrow).differences == []


def test_the_check_names_the_child_and_the_rule_that_differ(db):
    ava, ben = ava_and_ben()
    refresh([ava.pk, ben.pk], today=TODAY)
    row, found = stored(ava)
    first = found[0]
    row.items = encode([replace(first, title="Changed"), *found[1:]])
    row.save()
    differences = nightly.check(today=TODAY).differences
    assert differences == [
        f"child {ava.pk}: {first.rule} ({first.occurrence}): title stored 'Changed', worked out {first.title!r}"
    ]


def test_a_child_with_no_stored_row_is_named_by_the_check_and_worked_out_by_a_page(db):
    ava, _ = ava_and_ben()
    assert nightly.check(today=TODAY, ids=[ava.pk]).differences == [f"child {ava.pk}: no stored obligations"]
    assert obligations_for_child(ava) == compute([ava.pk], today=TODAY)[ava.pk]
    assert nightly.check(today=TODAY, ids=[ava.pk]).differences == []


def test_a_visit_marks_the_child_and_her_brother_behind_once_however_many_ways_it_is_heard(db):
    """The service says the facts changed, and so does the visit's own save hook: one mark each."""
    ava, ben = ava_and_ben()
    refresh([ava.pk, ben.pk])
    before = dict(StoredObligations.objects.values_list("child_id", "facts_version"))
    services.visit_record(child=ava, date=TODAY - timedelta(days=1))  # not committed: still behind
    after = dict(StoredObligations.objects.values_list("child_id", "facts_version"))
    assert after == {ava.pk: before[ava.pk] + 1, ben.pk: before[ben.pk] + 1}


def test_a_second_fact_after_the_child_was_worked_out_again_in_the_same_transaction_marks_her_behind_again(db):
    ava, _ = ava_and_ben()
    refresh([ava.pk])
    services.visit_record(child=ava, date=TODAY - timedelta(days=3))
    assert obligations_for_child(ava) == compute([ava.pk], today=TODAY)[ava.pk]  # worked out and stored again
    services.visit_record(child=ava, date=TODAY - timedelta(days=1))
    row, _ = stored(ava)
    assert row.facts_version > row.computed_version
    assert obligations_for_child(ava) == compute([ava.pk], today=TODAY)[ava.pk]


def test_a_fact_whose_recording_was_undone_does_not_keep_the_next_from_marking_the_child_behind(db):
    ava, ben = ava_and_ben()
    refresh([ava.pk, ben.pk])
    with pytest.raises(RuntimeError), transaction.atomic():
        services.visit_record(child=ava, date=TODAY - timedelta(days=2))
        raise RuntimeError("the worker's save failed")
    assert all(row.current for row in StoredObligations.objects.all())  # the mark was undone with it
    services.visit_record(child=ava, date=TODAY - timedelta(days=1))
    assert not any(row.current for row in StoredObligations.objects.all())
    assert obligations_for_child(ava) == compute([ava.pk], today=TODAY)[ava.pk]
