"""What the import says back: each problem by file, row and column, and each value it kept."""

import csv
import tempfile
from dataclasses import dataclass, field

VALUE_SHOWN = 40  # characters of a value quoted back


def shown(value):
    """A value as the problem list quotes it: printable and short."""
    text = value if isinstance(value, str) else str(value)
    if not text.isprintable():
        text = text.encode("unicode_escape", "backslashreplace").decode("ascii")
    return text if len(text) <= VALUE_SHOWN else text[: VALUE_SHOWN - 1] + "…"


@dataclass(frozen=True)
class Problem:
    """Something in the files that stops the import: nothing is written while any remains."""

    file: str
    row: int  # the line in the file (the header is line 1); 0 for the file as a whole
    column: str
    value: str
    message: str
    child: str = ""  # the child's reference, when the problem is about one child

    def as_row(self):
        return [self.file, self.row or "", self.column, self.value, self.message]


@dataclass(frozen=True)
class Kept:
    """A value in the files that differs from what the record already holds: the record's is kept
    (an import never overwrites a fact the record holds, and never reopens or removes one)."""

    file: str
    row: int
    column: str
    value: str
    kept: str
    message: str


PROBLEM_COLUMNS = ["file", "row", "column", "value", "problem"]
KEPT_COLUMNS = ["file", "row", "column", "value in the file", "kept in the record", "why"]


IN_MEMORY = 10_000  # problems kept in memory; the rest wait in a temporary file, all listed in the end


@dataclass
class ImportResult:
    year: int | None = None
    problems: list = field(default_factory=list)  # the first IN_MEMORY problems
    problem_count: int = 0
    every_problem: object = None  # () -> iterator over every problem, in the order found
    kept: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)
    children_left_out: list = field(default_factory=list)  # references, in the clean-children mode
    changed_children: frozenset = frozenset()  # ids of the children the import added or changed
    written: bool = False

    @property
    def refused(self):
        return not self.written


class Problems:
    """Collects problems; knows which children have one (for the clean-children mode). Memory stays
    bounded however many there are: past IN_MEMORY they wait in a temporary file."""

    def __init__(self):
        self.items = []
        self.count = 0
        self.children = set()
        self.whole = False  # a problem with a file as a whole: nothing can be taken
        self.rows = set()  # (file, line) of each problem in a file named in `watch`
        self.watch = set()
        self._spill = None

    def add(self, file, row, column, value, message, child=""):
        problem = Problem(file, row, column, shown(value), message, child)
        self.count += 1
        if len(self.items) < IN_MEMORY:
            self.items.append(problem)
        else:
            if self._spill is None:
                self._spill = tempfile.TemporaryFile("w+", newline="", encoding="utf-8")
                self._writer = csv.writer(self._spill)
            self._writer.writerow([file, row, column, problem.value, message, child])
        if file in self.watch:
            self.rows.add((file, row))
        if child:
            self.children.add(child)
        if row <= 1:  # the file itself, or its header row
            self.whole = True

    def every(self):
        yield from self.items
        if self._spill is not None:
            self._spill.flush()
            self._spill.seek(0)
            for file, row, column, value, message, child in csv.reader(self._spill):
                yield Problem(file, int(row), column, value, message, child)

    def __len__(self):
        return self.count

    def __bool__(self):
        return self.count > 0
