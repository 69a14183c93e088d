"""The same facts recorded through the JSON API: the same forms, services and messages as the
pages; a correction needs the version read (If-Match) and a stale one answers 412."""

from datetime import date, timedelta

import pytest

from permanence.access import matrix
from permanence.api.api import api
from permanence.api.tokens import token_issue
from permanence.children.models import RecordChange, Review, Visit
from permanence.children.tests.at_once import WRITERS, at_once, statuses
from permanence.web.tests.builders import small_council

from .conftest import ApiClient

TODAY = date.today()


@pytest.fixture
def people(db):
    return small_council()


def client_for(user, **kwargs):
    return ApiClient(token_issue(user=user, name=f"test {user.username}", **kwargs).secret)


def test_a_visit_recorded_through_the_api_and_its_refusal_in_the_pages_words(people):
    ava, sam = people["ava"], people["sam"]
    api = client_for(sam)
    tomorrow = (TODAY + timedelta(days=1)).isoformat()
    refused = api.post(f"/children/{ava.pk}/record/visit", {"date": tomorrow, "where": "placement"})
    assert refused.status_code == 422
    assert refused.json()["error"]["fields"] == {"date": ["Date of the visit must be today or in the past"]}
    assert not Visit.objects.filter(child=ava).exists()
    made = api.post(
        f"/children/{ava.pk}/record/visit", {"date": TODAY.isoformat(), "where": "placement", "seen_alone": True}
    )
    assert made.status_code == 201, made.content
    body = made.json()
    assert body["version"] == 1 and body["by_id"] == sam.pk and body["where"] == "placement"
    listed = api.get(f"/children/{ava.pk}/record/visit").json()
    assert [v["date"] for v in listed] == [TODAY.isoformat()]


def test_only_the_iro_role_records_a_review_through_the_api(people):
    ava, sam, irene = people["ava"], people["sam"], people["irene"]
    assert client_for(sam).post(f"/children/{ava.pk}/record/review", {"date": TODAY.isoformat()}).status_code == 403
    made = client_for(irene).post(
        f"/children/{ava.pk}/record/review",
        {"date": TODAY.isoformat(), "participation": "PN1", "plan_outcome": "changed"},
    )
    assert made.status_code == 201, made.content
    assert Review.objects.get(pk=made.json()["id"]).iro == irene


def test_a_correction_needs_if_match_and_a_stale_one_is_refused_with_the_other_change(people):
    ava, irene = people["ava"], people["irene"]
    review = Review.objects.filter(child=ava).order_by("date").first()
    api = client_for(irene)
    path = f"/children/{ava.pk}/record/review/{review.pk}"
    assert api.patch(path, {"participation": "PN3"}).status_code == 428
    api.headers["If-Match"] = f'"{review.version}"'
    no_reason = api.patch(path, {"participation": "PN3"})
    assert no_reason.status_code == 422 and "reason" in no_reason.json()["error"]["fields"]
    saved = api.patch(path, {"participation": "PN3", "reason": "Advocate's report received"})
    assert saved.status_code == 200 and saved["ETag"] == '"2"'
    stale = api.patch(path, {"participation": "PN5", "reason": "Second thoughts"})  # still If-Match "1"
    assert stale.status_code == 412
    error = stale.json()["error"]
    assert error["code"] == "changed_since_read" and "Irene Reviewer" in error["fields"]["changes"][0]
    review.refresh_from_db()
    assert review.participation == "PN3" and review.version == 2
    assert RecordChange.objects.get(model="children.Review", object_id=str(review.pk)).reason == (
        "Advocate's report received"
    )


def test_a_patch_changes_only_the_fields_sent(people):
    ava, sam = people["ava"], people["sam"]
    api = client_for(sam)
    made = api.post(
        f"/children/{ava.pk}/record/visit", {"date": TODAY.isoformat(), "where": "school", "seen_alone": True}
    ).json()
    api.headers["If-Match"] = '"1"'
    changed = api.patch(
        f"/children/{ava.pk}/record/visit/{made['id']}", {"where": "placement", "reason": "It was at home"}
    )
    assert changed.status_code == 200, changed.content
    visit = Visit.objects.get(pk=made["id"])
    assert visit.where == "placement" and visit.seen_alone and visit.date == TODAY


@pytest.mark.django_db(transaction=True)
def test_twenty_stale_patches_at_once_exactly_one_is_accepted():
    people = small_council(children=2)
    ava, irene = people["ava"], people["irene"]
    review = Review.objects.filter(child=ava).order_by("date").first()
    secret = token_issue(user=irene, name="concurrent").secret

    def write(n):
        api = ApiClient(secret)
        api.headers["If-Match"] = f'"{review.version}"'
        return api.patch(
            f"/children/{ava.pk}/record/review/{review.pk}",
            {"participation": "PN3" if n % 2 else "PN5", "reason": f"writer {n}"},
        ).status_code

    assert statuses(at_once(write)) == [200] + [412] * (WRITERS - 1)
    review.refresh_from_db()
    assert review.version == 2
    assert RecordChange.objects.filter(object_id=str(review.pk), model="children.Review").count() == 1


def test_every_recording_operation_is_in_the_openapi_document(people):
    document = api.get_openapi_schema()
    operations = {op["operationId"] for path in document["paths"].values() for op in path.values()}
    for kind in matrix.RECORDS:
        assert f"record_{kind}" in operations
    for kind in matrix.CORRECTIONS:
        assert f"correct_{kind}" in operations and f"list_recorded_{kind}" in operations
    assert {"record_carer", "correct_carer", "record_carer_approval"} <= operations


@pytest.mark.parametrize("sent", [{}, {"version": None}], ids=["without a version", "with it null"])
def test_a_move_sent_through_the_api_without_the_version_of_the_episode_read_is_refused_428_and_changes_nothing(
    people, sent
):
    """As a page without its version field: the same refusal in words, 428 (as If-Match missing), nothing written."""
    ava, sam = people["ava"], people["sam"]
    current = ava.episodes.get(end__isnull=True)
    move = {"date": (TODAY - timedelta(days=1)).isoformat(), "placement": "U4", "reason_place_change": "CARPL"}
    refused = client_for(sam).post(f"/children/{ava.pk}/record/move", move | {"episode": current.pk} | sent)
    assert refused.status_code == 428, refused.content
    assert "did not say which version of the record it was opened on" in refused.json()["error"]["message"]
    assert list(ava.episodes.all()) == [current] and ava.episodes.get().end is None
    moved = client_for(sam).post(
        f"/children/{ava.pk}/record/move", move | {"episode": current.pk, "version": current.version}
    )
    assert moved.status_code == 201, moved.content
