"""A regional adoption agency keeps the carer register in step, starts family finding for a child,
reads the shortlist with each part of the score explained, and links the child with a household."""

from datetime import date

import pytest
from django.urls import reverse

from permanence.access import matrix
from permanence.audit.models import AuditEvent
from permanence.children.models import Carer
from permanence.matching import services
from permanence.matching.models import CarerProfile, ChildProfile, Match

REGISTER_ENTRY = {
    "approval_type": "adopter",
    "needs": {"health": 2, "emotional_behavioural": 1},
    "district": "TB1",
    "children_cared_for": 1,
    "open_to_siblings": True,
    "preferred_age_min": 3,
    "preferred_age_max": 9,
    "preferences": "A child who loves the outdoors.",
}
FAMILY_FINDING = {
    "started": "2026-02-01",
    "needs": {"health": 1},
    "district": "TB1",
    "max_km": 20,
    "wishes": "Mina wants a dog.",
}


def carer(name, reference, *, kind="adopter", **register):
    """A household on the case record (and, with `register`, on the family-finding register)."""
    found = Carer.objects.create(
        name=name, kind=kind, reference=reference, capacity=1, age_min=0, age_max=10, approval_date=date(2023, 1, 1)
    )
    if register:
        services.carer_profile_record(carer=found, **register)
    return found


@pytest.fixture
def hills(db):
    return carer("Jo and Sam Hill", "AD1", approval_type="adopter", district="TB1", needs={"health": 2})


@pytest.fixture
def searching(council):
    """Family finding has started for Mina (her plan is adoption)."""
    services.family_finding_start(child=council["mine"], date=date(2026, 2, 1), district="TB1", needs={"health": 1})
    return council["mine"]


def finder(council, api_as, **kwargs):
    return api_as(council["people"][matrix.FAMILY_FINDER], **kwargs)


# --- the carer register ------------------------------------------------------------------------


def test_a_family_finder_reads_the_carer_register_by_kind_and_status(council, api_as, hills):
    carer("Pat Foster", "FC1", kind="foster_carer")
    api = finder(council, api_as)
    adopters = api.get("/carers", {"kind": "adopter"}).json()
    assert adopters["count"] == 1 and adopters["items"][0]["name"] == "Jo and Sam Hill"
    assert adopters["items"][0]["register_entry"]["status"] == "available"
    assert api.get("/carers", {"status": "on_hold"}).json()["count"] == 0
    off = api.get("/carers", {"on_register": "false"}).json()["items"]
    assert [c["name"] for c in off] == ["Pat Foster"] and off[0]["register_entry"] is None
    assert api.get("/carers", {"q": "hill", "limit": 1}).json()["count"] == 1


def test_a_carer_added_to_the_register_reads_back_with_the_needs_they_can_meet(council, api_as):
    household = carer("Ria and Tom Shah", "AD2")
    api = finder(council, api_as)
    response = api.post(f"/carers/{household.pk}/register", REGISTER_ENTRY)
    assert response.status_code == 201, response.json()
    entry = api.get(f"/carers/{household.pk}").json()["register_entry"]
    assert entry["status"] == "available" and entry["needs"] == {"health": 2, "emotional_behavioural": 1}
    assert entry["preferred_age_max"] == 9 and entry["preferences"] == "A child who loves the outdoors."
    again = api.post(f"/carers/{household.pk}/register", REGISTER_ENTRY)
    assert again.status_code == 409 and again.json()["error"]["code"] == "conflict"


def test_carers_put_on_hold_need_a_reason_and_the_entry_is_otherwise_unchanged(council, api_as, hills):
    api = finder(council, api_as)
    opened = api.get(f"/carers/{hills.pk}").json()["register_entry"]["version"]
    refused = api.patch(f"/carers/{hills.pk}/register", {"status": "on_hold"}, if_match=f'"{opened}"')
    assert refused.status_code == 422 and "on_hold_reason" in refused.json()["error"]["fields"]
    assert CarerProfile.objects.get(carer=hills).status == "available"
    held = api.patch(
        f"/carers/{hills.pk}/register", {"status": "on_hold", "on_hold_reason": "Moving house"}, if_match=f'"{opened}"'
    )
    assert held.status_code == 200
    entry = held.json()["register_entry"]
    assert entry["status"] == "on_hold" and entry["on_hold_reason"] == "Moving house"
    assert entry["approval_type"] == "adopter" and entry["needs"] == {"health": 2}  # what was not sent stays


def test_bad_register_input_names_the_field_and_saves_nothing(council, api_as):
    household = carer("Ria and Tom Shah", "AD2")
    api = finder(council, api_as)
    response = api.post(
        f"/carers/{household.pk}/register",
        {
            **REGISTER_ENTRY,
            "approval_type": "wizard",
            "district": "ZZ9",
            "preferred_age_max": 30,
            "needs": {"magic": 1, "health": 7},
        },
    )
    assert response.status_code == 422
    assert set(response.json()["error"]["fields"]) == {
        "approval_type",
        "district",
        "preferred_age_max",
        "needs.magic.[key]",
        "needs.health",
    }
    ages = api.post(
        f"/carers/{household.pk}/register", {**REGISTER_ENTRY, "preferred_age_min": 9, "preferred_age_max": 3}
    )
    assert ages.status_code == 422 and "preferred_age_max" in ages.json()["error"]["fields"]
    assert not CarerProfile.objects.exists()
    assert api.patch(f"/carers/{household.pk}/register", {"status": "available"}).status_code == 404
    assert api.get("/carers/999999").status_code == 404


@pytest.mark.parametrize("role", [matrix.PERFORMANCE_ANALYST, matrix.ADMINISTRATOR])
def test_roles_without_meetings_cannot_open_the_carer_register(council, api_as, hills, role):
    api = api_as(council["people"][role])
    assert api.get("/carers").status_code == 403
    assert api.get(f"/carers/{hills.pk}").status_code == 403
    assert api.patch(f"/carers/{hills.pk}/register", {"status": "on_hold", "on_hold_reason": "x"}).status_code == 403


def test_a_read_only_token_cannot_change_the_register(council, api_as, hills):
    api = finder(council, api_as, read_only=True)
    assert api.get(f"/carers/{hills.pk}").status_code == 200
    refused = api.patch(f"/carers/{hills.pk}/register", {"status": "on_hold", "on_hold_reason": "Moving house"})
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "read_only_token"
    assert CarerProfile.objects.get(carer=hills).status == "available"


# --- a child's family finding, shortlist and links ---------------------------------------------


def test_family_finding_started_through_the_api_reads_back(council, api_as):
    api = finder(council, api_as)
    mine = council["mine"]
    assert api.get(f"/children/{mine.pk}/family-finding").json()["error"]["code"] == "family_finding_not_started"
    response = api.post(f"/children/{mine.pk}/family-finding", FAMILY_FINDING)
    assert response.status_code == 201, response.json()
    profile = api.get(f"/children/{mine.pk}/family-finding").json()
    assert profile["status"] == "searching" and profile["needs"] == {"health": 1} and profile["max_km"] == 20
    again = api.post(f"/children/{mine.pk}/family-finding", FAMILY_FINDING)
    assert again.status_code == 422 and "started" in again.json()["error"]["fields"]


def test_the_shortlist_ranks_households_with_each_part_of_the_score_and_its_reason(council, api_as, searching, hills):
    carer(
        "Too Far Family", "AD3", approval_type="long_term_foster_carer", district="TB2"
    )  # wrong approval for adoption
    api = finder(council, api_as)
    shortlist = api.get(f"/children/{searching.pk}/shortlist").json()
    assert shortlist["child_id"] == searching.pk and shortlist["placed_together"] == [searching.pk]
    assert shortlist["excluded"] == 1
    [first] = shortlist["carers"]
    assert first["rank"] == 1 and first["carer_id"] == hills.pk and first["carer"] == "Jo and Sam Hill"
    assert first["total"] == round(sum(p["points"] for p in first["parts"] if p["counted"]), 1) and first["out_of"] > 0
    assert shortlist["waiting"] and shortlist["waiting_reason"] and shortlist["held_back"] == ""
    assert all(part["reason"] for part in first["parts"])
    assert any("Same district as Mina" in part["reason"] for part in first["parts"])
    assert "Children and Families Act 2014" in first["ethnicity"]


def test_the_shortlist_waits_for_family_finding_to_start(council, api_as, hills):
    response = finder(council, api_as).get(f"/children/{council['mine'].pk}/shortlist")
    assert response.status_code == 404 and response.json()["error"]["code"] == "family_finding_not_started"


def test_a_child_linked_with_a_household_reads_back_as_a_match(council, api_as, searching, hills):
    api = finder(council, api_as)
    response = api.post(
        f"/children/{searching.pk}/matches", {"carer": hills.pk, "date": "2026-11-02", "note": "Good fit"}
    )
    assert response.status_code == 201, response.json()
    created = response.json()
    assert created["stage"] == "linked" and created["carer_id"] == hills.pk and created["child_ids"] == [searching.pk]
    assert created["linked_on"] == "2026-11-02" and created["score"]["parts"]
    assert [m["id"] for m in api.get(f"/children/{searching.pk}/matches").json()] == [created["id"]]
    detail = api.get(f"/matches/{created['id']}").json()
    assert detail["children"] == [{"id": searching.pk, "name": "Mina Example"}]
    assert [(e["to_stage"], e["date"], e["note"], e["by"]) for e in detail["events"]] == [
        ("linked", "2026-11-02", "Good fit", "Fiona Lindley")
    ]
    assert detail["what_next"].startswith("Arrange visits")
    assert api.get(f"/carers/{hills.pk}").json()["register_entry"]["status"] == "linked"
    assert api.get(f"/children/{searching.pk}/family-finding").json()["status"] == "linked"


def test_a_link_that_cannot_be_made_names_the_field_and_saves_nothing(council, api_as, searching, hills):
    api = finder(council, api_as)
    not_registered = carer("Pat Foster", "FC1", kind="foster_carer")
    for payload, field in [
        ({"carer": not_registered.pk}, "carer"),
        ({"carer": 999999}, "carer"),
        ({"carer": hills.pk, "date": "2099-01-01"}, "date"),
        ({"carer": hills.pk, "date": "soon"}, "date"),
        ({"date": "2026-11-02"}, "carer"),
    ]:
        response = api.post(f"/children/{searching.pk}/matches", payload)
        assert response.status_code == 422 and field in response.json()["error"]["fields"], (payload, response.json())
    assert not Match.objects.exists() and CarerProfile.objects.get(carer=hills).status == "available"


def test_family_finding_outside_case_access_is_refused(council, api_as, searching, hills):
    match = services.link_record(child=searching, carer=hills, date=date(2026, 11, 2))
    omar = api_as(council["omar"])
    for path in (f"/children/{searching.pk}/shortlist", f"/children/{searching.pk}/matches", f"/matches/{match.pk}"):
        response = omar.get(path)
        assert response.status_code == 403 and response.json()["error"]["code"] == "not_in_case_access", path
    assert omar.post(f"/children/{searching.pk}/matches", {"carer": hills.pk}).status_code == 403
    assert omar.get("/matches/999999").status_code == 404


@pytest.mark.parametrize("role", [matrix.PERFORMANCE_ANALYST, matrix.ADMINISTRATOR])
def test_roles_without_child_records_see_no_shortlist_or_match(council, api_as, searching, hills, role):
    match = services.link_record(child=searching, carer=hills, date=date(2026, 11, 2))
    api = api_as(council["people"][role])
    assert api.get(f"/children/{searching.pk}/shortlist").status_code == 403
    assert api.get(f"/matches/{match.pk}").status_code == 403


def test_a_panel_member_reads_the_matches_but_cannot_link(council, api_as, searching, hills):
    match = services.link_record(child=searching, carer=hills, date=date(2026, 11, 2))
    api = api_as(council["people"][matrix.PANEL_MEMBER])
    assert api.get(f"/matches/{match.pk}").status_code == 200
    assert api.post(f"/children/{searching.pk}/matches", {"carer": hills.pk}).status_code == 403
    assert api.post(f"/children/{searching.pk}/family-finding", FAMILY_FINDING).status_code == 403


def test_a_read_only_token_cannot_link_or_start_family_finding(council, api_as, hills):
    api = finder(council, api_as, read_only=True)
    mine = council["mine"]
    assert api.post(f"/children/{mine.pk}/family-finding", FAMILY_FINDING).status_code == 403
    assert api.post(f"/children/{mine.pk}/matches", {"carer": hills.pk}).status_code == 403
    assert not ChildProfile.objects.exists() and not Match.objects.exists()


def test_reading_a_match_is_in_the_audit_trail_for_each_child(council, api_as, searching, hills):
    match = services.link_record(child=searching, carer=hills, date=date(2026, 11, 2))
    api_as(council["people"][matrix.SOCIAL_WORKER]).get(f"/matches/{match.pk}")
    view = AuditEvent.objects.filter(action="view", child_id=searching.pk).latest("pk")
    assert view.username == "sam" and "API token" in view.user_agent


def test_a_register_change_needs_if_match_and_a_stale_one_is_refused_with_the_other_change(council, api_as, hills):
    api = finder(council, api_as)
    path = f"/carers/{hills.pk}/register"
    opened = api.get(f"/carers/{hills.pk}").json()["register_entry"]["version"]
    assert api.patch(path, {"preferences": "No If-Match"}).status_code == 428
    for empty in ('""', 'W/""', "  "):  # an ETag that names no version is no ETag: nothing is overwritten unseen
        assert api.patch(path, {"preferences": "Empty If-Match"}, if_match=empty).status_code == 428
    assert CarerProfile.objects.get(carer=hills).preferences != "Empty If-Match"
    first = api.patch(path, {"preferences": "Would love a brother and sister"}, if_match=f'"{opened}"')
    assert first.status_code == 200
    stale = api.patch(path, {"preferences": "Overwrite"}, if_match=f'"{opened}"')
    assert stale.status_code == 412 and stale.json()["error"]["code"] == "changed_since_read"
    assert "Would love a brother and sister" in " ".join(stale.json()["error"]["fields"]["changes"])
    assert CarerProfile.objects.get(carer=hills).preferences == "Would love a brother and sister"


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"q": "hill"},
        {"q": "AD"},
        {"q": "fc1"},
        {"approval_type": "adopter"},
        {"approval_type": "long_term_foster_carer"},
        {"status": "available"},
        {"status": "on_hold"},
        {"district": "TB1"},
        {"district": "TB2", "q": "shah"},
    ],
)
def test_the_carer_register_page_and_the_api_filter_the_register_the_same_way(council, api_as, client, hills, filters):
    carer("Ria and Tom Shah", "AD2", approval_type="adopter", district="TB2", needs={"emotional_behavioural": 1})
    carer("Pat Foster", "FC1", kind="foster_carer", approval_type="long_term_foster_carer", district="TB1")
    carer("Lee Kin", "KC1", kind="foster_carer")  # on the case record, not on the register
    fiona = council["people"][matrix.FAMILY_FINDER]
    client.force_login(fiona)
    page = client.get(reverse("matching-carers"), filters)
    on_the_page = [c.name for c in page.context["page"].object_list]
    in_the_api = [
        c["name"] for c in finder(council, api_as).get("/carers", filters | {"on_register": "true"}).json()["items"]
    ]
    assert on_the_page == in_the_api
    assert "Lee Kin" not in on_the_page


def test_the_register_page_filters_by_a_need_carers_can_meet(council, client, hills):
    carer("Ria and Tom Shah", "AD2", approval_type="adopter", district="TB2", needs={"emotional_behavioural": 1})
    client.force_login(council["people"][matrix.FAMILY_FINDER])
    page = client.get(reverse("matching-carers"), {"need": "emotional_behavioural"})
    assert [c.name for c in page.context["page"].object_list] == ["Ria and Tom Shah"]
