"""`make validate-903`: demo councils of several seeds, each year's return through the DfE rules.

For each seed: a fresh database (its own folder under var/validate-903/), the demo council as it
stands on --today, then for each collection year the return and the year before it, checked by
scripts/validate_903.py in the validator's own environment (.venv-903). Prints one line per seed
and year and exits 1 if any return has an error that is not excused (see the README).

    .venv/bin/python scripts/validate_903_demo.py --seeds 2026 7 11 --years 2025 2026 2027 \
        --children 400 --today 2027-06-01
"""

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
VALIDATOR = ROOT / ".venv-903" / "bin" / "python"
FIRST_YEAR = 2025  # the first collection year the product writes (permanence.returns.tables)


def _run(args, env, quiet=True):
    return subprocess.run(args, env=env, cwd=ROOT, check=True, capture_output=quiet, text=True)


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, nargs="+", default=[2026, 7, 11])
    parser.add_argument("--years", type=int, nargs="+", default=[2025, 2026, 2027])
    parser.add_argument("--children", type=int, default=400)
    parser.add_argument("--today", default="2027-06-01", help="the demo council's today (after the last year ends)")
    parser.add_argument("--work", default=str(ROOT / "var" / "validate-903"))
    args = parser.parse_args(argv)
    failed = []
    for seed in args.seeds:
        folder = Path(args.work) / f"seed-{seed}"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        env = {**os.environ, "PERMANENCE_VAR_DIR": str(folder), "DJANGO_SETTINGS_MODULE": "config.settings"}
        env.pop("DATABASE_URL", None)
        _run([str(BIN / "python"), "manage.py", "migrate", "--noinput", "-v0"], env)
        demo = ["demo", "--children", str(args.children), "--seed", str(seed), "--today", args.today, "--quiet"]
        _run([str(BIN / "permanence"), *demo], env)
        for year in sorted(set(args.years) | {y - 1 for y in args.years if y - 1 >= FIRST_YEAR}):
            _run([str(BIN / "permanence"), "export-903", "--year", str(year), "--out", str(folder / str(year))], env)
        for year in args.years:
            check = [str(VALIDATOR), "scripts/validate_903.py", str(folder / str(year)), "--year", str(year)]
            if year - 1 >= FIRST_YEAR:
                check += ["--last", str(folder / str(year - 1))]
            run = subprocess.run(check, cwd=ROOT, capture_output=True, text=True)
            lines = [
                line
                for line in run.stdout.splitlines()
                if line.startswith(("ERROR", "excused", "repaired", "rules", "    Episodes", "    Header", "    "))
                and not line.startswith("     ")
            ]
            verdict = "passes" if run.returncode == 0 else "FAILS"
            print(f"seed {seed}, collection year {year - 1}-{str(year)[2:]}: {verdict}")
            for line in lines:
                print(f"    {line[:220]}")
            if run.returncode != 0:
                failed.append((seed, year))
                if run.stderr.strip():
                    print(run.stderr[-2000:], file=sys.stderr)
    print(f"{len(args.seeds) * len(args.years) - len(failed)} of {len(args.seeds) * len(args.years)} returns pass")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
