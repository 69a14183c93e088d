"""`permanence worker`, `permanence scheduler` and `permanence jobs`."""

import argparse
import signal
import sys
from datetime import date

from django.utils import timezone

from . import selectors, services
from .scheduler import run_scheduler
from .worker import run_worker


def _stop_on_sigterm():
    # systemd stops a service with SIGTERM: leave through `finally` so the heartbeat is removed.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))


def worker_main(argv):
    parser = argparse.ArgumentParser(
        prog="permanence worker",
        description="Run queued background jobs until stopped. Several workers may run side by side.",
    )
    parser.add_argument("--queues", default="*", help="comma-separated queue names, or * for all (default)")
    parser.add_argument("--interval", type=float, default=1.0, help="seconds between looks at an empty queue")
    parser.add_argument("--batch", action="store_true", help="run what is queued, then stop")
    parser.add_argument("--max-tasks", type=int, help="stop after this many jobs (a supervisor restarts the worker)")
    parser.add_argument("--quiet", action="store_true", help="log warnings only")
    args = parser.parse_args(argv)
    if args.interval <= 0:
        parser.error("--interval: give a number of seconds above 0")
    if args.max_tasks is not None and args.max_tasks < 1:
        parser.error("--max-tasks: give a whole number above 0")
    run_worker(
        queues=args.queues,
        interval=args.interval,
        batch=args.batch,
        max_tasks=args.max_tasks,
        verbosity=0 if args.quiet else 1,
    )
    return 0


def scheduler_main(argv):
    parser = argparse.ArgumentParser(
        prog="permanence scheduler",
        description="Queue each nightly job at its time (PERMANENCE_NIGHTLY moves or switches one off).",
    )
    parser.add_argument("--interval", type=float, default=30.0, help="seconds between looks at the clock (default 30)")
    parser.add_argument("--once", action="store_true", help="queue what is due now, then stop")
    args = parser.parse_args(argv)
    if args.interval <= 0:
        parser.error("--interval: give a number of seconds above 0")
    _stop_on_sigterm()
    run_scheduler(interval=args.interval, once=args.once, stdout=sys.stdout)
    return 0


def jobs_main(argv):
    parser = argparse.ArgumentParser(prog="permanence jobs", description="List background jobs, or run one now.")
    sub = parser.add_subparsers(dest="action")
    sub.add_parser("list", help="each job, its schedule and its last run (the default)")
    run = sub.add_parser("run", help="queue a nightly job now (a worker runs it)")
    run.add_argument("name")
    run.add_argument("--day", help="the night it is for, YYYY-MM-DD (default: today)")
    args = parser.parse_args(argv)
    if args.action == "run":
        try:
            day = date.fromisoformat(args.day) if args.day else timezone.localdate()
        except ValueError:
            print(f"permanence jobs run: --day: {args.day!r} is not a date (expected YYYY-MM-DD)", file=sys.stderr)
            return 2
        try:
            task_id = services.job_run_now(name=args.name, today=day)
        except (LookupError, ValueError) as refusal:
            print(f"permanence jobs run: {refusal}", file=sys.stderr)
            return 2
        print(f"Queued {args.name} for {day:%d/%m/%Y} (task {task_id})")
        return 0
    for status in selectors.job_statuses():
        last = status.last
        when = timezone.localtime(last.enqueued_at).strftime("%Y-%m-%d %H:%M") if last else "never"
        outcome = (
            f"{last.outcome}{': ' + (last.summary or last.error) if (last.summary or last.error) else ''}"
            if last
            else ""
        )
        print(f"{status.job.name:<18} {status.job.schedule:<24} {when:<17} {outcome}")
    return 0
