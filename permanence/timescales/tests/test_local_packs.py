"""Local rules of Leeds, Camden and Birmingham, counted from the events their documents name,
with the dates actually held, and cited by the documents' titles and sections."""

from dataclasses import replace

from permanence.timescales.snapshot import ActionFacts

from .helpers import PlanFacts, ProceedingsFacts, case, d, due, episode, obligations, one, proves

IN_CARE = [episode("2026-01-05", ls="C1")]
LEEDS = "Leeds City Council, Permanence Policy and Guidance (3.1.2, revised December 2015)"
CAMDEN = "Camden, Permanence practice guidance for social workers"
BIRMINGHAM = "Birmingham Children's Trust, Permanence Guidance"


# --- Leeds section 3: the plan at the four-month review, in the IRO decisions report -----------------
@proves("leeds-plan-in-iro-decisions")
def test_leeds_asks_for_the_plan_in_the_iro_decisions_report_of_the_four_month_review():
    recorded = case(
        episodes=IN_CARE, reviews=["2026-01-28", "2026-04-27"], iro_decisions=[("permanence_plan", "2026-04-27")]
    )
    found = one(recorded, "2026-05-01", "leeds-plan-in-iro-decisions", policy="leeds")
    assert (str(found.due), found.status, found.kind) == ("2026-04-27", "met", "local_rule")
    assert found.source.startswith(f"{LEEDS}, section 3")


@proves("leeds-plan-in-iro-decisions")
def test_a_plan_recorded_outside_the_iro_decisions_report_does_not_meet_the_leeds_rule():
    snapshot = case(episodes=IN_CARE, reviews=["2026-01-28", "2026-04-27"], plan=PlanFacts(d("2026-04-20"), "adoption"))
    assert due(snapshot, "2026-05-01", "leeds-plan-in-iro-decisions", policy="leeds") == ("2026-04-27", "overdue")
    assert due(snapshot, "2026-05-01", "permanence-plan", policy="leeds") == ("2026-04-27", "met")


@proves("leeds-plan-in-iro-decisions")
def test_before_the_four_month_review_is_held_the_leeds_plan_counts_from_its_due_date():
    snapshot = case(episodes=IN_CARE, reviews=["2026-01-28"])
    assert due(snapshot, "2026-04-20", "leeds-plan-in-iro-decisions", policy="leeds") == ("2026-04-28", "due_soon")


# --- Leeds section 5: the permanence panel after the four-month review ------------------------------
@proves("leeds-permanence-panel")
def test_leeds_panel_counts_from_the_four_month_review_as_held():
    snapshot = case(episodes=IN_CARE, reviews=["2026-01-28", "2026-04-27"])
    assert due(snapshot, "2026-05-01", "leeds-permanence-panel", policy="leeds") == ("2026-06-08", "upcoming")
    assert due(snapshot, "2026-06-10", "leeds-permanence-panel", policy="leeds") == ("2026-06-08", "overdue")


@proves("leeds-permanence-panel")
def test_a_panel_held_before_the_four_month_review_does_not_meet_the_leeds_rule():
    early = case(episodes=IN_CARE, reviews=["2026-01-28", "2026-04-27"], meetings=[("permanence_panel", "2026-03-15")])
    assert due(early, "2026-06-10", "leeds-permanence-panel", policy="leeds") == ("2026-06-08", "overdue")
    after = case(episodes=IN_CARE, reviews=["2026-01-28", "2026-04-27"], meetings=[("permanence_panel", "2026-05-20")])
    assert due(after, "2026-06-10", "leeds-permanence-panel", policy="leeds") == ("2026-06-08", "met")


@proves("leeds-permanence-panel")
def test_a_late_four_month_review_asks_for_no_panel_until_it_is_held():
    late = case(episodes=IN_CARE, reviews=["2026-01-28"])
    assert obligations(late, "2026-05-10", "leeds", rule="leeds-permanence-panel") == []


# --- Leeds section 8.3: family finding before the ADM's decision or the placement order --------------
@proves("leeds-family-finding")
def test_leeds_family_finding_is_due_before_the_adm_decides_adoption():
    considered = [("adoption_considered", "2026-02-01")]
    in_time = case(
        episodes=IN_CARE,
        decisions=[*considered, ("adm_should_be_placed", "2026-05-05")],
        meetings=[("family_finding_started", "2026-04-01")],
    )
    assert due(in_time, "2026-05-10", "leeds-family-finding", policy="leeds") == ("2026-05-05", "met")
    late = case(
        episodes=IN_CARE,
        decisions=[*considered, ("adm_should_be_placed", "2026-05-05")],
        meetings=[("family_finding_started", "2026-05-10")],
    )
    found = one(late, "2026-05-12", "leeds-family-finding", policy="leeds")
    assert found.status == "met" and found.met_late
    missing = case(episodes=IN_CARE, decisions=[*considered, ("adm_should_be_placed", "2026-05-05")])
    assert due(missing, "2026-05-10", "leeds-family-finding", policy="leeds") == ("2026-05-05", "overdue")


@proves("leeds-family-finding")
def test_leeds_family_finding_has_no_date_until_a_decision_or_placement_order_is_near():
    snapshot = case(episodes=IN_CARE, decisions=[("adoption_considered", "2026-02-01")])
    assert due(snapshot, "2026-03-01", "leeds-family-finding", policy="leeds") == (None, "upcoming")
    ordered = case(
        episodes=[episode("2026-01-05", "2026-04-20", ls="C1", rec="X1"), episode("2026-04-20", ls="E1", rne="L")],
        decisions=[("adoption_considered", "2026-02-01")],
    )
    assert due(ordered, "2026-04-21", "leeds-family-finding", policy="leeds") == ("2026-04-20", "overdue")


@proves("leeds-s20-review")
def test_leeds_section_20_panel_reviews_are_a_prompt():
    snapshot = case(episodes=[episode("2025-01-06", ls="V2")])
    assert due(snapshot, "2026-03-01", "leeds-s20-review", policy="leeds") == ("2025-07-06", "prompt")


# --- Camden section 6: the permanence planning meeting after the second review -------------------------
@proves("camden-permanence-planning-meeting")
def test_camden_meeting_counts_from_the_second_review_as_held():
    late_review = case(episodes=IN_CARE, reviews=["2026-01-28"])
    assert obligations(late_review, "2026-05-10", "camden", rule="camden-permanence-planning-meeting") == []
    held = case(episodes=IN_CARE, reviews=["2026-01-28", "2026-05-20"])
    found = one(held, "2026-05-21", "camden-permanence-planning-meeting", policy="camden")
    assert (str(found.due), found.status) == ("2026-06-17", "upcoming")
    assert found.source.startswith(f"{CAMDEN}, section 6")


@proves("camden-permanence-planning-meeting")
def test_a_camden_meeting_held_earlier_meets_it_and_over_16s_are_not_asked():
    early = case(
        episodes=IN_CARE, reviews=["2026-01-28", "2026-04-27"], meetings=[("permanence_planning_meeting", "2026-03-01")]
    )
    assert due(early, "2026-05-01", "camden-permanence-planning-meeting", policy="camden") == ("2026-05-25", "met")
    older = case(dob="2009-06-01", episodes=IN_CARE, reviews=["2026-01-28", "2026-04-27"])
    assert obligations(older, "2026-05-01", "camden", rule="camden-permanence-planning-meeting") == []


@proves("camden-permanence-planning-meeting")
def test_a_camden_meeting_is_for_a_child_needing_a_long_term_placement_not_one_going_home():
    """Camden s6: 'Looked after children under 16 requiring a long-term placement ... A permanence
    planning meeting must be held as soon after the second review as possible'. Second review held
    27 April 2026: due 27 April + 4 weeks = 25 May, unless the plan is for the child to go home."""
    going_home = case(
        episodes=IN_CARE, reviews=["2026-01-28", "2026-04-27"], plan=PlanFacts(d("2026-04-27"), "return_home")
    )
    assert obligations(going_home, "2026-06-01", "camden", rule="camden-permanence-planning-meeting") == []
    fostering = replace(going_home, plan=PlanFacts(d("2026-04-27"), "long_term_fostering", "return_home"))
    assert due(fostering, "2026-06-01", "camden-permanence-planning-meeting", policy="camden") == (
        "2026-05-25",
        "overdue",
    )


# --- Camden section 6: the ADM's decision before final evidence --------------------------------------
def adoption_in_proceedings(**proceedings):
    return case(
        episodes=IN_CARE,
        plan=PlanFacts(d("2026-04-01"), "adoption"),
        proceedings=[ProceedingsFacts(issued=d("2026-01-12"), **{k: d(v) for k, v in proceedings.items()})],
        decisions=[],
    )


@proves("camden-adm-before-final-evidence")
def test_final_evidence_filed_without_the_adm_decision_is_overdue():
    snapshot = adoption_in_proceedings(final_evidence_filed="2026-05-11")
    assert due(snapshot, "2026-05-12", "camden-adm-before-final-evidence", policy="camden") == ("2026-05-11", "overdue")


@proves("camden-adm-before-final-evidence")
def test_an_adm_decision_after_final_evidence_is_met_late_not_on_time():
    snapshot = adoption_in_proceedings(final_evidence_filed="2026-05-11")
    snapshot = replace(snapshot, decisions=case(decisions=[("adm_should_be_placed", "2026-05-20")]).decisions)
    found = one(snapshot, "2026-05-21", "camden-adm-before-final-evidence", policy="camden")
    assert found.status == "met" and found.met_late and found.status_name == "Met late"


@proves("camden-adm-before-final-evidence")
def test_before_final_evidence_the_adm_decision_is_due_by_the_timetabled_date_or_has_no_date():
    timetabled = adoption_in_proceedings(final_evidence_due="2026-06-01")
    assert due(timetabled, "2026-05-12", "camden-adm-before-final-evidence", policy="camden") == (
        "2026-06-01",
        "upcoming",
    )
    unknown = adoption_in_proceedings()
    assert due(unknown, "2026-05-12", "camden-adm-before-final-evidence", policy="camden") == (None, "upcoming")


@proves("camden-clinic-referral", "camden-tracking")
def test_camden_clinic_referral_and_monthly_tracking_are_prompts():
    snapshot = case(episodes=IN_CARE, plan=PlanFacts(d("2026-02-02"), "adoption"))
    assert due(snapshot, "2026-06-01", "camden-clinic-referral", policy="camden") == ("2026-02-09", "prompt")
    assert due(snapshot, "2026-06-01", "camden-tracking", policy="camden") == ("2026-03-02", "prompt")


# --- Birmingham section 2: twin track at the first and every later review ----------------------------
@proves("birmingham-twin-track")
def test_birmingham_asks_for_twin_track_planning_at_every_review():
    snapshot = case(
        episodes=IN_CARE,
        plan=PlanFacts(d("2026-01-20"), "return_home"),
        reviews=["2026-01-28", "2026-04-27"],
        iro_decisions=[("twin_track", "2026-01-28")],
    )
    found = obligations(snapshot, "2026-05-01", "birmingham", rule="birmingham-twin-track")
    assert [(str(o.due), o.status) for o in found] == [
        ("2026-01-28", "met"),
        ("2026-04-27", "overdue"),
        ("2026-10-27", "upcoming"),
    ]
    assert found[0].source.startswith(f"{BIRMINGHAM}, section 2")
    # Once the third review is held, the second's omission is behind it: the third is what counts.
    later = case(
        episodes=IN_CARE,
        plan=PlanFacts(d("2026-01-20"), "return_home"),
        reviews=["2026-01-28", "2026-04-27", "2026-10-20"],
        iro_decisions=[("twin_track", "2026-01-28")],
    )
    assert [
        (str(o.due), o.status) for o in obligations(later, "2026-10-21", "birmingham", rule="birmingham-twin-track")
    ] == [
        ("2026-01-28", "met"),
        ("2026-10-20", "overdue"),
        ("2027-04-20", "upcoming"),
    ]


@proves("birmingham-twin-track")
def test_a_twin_track_decision_recorded_on_the_review_day_meets_it_and_a_settled_plan_needs_none():
    snapshot = case(
        episodes=IN_CARE,
        plan=PlanFacts(d("2026-01-20"), "return_home"),
        reviews=["2026-01-28"],
        decisions=[("twin_track_considered", "2026-01-28")],
    )
    assert due(snapshot, "2026-02-10", "birmingham-twin-track", policy="birmingham", occurrence=1) == (
        "2026-01-28",
        "met",
    )
    settled = case(episodes=IN_CARE, plan=PlanFacts(d("2026-01-20"), "adoption"), reviews=["2026-01-28"])
    assert obligations(settled, "2026-02-10", "birmingham", rule="birmingham-twin-track") == []


@proves("meeting-actions")
def test_camden_cites_its_own_document_for_meeting_actions():
    snapshot = case(episodes=IN_CARE, actions=[ActionFacts("Book the FGC", d("2026-02-01"), d("2026-02-15"))])
    found = one(snapshot, "2026-03-01", "meeting-actions", policy="camden")
    assert found.status == "overdue" and found.source.startswith(f"{CAMDEN}, sections 4 and 5")
