"""Practice prompts: good practice the product suggests where no law sets a time. Shown with
their reason, never overdue, never counted as drift (their status is `prompt` until done)."""

from dataclasses import replace

from permanence.timescales.snapshot import SiblingFacts

from .helpers import OrderFacts, PlanFacts, case, d, due, episode, obligations, one, proves

IN_CARE = [episode("2026-01-05", ls="C1")]


def apart(since, assessments=(), contact_plans=()):
    snapshot = case(episodes=IN_CARE)
    siblings = SiblingFacts(
        apart=(("C2", d(since), None),),
        assessments=tuple(d(x) for x in assessments),
        contact_plans=tuple(d(x) for x in contact_plans),
    )
    return replace(snapshot, siblings=siblings)


@proves("sibling-assessment", "sibling-contact-plan")
def test_a_sibling_assessment_long_past_its_suggested_date_is_a_prompt_not_overdue():
    for rule in ("sibling-assessment", "sibling-contact-plan"):
        found = one(apart("2026-01-05"), "2026-06-01", rule)
        assert found.status == "prompt" and not found.open and found.kind == "prompt"
        assert str(found.due) == "2026-02-02"  # 20 working days, a suggestion
        assert "s22C(8)(c)" in found.reason or "Sch 2 para 15" in found.reason


@proves("sibling-assessment", "sibling-contact-plan")
def test_recording_the_sibling_assessment_and_contact_plan_meets_the_prompts():
    snapshot = apart("2026-01-05", assessments=["2026-02-20"], contact_plans=["2026-02-25"])
    assert due(snapshot, "2026-03-01", "sibling-assessment") == ("2026-02-02", "met")
    assert due(snapshot, "2026-03-01", "sibling-contact-plan") == ("2026-02-02", "met")


@proves("adoption-a1", "adoption-a2")
def test_the_adoption_scorecard_thresholds_are_prompts():
    a1 = case(episodes=IN_CARE, plan=PlanFacts(d("2026-04-01"), "adoption"))
    assert due(a1, "2027-05-01", "adoption-a1") == ("2027-03-07", "prompt")  # 426 days
    a2 = case(episodes=IN_CARE, orders=[OrderFacts("placement_order", d("2026-09-01"))])
    assert due(a2, "2027-02-01", "adoption-a2") == ("2026-12-31", "prompt")  # 121 days
    matched = case(
        episodes=IN_CARE,
        orders=[OrderFacts("placement_order", d("2026-09-01"))],
        decisions=[("match_approved", "2026-12-01")],
    )
    assert due(matched, "2027-01-01", "adoption-a2") == ("2026-12-31", "met")


@proves("lifelong-links")
def test_lifelong_links_is_suggested_for_a_child_placed_long_term_with_unrelated_carers():
    snapshot = case(episodes=[episode("2026-01-05", place="U4")])
    assert due(snapshot, "2026-06-01", "lifelong-links") == ("2026-04-05", "prompt")
    linked = case(episodes=[episode("2026-01-05", place="U4")], decisions=[("lifelong_links", "2026-03-01")])
    assert due(linked, "2026-06-01", "lifelong-links") == ("2026-04-05", "met")


@proves("lifelong-links")
def test_short_breaks_in_a_residential_home_are_not_a_long_term_placement_for_lifelong_links():
    # A series of short breaks (V3) at a residential unit (R1): the child lives at home.
    breaks = case(episodes=[episode("2026-01-09", "2026-01-11", ls="V3", place="R1", rne="B", rec="E17", home="SB1")])
    assert obligations(breaks, "2026-06-01", rule="lifelong-links") == []


def test_a_prompt_done_after_its_suggested_date_is_met_never_late():
    # Placed apart 5 January 2026; the assessment suggested 20 working days later (2 February)
    # and done on 20 February: met, and not "late", since no law sets the time.
    found = one(apart("2026-01-05", assessments=["2026-02-20"]), "2026-03-01", "sibling-assessment")
    assert found.status == "met" and not found.met_late and found.status_name == "Met"
    assert found.as_dict()["met_late"] is False


def test_no_prompt_of_any_pack_is_ever_overdue_or_due_soon():
    snapshot = apart("2025-01-06")
    for policy in ("england", "leeds", "camden", "birmingham"):
        prompts = [o for o in obligations(snapshot, "2027-01-01", policy) if o.kind == "prompt"]
        assert prompts and all(o.status in ("prompt", "met") for o in prompts)
