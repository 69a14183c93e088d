"""Writes: an administrator asks for a nightly job to run now."""

from datetime import date

from django.db import transaction

from .registry import get_job


def job_run_now(*, name: str, today: date) -> str:
    """Enqueue the nightly job `name` for `today`, outside its schedule. Returns the task id."""
    job = get_job(name)
    if job.nightly_at is None:
        raise ValueError(f"{job.title} runs when it is needed (an upload, a change); it cannot be started here")
    with transaction.atomic():
        return str(job.task.enqueue(day=today.isoformat()).id)
