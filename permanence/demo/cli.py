"""`permanence demo`: create the synthetic demo council in the database (Django is set up by cli.py)."""

import argparse
import sys
import time
from datetime import date

from permanence.accounts.roles import ROLE_NAMES
from permanence.children.models import Child

from .generator import DEMO_LOGINS, DEMO_PASSWORD
from .loader import delete_demo_data, load_demo
from .through_feed import load_demo_through_feed


def demo_main(argv=None):
    parser = argparse.ArgumentParser(
        prog="permanence demo",
        description="Create a synthetic demo council: invented children, families, carers, staff and case histories.",
    )
    parser.add_argument("--children", type=int, default=400, help="how many children on the record (default 400)")
    parser.add_argument("--seed", type=int, default=2026, help="the same seed gives the same council (default 2026)")
    parser.add_argument(
        "--today",
        type=date.fromisoformat,
        default=None,
        help="the date the council is generated for, YYYY-MM-DD (default today)",
    )
    parser.add_argument("--if-empty", action="store_true", help="do nothing if any child is already on the record")
    parser.add_argument(
        "--replace", action="store_true", help="delete existing case records, teams and users (except superusers) first"
    )
    parser.add_argument(
        "--through-feed",
        action="store_true",
        help="load the case facts as a council beside its case system would: written as SSD extracts and read "
        "with sync-ssd; the product's own records (plans, decisions, meetings ...) are added after",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress lines")
    args = parser.parse_args(argv)
    if args.children < 1:
        parser.error("--children must be at least 1")

    if args.if_empty and Child.objects.exists():
        print(f"The database already has {Child.objects.count():,} children: the demo council was not loaded.")
        return 0
    if not args.replace and Child.objects.exists():
        print("The database already has children: use --replace to start again, or --if-empty.", file=sys.stderr)
        return 1
    started = time.perf_counter()
    progress = None if args.quiet else (lambda message: print(f"  {message}", flush=True))
    if args.through_feed:
        if args.replace:
            delete_demo_data()
        counts = load_demo_through_feed(children=args.children, seed=args.seed, today=args.today, progress=progress)
    else:
        counts = load_demo(
            children=args.children, seed=args.seed, today=args.today, progress=progress, replace=args.replace
        )
    elapsed = time.perf_counter() - started
    if not args.quiet:
        for label, count in counts.items():
            if label != "seconds":
                print(f"  {label:<28} {count:>10,}")
    loaded = counts.get("children.Child", 0) or counts.get("children through the feed", 0)
    print(f"Demo council loaded: {loaded:,} children (seed {args.seed}).")
    print()
    print(f"{'Username':<18} {'Role':<32} Password")

    for username, role, *_ in DEMO_LOGINS:
        print(f"{username:<18} {ROLE_NAMES.get(role, role):<32} {DEMO_PASSWORD}")
    print()
    print(f"Elapsed: {elapsed:.1f} s")
    return 0
