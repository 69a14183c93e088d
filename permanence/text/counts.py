"""Counts as a reader says them: '1 day', '3,649 days' (pure: no Django).

The one way a count of days is written, on every page, document and message, so a page never
shows 3649 where another shows 3,649."""


def days(value: int) -> str:
    """'1 day', '0 days', '3,649 days'."""
    return f"{value:,} day{'' if value == 1 else 's'}"


def number(value: int) -> str:
    """'3649' -> '3,649' (a count in a table cell, the unit in the column heading)."""
    return f"{value:,}"
