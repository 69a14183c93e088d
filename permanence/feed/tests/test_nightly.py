"""The nightly sync is a job the scheduler enqueues after the SSD build: it reads the council's
extract, and a failed run shows as a failed job."""

from datetime import UTC, datetime

from django_tasks import TaskResultStatus

from permanence.children.models import Child
from permanence.feed.models import SyncRun
from permanence.feed.tasks import sync_case_system
from permanence.jobs import scheduler
from permanence.jobs.testing import run_queued_jobs

from . import extracts as x


def test_the_scheduler_enqueues_the_sync_after_half_past_two_and_the_worker_reads_the_extract(db, tmp_path, settings):
    # Only this job tonight (the backup cannot read the database from inside a test's transaction).
    settings.PERMANENCE_NIGHTLY = (
        "day-passed=off,backup=off,clear-job-history=off,digest=off,audit-checkpoint=off,forget-sign-in-addresses=off"
    )
    settings.PERMANENCE_SSD_SOURCE = x.write(tmp_path / "tonight", x.council(), as_at=x.at("2026-11-24", hour=2))
    assert scheduler.tick(now=datetime(2026, 11, 24, 2, 0, tzinfo=UTC)) == []
    assert scheduler.tick(now=datetime(2026, 11, 24, 2, 35, tzinfo=UTC)) == ["ssd-sync"]
    run_queued_jobs()
    assert SyncRun.objects.get().status == SyncRun.SUCCEEDED
    assert Child.objects.count() == 3


def test_a_failed_sync_is_a_failed_job(db, tmp_path, settings):
    settings.PERMANENCE_SSD_SOURCE = str(tmp_path / "not-there")
    result = sync_case_system.enqueue(day="2026-11-24")
    run_queued_jobs()
    result.refresh()
    assert result.status == TaskResultStatus.FAILED
    assert "is not a folder" in SyncRun.objects.get().message


def test_without_a_source_the_job_reads_nothing_and_says_so(db, settings):
    settings.PERMANENCE_SSD_SOURCE = ""
    result = sync_case_system.enqueue(day="2026-11-24")
    run_queued_jobs()
    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL and "PERMANENCE_SSD_SOURCE" in result.return_value
    assert not SyncRun.objects.exists()
