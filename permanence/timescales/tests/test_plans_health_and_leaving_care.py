"""The care plan, health, education and leaving care.

CPPCR 2010 reg 4(3): the care plan "before C is first placed ... or, if it is not practicable to
do so, within ten working days of the start of the first placement".
Reg 7(1): a health assessment before the child is placed or, if not practicable, before the first
review; then C's health reviewed "at least once in every period of six months before C's fifth
birthday" and "at least once in every period of 12 months after C's fifth birthday".
Reg 5(b)(ii): the personal education plan is part of the care plan; the statutory guidance asks
for it to be in place for the first review.
Volume 2 statutory guidance, chapter 2: a permanence plan by the second review.
Part 7 (regs 40-43): an eligible child (16 or 17, looked after for 13 weeks since the 14th birthday)
has a needs assessment "not more than three months after the date on which C reaches the age of
16 or becomes an eligible child after that age", and a pathway plan as soon as possible after it.
"""

from dataclasses import replace

from permanence.timescales import compute_obligations, load_pack

from .helpers import PlanFacts, case, d, due, episode, obligations, proves, rules_open

ENTERED = [episode("2026-01-05", ls="C1")]


# --- the care plan ----------------------------------------------------------------------------
@proves("care-plan")
def test_the_care_plan_is_due_within_10_working_days_of_the_first_placement_over_easter():
    # Friday 20 March 2026: 23-27 March (5), 30 March-2 April (9), Good Friday and Easter Monday
    # skipped, 7 April (10)
    snapshot = case(episodes=[episode("2026-03-20", ls="V2")])
    assert due(snapshot, "2026-03-21", "care-plan") == ("2026-04-07", "upcoming")


@proves("care-plan")
def test_a_care_plan_prepared_before_the_placement_meets_it():
    snapshot = case(episodes=[episode("2026-03-20", ls="V2")], care_plans=["2026-03-18"])
    assert due(snapshot, "2026-03-21", "care-plan") == ("2026-04-07", "met")


@proves("care-plan")
def test_returning_to_care_needs_a_new_care_plan():
    snapshot = case(
        episodes=[episode("2025-01-06", "2025-06-02", ls="V2", rec="E4A"), episode("2026-03-20", ls="V2")],
        care_plans=["2025-01-10"],
    )
    assert due(snapshot, "2026-04-08", "care-plan") == ("2026-04-07", "overdue")


# --- health ------------------------------------------------------------------------------------
@proves("health-assessment")
def test_the_initial_health_assessment_is_due_by_the_first_review():
    assert due(case(episodes=ENTERED), "2026-01-06", "health-assessment") == ("2026-02-02", "upcoming")


@proves("health-assessment")
def test_a_first_review_held_early_brings_the_health_assessment_forward():
    snapshot = case(episodes=ENTERED, reviews=["2026-01-26"])
    assert due(snapshot, "2026-01-27", "health-assessment") == ("2026-01-26", "overdue")


@proves("health-assessment")
def test_a_health_assessment_after_entering_care_meets_it():
    snapshot = case(episodes=ENTERED, health=["2026-01-20"])
    assert due(snapshot, "2026-02-10", "health-assessment") == ("2026-02-02", "met")


@proves("health-review")
def test_a_child_of_5_or_over_has_their_health_reviewed_within_12_months():
    snapshot = case(dob="2018-05-01", episodes=ENTERED, health=["2026-01-20"])
    assert due(snapshot, "2026-02-10", "health-review") == ("2027-01-20", "upcoming")


@proves("health-review")
def test_a_child_under_5_has_their_health_reviewed_within_6_months():
    snapshot = case(dob="2024-03-10", episodes=ENTERED, health=["2026-01-20"])
    assert due(snapshot, "2026-02-10", "health-review") == ("2026-07-20", "upcoming")


@proves("health-review")
def test_a_review_due_after_the_5th_birthday_follows_the_12_month_interval():
    # Last assessed on 1 June 2026 at 4; six months would be 1 December, after the 5th birthday on
    # 15 September: from then the period is 12 months, counted from the last assessment.
    snapshot = case(dob="2021-09-15", episodes=[episode("2025-01-06")], health=["2025-12-01", "2026-06-01"])
    assert due(snapshot, "2026-06-02", "health-review") == ("2027-06-01", "upcoming")
    # Last assessed 1 December 2025: 1 June 2026 is before the 5th birthday, so 6 months.
    earlier = case(dob="2021-09-15", episodes=[episode("2025-01-06")], health=["2025-12-01"])
    assert due(earlier, "2025-12-02", "health-review") == ("2026-06-01", "upcoming")


@proves("health-review")
def test_a_health_review_due_in_a_leap_year_february_clamps_to_the_29th():
    snapshot = case(dob="2024-01-01", episodes=[episode("2027-06-01")], health=["2027-08-31"])
    assert due(snapshot, "2027-09-01", "health-review") == ("2028-02-29", "upcoming")


# --- the personal education plan ---------------------------------------------------------------
@proves("personal-education-plan")
def test_the_pep_is_due_by_the_first_review():
    snapshot = case(dob="2018-05-01", episodes=ENTERED)
    assert due(snapshot, "2026-01-06", "personal-education-plan") == ("2026-02-02", "upcoming")
    done = case(dob="2018-05-01", episodes=ENTERED, peps=["2026-01-30"])
    assert due(done, "2026-02-03", "personal-education-plan") == ("2026-02-02", "met")


@proves("personal-education-plan")
def test_a_child_under_3_has_no_pep_until_the_3rd_birthday():
    snapshot = case(dob="2023-11-01", episodes=ENTERED)
    assert "personal-education-plan" not in rules_open(snapshot, "2026-01-06")
    assert due(snapshot, "2026-11-10", "personal-education-plan") == ("2026-11-01", "overdue")


# --- the permanence plan -----------------------------------------------------------------------
@proves("permanence-plan")
def test_a_permanence_plan_is_due_by_the_second_review():
    snapshot = case(episodes=ENTERED, reviews=["2026-01-28"])
    assert due(snapshot, "2026-03-01", "permanence-plan") == ("2026-04-28", "upcoming")


@proves("permanence-plan")
def test_no_plan_at_the_second_review_is_overdue_and_recording_it_meets_it():
    snapshot = case(episodes=ENTERED, reviews=["2026-01-28", "2026-04-27"])
    assert due(snapshot, "2026-05-10", "permanence-plan") == ("2026-04-27", "overdue")
    planned = case(episodes=ENTERED, reviews=["2026-01-28", "2026-04-27"], plan=PlanFacts(d("2026-04-27"), "adoption"))
    assert due(planned, "2026-05-10", "permanence-plan") == ("2026-04-27", "met")


# --- leaving care ------------------------------------------------------------------------------
@proves("needs-assessment", "pathway-plan")
def test_a_child_in_care_at_16_has_a_needs_assessment_and_pathway_plan_within_3_months_of_the_birthday():
    snapshot = case(dob="2010-04-12", episodes=[episode("2020-05-04")])
    assert "needs-assessment" not in rules_open(snapshot, "2026-04-01")
    assert due(snapshot, "2026-05-01", "needs-assessment") == ("2026-07-12", "upcoming")
    assert due(snapshot, "2026-05-01", "pathway-plan") == ("2026-07-12", "upcoming")


@proves("needs-assessment", "pathway-plan")
def test_a_child_entering_care_at_16_becomes_eligible_after_13_weeks():
    # In care from 1 December 2025 at 16: 13 weeks (91 days) later is 2 March 2026.
    snapshot = case(dob="2009-09-01", episodes=[episode("2025-12-01", ls="V2")])
    assert "needs-assessment" not in rules_open(snapshot, "2026-03-01")
    assert due(snapshot, "2026-03-02", "needs-assessment") == ("2026-06-02", "upcoming")
    done = case(
        dob="2009-09-01",
        episodes=[episode("2025-12-01", ls="V2")],
        needs_assessments=["2026-04-10"],
        pathway_plans=["2026-05-01"],
    )
    assert due(done, "2026-05-02", "needs-assessment") == ("2026-06-02", "met")
    assert due(done, "2026-05-02", "pathway-plan") == ("2026-06-02", "met")


@proves("needs-assessment")
def test_earlier_time_in_care_since_the_14th_birthday_counts_towards_the_13_weeks():
    # 42 days in care after the 14th birthday (8 January - 19 February 2024); back in care from
    # 1 December 2025: the other 49 days run to 19 January 2026.
    snapshot = case(
        dob="2009-09-01",
        episodes=[episode("2024-01-08", "2024-02-19", ls="V2", rec="E4A"), episode("2025-12-01", ls="V2")],
    )
    assert due(snapshot, "2026-01-20", "needs-assessment") == ("2026-04-19", "upcoming")


@proves("needs-assessment")
def test_time_in_care_before_the_14th_birthday_does_not_count():
    snapshot = case(
        dob="2009-09-01",
        episodes=[episode("2023-01-09", "2023-06-05", ls="V2", rec="E4A"), episode("2025-12-01", ls="V2")],
    )
    assert due(snapshot, "2026-03-02", "needs-assessment") == ("2026-06-02", "upcoming")


@proves("needs-assessment", "pathway-plan")
def test_a_young_person_who_would_become_eligible_only_after_18_has_no_needs_assessment():
    snapshot = case(dob="2008-05-20", episodes=[episode("2026-03-02", ls="V2")])
    assert not {"needs-assessment", "pathway-plan"} & set(rules_open(snapshot, "2026-05-19"))
    assert obligations(snapshot, "2026-06-10") == []


@proves("needs-assessment", "pathway-plan")
def test_nothing_is_asked_once_the_young_person_turns_18():
    snapshot = case(dob="2008-03-10", episodes=[episode("2020-05-04")])
    # Eligible at 16 (10 March 2024); assessment due 10 June 2024, never done.
    assert due(snapshot, "2024-07-01", "needs-assessment") == ("2024-06-10", "overdue")
    assert obligations(snapshot, "2026-03-10") == []


@proves("health-assessment", "care-plan", "personal-education-plan")
def test_a_source_that_holds_no_health_assessments_care_plans_or_peps_is_never_shown_overdue_for_them():
    unheld = replace(case(episodes=ENTERED), unknown=frozenset({"health_assessments", "care_plans", "education_plans"}))
    found = {
        o.rule: o
        for o in compute_obligations(unheld, load_pack("england"), d("2026-06-01"), include_not_applicable=True)
    }
    for rule in ("health-assessment", "health-review", "care-plan", "personal-education-plan"):
        assert found[rule].status == "not_applicable"
    assert "does not hold health assessments" in found["health-assessment"].explanation
    assert found["cla-review"].status == "overdue"


@proves("permanence-plan")
def test_a_second_review_not_yet_held_keeps_the_plan_due_on_its_due_date():
    snapshot = case(episodes=ENTERED, reviews=["2026-01-28"])
    assert due(snapshot, "2026-05-10", "permanence-plan") == ("2026-04-28", "overdue")
    planned = case(episodes=ENTERED, reviews=["2026-01-28"], plan=PlanFacts(d("2026-03-02"), "long_term_fostering"))
    assert due(planned, "2026-05-10", "permanence-plan") == ("2026-04-28", "met")


@proves("health-assessment", "health-review")
def test_back_in_care_the_health_assessment_is_asked_for_again_and_reviews_count_from_it():
    snapshot = case(
        dob="2016-04-01",
        episodes=[episode("2024-01-08", "2025-03-03", ls="V2", rec="E4A"), episode("2026-01-05", ls="V2")],
        health=["2024-01-20", "2025-01-10"],
    )
    assert due(snapshot, "2026-01-06", "health-assessment") == ("2026-02-02", "upcoming")
    assert obligations(snapshot, "2026-01-06", rule="health-review") == []
    assessed = case(
        dob="2016-04-01",
        episodes=[episode("2024-01-08", "2025-03-03", ls="V2", rec="E4A"), episode("2026-01-05", ls="V2")],
        health=["2024-01-20", "2025-01-10", "2026-01-22"],
    )
    assert due(assessed, "2026-01-23", "health-review") == ("2027-01-22", "upcoming")
