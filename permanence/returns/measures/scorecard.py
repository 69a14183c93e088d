"""The adoption scorecard's timeliness measures, as the DfE defines them (Adoption scorecards:
methodology; thresholds from the scorecards for 2015-18). Pure: episodes are mappings with the
Episode field names, so the figures are the same whether the facts were typed in or imported.

- A1: days from entering care to moving in with the adoptive family (the first placement for
  adoption, A3-A6), for children adopted in the three years.
- A10: as A1, but for a child adopted by their foster carers, from the day they moved in with
  those carers (placed for adoption with current foster carers, A3 or A5: the placement began
  when the child came to those carers, the episodes before it changing only the legal status or
  the kind of placement, RNE L, T or U).
- A2: days from the court's authority to place (placement order E1, or freeing order D1) to the
  match with adopters (AD1 DATE_MATCH); a match made before the authority counts 0 days.

A1 and A10 need the day care began: when the first episode on record of the period that ended in
adoption did not start care (RNE S), the start of care is not on record and the child is left out
(and counted as left out), never measured from the wrong day.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from permanence.codes.legal_status import PLACEMENT_ORDER
from permanence.codes.placement import ADOPTION

from ..cohorts import ADOPTED, periods_of_care

A1_THRESHOLD = 426
A2_THRESHOLD = 121
WITH_CURRENT_FOSTER_CARERS = frozenset({"A3", "A5"})
SAME_CARER = frozenset({"L", "T", "U"})  # RNE: legal status or kind of placement changed, not the carer

Episode = Mapping[str, Any]


@dataclass(frozen=True)
class Adoption:
    child: Any
    entered_care: date | None  # None: the start of care is not on record
    placed: date  # moved in with the adoptive family (first A3-A6 placement)
    with_carers: date  # moved in with the carers who adopted (A10); `placed` unless fostered by them first
    authority: date | None  # placement order or freeing order, if on record
    adopted: date


@dataclass
class Cohort:
    adoptions: list = field(default_factory=list)
    start_not_on_record: list = field(default_factory=list)  # children adopted whose care start is not recorded


def _moved_in_with_carers(period: Sequence[Episode], placed_index: int) -> date:
    """The day the child came to the carers who adopted them: back from a placement for adoption with
    current foster carers over the episodes that kept the same carer."""
    placement = period[placed_index]
    if placement["placement"] not in WITH_CURRENT_FOSTER_CARERS:
        return placement["start"]
    index = placed_index
    while index > 0 and period[index]["reason_new"] in SAME_CARER:
        index -= 1
    return period[index]["start"]


def adoptions(episodes_by_child: Mapping[Any, Sequence[Episode]], first: date, last: date) -> Cohort:
    """Children adopted (E11, E12) between `first` and `last`."""
    cohort = Cohort()
    for child, episodes in episodes_by_child.items():
        for period in periods_of_care(sorted(episodes, key=lambda e: e["start"])):
            final = period[-1]
            if final["reason_ceased"] not in ADOPTED or final["end"] is None or not first <= final["end"] <= last:
                continue
            placed_index = next((i for i, e in enumerate(period) if e["placement"] in ADOPTION), None)
            if placed_index is None:
                continue  # the record's rules refuse this: an adoption only from a placement for adoption
            entered = period[0]["start"] if period[0]["reason_new"] == "S" else None
            if entered is None:
                cohort.start_not_on_record.append(child)
            authority_episode = next((e for e in period if e["legal_status"] in PLACEMENT_ORDER), None)
            authority = None
            if authority_episode is not None and (authority_episode is not period[0] or entered is not None):
                authority = authority_episode["start"]
            cohort.adoptions.append(
                Adoption(
                    child=child,
                    entered_care=entered,
                    placed=period[placed_index]["start"],
                    with_carers=_moved_in_with_carers(period, placed_index),
                    authority=authority,
                    adopted=final["end"],
                )
            )
    return cohort


def mean_days(values):
    values = list(values)
    return round(sum(values) / len(values)) if values else None


def a1_days(cohort: Cohort):
    return [(a.placed - a.entered_care).days for a in cohort.adoptions if a.entered_care is not None]


def a10_days(cohort: Cohort):
    return [(a.with_carers - a.entered_care).days for a in cohort.adoptions if a.entered_care is not None]


def a2_days(cohort: Cohort, matches: Mapping[Any, date | None]):
    """(days per child, children left out for want of an authority or a match on record)."""
    days, left_out = [], 0
    for a in cohort.adoptions:
        match = matches.get(a.child)
        if a.authority is None or match is None:
            left_out += 1
            continue
        days.append(max(0, (match - a.authority).days))
    return days, left_out
