"""`make bench-903`: a national-scale council (85,000 children by default) -> the year's return
exported; that return imported into an empty database with every rule checked; imported again
(nothing may change); and a Reviews file padded to 50 MB imported into an empty database. Prints
the time and the peak memory of each import. The goal: under 60 s each, memory in the hundreds of MB.

    python -m permanence.returns.bench --children 85000 [--year 2026] [--work /tmp/bench-903] [--big-mb 50]

Each phase runs in its own process against its own database (PERMANENCE_VAR_DIR for SQLite, or
DATABASE_URL and IMPORT_DATABASE_URL for PostgreSQL), so each peak is that phase's own.
"""

import argparse
import csv
import os
import resource
import shutil
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path


def _phase(name, env, *args):
    return subprocess.run(
        [sys.executable, "-m", "permanence.returns.bench", "--phase", name, *args],
        env={**os.environ, **env},
        check=True,
    )


def _fresh(folder):
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.sqlite3*"):
        old.unlink()


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--children", type=int, default=85000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--year", type=int, default=None)
    parser.add_argument("--work", default="/tmp/bench-903")
    parser.add_argument("--big-mb", type=float, default=50, help="pad a Reviews file to this size (0: skip)")
    parser.add_argument("--phase", default=None)
    parser.add_argument("--files", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    year = args.year or _default_year()
    work = Path(args.work)
    if args.phase:
        return _run_phase(args.phase, args, year, work)
    for db in ("source", "target", "big"):
        _fresh(work / db)
    source = {"PERMANENCE_VAR_DIR": str(work / "source")}
    target = {"PERMANENCE_VAR_DIR": str(work / "target")}
    big = {"PERMANENCE_VAR_DIR": str(work / "big")}
    if os.environ.get("IMPORT_DATABASE_URL"):
        target["DATABASE_URL"] = big["DATABASE_URL"] = os.environ["IMPORT_DATABASE_URL"]
    print(
        f"[machine] load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores", flush=True
    )
    _phase("load", source, "--children", str(args.children), "--seed", str(args.seed), "--work", str(work))
    _phase("export", source, "--year", str(year), "--work", str(work))
    _phase("import", target, "--year", str(year), "--work", str(work))
    _phase("import", target, "--year", str(year), "--work", str(work))  # the same files again
    if args.big_mb:
        _pad_reviews(work / "files", work / "big-files", args.big_mb, year)
        _fresh(work / "big")
        _phase("import", big, "--year", str(year), "--work", str(work), "--files", str(work / "big-files"))
    print(f"[machine] load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} at the end", flush=True)
    return 0


def _default_year():
    today = date.today()
    return today.year if today.month > 3 else today.year - 1


def _pad_reviews(files, out, megabytes, year):
    """A copy of the return whose Reviews file is padded to `megabytes` with reviews that pass every
    rule: a review on each day of the year for children looked after all year (aged 4 and over, so
    no participation code is needed either way)."""
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(files, out)

    def day(text):
        d, m, y = map(int, text.split("/"))
        return date(y, m, d)

    first = date(year - 1, 4, 1)
    with open(out / "Episodes.csv", newline="") as handle:
        episodes = {}
        for row in csv.DictReader(handle):
            episodes.setdefault(row["CHILD"], []).append(row)
    with open(out / "Header.csv", newline="") as handle:
        born = {row["CHILD"]: row["DOB"] for row in csv.DictReader(handle)}
    with open(out / "Reviews.csv", newline="") as handle:
        held = {(row["CHILD"], row["REVIEW"]) for row in csv.DictReader(handle)}
    whole_year = [
        child
        for child, rows in episodes.items()
        if day(rows[0]["DECOM"]) < first and all(r["DEC"] == "" or r["REC"] == "X1" for r in rows)
    ]
    size, target, added = (out / "Reviews.csv").stat().st_size, megabytes * 1_000_000, 0
    with open(out / "Reviews.csv", "a", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        for n in range(365):
            when = (first + timedelta(days=n)).strftime("%d/%m/%Y")
            for child in whole_year:
                if size >= target:
                    break
                if (child, when) in held:
                    continue
                row = [child, born[child], when, ""]
                writer.writerow(row)
                size += len(",".join(row)) + 1
                added += 1
    print(
        f"[pad] Reviews.csv padded to {size / 1_000_000:.1f} MB: {added:,} reviews added "
        f"({len(whole_year):,} children looked after all year)",
        flush=True,
    )


def _peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu_seconds():
    """This process's CPU time: on a machine other work keeps busy, the part of the wall clock that
    was the import's own."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _run_phase(phase, args, year, work):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    print(f"[{phase}] database: {connection.vendor}", flush=True)
    if phase == "load":
        from permanence.demo import loader  # each phase imports what it times, after django.setup()

        # The return needs the case record and its own facts; other apps' demo data are not timed here.
        loader.EXTENSIONS[:] = [e for e in loader.EXTENSIONS if e[1].startswith("permanence.returns.")]
        counts = loader.load_demo(children=args.children, seed=args.seed, replace=True)
        print(
            f"[load] {args.children:,} children generated and stored in {counts['seconds']:.0f} s "
            f"({counts.get('children.Episode', 0):,} episodes)",
            flush=True,
        )
    elif phase == "export":
        from .export import export_903  # after django.setup(), like every import in a phase

        started, cpu = time.perf_counter(), _cpu_seconds()
        counts = export_903(year=year, out_dir=work / "files")
        seconds, cpu = time.perf_counter() - started, _cpu_seconds() - cpu
        print(f"[export] SSDA903 {year}: " + ", ".join(f"{t} {n:,}" for t, n in counts.items()), flush=True)
        print(f"EXPORT TIME: {seconds:.1f} s (CPU {cpu:.1f} s; goal under 60 s)", flush=True)
    elif phase == "import":
        from .importer import import_903_folder  # after django.setup(), like every import in a phase

        folder = Path(args.files) if args.files else work / "files"
        megabytes = sum(p.stat().st_size for p in folder.glob("*.csv")) / 1_000_000
        before = _peak_mb()
        started, cpu = time.perf_counter(), _cpu_seconds()
        result = import_903_folder(folder, year=year)
        seconds, cpu = time.perf_counter() - started, _cpu_seconds() - cpu
        if result.problems:
            print(f"[import] {len(result.problems):,} problems, first: {result.problems[0]}", flush=True)
            return 1
        changed = {label: n for label, n in result.counts.items() if n}
        print(f"[import] {folder.name} ({megabytes:.1f} MB): {changed or 'nothing changed'}", flush=True)
        goal = "memory in the hundreds of MB" if args.files else "under 60 s"
        print(
            f"IMPORT TIME (every rule checked): {seconds:.1f} s (CPU {cpu:.1f} s); peak memory {_peak_mb():.0f} MB "
            f"(Django and the app alone: {before:.0f} MB); goal: {goal}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
