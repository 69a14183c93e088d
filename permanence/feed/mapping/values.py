"""Reading one SSD value: dates, codes, flags and text, each problem named by table, row and field.

Pure: no Django. A `Reader` wraps one row of one table; every method returns the value the product
stores (or None) and records what was wrong with it.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime

from permanence.text.cells import formula_like

DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y/%m/%d")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Problem:
    """Something wrong with the extract: where (table, row, field), the value, and what is wrong."""

    table: str
    row: str  # the line in a CSV file (the header is line 1) or the row's key in a database
    field: str
    value: str
    message: str
    person: str = ""  # the person id the row belongs to, when known


# Fields whose values are about a person's identity or address: a problem names the field, never
# shows the value (the status page and its CSV are read by administrators, who see no child records).
PERSONAL_FIELDS = frozenset(
    {"pers_forename", "pers_surname", "pers_upn", "pers_dob", "pers_expected_dob", "clap_cla_placement_postcode"}
)


class Reader:
    """One row of one table, read field by field."""

    def __init__(self, table, row, values, person, problems):
        self.table, self.row, self.values, self.person, self.problems = table, str(row), values, person, problems

    def problem(self, field, message, value=None):
        shown = self.raw(field) if value is None else value
        if field in PERSONAL_FIELDS:
            shown = "(not shown)"
        self.problems.append(Problem(self.table, self.row, field, shown[:80], message, self.person))

    def raw(self, field):
        value = self.values.get(field)
        if value is None:
            return ""
        return value if value.__class__ is str else str(value)

    def text(self, field, *, max_length=None, required=False):
        value = self.raw(field).strip()
        if not value:
            if required:
                self.problem(field, "is blank, and a value is needed")
            return ""
        if _CONTROL.search(value):
            self.problem(field, "contains a control character", repr(value)[:40])
            return ""
        if formula_like(value):  # refused, never stored: nothing from the feed becomes a live formula
            self.problem(field, "starts with =, +, -, @ or a tab: a spreadsheet would run it as a formula")
            return ""
        if max_length is not None and len(value) > max_length:
            self.problem(field, f"is {len(value)} characters; at most {max_length} fit")
            return ""
        return value

    def date(self, field, *, required=False):
        value = self.raw(field).strip()
        if not value:
            if required:
                self.problem(field, "is blank, and a date is needed")
            return None
        parsed = parse_date(value)
        if parsed is None:
            self.problem(field, "is not a date (write it 2026-11-24 or 24/11/2026)")
        return parsed

    def code(self, field, codes, *, required=True, aliases=None, what=None):
        """A code from `codes` (a CodeList or a set). 'C2 - Full care order' reads as C2."""
        value = self.raw(field).strip()
        if not value:
            if required:
                self.problem(field, f"is blank, and {what or 'a code'} is needed")
            return ""
        found = code_in(value, codes, aliases)
        if found is None:
            listed = ", ".join(list(codes)[:12]) + (" ..." if len(list(codes)) > 12 else "")
            self.problem(field, f"is not a known {what or 'code'} (expected one of {listed})")
            return ""
        return found

    def flag(self, field):
        """Y/N (also 1/0, Yes/No, True/False); None when blank."""
        value = self.raw(field).strip().lower()
        if not value:
            return None
        if value in ("y", "yes", "1", "true"):
            return True
        if value in ("n", "no", "0", "false"):
            return False
        self.problem(field, "is not Y or N")
        return None

    def integer(self, field):
        value = self.raw(field).strip()
        if not value:
            return None
        try:
            number = float(value)
        except ValueError:
            self.problem(field, "is not a whole number")
            return None
        if number != int(number) or not 0 <= number <= 10_000:
            self.problem(field, "is not a whole number from 0 to 10,000")
            return None
        return int(number)


def parse_date(value):
    """A date from the forms SSD extracts use: ISO, ISO date-time (SQL Server renders
    '2024-12-10 00:00:00.000'), or dd/mm/yyyy. None when it is none of them."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if len(text) >= 10 and text[4] == "-" and text[7] == "-" and (len(text) == 10 or text[10] in " T"):
        try:
            return date.fromisoformat(text[:10])  # the common case, fast
        except ValueError:
            return None
    if len(text) > 10 and text[10] in " T":
        text = text[:19]  # drop fractions of a second and time zones: the day is what counts
    for form in DATE_FORMATS:
        try:
            return datetime.strptime(text, form).date()
        except ValueError:
            continue
    return None


def code_in(value, codes, aliases=None):
    """The code a value names: itself, or its first word ('C2 - Full care order', 'C2: ...')."""
    value = value.strip()
    candidates = [value, value.upper()]
    head = re.split(r"[\s:\-–(]+", value, maxsplit=1)[0]
    candidates += [head, head.upper()]
    for candidate in candidates:
        if aliases and candidate in aliases:
            return aliases[candidate]
        if candidate in codes:
            return candidate
    return None
