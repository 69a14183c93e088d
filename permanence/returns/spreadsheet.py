"""The measures as CSV or an Excel workbook (one sheet, one block per measure)."""

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Font


def measures_csv(measures):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["measure", "title", "headline", "row", "value", "unit", "threshold"])
    for ms in measures:
        for label, value in ms.rows or [("", None)]:
            writer.writerow([ms.code, ms.title, ms.headline, label, "" if value is None else value, ms.unit,
                             ms.threshold or ""])
    return out.getvalue()


def measures_workbook(measures, title):
    book = Workbook()
    sheet = book.active
    sheet.title = "Measures"
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=14)
    for ms in measures:
        sheet.append([])
        sheet.append([f"{ms.code} {ms.title}"])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True)
        sheet.append([ms.headline])
        sheet.append([ms.definition])
        for label, value in ms.rows:
            sheet.append([label, value])
    sheet.column_dimensions["A"].width = 60
    sheet.column_dimensions["B"].width = 14
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
