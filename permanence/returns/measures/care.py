"""Timeliness and stability measures, worked out from recorded facts only (episodes, reviews, plans,
proceedings): pure functions, the same figures whether the facts were typed in or imported.

A measure that counts from the day care began leaves out a period whose start is not on record
(its first episode on record did not start care, RNE S) and says how many it left out.
"""

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from permanence.codes.placement import ADOPTION
from permanence.timescales.dates import add_months, add_working_days, add_years, age_on

from ..cohorts import periods_of_care

Episode = Mapping[str, Any]
ROUTES = {
    "Adoption": {"E11", "E12"},
    "Special guardianship order": {"E45", "E46", "E47", "E48"},
    "Child arrangements order": {"E41"},
    "Returned home": {"E4A", "E4B"},
}
NEW_CARER = frozenset({"S", "P", "B"})  # RNE: a new period of care, or a change of carer


def started_on_record(period: Sequence[Episode]) -> bool:
    return period[0]["reason_new"] == "S"


def looked_after_on(episodes: Sequence[Episode], day: date) -> bool:
    return any(e["start"] <= day and (e["end"] is None or e["end"] > day) for e in episodes)


def ceased_periods(episodes_by_child, first, last):
    """(child, period) for each period of care that ended (REC other than X1) between first and last."""
    for child, episodes in episodes_by_child.items():
        for period in periods_of_care(episodes):
            final = period[-1]
            if final["end"] is not None and first <= final["end"] <= last and final["reason_ceased"] not in ("", "X1"):
                yield child, period


def time_to_permanence(episodes_by_child, first, last):
    """{route: [days from entering care to leaving care]}, and the periods left out (start not on record)."""
    days, left_out = defaultdict(list), 0
    for _, period in ceased_periods(episodes_by_child, first, last):
        route = next((r for r, codes in ROUTES.items() if period[-1]["reason_ceased"] in codes), None)
        if route is None:
            continue
        if not started_on_record(period):
            left_out += 1
            continue
        days[route].append((period[-1]["end"] - period[0]["start"]).days)
    return days, left_out


def placements_in_year(episodes: Sequence[Episode], first: date, last: date) -> int:
    """Placements a child had in the year: the first episode in the year, then each later one that
    changed the carer (RNE S, P or B)."""
    in_year = [e for e in episodes if e["start"] <= last and (e["end"] is None or e["end"] >= first)]
    return (1 + sum(1 for e in in_year[1:] if e["reason_new"] in NEW_CARER)) if in_year else 0


def three_placements(episodes_by_child, first, last):
    """Children looked after on 31 March, by placements in the year (3 stands for 3 or more)."""
    counts = Counter()
    for episodes in episodes_by_child.values():
        if looked_after_on(episodes, last):
            counts[min(placements_in_year(episodes, first, last), 3)] += 1
    return counts


def long_term_stability(episodes_by_child, dates_of_birth, last):
    """Children under 16 on 31 March looked after for 2.5 years or more: (stable, cohort, unknown).
    Stable: the same carer for 2 years or more (episodes since changed only the legal status or
    kind of placement, RNE L, T or U), or placed for adoption with that placement and the one before
    it together lasting 2 years or more. Unknown: the record does not reach back far enough."""
    stable = cohort = unknown = 0
    for child, episodes in episodes_by_child.items():
        born = dates_of_birth.get(child)
        if born is None or not looked_after_on(episodes, last) or age_on(born, last) >= 16:
            continue
        period = periods_of_care(sorted(episodes, key=lambda e: e["start"]))[-1]
        period = [e for e in period if e["start"] <= last]
        entered = period[0]["start"]
        if add_months(entered, 30) > last:
            if started_on_record(period):
                continue  # looked after for less than 2.5 years
            unknown += 1
            continue
        cohort += 1
        index = len(period) - 1
        adoptive = period[index]["placement"] in ADOPTION
        while index > 0 and period[index]["reason_new"] not in NEW_CARER:
            index -= 1
        if adoptive and index > 0:  # the adoptive placement together with the placement before it
            index -= 1
            while index > 0 and period[index]["reason_new"] not in NEW_CARER:
                index -= 1
        since = period[index]["start"]
        if add_years(since, 2) <= last:
            stable += 1
        elif index == 0 and not started_on_record(period):
            cohort -= 1
            unknown += 1
    return stable, cohort, unknown


def reviews_on_time(episodes_by_child, reviews_by_child, first, last):
    """(on time, late, periods left out): reviews held in the year against the dates the Care Planning,
    Placement and Case Review (England) Regulations 2010 set (reg 33): the first within 20 working days
    of entering care, the second within 3 months of the first, then within 6 months of the one before."""
    on_time = late = left_out = 0
    for child, episodes in episodes_by_child.items():
        held_all = reviews_by_child.get(child, ())
        for period in periods_of_care(episodes):
            entered, ended = period[0]["start"], period[-1]["end"]
            held = [d for d in held_all if d >= entered and (ended is None or d <= ended)]
            if not any(first <= d <= last for d in held):
                continue
            if not started_on_record(period):
                left_out += 1
                continue
            previous = None
            for n, day in enumerate(held):
                if n == 0:
                    due = add_working_days(entered, 20)
                else:
                    due = add_months(previous, 3 if n == 1 else 6)
                if first <= day <= last:
                    on_time += day <= due
                    late += day > due
                previous = day
    return on_time, late, left_out


def plan_by_second_review(episodes_by_child, reviews_by_child, plans_by_child, first, last):
    """(met, due, left out): periods whose second review was held in the year, and how many had a
    permanence plan recorded by it (Care Planning, Placement and Case Review (England) Regulations
    2010, reg 36: the plan is considered at the second review)."""
    met = due = left_out = 0
    for child, episodes in episodes_by_child.items():
        for period in periods_of_care(episodes):
            entered, ended = period[0]["start"], period[-1]["end"]
            held = [d for d in reviews_by_child.get(child, ()) if d >= entered and (ended is None or d <= ended)]
            if len(held) < 2 or not first <= held[1] <= last:
                continue
            if not started_on_record(period):
                left_out += 1
                continue
            due += 1
            met += any(entered - timedelta(days=365) <= p <= held[1] for p in plans_by_child.get(child, ()))
    return met, due, left_out


def exits(episodes_by_child, first, last):
    return Counter(period[-1]["reason_ceased"] for _, period in ceased_periods(episodes_by_child, first, last))


def participation(reviews, dates_of_birth):
    """Reviews in the year of children aged 4 and over, by participation code (PN0 is for under-4s)."""
    codes = Counter()
    for child, day, code in reviews:
        born = dates_of_birth.get(child)
        if code and code != "PN0" and (born is None or age_on(born, day) >= 4):
            codes[code] += 1
    return codes


def proceedings_weeks(proceedings):
    """Weeks from issue to the final order, for proceedings (issued, concluded) concluded in the year."""
    return [(concluded - issued).days / 7 for issued, concluded in proceedings]
