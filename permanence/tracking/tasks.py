"""The nightly job of the tracking app: each worker's digest by email."""

from datetime import date

from django.conf import settings
from django_tasks import task

from permanence.jobs.registry import register_job

from .digest import digests_send


@task()
def send_digests(*, day: str) -> str:
    """Email each social worker their overdue and due-soon items (workers with neither get none)."""
    outcome = digests_send(today=date.fromisoformat(day), skip_empty=settings.PERMANENCE_DIGEST_SKIP_EMPTY)
    return outcome.summary()


# A digest is worth sending until the middle of the working day, not the next afternoon.
register_job(send_digests, name="digest", title="Email each worker their digest", nightly_at="06:30", catch_up_hours=6)
