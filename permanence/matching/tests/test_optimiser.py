"""The optimiser: exact against brute force on small cases, never splits siblings, never over room."""

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from permanence.matching import optimiser
from permanence.matching.bench import run


def brute_force(sizes, households, edges):
    best = 0.0
    choices = [[None] + [j for (i2, j) in edges if i2 == i] for i in range(len(sizes))]
    for pick in itertools.product(*choices):
        load, count, total, ok = {}, {}, 0.0, True
        for i, j in enumerate(pick):
            if j is None:
                continue
            load[j] = load.get(j, 0) + sizes[i]
            count[j] = count.get(j, 0) + 1
            if load[j] > households[j].capacity or (households[j].one_family and count[j] > 1):
                ok = False
                break
            total += edges[(i, j)]
        if ok:
            best = max(best, total)
    return best


@st.composite
def cases(draw):
    n_units = draw(st.integers(1, 5))
    n_homes = draw(st.integers(1, 4))
    sizes = [draw(st.integers(1, 3)) for _ in range(n_units)]
    households = [optimiser.Household(draw(st.integers(1, 4)), draw(st.booleans())) for _ in range(n_homes)]
    edges = {}
    for i in range(n_units):
        for j in range(n_homes):
            if sizes[i] <= households[j].capacity and draw(st.booleans()):
                edges[(i, j)] = float(draw(st.integers(1, 100)))
    return sizes, households, edges


@settings(max_examples=150, deadline=None)
@given(cases())
def test_the_optimiser_finds_the_best_total_that_brute_force_finds(case):
    sizes, households, edges = case
    plan = optimiser.optimise(sizes, households, edges)
    optimiser.check(plan, sizes, households, edges)
    assert abs(plan.total - brute_force(sizes, households, edges)) < 1e-6


@settings(max_examples=100, deadline=None)
@given(cases())
def test_the_greedy_baseline_keeps_the_rules_and_never_beats_the_optimiser(case):
    sizes, households, edges = case
    base = optimiser.greedy(sizes, households, edges)
    optimiser.check(base, sizes, households, edges)
    assert base.total <= optimiser.optimise(sizes, households, edges).total + 1e-6


def test_keeping_each_childs_best_households_loses_nothing():
    # Three units all prefer household 0; pruning to each unit's best 3 keeps the optimum.
    sizes = [1, 1, 1]
    homes = [optimiser.Household(1, True) for _ in range(6)]
    edges = {(i, j): 10.0 - j for i in range(3) for j in range(6)}
    assert len(optimiser.prune(edges, 3)) == 9
    assert optimiser.optimise(sizes, homes, edges).total == 10 + 9 + 8


def test_a_household_for_one_family_takes_one_sibling_group_even_with_room_for_more():
    plan = optimiser.optimise([2, 1], [optimiser.Household(4, True)], {(0, 0): 50.0, (1, 0): 30.0})
    assert plan.assignment == {0: 0}


def test_greedy_can_take_the_wrong_home_and_the_optimiser_does_not():
    # Unit 0 scores a little more with home 0, but unit 1 can only go there.
    edges = {(0, 0): 60.0, (0, 1): 55.0, (1, 0): 50.0}
    homes = [optimiser.Household(1), optimiser.Household(1)]
    assert optimiser.greedy([1, 1], homes, edges).total == 60
    assert optimiser.optimise([1, 1], homes, edges).total == 105


def test_a_regional_pool_is_planned_exactly_and_beats_the_greedy_baseline():
    figures = run(n_children=120, n_carers=800, seed=11, out=lambda *_: None)
    assert figures["optimal"]
    assert figures["optimiser_total"] >= figures["greedy_total"]
    assert figures["in_sibling_groups"] == 39
