"""The steps a plan asks for cite the law where the law sets them; a step only a council's own
procedure asks for is practice guidance, and that council's local rule where its pack times it."""

from datetime import date

from permanence.planning import procedures, selectors
from permanence.planning import services as planning


def test_the_childs_permanence_report_is_cited_to_the_adoption_agencies_regulations_not_camden():
    cpr = procedures.BY_KEY["cpr_completed"]
    assert cpr.source.startswith("Adoption Agencies Regulations 2005, reg 17")


def test_every_step_cites_law_or_practice_guidance_never_a_council_as_the_rule():
    for step in procedures.STEPS:
        for council in ("Leeds", "Camden", "Birmingham"):
            if council in step.source:
                assert step.source.startswith("Practice guidance: "), step.key


def test_a_council_on_camdens_pack_sees_the_steps_cited_to_its_own_local_rules(settings, ava, sam):
    settings.PERMANENCE_POLICY = "camden"
    planning.plan_record(child=ava, primary_option="adoption", parallel_option="", recorded=date(2026, 2, 1), by=sam)
    lines = {line.key: line for line in selectors.procedures_for(ava, today=date(2026, 3, 1)).steps}
    assert lines["cpr_completed"].due is not None
    assert lines["cpr_completed"].source.startswith(
        "Camden, Permanence practice guidance for social workers, section 6"
    )


def test_a_council_on_the_england_baseline_sees_the_steps_with_the_law_or_practice_guidance(settings, ava, sam):
    settings.PERMANENCE_POLICY = "england"
    planning.plan_record(child=ava, primary_option="adoption", parallel_option="", recorded=date(2026, 2, 1), by=sam)
    lines = {line.key: line for line in selectors.procedures_for(ava, today=date(2026, 3, 1)).steps}
    assert lines["cpr_completed"].source.startswith("Adoption Agencies Regulations 2005")
    assert lines["raa_referral"].source.startswith("Practice guidance: Camden")
