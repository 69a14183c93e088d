"""The measures as CSV or an Excel workbook (one sheet, one block per measure)."""

import io

from openpyxl import Workbook
from openpyxl.styles import Font

from permanence.text.cells import csv_writer, sheet_append


def measures_csv(measures):
    out = io.StringIO()
    writer = csv_writer(out)
    writer.writerow(["measure", "title", "headline", "row", "value", "unit", "threshold", "left out"])
    for ms in measures:
        for label, value in ms.rows or [("", None)]:
            writer.writerow(
                [
                    ms.code,
                    ms.title,
                    ms.headline,
                    label,
                    "" if value is None else value,
                    ms.unit,
                    ms.threshold or "",
                    ms.note,
                ]
            )
    return out.getvalue()


def measures_workbook(measures, title):
    book = Workbook()
    sheet = book.active
    sheet.title = "Measures"
    sheet_append(sheet, [title])
    sheet["A1"].font = Font(bold=True, size=14)
    for ms in measures:
        sheet_append(sheet, [])
        sheet_append(sheet, [f"{ms.code} {ms.title}"])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True)
        sheet_append(sheet, [ms.headline])
        sheet_append(sheet, [ms.definition])
        if ms.note:
            sheet_append(sheet, [ms.note])
        for label, value in ms.rows:
            sheet_append(sheet, [label, value])
    sheet.column_dimensions["A"].width = 60
    sheet.column_dimensions["B"].width = 14
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
