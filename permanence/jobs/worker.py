"""`permanence worker`: runs queued jobs (django_tasks_db's worker) with a heartbeat beside it.

Several workers may run side by side, on one machine or many: each claims a task in its own
transaction with SELECT ... FOR UPDATE SKIP LOCKED on PostgreSQL (an exclusive transaction on
SQLite), so no task runs twice.
"""

import signal

from django.core.management import call_command

from . import heartbeat
from .models import Heartbeat


def run_worker(
    *, queues: str = "*", interval: float = 1.0, batch: bool = False, max_tasks: int | None = None, verbosity: int = 1
) -> None:
    process_id = heartbeat.process_id(Heartbeat.WORKER)
    heartbeat.forget_old()
    beating = heartbeat.HeartbeatThread(kind=Heartbeat.WORKER, process_id=process_id)
    heartbeat.beat(kind=Heartbeat.WORKER, process_id=process_id, started_at=beating.started_at)
    beating.start()
    options = {
        "queue_name": queues,
        "interval": interval,
        "batch": batch,
        "reload": False,
        "worker_id": process_id[:64],
        "startup_delay": not batch,
        "verbosity": verbosity,
    }
    if max_tasks is not None:
        options["max_tasks"] = max_tasks
    handlers = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        call_command("db_worker", **options)
    finally:
        for signum, handler in handlers.items():
            signal.signal(signum, handler)
        beating.stop()
        heartbeat.stop(process_id)
