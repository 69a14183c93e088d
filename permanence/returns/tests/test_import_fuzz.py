"""A council's SSDA903 files with anything in any cell: the import either takes the files whole or
names each problem by file, row and column, and never crashes or writes half of them."""

import csv
import io

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from permanence.children.models import Child, Episode, Review
from permanence.demo.loader import delete_demo_data
from permanence.returns.export import export_903
from permanence.returns.importer import import_903_files

from .conftest import YEAR

ODD = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", " ", "31/02/2026", "2026-01-01", "01/13/2026", "00/00/0000", "31/12/9999", "01/01/1066",
                     "ZZ", "X1", "C2", "9" * 40, "-1", "1e9", "\x00", "\u202e01/01/2026", "０１/０１/２０２６",
                     "=cmd|' /C calc'!A0", "'; DROP TABLE children_child; --", "NaN", "None"]),
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

    @settings(max_examples=60, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
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
            result = import_903_files({key: value.encode() for key, value in changed.items()})
            if result.problems:
                assert (Child.objects.count(), Episode.objects.count(), Review.objects.count()) == (0, 0, 0)
                for problem in result.problems:
                    assert problem.file and problem.message, problem
                    assert problem.row >= 0
            else:
                assert Child.objects.count() > 0
            transaction.set_rollback(True)

    imports_or_names_the_problem()
