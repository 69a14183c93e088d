"""The timescales engine: one pure function from a case snapshot and a date to obligations.

The same function serves a child's timeline, a caseload dashboard and a national batch; a
pack compiles once (policy.load_pack) so each case costs only its own rules.
"""

from datetime import date

from .context import CaseContext
from .obligations import NOT_APPLICABLE, Obligation

_NO_DATE = date.max


def compute_obligations(case, pack, today, *, include_not_applicable=False):
    """Every obligation for `case` on `today` under `pack`, soonest due first."""
    ctx = CaseContext(case, today)
    out = []
    for rule in pack.rules:
        applies = rule.applies(ctx)
        found = rule.run(rule, ctx) if applies else ()
        out.extend(found)
        if include_not_applicable and not found:
            why = "nothing has happened yet that starts it" if applies else "does not apply to this child on this date"
            out.append(
                Obligation(rule=rule.id, title=rule.title, due=None, status=NOT_APPLICABLE, source=rule.source,
                           child_id=case.child.id, explanation=why)
            )
    out.sort(key=lambda o: (o.due or _NO_DATE, o.rule, o.occurrence))
    return out


def compute_many(cases, pack, today):
    """(case, obligations) for each case, lazily: a batch stays linear in the number of children."""
    for case in cases:
        yield case, compute_obligations(case, pack, today)
