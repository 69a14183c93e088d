"""Moving a plan through its stages, as a social worker would describe the moves."""

import pytest

from permanence.planning import stages
from permanence.planning.stages import StageMoveRefused, check_move


def test_a_plan_agreed_at_review_can_go_to_the_adm_or_panel_for_endorsement():
    assert check_move("agreed_at_review", "endorsed") is None


def test_a_plan_being_explored_is_first_agreed_at_review():
    assert check_move("exploring", "agreed_at_review") is None


def test_a_child_cannot_be_placed_on_a_plan_still_being_explored():
    with pytest.raises(StageMoveRefused) as refused:
        check_move("exploring", "placed")
    message = refused.value.message
    assert "cannot move from “Being explored” to “Placed”" in message
    assert "it can move to “Agreed at review”" in message


def test_a_return_home_agreed_at_review_can_go_straight_to_placed():
    assert check_move("agreed_at_review", "placed") is None


def test_an_sgo_to_the_current_carers_is_secured_by_the_court_without_family_finding():
    assert check_move("before_court", "legally_secured") is None


def test_a_placement_order_leads_to_family_finding_then_a_match_then_placement():
    for here, there in [
        ("before_court", "family_finding"),
        ("family_finding", "matched"),
        ("matched", "placed"),
        ("placed", "legally_secured"),
        ("legally_secured", "achieved"),
    ]:
        assert check_move(here, there) is None


def test_long_term_fostering_is_achieved_once_placed_without_an_order():
    assert check_move("placed", "achieved") is None


def test_a_match_cannot_be_made_before_family_finding_or_endorsement():
    with pytest.raises(StageMoveRefused, match="cannot move from “Agreed at review” to “Matched”"):
        check_move("agreed_at_review", "matched")


def test_stages_cannot_be_skipped_to_achieved():
    with pytest.raises(StageMoveRefused, match="to “Achieved”"):
        check_move("family_finding", "achieved")


def test_a_plan_can_go_back_to_exploring_only_with_a_reason():
    with pytest.raises(StageMoveRefused) as refused:
        check_move("family_finding", "exploring")
    assert refused.value.field == "note"
    assert "needs a reason" in refused.value.message
    assert check_move("family_finding", "exploring", "No adopters found within the child's timescale") is None


def test_a_reason_of_only_spaces_is_no_reason():
    with pytest.raises(StageMoveRefused, match="needs a reason"):
        check_move("matched", "exploring", "   ")


def test_when_a_match_falls_through_family_finding_starts_again_with_a_reason():
    with pytest.raises(StageMoveRefused, match="needs a reason"):
        check_move("matched", "family_finding")
    assert check_move("matched", "family_finding", "Prospective adopters withdrew") is None


def test_a_plan_cannot_go_back_to_an_earlier_stage_other_than_exploring_or_family_finding():
    with pytest.raises(StageMoveRefused, match="cannot move from “Placed” to “Agreed at review”"):
        check_move("placed", "agreed_at_review", "Some reason")


def test_a_plan_already_at_a_stage_cannot_move_there_again():
    with pytest.raises(StageMoveRefused, match="already at “Matched”"):
        check_move("matched", "matched")


def test_an_achieved_plan_goes_nowhere_forward():
    assert [m.to_stage for m in stages.moves_from("achieved")] == ["exploring"]
    with pytest.raises(StageMoveRefused, match="From “Achieved” it can move to “Being explored”"):
        check_move("achieved", "placed")


def test_an_unknown_stage_is_named():
    with pytest.raises(StageMoveRefused, match="'adopted' is not a plan stage"):
        check_move("placed", "adopted")


def test_the_moves_offered_come_forward_first_and_say_which_need_a_reason():
    moves = stages.moves_from("matched")
    assert [(m.to_stage, m.needs_reason) for m in moves] == [
        ("placed", False),
        ("exploring", True),
        ("family_finding", True),
    ]


def test_every_stage_has_a_way_forward_except_achieved_and_every_forward_move_goes_later():
    for stage in stages.ORDER:
        for target in stages.FORWARD[stage]:
            assert stages.ORDER.index(target) > stages.ORDER.index(stage), (stage, target)
        assert bool(stages.FORWARD[stage]) == (stage != "achieved")
