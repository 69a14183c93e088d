"""The SSDA903 return: exported from the record, read back exactly, problems named row by row."""

import csv
import subprocess
from pathlib import Path

import pytest

from permanence.children.models import Child, Episode, Review
from permanence.demo.loader import delete_demo_data
from permanence.returns.export import export_903
from permanence.returns.importer import import_903_folder
from permanence.returns.tables import COLUMNS

from .conftest import YEAR

ROOT = Path(__file__).resolve().parents[3]


def _files(folder):
    return {p.name: p.read_text() for p in sorted(Path(folder).glob("*.csv"))}


def _header(path):
    with open(path) as handle:
        return next(csv.reader(handle))


def test_every_table_of_the_return_is_written_with_the_standards_column_headers(council, tmp_path):
    export_903(year=YEAR, out_dir=tmp_path)
    assert sorted(p.name for p in tmp_path.glob("*.csv")) == sorted(f"{t}.csv" for t in COLUMNS)
    assert _header(tmp_path / "Episodes.csv") == [
        "CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC", "REASON_PLACE_CHANGE",
        "HOME_POST", "PL_POST", "URN"]
    assert _header(tmp_path / "SWEpisodes.csv") == ["CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"]
    for table, columns in COLUMNS.items():
        assert _header(tmp_path / f"{table}.csv") == columns


def test_the_return_covers_only_the_collection_year_and_writes_dates_day_first(council, tmp_path):
    export_903(year=YEAR, out_dir=tmp_path)
    with open(tmp_path / "Episodes.csv") as handle:
        rows = list(csv.DictReader(handle))
    assert rows
    for row in rows:
        day, month, year = row["DECOM"].split("/")
        assert len(year) == 4 and (int(year), int(month)) <= (2026, 3)
        if row["DEC"]:
            d, mth, y = row["DEC"].split("/")
            assert (int(y), int(mth), int(d)) >= (2025, 4, 1)


def test_an_export_imported_into_an_empty_record_exports_to_identical_files(council, tmp_path):
    export_903(year=YEAR, out_dir=tmp_path / "first")
    delete_demo_data()
    assert not Child.objects.exists()
    result = import_903_folder(tmp_path / "first")
    assert result.problems == []
    export_903(year=YEAR, out_dir=tmp_path / "again")
    assert _files(tmp_path / "first") == _files(tmp_path / "again")


def test_importing_the_same_files_twice_changes_nothing(council, tmp_path):
    export_903(year=YEAR, out_dir=tmp_path)
    delete_demo_data()
    import_903_folder(tmp_path)
    before = (Child.objects.count(), Episode.objects.count(), Review.objects.count())
    again = import_903_folder(tmp_path)
    assert again.problems == []
    assert {k: v for k, v in again.counts.items() if v and k != "reasons for change recorded"} == {}
    assert (Child.objects.count(), Episode.objects.count(), Review.objects.count()) == before


def test_a_later_years_files_extend_the_record_and_close_last_years_open_episodes(council, tmp_path):
    export_903(year=YEAR - 1, out_dir=tmp_path / "last")
    export_903(year=YEAR, out_dir=tmp_path / "this")
    delete_demo_data()
    import_903_folder(tmp_path / "last")
    open_last_year = Episode.objects.filter(end__isnull=True).count()
    after_first = Episode.objects.count()
    result = import_903_folder(tmp_path / "this")
    assert result.problems == []
    assert result.counts["episodes added"] > 0 and result.counts["episodes updated"] > 0
    assert Episode.objects.count() > after_first
    assert Episode.objects.filter(end__isnull=True).count() != open_last_year
    export_903(year=YEAR, out_dir=tmp_path / "again")
    assert _files(tmp_path / "this") == _files(tmp_path / "again")


def test_files_with_problems_import_nothing_and_each_problem_names_file_row_and_column(council, tmp_path):
    export_903(year=YEAR, out_dir=tmp_path)
    delete_demo_data()
    path = tmp_path / "Episodes.csv"
    lines = path.read_text().splitlines()
    cells = lines[2].split(",")
    cells[1], cells[3] = "2025-13-01", "ZZ"
    lines[2] = ",".join(cells)
    lines.append("NOBODY,01/05/2025,S,V2,N1,U6,PR1,,,,,,")
    path.write_text("\n".join(lines) + "\n")
    result = import_903_folder(tmp_path)
    found = {(p.file, p.row, p.column) for p in result.problems}
    assert ("Episodes.csv", 3, "DECOM") in found
    assert ("Episodes.csv", 3, "LS") in found
    assert ("Episodes.csv", len(lines), "CHILD") in found
    assert next(p for p in result.problems if p.column == "LS").value == "ZZ"
    assert not Child.objects.exists() and not Episode.objects.exists()


def test_a_file_that_is_not_a_903_table_is_reported(db, tmp_path):
    (tmp_path / "Header.csv").write_text(",".join(COLUMNS["Header"]) + "\n")
    (tmp_path / "notes.csv").write_text("name,notes\nx,y\n")
    result = import_903_folder(tmp_path)
    assert [(p.file, p.row) for p in result.problems] == [("notes.csv", 1)]


VALIDATOR = ROOT / ".venv-903" / "bin" / "python"


@pytest.mark.skipif(not VALIDATOR.exists(), reason="the DfE validator's own environment .venv-903 is absent: "
                    "run `make validate-903` (make test creates it)")
def test_the_demo_councils_return_passes_the_dfe_validation_rules(council, tmp_path):
    export_903(year=YEAR, out_dir=tmp_path)
    run = subprocess.run([str(VALIDATOR), str(ROOT / "scripts" / "validate_903.py"), str(tmp_path),
                          "--year", str(YEAR)], capture_output=True, text=True, timeout=600)
    report = "\n".join(line for line in run.stdout.splitlines() if line.startswith(("ERROR", "excluded", "rules")))
    assert run.returncode == 0, report
    assert "0 rules with errors" in run.stdout


def test_the_command_line_writes_and_reads_the_return(council, tmp_path, capsys):
    from permanence.returns.cli import export_main, import_main

    assert export_main(["--year", str(YEAR), "--out", str(tmp_path)]) == 0
    assert "Episodes" in capsys.readouterr().out
    assert import_main([str(tmp_path)]) == 0


