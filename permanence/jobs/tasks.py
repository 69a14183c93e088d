"""Housekeeping jobs: the nightly backup, and clearing old job history."""

import re
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from permanence import backups

from .models import ScheduledRun
from .registry import register_job

BACKUP_NAME = re.compile(r"^permanence-(\d{4}-\d{2}-\d{2})\.(sqlite3|dump)$")


def backup_path(day: date) -> Path:
    suffix = "sqlite3" if connection.vendor == "sqlite" else "dump"
    return Path(settings.PERMANENCE_BACKUP_DIR) / f"permanence-{day.isoformat()}.{suffix}"


@task()
def nightly_backup(*, day: str) -> str:
    """Back up the database to PERMANENCE_BACKUP_DIR and keep the newest PERMANENCE_BACKUP_KEEP."""
    path = backups.backup(backup_path(date.fromisoformat(day)))
    kept = sorted((p for p in path.parent.iterdir() if BACKUP_NAME.match(p.name)), key=lambda p: p.name, reverse=True)
    removed = 0
    for old in kept[settings.PERMANENCE_BACKUP_KEEP :]:
        old.unlink()
        removed += 1
    size = path.stat().st_size
    text = f"Backed up to {path} ({size / 1_000_000:.1f} MB)"
    return text + (f"; removed {removed} older backup{'s' if removed != 1 else ''}" if removed else "")


@task()
def clear_job_history(*, day: str) -> str:
    """Finished runs older than PERMANENCE_JOB_HISTORY_DAYS leave the queue table."""
    cutoff = timezone.now() - timedelta(days=settings.PERMANENCE_JOB_HISTORY_DAYS)
    with transaction.atomic():
        runs, _ = DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()
        ScheduledRun.objects.filter(enqueued_at__lt=cutoff).delete()
    return (
        f"Cleared {runs} finished run{'s' if runs != 1 else ''} older than {settings.PERMANENCE_JOB_HISTORY_DAYS} days"
    )


register_job(nightly_backup, name="backup", title="Back up the database", nightly_at="01:30")
register_job(clear_job_history, name="clear-job-history", title="Clear old job history", nightly_at="03:00")
