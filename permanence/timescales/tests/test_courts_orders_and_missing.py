"""Courts, orders, approvals and missing episodes.

Children Act 1989 s32(1)(a)(ii): care proceedings disposed of "within twenty-six weeks beginning
with the day on which the application was issued", each extension (s32(5)-(7)) of up to 8 weeks.
CPPCR 2010 regs 24-25: a connected person's temporary approval lasts up to 16 weeks, and may be
extended once by up to 8 weeks. Children Act 1989 Sch 3 para 6: a supervision order for one year,
extendable to three years in all; s91(13): no order runs past 18. s9(6)-(7): spend-time
provisions of a child arrangements order end at 16. Statutory guidance on children who go missing
(DfE, January 2014): a return interview within 72 hours of the child's return.
"""

from .helpers import (
    CarerFacts,
    MissingFacts,
    OrderFacts,
    ProceedingsFacts,
    case,
    d,
    due,
    episode,
    obligations,
    one,
    proves,
)

IN_CARE = [episode("2026-01-05", ls="C1")]


# --- care proceedings ------------------------------------------------------------------------
@proves("proceedings-26-weeks")
def test_proceedings_are_due_to_finish_26_weeks_after_issue():
    snapshot = case(proceedings=[ProceedingsFacts(issued=d("2026-03-02"))])
    assert due(snapshot, "2026-04-01", "proceedings-26-weeks") == ("2026-08-31", "upcoming")


@proves("proceedings-26-weeks")
def test_each_extension_moves_the_26_week_date_by_its_weeks():
    snapshot = case(proceedings=[ProceedingsFacts(issued=d("2026-03-02"), extensions=(8, 4))])
    found = one(snapshot, "2026-04-01", "proceedings-26-weeks")
    assert str(found.due) == "2026-11-23"
    assert dict(found.facts)["extension weeks counted"] == 12


@proves("proceedings-26-weeks")
def test_an_extension_longer_than_8_weeks_counts_as_8():
    snapshot = case(proceedings=[ProceedingsFacts(issued=d("2026-03-02"), extensions=(12,))])
    found = one(snapshot, "2026-04-01", "proceedings-26-weeks")
    assert str(found.due) == "2026-10-26"
    assert "counts as 8" in dict(found.facts)["note"]


@proves("proceedings-26-weeks")
def test_proceedings_concluded_in_time_are_met_and_late_ones_overdue():
    concluded = case(proceedings=[ProceedingsFacts(issued=d("2026-03-02"), concluded=d("2026-08-20"))])
    assert due(concluded, "2026-09-30", "proceedings-26-weeks") == ("2026-08-31", "met")
    running = case(proceedings=[ProceedingsFacts(issued=d("2026-03-02"))])
    assert due(running, "2026-09-01", "proceedings-26-weeks") == ("2026-08-31", "overdue")


# --- a connected person's temporary approval ---------------------------------------------------
def kinship(extended=False, approved=None):
    carer = CarerFacts(
        connected_person=True, temporary_approval_extended=extended, fully_approved=d(approved) if approved else None
    )
    return case(episodes=[episode("2026-01-05", place="U3", carer=carer)])


@proves("temporary-approval")
def test_temporary_approval_ends_16_weeks_after_the_placement_starts():
    assert due(kinship(), "2026-02-01", "temporary-approval") == ("2026-04-27", "upcoming")


@proves("temporary-approval")
def test_an_extension_adds_8_weeks_once():
    assert due(kinship(extended=True), "2026-02-01", "temporary-approval") == ("2026-06-22", "upcoming")


@proves("temporary-approval")
def test_full_approval_meets_the_temporary_approval_deadline_and_none_is_overdue_without_it():
    assert due(kinship(approved="2026-04-01"), "2026-05-01", "temporary-approval") == ("2026-04-27", "met")
    assert due(kinship(), "2026-04-28", "temporary-approval") == ("2026-04-27", "overdue")


@proves("temporary-approval")
def test_temporary_approval_only_applies_to_connected_persons_and_ends_with_the_placement():
    assert obligations(case(episodes=IN_CARE), "2026-02-01", rule="temporary-approval") == []
    moved = case(
        episodes=[
            episode("2026-01-05", "2026-03-01", place="U3", carer=CarerFacts(connected_person=True), rec="X1"),
            episode("2026-03-01", rne="P"),
        ]
    )
    assert obligations(moved, "2026-05-01", rule="temporary-approval") == []


# --- orders ----------------------------------------------------------------------------------
@proves("supervision-order-end")
def test_a_supervision_order_ends_after_one_year_unless_extended():
    snapshot = case(orders=[OrderFacts("supervision_order", d("2026-06-01"))])
    assert due(snapshot, "2026-07-01", "supervision-order-end") == ("2027-06-01", "upcoming")


@proves("supervision-order-end")
def test_an_extended_supervision_order_never_runs_beyond_three_years():
    snapshot = case(orders=[OrderFacts("supervision_order", d("2026-06-01"), extended_to=d("2030-01-01"))])
    assert due(snapshot, "2026-07-01", "supervision-order-end") == ("2029-06-01", "upcoming")


@proves("supervision-order-end")
def test_a_supervision_order_never_runs_beyond_the_18th_birthday():
    snapshot = case(dob="2009-02-10", orders=[OrderFacts("supervision_order", d("2026-06-01"))])
    assert due(snapshot, "2026-07-01", "supervision-order-end") == ("2027-02-10", "upcoming")


@proves("supervision-order-end")
def test_a_supervision_order_made_on_29_february_ends_on_28_february():
    snapshot = case(orders=[OrderFacts("supervision_order", d("2028-02-29"))])
    assert due(snapshot, "2028-03-01", "supervision-order-end") == ("2029-02-28", "upcoming")


@proves("cao-contact-ends")
def test_spend_time_provisions_of_a_child_arrangements_order_end_at_16():
    snapshot = case(dob="2012-07-31", orders=[OrderFacts("child_arrangements_order_spend_time", d("2020-01-01"))])
    assert due(snapshot, "2026-07-01", "cao-contact-ends") == ("2028-07-31", "upcoming")


# --- missing episodes ----------------------------------------------------------------------------
@proves("return-interview")
def test_a_return_interview_is_due_within_72_hours_of_the_return():
    missing = MissingFacts(started=d("2026-03-05"), returned=d("2026-03-06"))
    snapshot = case(episodes=IN_CARE, missing=[missing])
    assert due(snapshot, "2026-03-06", "return-interview") == ("2026-03-09", "due_soon")
    assert due(snapshot, "2026-03-10", "return-interview") == ("2026-03-09", "overdue")
    done = MissingFacts(started=d("2026-03-05"), returned=d("2026-03-06"), return_interview=d("2026-03-08"))
    assert due(case(episodes=IN_CARE, missing=[done]), "2026-03-10", "return-interview") == ("2026-03-09", "met")


@proves("return-interview")
def test_a_child_still_missing_has_no_return_interview_due_yet():
    snapshot = case(episodes=IN_CARE, missing=[MissingFacts(started=d("2026-03-05"))])
    assert obligations(snapshot, "2026-03-06", rule="return-interview") == []


@proves("cao-contact-ends")
def test_spend_time_provisions_end_by_themselves_at_16_and_an_ended_order_asks_nothing():
    snapshot = case(dob="2010-03-15", orders=[OrderFacts("child_arrangements_order_spend_time", d("2020-01-01"))])
    assert due(snapshot, "2026-04-01", "cao-contact-ends") == ("2026-03-15", "met")
    ended = case(
        dob="2012-07-31",
        orders=[OrderFacts("child_arrangements_order_spend_time", d("2020-01-01"), ended=d("2025-01-01"))],
    )
    assert obligations(ended, "2026-07-01", rule="cao-contact-ends") == []


@proves("return-interview")
def test_each_missing_episode_in_the_period_of_care_has_its_own_return_interview():
    snapshot = case(
        episodes=IN_CARE,
        missing=[
            MissingFacts(started=d("2025-12-01"), returned=d("2025-12-02")),  # before care: not this period's
            MissingFacts(started=d("2026-02-01"), returned=d("2026-02-02"), return_interview=d("2026-02-04")),
            MissingFacts(started=d("2026-03-10"), returned=d("2026-03-12")),
        ],
    )
    found = obligations(snapshot, "2026-03-16", rule="return-interview")
    assert [(str(o.due), o.status) for o in found] == [("2026-02-05", "met"), ("2026-03-15", "overdue")]
