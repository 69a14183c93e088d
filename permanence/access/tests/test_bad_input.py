"""Malformed case files: the reader either builds a snapshot or names the bad field, never crashes."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from permanence.timescales.snapshot import CaseFileError, CaseSnapshot

# Fuzz: hypothesis tries many case files (slow; `make test` runs it).
pytestmark = pytest.mark.slow

VALID = {
    "child": {"id": "C1", "dob": "2018-05-01"},
    "episodes": [{"start": "2025-01-05", "legal_status": "C2", "placement": "U6", "reason_new": "S"}],
    "reviews": [{"date": "2025-02-01"}],
    "proceedings": {"issued": "2025-01-10", "extensions": [{"weeks": 8}]},
    "orders": [{"type": "interim_care_order", "made": "2025-01-10"}],
    "plan": {"primary": "adoption"},
    "decisions": [{"kind": "plan_agreed", "date": "2025-03-01"}],
    "visits": [{"date": "2025-01-12"}],
}

odd_text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "2025-02-30",
            "31/01/2025",
            "2025-13-01",
            "0000-00-00",
            "9999-99-99",
            "C9",
            "ZZ",
            "\x00",
            "\ud7ff",
            "e\u0301",
            "\u202e2025-01-01",
            "１２３",
            "NaN",
            "",
            " ",
            "2025-01-01T00:00",
        ]
    ),
    st.text(min_size=5000, max_size=20000).map(lambda s: s or "x" * 5000),
)
json_value = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True)
    | odd_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=20,
)


def read(data):
    try:
        snapshot = CaseSnapshot.from_dict(data)
    except CaseFileError as problem:
        assert problem.field and problem.message
        return None
    assert isinstance(snapshot, CaseSnapshot)
    return snapshot


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(json_value)
def test_any_json_value_is_read_or_refused_by_name(value):
    read(value if isinstance(value, dict) else {"child": value})


def _paths(data, prefix=()):
    if isinstance(data, dict):
        for key, value in data.items():
            yield (*prefix, key)
            yield from _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield (*prefix, i)
            yield from _paths(value, (*prefix, i))


PATHS = list(_paths(VALID))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PATHS), json_value)
def test_one_bad_field_in_a_good_case_is_named_or_harmless(path, value):
    data = json.loads(json.dumps(VALID))
    target = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    read(data)


def test_the_good_case_reads():
    assert read(json.loads(json.dumps(VALID))) is not None
