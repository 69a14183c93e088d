"""The timescales engine: one pure function from a case snapshot and a date to obligations.

The same function serves a child's timeline, a caseload dashboard and a national batch; a
pack compiles once (policy.load_pack) so each case costs only its own rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from .context import CaseContext
from .obligations import MET, NOT_APPLICABLE, Obligation
from .policy import Pack, Rule
from .snapshot import CaseSnapshot

_NO_DATE = date.max


def _within_care(rule: Rule, ctx: CaseContext, found: list[Obligation]) -> list[Obligation]:
    """Nothing of a looked-after child's rules falls due once care ends or on the 18th birthday."""
    end = ctx.period_end
    if not rule.care_bound or end is None:
        return found
    return [o for o in found if o.status == MET or o.due is None or o.due < end]


def compute_obligations(
    case: CaseSnapshot, pack: Pack, today: date, *, include_not_applicable: bool = False
) -> list[Obligation]:
    """Every obligation for `case` on `today` under `pack`, soonest due first."""
    ctx = CaseContext(case, today)
    out: list[Obligation] = []
    for rule in pack.rules:
        unheld = rule.needs & case.unknown
        applies = not unheld and rule.applies(ctx)
        found = _within_care(rule, ctx, rule.run(rule, ctx)) if applies else []
        out.extend(found)
        if include_not_applicable and not found:
            if unheld:
                why = f"the case record does not hold {', '.join(sorted(k.replace('_', ' ') for k in unheld))}"
            elif applies:
                why = "nothing has happened yet that starts it"
            else:
                why = "does not apply to this child on this date"
            out.append(
                Obligation(
                    rule=rule.id,
                    title=rule.title,
                    due=None,
                    status=NOT_APPLICABLE,
                    source=rule.source,
                    child_id=case.child.id,
                    explanation=why,
                    kind=rule.kind,
                    reason=rule.reason,
                    shown_as=rule.shown_as,
                )
            )
    out.sort(key=lambda o: (o.due or _NO_DATE, o.rule, o.occurrence))
    return out


def compute_many(
    cases: Iterable[CaseSnapshot], pack: Pack, today: date
) -> Iterator[tuple[CaseSnapshot, list[Obligation]]]:
    """(case, obligations) for each case, lazily: a batch stays linear in the number of children."""
    for case in cases:
        yield case, compute_obligations(case, pack, today)
