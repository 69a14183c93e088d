"""Looked-after reviews, CPPCR 2010 reg 33: "first review C's case within 20 working days of the
date on which C becomes looked after"; the second "not more than three months after the first";
later ones "not more than six months after the date of the previous review". Each is counted
from the review actually held; a working day skips weekends and bank holidays (reg 2(1))."""

from .helpers import case, due, episode, obligations, one, proves

AVA = {"dob": "2020-03-10", "episodes": [episode("2026-01-05", ls="C1")]}


@proves("cla-review")
def test_first_review_is_due_within_20_working_days_of_becoming_looked_after():
    # Monday 5 January 2026 + 20 working days (6-9, 12-16, 19-23, 26-30 January, 2 February)
    first = one(case(**AVA), "2026-01-10", "cla-review", occurrence=1)
    assert str(first.due) == "2026-02-02"
    assert first.status == "upcoming" and first.kind == "duty"
    assert "Care Planning, Placement and Case Review (England) Regulations 2010, reg 33" in first.source


@proves("cla-review")
def test_first_review_over_christmas_skips_the_bank_holidays():
    # 18 December 2026: 21-24 Dec (4), 25 Dec and the Boxing Day substitute 28 Dec skipped,
    # 29-31 Dec (7), 1 Jan skipped, 4-8 Jan (12), 11-15 (17), 18-20 Jan (20)
    snapshot = case(episodes=[episode("2026-12-18")])
    assert due(snapshot, "2026-12-20", "cla-review") == ("2027-01-20", "upcoming")


@proves("cla-review")
def test_first_review_over_easter_skips_good_friday_and_easter_monday():
    # Friday 20 March 2026: 23-27 Mar (5), 30 Mar-2 Apr (9), 3 and 6 April skipped, 7-10 (13),
    # 13-17 (18), 20-21 April (20)
    snapshot = case(episodes=[episode("2026-03-20", ls="V2")])
    assert due(snapshot, "2026-03-21", "cla-review") == ("2026-04-21", "upcoming")


@proves("cla-review")
def test_second_review_is_due_three_months_after_the_first_review_actually_held():
    snapshot = case(**AVA, reviews=["2026-01-28"])
    assert due(snapshot, "2026-02-01", "cla-review", occurrence=2) == ("2026-04-28", "upcoming")


@proves("cla-review")
def test_a_first_review_held_early_brings_the_second_forward():
    snapshot = case(**AVA, reviews=["2026-01-20"])
    assert due(snapshot, "2026-02-01", "cla-review", occurrence=2) == ("2026-04-20", "upcoming")


@proves("cla-review")
def test_a_late_first_review_moves_the_second():
    snapshot = case(**AVA, reviews=["2026-02-20"])
    first = one(snapshot, "2026-03-01", "cla-review", occurrence=1)
    assert first.status == "met" and first.met_late
    assert due(snapshot, "2026-03-01", "cla-review", occurrence=2) == ("2026-05-20", "upcoming")


@proves("cla-review")
def test_later_reviews_are_every_six_months_from_the_last_held():
    snapshot = case(**AVA, reviews=["2026-01-28", "2026-04-20", "2026-10-30"])
    fourth = one(snapshot, "2026-11-01", "cla-review", occurrence=4)
    assert str(fourth.due) == "2027-04-30"
    assert [o.status for o in obligations(snapshot, "2026-11-01", rule="cla-review")] == [
        "met",
        "met",
        "met",
        "upcoming",
    ]


@proves("cla-review")
def test_a_second_review_from_30_november_falls_on_the_last_day_of_february_in_a_leap_year():
    snapshot = case(episodes=[episode("2027-11-01")], reviews=["2027-11-30"])
    assert due(snapshot, "2027-12-01", "cla-review", occurrence=2) == ("2028-02-29", "upcoming")


@proves("cla-review")
def test_a_review_held_on_31_august_makes_the_next_due_on_30_november():
    snapshot = case(episodes=[episode("2026-08-03")], reviews=["2026-08-31"])
    assert due(snapshot, "2026-09-01", "cla-review", occurrence=2) == ("2026-11-30", "upcoming")
    held = case(episodes=[episode("2026-08-03")], reviews=["2026-08-31", "2026-11-30"])
    assert due(held, "2026-12-01", "cla-review", occurrence=3) == ("2027-05-30", "upcoming")


@proves("cla-review")
def test_a_missed_review_is_overdue_and_says_so_within_14_days():
    snapshot = case(**AVA, reviews=["2026-01-28"])
    assert one(snapshot, "2026-04-20", "cla-review", occurrence=2).status == "due_soon"
    assert one(snapshot, "2026-04-29", "cla-review", occurrence=2).status == "overdue"


@proves("cla-review")
def test_a_change_of_placement_does_not_restart_the_review_clock():
    snapshot = case(
        episodes=[episode("2026-01-05", "2026-03-01", rec="X1"), episode("2026-03-01", rne="P", place="U4")],
        reviews=["2026-01-28"],
    )
    assert due(snapshot, "2026-03-05", "cla-review", occurrence=2) == ("2026-04-28", "upcoming")


@proves("cla-review")
def test_a_change_of_legal_status_only_does_not_restart_the_review_clock():
    snapshot = case(
        episodes=[
            episode("2026-01-05", "2026-01-16", ls="V2", rec="X1"),
            episode("2026-01-16", ls="C1", rne="L"),
        ]
    )
    assert due(snapshot, "2026-01-20", "cla-review") == ("2026-02-02", "due_soon")


@proves("cla-review")
def test_after_leaving_care_no_further_review_is_due():
    snapshot = case(episodes=[episode("2026-01-05", "2026-03-01", rec="E4A")], reviews=["2026-01-28"])
    assert obligations(snapshot, "2026-05-01", rule="cla-review") == []


@proves("cla-review")
def test_a_review_falling_due_after_care_ends_is_not_asked_for():
    # Care is recorded to end on 20 April; the second review would be due on 28 April.
    snapshot = case(episodes=[episode("2026-01-05", "2026-04-20", rec="E4A")], reviews=["2026-01-28"])
    assert [o.status for o in obligations(snapshot, "2026-04-01", rule="cla-review")] == ["met"]


@proves("cla-review")
def test_seen_on_a_day_before_a_change_of_legal_status_the_reviews_run_on_past_it():
    # In care from 5 January 2026 (first review held 28 January: the second is due 28 April, held
    # 20 April; the third 6 months later, 20 October). On 1 June a placement order is made (a change
    # of legal status only, RNE L). Seen on 10 May the record's end of the first episode on 1 June
    # is the change not yet made, not an end of care: the third review is still asked for.
    snapshot = case(
        episodes=[episode("2026-01-05", "2026-06-01", ls="C2", rec="X1"), episode("2026-06-01", ls="E1", rne="L")],
        reviews=["2026-01-28", "2026-04-20"],
    )
    assert due(snapshot, "2026-05-10", "cla-review", occurrence=3) == ("2026-10-20", "upcoming")


@proves("cla-review")
def test_a_new_period_of_care_starts_a_new_review_schedule():
    snapshot = case(
        episodes=[episode("2025-01-06", "2025-06-01", rec="E4A"), episode("2026-01-05")],
        reviews=["2025-01-28", "2025-04-20"],
    )
    assert due(snapshot, "2026-01-10", "cla-review") == ("2026-02-02", "upcoming")


@proves("cla-review")
def test_between_two_periods_of_care_nothing_is_due_and_the_first_is_counted_as_it_was():
    snapshot = case(
        episodes=[episode("2025-01-06", "2025-06-01", rec="E4A"), episode("2026-01-05")],
        reviews=["2025-01-28", "2025-04-20"],
    )
    assert obligations(snapshot, "2025-09-01", rule="cla-review") == []
    # On 1 March 2025 the later period had not begun: the second review was due on 28 April.
    assert due(snapshot, "2025-03-01", "cla-review", occurrence=2) == ("2025-04-28", "upcoming")


@proves("cla-review")
def test_no_review_is_due_on_or_after_the_18th_birthday():
    # In care from 1 September 2025 at 17: first review by 29 September (20 working days), held
    # 25 September; second held 20 December; the third would be due 20 June 2026, after the
    # 18th birthday on 15 June 2026.
    snapshot = case(dob="2008-06-15", episodes=[episode("2025-09-01", ls="V2")], reviews=["2025-09-25", "2025-12-20"])
    assert [o.status for o in obligations(snapshot, "2026-06-01", rule="cla-review")] == ["met", "met"]
    assert obligations(snapshot, "2026-06-20", rule="cla-review") == []


@proves("cla-review", "sw-visit")
def test_a_child_born_on_29_february_turns_18_on_1_march_in_a_year_without_one():
    # Born 29 February 2008: 18 on 1 March 2026 (age_on agrees). The second review, due 28
    # February 2026 (3 months after 28 November), is still asked for; a visit due on 1 March
    # (18 January + 6 weeks) is not.
    snapshot = case(
        dob="2008-02-29", episodes=[episode("2025-11-03", ls="V2")], reviews=["2025-11-28"], visits=["2026-01-18"]
    )
    assert due(snapshot, "2026-02-20", "cla-review", occurrence=2) == ("2026-02-28", "due_soon")
    assert obligations(snapshot, "2026-02-20", rule="sw-visit") == []
    assert obligations(snapshot, "2026-03-01") == []
