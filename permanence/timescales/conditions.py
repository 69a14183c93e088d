"""When a rule applies, as policy packs say it: `applies_when: {looked_after: true, plan_in: [adoption]}`.

Each condition compiles once, when the pack loads, to a predicate over a CaseContext.
"""


def _looked_after(expected):
    return lambda ctx: ctx.looked_after == bool(expected)


def _legal_status_in(codes):
    codes = frozenset(codes)
    return lambda ctx: ctx.current is not None and ctx.current.legal_status in codes


def _placement_in(codes):
    codes = frozenset(codes)
    return lambda ctx: ctx.current is not None and ctx.current.placement in codes


def _plan_in(options):
    options = frozenset(options)
    return lambda ctx: ctx.case.plan is not None and bool({ctx.case.plan.primary, ctx.case.plan.parallel} & options)


def _plan_primary_not_in(options):
    options = frozenset(options)
    return lambda ctx: ctx.case.plan is None or ctx.case.plan.primary not in options


def _age_under(years):
    return lambda ctx: ctx.age is not None and ctx.age < years


def _age_at_least(years):
    return lambda ctx: ctx.age is not None and ctx.age >= years


def _has_open_order(kinds):
    kinds = frozenset([kinds] if isinstance(kinds, str) else kinds)
    return lambda ctx: any(o.type in kinds and (o.ended is None or o.ended > ctx.today) for o in ctx.case.orders)


def _in_proceedings(expected):
    def check(ctx):
        live = any(p.issued and p.issued <= ctx.today and (p.concluded is None or p.concluded > ctx.today) for p in ctx.case.proceedings)
        return live == bool(expected)
    return check


CONDITIONS = {
    "looked_after": _looked_after,
    "legal_status_in": _legal_status_in,
    "placement_in": _placement_in,
    "plan_in": _plan_in,
    "plan_primary_not_in": _plan_primary_not_in,
    "age_under": _age_under,
    "age_at_least": _age_at_least,
    "has_open_order": _has_open_order,
    "in_proceedings": _in_proceedings,
}


def compile_conditions(spec, where):
    """A predicate for all conditions in `spec`; raises ValueError naming an unknown one."""
    predicates = []
    for name, value in (spec or {}).items():
        if name not in CONDITIONS:
            raise ValueError(f"{where}.applies_when.{name}: unknown condition; expected one of {', '.join(CONDITIONS)}")
        predicates.append(CONDITIONS[name](value))
    if not predicates:
        return lambda ctx: True
    if len(predicates) == 1:
        return predicates[0]
    first, *rest = predicates

    def all_hold(ctx):
        if not first(ctx):
            return False
        for predicate in rest:
            if not predicate(ctx):
                return False
        return True

    return all_hold
