"""The files of a return, read one row at a time (memory does not grow with a file's size).

Each file is told apart by its header row, as the DfE's own tool does, whatever its name; its
bytes are decoded as UTF-8 with any byte that is not UTF-8 kept aside, so the problem names the
row and column it is in instead of stopping at the first one.
"""

import csv
import io
import re
from dataclasses import dataclass
from operator import le
from pathlib import Path

from permanence.text.cells import formula_like

from ..tables import COLUMNS, DEFAULT_WIDTH, FIRST_YEAR_OF, WIDTHS, tables_for, year_label

_BAD_BYTE = re.compile("[\udc80-\udcff]")
_CONTROL = re.compile("[\x00-\x1f\x7f]")
_FORMULA_FIRST = frozenset("=+-@\t\r")
# Anything a row's cells must be looked at one by one for: a control character (a tab, a carriage
# return), or a cell that starts like a formula. Cells are joined with commas to test them at once.
_UNUSUAL = re.compile(r"[\x00-\x1f\x7f]|(?:^|,) *[=+\-@]")


@dataclass
class Source:
    """One file of the return: its name and a way to open its bytes."""

    name: str
    path: Path | None = None
    content: bytes | None = None

    def open(self):
        return open(self.path, "rb") if self.path is not None else io.BytesIO(self.content or b"")

    def size(self):
        return self.path.stat().st_size if self.path is not None else len(self.content or b"")


class InputProblem(Exception):
    """The input as a whole cannot be read (no folder, no files): the message says why."""


def sources_in_folder(folder):
    """The files in a folder, or InputProblem naming what is wrong with it."""
    folder = Path(folder)
    if not folder.exists():
        raise InputProblem(f"There is no folder {folder}.")
    if not folder.is_dir():
        raise InputProblem(f"{folder} is a file, not a folder: give the folder that holds the return's CSV files.")
    try:
        entries = sorted(p for p in folder.iterdir() if not p.name.startswith("."))
    except OSError as error:
        raise InputProblem(f"The folder {folder} cannot be read: {error.strerror}.") from error
    files = [p for p in entries if p.is_file()]
    if not files:
        raise InputProblem(
            f"The folder {folder} holds no files: it should hold the return's CSV files "
            f"({', '.join(f'{t}.csv' for t in tables_for(2027)[:4])} ...)."
        )
    return [Source(p.name, path=p) for p in files]


def sources_from_upload(files):
    """{file name: bytes} from an upload."""
    if not files:
        raise InputProblem("No files were chosen: select the return's CSV files.")
    return [Source(name, content=content) for name, content in sorted(files.items())]


def kind_problem(source):
    """Why a file is not one this import reads (an XML return, a spreadsheet ...), or None."""
    suffix = Path(source.name).suffix.lower()
    if suffix == ".csv":
        return None
    if suffix == ".xml":
        return "is an XML return: this import reads the return's CSV files (export them as CSV)"
    if suffix in (".xlsx", ".xls", ".ods"):
        return "is a spreadsheet: save each table as CSV UTF-8 and upload the CSV files"
    return "is not a CSV file: the return's files are CSV (Header.csv, Episodes.csv ...)"


def _text(handle):
    return io.TextIOWrapper(handle, encoding="utf-8-sig", errors="surrogateescape", newline="")


class Table:
    """A file identified as one of the return's tables; iterate for (line, {column: value})."""

    def __init__(self, source, table, problems):
        self.source, self.table, self.problems = source, table, problems
        self.name = source.name
        self.columns = COLUMNS[table]
        self.widths = [WIDTHS.get(c, DEFAULT_WIDTH) for c in self.columns]
        self.rows = 0

    def problem(self, line, column, value, message, child=""):
        self.problems.add(self.name, line, column, value, message, child)

    def __iter__(self):
        handle = self.source.open()
        try:
            reader = csv.reader(_text(handle))
            next(reader, None)  # the header, checked already
            width = len(self.columns)
            while True:
                try:
                    cells = next(reader)
                except StopIteration:
                    return
                except csv.Error as error:
                    self.problem(reader.line_num, "", "", f"this row cannot be read as CSV ({error})")
                    continue
                line = reader.line_num
                if not any(cells):
                    continue  # a blank line
                self.rows += 1
                if len(cells) != width:
                    self.problem(
                        line,
                        "",
                        ",".join(cells)[:40],
                        f"has {len(cells)} cells; the {self.table} header has {width} ({', '.join(self.columns)})",
                    )
                    continue
                # The common case, checked at once: plain printable ASCII, nothing like a formula, short.
                joined = ",".join(cells)
                if joined.isascii() and not _UNUSUAL.search(joined) and all(map(le, map(len, cells), self.widths)):
                    yield line, dict(zip(self.columns, map(str.strip, cells), strict=True))
                    continue
                yield line, self._checked(line, cells)
        finally:
            handle.close()

    def _checked(self, line, cells):
        """A row with something unusual in it: each cell checked, each problem named; a cell with a
        problem is None (reported: the table's own checks skip it)."""
        row = {}
        child = cells[0].strip()
        for column, cell, limit in zip(self.columns, cells, self.widths, strict=True):
            value = cell.strip()
            if value and not value.isascii() and _BAD_BYTE.search(value):
                raw = value.encode("utf-8", "surrogateescape")
                self.problem(
                    line,
                    column,
                    raw.decode("latin-1"),
                    "holds bytes that are not UTF-8 text (the file was probably saved as Latin-1 "
                    "or Windows-1252): save it as CSV UTF-8",
                    child,
                )
                row[column] = None
            elif value and (value[0] in _FORMULA_FIRST or cell[:1] in _FORMULA_FIRST) and formula_like(value):
                self.problem(
                    line,
                    column,
                    cell,
                    "looks like a spreadsheet formula (it starts with =, +, -, @ or a tab): the return "
                    "holds codes, dates and references only",
                    child,
                )
                row[column] = None
            elif _CONTROL.search(value):
                self.problem(line, column, value, "contains a control character", child)
                row[column] = None
            elif len(value) > limit:
                self.problem(line, column, value, f"is {len(value)} characters long; at most {limit} fit", child)
                row[column] = None
            else:
                row[column] = value
        return row


def identify(sources, year, problems):
    """{table: Table} for the files given; each file that is not a table of the year's return is a
    problem (its name, and why)."""
    tables = {}
    wanted = tables_for(year)
    for source in sources:
        why = kind_problem(source)
        if why:
            problems.add(source.name, 0, "", "", f"{source.name} {why}")
            continue
        if source.size() == 0:
            problems.add(source.name, 0, "", "", "the file is empty: it should start with the table's header row")
            continue
        handle = source.open()
        try:
            head = handle.read(4)
            if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
                problems.add(source.name, 0, "", "", "the file is UTF-16 text: save it as CSV UTF-8")
                continue
            handle.seek(0)
            try:
                header = next(csv.reader(_text(handle)), [])
            except csv.Error as error:
                problems.add(source.name, 1, "", "", f"the header row cannot be read as CSV ({error})")
                continue
        finally:
            handle.close()
        names = [h.strip().upper() for h in header]
        table = next((t for t, columns in COLUMNS.items() if names == columns), None)
        if table is None:
            problems.add(
                source.name,
                1,
                "",
                ",".join(header)[:60],
                "the header row is not the column list of any SSDA903 table (for example Header: "
                + ",".join(COLUMNS["Header"])
                + ")",
            )
            continue
        if table not in wanted:
            problems.add(
                source.name,
                0,
                "",
                "",
                f"the {table} table is part of the return from {year_label(FIRST_YEAR_OF[table])} on, "
                f"not of {year_label(year)}",
            )
            continue
        if table in tables:
            problems.add(source.name, 0, "", "", f"a second {table} file (the first is {tables[table].name})")
            continue
        tables[table] = Table(source, table, problems)
    return tables
