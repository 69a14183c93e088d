"""What the scheduler has enqueued, and which worker and scheduler processes are alive.

The queue itself (each task's status, times, outcome and traceback) is django_tasks_db's
DBTaskResult table.
"""

from django.db import models


class ScheduledRun(models.Model):
    """One nightly job for one night. Unique, so however many schedulers run, a night's job is
    enqueued once."""

    job = models.CharField(max_length=64)
    day = models.DateField(help_text="The night the run is for (the council's local date).")
    due_at = models.DateTimeField()
    enqueued_at = models.DateTimeField(auto_now_add=True)
    task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-day", "job"]
        constraints = [models.UniqueConstraint(fields=["job", "day"], name="jobs_one_run_a_night")]

    def __str__(self):
        return f"{self.job} for {self.day:%d/%m/%Y}"


class Heartbeat(models.Model):
    """A worker or scheduler process says it is alive every few seconds."""

    WORKER, SCHEDULER = "worker", "scheduler"
    KINDS = [(WORKER, "Worker"), (SCHEDULER, "Scheduler")]

    process_id = models.CharField(max_length=100, unique=True)
    kind = models.CharField(max_length=16, choices=KINDS)
    hostname = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["kind", "-seen_at"]

    def __str__(self):
        return f"{self.kind} {self.process_id}"
