"""The read model over the whole service: the nightly "today moved" job, the rebuild and the check.

- `day_moved(today)` works out every child for the new day and rewrites only the rows whose
  obligations moved (a due date came into "due soon", a date passed into "overdue", a new visit
  fell due); the others are left as they are, and the job's record (`DayChecked`, written when
  it ends) says they hold the new day's obligations too.
- `check(today)` compares every stored row with a fresh computation and names each difference.

Both read the case record a batch of 5,000 children at a time (a fixed number of queries per
batch) and split the children into contiguous slices, one per process.
"""

import multiprocessing
from dataclasses import dataclass, field
from datetime import date

from django.db import connections
from django.utils import timezone

from permanence.children.models import Child

from . import spawned
from .models import DayChecked, StoredObligations
from .snapshots import BATCH
from .store import compute, decode, digest, encode, holds_the_day, row_for, rows_for, save_rows


@dataclass
class DayMoved:
    children: int = 0
    rewritten: int = 0
    overdue: int = 0
    due_soon: int = 0

    def add(self, other: "DayMoved") -> "DayMoved":
        self.children += other.children
        self.rewritten += other.rewritten
        self.overdue += other.overdue
        self.due_soon += other.due_soon
        return self


@dataclass
class CheckResult:
    children: int = 0
    differences: list[str] = field(default_factory=list)

    def add(self, other: "CheckResult") -> "CheckResult":
        self.children += other.children
        self.differences += other.differences
        return self


def _move_batch(ids: list[int], today: date) -> DayMoved:
    """Rewrite only the rows whose obligations differ from a fresh computation for `today` (or that
    are behind their facts); nothing is written for the others, most children on most nights."""
    held_rows = StoredObligations.objects.filter(child_id__in=ids).values_list(
        "child_id", "facts_version", "computed_version", "digest", "day"
    )
    versions, stored = {}, {}
    for child_id, version, computed, dig, day in held_rows:
        versions[child_id] = version
        if version == computed and day <= today:  # a row behind its facts is rewritten whatever it holds
            stored[child_id] = dig
    result, rows, now = DayMoved(), [], timezone.now()
    for child_id, found in compute(ids, today=today).items():
        result.children += 1
        row = row_for(child_id, found, today=today, version=versions.get(child_id, 0), now=now)
        result.overdue += row.overdue
        result.due_soon += row.due_soon
        if stored.get(child_id) != row.digest:
            rows.append(row)
    save_rows(rows)
    result.rewritten = len(rows)
    return result


def _check_batch(ids: list[int], today: date) -> CheckResult:
    result = CheckResult()
    rows = {row[0]: row[1:] for row in rows_for(ids, today, "items")}
    for child_id, found in compute(ids, today=today).items():
        result.children += 1
        held = rows.get(child_id)
        if held is None:
            result.differences.append(f"child {child_id}: no stored obligations")
            continue
        day, version, computed, refreshed_at, checked_at, items = held
        if not holds_the_day(day, refreshed_at, checked_at, today):
            result.differences.append(
                f"child {child_id}: stored for {day:%d/%m/%Y}, not {today:%d/%m/%Y}, and not checked for it since"
            )
        if version != computed:
            result.differences.append(
                f"child {child_id}: stored from facts version {computed}, the facts are at {version}"
            )
        if digest(items) != digest(encode(found)):
            try:
                held_obligations = decode(items, child_id)
            except KeyError as error:
                result.differences.append(f"child {child_id}: stored with rule {error}, which the pack does not have")
                continue
            result.differences.append(f"child {child_id}: {_difference(held_obligations, found)}")
    return result


def _difference(stored, computed) -> str:
    """The first obligation that differs, named by rule and occurrence."""
    held = {(o.rule, o.occurrence): o for o in stored}
    fresh = {(o.rule, o.occurrence): o for o in computed}
    for key in sorted(set(held) | set(fresh)):
        a, b = held.get(key), fresh.get(key)
        if a is None:
            return f"{key[0]} ({key[1]}) is missing from the stored obligations"
        if b is None:
            return f"{key[0]} ({key[1]}) is stored but no longer worked out"
        if a != b:
            fields = [f for f in a.__slots__ if getattr(a, f) != getattr(b, f)]
            detail = ", ".join(f"{f} stored {getattr(a, f)!r}, worked out {getattr(b, f)!r}" for f in fields)
            return f"{key[0]} ({key[1]}): {detail}"
    return "the obligations are in another order"


def run_slice(args):
    work, ids, today, forked = args
    if forked:
        connections.close_all()
    total = DayMoved() if work == "move" else CheckResult()
    step = _move_batch if work == "move" else _check_batch
    for i in range(0, len(ids), BATCH):
        total.add(step(ids[i : i + BATCH], today))
    if forked:
        connections.close_all()
    return total


def _over_slices(work: str, today: date, processes: int, ids=None):
    if ids is None:
        ids = list(Child.objects.order_by("pk").values_list("pk", flat=True))
    ids = list(ids)
    if processes <= 1 or len(ids) < 2 * BATCH:
        return run_slice((work, ids, today, False))
    size = -(-len(ids) // processes)
    slices = [(work, ids[i : i + size], today, True) for i in range(0, len(ids), size)]
    connections.close_all()
    # Spawned, not forked: the worker that runs the nightly job has a heartbeat thread.
    with multiprocessing.get_context("spawn").Pool(processes) as pool:
        results = pool.map(spawned.run_slice, slices)
    total = results[0]
    for result in results[1:]:
        total.add(result)
    return total


def day_moved(*, today: date, processes: int = 1) -> DayMoved:
    """Every child worked out for `today`; only the rows whose obligations moved are rewritten, and
    the job's record (written once every child is done) vouches for the rows left as they were."""
    started = timezone.now()  # before any row is read: a row written after this is not vouched for
    moved = _over_slices("move", today, processes, None)
    DayChecked.objects.update_or_create(
        day=today,
        defaults={
            "started_at": started,
            "finished_at": timezone.now(),
            "children": moved.children,
            "rewritten": moved.rewritten,
        },
    )
    return moved


def check(*, today: date, processes: int = 1, ids=None) -> CheckResult:
    """Every stored row against a fresh computation for `today`; each difference named."""
    return _over_slices("check", today, processes, ids)
