"""Across all waiting children and available carers: which household for whom (pure: no Django).

It proposes; people decide. The input is units (a child, or brothers and sisters to be placed
together: one unit, so never split), households with their room, and the value of every unit
and household that fit (`scoring.unit_edges`). The exact optimiser maximises the total value by
integer programming (HiGHS through scipy.optimize.milp); `greedy` is the baseline it must beat.

Constraints: each unit goes to at most one household; a household never takes more children
than its room; households that take one family at a time (adopters, special guardians) take
at most one unit.

Pruning that keeps the optimum exact: for each unit only its best N households are kept, where
N is the number of units. In any optimal plan, if a unit were placed with a household outside
its best N, at least one of those N would be empty (the other N-1 units fill at most N-1
households), and moving the unit there loses nothing, since every kept household fits the unit.
"""

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array

# {(unit index, household index): the value of that unit living with that household}
Edges = Mapping[tuple[int, int], float]


@dataclass(frozen=True)
class Household:
    capacity: int
    one_family: bool = False


@dataclass(frozen=True)
class Plan:
    assignment: dict[int, int]  # unit index -> household index
    total: float
    seconds: float
    method: str
    optimal: bool = True

    def children_matched(self, sizes: Sequence[int]) -> int:
        return sum(sizes[i] for i in self.assignment)


def prune(edges: Edges, n_units: int) -> dict[tuple[int, int], float]:
    """Keep each unit's best `n_units` households (ties broken by household index)."""
    by_unit: dict[int, list[tuple[float, int]]] = {}
    for (i, j), value in edges.items():
        by_unit.setdefault(i, []).append((value, j))
    kept = {}
    for i, options in by_unit.items():
        options.sort(key=lambda vj: (-vj[0], vj[1]))
        for value, j in options[:n_units]:
            kept[(i, j)] = value
    return kept


def optimise(sizes: Sequence[int], households: Sequence[Household], edges: Edges, *, time_limit: float = 60.0) -> Plan:
    """The assignment of units to households with the highest total value.

    sizes: children in each unit; households: Household per carer; edges: {(unit, household): value}.
    """
    started = time.perf_counter()
    kept = prune(edges, len(sizes))
    if not kept:
        return Plan({}, 0.0, time.perf_counter() - started, "exact")
    keys = sorted(kept)
    n = len(keys)
    unit_of = np.fromiter((i for i, _ in keys), dtype=np.int64, count=n)
    home_of = np.fromiter((j for _, j in keys), dtype=np.int64, count=n)
    values = np.fromiter((kept[k] for k in keys), dtype=float, count=n)
    size_of = np.asarray(sizes, dtype=float)[unit_of]
    col = np.arange(n)

    units, unit_rows = np.unique(unit_of, return_inverse=True)
    homes, home_rows = np.unique(home_of, return_inverse=True)
    constraints = [
        # each unit at most once
        LinearConstraint(coo_array((np.ones(n), (unit_rows, col)), shape=(len(units), n)).tocsr(), -np.inf, 1),
        # room in each household
        LinearConstraint(
            coo_array((size_of, (home_rows, col)), shape=(len(homes), n)).tocsr(),
            -np.inf,
            np.array([households[j].capacity for j in homes], dtype=float),
        ),
    ]
    single = np.array([households[j].one_family for j in homes], dtype=bool)
    mask = single[home_rows]
    if mask.any():
        one_rows, one_index = np.unique(home_rows[mask], return_inverse=True)
        constraints.append(
            LinearConstraint(
                coo_array((np.ones(mask.sum()), (one_index, col[mask])), shape=(len(one_rows), n)).tocsr(), -np.inf, 1
            )
        )
    result = milp(
        -values,
        integrality=np.ones(n),
        bounds=Bounds(0, 1),
        constraints=constraints,
        options={"time_limit": time_limit, "mip_rel_gap": 0.0},
    )
    if result.x is None:
        raise RuntimeError(f"The optimiser found no plan: {result.message}")
    chosen = np.flatnonzero(result.x > 0.5)
    assignment = {int(unit_of[k]): int(home_of[k]) for k in chosen}
    total = float(values[chosen].sum())
    return Plan(assignment, total, time.perf_counter() - started, "exact", optimal=result.status == 0)


def greedy(sizes: Sequence[int], households: Sequence[Household], edges: Edges) -> Plan:
    """The baseline: take the best remaining pair while it fits, until none is left."""
    started = time.perf_counter()
    room = [h.capacity for h in households]
    taken = [0] * len(households)
    assignment: dict[int, int] = {}
    total = 0.0
    for (i, j), value in sorted(edges.items(), key=lambda kv: (-kv[1], kv[0])):
        if i in assignment or sizes[i] > room[j] or (households[j].one_family and taken[j]):
            continue
        assignment[i] = j
        room[j] -= sizes[i]
        taken[j] += 1
        total += value
    return Plan(assignment, total, time.perf_counter() - started, "greedy", optimal=False)


def check(plan: Plan, sizes: Sequence[int], households: Sequence[Household], edges: Edges) -> None:
    """The constraints, for tests and the bench: raises AssertionError naming the broken one."""
    load: dict[int, int] = {}
    count: dict[int, int] = {}
    for i, j in plan.assignment.items():
        assert (i, j) in edges, f"unit {i} placed with household {j}, which does not fit"
        load[j] = load.get(j, 0) + sizes[i]
        count[j] = count.get(j, 0) + 1
    for j, children in load.items():
        assert children <= households[j].capacity, f"household {j} over its room"
        assert not households[j].one_family or count[j] <= 1, f"household {j} takes one family only"
    assert abs(sum(edges[(i, j)] for i, j in plan.assignment.items()) - plan.total) < 1e-6
