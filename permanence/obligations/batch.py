"""Obligations for every child, in parallel: the batch behind service-wide figures and the benchmark.

Children are split into contiguous slices, one per process; each process reads its slice in
batches (a fixed number of queries per batch) and runs the engine. Work stays linear in the
number of children, and two cores halve the wall time.
"""

import multiprocessing
from collections import Counter
from dataclasses import dataclass, field

from django.db import connections

from permanence.timescales import compute_obligations

from .pack import current_pack
from .snapshots import BATCH, iter_snapshots


@dataclass
class BatchResult:
    children: int = 0
    obligations: int = 0
    by_status: Counter = field(default_factory=Counter)
    overdue_by_rule: Counter = field(default_factory=Counter)

    def add(self, other):
        self.children += other.children
        self.obligations += other.obligations
        self.by_status.update(other.by_status)
        self.overdue_by_rule.update(other.overdue_by_rule)
        return self


def _compute_slice(args):
    ids, today, batch, forked = args
    if forked:
        connections.close_all()  # a forked process must not share its parent's connection
    pack, result = current_pack(), BatchResult()
    for _, snapshot in iter_snapshots(ids, batch):
        found = compute_obligations(snapshot, pack, today)
        result.children += 1
        result.obligations += len(found)
        for o in found:
            result.by_status[o.status] += 1
            if o.status == "overdue":
                result.overdue_by_rule[o.rule] += 1
    if forked:
        connections.close_all()
    return result


def compute_all(ids, *, today, processes=None, batch=BATCH):
    """Counts of obligations by status and overdue by rule, for these children."""
    ids = list(ids)
    processes = processes or min(multiprocessing.cpu_count(), 8)
    if processes <= 1 or len(ids) < 2 * batch:
        return _compute_slice((ids, today, batch, False))
    size = -(-len(ids) // processes)
    slices = [(ids[i : i + size], today, batch, True) for i in range(0, len(ids), size)]
    connections.close_all()
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        results = pool.map(_compute_slice, slices)
    total = BatchResult()
    for result in results:
        total.add(result)
    return total
