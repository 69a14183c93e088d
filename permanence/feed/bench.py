"""`make bench-ssd`: the nightly feed at national scale.

1. The synthetic council (85,000 children by default) is written as an SSD extract, with the
   health assessments, dental checks, care plans and missing episodes the demo would add.
2. First load: `permanence sync-ssd` into an empty database.
3. The next night's extract, where 1% of the children changed (a review held, a visit, and for a
   third of them a change of social worker), is synced: the delta.
4. The same extract again: nothing changes.

Each sync runs as its own process, so its time and its peak memory (maximum resident set) are its
own. SQLite in var/bench-ssd/ unless BENCH_DATABASE_URL names a PostgreSQL database (it is
dropped and created). `--reuse` keeps the first night's extract from an earlier run of the same
size and seed (writing it is most of a national run's time). Prints figures, with the load
average before and after each run (the machine may be shared: the CPU time is each run's own);
no goal fails a test.
"""

import argparse
import csv
import json
import os
import random
import shutil
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def write_extract(folder, children, seed, today):
    # The benchmark sets Django up for its own database before it imports the product.
    from permanence.demo.generator import generate

    from .export import ExtractWriter, sibling_families

    council = generate(children, seed, today)
    staff = {row["id"]: row for row in council.staff}
    teams = {row["id"]: row["name"] for row in council.teams}
    with ExtractWriter(folder, staff=staff, teams=teams) as writer:
        for chunk in council.chunks(5000):
            as_child = {p["id"]: p.get("as_child_id") for p in chunk.people if p.get("as_child_id")}
            families = sibling_families(
                ((r["child_id"], r["person_id"], r["relationship"]) for r in chunk.relationships), as_child
            )
            chunk.health, chunk.dental, chunk.care_plans, chunk.missing = later_facts(chunk, seed, today)
            writer.add(chunk, families)
    return dict(writer.counts)


def later_facts(chunk, seed, today):
    """The health checks and care plans the demo adds after loading (permanence.demo.record_facts,
    the same generator), and missing episodes for about one child in care in twelve."""
    from collections import defaultdict

    import django

    django.setup()
    # Only now: the benchmark sets Django up for its own database before it imports the product.
    from permanence.children import rules
    from permanence.children.models import DentalCheck, HealthAssessment, StatutoryPlan
    from permanence.demo import record_facts

    dob = {c["id"]: c.get("date_of_birth") for c in chunk.children}
    ref = {c["id"]: c["council_reference"] for c in chunk.children}
    episodes, reviews = defaultdict(list), defaultdict(list)
    for e in sorted(chunk.episodes, key=lambda e: e["start"]):
        episodes[e["child_id"]].append((e["start"], e.get("end")))
    for r in sorted(chunk.reviews, key=lambda r: r["date"]):
        reviews[r["child_id"]].append(r["date"])
    out = defaultdict(list)
    missing = []
    for pk in sorted(episodes):
        rng = random.Random(f"{seed}:record:{ref[pk]}")
        periods = record_facts._periods(episodes[pk], today)
        record_facts._health(out, rng, pk, dob[pk], periods, today)
        record_facts._plans(out, rng, pk, dob[pk], periods, reviews[pk], today)
        start, end = periods[-1]
        if rng.random() < 1 / 12 and ((end or today) - start).days > 30:
            gone = start + timedelta(days=rng.randint(10, ((end or today) - start).days - 5))
            back = gone + timedelta(days=rng.randint(0, 3))
            values = {"child_id": pk, "kind": rng.choice("MMMA"), "start": gone, "end": back}
            values["interview_declined"] = rng.random() < 0.2
            if not rules.missing_problems(values, date_of_birth=dob[pk], today=today):
                missing.append(values)

    def rows(model, check):
        return [
            {"child_id": f.child_id, "kind": getattr(f, "kind", ""), "date": f.date}
            for f in out[model]
            if not check({"date": f.date}, date_of_birth=dob[f.child_id], today=today)
        ]

    return (
        rows(HealthAssessment, rules.health_problems),
        rows(DentalCheck, rules.health_problems),
        rows(StatutoryPlan, rules.statutory_plan_problems),
        missing,
    )


def write_delta(source, target, share, today, seed):
    """A copy of the extract where `share` of the people changed overnight."""
    shutil.copytree(source, target)
    with open(Path(source) / "ssd_person.csv", encoding="utf-8") as handle:
        people = [row["pers_person_id"] for row in csv.DictReader(handle)]
    rng = random.Random(f"{seed}:delta")
    looked_after = _looked_after(source)  # children in care today: reviewed, visited, reallocated
    chosen = sorted(rng.sample(sorted(looked_after), min(len(looked_after), max(1, round(len(people) * share)))))
    workers = _workers(source)
    day = today.isoformat()
    with open(Path(target) / "ssd_cla_reviews.csv", "a", encoding="utf-8", newline="") as reviews:
        writer = csv.writer(reviews)
        for person in chosen:
            writer.writerow([f"{person}-RD", person, looked_after.get(person, ""), "", day, "N", ""])
    with open(Path(target) / "ssd_cla_visits.csv", "a", encoding="utf-8", newline="") as visits:
        writer = csv.writer(visits)
        for person in chosen:
            writer.writerow([f"{person}-VD", person, looked_after.get(person, ""), day, "Y", "Y"])
    movers = set(chosen[::3])
    rows = []
    with open(Path(target) / "ssd_involvements.csv", encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        columns = reader.fieldnames
        for row in reader:
            if (
                row["invo_person_id"] in movers
                and row["invo_professional_role_id"] == "Allocated Social Worker"
                and not row["invo_involvement_end_date"]
            ):
                row["invo_involvement_end_date"] = day
                rows.append(
                    dict(
                        row,
                        invo_involvements_id=row["invo_involvements_id"] + "-NEW",
                        invo_professional_id=rng.choice(workers),
                        invo_involvement_start_date=day,
                        invo_involvement_end_date="",
                    )
                )
            rows.append(row)
    with open(Path(target) / "ssd_involvements.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns)
        writer.writeheader()
        writer.writerows(rows)
    return len(chosen)


def _looked_after(folder):
    out = {}
    with open(Path(folder) / "ssd_cla_episodes.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if not row["clae_cla_episode_ceased_date"]:
                out[row["clae_person_id"]] = row["clae_cla_id"]
    return out


def _workers(folder):
    with open(Path(folder) / "ssd_involvements.csv", encoding="utf-8") as handle:
        return sorted(
            {
                row["invo_professional_id"]
                for row in csv.DictReader(handle)
                if row["invo_professional_role_id"] == "Allocated Social Worker"
            }
        )


def _load():
    return f"load average {os.getloadavg()[0]:.1f}"


def timed_command(args, env):
    """Run a command; (seconds, peak resident memory in MiB, its last output lines)."""
    started = time.perf_counter()
    process = subprocess.Popen(args, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{output}")
    return seconds, usage.ru_maxrss / 1024, output.strip().splitlines(), usage.ru_utime + usage.ru_stime


def main(argv=None):
    parser = argparse.ArgumentParser(prog="make bench-ssd", description=__doc__.split("\n\n")[0])
    parser.add_argument("--children", type=int, default=85000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--share", type=float, default=0.01, help="share of children changed in the delta (default 0.01)"
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep the first night's extract of an earlier run with the same children and seed",
    )
    args = parser.parse_args(argv)
    today = date(2026, 11, 23)
    var = ROOT / "var" / "bench-ssd"
    marker = var / "night-1" / "bench.json"
    wanted = {"children": args.children, "seed": args.seed, "today": today.isoformat()}
    kept = None
    if args.reuse and marker.exists():
        written = json.loads(marker.read_text())
        if {k: written.get(k) for k in wanted} == wanted:
            kept = written
    for entry in var.iterdir() if var.exists() else ():
        if kept is not None and entry.name == "night-1":
            continue
        shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
    var.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, PERMANENCE_VAR_DIR=str(var), DJANGO_SETTINGS_MODULE="config.settings")
    database = os.environ.get("BENCH_DATABASE_URL")
    if database:
        env["DATABASE_URL"] = database
        name = database.rsplit("/", 1)[-1]
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name], check=True)
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
    else:
        env.pop("DATABASE_URL", None)
    bin_dir = Path(sys.executable).parent
    permanence = str(bin_dir / "permanence")
    print(f"SSD feed benchmark: {args.children:,} children, {'PostgreSQL' if database else 'SQLite'}", flush=True)
    if kept is not None:
        counts = kept["counts"]
        print(f"  extract of an earlier run kept: {sum(counts.values()):,} rows in {len(counts)} tables", flush=True)
    else:
        started, cpu = time.perf_counter(), time.process_time()
        counts = write_extract(var / "night-1", args.children, args.seed, today)
        print(
            f"  extract written: {sum(counts.values()):,} rows in {len(counts)} tables, "
            f"{time.perf_counter() - started:.1f} s ({time.process_time() - cpu:.1f} s of CPU, {_load()})",
            flush=True,
        )
        marker.write_text(json.dumps(dict(wanted, counts=counts)))
    rows = sum(counts.values())
    subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], env=env, cwd=ROOT, check=True)
    night1 = datetime.combine(today, datetime.min.time(), UTC) + timedelta(hours=2)
    before = _load()
    first = timed_command([permanence, "sync-ssd", str(var / "night-1"), "--quiet", "--as-at", night1.isoformat()], env)
    print(
        f"  first load: {first[0]:.1f} s ({first[3]:.1f} s of CPU), peak memory {first[1]:.0f} MiB "
        f"({before} before, {_load()} after)",
        flush=True,
    )
    changed = write_delta(var / "night-1", var / "night-2", args.share, today + timedelta(days=1), args.seed)
    night2 = night1 + timedelta(days=1)
    before = _load()
    delta = timed_command([permanence, "sync-ssd", str(var / "night-2"), "--quiet", "--as-at", night2.isoformat()], env)
    print(
        f"  delta ({changed:,} children changed): {delta[0]:.1f} s ({delta[3]:.1f} s of CPU), "
        f"peak memory {delta[1]:.0f} MiB ({before} before, {_load()} after)",
        flush=True,
    )
    before = _load()
    same = timed_command(
        [permanence, "sync-ssd", str(var / "night-2"), "--quiet", "--as-at", (night2 + timedelta(days=1)).isoformat()],
        env,
    )
    print(
        f"  the same extract again: {same[0]:.1f} s ({same[3]:.1f} s of CPU), peak memory {same[1]:.0f} MiB "
        f"({before} before, {_load()} after)",
        flush=True,
    )
    print()
    load = os.getloadavg()[0]
    print(
        f"(load average {load:.1f} on {os.cpu_count()} cores at the end: time is wall-clock, CPU is this process's own)"
    )
    print("| run | children changed | time | CPU | peak memory |")
    print("| --- | --- | --- | --- | --- |")
    print(
        f"| first load ({rows:,} rows) | {args.children:,} | {first[0]:.1f} s | {first[3]:.1f} s | {first[1]:.0f} MiB |"
    )
    print(
        f"| nightly delta ({args.share:.0%}) | {changed:,} | {delta[0]:.1f} s | {delta[3]:.1f} s | {delta[1]:.0f} MiB |"
    )
    print(f"| unchanged extract | 0 | {same[0]:.1f} s | {same[3]:.1f} s | {same[1]:.0f} MiB |")
    for label, result in (("first load", first), ("delta", delta)):
        print(f"\n{label}:\n  " + "\n  ".join(result[2][-12:]))
    return 0


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.exit(main())
