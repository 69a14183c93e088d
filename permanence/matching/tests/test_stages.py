"""The stages of a match (pure)."""

import itertools

import pytest

from permanence.matching import stages


def test_a_link_goes_forward_one_step_at_a_time():
    for here, there in itertools.pairwise(stages.ORDER):
        assert stages.check_move(here, there) is None


def test_a_match_cannot_jump_from_link_to_placement_and_the_message_says_what_is_next():
    with pytest.raises(stages.MoveRefused) as refused:
        stages.check_move(stages.LINKED, stages.PLACED)
    assert (
        refused.value.message
        == "A match cannot move from “Linked” to “Placed”. From “Linked” the next stage is “Visits”."
    )


def test_ending_a_link_needs_a_reason():
    with pytest.raises(stages.MoveRefused, match="needs a reason"):
        stages.check_move(stages.VISITS, stages.ENDED)
    assert stages.check_move(stages.VISITS, stages.ENDED, "The carers withdrew") is None


def test_nothing_moves_after_placement_or_an_ended_link():
    for final in (stages.PLACED, stages.ENDED):
        with pytest.raises(stages.MoveRefused, match="cannot move any more"):
            stages.check_move(final, stages.ENDED, "reason")
