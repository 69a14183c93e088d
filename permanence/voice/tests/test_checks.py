"""Pure checks: the child's views in the plan, and what good practice asks every plan to include."""

from datetime import date

import pytest

from permanence.voice import checks, letters


def test_views_recorded_for_the_plan():
    found = checks.views_check(has_plan=True, plan_recorded=date(2026, 3, 1), dob=date(2015, 1, 1), views_for_plan=2)
    assert found.plan_records_views and found.ok and "2 records" in found.reason


def test_a_reason_given_is_enough_but_still_says_views_are_not_recorded():
    found = checks.views_check(
        has_plan=True,
        plan_recorded=date(2026, 3, 1),
        dob=date(2015, 1, 1),
        reason_not_recorded="Did not want to talk about it yet",
    )
    assert not found.plan_records_views and found.ok and "Did not want to talk" in found.reason


def test_a_child_under_4_is_too_young_to_give_views_in_words():
    found = checks.views_check(has_plan=True, plan_recorded=date(2026, 3, 1), dob=date(2023, 3, 2))
    assert found.ok and not found.plan_records_views and "was 2" in found.reason and "PN0" in found.source


def test_a_child_of_4_with_no_views_and_no_reason_is_missing():
    found = checks.views_check(has_plan=True, plan_recorded=date(2026, 3, 1), dob=date(2022, 3, 1))
    assert not found.ok and "does not say why" in found.reason


def test_no_plan_no_views():
    assert not checks.views_check(has_plan=False).ok


@pytest.mark.parametrize(
    "option, contents, missing",
    [
        (None, None, ["plan"]),
        ("adoption", None, ["introductions", "life_story_work", "contact_arrangements"]),
        ("residential", None, ["introductions", "residential_aims", "life_story_work", "contact_arrangements"]),
        (
            "long_term_fostering",
            {"staying_with_current_carers": True, "life_story_work": "x", "contact_arrangements": "y"},
            [],
        ),
        ("stay_home", None, []),
        (
            "adoption",
            {"introductions": "Two weeks", "life_story_work": " ", "contact_arrangements": "Letterbox"},
            ["life_story_work"],
        ),
    ],
)
def test_what_every_plan_must_include(option, contents, missing):
    found = checks.plan_still_needs(plan_option=option, contents=contents)
    assert [m.key for m in found] == missing
    # The plan itself is a duty, cited to the law; what it should set out is practice guidance, labelled.
    for m in found:
        if m.key == "plan":
            assert m.source.startswith("Care Planning, Placement and Case Review (England) Regulations 2010, reg 5(a)")
        else:
            assert m.source.startswith(
                "Practice guidance: Leeds City Council, Permanence Policy and Guidance (3.1.2, revised December 2015) §5"
            )


def test_missing_views_are_listed_with_the_plan_s_other_gaps():
    views = checks.views_check(has_plan=True, plan_recorded=date(2026, 3, 1), dob=date(2015, 1, 1))
    found = checks.plan_still_needs(plan_option="stay_home", views=views)
    assert [m.key for m in found] == ["views"]


@pytest.mark.parametrize(
    "age, band",
    [
        (None, "under_8"),
        (0, "under_8"),
        (7, "under_8"),
        (8, "8_to_12"),
        (12, "8_to_12"),
        (13, "13_plus"),
        (17, "13_plus"),
    ],
)
def test_age_bands(age, band):
    assert letters.age_band(age) == band


@pytest.mark.parametrize("option", list(letters.PLAN_WORDS))
@pytest.mark.parametrize("age", [5, 10, 15])
def test_every_option_has_words_for_every_age_band(option, age):
    draft = letters.draft_letter(first_name="Ava", age=age, option=option, carer="Pat and Chris", worker="Sam")
    assert draft.text.startswith("Dear Ava,") and draft.text.endswith("From Sam")
    assert (
        "{" not in draft.text and "Pat and Chris" in draft.text
        if "{carer}" in letters.PLAN_WORDS[option][draft.age_band]
        else True
    )
    assert (
        "§10.7" in draft.sources and "DfE, Knowledge and Skills Statement: Achieving Permanence §3-§4" in draft.sources
    )


def test_the_letter_makes_timescales_clear_when_the_next_review_is_known():
    draft = letters.draft_letter(first_name="Ben", age=10, option="adoption", next_review=date(2026, 7, 4))
    assert "on or before 4 July 2026" in draft.text and "adopted" in draft.text
    assert "listened" not in draft.text
    assert "listened" in letters.draft_letter(first_name="Ben", age=10, option="adoption", views_heard=True).text
    young = letters.draft_letter(first_name="Ava", age=5, option="adoption")
    assert "forever" not in young.text and "family for always" in young.text
