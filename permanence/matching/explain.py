"""Why the optimiser proposes each household, and which constraints held (pure: no Django).

The suggested plan is advice: each proposal says in words why this household (the parts of
the score that carry information, and whether it is the child's own best household or the best
for all children together), and which of the hard constraints it meets, so a family finder can
check the reasoning rather than trust a number (DESIGN principle 8).
"""

from dataclasses import dataclass

from . import places
from .choices import APPROVAL_TYPE_NAMES
from .needs import NEED_NAMES, level_name
from .scoring import OPTION_WORDS, score


@dataclass(frozen=True)
class Explanation:
    why: tuple  # sentences
    constraints: tuple  # sentences: each hard constraint, as it held for this household
    counted: tuple  # Part: the parts that carry information
    not_counted: tuple  # Part: shown, with why they are not counted
    percent: int  # the match, on what is recorded


def _names(unit):
    names = [c.name for c in unit.children]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def constraints_held(unit, carer, policy, group_reasons=()):
    """The hard constraints, each in words as it held for this household."""
    first = unit.children[0]
    out = [
        f"Approved as {APPROVAL_TYPE_NAMES.get(carer.approval_type, carer.approval_type).lower()}, who may care "
        f"for a child whose plan is {OPTION_WORDS.get(first.option, first.option)}."
    ]
    ages = ", ".join(f"{c.name} {c.age}" for c in unit.children)
    out.append(f"Approved for ages {carer.age_min} to {carer.age_max} ({ages}).")
    needs = sorted({(need, level) for c in unit.children for need, level in c.needs.items()})
    if needs:
        met = "; ".join(
            f"{NEED_NAMES.get(n, n).lower()}: {level_name(lv).lower()}, can meet {level_name(carer.needs.get(n, 0)).lower()}"
            for n, lv in needs
        )
        out.append(f"Can meet every recorded need ({met}).")
    else:
        out.append("No needs are recorded that the carers would have to meet.")
    out.append(
        f"Room for {carer.capacity}; {unit.size} child{'ren' if unit.size != 1 else ''} proposed."
        + (" They take one family at a time." if carer.approval_type in policy.one_family else "")
    )
    if unit.size > 1:
        out.append(f"{_names(unit)} stay together. " + " ".join(group_reasons))
    for child in unit.children:
        km = places.distance_km(child.district, carer.district)
        if km is None:
            continue
        if child.min_km is not None:
            out.append(
                f"{child.name}'s plan needs at least {child.min_km:.0f} km from their community: about {km:.0f} km."
            )
        if child.max_km is not None:
            out.append(
                f"{child.name}'s plan needs at most {child.max_km:.0f} km from their community: about {km:.0f} km."
            )
    return tuple(out)


def explain(unit, carer, policy, *, best_other=None, group_reasons=()):
    """The explanation of one proposal. `best_other`: (household name, proposed for) when the
    unit's own highest-valued household is proposed for other children instead."""
    lead = unit.children[0]
    result = score(lead, carer, policy, unit=unit)
    counted, not_counted = result.counted, result.not_counted
    why = []
    if counted:
        strongest = sorted(counted, key=lambda p: -(p.points / p.out_of if p.out_of else 0))
        why.append(
            f"{result.percent}% on what is recorded ({result.total:g} of {result.out_of:g} points): "
            + " ".join(p.reason for p in strongest)
        )
    else:
        why.append(
            "Nothing recorded tells households apart for "
            f"{_names(unit)}: the proposal rests on the constraints below and on time waiting."
        )
    waited = max(c.waiting_days for c in unit.children)
    if waited:
        months = waited // 30
        when = f"{months} month{'s' if months != 1 else ''}" if months else f"{waited} days"
        why.append(
            f"Waiting {when} since the decision that a new family is needed: this counts in who is proposed first."
        )
    if best_other is not None:
        name, proposed_for = best_other
        why.append(
            f"{name} scored higher for {_names(unit)} but is proposed for {proposed_for}: the plan as a whole places "
            "more children, or places them better, that way."
        )
    else:
        why.append(f"The best-scoring available household for {_names(unit)}.")
    return Explanation(
        tuple(why), constraints_held(unit, carer, policy, group_reasons), counted, not_counted, result.percent
    )


def best_elsewhere(i, assignment, edges_by_unit, unit_names, carer_names):
    """(household name, the children it is proposed for) when unit i's best household went to others."""
    options = edges_by_unit.get(i, ())
    if not options:
        return None
    best_value, best_j = max(options, key=lambda vj: (vj[0], -vj[1]))
    chosen = assignment.get(i)
    if chosen is None or chosen == best_j:
        return None
    chosen_value = next((v for v, j in options if j == chosen), None)
    if chosen_value is not None and chosen_value >= best_value:
        return None
    taken_by = [unit_names[k] for k, j in assignment.items() if j == best_j and k != i]
    if not taken_by:
        return None
    return carer_names[best_j], " and ".join(taken_by)


def no_household(unit, carers, policy, fitting=0):
    """Why no household was proposed, in words. `fitting`: how many households fit the unit."""
    if fitting:
        return (
            f"{fitting} available household{'s fit' if fitting != 1 else ' fits'}, but "
            f"{'each is' if fitting != 1 else 'it is'} proposed for other children, where the plan as a whole does better."
        )
    fits = set(policy.approval_fits.get(unit.children[0].option, ()))
    approved = sum(1 for c in carers if c.approval_type in fits)
    if not approved:
        return f"No available household is approved for a plan of {OPTION_WORDS.get(unit.children[0].option, 'this kind')}."
    return (
        f"None of the {approved} available household{'s' if approved != 1 else ''} approved for this plan meets "
        f"every constraint. {unit.children[0].name}'s family finding page gives the reasons, household by household."
    )
