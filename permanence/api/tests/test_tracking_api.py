"""A data warehouse and a service manager read the three trackers through the API: the same rows
as the tracker pages, with pseudonyms (and no record ids) for a performance analyst."""

from datetime import date

import pytest

from permanence.access import matrix
from permanence.access.pseudonyms import pseudonym
from permanence.audit.models import AuditEvent
from permanence.children import services as children
from permanence.children.models import Carer

ON = {"on": "2026-02-10"}


@pytest.fixture
def placed_with_gran(council):
    """Mina lives with her grandmother, a connected person who shares her family name."""
    carer = Carer.objects.create(name="Grace Example", kind="connected_person", reference="CP-1")
    episode = council["mine"].episodes.get()
    children.episode_update(episode=episode, version=episode.version, carer=carer)
    return carer


def test_the_three_trackers_are_listed_with_their_columns(council, api_as):
    api = api_as(council["people"][matrix.SOCIAL_WORKER])
    response = api.get("/trackers")
    assert response.status_code == 200
    trackers = {t["key"]: t for t in response.json()}
    assert list(trackers) == ["plo", "proceedings", "permanence"]
    columns = {c["key"]: c for c in trackers["permanence"]["columns"]}
    assert columns["next_due"] == {"key": "next_due", "header": "Next due", "kind": "date"}
    assert trackers["proceedings"]["status_rule"] == "proceedings-26-weeks"


def test_a_social_worker_reads_the_permanence_tracker_for_the_children_in_their_case_access(
    council, api_as, placed_with_gran
):
    mine = council["mine"]
    api = api_as(council["people"][matrix.SOCIAL_WORKER])
    page = api.get("/trackers/permanence", ON).json()
    assert page["count"] == 1  # not Otto (another team), not Hana (a restricted record)
    row = page["items"][0]
    assert row["child_id"] == mine.pk and row["child"] == "Mina Example" and not row["pseudonymised"]
    values = row["values"]
    assert values["reference"] == "A1" and values["worker"] == "Sam Social-Worker" and values["iro"] == "Irene Reviewer"
    assert values["entered_care"] == "2026-01-05" and values["days_in_care"] == 36
    assert values["plan"].startswith("Adoption") and values["carer"] == "Grace Example"
    assert row["status"] in ("overdue", "due_soon", "upcoming")


def test_an_analysts_tracker_rows_carry_pseudonyms_never_names_or_record_ids(council, api_as, placed_with_gran):
    api = api_as(council["people"][matrix.PERFORMANCE_ANALYST])
    response = api.get("/trackers/permanence", ON)
    assert response.status_code == 200
    rows = response.json()["items"]
    assert {row["child"] for row in rows} == {
        f"Child {pseudonym(council['mine'].pk)}",
        f"Child {pseudonym(council['other'].pk)}",
    }
    assert all(row["child_id"] is None and row["pseudonymised"] for row in rows)
    assert {row["values"]["reference"] for row in rows} == {
        pseudonym(council["mine"].pk),
        pseudonym(council["other"].pk),
    }
    assert all(row["values"]["carer"] is None for row in rows)
    text = response.content.decode()
    for real in ("Mina", "Otto", "Hana", "Grace Example", '"A1"', '"A2"'):
        assert real not in text
    assert not AuditEvent.objects.filter(action="view").exists()  # no child record was opened


def test_the_proceedings_tracker_counts_the_weeks_against_26(council, api_as):
    children.proceedings_record(child=council["mine"], issued=date(2026, 1, 6), court="Thornbury FC")
    api = api_as(council["people"][matrix.SERVICE_MANAGER])
    rows = api.get("/trackers/proceedings", ON).json()["items"]
    assert [row["child"] for row in rows] == ["Mina Example"]
    values = rows[0]["values"]
    assert values["issued"] == "2026-01-06" and values["week"] == 6 and values["due"] == "2026-07-07"
    assert values["extensions"] == 0 and values["cmh"] is None and values["adm_needed"] == "Yes"


def test_tracker_rows_filter_sort_and_page(council, api_as):
    api = api_as(council["people"][matrix.SERVICE_MANAGER])
    both = api.get("/trackers/permanence", {**ON, "sort": "child", "descending": "true"}).json()
    assert [row["child"] for row in both["items"]] == ["Otto Example", "Mina Example"]
    omars = api.get("/trackers/permanence", {**ON, "worker": council["omar"].pk}).json()
    assert [row["child"] for row in omars["items"]] == ["Otto Example"]
    irenes = api.get("/trackers/permanence", {**ON, "iro": council["people"][matrix.IRO].pk}).json()
    assert [row["child"] for row in irenes["items"]] == ["Mina Example"]
    assert api.get("/trackers/permanence", {**ON, "stage": "placed"}).json() == {"items": [], "count": 0}
    page = api.get("/trackers/permanence", {**ON, "limit": 1, "offset": 1}).json()
    assert page["count"] == 2 and len(page["items"]) == 1
    assert api.get("/trackers/permanence", {"limit": 0}).status_code == 422


def test_an_unknown_tracker_is_not_found_in_the_one_error_shape(council, api_as):
    api = api_as(council["people"][matrix.SERVICE_MANAGER])
    response = api.get("/trackers/spreadsheet")
    assert response.status_code == 404
    error = response.json()["error"]
    assert error["code"] == "not_found" and "plo, proceedings, permanence" in error["message"]


def test_bad_tracker_filters_name_the_field(council, api_as):
    api = api_as(council["people"][matrix.SERVICE_MANAGER])
    response = api.get("/trackers/permanence", {"on": "2026-02-30", "stage": "somewhere", "worker": "sam"})
    assert response.status_code == 422
    assert set(response.json()["error"]["fields"]) == {"on", "stage", "worker"}
    wrong_column = api.get("/trackers/permanence", {"sort": "weeks_pre"})
    assert wrong_column.status_code == 422
    assert "no column 'weeks_pre'" in wrong_column.json()["error"]["fields"]["sort"][0]


def test_an_administrator_cannot_read_the_trackers(council, api_as):
    api = api_as(council["people"][matrix.ADMINISTRATOR])
    assert api.get("/trackers").status_code == 403
    response = api.get("/trackers/permanence")
    assert response.status_code == 403 and response.json()["error"]["code"] == "forbidden"


def test_a_read_only_token_reads_the_trackers(council, api_as):
    api = api_as(council["people"][matrix.TEAM_MANAGER], read_only=True)
    rows = api.get("/trackers/permanence", ON).json()["items"]
    assert [row["child"] for row in rows] == ["Mina Example"]
