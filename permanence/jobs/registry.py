"""The jobs the product runs in the background, registered by the apps that own them.

A job is a task (Django's tasks framework) with a name, a title administrators read, and for a
nightly job the time of day the scheduler enqueues it. A nightly task takes one keyword
argument, `day` (YYYY-MM-DD): the night it is for, so a run caught up late still works out
that day. Councils move or switch off nightly jobs with PERMANENCE_NIGHTLY, for example
"digest=07:00,backup=off".
"""

import re
from dataclasses import dataclass
from datetime import time, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django_tasks.base import Task

NAME = re.compile(r"^[a-z][a-z0-9-]{1,40}$")
HOUR_MINUTE = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True)
class Job:
    name: str
    title: str
    task: Task[Any, Any]
    nightly_at: time | None = None
    catch_up: timedelta = timedelta(hours=24)

    @property
    def task_path(self) -> str:
        return self.task.module_path

    @property
    def schedule(self) -> str:
        if self.nightly_at is None:
            return "When needed"
        return f"Every night at {self.nightly_at:%H:%M}"


_JOBS: dict[str, Job] = {}


def parse_time(value: str, *, what: str) -> time:
    found = HOUR_MINUTE.match(value.strip())
    if not found:
        raise ImproperlyConfigured(f"{what}: {value!r} is not a time of day (expected HH:MM, for example 02:30)")
    return time(int(found.group(1)), int(found.group(2)))


def register_job(
    task: Task[Any, Any], *, name: str, title: str, nightly_at: str | None = None, catch_up_hours: int = 24
) -> Job:
    """Add a job (or replace it, when its module is imported again). Refused early with a reason."""
    if not NAME.match(name):
        raise ImproperlyConfigured(f"Job name {name!r}: use lower-case letters, digits and hyphens")
    if not hasattr(task, "enqueue") or not hasattr(task, "module_path"):
        raise ImproperlyConfigured(f"Job {name!r}: register a task made with django_tasks.task, not {task!r}")
    if not 1 <= catch_up_hours <= 24:
        raise ImproperlyConfigured(f"Job {name!r}: catch_up_hours must be between 1 and 24")
    for other in _JOBS.values():
        if other.name != name and other.task_path == task.module_path:
            raise ImproperlyConfigured(f"Job {name!r}: its task is already registered as {other.name!r}")
    job = Job(
        name=name,
        title=title,
        task=task,
        nightly_at=parse_time(nightly_at, what=f"Job {name!r}") if nightly_at else None,
        catch_up=timedelta(hours=catch_up_hours),
    )
    _JOBS[name] = job
    return job


def _overrides() -> dict[str, time | None]:
    """PERMANENCE_NIGHTLY: "name=HH:MM" or "name=off", comma separated."""
    out: dict[str, time | None] = {}
    for item in getattr(settings, "PERMANENCE_NIGHTLY", "").split(","):
        if not item.strip():
            continue
        name, sep, value = item.partition("=")
        name, value = name.strip(), value.strip()
        if not sep:
            raise ImproperlyConfigured(f"PERMANENCE_NIGHTLY: {item.strip()!r} should be name=HH:MM or name=off")
        out[name] = None if value.lower() == "off" else parse_time(value, what=f"PERMANENCE_NIGHTLY {name}")
    return out


def jobs() -> list[Job]:
    """Every registered job, with the council's nightly times applied, in name order."""
    overrides = _overrides()
    unknown = set(overrides) - set(_JOBS)
    if unknown:
        raise ImproperlyConfigured(
            f"PERMANENCE_NIGHTLY names {', '.join(sorted(unknown))}, which is not a job. Jobs: {', '.join(sorted(_JOBS))}"
        )
    out = []
    for name in sorted(_JOBS):
        job = _JOBS[name]
        if name in overrides:
            job = Job(name=job.name, title=job.title, task=job.task, nightly_at=overrides[name], catch_up=job.catch_up)
        out.append(job)
    return out


def nightly_jobs() -> list[Job]:
    return [job for job in jobs() if job.nightly_at is not None]


def get_job(name: str) -> Job:
    for job in jobs():
        if job.name == name:
            return job
    raise LookupError(f"No job called {name!r}. Jobs: {', '.join(sorted(_JOBS))}")
