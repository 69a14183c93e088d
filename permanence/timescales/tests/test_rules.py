"""The other statutory and local timescales, written from the regulations and the seeds."""

from .helpers import CarerFacts, OrderFacts, PlanFacts, ProceedingsFacts, case, d, episode, obligations, one

IN_CARE = [episode("2026-01-05", ls="C1")]


# --- permanence plan by the second review ----------------------------------------------
def test_a_permanence_plan_is_due_by_the_second_review():
    plan = one(case(episodes=IN_CARE, reviews=["2026-01-28"]), "2026-03-01", "permanence-plan")
    assert str(plan.due) == "2026-04-28" and plan.status == "upcoming"


def test_no_plan_after_the_second_review_is_overdue_and_recording_it_meets_it():
    snapshot = case(episodes=IN_CARE, reviews=["2026-01-28", "2026-04-27"])
    assert one(snapshot, "2026-05-10", "permanence-plan").status == "overdue"
    planned = case(episodes=IN_CARE, reviews=["2026-01-28", "2026-04-27"], plan=PlanFacts(d("2026-04-27"), "adoption"))
    assert one(planned, "2026-05-10", "permanence-plan").status == "met"


def test_leeds_asks_for_the_plan_in_the_iro_decisions_report_at_the_four_month_review():
    plan = one(case(episodes=IN_CARE, reviews=["2026-01-28"]), "2026-03-01", "permanence-plan", policy="leeds")
    assert "IRO Decisions Report" in plan.source and "002_0fe8707617f26d1a.txt §3" in plan.source


# --- care proceedings: 26 weeks, moved by extensions ------------------------------------
def test_proceedings_are_due_to_finish_26_weeks_after_issue():
    snapshot = case(proceedings=[ProceedingsFacts(issued=d("2026-03-02"))])
    assert str(one(snapshot, "2026-04-01", "proceedings-26-weeks").due) == "2026-08-31"


def test_each_extension_moves_the_26_week_date_by_its_weeks():
    snapshot = case(proceedings=[ProceedingsFacts(issued=d("2026-03-02"), extensions=(8, 4))])
    found = one(snapshot, "2026-04-01", "proceedings-26-weeks")
    assert str(found.due) == "2026-11-23"
    assert dict(found.facts)["extension weeks counted"] == 12


def test_an_extension_longer_than_8_weeks_counts_as_8():
    snapshot = case(proceedings=[ProceedingsFacts(issued=d("2026-03-02"), extensions=(12,))])
    found = one(snapshot, "2026-04-01", "proceedings-26-weeks")
    assert str(found.due) == "2026-10-26"
    assert "counts as 8" in dict(found.facts)["note"]


def test_proceedings_concluded_in_time_are_met():
    snapshot = case(proceedings=[ProceedingsFacts(issued=d("2026-03-02"), concluded=d("2026-08-20"))])
    assert one(snapshot, "2026-09-30", "proceedings-26-weeks").status == "met"


# --- connected persons' temporary approval ----------------------------------------------
def kinship(extended=False, approved=None):
    carer = CarerFacts(connected_person=True, temporary_approval_extended=extended, fully_approved=d(approved) if approved else None)
    return case(episodes=[episode("2026-01-05", place="U3", carer=carer)])


def test_temporary_approval_ends_16_weeks_after_the_placement_starts():
    assert str(one(kinship(), "2026-02-01", "temporary-approval").due) == "2026-04-27"


def test_an_extension_adds_8_weeks_once():
    assert str(one(kinship(extended=True), "2026-02-01", "temporary-approval").due) == "2026-06-22"


def test_full_approval_meets_the_temporary_approval_deadline():
    assert one(kinship(approved="2026-04-01"), "2026-05-01", "temporary-approval").status == "met"


def test_temporary_approval_only_applies_to_connected_persons():
    assert obligations(case(episodes=IN_CARE), "2026-02-01", rule="temporary-approval") == []


# --- supervision orders and child arrangements orders -----------------------------------
def test_a_supervision_order_ends_after_one_year_unless_extended():
    snapshot = case(orders=[OrderFacts("supervision_order", d("2026-06-01"))])
    assert str(one(snapshot, "2026-07-01", "supervision-order-end").due) == "2027-06-01"


def test_an_extended_supervision_order_never_runs_beyond_three_years():
    snapshot = case(orders=[OrderFacts("supervision_order", d("2026-06-01"), extended_to=d("2030-01-01"))])
    assert str(one(snapshot, "2026-07-01", "supervision-order-end").due) == "2029-06-01"


def test_a_supervision_order_never_runs_beyond_the_18th_birthday():
    snapshot = case(dob="2009-02-10", orders=[OrderFacts("supervision_order", d("2026-06-01"))])
    assert str(one(snapshot, "2026-07-01", "supervision-order-end").due) == "2027-02-10"


def test_spend_time_provisions_of_a_child_arrangements_order_end_at_16():
    snapshot = case(dob="2012-07-31", orders=[OrderFacts("child_arrangements_order_spend_time", d("2020-01-01"))])
    found = one(snapshot, "2026-07-01", "cao-contact-ends")
    assert str(found.due) == "2028-07-31" and found.status == "upcoming"


# --- statutory visits ------------------------------------------------------------------
def test_the_first_visit_is_due_within_a_week_of_a_placement_starting():
    assert str(one(case(episodes=IN_CARE), "2026-01-06", "sw-visit").due) == "2026-01-12"


def test_visits_in_the_first_year_are_at_most_six_weeks_apart():
    snapshot = case(episodes=IN_CARE, visits=["2026-01-09", "2026-02-15"])
    assert str(one(snapshot, "2026-02-20", "sw-visit").due) == "2026-03-29"


def test_after_the_first_year_visits_are_at_most_three_months_apart():
    snapshot = case(episodes=[episode("2024-01-05")], visits=["2025-06-01"])
    assert str(one(snapshot, "2025-06-10", "sw-visit").due) == "2025-09-01"


def test_a_new_placement_restarts_the_visit_schedule():
    snapshot = case(episodes=[episode("2026-01-05", "2026-05-01", rec="X1"), episode("2026-05-01", rne="P")], visits=["2026-04-20"])
    assert str(one(snapshot, "2026-05-02", "sw-visit").due) == "2026-05-08"


# --- adoption scorecard -----------------------------------------------------------------
def test_a1_is_426_days_from_entering_care_to_moving_in_with_adopters():
    snapshot = case(episodes=IN_CARE, plan=PlanFacts(d("2026-04-01"), "adoption"))
    assert str(one(snapshot, "2026-05-01", "adoption-a1").due) == "2027-03-07"


def test_a2_is_121_days_from_placement_order_to_match():
    snapshot = case(episodes=IN_CARE, orders=[OrderFacts("placement_order", d("2026-09-01"))], decisions=[("match_approved", "2026-12-01")])
    found = one(snapshot, "2027-01-01", "adoption-a2")
    assert str(found.due) == "2026-12-31" and found.status == "met"


# --- local rules ------------------------------------------------------------------------
def test_leeds_family_finding_starts_soon_after_adoption_is_considered():
    snapshot = case(episodes=IN_CARE, decisions=[("adoption_considered", "2026-03-02")])
    found = one(snapshot, "2026-03-05", "leeds-family-finding", policy="leeds")
    assert str(found.due) == "2026-03-16" and "§8.3" in found.source


def test_leeds_reviews_section_20_arrangements_every_six_months():
    snapshot = case(episodes=[episode("2026-01-05", ls="V2")], decisions=[("s20_reviewed", "2026-06-20")])
    assert str(one(snapshot, "2026-07-01", "leeds-s20-review", policy="leeds").due) == "2026-12-20"


def test_camden_adm_decision_is_needed_before_final_evidence():
    snapshot = case(
        episodes=IN_CARE, plan=PlanFacts(d("2026-04-01"), "adoption"),
        proceedings=[ProceedingsFacts(issued=d("2026-01-05"))],
    )
    found = one(snapshot, "2026-06-01", "camden-adm-before-final-evidence", policy="camden")
    assert str(found.due) == "2026-05-25" and found.status == "overdue"


def test_camden_pathway_plan_for_a_16_year_old_in_care():
    snapshot = case(dob="2010-02-01", episodes=[episode("2026-03-01", ls="V2")])
    assert str(one(snapshot, "2026-03-10", "camden-pathway-plan", policy="camden").due) == "2026-06-01"


def test_birmingham_considers_twin_track_at_the_first_review():
    snapshot = case(episodes=IN_CARE, plan=PlanFacts(d("2026-01-20"), "return_home"), decisions=[("twin_track_considered", "2026-01-28")])
    assert one(snapshot, "2026-02-10", "birmingham-twin-track", policy="birmingham").status == "met"


def test_every_obligation_of_every_pack_cites_its_source():
    snapshot = case(episodes=IN_CARE, reviews=["2026-01-28"])
    for policy in ("england", "leeds", "camden", "birmingham"):
        assert all(o.source for o in obligations(snapshot, "2026-03-01", policy))
