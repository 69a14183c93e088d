"""Reading a council's SSDA903 return into the record: a merge with rules, never an overwrite.

The stories a performance analyst and a service manager would tell: the council's own return read
back exactly; a year imported twice, or out of order, or with one date typed wrong, changes nothing
the record already holds; incoherent files are refused with every problem named by file, row and
column, and nothing is written.
"""

import csv
import io
import zipfile
from datetime import date
from pathlib import Path

import pytest

from permanence.audit import chain
from permanence.audit.models import AuditEvent
from permanence.children.changes import _listeners, on_children_changed
from permanence.children.models import Allocation, Child, Episode, LegalOrder, Review
from permanence.children.orders import DEPRIVATION_OF_LIBERTY_ORDER
from permanence.demo.loader import delete_demo_data
from permanence.obligations.selectors import obligations_for_child
from permanence.returns import models as m
from permanence.returns.cli import import_main
from permanence.returns.export import export_903
from permanence.returns.importer import InputProblem, import_903_files, import_903_folder

from .conftest import TODAY, YEAR

FAKE_DATA = Path(__file__).with_name("dfe_fake_data.zip")


def _files(folder):
    return {p.name: p.read_text() for p in sorted(Path(folder).glob("*.csv"))}


def _record():
    """Everything the import can write, row by row: equal before and after means nothing changed."""
    models = [Child, Episode, Review, Allocation, LegalOrder, m.Motherhood, m.HealthOutcome, m.CareLeaverContact]
    models += [m.AdoptionDetail, m.PlacementForAdoptionDecision, m.PreviousPermanence, m.MissingEpisode]
    return {model.__name__: sorted(map(tuple, model.objects.values_list())) for model in models}


def _rows(path):
    with open(path, newline="") as handle:
        return list(csv.reader(handle))


def _write(path, rows):
    with open(path, "w", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def _import(folder, year=YEAR, **options):
    return import_903_folder(folder, year=year, today=TODAY, **options)


@pytest.fixture
def returns(council, tmp_path):
    """The demo council's returns for 2024-25 and 2025-26, and an empty record to read them into."""
    export_903(year=YEAR - 1, out_dir=tmp_path / "last")
    export_903(year=YEAR, out_dir=tmp_path / "this")
    delete_demo_data()
    return tmp_path


def test_the_councils_own_return_read_into_an_empty_record_exports_to_the_same_files(returns):
    result = _import(returns / "this")
    assert result.problems == [] and result.written and result.kept == []
    assert result.counts["children added"] > 100 and result.counts["episodes added"] > 100
    export_903(year=YEAR, out_dir=returns / "again")
    assert _files(returns / "this") == _files(returns / "again")


def test_importing_the_same_files_twice_changes_nothing(returns):
    _import(returns / "this")
    before = _record()
    again = _import(returns / "this")
    assert again.written and again.problems == [] and again.kept == []
    assert {label: n for label, n in again.counts.items() if n} == {}
    assert _record() == before


def test_a_later_years_files_extend_the_record_and_end_last_years_open_episodes(returns):
    _import(returns / "last", year=YEAR - 1)
    open_before = Episode.objects.filter(end__isnull=True).count()
    result = _import(returns / "this")
    assert result.problems == []
    assert result.counts["episodes added"] > 0 and result.counts["episodes ended or filled in"] > 0
    assert Episode.objects.filter(end__isnull=True).count() != open_before
    for year in (YEAR - 1, YEAR):
        export_903(year=year, out_dir=returns / f"again-{year}")
    assert _files(returns / "again-2025") == _files(returns / "last")
    assert _files(returns / "again-2026") == _files(returns / "this")


def test_an_older_year_imported_after_a_newer_one_changes_nothing_newer_and_misfiles_nothing(returns):
    _import(returns / "this")
    export_903(year=YEAR, out_dir=returns / "newer-before")
    ended = dict(Episode.objects.filter(end__isnull=False).values_list("id", "end"))
    adoptions = m.AdoptionDetail.objects.count()
    result = _import(returns / "last", year=YEAR - 1)
    assert result.written and result.problems == []
    # Not one episode the newer year ended is reopened or changed, and the newer return is as it was.
    assert dict(Episode.objects.filter(id__in=ended).values_list("id", "end")) == ended
    assert m.AdoptionDetail.objects.count() >= adoptions
    export_903(year=YEAR, out_dir=returns / "newer-after")
    assert _files(returns / "newer-after") == _files(returns / "newer-before") == _files(returns / "this")
    export_903(year=YEAR - 1, out_dir=returns / "older-after")
    assert _files(returns / "older-after") == _files(returns / "last")
    # Each year's health outcomes are filed under the year they were returned for.
    oc2 = {year: len(_rows(returns / folder / "OC2.csv")) - 1 for year, folder in ((YEAR, "this"), (YEAR - 1, "last"))}
    assert {year: m.HealthOutcome.objects.filter(year=year).count() for year in oc2} == oc2
    # And the newer year again, after the older: still nothing changes.
    before = _record()
    assert {k: n for k, n in _import(returns / "this").counts.items() if n} == {}
    assert _record() == before


def test_a_stray_date_in_the_future_is_refused_and_nothing_is_written_or_misfiled(returns):
    _import(returns / "last", year=YEAR - 1)
    before = _record()
    reviews = _rows(returns / "this" / "Reviews.csv")
    reviews[5][2] = "14/02/2031"
    _write(returns / "this" / "Reviews.csv", reviews)
    result = _import(returns / "this")
    assert not result.written
    assert [(p.file, p.row, p.column) for p in result.problems] == [("Reviews.csv", 6, "REVIEW")]
    assert "future" in result.problems[0].message
    assert _record() == before
    assert not m.HealthOutcome.objects.filter(year__gt=YEAR).exists()


def test_rows_outside_the_stated_year_are_problems(returns):
    result = _import(returns / "this", year=YEAR - 1)
    assert not result.written and not Child.objects.exists()
    assert any("after the collection year ends (31/03/2025)" in p.message for p in result.problems)


def test_the_year_must_be_one_the_product_reads(returns):
    with pytest.raises(InputProblem, match="2024-25 to 2026-27"):
        _import(returns / "this", year=2019)


def test_the_dfes_incoherent_fake_files_are_refused_with_every_problem_listed_and_nothing_written(db, tmp_path):
    with zipfile.ZipFile(FAKE_DATA) as archive:
        archive.extractall(tmp_path / "fake")
    result = import_903_folder(tmp_path / "fake", year=2025, today=TODAY)
    assert not result.written and not Child.objects.exists() and not Episode.objects.exists()
    every = list(result.every_problem())
    assert result.problem_count == len(every) > 10_000
    files = {p.file for p in every}
    assert {"header.csv", "episodes.csv", "reviews.csv", "uasc.csv", "DoLo.csv"} <= files
    for problem in every:
        assert problem.file and problem.message
    # The DoLo table is not part of 2024-25; NOTICE.txt is not a CSV file.
    assert any(p.file == "DoLo.csv" and "2026-27" in p.message for p in result.problems)
    assert any(p.file == "NOTICE.txt" and "not a CSV" in p.message for p in result.problems)


def test_the_fake_files_moved_into_a_year_the_product_reads_show_their_incoherence_row_by_row(db, tmp_path):
    """The same files with every date eight years later (2017-18 becomes 2025-26), so the problems
    left are the files' own incoherence, not the year."""
    import re

    with zipfile.ZipFile(FAKE_DATA) as archive:
        for name in archive.namelist():
            if name.endswith(".csv") and name != "DoLo.csv":
                text = archive.read(name).decode("latin-1")
                text = re.sub(
                    r"(\d{2})/(\d{2})/(\d{4})",
                    lambda d: f"{min(int(d[1]), 28) if d[2] == '02' else int(d[1]):02d}/{d[2]}/{int(d[3]) + 8}",
                    text,
                )
                (tmp_path / name).write_text(text, encoding="latin-1")
    result = import_903_folder(tmp_path, year=YEAR, today=date(2026, 11, 24))
    assert not result.written and not Child.objects.exists()
    messages = [p.message for p in result.problems]

    def count(words):
        return sum(words in message for message in messages)

    assert count("overlaps another episode") >= 50
    assert count("A child leaves care adopted") >= 50
    assert count("Youth justice legal statuses") >= 100
    assert count("PN0 is only for a child under 4") >= 100
    assert count("An open episode has no reason ceased") >= 100
    assert count("is not one of the standard's REASON_PLACE_CHANGE codes") >= 100


def test_a_problem_names_its_file_row_and_column_and_nothing_is_written(returns):
    path = returns / "this" / "Episodes.csv"
    rows = _rows(path)
    rows[2][1], rows[2][3] = "2025-13-01", "ZZ"
    rows.append(["NOBODY", "01/05/2025", "S", "V2", "N1", "U6", "PR1", "", "", "", "", "", ""])
    _write(path, rows)
    result = _import(returns / "this")
    found = {(p.file, p.row, p.column) for p in result.problems}
    assert {("Episodes.csv", 3, "DECOM"), ("Episodes.csv", 3, "LS"), ("Episodes.csv", len(rows), "CHILD")} <= found
    assert next(p for p in result.problems if p.column == "LS").value == "ZZ"
    assert not Child.objects.exists() and not Episode.objects.exists()


def test_the_same_key_twice_is_a_problem_not_a_crash(returns):
    for name, row in (("Episodes.csv", 1), ("Reviews.csv", 1), ("Header.csv", 1)):
        rows = _rows(returns / "this" / name)
        rows.append(list(rows[row]))
        _write(returns / "this" / name, rows)
    result = _import(returns / "this")
    assert not result.written
    last_lines = {name: len(_rows(returns / "this" / name)) for name in ("Episodes.csv", "Reviews.csv", "Header.csv")}
    rows_named = {(p.file, p.row) for p in result.problems}
    assert set(last_lines.items()) <= rows_named


def test_formula_like_text_never_reaches_the_record(returns):
    header = _rows(returns / "this" / "Header.csv")
    header[1][4] = "=1+2"
    _write(returns / "this" / "Header.csv", header)
    episodes = _rows(returns / "this" / "Episodes.csv")
    episodes[1][10], episodes[2][12] = "@SUM(A1)", "+cmd|x!A0"
    _write(returns / "this" / "Episodes.csv", episodes)
    result = _import(returns / "this")
    assert not result.written and not Child.objects.exists()
    formula = [(p.file, p.row, p.column) for p in result.problems if "formula" in p.message]
    assert formula == [("Header.csv", 2, "UPN"), ("Episodes.csv", 2, "HOME_POST"), ("Episodes.csv", 3, "URN")]


def test_dates_before_birth_and_episodes_that_cannot_be_are_refused_with_the_records_own_words(returns):
    header = {r[0]: r for r in _rows(returns / "this" / "Header.csv")[1:]}
    reviews = _rows(returns / "this" / "Reviews.csv")
    reviews[1][2] = "01/04/2025"
    child = reviews[1][0]
    born = header[child][2]
    episodes = _rows(returns / "this" / "Episodes.csv")
    # An adoption exit from a foster placement, in the record's own words (children/rules.py).
    index = next(i for i, r in enumerate(episodes) if i and r[7] and r[8] != "X1" and r[5] == "U6")
    episodes[index][8] = "E11"
    _write(returns / "this" / "Reviews.csv", reviews)
    _write(returns / "this" / "Episodes.csv", episodes)
    result = _import(returns / "this")
    assert not result.written
    messages = {(p.file, p.row, p.column): p.message for p in result.problems}
    assert (
        "A child leaves care adopted (E11) only from a placement for adoption"
        in messages[("Episodes.csv", index + 1, "REC")]
    )
    if date(*map(int, reversed(born.split("/")))) > date(2025, 4, 1):
        assert "cannot be held before the child became looked after" in messages[("Reviews.csv", 2, "REVIEW")]


def test_the_record_keeps_its_own_values_and_lists_where_the_files_differ(returns):
    _import(returns / "this")
    episodes = _rows(returns / "this" / "Episodes.csv")
    old = episodes[1][4]
    episodes[1][4] = "N2" if old != "N2" else "N3"
    _write(returns / "this" / "Episodes.csv", episodes)
    before = _record()
    result = _import(returns / "this")
    assert result.written and result.problems == []
    assert [(k.file, k.row, k.column, k.value, k.kept) for k in result.kept] == [
        ("Episodes.csv", 2, "CIN", episodes[1][4], old)
    ]
    assert _record() == before


def test_an_import_never_reopens_an_episode_the_record_has_ended(returns):
    _import(returns / "this")
    episodes = _rows(returns / "this" / "Episodes.csv")
    index = next(i for i, r in enumerate(episodes) if i and r[7] and r[8] not in ("X1",) and r[0] != episodes[i + 1][0])
    child, start, end = episodes[index][0], episodes[index][1], episodes[index][7]
    episodes[index][7:10] = ["", "", ""]
    _write(returns / "this" / "Episodes.csv", episodes)
    result = _import(returns / "this")
    assert result.written
    assert Episode.objects.get(child__council_reference=child, start=_day(start)).end == _day(end)
    assert [(k.row, k.column, k.kept) for k in result.kept] == [(index + 1, "DEC", end)]


def _day(text):
    d, mth, y = map(int, text.split("/"))
    return date(y, mth, d)


def test_the_clean_children_mode_takes_the_clean_children_and_says_who_was_left_out(returns):
    reviews = _rows(returns / "this" / "Reviews.csv")
    reviews[3][3] = "PN9"
    child = reviews[3][0]
    _write(returns / "this" / "Reviews.csv", reviews)
    assert not _import(returns / "this").written
    result = _import(returns / "this", clean_children_only=True)
    assert result.written and result.children_left_out == [child]
    assert not Child.objects.filter(council_reference=child).exists()
    assert Child.objects.count() == len(_rows(returns / "this" / "Header.csv")) - 2


def test_input_that_cannot_be_read_is_refused_with_a_message_never_a_crash(db, tmp_path, capsys):
    with pytest.raises(InputProblem, match="no folder"):
        import_903_folder(tmp_path / "nowhere", year=YEAR, today=TODAY)
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputProblem, match="holds no files"):
        import_903_folder(tmp_path / "empty", year=YEAR, today=TODAY)
    assert import_main([str(tmp_path / "empty"), "--year", str(YEAR)]) == 2
    assert "Nothing was imported" in capsys.readouterr().err
    (tmp_path / "xml").mkdir()
    (tmp_path / "xml" / "return.xml").write_text("<Message></Message>")
    result = import_903_folder(tmp_path / "xml", year=YEAR, today=TODAY)
    assert not result.written and "XML return" in result.problems[0].message
    assert import_main([str(tmp_path / "xml"), "--year", str(YEAR), "--quiet"]) == 1
    for name, content, words in (
        ("Header.csv", b"", "empty"),
        ("Header.csv", "CHILD,SEX\n".encode("utf-16"), "UTF-16"),
        ("notes.csv", b"name,notes\nx,y\n", "not the column list"),
    ):
        result = import_903_files({name: content}, year=YEAR, today=TODAY)
        assert not result.written and any(words in p.message for p in result.problems), (name, result.problems)


def test_upper_case_csv_names_are_read(returns):
    for path in (returns / "this").glob("*.csv"):
        path.rename(path.with_suffix(".CSV"))
    result = _import(returns / "this")
    assert result.written and result.counts["children added"] > 100


def test_a_latin1_file_names_the_row_and_column_of_each_byte_that_is_not_utf8(returns):
    path = returns / "this" / "Episodes.csv"
    rows = _rows(path)
    rows[3][11] = "LS1 4AP"
    text = "\n".join(",".join(r) for r in rows) + "\n"
    data = text.encode("utf-8").replace(b"LS1 4AP", "LS1 4AP\u00e9".encode("latin-1"), 1)
    path.write_bytes(data)
    result = _import(returns / "this")
    assert not result.written
    problem = next(p for p in result.problems if "not UTF-8" in p.message)
    assert (problem.file, problem.row, problem.column) == ("Episodes.csv", 4, "PL_POST")


def test_the_problem_list_is_a_csv_file_where_formula_text_stays_text(returns, tmp_path):
    header = _rows(returns / "this" / "Header.csv")
    header[1][4] = "=HYPERLINK(1)"
    _write(returns / "this" / "Header.csv", header)
    out = tmp_path / "problems.csv"
    assert (
        import_main([str(returns / "this"), "--year", str(YEAR), "--today", "2026-11-23", "--problems", str(out)]) == 1
    )
    rows = list(csv.reader(io.StringIO(out.read_text())))
    assert rows[0] == ["file", "row", "column", "value", "problem"]
    assert ["Header.csv", "2", "UPN", "'=HYPERLINK(1)"] == rows[1][:4]


def test_a_2026_27_return_with_deprivation_of_liberty_orders_reads_back_exactly(council, tmp_path):
    child = Child.objects.filter(episodes__end__isnull=True, date_of_birth__lt=date(2013, 1, 1)).first()
    LegalOrder.objects.create(child=child, order_type=DEPRIVATION_OF_LIBERTY_ORDER, made=date(2026, 5, 4))
    export_903(year=2027, out_dir=tmp_path / "first")
    delete_demo_data()
    result = import_903_folder(tmp_path / "first", year=2027, today=TODAY)
    assert result.written and result.counts["deprivation of liberty orders added"] >= 1
    export_903(year=2027, out_dir=tmp_path / "again")
    assert _files(tmp_path / "first") == _files(tmp_path / "again")
    assert "DoLo.csv" in _files(tmp_path / "again")


def test_the_children_an_import_changes_are_announced_and_their_obligations_follow_the_new_facts(returns):
    told = []
    on_children_changed("test", told.append)
    try:
        _import(returns / "last", year=YEAR - 1)
        reviewed = {r[0] for r in _rows(returns / "this" / "Reviews.csv")[1:]}
        child = Child.objects.filter(council_reference__in=reviewed).order_by("council_reference").first()
        before = [(o.rule, o.due, o.status) for o in obligations_for_child(child, today=TODAY)]
        told.clear()
        result = _import(returns / "this")
        # Each child the later year added to or changed is named, once.
        assert told == [result.changed_children] and child.pk in result.changed_children
        assert result.counts["children changed"] == len(result.changed_children)
        assert set(Child.objects.filter(council_reference__in=reviewed).values_list("pk", flat=True)) <= set(told[0])
        # The child's obligations are worked out from the reviews the import brought.
        after = [(o.rule, o.due, o.status) for o in obligations_for_child(child, today=TODAY)]
        assert after != before
        # The same files again change no child, and nobody is told anything.
        told.clear()
        again = _import(returns / "this")
        assert again.changed_children == frozenset() and told == []
    finally:
        _listeners.pop("test", None)


def test_each_child_an_import_adds_or_changes_is_in_the_audit_trail_and_a_rerun_adds_nothing(
    returns, django_user_model
):
    analyst = django_user_model.objects.create_user("performance.analyst", role="analyst")
    before = AuditEvent.objects.count()
    result = import_903_folder(returns / "this", year=YEAR, today=TODAY, by=analyst)
    events = AuditEvent.objects.filter(model="returns.import903")
    # One row per child the files added or changed, each naming the child, the person and the year.
    assert events.count() == len(result.changed_children) > 100
    assert set(events.values_list("child_id", flat=True)) == set(result.changed_children)
    event = events.filter(action="create").order_by("id").first()
    child = Child.objects.get(pk=event.child_id)
    assert event.object_id == child.council_reference and event.username == "performance.analyst"
    assert event.after["source"] == f"SSDA903 return for the year ending 31 March {YEAR}"
    assert event.after["changes"]["child added"] == 1
    assert event.after["changes"].get("episodes", 0) == Episode.objects.filter(child=child).count()
    assert AuditEvent.objects.count() == before + events.count()
    assert chain.verify()[1] is None
    # The same files again change nothing, so the trail gains nothing.
    import_903_folder(returns / "this", year=YEAR, today=TODAY, by=analyst)
    assert AuditEvent.objects.count() == before + len(result.changed_children)


def test_an_import_refused_for_its_problems_leaves_no_trace_in_the_audit_trail(returns):
    rows = _rows(returns / "this" / "Header.csv")
    rows[1][2] = "2099-01-01"  # a date of birth in the future
    _write(returns / "this" / "Header.csv", rows)
    before = AuditEvent.objects.count()
    result = _import(returns / "this")
    assert result.problems and not result.written
    assert AuditEvent.objects.count() == before
