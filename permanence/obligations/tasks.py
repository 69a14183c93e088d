"""The nightly job of the obligations read model: a new day, worked out for every child."""

import os
from datetime import date

from django_tasks import task

from permanence.jobs.registry import register_job

from .nightly import day_moved


@task()
def day_passed(*, day: str) -> str:
    """A day has passed: dates that were due soon may now be overdue. Works out every child's
    obligations for `day` and rewrites the stored ones that moved."""
    today = date.fromisoformat(day)
    result = day_moved(today=today, processes=min(os.cpu_count() or 1, 4))
    return (
        f"Worked out the obligations for {result.children:,} children on {today:%d/%m/%Y}: "
        f"{result.rewritten:,} changed, {result.overdue:,} overdue, {result.due_soon:,} due soon"
    )


register_job(day_passed, name="day-passed", title="Obligations for the new day", nightly_at="00:15")
