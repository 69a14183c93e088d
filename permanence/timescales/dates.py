"""Date arithmetic the regulations use: calendar months clamped to the month's end,
weeks, years, and working days that skip weekends and England and Wales bank holidays
(a working day is any day but a Saturday, a Sunday, Christmas Day, Good Friday or a bank
holiday: CPPCR 2010 reg 2(1))."""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache

import holidays


def add_months(day: date, months: int) -> date:
    """30 November + 3 months = 28 (or 29) February: the day clamps to the month's end."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_years(day: date, years: int) -> date:
    """29 February + 1 year = 28 February."""
    return add_months(day, 12 * years)


def birthday(dob: date, age: int) -> date:
    """The day a child reaches `age`: the anniversary of their birth (Family Law Reform Act 1969
    s9). Born on 29 February, the anniversary in a year without one is 1 March, the day after 28
    February: the day `age_on` also counts them a year older."""
    year = dob.year + age
    if dob.month == 2 and dob.day == 29 and not calendar.isleap(year):
        return date(year, 3, 1)
    return dob.replace(year=year)


@cache
def bank_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in bank_holidays(day.year)


@lru_cache(maxsize=262144)
def add_working_days(day: date, count: int) -> date:
    """The date `count` working days after `day` (the day itself is not counted)."""
    step = 1 if count >= 0 else -1
    remaining = abs(count)
    while remaining:
        day += timedelta(days=step)
        if is_working_day(day):
            remaining -= 1
    return day


@dataclass(frozen=True, slots=True)
class Offset:
    """A period the regulations count in: {"working_days": 20}, {"months": 3}, {"weeks": 16} ..."""

    years: int = 0
    months: int = 0
    weeks: int = 0
    working_days: int = 0
    days: int = 0

    UNITS = ("years", "months", "weeks", "working_days", "days")

    @classmethod
    def of(cls, value: object) -> Offset:
        if isinstance(value, Offset):
            return value
        if not isinstance(value, Mapping) or set(value) - set(cls.UNITS):
            raise ValueError(f"{value!r} is not an offset; use keys {', '.join(cls.UNITS)}")
        for unit, n in value.items():
            if not isinstance(n, int) or isinstance(n, bool):
                raise ValueError(f"{unit}: {n!r} is not a whole number")
        return cls(**value)

    def apply(self, day: date) -> date:
        if self.working_days:
            day = add_working_days(day, self.working_days)
        if self.years or self.months:
            day = add_months(day, 12 * self.years + self.months)
        if self.weeks or self.days:
            day += timedelta(days=7 * self.weeks + self.days)
        return day

    def __str__(self) -> str:
        return _describe(self)


@lru_cache(maxsize=1024)
def _describe(offset: Offset) -> str:
    parts = []
    for unit in Offset.UNITS:
        n = getattr(offset, unit)
        if n:
            name = unit.replace("_", " ")
            parts.append(f"{n} {name[:-1] if n == 1 else name}")
    return " and ".join(parts) or "the same day"


def shift(day: date, offset: Offset | Mapping[str, int]) -> date:
    """Move `day` by an Offset or an offset mapping such as {"working_days": 20}."""
    return Offset.of(offset).apply(day)


def describe(offset: Offset | Mapping[str, int]) -> str:
    """'20 working days', '3 months', '16 weeks' for messages and docs."""
    return str(Offset.of(offset))


def age_in_months(dob: date, day: date) -> int:
    """A child's age on `day` in whole months: a month is complete on the day of the month they
    were born (or on the 1st of the next month, when the month has no such day)."""
    months = (day.year - dob.year) * 12 + day.month - dob.month
    return months - (day.day < dob.day)


def age_on(dob: date, day: date) -> int:
    """A child's age on `day` in whole years: the one definition, for the engine, the rules that
    refuse a record, pages, letters, returns and the demo. A year older on the anniversary of
    their birth; born on 29 February, on 1 March in a year without one (as `birthday` says)."""
    return age_in_months(dob, day) // 12
