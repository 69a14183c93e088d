"""Date arithmetic as the regulations count it."""

import pytest

from permanence.timescales.dates import add_months, add_working_days, add_years, is_working_day

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
