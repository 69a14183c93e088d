"""`permanence export-903`, `permanence import-903` and `permanence measures` (Django is set up by cli.py)."""

import argparse
import sys
import time
from datetime import date

from permanence.text.cells import csv_writer

from .export import export_903
from .importer import KEPT_COLUMNS, PROBLEM_COLUMNS, InputProblem, import_903_folder
from .measures import compute
from .tables import year_problem


def _default_year():
    today = date.today()
    return today.year if today.month > 3 else today.year - 1


def export_main(argv=None):
    parser = argparse.ArgumentParser(
        prog="permanence export-903", description="Write the SSDA903 return for a collection year as CSV files."
    )
    parser.add_argument(
        "--year",
        type=int,
        default=_default_year(),
        help="the collection year, named by the 31 March it ends on (default: the last one ended)",
    )
    parser.add_argument("--out", required=True, help="the folder to write the CSV files into")
    args = parser.parse_args(argv)
    problem = year_problem(args.year)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    started = time.perf_counter()
    counts = export_903(year=args.year, out_dir=args.out)
    for table, count in counts.items():
        print(f"  {table:<16} {count:>10,} rows")
    print(
        f"SSDA903 {args.year - 1}-{str(args.year)[2:]} written to {args.out} in {time.perf_counter() - started:.1f} s"
    )
    return 0


def import_main(argv=None):
    parser = argparse.ArgumentParser(
        prog="permanence import-903",
        description="Read a council's SSDA903 return (its CSV files) into the record. Every row is checked "
        "with the record's own rules first; if any has a problem nothing is imported and every problem is "
        "listed by file, row and column. What the record already holds is never changed by a file: new "
        "facts are added, blanks filled in, and any value that differs is kept as the record has it (and listed).",
    )
    parser.add_argument("folder", help="the folder holding the return's CSV files (Header, Episodes, Reviews ...)")
    parser.add_argument(
        "--year",
        type=int,
        required=True,
        help="the collection year the files are for, named by the 31 March it ends on (2026 is 2025-26)",
    )
    parser.add_argument(
        "--clean-children-only",
        action="store_true",
        help="import the children whose rows have no problem and leave out (and list) the rest; "
        "without it, one problem anywhere means nothing is imported",
    )
    parser.add_argument("--problems", help="write the problems (and the values kept) to this CSV file, not the screen")
    parser.add_argument("--quiet", action="store_true", help="no progress messages")
    parser.add_argument(
        "--today",
        type=date.fromisoformat,
        default=None,
        help="the day to check dates against (YYYY-MM-DD; default today): no date in the files may be after it",
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    say = (lambda message: None) if args.quiet else (lambda message: print(f"  {message}", file=sys.stderr))
    try:
        result = import_903_folder(
            args.folder, year=args.year, clean_children_only=args.clean_children_only, today=args.today, progress=say
        )
    except InputProblem as problem:
        print(f"Nothing was imported: {problem}", file=sys.stderr)
        return 2
    out = open(args.problems, "w", newline="", encoding="utf-8") if args.problems else sys.stdout
    try:
        writer = csv_writer(out)
        if result.problem_count:
            writer.writerow(PROBLEM_COLUMNS)
            writer.writerows(p.as_row() for p in result.every_problem())
        if result.kept:
            if result.problem_count:
                writer.writerow([])
            writer.writerow(KEPT_COLUMNS)
            writer.writerows([k.file, k.row, k.column, k.value, k.kept, k.message] for k in result.kept)
    finally:
        if out is not sys.stdout:
            out.close()
    seconds = time.perf_counter() - started
    if not result.written:
        print(
            f"Nothing was imported: {result.problem_count:,} problem{'s' if result.problem_count != 1 else ''} "
            f"in the files{' (listed in ' + args.problems + ')' if args.problems else ''}.",
            file=sys.stderr,
        )
        return 1
    for label, count in result.counts.items():
        print(f"  {label:<42} {count:>10,}", file=sys.stderr)
    if result.children_left_out:
        print(
            f"{len(result.children_left_out):,} children were LEFT OUT because of the {result.problem_count:,} "
            "problems listed; the other children were imported.",
            file=sys.stderr,
        )
    if result.kept:
        print(
            f"{len(result.kept):,} values in the files differ from the record, which kept its own (listed).",
            file=sys.stderr,
        )
    print(f"SSDA903 {args.year - 1}-{str(args.year)[2:]} imported in {seconds:.1f} s", file=sys.stderr)
    return 0


def measures_main(argv=None):
    parser = argparse.ArgumentParser(
        prog="permanence measures", description="The adoption scorecard, stability and timeliness measures."
    )
    parser.add_argument("--year", type=int, default=_default_year(), help="collection year (ending 31 March)")
    parser.add_argument("--team", type=int, default=None, help="only children allocated to this team id")
    args = parser.parse_args(argv)

    for measure in compute(year=args.year, team=args.team):
        print(f"{measure.code:<6} {measure.title}")
        print(f"       {measure.headline}")
        if measure.note:
            print(f"       ({measure.note})")
        for label, value in measure.rows:
            print(f"         {label:<52} {value}")
    return 0
