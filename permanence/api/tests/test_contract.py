"""Contract tests: schemathesis generates requests from the served OpenAPI document, valid and
invalid, for every operation, and checks the API never fails with a server error and that every
response matches the document (status code, content type, body schema).

Path ids are pointed at real records of the test council, so the generated bodies reach the
services and their validation rather than stopping at "not found".
"""

import itertools

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from permanence.access import matrix
from permanence.api.tokens import token_issue
from permanence.children.models import Carer, Proceedings

# Every generated request against every operation (slow; `make test` runs it).
pytestmark = pytest.mark.slow

EXAMPLES = 25  # per operation, valid and invalid requests mixed
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]

# The collection a path id follows -> the record of the test council it points at.
RECORDS = {
    "children": ("children.Child", {"council_reference": "A1"}),
    "episodes": ("children.Episode", {"child__council_reference": "A1"}),
    "proceedings": ("children.Proceedings", {"child__council_reference": "A1"}),
    "plans": ("planning.PermanencePlan", {"child__council_reference": "A1"}),
    "options-analyses": ("planning.OptionsAnalysis", {"child__council_reference": "A1"}),
    "carers": ("children.Carer", {}),
    "matches": ("matching.Match", {}),
    "contact-plans": ("support.ContactPlan", {"child__council_reference": "A1"}),
}


def _served_schema():
    from django.core.wsgi import get_wsgi_application

    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


OPERATIONS = [result.ok() for result in _served_schema().get_all_operations()]


@pytest.fixture
def records(council):
    # Schemathesis calls the WSGI app directly; like Django's test client, keep the test's
    # database connection open across its requests (Django closes it at each request's end).
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield _records(council)
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _records(council):
    Carer.objects.get_or_create(reference="C-API", defaults={"name": "Jo and Sam Carer", "kind": "adopter"})
    Proceedings.objects.get_or_create(
        child=council["mine"], defaults={"issued": council["mine"].episodes.first().start}
    )
    return council


def _record_ids():
    from django.apps import apps

    ids = {}
    for collection, (label, lookup) in RECORDS.items():
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        pk = model.objects.filter(**lookup).order_by("pk").values_list("pk", flat=True).first()
        if pk is not None:
            ids[collection] = pk
    return ids


def _point_at_records(case, ids):
    segments = case.path.strip("/").split("/")
    for before, segment in itertools.pairwise(segments):
        name = segment.strip("{}")
        if segment.startswith("{") and name in (case.path_parameters or {}) and before in ids:
            case.path_parameters[name] = ids[before]


@pytest.mark.parametrize("operation", OPERATIONS, ids=[operation.label for operation in OPERATIONS])
def test_the_api_answers_every_generated_request_without_a_server_error_and_as_documented(operation, records):
    manager = records["people"][matrix.SERVICE_MANAGER]
    headers = {"Authorization": f"Bearer {token_issue(user=manager, name='contract tests').secret}"}
    ids = _record_ids()

    @given(
        case=st.one_of(operation.as_strategy(GenerationMode.POSITIVE), operation.as_strategy(GenerationMode.NEGATIVE))
    )
    @settings(
        max_examples=EXAMPLES, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck)
    )
    def answers_as_documented(case):
        _point_at_records(case, ids)
        response = case.call(headers=headers)
        case.validate_response(response, checks=CHECKS)

    answers_as_documented()
