"""When a rule applies, as policy packs say it: `applies_when: {looked_after: true, plan_in: [adoption]}`.

Each condition compiles once, when the pack loads, to a predicate over a CaseContext. All the
conditions of a rule must hold.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .context import CaseContext
from .periods import VISIT_SITUATIONS

Predicate = Callable[[CaseContext], bool]


def _codes(value: Any, where: str) -> frozenset[str]:
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ValueError(f"{where}: expected a list of codes, not {value!r}")
    return frozenset(values)


def _flag(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{where}: expected true or false, not {value!r}")
    return value


def _whole(value: Any, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"{where}: expected a whole number, not {value!r}")
    return value


def _looked_after(value: Any, where: str) -> Predicate:
    expected = _flag(value, where)
    return lambda ctx: ctx.looked_after == expected


def _short_breaks(value: Any, where: str) -> Predicate:
    expected = _flag(value, where)
    return lambda ctx: ctx.short_breaks == expected


def _placed_for_adoption(value: Any, where: str) -> Predicate:
    expected = _flag(value, where)
    return lambda ctx: ctx.placed_for_adoption == expected


def _authorised_for_adoption(value: Any, where: str) -> Predicate:
    """The agency has authority to place the child for adoption and has not yet placed them."""
    expected = _flag(value, where)
    return lambda ctx: (
        (ctx.looked_after and not ctx.placed_for_adoption and ctx.fact("authority_to_place") is not None) == expected
    )


def _eligible(value: Any, where: str) -> Predicate:
    expected = _flag(value, where)
    return lambda ctx: (ctx.eligible_from() is not None) == expected


def _visit_situation(value: Any, where: str) -> Predicate:
    situations = _codes(value, where)
    unknown = situations - set(VISIT_SITUATIONS)
    if unknown:
        raise ValueError(f"{where}: unknown situation {sorted(unknown)}; expected {', '.join(VISIT_SITUATIONS)}")
    return lambda ctx: ctx.visit_situation() in situations


def _legal_status_in(value: Any, where: str) -> Predicate:
    codes = _codes(value, where)
    return lambda ctx: ctx.current is not None and ctx.current.legal_status in codes


def _placement_in(value: Any, where: str) -> Predicate:
    codes = _codes(value, where)
    return lambda ctx: ctx.current is not None and ctx.current.placement in codes


def _plan_in(value: Any, where: str) -> Predicate:
    options = _codes(value, where)
    return lambda ctx: ctx.case.plan is not None and bool({ctx.case.plan.primary, ctx.case.plan.parallel} & options)


def _plan_primary_not_in(value: Any, where: str) -> Predicate:
    options = _codes(value, where)
    return lambda ctx: ctx.case.plan is None or ctx.case.plan.primary not in options


def _plan_primary_in(value: Any, where: str) -> Predicate:
    options = _codes(value, where)
    return lambda ctx: ctx.case.plan is not None and ctx.case.plan.primary in options


def _unborn(value: Any, where: str) -> Predicate:
    """An unborn child: an expected date of birth and no birth recorded by the day asked."""
    expected = _flag(value, where)

    def check(ctx: CaseContext) -> bool:
        child = ctx.case.child
        unborn = child.expected_dob is not None and (child.dob is None or child.dob > ctx.today)
        return unborn == expected

    return check


def _age_under(value: Any, where: str) -> Predicate:
    years = _whole(value, where)
    return lambda ctx: ctx.age is not None and ctx.age < years


def _age_at_least(value: Any, where: str) -> Predicate:
    years = _whole(value, where)
    return lambda ctx: ctx.age is not None and ctx.age >= years


def _has_open_order(value: Any, where: str) -> Predicate:
    kinds = _codes(value, where)
    return lambda ctx: any(
        o.type in kinds and o.made <= ctx.today and (o.ended is None or o.ended > ctx.today) for o in ctx.case.orders
    )


def _in_proceedings(value: Any, where: str) -> Predicate:
    expected = _flag(value, where)

    def check(ctx: CaseContext) -> bool:
        live = any(
            p.issued and p.issued <= ctx.today and (p.concluded is None or p.concluded > ctx.today)
            for p in ctx.case.proceedings
        )
        return live == expected

    return check


CONDITIONS: dict[str, Callable[[Any, str], Predicate]] = {
    "looked_after": _looked_after,
    "short_breaks": _short_breaks,
    "placed_for_adoption": _placed_for_adoption,
    "authorised_for_adoption": _authorised_for_adoption,
    "eligible": _eligible,
    "visit_situation": _visit_situation,
    "legal_status_in": _legal_status_in,
    "placement_in": _placement_in,
    "plan_in": _plan_in,
    "plan_primary_not_in": _plan_primary_not_in,
    "plan_primary_in": _plan_primary_in,
    "unborn": _unborn,
    "age_under": _age_under,
    "age_at_least": _age_at_least,
    "has_open_order": _has_open_order,
    "in_proceedings": _in_proceedings,
}
# Rules that only apply while the child is looked after: nothing of theirs is due after care
# ends or on or after the 18th birthday.
CARE_BOUND = frozenset(
    {"looked_after", "short_breaks", "placed_for_adoption", "authorised_for_adoption", "eligible", "visit_situation"}
)


def compile_conditions(spec: Any, where: str) -> Predicate:
    """A predicate for all conditions in `spec`; raises ValueError naming an unknown or bad one."""
    if spec is None:
        return lambda ctx: True
    if not isinstance(spec, dict):
        raise ValueError(f"{where}.applies_when: expected a mapping of conditions, not {spec!r}")
    predicates = []
    for name, value in spec.items():
        if name not in CONDITIONS:
            raise ValueError(f"{where}.applies_when.{name}: unknown condition; expected one of {', '.join(CONDITIONS)}")
        predicates.append(CONDITIONS[name](value, f"{where}.applies_when.{name}"))
    if not predicates:
        return lambda ctx: True

    def all_hold(ctx: CaseContext) -> bool:
        return all(predicate(ctx) for predicate in predicates)

    return all_hold
