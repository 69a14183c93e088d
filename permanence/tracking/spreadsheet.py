"""A tracker as an Excel workbook, laid out the way a tracking spreadsheet is.

One row a child; real dates (not text) formatted dd/mm/yyyy so they sort and filter in Excel
and LibreOffice; week numbers and day counts as numbers; the header row frozen with filters.
"""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from permanence.text.cells import sheet_append

DATE_FORMAT = "DD/MM/YYYY"
STATUS_NAMES = {
    "overdue": "Overdue",
    "due_soon": "Due soon",
    "upcoming": "Upcoming",
    "met": "Met",
    "not_applicable": "",
}
STATUS_FILLS = {"overdue": "F4CCCC", "due_soon": "FFF2CC"}


def workbook_bytes(result, *, filters_text=""):
    tracker = result.tracker
    book = Workbook()
    sheet = book.active
    sheet.title = tracker.title[:31]
    # The row's most urgent item: how urgent, then what it is (one column each, so both filter).
    headers = [column.header for column in tracker.columns] + ["Most urgent: status", "Most urgent: what is due"]
    sheet_append(
        sheet, [f"{tracker.title} tracker, {result.today:%d/%m/%Y}" + (f" ({filters_text})" if filters_text else "")]
    )
    sheet["A1"].font = Font(bold=True, size=13)
    sheet_append(sheet, [f"Source: {tracker.source}"])
    sheet_append(sheet, headers)
    header_row = 3
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in result.rows:
        sheet_append(sheet, [*row.cells(tracker), STATUS_NAMES.get(row.status, ""), row.status_title])
        fill = STATUS_FILLS.get(row.status)
        if fill:
            sheet.cell(row=sheet.max_row, column=len(headers) - 1).fill = PatternFill("solid", fgColor=fill)
    for index, column in enumerate(tracker.columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        if column.kind == "date":
            for (cell,) in sheet.iter_rows(min_row=header_row + 1, min_col=index, max_col=index):
                cell.number_format = DATE_FORMAT
    sheet.column_dimensions[get_column_letter(len(headers) - 1)].width = 12
    sheet.column_dimensions[get_column_letter(len(headers))].width = 30
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=2)
    sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(len(headers))}{max(sheet.max_row, header_row)}"
    out = BytesIO()
    book.save(out)
    return out.getvalue()
