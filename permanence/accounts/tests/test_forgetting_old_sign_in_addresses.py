"""Staff's network addresses are kept only as long as the lockout counts them as known: the nightly
job forgets older ones and says how many."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from permanence.accounts.models import KnownSignInAddress
from permanence.accounts.tasks import forget_sign_in_addresses
from permanence.jobs import registry
from permanence.jobs.testing import run_queued_jobs


def signed_in_from(username, ip, days_ago):
    KnownSignInAddress.objects.create(username=username, ip=ip, at=timezone.now() - timedelta(days=days_ago))


def run_the_nightly_job():
    forget_sign_in_addresses.enqueue(day="2026-11-24")
    run_queued_jobs()
    return DBTaskResult.objects.order_by("-enqueued_at").first()


def test_an_address_not_used_for_longer_than_the_lockout_counts_is_forgotten_overnight(db):
    days = settings.PERMANENCE_KNOWN_ADDRESS_DAYS
    signed_in_from("sam", "198.51.100.20", days_ago=days + 1)  # the office Sam left last spring
    signed_in_from("sam", "192.0.2.44", days_ago=3)  # home, this week
    signed_in_from("tara", "198.51.100.20", days_ago=days - 1)  # still counts, just

    run = run_the_nightly_job()

    assert run.status == "SUCCESSFUL"
    assert run.return_value == f"Forgot 1 sign-in address not used for {days} days"
    assert sorted(KnownSignInAddress.objects.values_list("username", "ip")) == [
        ("sam", "192.0.2.44"),
        ("tara", "198.51.100.20"),
    ]


def test_running_it_again_the_same_night_forgets_nothing_more(db):
    signed_in_from("sam", "198.51.100.20", days_ago=settings.PERMANENCE_KNOWN_ADDRESS_DAYS + 30)
    signed_in_from("sam", "192.0.2.44", days_ago=1)
    assert run_the_nightly_job().return_value.startswith("Forgot 1 sign-in address ")

    again = run_the_nightly_job()

    assert again.status == "SUCCESSFUL" and again.return_value.startswith("Forgot 0 sign-in addresses ")
    assert list(KnownSignInAddress.objects.values_list("ip", flat=True)) == ["192.0.2.44"]


def test_the_scheduler_runs_it_every_night():
    job = registry.get_job("forget-sign-in-addresses")
    assert job.schedule == "Every night at 03:15" and job.title == "Forget old sign-in addresses"
