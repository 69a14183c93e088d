"""Rules that refuse impossible case records. Pure functions: no database, no Django.

Each returns {field: message}; an empty dict means the record is possible.
Messages name the field and the problem in words a social worker would use.
"""

from permanence.codes.category_of_need import CATEGORY_OF_NEED
from permanence.codes.legal_status import LEGAL_STATUS, YOUTH_JUSTICE
from permanence.codes.participation import PARTICIPATION
from permanence.codes.placement import PLACEMENT
from permanence.codes.placement_provider import PLACEMENT_PROVIDER
from permanence.codes.reason_ceased import REASON_CEASED
from permanence.codes.reason_new import REASON_NEW
from permanence.codes.reason_place_change import REASON_PLACE_CHANGE

EPISODE_CODE_FIELDS = {
    "reason_new": REASON_NEW,
    "legal_status": LEGAL_STATUS,
    "category_of_need": CATEGORY_OF_NEED,
    "placement": PLACEMENT,
    "provider": PLACEMENT_PROVIDER,
    "reason_ceased": REASON_CEASED,
    "reason_place_change": REASON_PLACE_CHANGE,
}
OPTIONAL_CODE_FIELDS = {"provider", "reason_ceased", "reason_place_change"}


def _fmt(d):
    return d.strftime("%d/%m/%Y")


def code_problems(values, code_fields, optional=frozenset()):
    problems = {}
    for field, codes in code_fields.items():
        code = values.get(field) or ""
        if not code:
            if field not in optional:
                problems[field] = f"Enter the {codes.name.lower()} ({codes.field} code)."
            continue
        problem = codes.check(code)
        if problem:
            problems[field] = problem
    return problems


def _age_on(dob, day):
    years = day.year - dob.year
    return years - ((day.month, day.day) < (dob.month, dob.day))


def episode_problems(values, *, date_of_birth=None, other_episodes=()):
    """Problems with one episode, given the child's date of birth and their other episodes.

    `values` maps the Episode field names to values; `other_episodes` is an iterable of
    (start, end) pairs for the child's other episodes (end None while open).
    """
    problems = code_problems(values, EPISODE_CODE_FIELDS, OPTIONAL_CODE_FIELDS)
    start, end = values.get("start"), values.get("end")
    if start is None:
        problems["start"] = "Enter the date the episode started."
        return problems
    if end is not None and end < start:
        problems["end"] = f"The episode cannot end ({_fmt(end)}) before it starts ({_fmt(start)})."
    if date_of_birth is not None and start < date_of_birth:
        problems["start"] = (
            f"The episode cannot start ({_fmt(start)}) before the child's date of birth ({_fmt(date_of_birth)})."
        )
    if end is None and values.get("reason_ceased"):
        problems["reason_ceased"] = "An open episode has no reason ceased: enter the end date or clear the reason."
    if end is not None and not values.get("reason_ceased") and "reason_ceased" not in problems:
        problems["reason_ceased"] = "Enter why the episode ceased (REC code)."
    if (
        values.get("legal_status") in YOUTH_JUSTICE
        and date_of_birth is not None
        and _age_on(date_of_birth, start) < 10
    ):
        problems["legal_status"] = "Youth justice legal statuses (J1-J3) apply only to children of 10 and over."
    if "start" not in problems and "end" not in problems:
        clash = overlapping(start, end, other_episodes)
        if clash:
            other_start, other_end = clash
            until = _fmt(other_end) if other_end else "now (still open)"
            problems["start"] = (
                f"This episode overlaps another episode of the same child ({_fmt(other_start)} to {until}). "
                "Episodes of one child never overlap: a new episode starts the day the previous one ends."
            )
    return problems


def overlapping(start, end, others):
    """The first (start, end) in `others` sharing a day with [start, end), or None.

    Episodes are half-open: one ending on the 5th and the next starting on the 5th do not overlap.
    """
    for other_start, other_end in others:
        starts_before_other_ends = other_end is None or start < other_end
        other_starts_before_this_ends = end is None or other_start < end
        if starts_before_other_ends and other_starts_before_this_ends:
            return other_start, other_end
        if start == other_start:
            return other_start, other_end
    return None


def review_problems(values, *, date_of_birth=None, first_episode_start=None):
    problems = {}
    day = values.get("date")
    if day is None:
        return {"date": "Enter the date the review was held."}
    if first_episode_start is not None and day < first_episode_start:
        problems["date"] = f"A looked-after review cannot be held before the child became looked after ({_fmt(first_episode_start)})."
    participation = values.get("participation") or ""
    if participation:
        problem = PARTICIPATION.check(participation)
        if problem:
            problems["participation"] = problem
        elif participation == "PN0" and date_of_birth is not None and _age_on(date_of_birth, day) >= 4:
            problems["participation"] = "PN0 is only for a child under 4 at the time of the review."
    return problems


def child_problems(values, *, today=None):
    problems = {}
    dob, edd = values.get("date_of_birth"), values.get("expected_date_of_birth")
    if dob is None and edd is None:
        problems["date_of_birth"] = "Enter the date of birth, or the expected date of birth for an unborn child."
    elif dob is not None and today is not None and dob > today:
        problems["date_of_birth"] = (f"The date of birth ({_fmt(dob)}) is in the future: for an unborn child, "
                                     "enter the expected date of birth instead.")
    for field in ("first_name", "last_name", "council_reference"):
        if not (values.get(field) or "").strip():
            problems[field] = f"Enter the child's {field.replace('_', ' ')}."
    return problems


def order_problems(values, *, date_of_birth=None):
    problems = {}
    made, ended, extended_to = values.get("made"), values.get("ended"), values.get("extended_to")
    if made is None:
        return {"made": "Enter the date the order was made."}
    if ended is not None and ended < made:
        problems["ended"] = f"An order cannot end ({_fmt(ended)}) before it was made ({_fmt(made)})."
    if extended_to is not None and extended_to < made:
        problems["extended_to"] = "An order cannot be extended to a date before it was made."
    if date_of_birth is not None and made < date_of_birth and values.get("order_type") != "placement_order":
        problems["made"] = "This order cannot be made before the child is born."
    return problems


def proceedings_problems(values, *, date_of_birth=None):
    """Dates of care proceedings that cannot be: each step after the one before it."""
    problems = {}
    order = [("pre_proceedings_start", "pre-proceedings started"), ("letter_before_proceedings", "the letter before proceedings"),
             ("issued", "the application was issued"), ("concluded", "the proceedings concluded")]
    seen = []
    for field, words in order:
        day = values.get(field)
        if day is None:
            continue
        for earlier_field, earlier_words, earlier in seen:
            if day < earlier:
                problems[field] = f"The date {words} ({_fmt(day)}) is before {earlier_words} ({_fmt(earlier)})."
                break
        seen.append((field, words, day))
    if values.get("final_order") and values.get("concluded") is None:
        problems["final_order"] = "Record the date the proceedings concluded with the final order."
    if values.get("concluded") is not None and values.get("issued") is None:
        problems.setdefault("issued", "Enter the date the application was issued before recording its conclusion.")
    if date_of_birth is not None and values.get("concluded") is not None and values["concluded"] < date_of_birth:
        problems["concluded"] = "Proceedings about a child cannot conclude before the child is born."
    return problems


def extension_problems(values, *, issued=None):
    problems = {}
    weeks, granted = values.get("weeks"), values.get("granted")
    if weeks is None or not 1 <= weeks <= 8:
        problems["weeks"] = "An extension is granted for up to 8 weeks at a time (Children Act 1989 s32(5))."
    if granted is None:
        problems["granted"] = "Enter the date the court granted the extension."
    elif issued is not None and granted < issued:
        problems["granted"] = f"An extension cannot be granted ({_fmt(granted)}) before the proceedings were issued ({_fmt(issued)})."
    if issued is None:
        problems.setdefault("granted", "Record the issue date of the proceedings before an extension.")
    return problems
