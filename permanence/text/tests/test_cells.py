"""A name typed as a formula stays text in every spreadsheet and CSV the product writes."""

import csv
import io

from openpyxl import Workbook, load_workbook

from permanence.text import cells, free_text

ATTACKS = ['=HYPERLINK("http://evil.example","Open")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\t=1", "\r=1"]


def test_text_a_spreadsheet_would_run_is_recognised():
    for text in ATTACKS:
        assert cells.formula_like(text), text
    for text in ("Mina Example", "", "3", "-3", "+44", "-2.5", "Smith-Jones", "a=b", 7, None):
        assert not cells.formula_like(text), text


def test_a_formula_in_a_csv_is_written_as_quoted_text():
    text = cells.csv_text([["name", "age"], [ATTACKS[0], 7], ["-3", -3]])
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1] == ["'" + ATTACKS[0], "7"]
    assert rows[2] == ["-3", "-3"]  # a plain number is still a number


def test_a_formula_in_a_workbook_is_a_string_cell_shown_exactly_as_typed():
    book = Workbook()
    cells.sheet_append(book.active, [*ATTACKS, "Mina", 4])
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    row = next(load_workbook(out).active.iter_rows(values_only=False))
    for cell, text in zip(row, ATTACKS, strict=False):
        assert cell.data_type == "s" and cell.value == text and cell.quotePrefix
    assert row[-2].value == "Mina" and not row[-2].quotePrefix
    assert row[-1].value == 4 and row[-1].data_type == "n"


def test_free_text_names_the_field_when_too_long_or_hiding_characters():
    assert free_text.problems("Reason", "x" * 301, limit=free_text.SHORT) == ["Reason must be 300 characters or fewer"]
    assert free_text.problems("First name", "Tom\u202eing", limit=free_text.NAME) == [
        "First name contains characters that hide or reorder text (right-to-left override): remove them"
    ]
    # Arabic with its ordinary right-to-left mark is a name like any other.
    assert free_text.problems("First name", "\u0645\u0631\u064a\u0645\u200f", limit=free_text.NAME) == []
    assert free_text.problems("Notes", "line one\nline two\ttabbed", limit=free_text.LONG) == []
