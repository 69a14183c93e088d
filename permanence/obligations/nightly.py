"""The read model over the whole service: the nightly "today moved" job, the rebuild and the check.

- `day_moved(today)` works out every child for the new day and rewrites only the rows whose
  obligations moved (a due date came into "due soon", a date passed into "overdue", a new visit
  fell due); the others are left as they are, and the job's record (`DayChecked`, written when
  it ends) says they hold the new day's obligations too.
- `check(today)` compares every stored row with a fresh computation and names each difference.

Both read the case record a batch of 5,000 children at a time (a fixed number of queries per
batch); with several processes, each takes the next batch as it is free.
"""

import gc
import multiprocessing
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import connections
from django.utils import timezone

from permanence.children.bulk import among
from permanence.children.models import Child
from permanence.timescales.obligations import DUE_SOON, OVERDUE

from . import spawned
from .models import DayChecked, StoredObligations
from .snapshots import BATCH
from .store import computed, decode, digest, encode, holds_the_day, row_for, rows_for, save_rows


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
    held_rows = StoredObligations.objects.filter(**among("child_id", ids)).values_list(
        "child_id", "facts_version", "computed_version", "digest", "day"
    )
    versions, stored = {}, {}
    for child_id, version, computed_version, dig, day in held_rows:
        versions[child_id] = version
        if version == computed_version and day <= today:  # a row behind its facts is rewritten whatever it holds
            stored[child_id] = dig
    result, rows, now = DayMoved(), [], timezone.now()
    for child_id, found in computed(ids, today=today):
        result.children += 1
        result.overdue += sum(1 for o in found if o.status == OVERDUE)
        result.due_soon += sum(1 for o in found if o.status == DUE_SOON)
        items = encode(found)
        if stored.get(child_id) != digest(items):
            rows.append(row_for(child_id, found, today=today, version=versions.get(child_id, 0), now=now, items=items))
    save_rows(rows)
    result.rewritten = len(rows)
    return result


def _check_batch(ids: list[int], today: date) -> CheckResult:
    result = CheckResult()
    rows = {row[0]: row[1:] for row in rows_for(ids, today, "items")}
    for child_id, found in computed(ids, today=today):
        result.children += 1
        held = rows.get(child_id)
        if held is None:
            result.differences.append(f"child {child_id}: no stored obligations")
            continue
        day, version, computed_version, refreshed_at, checked_at, items = held
        if not holds_the_day(day, refreshed_at, checked_at, today):
            result.differences.append(
                f"child {child_id}: stored for {day:%d/%m/%Y}, not {today:%d/%m/%Y}, and not checked for it since"
            )
        if version != computed_version:
            result.differences.append(
                f"child {child_id}: stored from facts version {computed_version}, the facts are at {version}"
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


@contextmanager
def _fewer_collections():
    """A night makes millions of short-lived objects (rows read, snapshots, obligations) and keeps
    few: the garbage collector looks less often while it runs, and only at what the night made,
    not at what the process held before (Django, the pack). Set back afterwards; in a process that
    froze what it loaded itself (the web process), what it held at the start stays frozen."""
    threshold, frozen = gc.get_threshold(), gc.get_freeze_count()
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        if not frozen:
            gc.unfreeze()


def _taking(taken, count: int) -> Iterator[int]:
    """The batches this process works through: all of them, or, when processes share them, each
    next one no process has taken yet (a process slowed by other work on the machine takes fewer)."""
    if taken is None:
        yield from range(count)
        return
    while True:
        with taken.get_lock():
            i = taken.value
            taken.value += 1
        if i >= count:
            return
        yield i


def run_batches(work: str, batches: list[list[int]], today: date, taken=None) -> Any:
    """The batches this process takes, moved on to `today` ("move") or checked ("check")."""
    total: Any = DayMoved() if work == "move" else CheckResult()
    step = _move_batch if work == "move" else _check_batch
    with _fewer_collections():
        for i in _taking(taken, len(batches)):
            total.add(step(batches[i], today))
    return total


def _over_batches(work: str, today: date, processes: int, ids=None, batch: int = BATCH):
    """Every child, a batch at a time: in this process, and beside it in `processes - 1` spawned
    ones (spawned, not forked: the worker that runs the nightly job has a heartbeat thread). The
    batches are shared as they go, each taken by the first process free for it."""
    if ids is None:
        ids = list(Child.objects.order_by("pk").values_list("pk", flat=True))
    ids = sorted(ids)
    batches = [ids[i : i + batch] for i in range(0, len(ids), batch)]
    helpers = min(processes, len(batches)) - 1
    if helpers < 1:
        return run_batches(work, batches, today)
    context = multiprocessing.get_context("spawn")
    taken = context.Value("q", 0)
    database = connections["default"].settings_dict["NAME"]
    with context.Pool(helpers, initializer=spawned.setup, initargs=(taken, database)) as pool:
        theirs = pool.map_async(spawned.run_batches, [(work, batches, today)] * helpers, chunksize=1)
        total = run_batches(work, batches, today, taken)
        for result in theirs.get():
            total.add(result)
        pool.close()
        pool.join()  # the helpers end here, their work (and its CPU time) done
    return total


def day_moved(*, today: date, processes: int = 1, batch: int = BATCH) -> DayMoved:
    """Every child worked out for `today`; only the rows whose obligations moved are rewritten, and
    the job's record (written once every child is done) vouches for the rows left as they were."""
    started = timezone.now()  # before any row is read: a row written after this is not vouched for
    moved = _over_batches("move", today, processes, None, batch)
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


def check(*, today: date, processes: int = 1, ids=None, batch: int = BATCH) -> CheckResult:
    """Every stored row against a fresh computation for `today`; each difference named."""
    return _over_batches("check", today, processes, ids, batch)
