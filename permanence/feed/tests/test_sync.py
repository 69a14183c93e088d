"""A council beside its case system: each night's SSD extract brings the record up to date,
changing exactly what changed, never stepping back in time, never half-applying a child."""

import fcntl
from datetime import date

import psycopg
import pytest
from django.db import connection
from django.utils import timezone

from permanence.audit import chain
from permanence.audit.models import AuditEvent
from permanence.children import changes, services
from permanence.children.models import Allocation, Child, Episode, LegalOrder, Proceedings, Review, Visit
from permanence.feed import sync as feed_sync
from permanence.feed.models import FeedPerson, SyncProblem, SyncRun

from . import extracts as x
from .extracts import SW


def snapshot():
    """Every case fact with when it was last written: what a sync may or may not have touched."""
    out = {}
    for model in (Child, Episode, LegalOrder, Review, Visit, Allocation, Proceedings):
        for row in model.objects.values():
            out[(model.__name__, row["id"])] = row
    return out


def child(ref):
    return Child.objects.get(council_reference=ref)


def test_the_first_sync_opens_each_childs_record_with_their_history(sync, october):
    run = sync(x.council(), october)
    assert run.status == SyncRun.SUCCEEDED and run.problem_count == 0, list(run.problems.values_list("message"))
    ava = child("P100")
    assert (ava.first_name, ava.last_name, ava.date_of_birth, ava.sex) == ("Ava", "Brook", date(2020, 3, 10), "2")
    episodes = list(
        ava.episodes.order_by("start").values_list("start", "end", "legal_status", "placement", "reason_new")
    )
    assert episodes == [
        (date(2026, 1, 5), date(2026, 6, 1), "C1", "U6", "S"),
        (date(2026, 6, 1), None, "C2", "U6", "L"),
    ]
    assert list(ava.reviews.values_list("date", "participation", "iro__username")) == [
        (date(2026, 2, 2), "PN1", "irene"),
        (date(2026, 5, 1), "PN4", "irene"),
    ]
    assert list(ava.visits.values_list("date", "seen_alone", "by__username")) == [
        (date(2026, 1, 9), False, "sam"),
        (date(2026, 2, 20), False, "sam"),
    ]
    allocations = set(ava.allocations.values_list("role", "worker__username", "team__name", "start", "end"))
    assert allocations == {
        ("social_worker", "sam", "Children in Care 1", date(2026, 1, 5), None),
        ("iro", "irene", "Children in Care 1", date(2026, 1, 5), None),
    }
    # The legal statuses stand for the orders: an interim care order, then a full care order.
    assert list(ava.orders.order_by("made").values_list("order_type", "made", "ended")) == [
        ("interim_care_order", date(2026, 1, 5), date(2026, 6, 1)),
        ("care_order", date(2026, 6, 1), None),
    ]
    cara = child("P300")
    assert list(cara.proceedings.values_list("pre_proceedings_start", "letter_before_proceedings", "issued")) == [
        (date(2026, 8, 1), date(2026, 8, 3), None)
    ]
    assert run.people == {"new": 3}
    assert run.counts["episode"]["new"] == 3 and run.counts["review"]["new"] == 3


def test_the_same_extract_again_changes_nothing(sync, october):
    sync(x.council(), october)
    before = snapshot()
    run = sync(x.council(), x.at("2026-10-02"))
    assert run.status == SyncRun.SUCCEEDED and run.problem_count == 0
    assert snapshot() == before
    assert run.people == {"unchanged": 3}
    # ... and the facts now show they are as at the newer extract.
    assert FeedPerson.objects.get(person_id="P100").as_at == x.at("2026-10-02")


def test_a_child_who_moved_was_reviewed_was_allocated_and_one_discharged_change_exactly_so(sync, october):
    sync(x.council(), october)
    before = snapshot()
    tables = x.council()
    # Ava moved placement on 1 November (the C2 episode ends X1, a new one starts with P).
    tables = x.changed(
        tables, "ssd_cla_episodes", "E2", clae_cla_episode_ceased_date="2026-11-01", clae_cla_episode_ceased_reason="X1"
    )
    tables = x.changed(
        tables,
        "ssd_cla_placement",
        "PL1",
        clap_cla_placement_end_date="2026-11-01",
        clap_cla_placement_change_reason="CARPL",
    )
    tables = x.plus(tables, "ssd_cla_episodes", x.episode("E4", "P100", "2026-11-01", "PL4", rne="P"))
    tables = x.plus(tables, "ssd_cla_placement", x.placement("PL4", "P100", "2026-11-01", "U4"))
    # Ben was reviewed, and Ben's case moved from Sam to Tess on 3 November.
    tables = x.plus(tables, "ssd_cla_reviews", x.review("R4", "P200", "2026-03-20", pn="PN3"))
    tables = x.changed(tables, "ssd_involvements", "I3", invo_involvement_end_date="2026-11-03")
    tables = x.plus(tables, "ssd_involvements", x.involvement("I5", "P200", "W4", SW, "2026-11-03"))
    run = sync(tables, x.at("2026-11-05"))
    assert run.status == SyncRun.SUCCEEDED and run.problem_count == 0, list(run.problems.values_list("message"))
    after = snapshot()
    changed = {key for key in after if key in before and after[key] != before[key]}
    new = {key for key in after if key not in before}
    ava, ben = child("P100"), child("P200")
    ava_episodes = list(ava.episodes.order_by("start"))
    assert changed == {
        ("Episode", ava_episodes[1].pk),
        ("Allocation", Allocation.objects.get(child=ben, worker__username="sam").pk),
    }
    assert {(model, after[(model, pk)]["child_id"]) for model, pk in new} == {
        ("Episode", ava.pk),
        ("Review", ben.pk),
        ("Allocation", ben.pk),
    }
    assert ava_episodes[1].end == date(2026, 11, 1) and ava_episodes[1].reason_place_change == "CARPL"
    assert ava_episodes[2].placement == "U4" and ava_episodes[2].legal_status == "C2"
    assert ben.allocations.get(end__isnull=True).worker.username == "tess"
    assert run.people == {"changed": 2, "unchanged": 1}
    # Ben is discharged home on 20 November: his episode ends; he is still on the record.
    tables = x.changed(
        tables,
        "ssd_cla_episodes",
        "E3",
        clae_cla_episode_ceased_date="2026-11-20",
        clae_cla_episode_ceased_reason="E4A",
    )
    tables = x.changed(tables, "ssd_legal_status", "L3", lega_legal_status_end_date="2026-11-20")
    tables = x.changed(tables, "ssd_cla_placement", "PL3", clap_cla_placement_end_date="2026-11-20")
    run = sync(tables, x.at("2026-11-21"))
    ben = child("P200")
    assert ben.episodes.get().end == date(2026, 11, 20) and ben.episodes.get().reason_ceased == "E4A"
    assert ben.orders.get(order_type="section_20").ended == date(2026, 11, 20)
    assert run.people == {"changed": 1, "unchanged": 2}


def test_an_extract_older_than_the_facts_held_is_refused_for_those_children_and_reported(sync, october):
    newer = x.changed(x.council(), "ssd_cla_reviews", "R2", clar_cla_review_participation="PN1")
    newer = x.plus(newer, "ssd_cla_reviews", x.review("R5", "P100", "2026-10-20"))
    sync(newer, x.at("2026-10-25"))
    before = snapshot()
    # A late copy of an earlier night's extract (as at 1 October) arrives afterwards.
    run = sync(x.council(), october)
    assert snapshot() == before  # Ava keeps the review of 20 October and PN1
    assert run.status == SyncRun.SUCCEEDED
    assert run.people["refused, older than held"] == 1 and run.people["unchanged"] == 2
    problem = run.problems.get(person="P100")
    assert problem.table == "ssd_person" and problem.field == "pers_person_id"
    assert "newer than this extract" in problem.message


def test_a_fact_changed_here_after_the_extract_was_taken_is_not_overwritten(sync, october):
    sync(x.council(), october)
    review = Review.objects.get(child=child("P100"), date=date(2026, 2, 2))
    review.participation = "PN5"  # corrected here (the product as the case record) on the day it is saved
    review.save()
    # An extract taken before that correction, with another change for Ava, arrives next.
    tables = x.changed(x.council(), "ssd_cla_reviews", "R1", clar_cla_review_participation="PN2")
    tables = x.plus(tables, "ssd_cla_visits", x.visit("V9", "P100", "2026-04-01"))
    run = sync(tables, x.at("2026-10-02"))
    review.refresh_from_db()
    assert review.participation == "PN5"
    assert child("P100").visits.filter(date=date(2026, 4, 1)).exists()  # the rest of Ava's changes apply
    kept = run.problems.get(kind=SyncProblem.KEPT)
    assert (kept.table, kept.field) == ("ssd_cla_reviews", "clar_cla_review_id") and "not overwritten" in kept.message


def test_rows_that_leave_the_extract_are_ended_or_kept_and_reported_never_deleted(sync, october):
    sync(x.council(), october)
    tables = x.without(x.council(), "ssd_involvements", "I2")  # Irene's involvement with Ava is gone
    tables = x.without(tables, "ssd_cla_reviews", "R1")  # and so is Ava's first review
    run = sync(tables, x.at("2026-10-08"))
    ava = child("P100")
    iro = ava.allocations.get(role="iro")
    assert iro.end == date(2026, 10, 8)  # ended on the extract's day
    assert ava.reviews.filter(date=date(2026, 2, 2)).exists()  # kept as it was
    ended = run.problems.filter(kind=SyncProblem.ENDED)
    assert {(p.table, p.row) for p in ended} == {("ssd_involvements", "I2"), ("ssd_cla_reviews", "R1")}
    assert run.counts["allocation"]["ended"] == 1 and run.counts["review"]["ended"] == 1


def test_a_table_missing_from_the_extract_ends_nothing(sync, october):
    sync(x.council(), october)
    tables = {k: v for k, v in x.council().items() if k != "ssd_cla_visits"}
    run = sync(tables, x.at("2026-10-02"))
    assert Visit.objects.count() == 3 and not run.problems.filter(kind=SyncProblem.ENDED).exists()


def test_a_child_with_a_problem_keeps_everything_as_it_was_while_the_others_are_brought_up_to_date(sync, october):
    sync(x.council(), october)
    before = snapshot()
    tables = x.plus(x.council(), "ssd_cla_reviews", x.review("R6", "P100", "2026-09-01"))  # fine on its own
    tables = x.plus(tables, "ssd_cla_episodes", x.episode("E5", "P100", "2026-03-01", "PL1"))  # overlaps E1
    tables = x.plus(tables, "ssd_cla_reviews", x.review("R7", "P200", "2026-03-01"))
    run = sync(tables, x.at("2026-10-02"))
    after = snapshot()
    ava = child("P100")
    assert {k: v for k, v in after.items() if v.get("child_id") == ava.pk} == {
        k: v for k, v in before.items() if v.get("child_id") == ava.pk
    }
    assert not ava.reviews.filter(date=date(2026, 9, 1)).exists()
    assert child("P200").reviews.filter(date=date(2026, 3, 1)).exists()
    problems = run.problems.filter(kind=SyncProblem.PROBLEM)
    assert {(p.table, p.field, p.person) for p in problems} == {
        ("ssd_cla_episodes", "clae_cla_episode_start_date", "P100")
    }
    assert all("overlaps another episode" in p.message for p in problems)
    assert run.people["refused, with problems"] == 1
    # Next night the case system has been corrected: Ava's changes apply.
    fixed = x.without(tables, "ssd_cla_episodes", "E5")
    sync(fixed, x.at("2026-10-03"))
    assert child("P100").reviews.filter(date=date(2026, 9, 1)).exists()


def test_a_person_who_leaves_the_extract_is_kept_and_their_allocations_end(sync, october):
    tables = x.council()
    for i in range(4, 40):  # a council large enough that one leaving is not a partial extract
        tables = x.plus(tables, "ssd_person", x.person(f"P{i}00", "Child", f"Number{i}", "2015-01-01"))
    sync(tables, october)
    run = sync(x.without(tables, "ssd_person", "P300"), x.at("2026-10-02"))
    cara = child("P300")
    assert cara.allocations.get().end == date(2026, 10, 2)
    assert FeedPerson.objects.get(person_id="P300").vanished_at == x.at("2026-10-02")
    assert run.problems.get(kind=SyncProblem.ENDED).person == "P300"


def test_an_extract_that_would_lose_most_children_is_taken_for_a_partial_one_and_changes_nothing(sync, october):
    sync(x.council(), october)
    before = snapshot()
    tables = {"ssd_person": x.council()["ssd_person"][:1]}
    run = sync(tables, x.at("2026-10-02"))
    assert run.status == SyncRun.FAILED and "partial extract" in run.message
    assert snapshot() == before


def test_the_children_a_sync_changed_are_told_to_whoever_keeps_derived_facts(sync, october, monkeypatch):
    # Told in the transaction of each batch it writes, through the one way every way in says so.
    told = []
    monkeypatch.setitem(changes._listeners, "test", told.append)
    sync(x.council(), october)
    assert set().union(*told) == {c.pk for c in Child.objects.all()}
    told.clear()
    sync(x.plus(x.council(), "ssd_cla_visits", x.visit("V8", "P200", "2026-09-20")), x.at("2026-10-02"))
    assert set().union(*told) == {child("P200").pk}
    told.clear()
    sync(x.plus(x.council(), "ssd_cla_visits", x.visit("V8", "P200", "2026-09-20")), x.at("2026-10-03"))
    assert told == []  # nothing changed: nobody is told


def test_an_existing_record_is_adopted_by_its_person_id_not_duplicated(sync, october):
    ava = services.child_create(
        first_name="Ava", last_name="Brook", date_of_birth=date(2020, 3, 10), council_reference="P100"
    )
    services.episode_create(
        child=ava,
        start=date(2026, 1, 5),
        reason_new="S",
        legal_status="C1",
        category_of_need="N1",
        placement="U6",
        provider="PR1",
    )
    run = sync(x.council(), timezone.now())  # an extract taken after the episode was recorded here
    assert run.problem_count == 0
    assert Child.objects.filter(council_reference="P100").count() == 1
    assert ava.episodes.count() == 2 and ava.episodes.get(start=date(2026, 1, 5)).end == date(2026, 6, 1)


@pytest.mark.parametrize(
    "table,key,change,field,words",
    [
        (
            "ssd_cla_episodes",
            "E3",
            {"clae_cla_episode_start_date": "2011-01-01"},
            "clae_cla_episode_start_date",
            "before the child's date of birth",
        ),
        (
            "ssd_cla_episodes",
            "E3",
            {"clae_cla_episode_start_reason": "Q"},
            "clae_cla_episode_start_reason",
            "not a known reason for new episode",
        ),
        (
            "ssd_cla_placement",
            "PL3",
            {"clap_cla_placement_type": "Z9"},
            "clap_cla_placement_type",
            "not a known placement type",
        ),
        (
            "ssd_legal_status",
            "L3",
            {"lega_legal_status": "C9"},
            "lega_legal_status",
            "not an SSDA903 legal status code",
        ),
        ("ssd_person", "P200", {"pers_forename": '=HYPERLINK("http://x")'}, "pers_forename", "formula"),
        (
            "ssd_cla_reviews",
            "R3",
            {"clar_cla_review_participation": "PN9"},
            "clar_cla_review_participation",
            "not a known participation code",
        ),
        ("ssd_cla_visits", "V3", {"clav_cla_visit_date": "31/02/2026"}, "clav_cla_visit_date", "not a date"),
    ],
)
def test_an_incoherent_row_is_named_by_table_row_and_field_and_nothing_of_that_child_is_applied(
    sync, october, table, key, change, field, words
):
    run = sync(x.changed(x.council(), table, key, **change), october)
    problems = list(run.problems.filter(kind=SyncProblem.PROBLEM, field=field))
    assert any(words in p.message for p in problems), [p.message for p in problems]
    assert all((p.table, p.person) == (table, "P200") and p.row.isdigit() for p in problems)
    assert not Child.objects.filter(council_reference="P200").exists()
    assert Child.objects.filter(council_reference__in=["P100", "P300"]).count() == 2


def test_a_key_used_twice_is_named_on_both_rows(sync, october):
    tables = x.plus(x.council(), "ssd_cla_reviews", x.review("R1", "P200", "2026-01-10"))
    run = sync(tables, october)
    duplicates = run.problems.filter(field="clar_cla_review_id")
    assert {p.person for p in duplicates} == {"P100", "P200"}
    assert all("more than one row" in p.message for p in duplicates)
    assert not Child.objects.filter(council_reference__in=["P100", "P200"]).exists()


def test_each_child_a_sync_changes_is_in_the_audit_trail_and_the_chain_still_holds(sync, october):
    sync(x.council(), october)
    run = sync(x.plus(x.council(), "ssd_cla_visits", x.visit("V8", "P200", "2026-09-20")), x.at("2026-10-02"))
    ben = child("P200")
    event = AuditEvent.objects.filter(child_id=ben.pk, model="feed.sync").last()
    assert event.object_id == str(run.pk) and event.username == "case system feed"
    assert event.after["changes"] == {"visit": {"new": 1}}
    assert AuditEvent.objects.filter(model="feed.sync").count() == 4  # three new children, then Ben
    assert chain.verify()[1] is None


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite: the lock is a file")
def test_a_second_sync_while_one_is_running_is_refused_and_changes_nothing(sync, october):
    with open(feed_sync.lock_path(), "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)  # a sync in another process holds it
        run = sync(x.council(), october)
        fcntl.flock(handle, fcntl.LOCK_UN)
    assert run.status == SyncRun.FAILED and "another sync is running" in run.message
    assert not Child.objects.exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL: the lock is an advisory lock")
def test_a_second_sync_while_one_is_running_is_refused_on_postgresql(sync, october):
    settings = connection.settings_dict
    with psycopg.connect(
        host=settings["HOST"] or "127.0.0.1",
        port=settings["PORT"] or 5432,
        user=settings["USER"],
        dbname=settings["NAME"],
        autocommit=True,
    ) as other:
        other.execute("SELECT pg_advisory_lock(%s)", [feed_sync.LOCK_KEY])
        run = sync(x.council(), october)
        # Let go now: a closed connection's lock is freed only when its server process has ended,
        # which may be after the next test has started.
        other.execute("SELECT pg_advisory_unlock(%s)", [feed_sync.LOCK_KEY])
    assert run.status == SyncRun.FAILED and "another sync is running" in run.message
    assert not Child.objects.exists()


def test_a_run_left_running_by_a_process_that_died_is_marked_failed_by_the_next(sync, october):
    dead = SyncRun.objects.create(started_at=timezone.now(), source="x", as_at=october)
    sync(x.council(), october)
    dead.refresh_from_db()
    assert dead.status == SyncRun.FAILED and "stopped before it finished" in dead.message
