"""Looked-after reviews (reg 33): 20 working days, then 3 months, then every 6 months,
each counted from the review actually held."""

from .helpers import case, episode, one, obligations

AVA = dict(dob="2020-03-10", episodes=[episode("2026-01-05", ls="C1")])


def test_first_review_is_due_within_20_working_days_of_becoming_looked_after():
    first = one(case(**AVA), "2026-01-10", "cla-review", occurrence=1)
    assert str(first.due) == "2026-02-02"
    assert first.status == "upcoming"
    assert "Care Planning, Placement and Case Review (England) Regulations 2010, reg 33" in first.source


def test_first_review_over_christmas_skips_the_bank_holidays():
    snapshot = case(episodes=[episode("2026-12-18")])
    assert str(one(snapshot, "2026-12-20", "cla-review").due) == "2027-01-20"


def test_second_review_is_due_three_months_after_the_first_review_actually_held():
    snapshot = case(**AVA, reviews=["2026-01-28"])
    second = one(snapshot, "2026-02-01", "cla-review", occurrence=2)
    assert str(second.due) == "2026-04-28"


def test_a_late_first_review_moves_the_second():
    snapshot = case(**AVA, reviews=["2026-02-20"])
    first = one(snapshot, "2026-03-01", "cla-review", occurrence=1)
    assert first.status == "met" and first.met_late
    assert str(one(snapshot, "2026-03-01", "cla-review", occurrence=2).due) == "2026-05-20"


def test_later_reviews_are_every_six_months_from_the_last_held():
    snapshot = case(**AVA, reviews=["2026-01-28", "2026-04-20", "2026-10-30"])
    fourth = one(snapshot, "2026-11-01", "cla-review", occurrence=4)
    assert str(fourth.due) == "2027-04-30"
    assert [o.status for o in obligations(snapshot, "2026-11-01", rule="cla-review")] == ["met", "met", "met", "upcoming"]


def test_a_second_review_from_30_november_falls_on_the_last_day_of_february():
    snapshot = case(episodes=[episode("2027-11-01")], reviews=["2027-11-30"])
    assert str(one(snapshot, "2027-12-01", "cla-review", occurrence=2).due) == "2028-02-29"


def test_a_missed_review_is_overdue_and_says_so_within_14_days():
    snapshot = case(**AVA, reviews=["2026-01-28"])
    assert one(snapshot, "2026-04-20", "cla-review", occurrence=2).status == "due_soon"
    assert one(snapshot, "2026-04-29", "cla-review", occurrence=2).status == "overdue"


def test_a_change_of_placement_does_not_restart_the_review_clock():
    snapshot = case(
        episodes=[episode("2026-01-05", "2026-03-01", rec="X1"), episode("2026-03-01", rne="P", place="U4")],
        reviews=["2026-01-28"],
    )
    assert str(one(snapshot, "2026-03-05", "cla-review", occurrence=2).due) == "2026-04-28"


def test_after_leaving_care_no_further_review_is_due():
    snapshot = case(episodes=[episode("2026-01-05", "2026-03-01", rec="E4A")], reviews=["2026-01-28"])
    assert obligations(snapshot, "2026-05-01", rule="cla-review") == []


def test_a_new_period_of_care_starts_a_new_review_schedule():
    snapshot = case(
        episodes=[episode("2025-01-06", "2025-06-01", rec="E4A"), episode("2026-01-05")],
        reviews=["2025-01-28", "2025-04-20"],
    )
    assert str(one(snapshot, "2026-01-10", "cla-review").due) == "2026-02-02"
