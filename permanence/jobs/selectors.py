"""What the Background jobs page shows: each job's last run and outcome, the queue, the processes."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Max
from django_tasks_db.models import DBTaskResult

from . import heartbeat
from .models import Heartbeat
from .registry import Job, jobs

OUTCOME = {"READY": "Waiting", "RUNNING": "Running", "SUCCESSFUL": "Succeeded", "FAILED": "Failed"}
TAG = {"READY": "grey", "RUNNING": "blue", "SUCCESSFUL": "green", "FAILED": "red"}


@dataclass(frozen=True)
class Run:
    id: str
    status: str
    enqueued_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    summary: str
    error: str

    @property
    def outcome(self) -> str:
        return OUTCOME.get(self.status, self.status)

    @property
    def tag(self) -> str:
        return TAG.get(self.status, "grey")

    @property
    def seconds(self) -> float | None:
        if self.started_at and self.finished_at:
            return (self.finished_at - self.started_at).total_seconds()
        return None


@dataclass(frozen=True)
class JobStatus:
    job: Job
    last: Run | None
    last_succeeded_at: datetime | None


@dataclass(frozen=True)
class Process:
    kind: str
    hostname: str
    pid: int
    started_at: datetime
    seen_at: datetime
    alive: bool


def _error(row: DBTaskResult) -> str:
    if row.status != "FAILED":
        return ""
    name = row.exception_class_path.rsplit(".", 1)[-1]
    lines = [line for line in row.traceback.strip().splitlines() if line.strip()]
    return lines[-1][:300] if lines else name


def _summary(value) -> str:
    if value is None:
        return ""
    return value[:300] if isinstance(value, str) else str(value)[:300]


def _run(row: DBTaskResult) -> Run:
    return Run(
        id=str(row.id),
        status=row.status,
        enqueued_at=row.enqueued_at,
        started_at=row.started_at,
        finished_at=row.finished_at,
        summary=_summary(row.return_value) if row.status == "SUCCESSFUL" else "",
        error=_error(row),
    )


def job_statuses() -> list[JobStatus]:
    """Every registered job with its latest run and when it last succeeded (three queries)."""
    registered = jobs()
    paths = [job.task_path for job in registered]
    latest = dict(
        DBTaskResult.objects.filter(task_path__in=paths)
        .values("task_path")
        .annotate(at=Max("enqueued_at"))
        .values_list("task_path", "at")
    )
    succeeded = dict(
        DBTaskResult.objects.filter(task_path__in=paths, status="SUCCESSFUL")
        .values("task_path")
        .annotate(at=Max("finished_at"))
        .values_list("task_path", "at")
    )
    rows = {}
    if latest:
        for row in DBTaskResult.objects.filter(task_path__in=paths, enqueued_at__in=list(latest.values())):
            if latest.get(row.task_path) == row.enqueued_at:
                rows[row.task_path] = row
    return [
        JobStatus(
            job=job,
            last=_run(rows[job.task_path]) if job.task_path in rows else None,
            last_succeeded_at=succeeded.get(job.task_path),
        )
        for job in registered
    ]


def queue_counts() -> dict[str, int]:
    counts = dict(
        DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).values_list("status").annotate(n=Count("id"))
    )
    return {"waiting": counts.get("READY", 0), "running": counts.get("RUNNING", 0)}


def processes() -> list[Process]:
    return [
        Process(
            kind=row.get_kind_display(),
            hostname=row.hostname,
            pid=row.pid,
            started_at=row.started_at,
            seen_at=row.seen_at,
            alive=heartbeat.is_recent(row.seen_at),
        )
        for row in Heartbeat.objects.all()
    ]


def latest_heartbeat(kind: str) -> datetime | None:
    return Heartbeat.objects.filter(kind=kind).aggregate(at=Max("seen_at"))["at"]


def recent_runs(*, limit: int = 25) -> list[tuple[str, Run]]:
    """The latest runs of any job, newest first, with the job's title."""
    titles = {job.task_path: job.title for job in jobs()}
    rows = DBTaskResult.objects.order_by("-enqueued_at")[:limit]
    return [(titles.get(row.task_path, row.task_path.rsplit(".", 1)[-1]), _run(row)) for row in rows]
