"""`make bench`: national-scale timings for the demo generator and the obligations batch.

Generates a council of N children looked after (default 85,000) into the database given by
DATABASE_URL (default: var/bench.sqlite3, kept apart from the demo database), then reports:
  - the time to generate and store it,
  - the time just to read every row the engine needs,
  - the time to compute every child's obligations from the database (read + snapshot + engine),
  - their ratio.
A benchmark, not a test: it prints figures and never fails on a slow machine.
"""

import argparse
import os
import platform
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
        f"Python {platform.python_version()}, {connection.vendor}",
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
