"""A council's SSDA903 files with anything in any cell: the import either takes the files whole or
names each problem by file, row and column, and never crashes or writes half of them."""

import csv
import io

import pytest
from django.db import transaction
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from permanence.children.models import Allocation, Child, Episode, LegalOrder, Review
from permanence.demo.loader import delete_demo_data
from permanence.returns import models as m
from permanence.returns.export import export_903
from permanence.returns.importer import InputProblem, import_903_files

from .conftest import TODAY, YEAR

RETURN_MODELS = (
    m.Motherhood,
    m.HealthOutcome,
    m.CareLeaverContact,
    m.AdoptionDetail,
    m.PlacementForAdoptionDecision,
    m.PreviousPermanence,
    m.MissingEpisode,
)
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


def _facts():
    """Every fact the import can write, by model and id (the version counters left out)."""
    out = {}
    for model in (Child, Episode, Review, Allocation, LegalOrder, *RETURN_MODELS):
        names = [f.attname for f in model._meta.concrete_fields if f.name not in ("version", "updated_at")]
        out[model.__name__] = {row[0]: row for row in model.objects.values_list(*names)}
    return out


# What the record may hold that a file can still fill in: a blank, "not a mother (yet)", "not (yet)
# known to be unaccompanied", the ethnicity not yet obtained (NOBT).
FILLABLE = (None, "", False, "NOBT")


def test_no_edit_of_a_return_and_no_older_year_ever_changes_a_fact_the_record_holds(council, tmp_path):
    """Whatever is done to the files (a cell blanked, a value copied from another row, a row left
    out) and whichever year they are for, what the record held stays as it was: an import adds and
    fills in blanks, never changes, reopens or removes."""
    for year in (YEAR - 1, YEAR):
        export_903(year=year, out_dir=tmp_path / str(year))
    delete_demo_data()
    import_903_files({p.name: p.read_bytes() for p in (tmp_path / str(YEAR)).glob("*.csv")}, year=YEAR, today=TODAY)
    held = _facts()
    returns = {
        year: {p.name: _rows(p.read_text()) for p in sorted((tmp_path / str(year)).glob("*.csv"))}
        for year in (YEAR - 1, YEAR)
    }

    @settings(max_examples=40, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
    @given(data=st.data())
    def never_changes_what_is_held(data):
        year = data.draw(st.sampled_from([YEAR - 1, YEAR]), label="year")
        tables = {name: [list(row) for row in rows] for name, rows in returns[year].items()}
        names = sorted(name for name, rows in tables.items() if len(rows) > 2)
        for _ in range(data.draw(st.integers(1, 4), label="edits")):
            rows = tables[data.draw(st.sampled_from(names), label="file")]
            row = data.draw(st.integers(1, len(rows) - 1), label="row")
            edit = data.draw(st.sampled_from(["blank", "copy", "drop"]), label="edit")
            if edit == "drop":
                del rows[row]
                continue
            column = data.draw(st.integers(1, len(rows[0]) - 1), label="column")
            other = data.draw(st.integers(1, len(rows) - 1), label="from row")
            rows[row][column] = "" if edit == "blank" else rows[other][column]
        with transaction.atomic():
            result = import_903_files(
                {name: _text(rows).encode() for name, rows in tables.items()}, year=year, today=TODAY
            )
            event("imported" if result.written else "refused with its problems listed")
            now = _facts()
            for model, rows in held.items():
                for pk, before in rows.items():
                    after = now[model].get(pk)
                    assert after is not None, (model, before, "removed")
                    for old, new in zip(before, after, strict=True):
                        assert new == old or old in FILLABLE, (model, before, after, result.kept)
            transaction.set_rollback(True)

    never_changes_what_is_held()
