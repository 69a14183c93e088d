"""Family finding on the record: the register, the child's profile, links and matches through panel."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from permanence.children.versions import StaleRecord, VersionMissing
from permanence.matching import choices, selectors, services, stages
from permanence.matching.models import CarerProfile, ChildProfile, Match
from permanence.meetings import services as meetings
from permanence.obligations.snapshots import snapshots_for
from permanence.planning.models import Decision, Meeting
from permanence.planning.selectors import named_carer
from permanence.timescales.engine import compute_obligations
from permanence.timescales.policy import load_pack

from .conftest import TODAY, authorise, household, siblings_together, waiting_child


def opened(match):
    """The version of the match a family finder sees when they open it now."""
    return Match.objects.values_list("version", flat=True).get(pk=match.pk)


def test_starting_family_finding_records_the_meeting_the_leeds_rule_waits_for(ava):
    assert Meeting.objects.filter(child=ava, kind="family_finding_started", date=date(2026, 1, 5)).exists()
    case = snapshots_for([ava.pk])[ava.pk]
    rule = next(o for o in compute_obligations(case, load_pack("leeds"), TODAY) if o.rule == "leeds-family-finding")
    assert rule.status == "met"


def test_family_finding_cannot_start_twice_or_in_the_future(ava):
    with pytest.raises(ValidationError, match="already started"):
        services.family_finding_start(child=ava, date=date(2026, 2, 1), today=TODAY)
    ChildProfile.objects.filter(child=ava).delete()
    with pytest.raises(ValidationError, match="must be today or in the past"):
        services.family_finding_start(child=ava, date=date(2026, 7, 1), today=TODAY)


def test_an_unknown_need_level_is_refused_in_words(ava):
    with pytest.raises(ValidationError, match="the level must be none, low, medium or high"):
        services.child_profile_update(profile=ava.family_finding, needs={"health": 7})


def test_the_shortlist_ranks_available_carers_and_gives_reasons(ava, hills):
    household("Far Away Family", "AD2", district="FQ1")
    household("Busy Family", "AD3", district="TB1", status="on_hold", on_hold_reason="House move")
    household("Not Enough Family", "AD4", district="TB1", needs={})
    shortlist = selectors.shortlist_for(ava, today=TODAY)
    names = [p.carer.name for p, _ in shortlist["rows"]]
    assert names == ["Jo and Sam Hill", "Far Away Family"]
    assert shortlist["excluded"] == 1  # the household who cannot meet Ava's health needs
    score = shortlist["rows"][0][1]
    assert any("Same district as Ava's community" in p.reason for p in score.parts)


def test_a_link_is_refused_when_the_carers_cannot_meet_the_childs_needs(ava):
    weak = household("Not Enough Family", "AD4", needs={})
    with pytest.raises(ValidationError) as error:
        services.link_record(child=ava, carer=weak, date=TODAY, today=TODAY)
    assert "Health needs: Ava's are low; the carers can meet none." in str(error.value)
    assert not Match.objects.exists()


def test_brothers_and_sisters_to_live_together_are_linked_together(fiona):
    ava = waiting_child("Ava", "FF1", by=fiona)
    ben = waiting_child("Ben", "FF2", by=fiona, born=date(2022, 5, 1))
    siblings_together(ava, ben)
    small = household("Small Family", "AD5", capacity=1)
    with pytest.raises(ValidationError, match="are to live together"):
        services.link_record(child=ava, carer=small, date=TODAY, today=TODAY)
    big = household("Big Family", "AD6", capacity=2, open_to_siblings=True)
    match = services.link_record(child=ava, carer=big, date=TODAY, today=TODAY)
    assert set(match.children.values_list("first_name", flat=True)) == {"Ava", "Ben"}
    assert ChildProfile.objects.get(child=ben).status == choices.CHILD_LINKED


def _to_panel(match, fiona, panel):
    services.match_visit_record(
        match=match, version=opened(match), date=date(2026, 3, 9), notes="Good visit", by=fiona, today=TODAY
    )
    services.match_report_record(
        match=match, version=opened(match), date=date(2026, 3, 20), report="Report", by=fiona, today=TODAY
    )
    return services.match_to_panel(match=match, version=opened(match), panel=panel, today=date(2026, 3, 25))


def _minutes(match, chair, outcome="recommended"):
    item = match.panel_item
    return meetings.panel_minutes_record(
        item=item,
        by=chair,
        present=list(item.panel.members.all()),
        outcome=outcome,
        recommendation="The panel recommends the match.",
        reasons="The carers can meet the child's needs throughout childhood.",
        recorded_on=date(2026, 4, 3),
        today=TODAY,
    )


def test_a_link_becomes_an_adoption_match_through_panel_and_the_adm_then_a_placement(
    ava, hills, fiona, adm, panel, chair
):
    authorise(ava, adm)
    match = services.link_record(child=ava, carer=hills, date=date(2026, 3, 2), by=fiona, today=TODAY)
    assert CarerProfile.objects.get(carer=hills).status == choices.LINKED
    match = _to_panel(match, fiona, panel)
    _minutes(match, chair)
    match.refresh_from_db()
    assert match.stage == stages.PANEL
    meetings.adm_decide(
        item=match.panel_item,
        outcome="agreed",
        date=date(2026, 4, 9),
        by=adm,
        reasons="A good match",
        minutes_considered=True,
        today=TODAY,
    )
    match.refresh_from_db()
    assert match.stage == stages.APPROVED
    assert match.panel_item.matter == "adoption_match" and match.panel_item.adm_decision.outcome == "agreed"
    assert Decision.objects.filter(child=ava, kind="match_approved", date=date(2026, 4, 9)).exists()
    assert ChildProfile.objects.get(child=ava).status == choices.CHILD_MATCHED
    assert CarerProfile.objects.get(carer=hills).status == choices.MATCHED
    assert named_carer(ava).name == "Jo and Sam Hill"  # the plan now names the adopters
    services.match_introductions(
        match=match, version=opened(match), start=date(2026, 4, 20), plan="Two weeks of visits", by=fiona, today=TODAY
    )
    services.match_placed(match=match, version=opened(match), date=date(2026, 5, 4), by=fiona, today=TODAY)
    match.refresh_from_db()
    assert match.stage == stages.PLACED and match.placed_on == date(2026, 5, 4)
    assert [e.to_stage for e in match.events.order_by("date", "pk")] == [
        "linked",
        "visits",
        "report",
        "panel",
        "approved",
        "introductions",
        "placed",
    ]
    assert ChildProfile.objects.get(child=ava).status == choices.PLACED


def test_an_adoption_match_without_authority_to_place_cannot_reach_panel(ava, hills, fiona, panel):
    match = services.link_record(child=ava, carer=hills, date=date(2026, 3, 2), by=fiona, today=TODAY)
    with pytest.raises(ValidationError) as error:
        _to_panel(match, fiona, panel)
    assert "There is no authority to place Ava for adoption" in " ".join(error.value.message_dict["panel"])
    match.refresh_from_db()
    assert match.stage == stages.REPORT and match.panel_item is None


def test_a_match_the_panel_does_not_recommend_can_go_to_a_later_panel(ava, hills, fiona, adm, panel, chair):
    authorise(ava, adm)
    match = _to_panel(services.link_record(child=ava, carer=hills, date=date(2026, 3, 2), today=TODAY), fiona, panel)
    _minutes(match, chair, outcome="deferred")
    match.refresh_from_db()
    assert match.stage == stages.REPORT and match.panel_item is None


def test_a_long_term_fostering_match_is_decided_by_the_panel_itself(fiona, panel, chair):
    kai = waiting_child("Kai", "FF9", option="long_term_fostering", born=date(2016, 1, 1), by=fiona)
    carers = household("Long Term Family", "LT1", approval_type="long_term_foster_carer")
    carers.age_max = 17
    carers.save()
    match = services.link_record(child=kai, carer=carers, date=date(2026, 3, 2), today=TODAY)
    match = _to_panel(match, fiona, panel)
    assert match.panel_item.matter == "ltf_match" and not match.panel_item.needs_adm
    _minutes(match, chair)
    match.refresh_from_db()
    assert match.stage == stages.APPROVED
    decision = Decision.objects.get(child=kai, kind="match_approved")
    assert decision.forum == "permanence_panel" and decision.date == date(2026, 4, 3)


def test_the_matching_report_needs_a_visit_first(ava, hills):
    match = services.link_record(child=ava, carer=hills, date=date(2026, 3, 2), today=TODAY)
    with pytest.raises(ValidationError, match="Record at least one visit"):
        services.match_report_record(
            match=match, version=opened(match), date=date(2026, 3, 20), report="Report", today=TODAY
        )


def test_a_placement_cannot_be_recorded_before_the_match_is_approved(ava, hills):
    match = services.link_record(child=ava, carer=hills, date=date(2026, 3, 2), today=TODAY)
    with pytest.raises(ValidationError) as error:
        services.match_placed(match=match, version=opened(match), date=date(2026, 3, 5), today=TODAY)
    assert error.value.message_dict["stage"] == [
        "A match cannot move from “Linked” to “Placed”. From “Linked” the next stage is “Visits”."
    ]


def test_a_step_cannot_be_dated_before_the_last_one(ava, hills):
    match = services.link_record(child=ava, carer=hills, date=date(2026, 3, 2), today=TODAY)
    with pytest.raises(ValidationError, match="on or after the link"):
        services.match_visit_record(
            match=match, version=opened(match), date=date(2026, 2, 1), notes="Too early", today=TODAY
        )


def test_ending_a_link_frees_the_carers_and_the_child_searches_again(ava, hills):
    match = services.link_record(child=ava, carer=hills, date=date(2026, 3, 2), today=TODAY)
    with pytest.raises(ValidationError, match="needs a reason"):
        services.match_end(match=match, version=opened(match), date=date(2026, 3, 5), reason=" ", today=TODAY)
    services.match_end(
        match=match, version=opened(match), date=date(2026, 3, 5), reason="The carers withdrew", today=TODAY
    )
    assert CarerProfile.objects.get(carer=hills).status == choices.AVAILABLE
    assert ChildProfile.objects.get(child=ava).status == choices.SEARCHING


def test_carers_already_linked_cannot_be_linked_again(ava, hills, fiona):
    services.link_record(child=ava, carer=hills, date=date(2026, 3, 2), today=TODAY)
    ben = waiting_child("Ben", "FF2", by=fiona)
    with pytest.raises(ValidationError, match="only available carers can be linked"):
        services.link_record(child=ben, carer=hills, date=date(2026, 3, 2), today=TODAY)


def test_the_suggested_plan_keeps_brothers_and_sisters_together_and_proposes_one_family_each(fiona):
    ava, ben = waiting_child("Ava", "FF1", by=fiona), waiting_child("Ben", "FF2", by=fiona)
    siblings_together(ava, ben)
    cal = waiting_child("Cal", "FF3", by=fiona)
    household("Big Family", "AD6", capacity=2, open_to_siblings=True)
    household("Small Family", "AD5", capacity=1)
    plan = selectors.suggested_plan(today=TODAY)
    rows = {tuple(p.child.first_name for p in r["children"]): r["carer"].carer.name for r in plan["rows"]}
    assert rows == {("Ava", "Ben"): "Big Family", ("Cal",): "Small Family"}
    assert plan["exact_matched"] == 3
    assert cal  # placed alone: no sibling decision


def test_two_family_finders_moving_the_same_match_at_once_one_move_is_saved_the_other_refused_unchanged(
    ava, hills, fiona, adm
):
    authorise(ava, adm)
    match = services.link_record(child=ava, carer=hills, date=date(2026, 3, 2), by=fiona, today=TODAY)
    services.match_visit_record(
        match=match, version=opened(match), date=date(2026, 3, 9), notes="Good visit", by=fiona, today=TODAY
    )
    seen = opened(match)  # both family finders open the match at "Visits"
    services.match_report_record(
        match=match, version=seen, date=date(2026, 3, 20), report="Fiona: the Hills can meet Ava's needs", by=fiona
    )
    with pytest.raises(StaleRecord) as refused:
        services.match_end(match=match, version=seen, date=date(2026, 3, 21), reason="Overwrite", today=TODAY)
    assert fiona.get_full_name() in str(refused.value)
    match.refresh_from_db()
    assert match.stage == stages.REPORT and match.ended_reason == ""
    assert match.report == "Fiona: the Hills can meet Ava's needs"
    assert [e.to_stage for e in match.events.order_by("date", "pk")] == ["linked", "visits", "report"]
    assert CarerProfile.objects.get(carer=hills).status == choices.LINKED


def test_a_match_opened_at_one_stage_cannot_be_moved_twice_from_it(ava, hills, fiona):
    match = services.link_record(child=ava, carer=hills, date=date(2026, 3, 2), by=fiona, today=TODAY)
    seen = opened(match)
    services.match_visit_record(match=match, version=seen, date=date(2026, 3, 9), notes="First visit", today=TODAY)
    with pytest.raises(StaleRecord):
        services.match_visit_record(match=match, version=seen, date=date(2026, 3, 9), notes="Same visit", today=TODAY)
    assert match.visits.count() == 1 and match.events.count() == 2


@pytest.mark.parametrize("version", [None, "", " "])
def test_a_match_moved_without_saying_which_version_was_seen_is_refused_and_nothing_changes(ava, hills, version):
    match = services.link_record(child=ava, carer=hills, date=date(2026, 3, 2), today=TODAY)
    before = opened(match)
    with pytest.raises(VersionMissing) as refused:
        services.match_end(match=match, version=version, date=date(2026, 3, 5), reason="The carers withdrew")
    assert refused.value.current == before
    match.refresh_from_db()
    assert match.stage == stages.LINKED and match.version == before and match.events.count() == 1
    assert CarerProfile.objects.get(carer=hills).status == choices.LINKED
