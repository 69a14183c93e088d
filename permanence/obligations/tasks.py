"""The nightly job of the obligations read model: a new day, worked out for every child."""

from datetime import date

from django_tasks import task

from permanence.children.models import Child
from permanence.jobs.registry import register_job

from .batch import compute_all


@task()
def day_passed(*, day: str) -> str:
    """A day has passed: dates that were due soon may now be overdue. Works out every child's
    obligations for `day` with the obligations batch (until the stored read model replaces it)."""
    today = date.fromisoformat(day)
    ids = list(Child.objects.order_by("pk").values_list("pk", flat=True))
    # One process: forking beside the worker's heartbeat thread is not safe.
    result = compute_all(ids, today=today, processes=1)
    return (
        f"Worked out {result.obligations:,} obligations for {result.children:,} children on {today:%d/%m/%Y}: "
        f"{result.by_status.get('overdue', 0):,} overdue, {result.by_status.get('due_soon', 0):,} due soon"
    )


register_job(day_passed, name="day-passed", title="Obligations for the new day", nightly_at="00:15")
