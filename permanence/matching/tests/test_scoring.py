"""Match scores: hard constraints in words, then points with reasons (pure: no database)."""

import pytest

from permanence.matching import scoring
from permanence.matching.policy import load_matching_policy
from permanence.timescales.policy import PolicyError

POLICY = load_matching_policy("england")


def child(**kw):
    base = {
        "id": 1,
        "name": "Ava",
        "age": 2,
        "option": "adoption",
        "district": "TB1",
        "ethnicity": "WBRI",
        "waiting_days": 200,
    }
    return scoring.ChildFacts(**{**base, **kw})


def carers(**kw):
    base = {
        "id": 10,
        "name": "The Hills",
        "approval_type": "adopter",
        "capacity": 2,
        "age_min": 0,
        "age_max": 6,
        "district": "TB2",
        "ethnicity": "BAFR",
        "years_approved": 3,
        "children_cared_for": 1,
    }
    return scoring.CarerFacts(**{**base, **kw})


def test_long_term_foster_carers_cannot_be_matched_with_an_adoption_plan():
    result = scoring.score(child(), carers(approval_type="long_term_foster_carer"), POLICY)
    assert not result.fits
    assert "Long-term foster carers cannot be matched with a plan of adoption." in result.barriers


def test_a_need_above_the_level_the_carers_can_meet_rules_them_out_and_says_why():
    result = scoring.score(child(needs={"disability": 3}), carers(needs={"disability": 1}), POLICY)
    assert result.barriers == ("Disability: Ava's are high; the carers can meet up to low.",)


def test_a_child_older_than_the_carers_approval_is_ruled_out():
    result = scoring.score(child(age=8), carers(), POLICY)
    assert "Ava is 8; the carers are approved for ages 0 to 6." in result.barriers


def test_brothers_and_sisters_to_live_together_need_a_home_with_room_for_all_of_them():
    ava, ben, cal = (
        child(id=1, together_with=(2, 3)),
        child(id=2, name="Ben", together_with=(1, 3)),
        child(id=3, name="Cal"),
    )
    unit = scoring.units_of([ava, ben, cal])[0]
    assert unit.ids == (1, 2, 3)
    result = scoring.score(ava, carers(capacity=2), POLICY, unit=unit)
    assert result.barriers[0] == "The carers have room for 2; Ava and Ben and Cal are to live together (3 children)."
    assert scoring.unit_value(unit, carers(capacity=3), POLICY) is not None


def test_siblings_to_live_apart_are_matched_one_by_one():
    units = scoring.units_of([child(id=1), child(id=2, name="Ben")])
    assert sorted(u.ids for u in units) == [(1,), (2,)]


def test_a_child_who_must_live_at_a_distance_for_safety_is_not_placed_nearby():
    result = scoring.score(child(min_km=15), carers(district="TB2"), POLICY)
    assert any("needs at least 15 km" in b for b in result.barriers)


def test_for_adoption_ethnicity_is_shown_but_never_rules_carers_out_or_changes_the_score():
    same = scoring.score(child(), carers(ethnicity="WBRI"), POLICY)
    different = scoring.score(child(), carers(ethnicity="BAFR"), POLICY)
    assert same.fits and different.fits
    assert same.total == different.total
    assert "Children and Families Act 2014" in different.ethnicity
    assert "Black African" in different.ethnicity and "White British" in different.ethnicity


def test_for_long_term_fostering_the_policy_pack_counts_shared_heritage_in_identity():
    fostering = {"option": "long_term_fostering"}
    home = {"approval_type": "long_term_foster_carer"}
    same = scoring.score(child(**fostering), carers(ethnicity="WBRI", **home), POLICY)
    different = scoring.score(child(**fostering), carers(ethnicity="BAFR", **home), POLICY)
    assert same.total > different.total
    assert "Counted in identity" in same.ethnicity


def test_every_part_of_the_score_gives_its_reason_in_words():
    result = scoring.score(child(language="Polish", religion="Christian"), carers(religion="Christian"), POLICY)
    reasons = {p.key: p.reason for p in result.parts}
    assert set(reasons) == {"distance", "identity", "language", "experience", "preferences", "waiting"}
    assert reasons["language"] == "The carers do not speak Polish, Ava's first language."
    assert reasons["identity"].startswith("Shares Ava's religion (Christian)")
    assert reasons["waiting"].startswith("Ava has waited 6 months since the decision that Ava needs a new family.")
    assert "km from Ava's community" in reasons["distance"]
    # Time waiting is the same whichever household: shown, never counted in the household's score.
    assert [p.key for p in result.not_counted] == ["waiting"]
    assert 0 < result.total <= result.out_of == 80


def test_a_part_with_nothing_recorded_is_shown_as_such_and_not_counted():
    result = scoring.score(child(district="", religion="", language="English"), carers(), POLICY)
    not_counted = {p.key: p.reason for p in result.not_counted}
    assert set(not_counted) == {"distance", "identity", "language", "waiting"}
    assert not_counted["identity"].startswith("Not scored: nothing is recorded about Ava's faith or heritage")
    assert (
        not_counted["distance"] == "Not scored: the child's community is not recorded, so distance cannot be compared."
    )
    assert not_counted["language"] == "Not scored: Ava's first language is English, which every household speaks."
    # Only experience and preferences carry information: the score is out of their 25 points.
    assert result.out_of == 25


def test_a_part_equal_for_every_household_on_the_shortlist_is_not_counted():
    households = [carers(id=1, district="TB2", years_approved=1), carers(id=2, district="TB2", years_approved=4)]
    ranked, _ = scoring.shortlist(child(), scoring.Unit((child(),)), households, POLICY)
    for _, result in ranked:
        distance = next(p for p in result.parts if p.key == "distance")
        assert not distance.counted and distance.reason.endswith("The same for every household listed, so not counted.")
    assert [c.id for c, _ in ranked] == [2, 1]


def test_a_child_with_little_recorded_is_neither_helped_nor_harmed_among_other_children():
    home = carers(
        district="TB1",
        religion="Christian",
        years_approved=5,
        children_cared_for=3,
        languages=frozenset({"english", "polish"}),
    )
    little = child(district="", religion="", language="English", waiting_days=0)
    everything = child(district="TB1", religion="Christian", language="Polish", waiting_days=0)
    # Each fits this household perfectly on what is recorded: the same value, whatever is missing.
    assert scoring.child_value(little, home, POLICY) == scoring.child_value(everything, home, POLICY)
    assert scoring.child_value(little, home, POLICY) == scoring.match_weight(POLICY) == 80


def test_closer_carers_score_higher_for_distance():
    near = scoring.score(child(), carers(district="TB1"), POLICY)
    far = scoring.score(child(), carers(district="FQ1"), POLICY)
    assert near.parts[0].points > far.parts[0].points


def test_the_longest_waiting_child_gains_most_for_waiting():
    assert scoring.child_value(child(waiting_days=400), carers(), POLICY) > scoring.child_value(
        child(waiting_days=10), carers(), POLICY
    )


def test_the_shortlist_ranks_carers_who_fit_and_counts_those_who_do_not():
    households = [
        carers(id=1, district="FQ1"),
        carers(id=2, district="TB1"),
        carers(id=3, approval_type="childrens_home"),
    ]
    ranked, excluded = scoring.shortlist(child(), scoring.Unit((child(),)), households, POLICY)
    assert [c.id for c, _ in ranked] == [2, 1]
    assert excluded == 1


def test_a_policy_pack_cannot_make_ethnicity_count_for_adoption(tmp_path, monkeypatch):
    (tmp_path / "strict.yaml").write_text(
        "name: strict\nextends: england\nrules: []\nmatching:\n  ethnicity: {adoption: weigh}\n"
    )
    monkeypatch.setenv("PERMANENCE_POLICY_DIRS", str(tmp_path))
    load_matching_policy.cache_clear()
    try:
        with pytest.raises(PolicyError, match="Children and Families Act 2014"):
            load_matching_policy("strict")
    finally:
        load_matching_policy.cache_clear()


def test_a_council_pack_changes_one_weight_and_keeps_the_rest():
    leeds = load_matching_policy("leeds")
    assert leeds.weights["distance"] == 30 and leeds.weights["identity"] == POLICY.weights["identity"]


def test_carers_whose_faith_is_not_recorded_are_not_marked_down_for_it():
    result = scoring.score(child(religion="Muslim", district=""), carers(religion=""), POLICY)
    identity = next(p for p in result.parts if p.key == "identity")
    assert not identity.counted
    assert identity.reason == "Not scored: the carers' faith is not recorded, so Ava's (Muslim) is not compared."


def test_the_england_pack_cites_the_law_for_matching_and_a_councils_pack_its_own_policy():
    england = load_matching_policy("england").source
    assert "Children Act 1989 s22C" in england
    assert not any(council in england for council in ("Leeds", "Camden", "Birmingham"))
    assert "Leeds City Council, Permanence Policy and Guidance" in load_matching_policy("leeds").source
