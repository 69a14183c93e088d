"""Date arithmetic as the regulations count it."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from permanence.timescales.dates import (
    add_months,
    add_working_days,
    add_years,
    age_in_months,
    age_on,
    birthday,
    is_working_day,
)

from .helpers import d


@pytest.mark.parametrize(
    "start, months, expected",
    [
        ("2026-11-30", 3, "2027-02-28"),  # 30 November + 3 months = 28 February
        ("2027-11-30", 3, "2028-02-29"),  # ... or 29 February in a leap year
        ("2026-08-31", 6, "2027-02-28"),
        ("2026-01-31", 1, "2026-02-28"),
        ("2026-03-31", -1, "2026-02-28"),
        ("2026-12-15", 1, "2027-01-15"),
    ],
)
def test_a_month_later_clamps_to_the_end_of_a_short_month(start, months, expected):
    assert add_months(d(start), months) == d(expected)


def test_a_year_after_29_february_is_28_february():
    assert add_years(d("2028-02-29"), 1) == d("2029-02-28")


@pytest.mark.parametrize(
    "start, count, expected, why",
    [
        (
            "2026-12-18",
            20,
            "2027-01-20",
            "Christmas Day, Boxing Day (substitute Monday 28th) and New Year's Day are skipped",
        ),
        ("2027-03-22", 20, "2027-04-21", "Good Friday and Easter Monday 2027 are skipped"),
        ("2026-01-05", 20, "2026-02-02", "an ordinary January"),
        ("2026-05-01", 1, "2026-05-05", "the early May bank holiday Monday is skipped"),
        ("2026-11-27", 1, "2026-11-30", "a weekend is skipped"),
    ],
)
def test_working_days_skip_weekends_and_bank_holidays(start, count, expected, why):
    assert add_working_days(d(start), count) == d(expected), why


def test_boxing_day_substitute_is_not_a_working_day():
    assert not is_working_day(d("2026-12-28"))
    assert is_working_day(d("2026-12-29"))


# --- a child's age on a day --------------------------------------------------------------------


@pytest.mark.parametrize(
    "born, on, years",
    [
        ("2020-03-10", "2026-03-09", 5),  # the day before the 6th birthday
        ("2020-03-10", "2026-03-10", 6),  # the birthday itself
        ("2008-02-29", "2026-02-28", 17),  # born on 29 February: not yet 18 on 28 February ...
        ("2008-02-29", "2026-03-01", 18),  # ... 18 on 1 March in a year without a 29 February
        ("2008-02-29", "2028-02-29", 20),  # and on 29 February in a leap year
        ("2026-01-05", "2026-01-05", 0),  # the day of birth
    ],
)
def test_a_childs_age_in_whole_years(born, on, years):
    assert age_on(d(born), d(on)) == years


@pytest.mark.parametrize(
    "born, on, months",
    [
        ("2026-01-31", "2026-02-28", 0),  # February has no 31st: the first month is complete on 1 March
        ("2026-01-31", "2026-03-01", 1),
        ("2025-06-15", "2026-06-14", 11),
        ("2025-06-15", "2026-06-15", 12),
    ],
)
def test_a_babys_age_in_whole_months(born, on, months):
    assert age_in_months(d(born), d(on)) == months


DAYS = st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31))


@given(born=DAYS, on=DAYS)
def test_whole_years_are_whole_months_over_twelve_and_change_on_the_birthday(born, on):
    years = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    assert age_on(born, on) == years == age_in_months(born, on) // 12


@given(born=DAYS, age=st.integers(min_value=1, max_value=25))
def test_a_child_is_a_year_older_on_the_birthday_the_law_counts(born, age):
    assert age_on(born, birthday(born, age)) == age
    assert age_on(born, birthday(born, age) - timedelta(days=1)) == age - 1
