"""Who the SSDA903 return asks about, from a child's episodes. Pure Python (no Django).

The DfE's definitions, written once and used by the demo council, the import's checks and the
measures: periods of care, "looked after continuously for 12 months at 31 March" (the OC2
cohort) and the care leavers asked about around their 17th to 21st birthdays (the OC3 cohort).

An episode here is any mapping with the Episode field names: start, end (None while open),
reason_new, legal_status and reason_ceased.
"""

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from permanence.timescales.dates import add_years

Episode = Mapping[str, Any]
# Short breaks (respite) are not care in the sense of these cohorts.
SHORT_BREAKS = frozenset({"V3", "V4"})
ADOPTED = frozenset({"E11", "E12"})
# Reasons an episode ends that mean the young person is not a care leaver afterwards: adopted,
# died (E2), or care transferred to another local authority (E3) (the DfE's rules 1000, 1001, 1011).
NOT_A_CARE_LEAVER = ADOPTED | {"E2", "E3"}


def collection_year(year: int) -> tuple[date, date]:
    """(1 April, 31 March) of the collection year ending 31 March `year`."""
    return date(year - 1, 4, 1), date(year, 3, 31)


def periods_of_care(episodes: Sequence[Episode]) -> list[list[Episode]]:
    """Episodes (sorted by start) grouped into periods of care: a period runs on while each episode
    starts on or before the day the one before it ended; a gap starts a new period."""
    periods: list[list[Episode]] = []
    for e in episodes:
        last = periods[-1][-1] if periods else None
        if last is not None and (last["end"] is None or e["start"] <= last["end"]):
            periods[-1].append(e)
        else:
            periods.append([e])
    return periods


def looked_after_continuously(episodes: Sequence[Episode], year: int) -> bool:
    """Looked after continuously for at least 12 months at 31 March `year`, as the DfE defines it:
    looked after during the year, with no episode that starts a period of care after 1 April
    (RNE S), none that ends care before 31 March (REC other than X1) and no short breaks."""
    first, last = collection_year(year)
    during = [e for e in episodes if e["start"] <= last and (e["end"] is None or e["end"] >= first)]
    if not during:
        return False
    for e in during:
        if e.get("legal_status") in SHORT_BREAKS:
            return False
        if e.get("reason_new") == "S" and first < e["start"] <= last:
            return False
        if e["end"] is not None and first <= e["end"] < last and e.get("reason_ceased") != "X1":
            return False
    return True


def _days_looked_after_since(episodes: Sequence[Episode], since: date, until: date) -> int:
    days = 0
    for e in episodes:
        if e.get("legal_status") in SHORT_BREAKS:
            continue
        start = max(e["start"], since)
        end = min(e["end"] or until, until)
        days += max(0, (end - start).days)
    return days


def eligible_care_leaver(episodes: Sequence[Episode], date_of_birth: date, on: date) -> bool:
    """Whether a young person is a care leaver on `on`: looked after for at least 13 weeks (91 days)
    since their 14th birthday, some of it after their 16th (Children (Leaving Care) Act 2000; the
    Care Leavers (England) Regulations 2010, reg 3), not looked after on `on`, and not adopted,
    died or moved to another authority's care when they left."""
    if not episodes:
        return False
    looked_after_on = any(e["start"] <= on and (e["end"] is None or e["end"] > on) for e in episodes)
    if looked_after_on:
        return False
    before = [e for e in episodes if e["start"] <= on]
    if not before or before[-1].get("reason_ceased") in NOT_A_CARE_LEAVER:
        return False
    fourteen, sixteen = add_years(date_of_birth, 14), add_years(date_of_birth, 16)
    return _days_looked_after_since(before, fourteen, on) >= 91 and _days_looked_after_since(before, sixteen, on) >= 1


def care_leaver_birthday(episodes: Sequence[Episode], date_of_birth: date, year: int) -> int | None:
    """The birthday (17 to 21) in collection year `year` around which the return asks about this care
    leaver (OC3), or None. A 17- or 18-year-old who was still looked after on (or left care after)
    that birthday is not asked about this year (the DfE's rules 1007 and 1016)."""
    first, last = collection_year(year)
    for age in range(17, 22):
        birthday = add_years(date_of_birth, age)
        if not first <= birthday <= last:
            continue
        if age <= 18 and any(e["end"] is not None and e["end"] >= birthday for e in episodes):
            return None
        return age if eligible_care_leaver(episodes, date_of_birth, birthday) else None
    return None
