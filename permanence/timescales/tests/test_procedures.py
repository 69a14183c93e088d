"""The procedural steps the practice documents set after a plan is made, and the duty to consider
fostering for adoption. Dates worked out by hand from each document's words (see each test)."""

from dataclasses import replace

from permanence.timescales.snapshot import ChildFacts

from .helpers import PlanFacts, case, d, due, episode, obligations, one, proves

IN_CARE = [episode("2026-01-05", ls="C1")]
CAMDEN = "Camden, Permanence practice guidance for social workers"
PART_6 = "Permanence: considerations arising from key principles (procedures manual, Part 6)"
KSS = "DfE, Knowledge and Skills Statement: Achieving Permanence"


def adoption_plan(**more):
    return case(episodes=IN_CARE, plan=PlanFacts(d("2026-04-01"), "adoption"), **more)


def fostering_plan(**more):
    return case(episodes=IN_CARE, plan=PlanFacts(d("2026-04-01"), "long_term_fostering"), **more)


# --- Camden section 6: after an adoption plan, the CPR and the referral to the RAA --------------------
@proves("camden-cpr", "camden-raa-referral")
def test_after_a_plan_for_adoption_camden_asks_for_the_childs_permanence_report_and_the_raa_referral():
    """Camden s6: 'If the plan is adoption the child's social worker should complete the Child's
    Permanence Report and refer the child to the Regional Adoption Agency for family finding.'
    Plan recorded 1 April 2026: the pack allows 6 weeks for the report (13 May) and 2 weeks for
    the referral (15 April)."""
    nothing_yet = adoption_plan()
    assert due(nothing_yet, "2026-04-20", "camden-raa-referral", policy="camden") == ("2026-04-15", "overdue")
    found = one(nothing_yet, "2026-04-20", "camden-cpr", policy="camden")
    assert (str(found.due), found.status, found.kind) == ("2026-05-13", "upcoming", "local_rule")
    assert found.source.startswith(f"{CAMDEN}, section 6")


@proves("camden-cpr", "camden-raa-referral")
def test_the_report_and_the_referral_are_met_when_recorded_and_late_ones_say_so():
    done = adoption_plan(steps=[("raa_referral", "2026-04-10"), ("cpr_completed", "2026-05-20")])
    assert due(done, "2026-06-01", "camden-raa-referral", policy="camden") == ("2026-04-15", "met")
    late = one(done, "2026-06-01", "camden-cpr", policy="camden")
    assert (late.status, late.met_late) == ("met", True)


@proves("camden-cpr", "camden-raa-referral")
def test_the_adoption_steps_are_not_asked_for_other_plans_or_under_england_alone():
    assert obligations(fostering_plan(), "2026-06-01", "camden", rule="camden-cpr") == []
    assert obligations(fostering_plan(), "2026-06-01", "camden", rule="camden-raa-referral") == []
    assert obligations(adoption_plan(), "2026-06-01", "england", rule="camden-cpr") == []


# --- Camden section 6: after a long-term fostering plan, Form E and the referral ----------------------
@proves("camden-form-e", "camden-fostering-referral")
def test_after_a_plan_for_long_term_fostering_camden_asks_for_form_e_and_the_fostering_referral():
    """Camden s6: 'If the plan is long term fostering the social worker should complete the
    child's Form E and refer the case to the Family, Friends and Fostering service.' Plan
    recorded 1 April 2026: Form E by 13 May (6 weeks), the referral by 15 April (2 weeks)."""
    snapshot = fostering_plan(steps=[("fostering_referral", "2026-04-02")])
    assert due(snapshot, "2026-05-14", "camden-form-e", policy="camden") == ("2026-05-13", "overdue")
    assert due(snapshot, "2026-05-14", "camden-fostering-referral", policy="camden") == ("2026-04-15", "met")
    assert obligations(adoption_plan(), "2026-05-14", "camden", rule="camden-form-e") == []


# --- Children Act 1989 s22C(9A), (9B): fostering for adoption considered ---------------------------
@proves("ffa-considered")
def test_while_adoption_is_considered_fostering_for_adoption_must_be_considered_before_authority_to_place():
    """s22C(9A)-(9B): while the authority is considering adoption, or is satisfied the child
    ought to be placed for adoption but is not yet authorised, it must consider placing the child
    with a foster parent approved as a prospective adopter. Plan for adoption 1 April 2026; no
    authority yet: due when authority comes, so no date yet."""
    found = one(adoption_plan(), "2026-04-20", "ffa-considered")
    assert (found.due, found.status, found.kind) == (None, "upcoming", "duty")
    assert found.source.startswith("Children Act 1989 s22C(9A)")


@proves("ffa-considered")
def test_authority_to_place_without_fostering_for_adoption_considered_is_overdue():
    """Placement order 10 June 2026, nothing recorded: overdue from 10 June. Considered on
    2 May 2026: met."""
    authorised = adoption_plan(authority_to_place="2026-06-10")
    assert due(authorised, "2026-06-15", "ffa-considered") == ("2026-06-10", "overdue")
    considered = adoption_plan(authority_to_place="2026-06-10", decisions=[("ffa_considered", "2026-05-02")])
    assert due(considered, "2026-06-15", "ffa-considered") == ("2026-06-10", "met")


@proves("ffa-considered")
def test_no_fostering_for_adoption_duty_when_adoption_is_not_considered():
    assert obligations(fostering_plan(), "2026-06-15", rule="ffa-considered") == []


# --- DfE Knowledge and Skills Statement section 1: the pre-birth assessment ------------------------
@proves("pre-birth-assessment")
def test_an_unborn_child_is_suggested_a_pre_birth_assessment_before_the_expected_birth():
    """KSS s1: 'In the case of unborn children, conduct a good quality pre-birth assessment.'
    Expected 1 March 2027: suggested by then, never overdue (a prompt)."""
    unborn = replace(case(), child=ChildFacts("C1", None, d("2027-03-01")))
    found = one(unborn, "2026-12-01", "pre-birth-assessment")
    assert (str(found.due), found.status, found.kind) == ("2027-03-01", "prompt", "prompt")
    assert found.source.startswith(KSS)
    done = replace(unborn, steps=(*unborn.steps, *case(steps=[("pre_birth_assessment", "2026-11-20")]).steps))
    assert due(done, "2026-12-01", "pre-birth-assessment") == ("2027-03-01", "met")


@proves("pre-birth-assessment")
def test_a_child_already_born_is_not_asked_for_a_pre_birth_assessment():
    assert obligations(case(), "2026-12-01", rule="pre-birth-assessment") == []


# --- Part 6: duty of care to carers and to parents -------------------------------------------------
@proves("carer-briefing")
def test_risks_and_needs_shared_with_carers_are_suggested_before_the_match_and_met_when_acknowledged():
    """Part 6: clarity for carers 'regarding any known risks, or risks that can reasonably be
    anticipated'. Match approved 1 July 2026: due then. Shared 20 June but not acknowledged:
    still suggested; acknowledged 25 June: met."""
    matched = adoption_plan(decisions=[("match_approved", "2026-07-01")], steps=[("carer_briefing", "2026-06-20")])
    found = one(matched, "2026-07-02", "carer-briefing")
    assert (str(found.due), found.status, found.kind) == ("2026-07-01", "prompt", "prompt")
    assert found.source.startswith(PART_6)
    acknowledged = adoption_plan(
        decisions=[("match_approved", "2026-07-01")],
        steps=[("carer_briefing", "2026-06-20"), ("carer_briefing_acknowledged", "2026-06-25")],
    )
    assert due(acknowledged, "2026-07-02", "carer-briefing") == ("2026-07-01", "met")


@proves("parents-contribution")
def test_parents_contribution_to_planning_is_suggested_within_four_weeks_of_alternative_care_considered():
    """Part 6: parents 'have a right to make such positive contribution as they can make towards
    longer term planning' and there should be 'recorded evidence of this happening'. Plan for
    adoption 1 April 2026: suggested by 29 April (4 weeks); recorded 15 April: met."""
    found = one(adoption_plan(), "2026-05-01", "parents-contribution")
    assert (str(found.due), found.status) == ("2026-04-29", "prompt")
    recorded = adoption_plan(steps=[("parent_contribution", "2026-04-15")])
    assert due(recorded, "2026-05-01", "parents-contribution") == ("2026-04-29", "met")
    home = case(episodes=IN_CARE, plan=PlanFacts(d("2026-04-01"), "return_home"))
    assert obligations(home, "2026-05-01", rule="parents-contribution") == []
