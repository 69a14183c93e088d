"""Periods of care, placements and the situation a child is in, read from SSDA903 episodes.

- A *period of care* is the run of episodes that chain end-to-start (the next starts the day
  the previous ends). A series of short breaks (legal status V3 or V4, CPPCR reg 48) is one
  arrangement from its first break to the end of its latest, whatever the gaps between them.
- A *placement* goes on across a change of legal status only (RNE L), a change of placement
  type with the same carers (RNE T or U: U6 becoming U4), a temporary move (T0-T4) and back to
  the same home; any other new episode starts a new placement.
- The *visit situation* says which paragraph of CPPCR reg 28 (or AAR 2005 reg 36(4), or CPPCR
  reg 48) sets the child's statutory visits on a day.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from permanence.codes.legal_status import SHORT_BREAKS
from permanence.codes.placement import ADOPTION, TEMPORARY, WITH_PARENTS

from .snapshot import EpisodeFacts

SAME_PLACEMENT = frozenset({"L", "T", "U"})  # legal status only; placement type only, same carers
IN_CARE = frozenset({"C1", "C2", "D1", "E1"})  # in the care of the authority (a care or placement order)
OTHER_ARRANGEMENTS = frozenset({"R2", "R5"})  # a hospital or a young offender institution arranges where C lives

Episodes = tuple[EpisodeFacts, ...]

ORDINARY = "ordinary"
WITH_PARENT_BEFORE_ASSESSMENT = "with_parent_before_assessment"
INTERIM_CARE_ORDER_AT_HOME = "interim_care_order_at_home"
TEMPORARY_APPROVAL = "temporary_approval"
CARE_ORDER_AT_HOME = "care_order_at_home"
OTHER_PERSON_ARRANGES = "other_person_arranges"
SHORT_BREAK_SERIES = "short_breaks"
PLACED_FOR_ADOPTION = "placed_for_adoption"
VISIT_SITUATIONS = (
    ORDINARY,
    WITH_PARENT_BEFORE_ASSESSMENT,
    INTERIM_CARE_ORDER_AT_HOME,
    TEMPORARY_APPROVAL,
    CARE_ORDER_AT_HOME,
    OTHER_PERSON_ARRANGES,
    SHORT_BREAK_SERIES,
    PLACED_FOR_ADOPTION,
)


def is_short_break(episode: EpisodeFacts) -> bool:
    return episode.legal_status in SHORT_BREAKS


def latest_period(episodes: Sequence[EpisodeFacts]) -> Episodes:
    """The latest period of care among these episodes (all started on or before the day asked)."""
    if not episodes:
        return ()
    last = episodes[-1]
    if is_short_break(last):
        run = [last]
        for episode in reversed(episodes[:-1]):
            if not is_short_break(episode):
                break
            run.insert(0, episode)
        return tuple(run)
    period = [last]
    for episode in reversed(episodes[:-1]):
        if episode.end is not None and episode.end == period[0].start and not is_short_break(episode):
            period.insert(0, episode)
        else:
            break
    return tuple(period)


def _same_home(a: EpisodeFacts, b: EpisodeFacts) -> bool:
    return a.home is not None and a.home == b.home


def placement_start_index(period: Episodes) -> int:
    """Where the current (last) placement of the period began."""
    i = len(period) - 1
    while i > 0:
        episode, before = period[i], period[i - 1]
        if episode.reason_new in SAME_PLACEMENT or _same_home(episode, before) or episode.placement in TEMPORARY:
            i -= 1
        elif before.placement in TEMPORARY and i >= 2 and _same_home(episode, period[i - 2]):
            i -= 2  # back from a temporary move to the same home
        else:
            break
    return i


def run_start(period: Episodes, holds: Callable[[EpisodeFacts], bool]) -> date | None:
    """The start of the run of episodes, ending with the last, for which `holds` is true."""
    start = None
    for episode in reversed(period):
        if not holds(episode):
            break
        start = episode.start
    return start


def temporary_approval_in_force(episode: EpisodeFacts, today: date) -> bool:
    carer = episode.carer
    if carer is None or not carer.connected_person:
        return False
    if carer.temporary_approval_ended is not None and carer.temporary_approval_ended <= today:
        return False
    return carer.fully_approved is None or carer.fully_approved > today


def before_parent_assessment(placement: Episodes, today: date) -> bool:
    """CPPCR reg 19: placed with a parent before the assessment of the parent was completed."""
    if not any(e.before_assessment for e in placement):
        return False
    completed = [e.parent_assessment_completed for e in placement if e.parent_assessment_completed]
    return not completed or min(completed) > today


def visit_situation(placement: Episodes, today: date) -> str:
    """Which rule sets the visits for the current episode (the last of `placement`)."""
    episode = placement[-1]
    if episode.placement in ADOPTION:
        return PLACED_FOR_ADOPTION
    if is_short_break(episode):
        return SHORT_BREAK_SERIES
    if episode.placement in WITH_PARENTS:
        if episode.legal_status == "C1":
            return INTERIM_CARE_ORDER_AT_HOME
        if before_parent_assessment(placement, today):
            return WITH_PARENT_BEFORE_ASSESSMENT
        if episode.legal_status in IN_CARE:
            return CARE_ORDER_AT_HOME
    if temporary_approval_in_force(episode, today):
        return TEMPORARY_APPROVAL
    if episode.legal_status in IN_CARE and episode.placement in OTHER_ARRANGEMENTS:
        return OTHER_PERSON_ARRANGES
    return ORDINARY


SITUATION_HOLDS: dict[str, Callable[[EpisodeFacts], bool]] = {
    PLACED_FOR_ADOPTION: lambda e: e.placement in ADOPTION,
    INTERIM_CARE_ORDER_AT_HOME: lambda e: e.placement in WITH_PARENTS and e.legal_status == "C1",
    CARE_ORDER_AT_HOME: lambda e: e.placement in WITH_PARENTS and e.legal_status in IN_CARE - {"C1"},
    OTHER_PERSON_ARRANGES: lambda e: e.placement in OTHER_ARRANGEMENTS,
}
