"""Who is waiting for a family, and who is settled, said as a family finder would (pure: no database)."""

from datetime import date

from permanence.matching import waiting

TODAY = date(2026, 6, 1)


def facts(**kw):
    base = {
        "child_id": 1,
        "name": "Ava",
        "placement": "U6",
        "home": ("carer", 7),
        "home_name": "Pat and Chris Lee",
        "home_since": date(2023, 6, 1),
        "option": "long_term_fostering",
        "plan_since": date(2025, 12, 1),
    }
    return waiting.HomeFacts(**{**base, **kw})


def test_a_child_on_a_long_term_fostering_plan_in_a_short_term_home_is_waiting_from_the_plan():
    verdict = waiting.verdict(facts(), TODAY)
    assert verdict.waiting and not verdict.settled
    assert verdict.since == date(2025, 12, 1)
    assert verdict.days(TODAY) == 182  # 1 December 2025 to 1 June 2026, counted by hand


def test_a_child_in_a_confirmed_long_term_foster_placement_is_settled_not_waiting():
    verdict = waiting.verdict(facts(placement="U4"), TODAY)
    assert not verdict.waiting and verdict.settled
    assert "confirmed long-term foster placement with Pat and Chris Lee" in verdict.reason
    assert "living there 1,096 days, since 01/06/2023" in verdict.reason
    assert verdict.days(TODAY) == 0


def test_a_child_with_relatives_as_long_term_foster_carers_is_settled():
    assert waiting.verdict(facts(placement="U1"), TODAY).settled


def test_a_child_placed_for_adoption_is_not_waiting():
    verdict = waiting.verdict(facts(placement="A6", option="adoption"), TODAY)
    assert verdict.settled and verdict.reason.startswith("Ava is placed for adoption")


def test_a_child_living_with_the_carers_the_plan_names_is_settled_whatever_the_placement_code():
    verdict = waiting.verdict(facts(named_carer=("carer", 7), named_carer_name="Pat and Chris Lee"), TODAY)
    assert verdict.settled
    assert "already lives with Pat and Chris Lee, whom the plan names as Ava's permanent carers" in verdict.reason


def test_a_plan_naming_a_grandmother_needs_no_search():
    verdict = waiting.verdict(
        facts(option="special_guardianship", named_carer=("person", 3), named_carer_name="Grace Hart"), TODAY
    )
    assert not verdict.waiting and not verdict.settled
    assert verdict.reason == "The plan names Grace Hart to care for Ava: no search is needed."


def test_a_child_not_looked_after_is_never_waiting():
    verdict = waiting.verdict(facts(looked_after=False, option="adoption"), TODAY)
    assert not verdict.waiting and verdict.reason.startswith("Ava is not looked after")


def test_plans_that_need_no_new_family():
    for option in ("stay_home", "return_home", "independence", "residential"):
        assert not waiting.verdict(facts(option=option), TODAY).waiting


def test_a_child_already_matched_is_not_waiting():
    verdict = waiting.verdict(facts(option="adoption", matched_with="Jo and Sam Hill"), TODAY)
    assert not verdict.waiting and "matched with Jo and Sam Hill" in verdict.reason


def test_waiting_counts_from_the_first_plan_of_a_run_not_a_re_recording():
    plans = [
        (date(2024, 1, 10), "return_home"),
        (date(2025, 3, 1), "adoption"),
        (date(2025, 9, 1), "adoption"),  # re-recorded with a new parallel plan
    ]
    assert waiting.need_since(plans) == date(2025, 3, 1)
    assert waiting.need_since([*plans, (date(2026, 1, 1), "return_home")]) is None
    assert waiting.need_since([]) is None


# --- brothers and sisters ------------------------------------------------------------------------

NAMES = {1: "Ava", 2: "Ben", 3: "Cal"}


def decision(a, b, together, day, reasons="Assessed"):
    return (a, b, together, reasons, day, a * 10 + b)


def test_brothers_and_sisters_who_live_together_are_one_unit_without_any_decision():
    groups = waiting.sibling_groups({1: ("carer", 7), 2: ("carer", 7), 3: ("carer", 9)}, {1: {2, 3}}, {}, NAMES)
    assert groups[1].ids == (1, 2) and groups[2].ids == (1, 2) and 3 not in groups
    assert groups[1].reasons == ("Ava and Ben live together now.",)


def test_a_recorded_decision_to_live_apart_with_its_reasons_separates_them():
    decisions = waiting.latest_pair_decisions(
        [decision(1, 2, False, date(2026, 2, 1), "Ben's needs are met better on his own")]
    )
    homes = {1: ("carer", 7), 2: ("carer", 7)}
    assert waiting.sibling_groups(homes, {1: {2}}, decisions, NAMES) == {}
    notes = waiting.apart_notes({1: {2}}, decisions, homes, NAMES)
    assert notes[1] == [
        "Ava and Ben live together; a decision of 01/02/2026 says they should live apart: "
        "Ben's needs are met better on his own"
    ]


def test_brothers_and_sisters_a_decision_says_should_live_together_are_one_unit_even_if_apart_now():
    decisions = waiting.latest_pair_decisions([decision(1, 3, True, date(2026, 1, 2))])
    groups = waiting.sibling_groups({1: ("carer", 7), 3: ("carer", 9)}, {}, decisions, NAMES)
    assert groups[3].ids == (1, 3)
    assert groups[3].reasons == ("A decision of 02/01/2026 says Ava and Cal should live together.",)


def test_the_latest_decision_about_a_pair_counts_whichever_child_it_was_recorded_for():
    decisions = waiting.latest_pair_decisions(
        [decision(1, 2, False, date(2025, 5, 1)), decision(2, 1, True, date(2026, 1, 1))]
    )
    assert decisions[frozenset((1, 2))].together


def test_an_unknown_home_never_makes_children_a_unit():
    assert waiting.sibling_groups({1: None, 2: None}, {1: {2}}, {}, NAMES) == {}


def test_a_child_with_a_family_plan_living_with_relatives_is_not_searched_for():
    verdict = waiting.verdict(facts(option="special_guardianship", placement="U3", home_is_family=True), TODAY)
    assert verdict.settled and not verdict.waiting
    assert "lives with family or friends with Pat and Chris Lee" in verdict.reason


def test_a_child_waiting_a_year_or_more_with_the_same_carers_carries_a_prompt_to_consider_them():
    verdict = waiting.verdict(facts(), TODAY)
    assert verdict.waiting
    assert verdict.prompt.startswith("Ava has lived with Pat and Chris Lee (living there 1,096 days")
    assert "Consider whether they could be Ava's permanent family" in verdict.prompt
    assert waiting.verdict(facts(home_since=date(2026, 1, 1)), TODAY).prompt == ""
