"""The accounts' nightly job: forget sign-in addresses the lockout no longer counts as known."""

from django.conf import settings
from django_tasks import task

from permanence.jobs.registry import register_job

from .lockout import forget_old_addresses


@task()
def forget_sign_in_addresses(*, day: str) -> str:
    """Delete known sign-in addresses older than PERMANENCE_KNOWN_ADDRESS_DAYS (lockout.py)."""
    forgotten = forget_old_addresses()
    return (
        f"Forgot {forgotten} sign-in address{'es' if forgotten != 1 else ''} not used for "
        f"{settings.PERMANENCE_KNOWN_ADDRESS_DAYS} days"
    )


register_job(
    forget_sign_in_addresses, name="forget-sign-in-addresses", title="Forget old sign-in addresses", nightly_at="03:15"
)
