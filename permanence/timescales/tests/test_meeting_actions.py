"""Actions set by clinics, tracking meetings and panels are obligations; so is the ADM's decision."""

from datetime import date

import pytest

from permanence.timescales import CaseSnapshot, compute_obligations, load_pack
from permanence.timescales.snapshot import CaseFileError

from .helpers import proves

TODAY = date(2026, 11, 23)


def case(**extra):
    return {"child": {"id": "C1", "dob": "2020-03-10"}, **extra}


def by_rule(found, rule):
    return [o for o in found if o.rule == rule]


@proves("meeting-actions")
def test_an_open_action_past_its_date_is_overdue_and_names_what_was_asked():
    snapshot = CaseSnapshot.from_dict(
        case(
            actions=[
                {"description": "Book the family group conference", "set": "2026-10-28", "due": "2026-11-11"},
                {"description": "Chase the viability assessment", "set": "2026-10-28", "due": "2026-12-20"},
            ]
        )
    )
    found = by_rule(compute_obligations(snapshot, load_pack("england"), TODAY), "meeting-actions")
    assert [(o.title, o.status) for o in found] == [
        ("Action: Book the family group conference", "overdue"),
        ("Action: Chase the viability assessment", "upcoming"),
    ]
    assert all(
        o.kind == "local_rule" and o.source.startswith("The minutes of the clinic, tracking meeting or panel")
        for o in found
    )


@proves("meeting-actions")
def test_an_action_done_late_is_met_late():
    snapshot = CaseSnapshot.from_dict(
        case(
            actions=[
                {"description": "Refer to the clinic", "set": "2026-10-01", "due": "2026-10-15", "done": "2026-10-20"},
            ]
        )
    )
    (action,) = by_rule(compute_obligations(snapshot, load_pack("england"), TODAY), "meeting-actions")
    assert action.status == "met" and action.met_late


def test_an_action_cannot_be_due_before_it_was_set():
    with pytest.raises(CaseFileError, match=r"actions\[0\]\.due"):
        CaseSnapshot.from_dict(case(actions=[{"description": "x", "set": "2026-10-01", "due": "2026-09-01"}]))


def test_an_action_needs_a_description():
    with pytest.raises(CaseFileError, match=r"actions\[0\]\.description"):
        CaseSnapshot.from_dict(case(actions=[{"set": "2026-10-01", "due": "2026-11-01"}]))


@proves("adm-decision")
def test_the_adm_decides_within_7_working_days_of_the_panel_recommendation():
    # Panel on Thursday 17 December 2026: 7 working days skip the weekend, Christmas and Boxing Day (28th is the substitute day).
    snapshot = CaseSnapshot.from_dict(case(decisions=[{"kind": "adm_recommendation", "date": "2026-12-17"}]))
    (adm,) = by_rule(compute_obligations(snapshot, load_pack("england"), date(2026, 12, 18)), "adm-decision")
    assert adm.due == date(2026, 12, 30)
    assert adm.status == "upcoming" or adm.status == "due_soon"


@proves("adm-decision")
def test_any_adm_decision_meets_the_deadline_even_a_deferral():
    snapshot = CaseSnapshot.from_dict(
        case(
            decisions=[
                {"kind": "adm_recommendation", "date": "2026-11-02"},
                {"kind": "adm_decided", "date": "2026-11-06"},
            ]
        )
    )
    (adm,) = by_rule(compute_obligations(snapshot, load_pack("england"), TODAY), "adm-decision")
    assert adm.status == "met" and adm.met_on == date(2026, 11, 6)
