"""Spreadsheet and CSV cells that cannot become formulas.

A spreadsheet program treats a cell that starts with `=`, `+`, `-` or `@` as a formula (and a
leading tab or carriage return can hide one), so a child's name such as `=HYPERLINK(...)` would
run when a manager opens the tracker. Every CSV and workbook the product writes goes through
this module (OWASP "CSV injection": prefix such text with a single quote). Plain numbers such
as `-3` or `+44` stay numbers: they cannot be formulas.
"""

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


def formula_like(value: object) -> bool:
    """Whether a spreadsheet could read this text as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.match(value)


def neutralise(value: Any) -> Any:
    """The value as a cell that shows the text and never runs it (non-text is unchanged)."""
    if formula_like(value):
        return "'" + value
    return value


def neutralise_row(values: Iterable[Any]) -> list[Any]:
    return [neutralise(value) for value in values]


class SafeCsvWriter:
    """csv.writer with every cell neutralised: the one way the product writes CSV."""

    def __init__(self, handle, **options):
        options.setdefault("lineterminator", "\n")
        self._writer = csv.writer(handle, **options)

    def writerow(self, row: Iterable[Any]):
        return self._writer.writerow(neutralise_row(row))

    def writerows(self, rows: Iterable[Iterable[Any]]):
        for row in rows:
            self.writerow(row)


def csv_writer(handle, **options) -> SafeCsvWriter:
    return SafeCsvWriter(handle, **options)


def csv_text(rows: Iterable[Sequence[Any]], **options) -> str:
    out = io.StringIO()
    csv_writer(out, **options).writerows(rows)
    return out.getvalue()


def sheet_append(sheet, values: Iterable[Any]) -> None:
    """Append a row to an openpyxl worksheet so that no text becomes a formula.

    openpyxl stores any string starting with `=` as a formula; a formula-like text is written
    as a string cell with Excel's quote prefix instead, so it shows exactly as typed and stays
    text even when someone edits the cell."""
    row = list(values)
    sheet.append([None if formula_like(value) else value for value in row])
    line = sheet.max_row
    for column, value in enumerate(row, start=1):
        if formula_like(value):
            cell = sheet.cell(row=line, column=column)
            cell._value, cell.data_type = value, "s"
            cell.quotePrefix = True
