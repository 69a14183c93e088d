"""Statutory visits, CPPCR 2010 reg 28, one rule for each situation the regulation tells apart.

(2) "within one week of the start of any placement, at intervals of not more than six weeks for
the first year of any placement, and thereafter ... where the placement is intended to last until
C is aged 18, at intervals of not more than three months ... in any other case, at intervals of
not more than six weeks" (a long-term foster placement may go six-monthly if the child agrees).
(3) placed with a parent under reg 19: "at least once a week until the first review ... and
thereafter at intervals of not more than six weeks".
(4) temporary approval under reg 24, or an interim care order and living with a parent: "at least
once a week until the first review ... and thereafter at intervals of not more than four weeks".
(5) a care order and living with a parent: "within one week of the making of the care order, and
thereafter at intervals of not more than six weeks".
(6) another person arranges where C lives: within a week, six-weekly for a year, then 3-monthly.
"""

from .helpers import CarerFacts, case, d, due, episode, obligations, proves, rules_open

VISIT_RULES = {
    "sw-visit",
    "visit-with-parent-before-assessment",
    "visit-interim-care-order-at-home",
    "visit-temporary-approval",
    "visit-care-order-at-home",
    "visit-other-arrangements",
    "short-break-visit",
    "adoption-visit",
}


def visit_rules(snapshot, today):
    return sorted({o.rule for o in obligations(snapshot, today)} & VISIT_RULES)


# --- reg 28(2): the ordinary schedule ----------------------------------------------------------
@proves("sw-visit")
def test_the_first_visit_is_due_within_one_week_of_a_new_placement():
    snapshot = case(episodes=[episode("2026-01-05")])
    assert due(snapshot, "2026-01-06", "sw-visit") == ("2026-01-12", "due_soon")
    assert due(snapshot, "2026-01-13", "sw-visit") == ("2026-01-12", "overdue")


@proves("sw-visit")
def test_in_the_first_year_visits_are_at_most_six_weeks_apart():
    snapshot = case(episodes=[episode("2026-01-05")], visits=["2026-01-09"])
    # 9 January + 6 weeks
    assert due(snapshot, "2026-01-20", "sw-visit") == ("2026-02-20", "upcoming")


@proves("sw-visit")
def test_after_the_first_year_visits_stay_six_weekly_unless_the_placement_is_meant_to_last_until_18():
    snapshot = case(episodes=[episode("2025-01-06")], visits=["2026-02-02"])
    assert due(snapshot, "2026-02-10", "sw-visit") == ("2026-03-16", "upcoming")


@proves("sw-visit")
def test_after_the_first_year_a_placement_intended_to_last_until_18_is_visited_three_monthly():
    snapshot = case(episodes=[episode("2025-01-06", intended_until_18=True)], visits=["2026-02-02"])
    assert due(snapshot, "2026-02-10", "sw-visit") == ("2026-05-02", "upcoming")


@proves("sw-visit")
def test_a_confirmed_long_term_foster_placement_counts_as_intended_to_last_until_18():
    placement = episode("2025-01-06", place="U4", long_term_confirmed="2025-06-01")
    snapshot = case(episodes=[placement], visits=["2026-02-02"])
    assert due(snapshot, "2026-02-10", "sw-visit") == ("2026-05-02", "upcoming")


@proves("sw-visit")
def test_a_long_term_foster_child_who_agreed_is_visited_six_monthly_after_the_first_year():
    placement = episode(
        "2025-01-06", place="U4", long_term_confirmed="2025-06-01", six_monthly_visits_agreed="2026-01-10"
    )
    snapshot = case(episodes=[placement], visits=["2026-02-02"])
    assert due(snapshot, "2026-02-10", "sw-visit") == ("2026-08-02", "upcoming")


@proves("sw-visit")
def test_a_visit_late_in_the_first_year_is_followed_by_the_longer_interval_when_it_runs_past_the_year():
    # Placement 6 January 2025; last visit 20 December 2025; six weeks would be 31 January 2026,
    # after the first year ended (6 January): three months count from the visit.
    until_18 = case(episodes=[episode("2025-01-06", intended_until_18=True)], visits=["2025-12-20"])
    assert due(until_18, "2026-01-10", "sw-visit") == ("2026-03-20", "upcoming")
    other = case(episodes=[episode("2025-01-06")], visits=["2025-12-20"])
    assert due(other, "2026-01-10", "sw-visit") == ("2026-01-31", "upcoming")


@proves("sw-visit")
def test_a_change_of_legal_status_only_keeps_the_placement_and_its_visits():
    snapshot = case(
        episodes=[episode("2026-01-05", "2026-03-01", ls="C1", rec="X1"), episode("2026-03-01", ls="C2", rne="L")],
        visits=["2026-01-09", "2026-02-16"],
    )
    # 16 February + 6 weeks; no visit "within a week" of 1 March
    assert due(snapshot, "2026-03-02", "sw-visit") == ("2026-03-30", "upcoming")


@proves("sw-visit")
def test_a_placement_changing_kind_with_the_same_carers_is_not_a_new_placement():
    # U6 from 6 January 2025, becoming long-term (U4) with the same carers on 1 June 2026 (RNE T).
    snapshot = case(
        episodes=[
            episode("2025-01-06", "2026-06-01", rec="X1"),
            episode("2026-06-01", rne="T", place="U4", long_term_confirmed="2026-06-01"),
        ],
        visits=["2026-05-20"],
    )
    # No visit due by 8 June; the placement is past its first year and now meant to last: 3 months.
    assert due(snapshot, "2026-06-02", "sw-visit") == ("2026-08-20", "upcoming")


@proves("sw-visit")
def test_a_move_to_new_carers_restarts_the_visits_within_a_week():
    snapshot = case(
        episodes=[episode("2026-01-05", "2026-03-02", rec="X1"), episode("2026-03-02", rne="P", place="U4")],
        visits=["2026-01-09", "2026-02-25"],
    )
    assert due(snapshot, "2026-03-03", "sw-visit") == ("2026-03-09", "due_soon")


@proves("sw-visit")
def test_a_temporary_move_and_back_to_the_same_home_keeps_the_placement():
    snapshot = case(
        episodes=[
            episode("2026-01-05", "2026-02-10", rec="X1", home="F1"),
            episode("2026-02-10", "2026-02-15", rne="P", place="T4", rec="X1"),
            episode("2026-02-15", rne="P", home="F1"),
        ],
        visits=["2026-01-09"],
    )
    assert due(snapshot, "2026-02-16", "sw-visit") == ("2026-02-20", "due_soon")


@proves("sw-visit")
def test_no_visit_is_due_after_care_ends():
    snapshot = case(episodes=[episode("2026-01-05", "2026-03-01", rec="E4A")], visits=["2026-01-09"])
    assert visit_rules(snapshot, "2026-03-10") == []


@proves("sw-visit")
def test_no_visit_is_due_on_or_after_the_18th_birthday():
    # 20 February + 6 weeks = 3 April 2026, after the 18th birthday on 20 March.
    snapshot = case(dob="2008-03-20", episodes=[episode("2026-01-05", ls="V2")], visits=["2026-02-20"])
    assert visit_rules(snapshot, "2026-03-01") == []
    assert visit_rules(snapshot, "2026-03-25") == []


# --- reg 28(3): placed with a parent before the assessment -------------------------------------
AT_HOME_BEFORE_ASSESSMENT = {
    "episodes": [episode("2026-01-05", ls="C2", place="P1", before_assessment=True)],
}


@proves("visit-with-parent-before-assessment")
def test_a_child_placed_with_a_parent_before_assessment_is_visited_weekly_until_the_first_review():
    snapshot = case(**AT_HOME_BEFORE_ASSESSMENT, visits=["2026-01-09", "2026-01-15"])
    assert due(snapshot, "2026-01-16", "visit-with-parent-before-assessment") == ("2026-01-22", "due_soon")
    assert visit_rules(snapshot, "2026-01-16") == ["visit-with-parent-before-assessment"]


@proves("visit-with-parent-before-assessment")
def test_after_the_first_review_a_child_placed_with_a_parent_is_visited_six_weekly():
    snapshot = case(
        **AT_HOME_BEFORE_ASSESSMENT, visits=["2026-01-09", "2026-01-15", "2026-01-26"], reviews=["2026-01-28"]
    )
    # 26 January + 6 weeks (the weekly visit a week after the last is no longer asked)
    assert due(snapshot, "2026-01-29", "visit-with-parent-before-assessment") == ("2026-03-09", "upcoming")


@proves("visit-with-parent-before-assessment", "visit-care-order-at-home")
def test_once_the_parent_is_assessed_a_care_order_at_home_is_visited_six_weekly():
    placed = episode(
        "2026-01-05", ls="C2", place="P1", before_assessment=True, parent_assessment_completed="2026-02-20"
    )
    snapshot = case(episodes=[placed], visits=["2026-01-09", "2026-01-15", "2026-02-23"], reviews=["2026-01-28"])
    assert visit_rules(snapshot, "2026-02-24") == ["visit-care-order-at-home"]
    assert due(snapshot, "2026-02-24", "visit-care-order-at-home") == ("2026-04-06", "upcoming")


# --- reg 28(4): interim care order at home; connected person on temporary approval ----------------
ICO_AT_HOME = {"episodes": [episode("2026-01-05", ls="C1", place="P1")]}


@proves("visit-interim-care-order-at-home")
def test_a_child_at_home_under_an_interim_care_order_is_visited_within_a_week():
    assert due(case(**ICO_AT_HOME), "2026-01-06", "visit-interim-care-order-at-home") == ("2026-01-12", "due_soon")
    assert visit_rules(case(**ICO_AT_HOME), "2026-01-06") == ["visit-interim-care-order-at-home"]


@proves("visit-interim-care-order-at-home")
def test_a_child_at_home_under_an_interim_care_order_is_visited_every_week_until_the_first_review():
    snapshot = case(**ICO_AT_HOME, visits=["2026-01-09"])
    assert due(snapshot, "2026-01-12", "visit-interim-care-order-at-home") == ("2026-01-16", "due_soon")
    assert due(snapshot, "2026-01-17", "visit-interim-care-order-at-home") == ("2026-01-16", "overdue")


@proves("visit-interim-care-order-at-home")
def test_after_the_first_review_a_child_at_home_under_an_interim_care_order_is_visited_four_weekly():
    snapshot = case(**ICO_AT_HOME, visits=["2026-01-09", "2026-01-16", "2026-01-23"], reviews=["2026-01-29"])
    # 23 January + 4 weeks
    assert due(snapshot, "2026-01-30", "visit-interim-care-order-at-home") == ("2026-02-20", "upcoming")


@proves("visit-interim-care-order-at-home")
def test_moving_home_under_an_interim_care_order_mid_care_starts_weekly_visits_until_the_next_review():
    snapshot = case(
        episodes=[
            episode("2025-09-01", "2026-02-02", ls="C1", rec="X1"),
            episode("2026-02-02", ls="C1", place="P1", rne="P"),
        ],
        reviews=["2025-09-26", "2025-12-20"],
        visits=["2026-01-20", "2026-02-04"],
    )
    assert due(snapshot, "2026-02-05", "visit-interim-care-order-at-home") == ("2026-02-11", "due_soon")


@proves("visit-care-order-at-home")
def test_a_care_order_made_while_the_child_lives_at_home_needs_a_visit_within_a_week_of_the_order():
    # At home under an interim care order from 5 January; the care order on 16 March (a change of
    # legal status only): a visit within a week of the order, whatever the last visit was.
    snapshot = case(
        episodes=[
            episode("2026-01-05", "2026-03-16", ls="C1", place="P1", rec="X1"),
            episode("2026-03-16", ls="C2", place="P1", rne="L"),
        ],
        reviews=["2026-01-29"],
        visits=["2026-01-09", "2026-01-16", "2026-01-23", "2026-02-20", "2026-03-13"],
    )
    assert visit_rules(snapshot, "2026-03-17") == ["visit-care-order-at-home"]
    assert due(snapshot, "2026-03-17", "visit-care-order-at-home") == ("2026-03-23", "due_soon")


@proves("visit-care-order-at-home")
def test_after_the_first_visit_a_care_order_at_home_is_visited_six_weekly():
    snapshot = case(episodes=[episode("2026-03-16", ls="C2", place="P1")], visits=["2026-03-20"])
    assert due(snapshot, "2026-03-21", "visit-care-order-at-home") == ("2026-05-01", "upcoming")


CONNECTED = CarerFacts(connected_person=True)


@proves("visit-temporary-approval")
def test_a_child_with_a_connected_person_on_temporary_approval_is_visited_weekly_then_four_weekly():
    placed = [episode("2026-01-05", ls="C1", place="U3", carer=CONNECTED)]
    weekly = case(episodes=placed, visits=["2026-01-08"])
    assert due(weekly, "2026-01-09", "visit-temporary-approval") == ("2026-01-15", "due_soon")
    after_review = case(episodes=placed, visits=["2026-01-08", "2026-01-15", "2026-01-22"], reviews=["2026-01-27"])
    assert due(after_review, "2026-01-28", "visit-temporary-approval") == ("2026-02-19", "upcoming")
    assert visit_rules(after_review, "2026-01-28") == ["visit-temporary-approval"]


@proves("visit-temporary-approval", "sw-visit")
def test_once_the_connected_person_is_fully_approved_the_ordinary_visits_count_from_the_placement():
    carer = CarerFacts(connected_person=True, fully_approved=d("2026-04-20"))
    snapshot = case(episodes=[episode("2026-01-05", ls="C1", place="U3", carer=carer)], visits=["2026-04-14"])
    assert visit_rules(snapshot, "2026-04-21") == ["sw-visit"]
    assert due(snapshot, "2026-04-21", "sw-visit") == ("2026-05-26", "upcoming")
    assert visit_rules(snapshot, "2026-04-19") == ["visit-temporary-approval"]


# --- reg 28(6): another person arranges where the child lives -------------------------------------
@proves("visit-other-arrangements")
def test_a_child_in_care_in_a_young_offender_institution_is_visited_within_a_week_then_six_weekly():
    snapshot = case(dob="2009-02-01", episodes=[episode("2026-01-05", ls="C2", place="R5")])
    assert due(snapshot, "2026-01-06", "visit-other-arrangements") == ("2026-01-12", "due_soon")
    visited = case(dob="2009-02-01", episodes=[episode("2026-01-05", ls="C2", place="R5")], visits=["2026-01-09"])
    assert due(visited, "2026-01-10", "visit-other-arrangements") == ("2026-02-20", "upcoming")


@proves("visit-other-arrangements")
def test_after_a_year_in_hospital_a_child_in_care_is_visited_three_monthly():
    snapshot = case(episodes=[episode("2025-01-06", ls="C2", place="R2")], visits=["2026-02-02"])
    assert due(snapshot, "2026-02-03", "visit-other-arrangements") == ("2026-05-02", "upcoming")


def test_only_one_visit_rule_applies_to_a_child_on_any_day():
    for snapshot in (
        case(**ICO_AT_HOME),
        case(**AT_HOME_BEFORE_ASSESSMENT),
        case(episodes=[episode("2026-01-05", place="U3", carer=CONNECTED)]),
        case(episodes=[episode("2026-01-05")]),
    ):
        assert len(set(rules_open(snapshot, "2026-01-06")) & VISIT_RULES) == 1


@proves("sw-visit")
def test_a_long_term_foster_placement_coded_u4_is_intended_to_last_until_18():
    snapshot = case(episodes=[episode("2025-01-06", place="U4")], visits=["2026-02-02"])
    assert due(snapshot, "2026-02-10", "sw-visit") == ("2026-05-02", "upcoming")


@proves("visit-temporary-approval")
def test_moving_to_a_connected_person_mid_care_starts_weekly_visits_until_the_next_review():
    moved = [
        episode("2025-06-02", "2026-02-02", rec="X1"),
        episode("2026-02-02", place="U3", rne="P", carer=CONNECTED),
    ]
    snapshot = case(episodes=moved, reviews=["2025-06-30", "2025-09-29"], visits=["2026-02-05", "2026-02-12"])
    assert due(snapshot, "2026-02-13", "visit-temporary-approval") == ("2026-02-19", "due_soon")
    weekly = ["2026-02-05", "2026-02-12", "2026-02-19", "2026-02-26", "2026-03-05", "2026-03-12", "2026-03-19"]
    reviewed = case(episodes=moved, reviews=["2025-06-30", "2025-09-29", "2026-03-20"], visits=weekly)
    # 19 March + 4 weeks
    assert due(reviewed, "2026-03-21", "visit-temporary-approval") == ("2026-04-16", "upcoming")


@proves("visit-other-arrangements", "sw-visit")
def test_a_child_accommodated_under_section_20_in_hospital_keeps_the_ordinary_visits():
    snapshot = case(episodes=[episode("2026-01-05", ls="V2", place="R2")], visits=["2026-01-09"])
    assert visit_rules(snapshot, "2026-01-10") == ["sw-visit"]
    assert due(snapshot, "2026-01-10", "sw-visit") == ("2026-02-20", "upcoming")
