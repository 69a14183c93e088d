"""For tests: run every queued job now, in this process, as the worker would."""

from unittest import mock

from django.core.management import call_command


def run_queued_jobs() -> None:
    """Run the queue to empty, in the test's own transaction (the worker's connection clean-up,
    which would end that transaction, and its signal handlers are left out)."""
    worker = "django_tasks_db.management.commands.db_worker"
    with (
        mock.patch(f"{worker}.close_old_connections"),
        mock.patch(f"{worker}.Worker.configure_signals"),  # the test process keeps its own handlers
    ):
        call_command("db_worker", queue_name="*", batch=True, reload=False, startup_delay=False, verbosity=0)
