"""The scheduler: enqueues each nightly job once a night, at its time in the council's time zone.

A night's run is recorded in ScheduledRun (unique on job and day) in the same transaction as
the queue row, so however many schedulers run, and however often one restarts, a night's job is
enqueued once. A scheduler that was down catches up the latest night's run if it is no more
than the job's catch-up window late (24 hours unless the job says less: a digest is not sent
the next afternoon).
"""

import logging
import time as clock
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from . import heartbeat
from .models import Heartbeat, ScheduledRun
from .registry import Job, nightly_jobs

logger = logging.getLogger("permanence.jobs")


def latest_slot(now: datetime, job: Job, tz: ZoneInfo) -> datetime:
    """The latest time at or before `now` that the job was due (in the council's time zone)."""
    if job.nightly_at is None:
        raise ValueError(f"{job.name} is not a nightly job")
    local = now.astimezone(tz)
    due = datetime.combine(local.date(), job.nightly_at, tzinfo=tz)
    if due > local:
        due = datetime.combine(local.date() - timedelta(days=1), job.nightly_at, tzinfo=tz)
    return due


def tick(*, now: datetime | None = None) -> list[str]:
    """Enqueue every nightly job that is due and not yet enqueued for its night. Returns their names."""
    now = now or timezone.now()
    tz = ZoneInfo(settings.TIME_ZONE)
    enqueued = []
    for job in nightly_jobs():
        due = latest_slot(now, job, tz)
        if now - due > job.catch_up:
            continue
        day = due.date()
        if ScheduledRun.objects.filter(job=job.name, day=day).exists():
            continue
        try:
            with transaction.atomic():
                run = ScheduledRun.objects.create(job=job.name, day=day, due_at=due)
                result = job.task.enqueue(day=day.isoformat())
                run.task_id = str(result.id)
                run.save(update_fields=["task_id"])
        except IntegrityError:
            continue  # another scheduler enqueued it first
        logger.info("enqueued nightly job", extra={"job": job.name, "day": day.isoformat()})
        enqueued.append(job.name)
    return enqueued


def run_scheduler(*, interval: float = 30.0, once: bool = False, stdout=None) -> None:
    """Tick every `interval` seconds until stopped (SIGTERM / Ctrl+C), with a heartbeat."""
    process_id = heartbeat.process_id(Heartbeat.SCHEDULER)
    started_at = timezone.now()
    heartbeat.forget_old()
    try:
        while True:
            heartbeat.beat(kind=Heartbeat.SCHEDULER, process_id=process_id, started_at=started_at)
            for name in tick():
                if stdout is not None:
                    stdout.write(f"{timezone.localtime():%Y-%m-%d %H:%M:%S} enqueued {name}\n")
                    stdout.flush()
            if once:
                return
            clock.sleep(interval)
    finally:
        heartbeat.stop(process_id)
