"""Recording a fact on the child's record moves the statutory clock: each scenario records what a
social worker would, through the same services the pages and the API use, and reads what the
child page would show. Dates are worked out by hand from the regulation's words (comments).

The regulations: the Care Planning, Placement and Case Review (England) Regulations 2010 (CPPCR);
working days leave out weekends and England's bank holidays (none fall in these months).
"""

from datetime import date

from permanence.children import services
from permanence.children.carers import CONNECTED_PERSON, FOSTER_CARER
from permanence.children.models import HealthAssessment, MissingEpisode, StatutoryPlan
from permanence.obligations.snapshots import snapshots_for
from permanence.timescales import compute_obligations, load_pack
from permanence.timescales.tests.helpers import proves

EPISODE = {"reason_new": "S", "category_of_need": "N1", "provider": "PR1"}


def _child(ref, dob, *, start=date(2026, 1, 5), legal_status="C2", placement="U6", carer=None):
    child = services.child_create(first_name="Test", last_name=ref, date_of_birth=dob, council_reference=ref)
    services.episode_create(
        child=child,
        start=start,
        legal_status=legal_status,
        placement=placement,
        carer=carer,
        today=start,
        **EPISODE,
    )
    return child


def _found(child, rule, today, pack="england"):
    """[(due, status, met_on)] for one rule, as the child page would show it on `today`."""
    snapshot = snapshots_for([child.pk])[child.pk]
    found = compute_obligations(snapshot, load_pack(pack), today, include_not_applicable=True)
    return [(o.due, o.status, o.met_on) for o in found if o.rule == rule]


def _carer(ref, kind):
    return services.carer_create(name=f"The {ref} household", kind=kind, reference=ref)


# --- visits (CPPCR reg 28) -----------------------------------------------------------------------


@proves("sw-visit")
def test_a_visit_recorded_stops_the_first_visit_being_overdue_and_sets_the_next_six_weeks_on(db):
    # Placed with foster carers on Monday 5 January 2026. Reg 28(2)(a): "within one week of the
    # start of the placement" = by 12 January. Unvisited on 14 January: overdue.
    ava = _child("V1", date(2020, 3, 10))
    assert _found(ava, "sw-visit", date(2026, 1, 14)) == [(date(2026, 1, 12), "overdue", None)]
    # Visited on 13 January (a day late). Reg 28(2)(b): then "at intervals of not more than six
    # weeks" in the placement's first year: 13 January + 42 days = 24 February.
    services.visit_record(child=ava, date=date(2026, 1, 13), today=date(2026, 1, 14))
    assert _found(ava, "sw-visit", date(2026, 1, 14)) == [(date(2026, 2, 24), "upcoming", None)]


@proves("sw-visit")
def test_a_placement_confirmed_long_term_is_visited_three_monthly_after_its_first_year(db):
    # Placed with foster carers on 5 January 2026 (SSDA903 U6: not long term). Long-term foster
    # care confirmed on 1 December 2026 (reg 22C: plan, carer's agreement, confirmed to carer,
    # child and parents). Visited on 11 January 2027, after the first year (5 January 2027).
    carer = _carer("FC1", FOSTER_CARER)
    ben = _child("V2", date(2016, 6, 1), placement="U6", carer=carer)
    services.visit_record(child=ben, date=date(2027, 1, 11), today=date(2027, 1, 12))
    # Not yet confirmed: reg 28(2)(d) "in any other case, at intervals of not more than six weeks":
    # 11 January + 42 days = 22 February 2027.
    assert _found(ben, "sw-visit", date(2027, 1, 12)) == [(date(2027, 2, 22), "upcoming", None)]
    day = date(2026, 12, 1)
    services.long_term_confirm(
        child=ben,
        carer=carer,
        plan_agreed=day,
        carer_agreed=day,
        confirmed_to_carer=day,
        confirmed_to_child=day,
        confirmed_to_parents=day,
        today=day,
    )
    # Reg 28(2)(c): "where the placement is intended to last until the child is 18, at intervals
    # of not more than three months": 11 January + 3 months = 11 April 2027.
    assert _found(ben, "sw-visit", date(2027, 1, 12)) == [(date(2027, 4, 11), "upcoming", None)]


@proves("visit-temporary-approval", "temporary-approval")
def test_a_connected_person_on_temporary_approval_is_visited_weekly_until_full_approval(db):
    # Placed with grandparents (a connected person, SSDA903 U3) on 5 January 2026, temporarily
    # approved the same day (reg 24). Reg 28(4)... "at least once a week until the first review".
    gran = _carer("CP1", CONNECTED_PERSON)
    cal = _child("V3", date(2019, 4, 2), placement="U3", carer=gran)
    services.temporary_approval_record(child=cal, carer=gran, start=date(2026, 1, 5), today=date(2026, 1, 5))
    services.visit_record(child=cal, date=date(2026, 1, 9), today=date(2026, 1, 12))
    # Last visit 9 January + 1 week = 16 January (within the pack's 14 days: due soon).
    assert _found(cal, "visit-temporary-approval", date(2026, 1, 12)) == [(date(2026, 1, 16), "due_soon", None)]
    # Reg 24: temporary approval lasts up to 16 weeks: 5 January + 112 days = 27 April 2026.
    assert _found(cal, "temporary-approval", date(2026, 1, 12)) == [(date(2026, 4, 27), "upcoming", None)]


@proves("temporary-approval", "sw-visit")
def test_full_approval_recorded_meets_the_temporary_approval_and_ends_the_weekly_visits(db):
    gran = _carer("CP2", CONNECTED_PERSON)
    dev = _child("V4", date(2019, 4, 2), placement="U3", carer=gran)
    services.temporary_approval_record(
        child=dev, carer=gran, start=date(2026, 1, 5), full_approval=date(2026, 3, 2), today=date(2026, 3, 3)
    )
    services.visit_record(child=dev, date=date(2026, 3, 3), today=date(2026, 3, 3))
    # Fully approved on 2 March, inside the 16 weeks: met. The weekly visits were for a connected
    # person on temporary approval; now reg 28(2)(b): six-weekly: 3 March + 42 days = 14 April.
    assert _found(dev, "temporary-approval", date(2026, 3, 4)) == [(date(2026, 4, 27), "met", date(2026, 3, 2))]
    assert _found(dev, "visit-temporary-approval", date(2026, 3, 4))[0][1] == "not_applicable"
    assert _found(dev, "sw-visit", date(2026, 3, 4)) == [(date(2026, 4, 14), "upcoming", None)]


@proves("temporary-approval")
def test_temporary_approval_extended_once_by_eight_weeks_moves_its_end(db):
    # Reg 25: extended by up to 8 weeks: 16 + 8 = 24 weeks from 5 January 2026 = 22 June 2026.
    gran = _carer("CP3", CONNECTED_PERSON)
    eve = _child("V5", date(2019, 4, 2), placement="U3", carer=gran)
    services.temporary_approval_record(
        child=eve, carer=gran, start=date(2026, 1, 5), extended_to=date(2026, 6, 22), today=date(2026, 4, 20)
    )
    assert _found(eve, "temporary-approval", date(2026, 4, 20)) == [(date(2026, 6, 22), "upcoming", None)]


# --- health (CPPCR reg 7) ----------------------------------------------------------------------


@proves("health-review")
def test_a_review_health_assessment_recorded_moves_the_next_one_six_months_on_for_an_under_five(db):
    # Born 1 June 2023: under 5 until 1 June 2028. Reg 7(4)(a): health reviewed "at least once in
    # every period of six months before the child's fifth birthday".
    noah = _child("H1", date(2023, 6, 1))
    services.health_assessment_record(
        child=noah, kind=HealthAssessment.INITIAL, date=date(2026, 1, 20), today=date(2026, 1, 20)
    )
    # Initial assessment 20 January 2026 + 6 months = 20 July 2026. On 1 August: overdue.
    assert _found(noah, "health-review", date(2026, 8, 1)) == [(date(2026, 7, 20), "overdue", None)]
    services.health_assessment_record(
        child=noah, kind=HealthAssessment.REVIEW, date=date(2026, 7, 25), today=date(2026, 8, 1)
    )
    # Reviewed 25 July 2026: the next within 6 months, by 25 January 2027.
    assert _found(noah, "health-review", date(2026, 8, 1)) == [(date(2027, 1, 25), "upcoming", None)]


@proves("health-review")
def test_a_health_review_for_a_child_over_five_is_due_twelve_months_after_the_last(db):
    # Born 10 March 2020, so 5 on 10 March 2025. Reg 7(4)(b): "at least once in every period of
    # twelve months after the child's fifth birthday". Assessed 20 January 2026: next by 20 January 2027.
    ava = _child("H2", date(2020, 3, 10))
    services.health_assessment_record(
        child=ava, kind=HealthAssessment.INITIAL, date=date(2026, 1, 20), today=date(2026, 1, 20)
    )
    assert _found(ava, "health-review", date(2026, 2, 1)) == [(date(2027, 1, 20), "upcoming", None)]


@proves("health-assessment")
def test_an_initial_health_assessment_recorded_before_the_first_review_meets_the_duty(db):
    # Reg 7(1): before the child is placed or, if not practicable, before the first review. The first
    # review (reg 33(1)) is within 20 working days of 5 January 2026: 6-9 Jan (4), 12-16 (9),
    # 19-23 (14), 26-30 (19), Monday 2 February (20).
    ava = _child("H3", date(2020, 3, 10))
    assert _found(ava, "health-assessment", date(2026, 2, 3)) == [(date(2026, 2, 2), "overdue", None)]
    services.health_assessment_record(
        child=ava, kind=HealthAssessment.INITIAL, date=date(2026, 1, 28), today=date(2026, 2, 3)
    )
    assert _found(ava, "health-assessment", date(2026, 2, 3)) == [(date(2026, 2, 2), "met", date(2026, 1, 28))]


# --- the care plan and the PEP (CPPCR regs 4 and 5) ----------------------------------------------


@proves("care-plan")
def test_a_care_plan_recorded_within_ten_working_days_of_the_first_placement_meets_the_duty(db):
    # Reg 4(3): "within 10 working days of the start of the first placement": from Monday 5
    # January 2026: 6-9 Jan (4), 12-16 (9), Monday 19 January (10).
    ava = _child("P1", date(2020, 3, 10))
    assert _found(ava, "care-plan", date(2026, 1, 20)) == [(date(2026, 1, 19), "overdue", None)]
    services.statutory_plan_record(
        child=ava, kind=StatutoryPlan.CARE_PLAN, date=date(2026, 1, 16), today=date(2026, 1, 20)
    )
    assert _found(ava, "care-plan", date(2026, 1, 20)) == [(date(2026, 1, 19), "met", date(2026, 1, 16))]


@proves("personal-education-plan")
def test_a_personal_education_plan_recorded_before_the_first_review_meets_the_duty(db):
    # The PEP is part of the care plan (reg 5(b)(ii)) and in place for the first review, due on
    # Monday 2 February 2026 (20 working days from 5 January). Aged 5: of an age for early education.
    ava = _child("P2", date(2020, 3, 10))
    services.education_plan_record(
        child=ava, date=date(2026, 1, 28), school="Thornbury Primary", today=date(2026, 2, 3)
    )
    assert _found(ava, "personal-education-plan", date(2026, 2, 3)) == [(date(2026, 2, 2), "met", date(2026, 1, 28))]


# --- leaving care (CPPCR Part 7) -----------------------------------------------------------------


@proves("needs-assessment", "pathway-plan")
def test_a_needs_assessment_and_pathway_plan_recorded_meet_the_duties_of_an_eligible_child(db):
    # Born 1 February 2010 (14 on 1 February 2024), looked after from 1 September 2025: 13 weeks
    # since the 14th birthday on 1 December 2025 (reg 40(1)), 16 on 1 February 2026, so eligible
    # from 1 February 2026. Reg 42(1): needs assessed "not more than three months after" = 1 May 2026.
    kai = _child("L1", date(2010, 2, 1), start=date(2025, 9, 1), legal_status="V2")
    assert _found(kai, "needs-assessment", date(2026, 5, 4)) == [(date(2026, 5, 1), "overdue", None)]
    services.statutory_plan_record(
        child=kai, kind=StatutoryPlan.NEEDS_ASSESSMENT, date=date(2026, 4, 20), today=date(2026, 5, 4)
    )
    services.statutory_plan_record(
        child=kai, kind=StatutoryPlan.PATHWAY_PLAN, date=date(2026, 4, 28), today=date(2026, 5, 4)
    )
    assert _found(kai, "needs-assessment", date(2026, 5, 4)) == [(date(2026, 5, 1), "met", date(2026, 4, 20))]
    assert _found(kai, "pathway-plan", date(2026, 5, 4)) == [(date(2026, 5, 1), "met", date(2026, 4, 28))]


# --- missing (statutory guidance on children who run away or go missing, 2014) ------------------


@proves("return-interview")
def test_a_return_interview_recorded_meets_the_72_hours_and_one_not_held_is_overdue(db):
    ava = _child("M1", date(2012, 3, 10))
    # Missing 1 February, back 3 February, interviewed 5 February: within 72 hours of the return (6 February).
    services.missing_record(
        child=ava,
        start=date(2026, 2, 1),
        end=date(2026, 2, 3),
        return_interview=date(2026, 2, 5),
        today=date(2026, 2, 16),
    )
    # Missing 10 February, back 11 February, no interview: due 14 February, overdue on the 16th.
    services.missing_record(child=ava, start=date(2026, 2, 10), end=date(2026, 2, 11), today=date(2026, 2, 16))
    assert _found(ava, "return-interview", date(2026, 2, 16)) == [
        (date(2026, 2, 6), "met", date(2026, 2, 5)),
        (date(2026, 2, 14), "overdue", None),
    ]


@proves("return-interview")
def test_a_return_interview_the_child_declined_was_offered_and_is_not_overdue(db):
    ava = _child("M2", date(2012, 3, 10))
    services.missing_record(
        child=ava, start=date(2026, 2, 1), end=date(2026, 2, 3), interview_declined=True, today=date(2026, 2, 16)
    )
    assert _found(ava, "return-interview", date(2026, 2, 16)) == [(date(2026, 2, 6), "met", date(2026, 2, 3))]


@proves("return-interview")
def test_a_child_away_from_placement_without_authorisation_is_not_owed_a_return_interview(db):
    # The return interview follows a child going missing (whereabouts unknown); a child away
    # without authorisation (whereabouts known) is not missing.
    ava = _child("M3", date(2012, 3, 10))
    services.missing_record(
        child=ava, kind=MissingEpisode.AWAY, start=date(2026, 2, 1), end=date(2026, 2, 2), today=date(2026, 2, 16)
    )
    assert [status for _, status, _ in _found(ava, "return-interview", date(2026, 2, 16))] == ["not_applicable"]


# --- proceedings ---------------------------------------------------------------------------------


def test_final_evidence_filed_reaches_the_clock(db):
    ava = _child("C1", date(2020, 3, 10), legal_status="C1")
    services.proceedings_record(
        child=ava, issued=date(2026, 1, 2), final_evidence_filed=date(2026, 4, 1), today=date(2026, 4, 2)
    )
    assert snapshots_for([ava.pk])[ava.pk].proceedings[0].final_evidence_filed == date(2026, 4, 1)


# --- turning 18 ----------------------------------------------------------------------------------


@proves("sw-visit", "cla-review")
def test_no_visit_or_review_is_due_once_the_young_person_turns_18(db):
    # 18 on 20 March 2026 (care ends by law). Looked after from 2 June 2025; reviews held on 26 June
    # and 25 September 2025, so the third is due 6 months on, 25 March 2026 (reg 33(2)(b)): after the
    # 18th birthday. Visited 1 March: the next would be 12 April, also after it. Nothing is due, on
    # 1 March or on 25 March.
    zoe = _child("T1", date(2008, 3, 20), start=date(2025, 6, 2), legal_status="V2")
    for held in (date(2025, 6, 26), date(2025, 9, 25)):
        services.review_record(child=zoe, date=held, today=held)
    services.visit_record(child=zoe, date=date(2026, 3, 1), today=date(2026, 3, 1))
    for today in (date(2026, 3, 1), date(2026, 3, 25)):
        for rule in ("sw-visit", "cla-review", "health-review"):
            assert all(status in ("met", "not_applicable") for _, status, _ in _found(zoe, rule, today)), (rule, today)


# --- beside a case system ------------------------------------------------------------------------


def test_beside_a_case_system_whose_feed_brings_no_needs_assessments_none_is_shown_overdue(db, settings):
    # The case system owns leaving-care plans, and its feed brings only the latest pathway plan
    # review: the product cannot know of a needs assessment, so those duties are not worked out
    # rather than shown overdue for every eligible child. Health assessments arrive with the feed.
    kai = _child("S1", date(2010, 2, 1), start=date(2025, 9, 1), legal_status="V2")
    settings.PERMANENCE_CASE_RECORD = "case_system"
    for rule in ("needs-assessment", "pathway-plan"):
        assert [status for _, status, _ in _found(kai, rule, date(2026, 5, 4))] == ["not_applicable"], rule
    assert [status for _, status, _ in _found(kai, "health-assessment", date(2026, 5, 4))] == ["overdue"]


@proves("temporary-approval", "visit-temporary-approval")
def test_temporary_approval_ended_without_full_approval_closes_it_and_ends_the_weekly_visits(db):
    gran = _carer("CP4", CONNECTED_PERSON)
    fay = _child("V6", date(2019, 4, 2), placement="U3", carer=gran)
    services.temporary_approval_record(child=fay, carer=gran, start=date(2026, 1, 5), today=date(2026, 1, 5))
    approval = fay.temporary_approvals.get()
    approval.ended = date(2026, 2, 20)
    approval.save()
    assert _found(fay, "temporary-approval", date(2026, 3, 1)) == [(date(2026, 4, 27), "met", date(2026, 2, 20))]
    assert _found(fay, "visit-temporary-approval", date(2026, 3, 1))[0][1] == "not_applicable"


@proves("temporary-approval", "visit-temporary-approval")
def test_a_connected_person_fully_approved_in_the_carer_register_is_no_longer_on_temporary_approval(db):
    # Placed with an aunt (a connected person) on 5 January 2026; approved as the child's foster
    # carer on 2 March 2026 through the carer register. Temporary approval (reg 24) ended there:
    # met, and the weekly visits stop; six-weekly from the last visit (reg 28(2)(b)).
    aunt = _carer("CP5", CONNECTED_PERSON)
    gus = _child("V7", date(2019, 4, 2), placement="U3", carer=aunt)
    services.visit_record(child=gus, date=date(2026, 3, 3), today=date(2026, 3, 3))
    services.carer_approval_record(
        carer=aunt, kind="connected_person", approved=date(2026, 3, 2), named_child=gus, today=date(2026, 3, 3)
    )
    assert _found(gus, "temporary-approval", date(2026, 5, 1)) == [(date(2026, 4, 27), "met", date(2026, 3, 2))]
    assert _found(gus, "visit-temporary-approval", date(2026, 3, 4))[0][1] == "not_applicable"
    assert _found(gus, "sw-visit", date(2026, 3, 4)) == [(date(2026, 4, 14), "upcoming", None)]
