"""Read a council's SSDA903 return (its CSV files) into the record: a merge with rules, never an
overwrite.

- The collection year is stated, never guessed; every date is checked against it (rows outside
  the year are problems), against today (never in the future) and against the child's birth.
- Every row goes through the record's own rules (children/rules.py: the same functions as the
  forms), every child's old and new episodes together.
- What the record holds is never changed, reopened or removed by a file: what is new is added,
  what the record left blank is filled in (a later year ends last year's open episodes), and a
  value that differs is kept as the record has it and listed. The same files twice change nothing.
- Nothing is written unless the whole set is clean (`clean_children_only` takes the children with
  no problem and leaves out the rest, and says so: it is never the default). Every problem is
  listed by file, row and column.
- The children the import added to or changed (only those) are named to whatever keeps a copy
  derived from their facts (obligations.changes), inside the import's transaction.
- Files are read a row at a time: memory grows with the number of children, not the files' size.
"""

from datetime import date

from ..tables import year_problem
from .parse import READERS, Reader
from .plan import Planner
from .problems import KEPT_COLUMNS, PROBLEM_COLUMNS, ImportResult, Kept, Problem, Problems
from .sources import InputProblem, identify, sources_from_upload, sources_in_folder
from .write import write

__all__ = [
    "KEPT_COLUMNS",
    "PROBLEM_COLUMNS",
    "ImportResult",
    "InputProblem",
    "Kept",
    "Problem",
    "import_903",
    "import_903_files",
    "import_903_folder",
]
ORDER = list(READERS)  # the Header first: every other table is checked against it


def import_903_folder(folder, *, year, clean_children_only=False, today=None, by=None, progress=None):
    """Import the CSV files in `folder` as the return for the year ending 31 March `year`.
    Raises InputProblem when there is nothing to read (no folder, no files)."""
    return import_903(
        sources_in_folder(folder),
        year=year,
        clean_children_only=clean_children_only,
        today=today,
        by=by,
        progress=progress,
    )


def import_903_files(files, *, year, clean_children_only=False, today=None, by=None, progress=None):
    """From an upload: {file name: bytes}."""
    return import_903(
        sources_from_upload(files),
        year=year,
        clean_children_only=clean_children_only,
        today=today,
        by=by,
        progress=progress,
    )


def import_903(sources, *, year, clean_children_only=False, today=None, by=None, progress=None):
    say = progress or (lambda message: None)
    problem = year_problem(year)
    if problem:
        raise InputProblem(problem)
    today = today or date.today()
    problems = Problems()
    result = ImportResult(year=year)
    tables = identify(sources, year, problems)
    if "Header" not in tables:
        if tables or not problems:
            problems.add("Header.csv", 0, "", "", "there is no Header file: every child in the return is in the Header")
        result.problems, result.problem_count, result.every_problem = problems.items, problems.count, problems.every
        return result
    reader = Reader(year=year, today=today, problems=problems)
    if "Episodes" in tables:
        problems.watch.add(tables["Episodes"].name)
    planner = Planner(reader.parsed, tables, year=year, today=today, last=reader.last, problems=problems)

    def read(table, *args):
        if table in tables:
            say(f"Reading {tables[table].name} ({table})")
            READERS[table](reader, tables[table], *args)

    for table in ("Header", "Episodes", "UASC"):
        read(table)
    if not reader.parsed.children:
        problems.add(
            tables["Header"].name, 0, "", "", "the Header file has no children in it: there is nothing to import"
        )
    planner.children(progress=say)
    read("Reviews", planner.review)
    for table in ORDER:
        if table not in ("Header", "Episodes", "UASC", "Reviews"):
            read(table)
    plan = planner.finish(progress=say)
    result.kept = planner.kept
    result.problems, result.problem_count, result.every_problem = problems.items, problems.count, problems.every
    if problems and (not clean_children_only or problems.whole):
        return result
    if problems:
        result.children_left_out = sorted(problems.children)
        plan = plan.without(problems.children)
    result.counts, result.changed_children = write(plan, planner.record, year=year, by=by, progress=say)
    result.written = True
    say("Done")
    return result
