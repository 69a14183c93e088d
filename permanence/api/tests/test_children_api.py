"""A case system opens a child's record, records an episode and reads back what is due."""

from datetime import date

import pytest

from permanence.access import matrix
from permanence.api.models import ApiToken
from permanence.api.tokens import token_revoke
from permanence.audit.models import AuditEvent
from permanence.children.models import Allocation, Child, Episode
from permanence.children.tests.at_once import at_once, statuses
from permanence.web.tests.builders import child_in_care

NEW_CHILD = {
    "first_name": "Noah",
    "last_name": "Example",
    "date_of_birth": "2021-06-01",
    "sex": "1",
    "ethnicity": "WBRI",
    "council_reference": "API-1",
}
EPISODE = {
    "start": "2026-02-02",
    "reason_new": "S",
    "legal_status": "C2",
    "category_of_need": "N1",
    "placement": "U4",
    "provider": "PR1",
}


def test_a_social_worker_opens_a_record_and_holds_the_case_from_the_first_day(council, api_as):
    sam = council["people"][matrix.SOCIAL_WORKER]
    api = api_as(sam)
    response = api.post("/children", NEW_CHILD)
    assert response.status_code == 201, response.json()
    child = Child.objects.get(council_reference="API-1")
    assert response.json()["id"] == child.pk and response.json()["social_worker"] == sam.get_full_name()
    assert Allocation.objects.get(child=child, role=Allocation.SOCIAL_WORKER, end__isnull=True).worker == sam
    assert api.get(f"/children/{child.pk}").json()["council_reference"] == "API-1"


def test_an_episode_recorded_through_the_api_makes_the_first_review_due_in_twenty_working_days(council, api_as):
    api = api_as(council["people"][matrix.SOCIAL_WORKER])
    child_id = api.post("/children", NEW_CHILD).json()["id"]
    assert api.post(f"/children/{child_id}/episodes", EPISODE).status_code == 201
    obligations = api.get(f"/children/{child_id}/obligations", {"on": "2026-02-10"}).json()
    first_review = next(o for o in obligations if o["rule"] == "cla-review" and o["occurrence"] == 1)
    assert first_review["due"] == "2026-03-02" and first_review["status"] == "upcoming"
    assert "reg 33" in first_review["source"]


def test_bad_input_names_the_field_and_saves_nothing(council, api_as):
    api = api_as(council["people"][matrix.SOCIAL_WORKER])
    response = api.post("/children", {**NEW_CHILD, "date_of_birth": "2021-02-30", "ethnicity": "XXXX"})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "invalid" and set(error["fields"]) == {"date_of_birth", "ethnicity"}
    assert not Child.objects.filter(council_reference="API-1").exists()
    missing = api.post("/children", {k: v for k, v in NEW_CHILD.items() if k != "first_name"})
    assert missing.json()["error"]["fields"]["first_name"] == ["first_name is required."]


def test_a_record_that_cannot_be_is_refused_in_the_same_shape(council, api_as):
    api = api_as(council["people"][matrix.SOCIAL_WORKER])
    mine = council["mine"]
    before = Episode.objects.filter(child=mine).count()
    response = api.post(f"/children/{mine.pk}/episodes", {**EPISODE, "start": "2026-01-10"})
    assert response.status_code == 422
    assert "overlaps another episode" in response.json()["error"]["fields"]["start"][0]
    assert Episode.objects.filter(child=mine).count() == before
    duplicate = api.post("/children", {**NEW_CHILD, "council_reference": mine.council_reference})
    assert duplicate.json()["error"]["fields"] == {
        "council_reference": [f"Council reference {mine.council_reference} is already in use."]
    }


def test_a_token_never_sees_more_than_its_owner(council, api_as):
    api = api_as(council["people"][matrix.SOCIAL_WORKER])
    names = [c["first_name"] for c in api.get("/children").json()["items"]]
    assert names == ["Mina"]
    other = api.get(f"/children/{council['other'].pk}")
    assert other.status_code == 403 and other.json()["error"]["code"] == "not_in_case_access"
    hidden = api.get(f"/children/{council['hidden'].pk}/episodes")
    assert hidden.status_code == 403 and hidden.json()["error"]["code"] == "restricted"
    assert api.get("/children/999999").status_code == 404


@pytest.mark.parametrize("role", [matrix.PERFORMANCE_ANALYST, matrix.ADMINISTRATOR])
def test_roles_without_child_records_get_none_through_the_api_either(council, api_as, role):
    api = api_as(council["people"][role])
    assert api.get("/children").status_code == 403
    assert api.get(f"/children/{council['mine'].pk}/obligations").status_code == 403


def test_a_panel_member_reads_but_cannot_record(council, api_as):
    api = api_as(council["people"][matrix.PANEL_MEMBER])
    mine = council["mine"]
    assert api.get(f"/children/{mine.pk}").status_code == 200
    assert api.post(f"/children/{mine.pk}/reviews", {"date": "2026-02-01"}).status_code == 403


def test_a_read_only_token_cannot_change_the_record(council, api_as):
    api = api_as(council["people"][matrix.SOCIAL_WORKER], read_only=True)
    response = api.post("/children", NEW_CHILD)
    assert response.status_code == 403 and response.json()["error"]["code"] == "read_only_token"
    assert api.get("/children").status_code == 200


def test_no_token_or_a_revoked_token_is_refused(council, api_as, client):
    assert client.get("/api/v1/children").status_code == 401
    api = api_as(council["people"][matrix.SOCIAL_WORKER])
    token_revoke(token=ApiToken.objects.get())
    refused = api.get("/children")
    assert refused.status_code == 401 and refused["WWW-Authenticate"] == "Bearer"
    assert refused.json()["error"]["code"] == "not_authenticated"


def test_reads_and_changes_through_the_api_are_in_the_audit_trail_under_the_owner(council, api_as):
    sam, mine = council["people"][matrix.SOCIAL_WORKER], council["mine"]
    api = api_as(sam)
    api.get(f"/children/{mine.pk}")
    view = AuditEvent.objects.filter(action="view", child_id=mine.pk).latest("pk")
    assert view.username == sam.username and "API token" in view.user_agent
    api.patch(f"/children/{mine.pk}", {"religion": "Christian"}, if_match=api.etag(f"/children/{mine.pk}"))
    change = AuditEvent.objects.filter(action="update", model="children.Child").latest("pk")
    assert change.username == sam.username and change.after["religion"] == "Christian"


def test_proceedings_move_the_26_weeks_with_each_extension(council, api_as):
    api = api_as(council["people"][matrix.SOCIAL_WORKER])
    mine = council["mine"]
    created = api.post(f"/children/{mine.pk}/proceedings", {"issued": "2026-01-06", "court": "Thornbury FC"}).json()
    assert (
        api.post(f"/proceedings/{created['id']}/extensions", {"granted": "2026-06-20", "weeks": 9}).status_code == 422
    )
    assert (
        api.post(f"/proceedings/{created['id']}/extensions", {"granted": "2026-06-20", "weeks": 8}).status_code == 201
    )
    obligations = api.get(f"/children/{mine.pk}/obligations", {"on": "2026-06-25"}).json()
    limit = next(o for o in obligations if o["rule"] == "proceedings-26-weeks")
    assert limit["due"] == date(2026, 9, 1).isoformat()  # 26 weeks from 6 January, then 8 more


def test_lists_page_with_limit_and_offset(council, api_as):
    api = api_as(council["people"][matrix.SERVICE_MANAGER])
    page = api.get("/children", {"limit": 1, "offset": 1}).json()
    assert page["count"] == 2 and len(page["items"]) == 1
    assert api.get("/children", {"limit": 0}).status_code == 422


def test_a_change_made_since_the_system_read_the_record_is_not_overwritten(council, api_as):
    sam, manager, mine = (
        council["people"][matrix.SOCIAL_WORKER],
        council["people"][matrix.SERVICE_MANAGER],
        council["mine"],
    )
    case_system, colleague = api_as(sam), api_as(manager)
    etag = case_system.get(f"/children/{mine.pk}")["ETag"]
    assert colleague.patch(f"/children/{mine.pk}", {"first_language": "Polish"}, if_match=etag).status_code == 200
    stale = case_system.client.patch(
        f"/api/v1/children/{mine.pk}",
        {"first_language": "English"},
        content_type="application/json",
        headers={**case_system.headers, "If-Match": etag},
    )
    assert stale.status_code == 412 and stale.json()["error"]["code"] == "changed_since_read"
    mine.refresh_from_db()
    assert mine.first_language == "Polish"
    fresh = case_system.get(f"/children/{mine.pk}")["ETag"]
    saved = case_system.client.patch(
        f"/api/v1/children/{mine.pk}",
        {"religion": "None"},
        content_type="application/json",
        headers={**case_system.headers, "If-Match": fresh},
    )
    assert saved.status_code == 200 and saved["ETag"] != fresh


def test_an_unknown_address_or_method_answers_in_the_same_error_shape(council, api_as):
    api = api_as(council["people"][matrix.SOCIAL_WORKER])
    missing = api.get("/no-such-thing")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    wrong = api.client.delete(f"/api/v1/children/{council['mine'].pk}", headers=api.headers)
    assert wrong.status_code == 405 and wrong.json()["error"]["code"] == "method_not_allowed"
    assert "PATCH" in wrong["Allow"]


def test_a_change_without_if_match_is_refused_and_names_the_header(council, api_as):
    mine = council["mine"]
    api = api_as(council["people"][matrix.SOCIAL_WORKER])
    refused = api.patch(f"/children/{mine.pk}", {"religion": "Quaker"})
    assert refused.status_code == 428 and "If-Match" in refused.json()["error"]["message"]
    mine.refresh_from_db()
    assert mine.religion != "Quaker"


def test_a_patch_writes_only_the_fields_sent(council, api_as):
    """Two people change different fields of one record, each on the version they read: the second
    is refused rather than writing back the first person's field from a stale read; sent again on
    the new version, it changes only its own field."""
    mine = council["mine"]
    sam, manager = api_as(council["people"][matrix.SOCIAL_WORKER]), api_as(council["people"][matrix.SERVICE_MANAGER])
    read = sam.etag(f"/children/{mine.pk}")
    assert manager.patch(f"/children/{mine.pk}", {"religion": "Buddhist"}, if_match=read).status_code == 200
    assert sam.patch(f"/children/{mine.pk}", {"first_language": "Welsh"}, if_match=read).status_code == 412
    again = sam.patch(f"/children/{mine.pk}", {"first_language": "Welsh"}, if_match=sam.etag(f"/children/{mine.pk}"))
    assert again.status_code == 200
    mine.refresh_from_db()
    assert (mine.religion, mine.first_language) == ("Buddhist", "Welsh")


@pytest.mark.django_db(transaction=True)
def test_twenty_stale_patches_at_once_exactly_one_is_accepted(api_as, sam):
    """Twenty clients read the record, then all PATCH it with the same ETag at the same moment:
    one is written, nineteen get 412, and the record holds the one accepted value."""
    ava = child_in_care(
        "Ava", "Example", reference="P20", born=date(2020, 3, 10), entered=date(2026, 1, 5), social_worker=sam
    )
    clients = [api_as(sam) for _ in range(20)]
    etag = clients[0].etag(f"/children/{ava.pk}")
    answers = at_once(
        lambda n: clients[n].patch(f"/children/{ava.pk}", {"religion": f"Faith {n}"}, if_match=etag).status_code,
        writers=len(clients),
    )
    assert statuses(answers) == [200] + [412] * 19
    ava.refresh_from_db()
    assert ava.version == int(etag.strip('"')) + 1 and ava.religion.startswith("Faith ")


def test_a_child_opened_through_the_api_is_held_only_by_someone_who_may_hold_the_case(council, api_as):
    tara, irene = council["people"][matrix.TEAM_MANAGER], council["people"][matrix.IRO]
    api = api_as(tara)
    held = api.post("/children", {**NEW_CHILD, "social_worker": council["omar"].pk})
    assert held.status_code == 201 and held.json()["social_worker"] == council["omar"].get_full_name()
    refused = api.post("/children", {**NEW_CHILD, "council_reference": "API-2", "social_worker": irene.pk})
    assert refused.status_code == 422
    assert refused.json()["error"]["fields"] == {
        "social_worker": [f"No active social worker or team manager has id {irene.pk}."]
    }
    assert not Child.objects.filter(council_reference="API-2").exists()


def test_ending_an_episode_through_the_api_needs_the_version_read_and_a_stale_one_changes_nothing(council, api_as):
    """As every other edit: without If-Match (or with an empty one) 428, on an older version 412 naming
    the other change, and the episode is left as it was; on the version read it ends."""
    sam = council["people"][matrix.SOCIAL_WORKER]
    api = api_as(sam)
    mine = council["mine"]
    listed = api.get(f"/children/{mine.pk}/episodes").json()
    episode, read = listed[-1]["id"], listed[-1]["version"]
    path, end = f"/episodes/{episode}/close", {"end": "2026-06-01", "reason_ceased": "E4A"}
    assert api.post(path, end).status_code == 428
    assert api.post(path, end, if_match='""').status_code == 428
    assert Episode.objects.get(pk=episode).end is None and Episode.objects.get(pk=episode).version == read
    Episode.objects.get(pk=episode).save()  # someone else changes it after it was read
    stale = api.post(path, end, if_match=f'"{read}"')
    assert stale.status_code == 412 and Episode.objects.get(pk=episode).end is None
    closed = api.post(path, end, if_match=f'"{read + 1}"')
    assert closed.status_code == 200, closed.json()
    assert closed.json()["end"] == "2026-06-01" and closed["ETag"] == f'"{read + 2}"'
