"""Pure rules: when two children in care are placed apart, and what recording "apart" needs."""

from datetime import date

from permanence.siblings import rules


def d(text):
    return date.fromisoformat(text)


def test_two_children_in_different_homes_are_apart_while_both_are_looked_after():
    ava = [(d("2026-01-05"), None, "A")]
    ben = [(d("2026-02-01"), d("2026-06-01"), "B")]
    assert rules.apart_spells(ava, ben) == [(d("2026-02-01"), d("2026-06-01"))]


def test_the_same_home_or_an_unknown_home_is_never_apart():
    assert rules.apart_spells([(d("2026-01-05"), None, "A")], [(d("2026-01-05"), None, "A")]) == []
    assert rules.apart_spells([(d("2026-01-05"), None, None)], [(d("2026-01-05"), None, "B")]) == []


def test_spells_that_follow_on_merge_and_a_move_together_ends_the_spell():
    ava = [
        (d("2026-01-05"), d("2026-03-01"), "A"),
        (d("2026-03-01"), d("2026-05-01"), "C"),
        (d("2026-05-01"), None, "B"),
    ]
    ben = [(d("2026-01-05"), None, "B")]
    assert rules.apart_spells(ava, ben) == [(d("2026-01-05"), d("2026-05-01"))]
    assert rules.open_on(rules.apart_spells(ava, ben), d("2026-06-01")) == []


def test_apart_without_an_assessment_is_refused_in_words_that_say_what_to_do():
    problems = rules.decision_problems(
        name="Ava",
        decision="apart",
        reasons="Different needs",
        day=d("2026-03-01"),
        today=d("2026-03-02"),
        assessment_date=None,
        has_contact_plan=True,
    )
    assert "Record the sibling assessment first" in problems["decision"]
    assert "Children Act 1989 s22C(7)(b) and (8)(c)" in problems["decision"]


def test_apart_needs_a_contact_plan_and_an_assessment_that_came_first():
    common = {
        "name": "Ava",
        "decision": "apart",
        "reasons": "Different needs",
        "day": d("2026-03-01"),
        "today": d("2026-03-02"),
    }
    assert "contact_with_whom" in rules.decision_problems(
        **common, assessment_date=d("2026-02-01"), has_contact_plan=False
    )
    assert (
        "after the decision"
        in rules.decision_problems(**common, assessment_date=d("2026-03-02"), has_contact_plan=True)["decision"]
    )
    assert rules.decision_problems(**common, assessment_date=d("2026-02-01"), has_contact_plan=True) == {}


def test_together_needs_only_reasons_and_a_date_not_in_the_future():
    problems = rules.decision_problems(
        name="Ava",
        decision="together",
        reasons=" ",
        day=d("2026-03-05"),
        today=d("2026-03-02"),
        assessment_date=None,
        has_contact_plan=False,
    )
    assert set(problems) == {"reasons", "date"}


def test_an_adoption_plan_needs_an_early_decision_for_a_child_with_siblings():
    assert rules.early_decision_needed(plan_options={"adoption", ""}, has_siblings=True, has_decision=False)
    assert not rules.early_decision_needed(plan_options={"adoption"}, has_siblings=True, has_decision=True)
    assert not rules.early_decision_needed(plan_options={"long_term_fostering"}, has_siblings=True, has_decision=False)
