"""Health assessments and dental checks (ssd_cla_health), care plans (ssd_cla_care_plan) and
missing episodes (ssd_missing). Pure: no Django.

Each fact is judged by the record's own rules (permanence/children/rules.py: the same messages as
the forms, the JSON API and the SSDA903 import); a problem names the SSD table, row and field.
"""

from permanence.children import rules

from .facts import Fact, readers

HEALTH, DENTAL = "health", "dental"
INITIAL, REVIEW = "initial", "review"  # HealthAssessment.INITIAL and REVIEW
CARE_PLAN = "care_plan"  # StatutoryPlan.CARE_PLAN
MISSING, AWAY = "M", "A"  # MissingEpisode.MISSING and AWAY

# clah_health_check_status (the SSD's code set): only a check that took place is a fact here.
DONE = {"", "completed", "complete", "done"}
NOT_DONE = {
    "planned": "health checks planned, not yet held",
    "refused": "health checks refused",
    "cancelled": "health checks cancelled",
}


def health_kind(text):
    """What a health check's type names: (DENTAL, None), (HEALTH, INITIAL/REVIEW/None when it does
    not say), ("surveillance", None) for checks the product does not hold, or None when unknown."""
    lowered = (text or "").strip().lower()
    if "dental" in lowered or "dentist" in lowered:
        return DENTAL, None
    if "surveillance" in lowered:
        return "surveillance", None
    if "health" in lowered or "assessment" in lowered or "medical" in lowered:
        if "initial" in lowered or lowered.startswith("iha"):
            return HEALTH, INITIAL
        if "review" in lowered or lowered.startswith("rha"):
            return HEALTH, REVIEW
        return HEALTH, None
    return None


def periods_of_care(episodes):
    """[(start, end or None)]: the child's episodes joined where one ends the day the next starts."""
    periods = []
    for start, end in sorted((e.values["start"], e.values["end"]) for e in episodes if e.values.get("start")):
        if periods and periods[-1][1] == start:
            periods[-1] = (periods[-1][0], end)
        else:
            periods.append((start, end))
    return periods


def _period(periods, day):
    for start, end in periods:
        if start <= day and (end is None or day <= end):
            return start
    return None


def health_checks(out, rows, dob, today, episodes):
    """Health assessments and dental checks. A type that does not say initial or review is read as
    the initial assessment when it is the first in its period of care, a review otherwise."""
    periods = periods_of_care(episodes)
    assessments = []
    for r in readers(rows, "ssd_cla_health", out.person, out.problems):
        status = r.raw("clah_health_check_status").strip().lower()
        if status in NOT_DONE:
            out.ignored[NOT_DONE[status]] += 1
            continue
        if status not in DONE:
            r.problem("clah_health_check_status", "is not Completed, Planned, Refused or Cancelled")
            continue
        text = r.text("clah_health_check_type", max_length=500, required=True)
        day = r.date("clah_health_check_date", required=True)
        if not text:
            continue  # blank or unreadable: already named
        found = health_kind(text)
        if found is None:
            r.problem("clah_health_check_type", "is not a health assessment or a dental check")
            continue
        kind, which = found
        if kind == "surveillance":
            out.ignored["health surveillance checks"] += 1
            continue
        if day is None:
            continue
        for message in rules.health_problems({"date": day}, date_of_birth=dob, today=today).values():
            r.problem("clah_health_check_date", message)
        if kind == DENTAL:
            out.facts.append(Fact(DENTAL, r.raw("clah_health_check_id"), {"date": day}, r.table, r.row))
        else:
            assessments.append((day, which, r))
    first_in_period = set()
    for day, which, r in sorted(assessments, key=lambda a: (a[0], a[2].row)):
        period = _period(periods, day)
        if which is None:
            which = INITIAL if period is not None and period not in first_in_period else REVIEW
        if period is not None:
            first_in_period.add(period)
        out.facts.append(Fact(HEALTH, r.raw("clah_health_check_id"), {"kind": which, "date": day}, r.table, r.row))


def care_plans(out, rows, dob, today):
    """Each care plan row is a care plan made or updated on its start date."""
    for r in readers(rows, "ssd_cla_care_plan", out.person, out.problems):
        start = r.date("lacp_cla_care_plan_start_date", required=True)
        end = r.date("lacp_cla_care_plan_end_date")
        if start is None:
            continue
        for message in rules.statutory_plan_problems({"date": start}, date_of_birth=dob, today=today).values():
            r.problem("lacp_cla_care_plan_start_date", message)
        if end is not None and end < start:
            r.problem("lacp_cla_care_plan_end_date", "is before the care plan started")
        out.facts.append(Fact(CARE_PLAN, r.raw("lacp_table_id"), {"kind": CARE_PLAN, "date": start}, r.table, r.row))


MISSING_TYPES = {"missing": MISSING, "m": MISSING, "": MISSING, "absent": AWAY, "away": AWAY, "a": AWAY}
FIELDS_MISSING = {
    "start": "miss_missing_episode_start_date",
    "end": "miss_missing_episode_end_date",
    "return_interview": "miss_missing_rhi_accepted",
    "interview_declined": "miss_missing_rhi_accepted",
}


def missing(out, rows, dob, today):
    """Missing and away episodes. The SSD says whether a return home interview was offered and
    accepted, not when it was held: an offer refused is recorded as declined."""
    seen = {}
    for r in readers(rows, "ssd_missing", out.person, out.problems):
        before = len(out.problems)
        words = r.text("miss_missing_episode_type", max_length=100).lower()
        if len(out.problems) > before:
            continue  # unreadable: already named
        kind = MISSING_TYPES.get(words) or MISSING_TYPES.get(words.split(" ")[0] if words else "")
        if kind is None:
            r.problem("miss_missing_episode_type", "is not Missing or Absent")
            continue
        start = r.date("miss_missing_episode_start_date", required=True)
        end = r.date("miss_missing_episode_end_date")
        offered = r.raw("miss_missing_rhi_offered").strip().upper()
        if offered not in ("", "Y", "N", "NA", "YES", "NO"):
            r.problem("miss_missing_rhi_offered", "is not Y, N or NA")
            continue
        accepted = r.flag("miss_missing_rhi_accepted")
        if start is None:
            continue
        values = {
            "kind": kind,
            "start": start,
            "end": end,
            "interview_declined": offered in ("Y", "YES") and accepted is False,
        }
        checked = dict(values, return_interview=None)
        for field_name, message in rules.missing_problems(checked, date_of_birth=dob, today=today).items():
            r.problem(FIELDS_MISSING.get(field_name, field_name), message)
        if (start, kind) in seen:
            r.problem(
                "miss_missing_episode_start_date",
                f"repeats the episode of row {seen[(start, kind)]}: one child has one {words or 'missing'} "
                "episode starting on a day",
            )
            continue
        seen[(start, kind)] = r.row
        out.facts.append(Fact("missing", r.raw("miss_table_id"), values, r.table, r.row))
