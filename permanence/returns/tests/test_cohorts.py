"""Who the return asks about, worked by hand from the DfE's definitions (pure: no database)."""

from datetime import date

from permanence.returns.cohorts import (
    care_leaver_birthday,
    eligible_care_leaver,
    looked_after_continuously,
    periods_of_care,
)
from permanence.returns.export import mother_in_year, uasc_ceased_in_file


def ep(start, end=None, rne="S", ls="C2", rec=""):
    return {"start": start, "end": end, "reason_new": rne, "legal_status": ls, "reason_ceased": rec}


def test_episodes_that_run_on_make_one_period_and_a_gap_starts_another():
    first = ep(date(2024, 1, 1), date(2024, 5, 1), rec="X1")
    second = ep(date(2024, 5, 1), date(2024, 9, 1), rne="P", rec="E4A")
    again = ep(date(2025, 2, 1))
    assert periods_of_care([first, second, again]) == [[first, second], [again]]


def test_a_child_who_came_into_care_on_1_april_has_been_looked_after_continuously_all_year():
    # The DfE counts a start on the first day of the year as looked after for the whole year (rule 191).
    assert looked_after_continuously([ep(date(2025, 4, 1))], 2026)
    assert not looked_after_continuously([ep(date(2025, 4, 2))], 2026)


def test_a_child_who_left_care_before_31_march_was_not_looked_after_continuously():
    assert not looked_after_continuously([ep(date(2020, 1, 1), date(2026, 3, 30), rec="E4A")], 2026)
    # Leaving on 31 March itself still counts as the whole year, as the DfE reads it.
    assert looked_after_continuously([ep(date(2020, 1, 1), date(2026, 3, 31), rec="E4A")], 2026)
    # A change of placement (X1) is not leaving care.
    chain = [ep(date(2020, 1, 1), date(2025, 6, 1), rec="X1"), ep(date(2025, 6, 1), rne="P")]
    assert looked_after_continuously(chain, 2026)


def test_short_breaks_are_not_continuous_care():
    assert not looked_after_continuously([ep(date(2020, 1, 1), ls="V4")], 2026)


def test_a_young_person_looked_after_from_15_to_18_is_a_care_leaver_on_their_19th_birthday():
    born = date(2006, 6, 10)
    episodes = [ep(date(2021, 9, 1), date(2024, 6, 10), rec="E17")]  # left care on the 18th birthday
    assert eligible_care_leaver(episodes, born, date(2025, 6, 10))
    # 19th birthday on 10 June 2025: asked about in 2025-26.
    assert care_leaver_birthday(episodes, born, 2026) == 19
    # On the 18th birthday (2024-25) they had just left care that day: not asked that year (rule 1016).
    assert care_leaver_birthday(episodes, born, 2025) is None


def test_thirteen_weeks_after_14_are_needed_and_some_of_it_after_16():
    born = date(2008, 1, 1)
    ninety_days = [ep(date(2024, 1, 1), date(2024, 3, 31), rec="E4A")]  # 16th birthday to 90 days later
    assert not eligible_care_leaver(ninety_days, born, date(2025, 1, 1))
    ninety_one = [ep(date(2024, 1, 1), date(2024, 4, 1), rec="E4A")]
    assert eligible_care_leaver(ninety_one, born, date(2025, 1, 1))
    before_sixteen = [ep(date(2022, 1, 1), date(2023, 12, 31), rec="E4A")]  # ended the day before 16
    assert not eligible_care_leaver(before_sixteen, born, date(2025, 1, 1))


def test_an_adopted_child_or_one_still_in_care_is_not_a_care_leaver():
    born = date(2008, 1, 1)
    assert not eligible_care_leaver([ep(date(2023, 1, 1), date(2024, 6, 1), rec="E11")], born, date(2025, 1, 1))
    assert not eligible_care_leaver([ep(date(2023, 1, 1))], born, date(2025, 1, 1))


def test_the_mothers_fields_are_as_they_stood_in_the_year():
    end = date(2026, 3, 31)
    assert mother_in_year(True, date(2025, 9, 1), year_end=end, left_care=None) == ("1", "01/09/2025")
    # Her baby was born after the year ended: not a mother in this year's return (rule 625).
    assert mother_in_year(True, date(2026, 4, 2), year_end=end, left_care=None) == ("0", "")
    # ... or after she left care in the year.
    assert mother_in_year(True, date(2025, 12, 1), year_end=end, left_care=date(2025, 11, 30)) == ("0", "")
    assert mother_in_year(False, None, year_end=end, left_care=None) == ("0", "")


def test_a_child_still_unaccompanied_has_their_18th_birthday_as_the_date_uasc_ceased():
    end = date(2026, 3, 31)
    born = date(2010, 7, 4)
    assert uasc_ceased_in_file(None, born, end) == date(2028, 7, 4)  # rule 205B
    assert uasc_ceased_in_file(date(2025, 10, 1), born, end) == date(2025, 10, 1)
