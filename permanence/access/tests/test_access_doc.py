"""docs/access.md says what the role matrix does: its tables are the ones matrix.py makes."""

from pathlib import Path

from permanence.access import matrix

DOC = Path(__file__).resolve().parents[3] / "docs" / "access.md"


def test_the_capability_table_in_the_docs_is_the_role_matrix():
    assert matrix.capability_table() in DOC.read_text(), (
        "docs/access.md's capability table differs from permanence/access/matrix.py: paste "
        "matrix.capability_table() over the block it marks"
    )


def test_the_case_scope_table_in_the_docs_is_the_role_matrix():
    assert matrix.scope_table() in DOC.read_text(), (
        "docs/access.md's case scope table differs from permanence/access/matrix.py: paste "
        "matrix.scope_table() over the block it marks"
    )


def test_every_capability_and_role_is_in_the_table():
    table = matrix.capability_table()
    assert all(f"`{capability}`" in table for capability in matrix.ALL_CAPABILITIES)
    assert set(matrix.MEANING) == set(matrix.ALL_CAPABILITIES)
    assert table.count("\n| `") == len(matrix.ALL_CAPABILITIES)
