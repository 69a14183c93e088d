"""The nightly job of the feed: bring the case record up to date from the council's SSD.

The source is the setting PERMANENCE_SSD_SOURCE (a folder of CSV extracts or a database URL);
without one, the job says so and changes nothing. A run that fails raises, so the job shows as
failed on the Background jobs page (and the feed's own page says why).
"""

from django.conf import settings
from django_tasks import task

from permanence.jobs.registry import register_job

from .cli import summary
from .models import SyncRun
from .sync import ssd_sync


class SyncFailed(Exception):
    pass


@task()
def sync_case_system(*, day: str) -> str:
    """Read tonight's SSD extract into the case record (each child whole or not at all)."""
    source = getattr(settings, "PERMANENCE_SSD_SOURCE", "")
    if not source:
        return "No SSD source is set (PERMANENCE_SSD_SOURCE): nothing was read"
    run = ssd_sync(source=source)
    if run.status != SyncRun.SUCCEEDED:
        raise SyncFailed(f"Sync {run.pk} failed: {run.message}")
    return " ".join(summary(run).splitlines()[:2])[:300]


# After the council's SSD build (most councils run it in the small hours); before the day's work.
register_job(sync_case_system, name="ssd-sync", title="Case system sync (SSD)", nightly_at="02:30", catch_up_hours=6)
