"""`permanence sync-ssd SOURCE` and `permanence export-ssd DIR`."""

import argparse
import sys
from datetime import datetime

from .extract import export_record
from .sync import ssd_sync

EXIT_FAILED, EXIT_PROBLEMS = 1, 3


def _as_at(text):
    from django.utils import timezone

    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date and time (write 2026-11-24T03:00)") from None
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def sync_main(argv):
    parser = argparse.ArgumentParser(
        prog="permanence sync-ssd",
        description=(
            "Bring the case record up to date from the council's Standard Safeguarding Dataset. SOURCE is a "
            "folder of CSV files named as the SSD tables (ssd_person.csv ...) or a database URL whose schema "
            "holds them (postgresql://user@host/db?schema=ssd_development, sqlite:///ssd.sqlite3, mssql://...). "
            "Each child is applied whole or not at all; problems are listed by table, row and field."
        ),
    )
    parser.add_argument("source", metavar="SOURCE")
    parser.add_argument(
        "--as-at",
        type=_as_at,
        help="when the extract was taken (default: a folder's oldest file time, or now for a database)",
    )
    parser.add_argument(
        "--max-vanished",
        type=float,
        default=None,
        help="the share of people held that may leave the extract in one run before it is taken for a partial extract (default 0.1)",
    )
    parser.add_argument("--batch", type=int, default=1000, help="children written per transaction (default 1000)")
    parser.add_argument("--quiet", action="store_true", help="print only the result")
    parser.add_argument(
        "--fail-on-problems",
        action="store_true",
        help=f"exit {EXIT_PROBLEMS} when any child was refused for problems (default: exit 0, problems on the status page)",
    )
    args = parser.parse_args(argv)

    say = (lambda message: None) if args.quiet else (lambda message: print(message, flush=True))
    run = ssd_sync(
        source=args.source, as_at=args.as_at, progress=say, batch_size=args.batch, max_vanished=args.max_vanished
    )
    print(summary(run))
    if run.status != run.SUCCEEDED:
        print(f"sync-ssd failed: {run.message}", file=sys.stderr)
        return EXIT_FAILED
    if args.fail_on_problems and run.people.get("refused, with problems"):
        return EXIT_PROBLEMS
    return 0


def summary(run):
    lines = [f"Sync {run.pk} {run.get_status_display().lower()}: {run.source}"]
    people = run.people
    if people:
        lines.append("People: " + ", ".join(f"{n:,} {what}" for what, n in people.items() if n))
    for kind, counts in sorted(run.counts.items()):
        if kind == "people":
            continue
        shown = ", ".join(
            f"{counts.get(w, 0):,} {w}" for w in ("new", "changed", "ended", "kept", "unchanged") if counts.get(w)
        )
        if shown:
            lines.append(f"  {kind}: {shown}")
    lines.append(
        f"Problems: {run.problem_count:,}" + (" (see the SSD feed page, or its CSV)" if run.problem_count else "")
    )
    return "\n".join(lines)


def export_main(argv):
    parser = argparse.ArgumentParser(
        prog="permanence export-ssd",
        description="Write the case record as Standard Safeguarding Dataset extracts: one CSV file per SSD table in DIR.",
    )
    parser.add_argument("folder", metavar="DIR")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)

    say = (lambda message: None) if args.quiet else (lambda message: print(message, flush=True))
    counts = export_record(args.folder, progress=say)
    print(f"Wrote {sum(counts.values()):,} rows in {len(counts)} tables to {args.folder}")
    for table, n in counts.items():
        print(f"  {table}.csv: {n:,}")
    return 0
