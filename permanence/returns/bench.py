"""`make bench-903`: a national-scale council (85,000 children by default) -> export time; the
export imported into an empty database -> import time. Prints figures; the goal is under 60 s each.

    python -m permanence.returns.bench --children 85000 [--year 2026] [--work /tmp/bench-903]

Each phase runs in its own process against its own database (PERMANENCE_VAR_DIR for SQLite, or
DATABASE_URL and IMPORT_DATABASE_URL for PostgreSQL).
"""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path


def _phase(name, env, *args):
    return subprocess.run([sys.executable, "-m", "permanence.returns.bench", "--phase", name, *args],
                          env={**os.environ, **env}, check=True)


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--children", type=int, default=85000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--year", type=int, default=None)
    parser.add_argument("--work", default="/tmp/bench-903")
    parser.add_argument("--phase", default=None)
    args = parser.parse_args(argv)
    year = args.year or _default_year()
    work = Path(args.work)
    if args.phase:
        return _run_phase(args.phase, args, year, work)
    work.mkdir(parents=True, exist_ok=True)
    for db in ("source", "target"):
        (work / db).mkdir(exist_ok=True)
        for old in (work / db).glob("*.sqlite3*"):
            old.unlink()
    source = {"PERMANENCE_VAR_DIR": str(work / "source")}
    target = {"PERMANENCE_VAR_DIR": str(work / "target")}
    if os.environ.get("IMPORT_DATABASE_URL"):
        target["DATABASE_URL"] = os.environ["IMPORT_DATABASE_URL"]
    _phase("load", source, "--children", str(args.children), "--seed", str(args.seed), "--work", str(work))
    _phase("export", source, "--year", str(year), "--work", str(work))
    _phase("import", target, "--year", str(year), "--work", str(work))
    return 0


def _default_year():
    from datetime import date

    today = date.today()
    return today.year if today.month > 3 else today.year - 1


def _run_phase(phase, args, year, work):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    print(f"[{phase}] database: {connection.vendor}", flush=True)
    if phase == "load":
        from permanence.demo import loader

        # The return needs the case record and its own facts; other apps' demo data are not timed here.
        loader.EXTENSIONS[:] = [e for e in loader.EXTENSIONS if e[1].startswith("permanence.returns.")]
        counts = loader.load_demo(children=args.children, seed=args.seed, replace=True)
        print(f"[load] {args.children:,} children generated and stored in {counts['seconds']:.0f} s "
              f"({counts.get('children.Episode', 0):,} episodes)", flush=True)
    elif phase == "export":
        from .export import export_903

        started = time.perf_counter()
        counts = export_903(year=year, out_dir=work / "files")
        seconds = time.perf_counter() - started
        print(f"[export] SSDA903 {year}: " + ", ".join(f"{t} {n:,}" for t, n in counts.items()), flush=True)
        print(f"EXPORT TIME: {seconds:.1f} s (goal under 60 s)", flush=True)
    elif phase == "import":
        from .importer import import_903_folder

        started = time.perf_counter()
        result = import_903_folder(work / "files")
        seconds = time.perf_counter() - started
        if result.problems:
            print(f"[import] {len(result.problems)} problems, first: {result.problems[0]}", flush=True)
            return 1
        print(f"[import] {result.counts.get('children added', 0):,} children, "
              f"{result.counts.get('episodes added', 0):,} episodes", flush=True)
        print(f"IMPORT TIME: {seconds:.1f} s (goal under 60 s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
