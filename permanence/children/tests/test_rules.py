"""The case record refuses impossible records, with a message that names the problem."""

from datetime import date

from permanence.children import rules
from permanence.children.rules import child_problems, extension_problems, proceedings_problems

GOOD = {"reason_new": "S", "legal_status": "C2", "category_of_need": "N1", "placement": "U4", "provider": "PR1"}


def problems(dob=date(2015, 1, 1), others=(), **changes):
    values = {"start": date(2024, 1, 1), "end": None, **GOOD, **changes}
    return rules.episode_problems(values, date_of_birth=dob, other_episodes=others)


def test_a_proper_open_episode_has_no_problems():
    assert problems() == {}


def test_an_episode_cannot_end_before_it_starts():
    found = problems(end=date(2023, 12, 31), reason_ceased="E4A")
    assert "end" in found
    assert "before it starts" in found["end"]


def test_an_episode_cannot_start_before_the_child_is_born():
    found = problems(dob=date(2024, 2, 1))
    assert "before the child's date of birth" in found["start"]


def test_an_unknown_legal_status_code_is_refused_and_named():
    found = problems(legal_status="C9")
    assert "'C9' is not a LS code" in found["legal_status"]


def test_every_code_field_is_checked_against_its_code_list():
    found = problems(placement="X9", reason_new="Q", category_of_need="N0")
    assert set(found) == {"placement", "reason_new", "category_of_need"}


def test_an_episode_overlapping_another_is_refused():
    found = problems(others=[(date(2023, 6, 1), date(2024, 2, 1))])
    assert "overlaps another episode" in found["start"]


def test_an_episode_overlapping_an_open_episode_is_refused():
    found = problems(others=[(date(2023, 6, 1), None)])
    assert "still open" in found["start"]


def test_a_new_episode_may_start_the_day_the_previous_one_ends():
    assert problems(reason_new="P", others=[(date(2023, 6, 1), date(2024, 1, 1))]) == {}


def test_an_ended_episode_needs_a_reason_ceased():
    assert "reason_ceased" in problems(end=date(2024, 3, 1))


def test_an_open_episode_has_no_reason_ceased():
    assert "open episode has no reason ceased" in problems(reason_ceased="E11")["reason_ceased"]


def test_youth_justice_statuses_only_apply_from_age_ten():
    assert "legal_status" in problems(dob=date(2016, 1, 1), legal_status="J1")
    assert "legal_status" not in problems(dob=date(2012, 1, 1), legal_status="J1")


def test_pn0_participation_is_only_for_children_under_four():
    found = rules.review_problems({"date": date(2024, 5, 1), "participation": "PN0"}, date_of_birth=date(2018, 1, 1))
    assert "under 4" in found["participation"]
    assert (
        rules.review_problems({"date": date(2024, 5, 1), "participation": "PN0"}, date_of_birth=date(2022, 1, 1)) == {}
    )


def test_a_child_needs_a_date_of_birth_or_an_expected_date_of_birth():
    found = rules.child_problems({"first_name": "A", "last_name": "B", "council_reference": "C1"})
    assert "expected date of birth" in found["date_of_birth"]
    assert (
        rules.child_problems(
            {
                "first_name": "Baby",
                "last_name": "B",
                "council_reference": "C1",
                "expected_date_of_birth": date(2027, 1, 1),
            }
        )
        == {}
    )


def test_a_date_of_birth_in_the_future_is_refused_an_unborn_child_has_an_expected_date():
    from datetime import date as day

    values = {"first_name": "Baby", "last_name": "Example", "council_reference": "U1", "date_of_birth": day(2027, 2, 1)}
    assert "expected date of birth" in child_problems(values, today=day(2026, 11, 23))["date_of_birth"]
    unborn = {**values, "date_of_birth": None, "expected_date_of_birth": day(2027, 2, 1)}
    assert child_problems(unborn, today=day(2026, 11, 23)) == {}


def test_proceedings_steps_come_in_order_and_extensions_are_at_most_eight_weeks():
    from datetime import date as day

    assert (
        "before the application was issued"
        in proceedings_problems({"issued": day(2026, 3, 1), "concluded": day(2026, 2, 1)})["concluded"]
    )
    assert proceedings_problems({"letter_before_proceedings": day(2026, 1, 5), "issued": day(2026, 3, 1)}) == {}
    assert (
        "up to 8 weeks"
        in extension_problems({"granted": day(2026, 6, 1), "weeks": 12}, issued=day(2026, 1, 5))["weeks"]
    )
    assert extension_problems({"granted": day(2026, 6, 1), "weeks": 8}, issued=day(2026, 1, 5)) == {}


def test_a_child_is_born_before_their_first_episode_of_care_starts():
    values = {"first_name": "A", "last_name": "B", "council_reference": "R", "date_of_birth": date(2025, 7, 1)}
    found = rules.child_problems(values, today=date(2026, 1, 1), first_care_start=date(2025, 6, 2))
    assert found == {
        "date_of_birth": "The date of birth (01/07/2025) is after the child became looked after (02/06/2025): "
        "a child is born before their first episode of care starts."
    }
    assert rules.child_problems(values, today=date(2026, 1, 1), first_care_start=date(2025, 7, 1)) == {}


def test_uasc_status_ceases_after_birth_and_only_for_an_unaccompanied_child():
    born = date(2015, 5, 1)
    assert rules.uasc_problems({"uasc": True, "uasc_ceased": date(2033, 5, 1), "date_of_birth": born}) == {}
    assert rules.uasc_problems({"uasc": True, "uasc_ceased": None, "date_of_birth": born}) == {}
    before = rules.uasc_problems({"uasc": True, "uasc_ceased": date(2015, 4, 1), "date_of_birth": born})
    assert before == {
        "uasc_ceased": "The date UASC status ceased (01/04/2015) cannot be before the child's date of birth (01/05/2015)."
    }
    assert "tick that box" in rules.uasc_problems({"uasc": False, "uasc_ceased": date(2020, 1, 1)})["uasc_ceased"]
