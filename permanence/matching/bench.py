"""`make bench-matching`: a regional pool, the exact optimiser against the greedy baseline.

    python -m permanence.matching.bench [--children 300] [--carers 3000] [--seed 2026]

Synthetic and pure (no database): children and carers are generated from the seed, scored
with the policy pack's weights, then assigned both ways. Prints the figures.
"""

import argparse
import os
import random
import time

from . import places
from .choices import ADOPTER, CHILDRENS_HOME, CONNECTED_PERSON, FFA_CARER, LONG_TERM_FOSTER_CARER, SPECIAL_GUARDIAN
from .needs import NEED_KEYS
from .optimiser import Household, check, greedy, optimise
from .policy import load_matching_policy
from .scoring import CarerFacts, ChildFacts, unit_edges, units_of

ETHNICITIES = ("WBRI",) * 6 + ("WOTH", "MWBC", "MWBA", "BAFR", "BCRB", "APKN", "AIND")
RELIGIONS = ("",) * 3 + ("Christian", "Muslim", "No religion")
LANGUAGES = ("English",) * 12 + ("Polish", "Urdu", "Arabic")


def _needs(rng, chance, weights):
    return {need: rng.choices((1, 2, 3), weights)[0] for need in NEED_KEYS if rng.random() < chance}


def pool(n_children, n_carers, seed):
    rng = random.Random(seed)
    districts = list(places.DISTRICTS)
    children, next_id = [], 1
    # A third of the children in sibling groups of 2 to 4 to be placed together, the rest alone.
    sizes, grouped = [], 0
    while grouped < n_children // 3 - 1:
        size = min(rng.choice((2, 2, 2, 3, 3, 4)), n_children // 3 - grouped)
        sizes.append(size)
        grouped += size
    sizes += [1] * (n_children - grouped)
    rng.shuffle(sizes)
    for size in sizes:
        ids = tuple(range(next_id, next_id + size))
        option = rng.choices(("adoption", "long_term_fostering", "special_guardianship"), (5, 4, 1))[0]
        district = rng.choice(districts[:12])
        base_age = rng.randint(0, 4 if option == "adoption" else 12)
        for k, child_id in enumerate(ids):
            children.append(
                ChildFacts(
                    id=child_id,
                    name=f"Child {child_id}",
                    age=min(17, base_age + k * rng.randint(1, 3)),
                    option=option,
                    needs=_needs(rng, 0.35, (3, 3, 2)),
                    district=district,
                    min_km=rng.choice((None,) * 8 + (15.0,)),
                    max_km=rng.choice((None,) * 8 + (30.0,)),
                    ethnicity=rng.choice(ETHNICITIES),
                    religion=rng.choice(RELIGIONS),
                    language=rng.choice(LANGUAGES),
                    waiting_days=rng.randint(0, 600),
                    together_with=tuple(i for i in ids if i != child_id),
                )
            )
        next_id += size
    kinds = rng.choices(
        (ADOPTER, FFA_CARER, LONG_TERM_FOSTER_CARER, SPECIAL_GUARDIAN, CONNECTED_PERSON, CHILDRENS_HOME),
        (35, 10, 40, 6, 4, 5),
        k=n_carers,
    )
    carers = []
    for j, kind in enumerate(kinds, start=1):
        young = kind in (ADOPTER, FFA_CARER)
        age_min = 0 if young else rng.choice((0, 0, 5, 8))
        age_max = rng.choice((4, 6, 9)) if young else rng.choice((11, 15, 17))
        carers.append(
            CarerFacts(
                id=j,
                name=f"Carer {j}",
                approval_type=kind,
                capacity=rng.choice((1, 1, 1, 2, 2, 3)) if kind != CHILDRENS_HOME else 6,
                age_min=age_min,
                age_max=age_max,
                needs=_needs(rng, 0.6, (5, 3, 1)),
                district=rng.choice(districts),
                ethnicity=rng.choice(ETHNICITIES),
                religion=rng.choice(RELIGIONS),
                languages=frozenset({"english"} | ({rng.choice(LANGUAGES).lower()} if rng.random() < 0.2 else set())),
                years_approved=rng.uniform(0, 12),
                children_cared_for=rng.randint(0, 8),
                open_to_siblings=rng.random() < 0.5,
                preferred_age_min=age_min,
                preferred_age_max=max(age_min, age_max - rng.randint(0, 3)),
            )
        )
    return children, carers


def run(n_children=300, n_carers=3000, seed=2026, policy_name="england", out=print):
    policy = load_matching_policy(policy_name)
    children, carers = pool(n_children, n_carers, seed)
    started = time.perf_counter()
    units = units_of(children)
    edges = unit_edges(units, carers, policy)
    scoring_seconds = time.perf_counter() - started
    sizes = [u.size for u in units]
    households = [Household(c.capacity, c.approval_type in policy.one_family) for c in carers]
    exact = optimise(sizes, households, edges)
    check(exact, sizes, households, edges)
    base = greedy(sizes, households, edges)
    check(base, sizes, households, edges)
    grouped = sum(s for s in sizes if s > 1)
    figures = {
        "children": len(children),
        "in_sibling_groups": grouped,
        "units": len(units),
        "carers": len(carers),
        "pairs_that_fit": len(edges),
        "scoring_seconds": round(scoring_seconds, 2),
        "optimiser_seconds": round(exact.seconds, 2),
        "greedy_seconds": round(base.seconds, 3),
        "optimiser_total": round(exact.total, 1),
        "greedy_total": round(base.total, 1),
        "optimiser_children_matched": exact.children_matched(sizes),
        "greedy_children_matched": base.children_matched(sizes),
        "optimal": exact.optimal,
    }
    out(
        f"Matching bench: {len(children)} waiting children ({grouped} in {sum(1 for s in sizes if s > 1)} sibling groups "
        f"to be placed together), {len(carers):,} carers, policy {policy_name}, seed {seed}, {os.cpu_count()} cores"
    )
    out(f"  scoring:   {figures['pairs_that_fit']:,} unit-household pairs fit, {figures['scoring_seconds']} s")
    out(
        f"  optimiser: {figures['optimiser_seconds']} s, total score {figures['optimiser_total']:,}, "
        f"{figures['optimiser_children_matched']} children matched{'' if exact.optimal else ' (NOT proven optimal)'}"
    )
    out(
        f"  greedy:    {figures['greedy_seconds']} s, total score {figures['greedy_total']:,}, "
        f"{figures['greedy_children_matched']} children matched"
    )
    gain = exact.total - base.total
    out(
        f"  optimiser over greedy: +{gain:,.1f} points ({100 * gain / base.total if base.total else 0:.1f}%), "
        f"{figures['optimiser_children_matched'] - figures['greedy_children_matched']:+d} children matched"
    )
    return figures


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=300)
    parser.add_argument("--carers", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--policy", default="england")
    args = parser.parse_args(argv)
    run(args.children, args.carers, args.seed, args.policy)


if __name__ == "__main__":
    main()
