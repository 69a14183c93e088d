"""Date arithmetic the regulations use: calendar months clamped to the month's end,
weeks, years, and working days that skip weekends and England and Wales bank holidays."""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import holidays


def add_months(day, months):
    """30 November + 3 months = 28 (or 29) February: the day clamps to the month's end."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_years(day, years):
    """29 February + 1 year = 28 February."""
    return add_months(day, 12 * years)


@lru_cache(maxsize=None)
def bank_holidays(year):
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(day):
    return day.weekday() < 5 and day not in bank_holidays(day.year)


@lru_cache(maxsize=262144)
def add_working_days(day, count):
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
    def of(cls, value):
        if isinstance(value, Offset):
            return value
        if not isinstance(value, dict) or set(value) - set(cls.UNITS):
            raise ValueError(f"{value!r} is not an offset; use keys {', '.join(cls.UNITS)}")
        for unit, n in value.items():
            if not isinstance(n, int) or isinstance(n, bool):
                raise ValueError(f"{unit}: {n!r} is not a whole number")
        return cls(**value)

    def apply(self, day):
        if self.working_days:
            day = add_working_days(day, self.working_days)
        if self.years or self.months:
            day = add_months(day, 12 * self.years + self.months)
        if self.weeks or self.days:
            day += timedelta(days=7 * self.weeks + self.days)
        return day

    def __str__(self):
        parts = []
        for unit in self.UNITS:
            n = getattr(self, unit)
            if n:
                name = unit.replace("_", " ")
                parts.append(f"{n} {name[:-1] if n == 1 else name}")
        return " and ".join(parts) or "the same day"


def shift(day, offset):
    """Move `day` by an Offset or an offset mapping such as {"working_days": 20}."""
    if isinstance(offset, Offset):
        return offset.apply(day)
    return Offset.of(offset).apply(day)


def describe(offset):
    """'20 working days', '3 months', '16 weeks' for messages and docs."""
    if isinstance(offset, Offset):
        return _describe(offset)
    return str(Offset.of(offset))


@lru_cache(maxsize=1024)
def _describe(offset):
    return str(offset)


def age_on(dob, day):
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))
