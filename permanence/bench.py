"""`make bench`: national-scale timings for the demo generator and the obligations batch.

Generates a council of N children looked after (default 85,000) into the database given by
DATABASE_URL (default: var/bench.sqlite3, kept apart from the demo database), then reports:
  - the time to generate and store it,
  - the time just to read every row the engine needs,
  - the time to compute every child's obligations from the database (read + snapshot + engine),
  - their ratio,
  - the stored obligations (the read model): building them for every child, the time for one fact
    change to reach them (median and p95, brothers' and sisters' included), the nightly "today
    moved" job after a day of simulated changes, and the check that stored equals recomputed.
A benchmark, not a test: it prints figures and never fails on a slow machine.
"""

import argparse
import os
import platform
import resource
import statistics
import sys
import time
from datetime import date


def _setup(database_url):
    os.environ.setdefault("DATABASE_URL", database_url)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _clock():
    """(wall, CPU of this process and of the worker processes it has waited for): the machine is
    shared, so each phase is reported with its CPU time and the load average beside the wall clock."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.perf_counter(), time.process_time() + children.ru_utime + children.ru_stime


def _spent(started):
    wall, cpu = _clock()
    return f"{wall - started[0]:.2f} s (CPU {cpu - started[1]:.2f} s, load average {os.getloadavg()[0]:.1f})"


def _read_raw(ids, batch):
    # Imported once Django is set up (_setup), like every import of the product below.
    from permanence.obligations.snapshots import raw_queries

    rows = 0
    for i in range(0, len(ids), batch):
        for qs in raw_queries(ids[i : i + batch]):
            for _ in qs:
                rows += 1
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m permanence.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=85000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--today", default=None, help="reference date (default today)")
    parser.add_argument("--reuse", action="store_true", help="keep an existing council of the right size")
    parser.add_argument("--batch", type=int, default=5000)
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--changes", type=int, default=2000, help="facts recorded in the simulated day")
    parser.add_argument("--timed", type=int, default=300, help="of which timed one by one")
    args = parser.parse_args(argv)
    os.makedirs("var", exist_ok=True)
    _setup(f"sqlite:///{os.path.abspath('var/bench.sqlite3')}")

    # The product's modules are imported once Django is set up for the benchmark's own database.
    from django.db import connection

    from permanence.children.models import Child
    from permanence.demo import load_demo
    from permanence.obligations.batch import compute_all
    from permanence.obligations.selectors import current_pack

    today = date.fromisoformat(args.today) if args.today else date.today()
    print(
        f"Permanence Planner benchmark, {date.today():%d %B %Y}, {platform.node()}: {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {connection.vendor}, load average "
        + " ".join(f"{load:.1f}" for load in os.getloadavg()),
        flush=True,
    )
    generate_seconds = None
    if not (args.reuse and Child.objects.exists()):
        started = time.perf_counter()
        summary = load_demo(
            children=args.children,
            seed=args.seed,
            today=today,
            replace=True,
            progress=lambda message: print(f"  {message}", file=sys.stderr, flush=True),
        )
        generate_seconds = time.perf_counter() - started
        print(f"generate and store: {generate_seconds:.1f} s ({summary})", flush=True)

    ids = list(Child.objects.order_by("pk").values_list("pk", flat=True))
    started = time.perf_counter()
    rows = _read_raw(ids, args.batch)
    read_seconds = time.perf_counter() - started
    print(f"read every row the engine needs: {read_seconds:.2f} s ({rows:,} rows, {len(ids):,} children)", flush=True)

    pack = current_pack()
    started = time.perf_counter()
    single = compute_all(ids, today=today, processes=1, batch=args.batch)
    single_seconds = time.perf_counter() - started
    print(
        f"compute every child's obligations from the database, 1 process: {single_seconds:.2f} s "
        f"({single.obligations:,} obligations, {single.by_status['overdue']:,} overdue, policy {pack.name})",
        flush=True,
    )
    started = time.perf_counter()
    parallel = compute_all(ids, today=today, processes=args.processes, batch=args.batch)
    parallel_seconds = time.perf_counter() - started
    assert parallel.obligations == single.obligations
    print(
        f"compute every child's obligations from the database, {args.processes} processes: {parallel_seconds:.2f} s",
        flush=True,
    )
    print(
        f"ratio compute / read: {single_seconds / read_seconds:.2f}x with 1 process, "
        f"{parallel_seconds / read_seconds:.2f}x with {args.processes}  (goal: under 10 s and under 3x)",
        flush=True,
    )
    read_model(ids, today, args)
    return 0


def _percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _record_one(child_id, day, kind, iro):
    """One fact recorded through the product's own services, committed: (seconds, children worked out,
    CPU seconds of this process, which on SQLite include the database's own work)."""
    # Imported once Django is set up (_setup), like every import of the product here.
    from django.core.exceptions import ValidationError
    from django.db import transaction

    from permanence.children import services
    from permanence.children.models import Child
    from permanence.obligations.providers import related_children

    child = Child.objects.get(pk=child_id)
    started, cpu = time.perf_counter(), time.process_time()
    try:
        with transaction.atomic():  # the refresh runs as the transaction commits, before this returns
            if kind == "visit":
                services.visit_record(child=child, date=day)
            else:
                services.review_record(child=child, date=day, iro=iro, participation="PN1")
    except ValidationError:
        return None
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return seconds, 1 + len(related_children({child_id})), cpu


def read_model(ids, today, args):
    """The stored obligations: build, a day of changes, the nightly job, the check."""
    import random
    from datetime import timedelta

    # Imported once Django is set up (_setup), like every import of the product here.
    from permanence.accounts.models import User
    from permanence.obligations.models import StoredObligations
    from permanence.obligations.nightly import check, day_moved

    StoredObligations.objects.all().delete()
    started = _clock()
    built = day_moved(today=today, processes=args.processes)
    print(
        f"build the stored obligations for every child, {args.processes} processes: "
        f"{_spent(started)} ({built.rewritten:,} rows)",
        flush=True,
    )

    # A day of changes: visits and reviews recorded for children picked at random, each in its own
    # transaction, timed from the start of the write until the stored obligations (the child's and
    # their brothers' and sisters') are worked out again and committed.
    rng = random.Random(args.seed)
    iro = User.objects.filter(role="iro").first()
    times, cpu, with_siblings, recorded = [], [], [], 0
    for i in range(args.changes):
        child_id = rng.choice(ids)
        kind = "visit" if i % 3 else "review"
        found = _record_one(child_id, today, kind, iro)
        if found is None:
            continue  # refused (the child is not looked after today): no fact, nothing to time
        recorded += 1
        if len(times) < args.timed:
            times.append(found[0])
            cpu.append(found[2])
            if found[1] > 1:
                with_siblings.append(found[0])
    print(
        f"one fact change to the stored obligations: median {statistics.median(times) * 1000:.1f} ms, "
        f"p95 {_percentile(times, 0.95) * 1000:.1f} ms over {len(times):,} changes; CPU median "
        f"{statistics.median(cpu) * 1000:.1f} ms, p95 {_percentile(cpu, 0.95) * 1000:.1f} ms "
        f"({len(with_siblings):,} with brothers or sisters on the record: median "
        f"{(statistics.median(with_siblings) * 1000 if with_siblings else 0):.1f} ms; "
        f"load average {os.getloadavg()[0]:.1f})  (goal: median under 50 ms)",
        flush=True,
    )
    print(f"a day of simulated changes: {recorded:,} visits and reviews recorded", flush=True)

    tomorrow = today + timedelta(days=1)
    started = _clock()
    moved = day_moved(today=tomorrow, processes=args.processes)
    print(
        f"nightly 'today moved' job for {moved.children:,} children, {args.processes} processes: "
        f"{_spent(started)}; {moved.rewritten:,} rows rewritten, {moved.overdue:,} overdue  "
        "(goal: 85,000 children in under 30 s)",
        flush=True,
    )
    started = _clock()
    result = check(today=tomorrow, processes=args.processes)
    print(
        f"check stored against recomputed for {result.children:,} children after the day's changes and the "
        f"nightly job: {len(result.differences):,} differences ({_spent(started)})  (goal: 0)",
        flush=True,
    )
    for line in result.differences[:10]:
        print(f"  {line}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
