"""The scheduler queues each nightly job once a night, at its time in the council's time zone."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ImproperlyConfigured
from django_tasks_db.models import DBTaskResult

from permanence.jobs import registry, scheduler
from permanence.jobs.models import ScheduledRun
from permanence.jobs.tests.probe import note_run

LONDON = ZoneInfo("Europe/London")


def at(text):
    """A moment in London, 'YYYY-MM-DD HH:MM'."""
    return datetime.fromisoformat(text).replace(tzinfo=LONDON)


def nightly(name):
    return registry.get_job(name)


def test_every_nightly_job_the_issue_names_is_registered():
    names = {job.name for job in registry.nightly_jobs()}
    assert {"day-passed", "digest", "backup"} <= names


def test_a_job_is_due_at_its_time_today_or_else_at_its_time_last_night():
    digest = nightly("digest")  # 06:30
    assert scheduler.latest_slot(at("2026-11-24 07:00"), digest, LONDON) == at("2026-11-24 06:30")
    assert scheduler.latest_slot(at("2026-11-24 06:29"), digest, LONDON) == at("2026-11-23 06:30")
    assert scheduler.latest_slot(at("2026-11-24 06:30"), digest, LONDON) == at("2026-11-24 06:30")


def test_clocks_changing_do_not_move_a_night_or_add_one():
    digest = nightly("digest")
    # Clocks go forward on 29 March 2026 and back on 25 October 2026: still one run each morning, at 06:30 local.
    for day in ("2026-03-29", "2026-10-25"):
        due = scheduler.latest_slot(at(f"{day} 09:00"), digest, LONDON)
        assert due.astimezone(LONDON).time() == time(6, 30) and str(due.date()) == day


@pytest.mark.django_db
def test_the_scheduler_queues_each_nightly_job_once_a_night():
    now = at("2026-11-24 07:00")
    first = scheduler.tick(now=now)
    assert {"day-passed", "digest", "backup"} <= set(first)
    assert scheduler.tick(now=now + timedelta(minutes=1)) == []  # a second look, or a second scheduler
    assert ScheduledRun.objects.filter(job="digest", day="2026-11-24").count() == 1
    queued = DBTaskResult.objects.filter(task_path=nightly("digest").task_path).get()
    assert queued.args_kwargs == {"args": [], "kwargs": {"day": "2026-11-24"}}
    assert queued.status == "READY"


@pytest.mark.django_db
def test_a_scheduler_that_was_down_catches_up_last_nights_run_but_not_a_stale_digest():
    # Down from before midnight until 13:00: the day-passed run (00:15) is caught up; the digest
    # (06:30) is more than 6 hours late, so it waits for tomorrow rather than arrive after lunch.
    enqueued = scheduler.tick(now=at("2026-11-24 13:00"))
    assert "day-passed" in enqueued and "digest" not in enqueued


@pytest.mark.django_db
def test_two_schedulers_at_once_still_queue_a_night_once(monkeypatch):
    """The second finds the night taken by the unique row, even if it looked before the first wrote."""
    now = at("2026-11-24 07:00")
    scheduler.tick(now=now)
    monkeypatch.setattr(
        ScheduledRun.objects, "filter", lambda **kw: ScheduledRun.objects.none()
    )  # the race: it saw nothing
    assert scheduler.tick(now=now) == []
    assert DBTaskResult.objects.filter(task_path=nightly("digest").task_path).count() == 1


def test_a_council_moves_or_switches_off_a_nightly_job(settings):
    settings.PERMANENCE_NIGHTLY = "digest=07:45, backup=off"
    assert nightly("digest").nightly_at == time(7, 45)
    assert "backup" not in {job.name for job in registry.nightly_jobs()}


@pytest.mark.parametrize(
    "value, message",
    [
        ("digest=7.45", "PERMANENCE_NIGHTLY digest: '7.45' is not a time of day"),
        ("digest", "should be name=HH:MM or name=off"),
        ("digets=07:00", "PERMANENCE_NIGHTLY names digets, which is not a job"),
    ],
)
def test_a_mistyped_schedule_is_refused_with_the_reason(settings, value, message):
    settings.PERMANENCE_NIGHTLY = value
    with pytest.raises(ImproperlyConfigured, match=message):
        registry.jobs()


def test_a_job_is_registered_with_a_task_and_a_readable_name():
    with pytest.raises(ImproperlyConfigured, match="lower-case letters"):
        registry.register_job(note_run, name="Note Run", title="Note")
    with pytest.raises(ImproperlyConfigured, match="not a time of day"):
        registry.register_job(note_run, name="note-run", title="Note", nightly_at="25:00")
    with pytest.raises(ImproperlyConfigured, match="register a task"):
        registry.register_job(print, name="note-run", title="Note")
    assert "note-run" not in {job.name for job in registry.jobs()}


def test_the_time_of_day_is_in_utc_when_stored():
    due = scheduler.latest_slot(at("2026-07-01 09:00"), nightly("digest"), LONDON)
    assert due.astimezone(UTC).time() == time(5, 30)  # 06:30 British Summer Time
