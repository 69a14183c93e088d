"""`permanence obligations check|rebuild`: the read model compared with, or rebuilt from, the engine."""

import argparse
import os
import sys
from datetime import date

from .nightly import check, day_moved


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="permanence obligations", description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["check", "rebuild"])
    parser.add_argument("--today", type=date.fromisoformat, default=None, help="the day (YYYY-MM-DD); default today")
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    today = args.today or date.today()
    if args.action == "rebuild":
        moved = day_moved(today=today, processes=args.processes)
        print(f"Worked out {moved.children:,} children for {today:%d/%m/%Y}: {moved.rewritten:,} rows rewritten")
        return 0
    result = check(today=today, processes=args.processes)
    for line in result.differences[:200]:
        print(line)
    if len(result.differences) > 200:
        print(f"... and {len(result.differences) - 200:,} more")
    print(
        f"Checked {result.children:,} children's stored obligations for {today:%d/%m/%Y}: "
        f"{len(result.differences):,} differences from a fresh computation",
        file=sys.stderr if result.differences else sys.stdout,
    )
    return 1 if result.differences else 0
