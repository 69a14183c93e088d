"""Children the ordinary schedule does not fit.

Adoption Agencies Regulations 2005 reg 36: (1) a child the agency is authorised to place but has
not placed is reviewed "not more than 3 months after the date on which the agency first has
authority to place" and then "not more than 6 months after the date of the previous review";
(3) a child placed for adoption "not more than 4 weeks after the date on which the child is
placed", "not more than 3 months after the first review", then every 6 months; (4)(a) visited
"within one week of the placement and thereafter at least once a week until the first review".
CPPCR 2010 reg 3: the 2010 Regulations do not apply to a child placed for adoption.

CPPCR 2010 reg 48, short breaks: reviews first within 3 months of the first short break, then at
intervals of not more than 6 months; visits likewise; regs 5, 7 and 9 (health assessments) do not
apply and the child is not an eligible child (reg 40(2)).
"""

from dataclasses import replace

from permanence.timescales.snapshot import AdoptionFacts

from .helpers import OrderFacts, case, d, due, episode, obligations, one, proves, rules_open

# In foster care from 6 October 2025 (first review by 3 November: 20 working days); a placement
# order on 10 March 2026, recorded as a change of legal status only.
AUTHORISED = [
    episode("2025-10-06", "2026-03-10", ls="C1", rec="X1"),
    episode("2026-03-10", ls="E1", rne="L"),
]


@proves("adoption-review-authorised")
def test_a_child_with_a_placement_order_is_reviewed_within_3_months_of_the_authority_to_place():
    snapshot = case(dob="2024-02-01", episodes=AUTHORISED, reviews=["2025-11-03", "2026-02-02"])
    assert due(snapshot, "2026-03-11", "adoption-review-authorised") == ("2026-06-10", "upcoming")
    # The looked-after reviews go on too: 2 February + 6 months.
    assert due(snapshot, "2026-03-11", "cla-review", occurrence=3) == ("2026-08-02", "upcoming")


@proves("adoption-review-authorised")
def test_after_the_first_adoption_review_the_next_is_within_6_months_of_it():
    snapshot = case(dob="2024-02-01", episodes=AUTHORISED, reviews=["2025-11-03", "2026-02-02", "2026-05-20"])
    first = one(snapshot, "2026-05-21", "adoption-review-authorised", occurrence=1)
    assert first.status == "met" and str(first.met_on) == "2026-05-20"
    assert due(snapshot, "2026-05-21", "adoption-review-authorised", occurrence=2) == ("2026-11-20", "upcoming")


@proves("adoption-review-authorised")
def test_authority_given_by_consent_counts_from_the_date_recorded():
    snapshot = case(dob="2025-11-01", episodes=[episode("2025-12-01", ls="V2")], authority_to_place="2026-01-15")
    assert due(snapshot, "2026-01-20", "adoption-review-authorised") == ("2026-04-15", "upcoming")


# Placed for adoption with new carers on 1 July 2026.
PLACED = [
    *AUTHORISED[:1],
    episode("2026-03-10", "2026-07-01", ls="E1", rne="L", rec="X1"),
    episode("2026-07-01", ls="E1", place="A6", rne="P"),
]


@proves("adoption-review-placed")
def test_a_child_placed_for_adoption_is_reviewed_within_4_weeks_of_the_placement():
    snapshot = case(dob="2024-02-01", episodes=PLACED, reviews=["2025-11-03", "2026-02-02", "2026-05-20"])
    assert due(snapshot, "2026-07-02", "adoption-review-placed") == ("2026-07-29", "upcoming")


@proves("adoption-review-placed")
def test_a_child_placed_for_adoption_is_reviewed_3_months_after_the_first_review_then_6_monthly():
    snapshot = case(dob="2024-02-01", episodes=PLACED, reviews=["2025-11-03", "2026-02-02", "2026-05-20", "2026-07-27"])
    assert due(snapshot, "2026-07-28", "adoption-review-placed", occurrence=2) == ("2026-10-27", "upcoming")
    later = case(
        dob="2024-02-01",
        episodes=PLACED,
        reviews=["2025-11-03", "2026-02-02", "2026-05-20", "2026-07-27", "2026-10-20"],
    )
    assert due(later, "2026-10-21", "adoption-review-placed", occurrence=3) == ("2027-04-20", "upcoming")


@proves("adoption-review-placed", "adoption-visit")
def test_once_placed_for_adoption_the_looked_after_review_and_visit_rules_stop():
    snapshot = case(dob="2024-02-01", episodes=PLACED, reviews=["2025-11-03", "2026-02-02", "2026-05-20"])
    open_rules = rules_open(snapshot, "2026-07-02")
    assert "adoption-review-placed" in open_rules and "adoption-visit" in open_rules
    for rule in ("cla-review", "sw-visit", "adoption-review-authorised", "health-review", "personal-education-plan"):
        assert rule not in open_rules


@proves("adoption-review-placed", "adoption-visit")
def test_placed_for_adoption_with_the_current_foster_carers_counts_from_that_day():
    snapshot = case(
        dob="2024-02-01",
        episodes=[
            *AUTHORISED[:1],
            episode("2026-03-10", "2026-06-15", ls="E1", rne="L", rec="X1"),
            episode("2026-06-15", ls="E1", place="A5", rne="T"),
        ],
        reviews=["2025-11-03", "2026-02-02"],
    )
    assert due(snapshot, "2026-06-16", "adoption-review-placed") == ("2026-07-13", "upcoming")
    assert due(snapshot, "2026-06-16", "adoption-visit") == ("2026-06-22", "due_soon")


@proves("adoption-visit")
def test_a_child_placed_for_adoption_is_visited_weekly_until_the_first_review():
    snapshot = case(dob="2024-02-01", episodes=PLACED, visits=["2026-07-03"])
    assert due(snapshot, "2026-07-04", "adoption-visit") == ("2026-07-10", "due_soon")
    assert due(snapshot, "2026-07-11", "adoption-visit") == ("2026-07-10", "overdue")


@proves("adoption-visit")
def test_after_the_first_adoption_review_visits_are_as_the_agency_decides():
    snapshot = case(
        dob="2024-02-01",
        episodes=PLACED,
        visits=["2026-07-03", "2026-07-10", "2026-07-17", "2026-07-24"],
        reviews=["2025-11-03", "2026-02-02", "2026-05-20", "2026-07-27"],
    )
    assert obligations(snapshot, "2026-07-28", rule="adoption-visit") == []


@proves("adm-decision")
def test_the_agency_decision_maker_decides_within_7_working_days_of_the_panel():
    # Thursday 30 April 2026: 1 May (1), the May bank holiday on 4 May skipped, 5-8 May (5), 11-12 May (7)
    snapshot = case(decisions=[("adm_recommendation", "2026-04-30")])
    assert due(snapshot, "2026-05-01", "adm-decision") == ("2026-05-12", "due_soon")
    decided = case(decisions=[("adm_recommendation", "2026-04-30"), ("adm_decided", "2026-05-07")])
    assert due(decided, "2026-05-20", "adm-decision") == ("2026-05-12", "met")


# --- short breaks (CPPCR reg 48) ---------------------------------------------------------------
SHORT_BREAKS = [episode("2026-01-05", ls="V4", place="R1")]


@proves("short-break-review")
def test_a_child_on_short_breaks_is_first_reviewed_within_3_months_of_the_first_break():
    assert due(case(episodes=SHORT_BREAKS), "2026-01-06", "short-break-review") == ("2026-04-05", "upcoming")


@proves("short-break-review")
def test_later_short_break_reviews_are_within_6_months_of_the_previous():
    snapshot = case(episodes=SHORT_BREAKS, reviews=["2026-03-30"])
    assert due(snapshot, "2026-04-01", "short-break-review", occurrence=2) == ("2026-09-30", "upcoming")


@proves("short-break-review", "short-break-visit")
def test_a_series_of_short_breaks_is_one_arrangement_between_the_breaks():
    breaks = [
        episode("2026-01-05", "2026-01-09", ls="V3", place="R1", rec="E8"),
        episode("2026-02-02", "2026-02-06", ls="V3", place="R1", rec="E8"),
    ]
    snapshot = case(episodes=breaks)
    assert due(snapshot, "2026-03-01", "short-break-review") == ("2026-04-05", "upcoming")
    assert due(snapshot, "2026-03-01", "short-break-visit") == ("2026-04-05", "upcoming")


@proves("short-break-visit")
def test_a_child_on_short_breaks_is_visited_within_3_months_then_6_monthly():
    snapshot = case(episodes=SHORT_BREAKS, visits=["2026-02-10"])
    assert due(snapshot, "2026-02-11", "short-break-visit") == ("2026-08-10", "upcoming")


@proves("short-break-review", "short-break-visit")
def test_short_breaks_have_their_own_schedule_and_none_of_the_ordinary_one():
    open_rules = rules_open(case(dob="2012-05-01", episodes=SHORT_BREAKS), "2026-01-06")
    assert open_rules == ["care-plan", "short-break-review", "short-break-visit"]


@proves("needs-assessment")
def test_a_16_year_old_on_short_breaks_is_not_an_eligible_child():
    snapshot = case(dob="2009-06-01", episodes=[episode("2025-01-06", ls="V4", place="R1")])
    assert "needs-assessment" not in rules_open(snapshot, "2026-01-10")


@proves("adm-decision")
def test_a_recommendation_two_days_before_christmas_is_decided_by_5_january():
    # Tuesday 22 December 2026: 23, 24 Dec (2); 25, 28 Dec skipped; 29-31 Dec (5); 1 Jan
    # skipped; 4-5 January (7)
    snapshot = case(decisions=[("adm_recommendation", "2026-12-22")])
    assert due(snapshot, "2026-12-23", "adm-decision") == ("2027-01-05", "due_soon")


@proves("adoption-review-authorised")
def test_when_the_placement_order_is_revoked_the_adoption_reviews_stop():
    revoked = case(
        dob="2024-02-01",
        episodes=[episode("2025-10-06", ls="C2")],
        orders=[OrderFacts("placement_order", d("2026-03-10"), ended=d("2026-05-01"))],
    )
    assert due(revoked, "2026-04-01", "adoption-review-authorised") == ("2026-06-10", "upcoming")
    assert obligations(revoked, "2026-05-02", rule="adoption-review-authorised") == []


@proves("short-break-review", "short-break-visit")
def test_when_the_short_break_agreement_ends_nothing_more_is_due():
    ended = case(episodes=[episode("2026-01-05", "2026-03-01", ls="V4", place="R1", rec="E8")])
    assert obligations(ended, "2026-04-10", rule="short-break-review") == []
    assert obligations(ended, "2026-04-10", rule="short-break-visit") == []


@proves("adoption-review-authorised")
def test_withdrawn_consent_ends_the_authority_to_place_but_a_placement_order_keeps_it():
    consent = case(dob="2025-11-01", episodes=[episode("2025-12-01", ls="V2")])
    withdrawn = replace(consent, adoption=AdoptionFacts(d("2026-01-15"), authority_ended=d("2026-03-01")))
    assert due(withdrawn, "2026-02-01", "adoption-review-authorised") == ("2026-04-15", "upcoming")
    assert obligations(withdrawn, "2026-03-02", rule="adoption-review-authorised") == []
    ordered = replace(withdrawn, orders=(OrderFacts("placement_order", d("2026-03-20")),))
    # The order on 20 March is authority in force from then: reviewed by 20 June.
    assert due(ordered, "2026-03-21", "adoption-review-authorised") == ("2026-06-20", "upcoming")
