"""`permanence export-903`, `permanence import-903` and `permanence measures` (Django is set up by cli.py)."""

import argparse
import sys
import time
from datetime import date


def _default_year():
    today = date.today()
    return today.year if today.month > 3 else today.year - 1


def export_main(argv=None):
    parser = argparse.ArgumentParser(prog="permanence export-903",
                                     description="Write the SSDA903 return for a collection year as CSV files.")
    parser.add_argument("--year", type=int, default=_default_year(),
                        help="the collection year, named by the 31 March it ends on (default: the last one ended)")
    parser.add_argument("--out", required=True, help="the folder to write the CSV files into")
    args = parser.parse_args(argv)
    from .export import export_903

    started = time.perf_counter()
    counts = export_903(year=args.year, out_dir=args.out)
    for table, count in counts.items():
        print(f"  {table:<16} {count:>10,} rows")
    print(f"SSDA903 {args.year - 1}-{str(args.year)[2:]} written to {args.out} in {time.perf_counter() - started:.1f} s")
    return 0


def import_main(argv=None):
    parser = argparse.ArgumentParser(prog="permanence import-903",
                                     description="Read a council's SSDA903 CSV files into the record. Nothing is "
                                                 "imported if any row has a problem; the problems are listed.")
    parser.add_argument("folder", help="the folder holding the CSV files (Header, Episodes, Reviews ...)")
    args = parser.parse_args(argv)
    from .importer import import_903_folder

    started = time.perf_counter()
    result = import_903_folder(args.folder)
    if result.problems:
        print(f"Nothing was imported: {len(result.problems):,} problems.", file=sys.stderr)
        print("file,row,column,value,problem")
        for p in result.problems:
            print(f"{p.file},{p.row},{p.column},{p.value!r},{p.message}")
        return 1
    for label, count in result.counts.items():
        print(f"  {label:<28} {count:>10,}")
    print(f"Imported in {time.perf_counter() - started:.1f} s")
    return 0


def measures_main(argv=None):
    parser = argparse.ArgumentParser(prog="permanence measures",
                                     description="The adoption scorecard, stability and timeliness measures.")
    parser.add_argument("--year", type=int, default=_default_year(), help="collection year (ending 31 March)")
    parser.add_argument("--team", type=int, default=None, help="only children allocated to this team id")
    args = parser.parse_args(argv)
    from .measures import compute

    for measure in compute(year=args.year, team=args.team):
        print(f"{measure.code:<6} {measure.title}")
        print(f"       {measure.headline}")
        for label, value in measure.rows:
            print(f"         {label:<52} {value}")
    return 0
