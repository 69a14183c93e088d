"""A council's SSDA903 files with anything in any cell: the import either takes the files whole or
names each problem by file, row and column, and never crashes or writes half of them."""

import csv
import io

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from permanence.children.models import Child, Episode, Review
from permanence.demo.loader import delete_demo_data
from permanence.returns.export import export_903
from permanence.returns.importer import InputProblem, import_903_files

from .conftest import TODAY, YEAR

# Fuzz: hypothesis tries many cells in many files (slow; `make test` runs it).
pytestmark = pytest.mark.slow

ODD = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "",
            " ",
            "31/02/2026",
            "2026-01-01",
            "01/13/2026",
            "00/00/0000",
            "31/12/9999",
            "01/01/1066",
            "ZZ",
            "X1",
            "C2",
            "9" * 40,
            "-1",
            "1e9",
            "\x00",
            "\u202e01/01/2026",
            "０１/０１/２０２６",
            "=cmd|' /C calc'!A0",
            "'; DROP TABLE children_child; --",
            "NaN",
            "None",
        ]
    ),
)


def _rows(text):
    return list(csv.reader(io.StringIO(text)))


def _text(rows):
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def test_any_value_in_any_cell_is_imported_or_named_and_nothing_is_half_written(council, tmp_path):
    export_903(year=YEAR, out_dir=tmp_path)
    files = {p.name: p.read_text() for p in sorted(tmp_path.glob("*.csv"))}
    delete_demo_data()
    tables = {name: _rows(text) for name, text in files.items() if len(_rows(text)) > 1}
    names = sorted(tables)

    @settings(max_examples=60, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
    @given(data=st.data())
    def imports_or_names_the_problem(data):
        name = data.draw(st.sampled_from(names), label="file")
        rows = [list(row) for row in tables[name]]
        for _ in range(data.draw(st.integers(1, 3), label="cells changed")):
            row = data.draw(st.integers(1, len(rows) - 1), label="row")
            column = data.draw(st.integers(0, len(rows[0]) - 1), label="column")
            rows[row][column] = data.draw(ODD, label="value")
        changed = {**files, name: _text(rows)}
        with transaction.atomic():
            result = import_903_files({key: value.encode() for key, value in changed.items()}, year=YEAR, today=TODAY)
            if result.problems:
                assert (Child.objects.count(), Episode.objects.count(), Review.objects.count()) == (0, 0, 0)
                for problem in result.problems:
                    assert problem.file and problem.message, problem
                    assert problem.row >= 0
            else:
                assert Child.objects.count() > 0
            transaction.set_rollback(True)

    imports_or_names_the_problem()


FILE_NAMES = st.sampled_from(
    ["Header.csv", "Episodes.csv", "Reviews.csv", "x.CSV", "notes.txt", "return.xml", "a b.csv"]
)
RAW = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.sampled_from(
        [
            b"",
            b"\xef\xbb\xbf",
            b"\xff\xfe" + "CHILD,SEX".encode("utf-16-le"),
            b"CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n",
            b'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"unterminated,M,01/01/2015\n',
            b"CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nA1,M,01/01/2015,WBRI,,,\x00\n",
            b"CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nA1,M,01/01/2015,WBRI,,,,,,,,\n",
            b"CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nA1,\xe9,01/01/2015,WBRI,,,\n",
            b"child,sex,dob,ethnic,upn,mother,mc_dob\r\nA1,F,29/02/2016,WBRI,,1,01/01/2015\r\n",
            b"CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
            b"A1,01/05/2025,S,V2,N1,U6,PR1,,,,,,\nA1,01/05/2025,S,V2,N1,U6,PR1,,,,,,\n",
            b"x" * 200_000,
        ]
    ),
)


@settings(max_examples=80, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
@given(files=st.dictionaries(FILE_NAMES, RAW, max_size=4))
@pytest.mark.django_db
def test_any_bytes_in_any_file_are_refused_or_imported_never_a_crash(files):
    with transaction.atomic():
        try:
            result = import_903_files(files, year=YEAR, today=TODAY)
        except InputProblem as refused:  # the input as a whole refused (no files): a message, not a crash
            assert str(refused)
            return
        for problem in result.every_problem():
            assert problem.file is not None and problem.message
        assert result.written or result.problem_count > 0
        transaction.set_rollback(True)
