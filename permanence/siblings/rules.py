"""Pure rules for brothers and sisters: when they are placed apart, and what recording
"apart" needs. No Django here: the services and the snapshot builder call these."""

from datetime import date

from .choices import APART, PRESUMPTION_SOURCE

_OPEN = date.max


def apart_spells(mine, theirs):
    """[(from, to or None)] when two children, both looked after, lived in different homes.

    `mine` and `theirs` are (start, end or None, home) for each episode; `home` is None when
    it is not known (no carer and no Ofsted URN recorded): an unknown home is never "apart".
    """
    spells = []
    for start_a, end_a, home_a in mine:
        for start_b, end_b, home_b in theirs:
            if home_a is None or home_b is None or home_a == home_b:
                continue
            start, end = max(start_a, start_b), min(end_a or _OPEN, end_b or _OPEN)
            if start < end:
                spells.append((start, end))
    merged = []
    for start, end in sorted(spells):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return [(start, None if end == _OPEN else end) for start, end in merged]


def open_on(spells, day):
    return [(start, end) for start, end in spells if start <= day and (end is None or end > day)]


def decision_problems(*, name, decision, reasons, day, today, assessment_date, has_contact_plan):
    """{field: message} for a decision that cannot be recorded; empty when it can."""
    problems = {}
    if not (reasons or "").strip():
        problems["reasons"] = "Enter the reasons for the decision"
    if day is not None and day > today:
        problems["date"] = "The date of the decision must be today or in the past"
    if decision == APART:
        if assessment_date is None:
            problems["decision"] = (
                f"You cannot record that {name} will live apart from their brothers and sisters without a sibling "
                f"assessment. Record the sibling assessment first: brothers and sisters in care are placed together "
                f"unless an assessment shows their needs are better met apart ({PRESUMPTION_SOURCE})."
            )
        elif day is not None and assessment_date > day:
            problems["decision"] = (
                "The sibling assessment is dated after the decision. A decision to place apart must follow the assessment."
            )
        elif not has_contact_plan:
            problems["contact_with_whom"] = (
                f"Enter who {name} will keep in touch with: placing brothers and sisters apart needs a sibling contact plan"
            )
    return problems


def early_decision_needed(*, plan_options, has_siblings, has_decision):
    """Leeds §10.4: where the plan is adoption, decide early whether the children live together or apart."""
    return "adoption" in plan_options and has_siblings and not has_decision
