"""Beside a case system the API refuses to change the facts the case system owns, whoever asks,
and keeps accepting the product's own records (plans, decisions ...)."""

import pytest

from permanence.access import matrix
from permanence.api.api import api
from permanence.children.models import Child, Episode

EPISODE = {
    "start": "2026-02-02",
    "reason_new": "S",
    "legal_status": "C2",
    "category_of_need": "N1",
    "placement": "U4",
    "provider": "PR1",
}


@pytest.fixture
def beside_mosaic(settings):
    settings.PERMANENCE_CASE_RECORD = "case_system"
    settings.PERMANENCE_CASE_SYSTEM_NAME = "Mosaic"


def test_beside_mosaic_an_episode_sent_to_the_api_is_refused_and_nothing_changes(council, api_as, beside_mosaic):
    child = council["mine"]
    api = api_as(council["people"][matrix.SOCIAL_WORKER])
    response = api.post(f"/children/{child.pk}/episodes", EPISODE)
    assert response.status_code == 403
    error = response.json()["error"]
    assert error["code"] == "kept_in_case_system" and "kept in Mosaic" in error["message"]
    assert not Episode.objects.filter(child=child, start="2026-02-02").exists()


def test_beside_mosaic_a_new_child_or_a_changed_name_is_refused(council, api_as, beside_mosaic):
    api = api_as(council["people"][matrix.SERVICE_MANAGER])
    created = api.post(
        "/children", {"first_name": "Noah", "last_name": "X", "date_of_birth": "2021-06-01", "council_reference": "N1"}
    )
    assert created.status_code == 403 and not Child.objects.filter(council_reference="N1").exists()
    changed = api.patch(f"/children/{council['mine'].pk}", {"first_name": "Changed"}, if_match=council["mine"].version)
    assert changed.status_code == 403
    council["mine"].refresh_from_db()
    assert council["mine"].first_name != "Changed"


def test_beside_mosaic_the_plan_and_decisions_are_still_recorded_through_the_api(council, api_as, beside_mosaic):
    child = council["mine"]
    api = api_as(council["people"][matrix.SOCIAL_WORKER])
    decision = api.post(
        f"/children/{child.pk}/decisions",
        {
            "kind": "plan_agreed",
            "date": "2026-03-02",
            "forum": "review",
            "decided_by": "Irene Reviewer (IRO)",
            "rationale": "Agreed.",
        },
    )
    assert decision.status_code == 201, decision.json()
    assert api.get(f"/children/{child.pk}/episodes").status_code == 200  # reading is unchanged


def test_as_the_case_record_the_same_changes_are_accepted(council, api_as, settings):
    settings.PERMANENCE_CASE_RECORD = "product"
    api = api_as(council["people"][matrix.SERVICE_MANAGER])
    created = api.post(
        "/children", {"first_name": "Noah", "last_name": "X", "date_of_birth": "2021-06-01", "council_reference": "N1"}
    )
    assert created.status_code == 201, created.json()
    assert api.post(f"/children/{created.json()['id']}/episodes", EPISODE).status_code == 201


def test_every_operation_that_changes_the_record_names_the_fact_it_changes():
    for bound in api._get_bound_routers():
        for path_view in bound.path_operations.values():
            for operation in path_view.operations:
                if set(operation.methods) - {"GET", "HEAD", "OPTIONS"}:
                    assert operation.view_func.__name__ in matrix.API_FACT


def test_beside_mosaic_court_stages_are_recorded_here_but_the_pre_proceedings_dates_are_refused(
    council, api_as, beside_mosaic
):
    child = council["mine"]
    api = api_as(council["people"][matrix.SOCIAL_WORKER])
    created = api.post(f"/children/{child.pk}/proceedings", {"issued": "2026-01-20", "court": "Thornbury"})
    assert created.status_code == 201, created.json()
    version = created.json()["version"]
    refused = api.patch(
        f"/proceedings/{created.json()['id']}", {"pre_proceedings_start": "2025-11-01"}, if_match=version
    )
    assert refused.status_code == 422
    assert "Mosaic" in refused.json()["error"]["fields"]["pre_proceedings_start"][0]
    saved = api.patch(f"/proceedings/{created.json()['id']}", {"concluded": "2026-06-30"}, if_match=version)
    assert saved.status_code == 200
