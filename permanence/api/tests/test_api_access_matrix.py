"""Every role against every API operation, allowed and denied, as the role matrix says
(access.matrix.API_CAPABILITY); and, for a child outside the owner's case access, every
operation about that child is refused."""

import json
import re

import pytest

from permanence.access import matrix
from permanence.api.cli import schema_document
from permanence.children.models import Episode, Proceedings
from permanence.planning.models import OptionsAnalysis, PermanencePlan

OPERATIONS = [
    (method.upper(), path, op["operationId"])
    for path, ops in json.loads(schema_document())["paths"].items()
    for method, op in ops.items()
]


def test_every_operation_is_in_the_role_matrix_and_nothing_else_is():
    assert {op for _, _, op in OPERATIONS} == set(matrix.API_CAPABILITY)


def _url(path, ids):
    def fill(match):
        return str(ids.get(match.group(1), 999999))

    return re.sub(r"\{(\w+)\}", fill, path)


def _ids(child):
    proceedings = Proceedings.objects.filter(child=child).first() or Proceedings.objects.create(child=child)
    return {
        "child_id": child.pk,
        "key": "permanence",
        "episode_id": Episode.objects.filter(child=child).values_list("pk", flat=True).first(),
        "proceedings_id": proceedings.pk,
        "plan_id": PermanencePlan.objects.filter(child=child).values_list("pk", flat=True).first(),
        "analysis_id": OptionsAnalysis.objects.filter(child=child).values_list("pk", flat=True).first() or 999999,
    }


@pytest.mark.slow  # every operation for every role: the full matrix
@pytest.mark.parametrize("role", matrix.ALL_ROLES)
def test_each_role_is_allowed_and_refused_exactly_what_the_matrix_says(council, api_as, role):
    api = api_as(council["people"][role])
    ids = _ids(council["mine"])  # in every casework role's case scope
    for method, path, operation in OPERATIONS:
        url = _url(path, ids).removeprefix("/api/v1")
        response = api.get(url) if method == "GET" else getattr(api, method.lower())(url, {})
        allowed = matrix.api_allows(role, operation)
        if allowed:
            assert response.status_code != 403, (role, operation, response.json())
        else:
            assert response.status_code == 403, (role, operation, response.status_code)
            assert response.json()["error"]["code"] == "forbidden"


def test_a_child_outside_the_owners_case_access_is_refused_on_every_operation_about_them(council, api_as):
    api = api_as(council["people"][matrix.SOCIAL_WORKER])
    for child in (council["other"], council["hidden"]):
        ids = _ids(child)
        for method, path, operation in OPERATIONS:
            if "{child_id}" not in path and not any(
                f"{{{k}}}" in path for k in ("episode_id", "proceedings_id", "plan_id")
            ):
                continue
            url = _url(path, ids).removeprefix("/api/v1")
            response = api.get(url) if method == "GET" else getattr(api, method.lower())(url, {})
            if response.status_code == 404 and ids.get("plan_id") is None and "{plan_id}" in path:
                continue  # the child has no plan to refuse
            # Reads are refused outright; a write's body is checked against the API first (it says
            # nothing about the child), then the case access refuses it.
            expected = (403,) if method == "GET" else (403, 422)
            assert response.status_code in expected, (child.first_name, operation, response.status_code)
            if response.status_code == 403:
                # An operation the role may not do at all (the IRO's review) is refused for the role first.
                codes = ("not_in_case_access", "restricted")
                if not matrix.api_allows(matrix.SOCIAL_WORKER, operation):
                    codes = ("forbidden",)
                assert response.json()["error"]["code"] in codes, (operation, response.json())
