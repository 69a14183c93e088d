"""Rules that refuse impossible case records. Pure functions: no database, no Django.

Each returns {field: message}; an empty dict means the record is possible.
Messages name the field and the problem in words a social worker would use.
"""

from datetime import timedelta
from itertools import pairwise

from permanence.accounts import roles
from permanence.codes.category_of_need import CATEGORY_OF_NEED
from permanence.codes.legal_status import LEGAL_STATUS, YOUTH_JUSTICE
from permanence.codes.participation import PARTICIPATION
from permanence.codes.placement import PLACEMENT
from permanence.codes.placement_provider import PLACEMENT_PROVIDER
from permanence.codes.reason_ceased import REASON_CEASED
from permanence.codes.reason_new import REASON_NEW
from permanence.codes.reason_place_change import REASON_PLACE_CHANGE
from permanence.text import free_text
from permanence.timescales.dates import age_on

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
    if values.get("legal_status") in YOUTH_JUSTICE and date_of_birth is not None and age_on(date_of_birth, start) < 10:
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
        problems["date"] = (
            f"A looked-after review cannot be held before the child became looked after ({_fmt(first_episode_start)})."
        )
    participation = values.get("participation") or ""
    if participation:
        problem = PARTICIPATION.check(participation)
        if problem:
            problems["participation"] = problem
        elif participation == "PN0" and date_of_birth is not None and age_on(date_of_birth, day) >= 4:
            problems["participation"] = "PN0 is only for a child under 4 at the time of the review."
    return problems


def child_problems(values, *, today=None, first_care_start=None):
    """The child's own details. `first_care_start`: the day the child first became looked after
    (their earliest episode), which a date of birth cannot come after."""
    problems = {}
    dob, edd = values.get("date_of_birth"), values.get("expected_date_of_birth")
    if dob is None and edd is None:
        problems["date_of_birth"] = "Enter the date of birth, or the expected date of birth for an unborn child."
    elif dob is not None and today is not None and dob > today:
        problems["date_of_birth"] = (
            f"The date of birth ({_fmt(dob)}) is in the future: for an unborn child, "
            "enter the expected date of birth instead."
        )
    elif dob is not None and first_care_start is not None and dob > first_care_start:
        problems["date_of_birth"] = (
            f"The date of birth ({_fmt(dob)}) is after the child became looked after ({_fmt(first_care_start)}): "
            "a child is born before their first episode of care starts."
        )
    for field in ("first_name", "last_name", "council_reference"):
        if not (values.get(field) or "").strip():
            problems[field] = f"Enter the child's {field.replace('_', ' ')}."
    for field, label in (("first_name", "First name"), ("last_name", "Last name")):
        found = free_text.problems(label, values.get(field) or "", limit=free_text.NAME)
        if found and field not in problems:
            problems[field] = found[0] + "."
    return problems | uasc_problems(values)


def uasc_problems(values):
    """Unaccompanied asylum-seeking status: the day it ceased is after birth, and only for a child
    who was unaccompanied."""
    ceased, dob = values.get("uasc_ceased"), values.get("date_of_birth")
    if ceased is None:
        return {}
    if not values.get("uasc"):
        return {
            "uasc_ceased": "A date UASC status ceased is only for an unaccompanied asylum-seeking child: "
            "tick that box, or clear the date."
        }
    if dob is not None and ceased < dob:
        return {
            "uasc_ceased": f"The date UASC status ceased ({_fmt(ceased)}) cannot be before the child's date of birth "
            f"({_fmt(dob)})."
        }
    return {}


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
    order = [
        ("pre_proceedings_start", "pre-proceedings started"),
        ("letter_before_proceedings", "the letter before proceedings"),
        ("issued", "the application was issued"),
        ("concluded", "the proceedings concluded"),
    ]
    seen = []
    for field, words in order:
        day = values.get(field)
        if day is None:
            continue
        for _, earlier_words, earlier in seen:
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
        problems["granted"] = (
            f"An extension cannot be granted ({_fmt(granted)}) before the proceedings were issued ({_fmt(issued)})."
        )
    if issued is None:
        problems.setdefault("granted", "Record the issue date of the proceedings before an extension.")
    return problems


# --- a child's run of episodes, as the SSDA903 standard sees it ------------------------------
# The same function checks a page, an API call and a whole child's episodes in an imported
# return, so each refuses the same incoherent record with the same words.

CEASED_CONTINUES = "X1"  # REC: the episode ends and a new one begins the same day
STARTED = "S"  # RNE: started to be looked after
ADOPTION_EXITS = frozenset({"E11", "E12"})
ADOPTION_PLACEMENTS = frozenset({"A3", "A4", "A5", "A6"})
# RNE: what changed from the episode before (legal status, placement, carer).
LEGAL_STATUS_CHANGES = frozenset({"L", "U", "B"})
SAME_LEGAL_STATUS = frozenset({"P", "T"})


def episodes_problems(episodes, *, date_of_birth=None, today=None):
    """Problems with one child's whole run of episodes: {index in `episodes`: {field: message}}.

    `episodes` are dicts of Episode field values (start, end, reason_new, legal_status,
    placement, reason_ceased ...). Each is checked alone, then against the one before it in
    time: no overlap, no gap unless care ended (REC other than X1) and began again (RNE S),
    the reason for the new episode matching what changed, only the latest open, and an adoption
    exit (E11, E12) only from an adoption placement (A3 to A6).
    """
    found = {}

    def add(index, field, message):
        found.setdefault(index, {}).setdefault(field, message)

    for index, values in enumerate(episodes):
        for field, message in episode_problems(values, date_of_birth=date_of_birth).items():
            add(index, field, message)
        start = values.get("start")
        if today is not None and start is not None and start > today:
            add(index, "start", f"The episode cannot start in the future ({_fmt(start)}).")
        end = values.get("end")
        if today is not None and end is not None and end > today:
            add(index, "end", f"The episode cannot end in the future ({_fmt(end)}).")
        if values.get("reason_ceased") in ADOPTION_EXITS and values.get("placement") not in ADOPTION_PLACEMENTS:
            add(
                index,
                "reason_ceased",
                f"A child leaves care adopted ({values['reason_ceased']}) only from a placement for adoption "
                f"(A3 to A6); this episode's placement is {values.get('placement') or 'not recorded'}.",
            )
    order = sorted(
        (i for i, v in enumerate(episodes) if v.get("start") is not None), key=lambda i: episodes[i]["start"]
    )
    for before, after in pairwise(order):
        previous, current = episodes[before], episodes[after]
        start, end = current["start"], previous.get("end")
        if end is None or start < end or start == previous["start"]:
            until = _fmt(end) if end else "now (still open)"
            add(
                after,
                "start",
                f"This episode overlaps another episode of the same child ({_fmt(previous['start'])} to {until}). "
                "Episodes of one child never overlap: a new episode starts the day the previous one ends.",
            )
            continue
        continues = previous.get("reason_ceased") == CEASED_CONTINUES
        reason_new = current.get("reason_new")
        if continues and start > end:
            add(
                after,
                "start",
                f"The episode before ended on {_fmt(end)} with X1 (a new episode begins the same day), "
                f"so this one must start on {_fmt(end)}, not {_fmt(start)}.",
            )
        elif continues and reason_new == STARTED:
            add(
                after,
                "reason_new",
                "The episode before ended with X1, so the child stayed looked after: the reason for this "
                "episode is a change (L, P, T, U or B), not S (started to be looked after).",
            )
        elif not continues and reason_new and reason_new != STARTED:
            add(
                after,
                "reason_new",
                f"Care ended on {_fmt(end)} ({previous.get('reason_ceased') or 'no reason'}), so this episode "
                "starts a new period of care: its reason for new episode is S.",
            )
        if continues and reason_new in LEGAL_STATUS_CHANGES | SAME_LEGAL_STATUS:
            same_status = current.get("legal_status") == previous.get("legal_status")
            if reason_new in LEGAL_STATUS_CHANGES and same_status:
                add(
                    after,
                    "legal_status",
                    f"The reason for this episode ({reason_new}) is a change of legal status, but the legal status "
                    f"is {current.get('legal_status')} as before.",
                )
            if reason_new in SAME_LEGAL_STATUS and not same_status:
                add(
                    after,
                    "reason_new",
                    f"The legal status changes ({previous.get('legal_status')} to {current.get('legal_status')}): "
                    f"the reason for this episode is U or B, not {reason_new}.",
                )
            if reason_new == "L" and current.get("placement") != previous.get("placement"):
                add(
                    after,
                    "placement",
                    "A change of legal status only (L) keeps the placement: it was "
                    f"{previous.get('placement')}, now {current.get('placement')}.",
                )
    return found


def _dated(values, field, words, *, required=True, date_of_birth=None, today=None, not_before=None):
    """The common checks on a date: given, not in the future, not before birth or another date."""
    day = values.get(field)
    if day is None:
        return {field: f"Enter {words}."} if required else {}
    if today is not None and day > today:
        return {field: f"{words[:1].upper()}{words[1:]} cannot be in the future ({_fmt(day)})."}
    if date_of_birth is not None and day < date_of_birth:
        return {field: f"{words[:1].upper()}{words[1:]} cannot be before the child was born ({_fmt(date_of_birth)})."}
    if not_before is not None:
        earlier, earlier_words = not_before
        if earlier is not None and day < earlier:
            return {
                field: f"{words[:1].upper()}{words[1:]} ({_fmt(day)}) cannot be before {earlier_words} ({_fmt(earlier)})."
            }
    return {}


def visit_problems(values, *, date_of_birth=None, today=None):
    return _dated(values, "date", "the date of the visit", date_of_birth=date_of_birth, today=today)


def health_problems(values, *, date_of_birth=None, today=None):
    """A health assessment or dental check: a real day, after birth, not in the future."""
    return _dated(values, "date", "the date of the assessment", date_of_birth=date_of_birth, today=today)


def education_plan_problems(values, *, date_of_birth=None, today=None):
    return _dated(
        values, "date", "the date of the personal education plan meeting", date_of_birth=date_of_birth, today=today
    )


def statutory_plan_problems(values, *, date_of_birth=None, today=None):
    return _dated(values, "date", "the date the plan was completed", date_of_birth=date_of_birth, today=today)


def missing_problems(values, *, date_of_birth=None, today=None):
    problems = _dated(values, "start", "the date the child went missing", date_of_birth=date_of_birth, today=today)
    start, end = values.get("start"), values.get("end")
    problems |= _dated(
        values,
        "end",
        "the date the child returned",
        required=False,
        today=today,
        not_before=(start, "they went missing"),
    )
    interview = values.get("return_interview")
    if interview is not None:
        if end is None:
            problems.setdefault("return_interview", "Record the date the child returned before the return interview.")
        else:
            problems |= _dated(
                values,
                "return_interview",
                "the date of the return interview",
                today=today,
                not_before=(end, "they returned"),
            )
        if values.get("interview_declined"):
            problems.setdefault(
                "interview_declined", "A return interview was recorded as held: it cannot also have been declined."
            )
    return problems


def review_date_problems(values, *, today=None):
    """What review_problems does not check: a review held in the future, and the plan's outcome."""
    problems = {}
    day = values.get("date")
    if day is not None and today is not None and day > today:
        problems["date"] = f"A review cannot have been held in the future ({_fmt(day)})."
    if values.get("plan_outcome") not in ("", None, "confirmed", "changed"):
        problems["plan_outcome"] = "Say whether the review confirmed or changed the care plan."
    return problems


TEMPORARY_APPROVAL_WEEKS = 16  # CPPCR 2010 reg 24(2)
EXTENSION_WEEKS = 8  # reg 25(5): once, for up to 8 further weeks


def temporary_approval_problems(values, *, today=None):
    """Temporary approval of a connected person: up to 16 weeks, extended once by up to 8 weeks
    (CPPCR 2010 regs 24 and 25), then full approval or an end."""
    problems = _dated(values, "start", "the date temporary approval started", today=today)
    start = values.get("start")
    if start is None:
        return problems
    extended_to = values.get("extended_to")
    if extended_to is not None:
        first_end = start + timedelta(weeks=TEMPORARY_APPROVAL_WEEKS)
        last_end = first_end + timedelta(weeks=EXTENSION_WEEKS)
        if extended_to <= first_end:
            problems["extended_to"] = (
                f"Temporary approval already lasts {TEMPORARY_APPROVAL_WEEKS} weeks, to {_fmt(first_end)}: "
                "an extension goes beyond that date."
            )
        elif extended_to > last_end:
            problems["extended_to"] = (
                f"Temporary approval can be extended once by up to {EXTENSION_WEEKS} weeks, to {_fmt(last_end)} at the "
                "latest (Care Planning, Placement and Case Review (England) Regulations 2010, reg 25)."
            )
    for field, words in (("full_approval", "full approval"), ("ended", "the end of temporary approval")):
        problems |= _dated(
            values, field, words, required=False, today=today, not_before=(start, "temporary approval started")
        )
    if values.get("full_approval") and values.get("ended"):
        problems["ended"] = "Temporary approval ends either in full approval or without it: record one, not both."
    return problems


def long_term_problems(values, *, today=None):
    """The conditions for a long-term foster placement (CPPCR 2010 reg 22C, from 2015)."""
    problems = {}
    for field, words in (
        ("plan_agreed", "the date long-term foster care became the plan"),
        ("carer_agreed", "the date the foster carer agreed"),
        ("confirmed_to_carer", "the date it was confirmed to the foster carer"),
        ("confirmed_to_child", "the date it was confirmed to the child"),
    ):
        problems |= _dated(values, field, words, today=today)
    problems |= _dated(
        values, "confirmed_to_parents", "the date it was confirmed to the parents", required=False, today=today
    )
    agreed = [values.get("plan_agreed"), values.get("carer_agreed")]
    agreed = max((d for d in agreed if d is not None), default=None)
    for field in ("confirmed_to_carer", "confirmed_to_child", "confirmed_to_parents"):
        day = values.get(field)
        if day is not None and agreed is not None and day < agreed and field not in problems:
            problems[field] = (
                f"The authority confirms the long-term placement ({_fmt(day)}) once the plan and the carer's "
                f"agreement are in place ({_fmt(agreed)})."
            )
    if values.get("confirmed_to_parents") is None and not (values.get("parents_not_told_reason") or "").strip():
        problems.setdefault(
            "confirmed_to_parents",
            "Enter the date the parents were told, or say why they could not be told.",
        )
    ended = values.get("ended")
    if ended is not None and agreed is not None and ended < agreed:
        problems["ended"] = "The long-term placement cannot end before it was agreed."
    return problems


def order_change_problems(values, *, made=None, ended=None, today=None):
    """An order varied, extended or discharged: after it was made, while it was in force."""
    problems = _dated(
        values, "date", "the date of the court's decision", today=today, not_before=(made, "the order was made")
    )
    day, kind = values.get("date"), values.get("kind")
    if kind not in ("varied", "extended", "discharged"):
        problems["kind"] = "Select whether the order was varied, extended or discharged."
    if day is not None and ended is not None and day > ended and "date" not in problems:
        problems["date"] = f"The order ended on {_fmt(ended)}: it cannot be changed after that."
    if kind == "extended":
        extended_to = values.get("extended_to")
        if extended_to is None:
            problems["extended_to"] = "Enter the date the order was extended to."
        elif day is not None and extended_to <= day:
            problems["extended_to"] = "An order is extended to a date after the court's decision."
    elif values.get("extended_to") is not None:
        problems["extended_to"] = "Only an extension has a date the order is extended to."
    if kind == "varied" and not (values.get("detail") or "").strip():
        problems["detail"] = "Say what the court varied."
    return problems


# Who may hold a case: for each kind of allocation (the Allocation roles), the staff roles that may
# be allocated it. The allocated social worker may be a social worker or a team manager holding the
# case themselves; the IRO is an IRO. Forms offer these people (children.selectors.case_holders), the
# API accepts them, the services refuse anyone else, and the case-system feed gives a worker it first
# hears of the first role here.
CASE_HOLDERS = {
    "social_worker": (roles.SOCIAL_WORKER, roles.TEAM_MANAGER),
    "iro": (roles.IRO,),
}


def may_hold(staff_role, allocation_role):
    """Whether someone in `staff_role` may be allocated a child as `allocation_role`."""
    return staff_role in CASE_HOLDERS.get(allocation_role, ())


def holder_role(allocation_role):
    """The staff role of a worker the product first hears of holding `allocation_role` (from a
    council's case system): the first role that may hold it."""
    return CASE_HOLDERS[allocation_role][0]


def allocation_problems(values, *, worker_role=None, today=None):
    problems = _dated(values, "start", "the date the allocation starts", today=None)
    role = values.get("role")
    if worker_role is not None and role in CASE_HOLDERS and not may_hold(worker_role, role):
        problems["worker"] = "Choose someone whose role lets them hold this allocation."
    return problems


def carer_approval_problems(values, *, today=None):
    problems = _dated(values, "approved", "the date of approval", today=today)
    low, high = values.get("age_min"), values.get("age_max")
    if low is not None and high is not None and low > high:
        problems["age_max"] = f"The oldest age ({high}) cannot be below the youngest ({low})."
    if high is not None and high > 21:
        problems["age_max"] = "The oldest age a carer is approved for is at most 21 (staying put)."
    if values.get("children") is not None and not 1 <= values["children"] <= 10:
        problems["children"] = "The number of children is between 1 and 10."
    approved = values.get("approved")
    problems |= _dated(
        values, "ended", "the date approval ended", required=False, today=today, not_before=(approved, "approval")
    )
    review = values.get("next_review")
    if review is not None and approved is not None and review <= approved:
        problems["next_review"] = "The next review of approval comes after the approval."
    return problems


def hearing_problems(values, *, issued=None):
    problems = {}
    day = values.get("date")
    if day is None:
        return {"date": "Enter the date of the hearing."}
    if issued is not None and day < issued:
        problems["date"] = f"A hearing cannot be before the proceedings were issued ({_fmt(issued)})."
    if issued is None:
        problems["date"] = "Record the date the proceedings were issued before their hearings."
    return problems


def proceedings_progress_problems(values, *, today=None):
    """What proceedings_problems does not check: final evidence, the outcome, days in the future."""
    problems = {}
    issued, filed = values.get("issued"), values.get("final_evidence_filed")
    for field, words in (
        ("pre_proceedings_start", "pre-proceedings started"),
        ("letter_before_proceedings", "the letter before proceedings"),
        ("pre_proceedings_meeting", "the pre-proceedings meeting"),
        ("pre_proceedings_review", "the pre-proceedings review meeting"),
        ("issued", "the application was issued"),
        ("final_evidence_filed", "the final evidence was filed"),
        ("concluded", "the proceedings concluded"),
    ):
        day = values.get(field)
        if day is not None and today is not None and day > today:
            problems[field] = f"The date {words} cannot be in the future ({_fmt(day)})."
    if filed is not None and "final_evidence_filed" not in problems:
        if issued is None:
            problems["final_evidence_filed"] = "Record the date the application was issued before the final evidence."
        elif filed < issued:
            problems["final_evidence_filed"] = (
                f"Final evidence ({_fmt(filed)}) cannot be filed before the application was issued ({_fmt(issued)})."
            )
    started = ("pre_proceedings_start", "letter_before_proceedings", "pre_proceedings_meeting", "issued")
    if not any(values.get(field) for field in started):
        problems.setdefault(
            "pre_proceedings_start",
            "Enter the date pre-proceedings started, the date of the letter before proceedings, "
            "or the date the application was issued.",
        )
    outcome = values.get("outcome") or ""
    if outcome == "order_made" and not values.get("final_order"):
        problems["final_order"] = "Select the final order the court made."
    if outcome in ("order_made", "no_order", "withdrawn") and values.get("concluded") is None:
        problems.setdefault("concluded", "Enter the date the proceedings concluded.")
    if outcome == "stepped_down" and issued is not None:
        problems["outcome"] = "Proceedings that were issued cannot be stepped down: record how they concluded."
    return problems
