"""The drift dashboard page: what a worker, a manager and the service see, and what they can filter."""

import re
from datetime import date, timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from permanence.accounts import roles
from permanence.accounts.models import User
from permanence.meetings import services as meetings
from permanence.web.tests.builders import record_case

URL = reverse("drift-dashboard")


def test_a_social_worker_sees_their_own_overdue_children_with_a_link_to_each(client, sam):
    child = record_case(worker=sam)
    client.force_login(sam)
    html = client.get(URL).content.decode()
    assert "My cases" in html
    assert reverse("child-detail", args=[child.pk]) in html
    assert "Permanence plan by the second review" in html and "reg 33" in html


def test_the_proceedings_view_lists_cases_past_26_weeks(client, sam):
    record_case(worker=sam)
    client.force_login(sam)
    html = client.get(URL, {"show": "proceedings_late"}).content.decode()
    assert "26 weeks" in html and "Ava Example C1" in html


def test_a_team_manager_sees_the_team_and_can_narrow_to_one_worker(client, sam, team):
    pat = User.objects.create_user("pat", first_name="Pat", last_name="Worker", role=roles.SOCIAL_WORKER, team=team)
    manager = User.objects.create_user("tm", first_name="Tia", last_name="Manager", role=roles.TEAM_MANAGER, team=team)
    record_case("A", worker=sam)
    record_case("B", worker=pat)
    client.force_login(manager)
    html = client.get(URL, {"scope": "team"}).content.decode()
    assert "Ava Example A" in html and "Ava Example B" in html
    html = client.get(URL, {"scope": "team", "worker": pat.pk}).content.decode()
    assert "Ava Example B" in html and "Ava Example A" not in html


def test_a_worker_with_nothing_overdue_is_told_so_plainly(client, sam):
    client.force_login(sam)
    html = client.get(URL).content.decode()
    assert "Nothing here: no child in this view has anything overdue." in html


def test_a_filter_value_that_makes_no_sense_is_named_in_an_error(client, sam):
    client.force_login(sam)
    response = client.get(URL, {"worker": "not-a-worker"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html and "Social worker" in html


def test_the_page_takes_the_same_number_of_queries_for_1_or_30_children(client, sam):
    client.force_login(sam)
    record_case("A", worker=sam)
    with CaptureQueriesContext(connection) as one:
        client.get(URL)
    for i in range(29):
        record_case(f"B{i}", worker=sam)
    with CaptureQueriesContext(connection) as thirty:
        response = client.get(URL)
    assert response.context["drift"].children == 30
    assert len(thirty.captured_queries) == len(one.captured_queries)


def test_long_lists_are_paged_25_at_a_time(client, sam):
    client.force_login(sam)
    for i in range(27):
        record_case(f"P{i}", worker=sam)
    first = client.get(URL)
    assert len(first.context["page"].object_list) == 25
    html = first.content.decode()
    assert 'aria-label="Page 2"' in html and 'aria-current="page"' in html
    assert len(client.get(URL, {"page": 2}).context["page"].object_list) == 2


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_a_team_manager_is_not_offered_the_whole_service_and_is_told_when_they_ask_for_it(client, tara, sam, omar):
    record_case("Mine", worker=sam)
    record_case("Theirs", worker=omar)
    client.force_login(tara)
    html = client.get(URL).content.decode()
    assert ">Whole service<" not in html and "Children in Care 1" in html
    response = client.get(URL, {"scope": "service"})
    html = response.content.decode()
    assert "That view is not open to your role; showing my team instead" in html
    assert "Ava Example Mine" in html and "Ava Example Theirs" not in html
    assert response.context["scope"] == "team"


def test_the_service_manager_sees_every_team_and_can_narrow_to_one(client, simone, sam, omar, other_team):
    record_case("Mine", worker=sam)
    record_case("Theirs", worker=omar)
    client.force_login(simone)
    html = client.get(URL).content.decode()
    assert "Whole service" in html and "Ava Example Mine" in html and "Ava Example Theirs" in html
    html = client.get(URL, {"scope": "service", "team": other_team.pk}).content.decode()
    assert "Ava Example Theirs" in html and "Ava Example Mine" not in html
    assert "Whole service: Children in Care 2" in html


def test_the_counts_say_how_many_items_are_duties_and_how_many_local_rules(client, sam):
    record_case(worker=sam)
    client.force_login(sam)
    response = client.get(URL)
    kinds = response.context["kinds"]["overdue"]
    assert kinds["duty"] == response.context["counts"]["overdue"] and kinds["local_rule"] == 0
    assert f"{kinds['duty']} duties, 0 local rules" in response.content.decode()
    assert "In order of harm" in response.content.decode()


def test_a_restricted_record_in_the_view_is_counted_never_named(client, council):
    simone = council["people"]["service_manager"]
    client.force_login(simone)
    response = client.get(URL)
    html = response.content.decode()
    assert "Hana" not in html
    assert response.context["hidden"] == 1 and "1 record you cannot open is in this view" in html


def test_an_action_agreed_at_a_tracking_meeting_is_shown_as_a_meeting_action_not_a_local_rule(client, sam):
    child = record_case(worker=sam)
    client.force_login(sam)
    before = client.get(URL).context["kinds"]["overdue"]
    today = date.today()
    meetings.action_create(
        child=child,
        description="Book the family group conference",
        owner=sam,
        due=today - timedelta(days=5),
        forum="tracking_meeting",
        set_on=today - timedelta(days=20),
    )

    response = client.get(URL)
    html = response.content.decode()

    (action,) = re.findall(r'<li data-rule="meeting-actions".*?</li>', html, flags=re.S)
    assert "Action: Book the family group conference" in action
    assert '<span class="pp-kind pp-kind--local_rule">Meeting action</span>' in action
    assert "Local rule" not in action
    # Counted as before: with the local rules (the council's own commitments), never as a duty.
    after = response.context["kinds"]["overdue"]
    assert after["local_rule"] == before["local_rule"] + 1 and after["duty"] == before["duty"]
    (counts,) = re.findall(r'data-kinds="overdue">(.*?)</span>', html)
    assert counts.endswith(f", {after['local_rule']} local rule" + ("s" if after["local_rule"] != 1 else ""))
