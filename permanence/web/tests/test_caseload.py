"""The home page: whose children each person sees, the counts, the empty state, paging."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from permanence.accounts import roles
from permanence.children import services
from permanence.children.models import Allocation

from .builders import child_in_care, person


def names_on_home_page(client, user, page=1):
    client.force_login(user)
    response = client.get(reverse("home"), {"page": page})
    assert response.status_code == 200
    return [case.child.full_name for case in response.context["caseload"].summaries]


def test_a_social_worker_sees_only_the_children_allocated_to_them(client, sam, ava, ben):
    assert names_on_home_page(client, sam) == ["Ava Example"]


def test_the_caseload_shows_the_childs_facts_in_a_table(client, sam, ava):
    client.force_login(sam)
    html = client.get(reverse("home")).content.decode()
    assert '<h1 class="govuk-heading-l">Your caseload</h1>' in html
    assert f'href="{reverse("child-detail", args=[ava.pk])}"' in html
    for text in ("C1001", "C1 Interim care order", "Irene Reviewer", "<caption", 'scope="col"'):
        assert text in html


def test_a_team_manager_sees_every_child_in_their_team(client, tara, sam, team, ava, ben):
    colleague = person("cleo", "Cleo", "Colleague", roles.SOCIAL_WORKER, team)
    child_in_care(
        "Cal", "Teamchild", reference="C1003", born=date(2019, 1, 1), entered=date(2025, 5, 1), social_worker=colleague
    )
    assert names_on_home_page(client, tara) == ["Ava Example", "Cal Teamchild"]


def test_a_child_moved_to_another_team_leaves_the_managers_list(client, tara, ava, omar):
    services.allocation_assign(child=ava, role=Allocation.SOCIAL_WORKER, worker=omar, start=date(2026, 3, 1))
    assert names_on_home_page(client, tara) == []


def test_an_iro_sees_the_children_they_review_with_each_social_worker(client, irene, ava, ben):
    assert names_on_home_page(client, irene) == ["Ava Example", "Ben Other"]
    html = client.get(reverse("home")).content.decode()
    assert "Children you review" in html and "Sam Social-Worker" in html


def test_a_service_manager_sees_every_child_looked_after(client, simone, ava, ben):
    episode = ben.episodes.get()
    services.episode_close(episode=episode, version=episode.version, end=date(2026, 2, 1), reason_ceased="E4A")
    assert names_on_home_page(client, simone) == ["Ava Example"]


def test_the_counts_say_how_many_children_are_on_each_kind_of_order(client, simone, ava, ben):
    child_in_care(
        "Dee", "Accommodated", reference="C1004", born=date(2012, 1, 1), entered=date(2025, 1, 1), legal_status="V2"
    )
    child_in_care(
        "Eli", "Placement", reference="C1005", born=date(2023, 1, 1), entered=date(2025, 1, 1), legal_status="E1"
    )
    client.force_login(simone)
    counts = client.get(reverse("home")).context["caseload"].counts
    assert (counts.children, counts.care_order, counts.placement_order, counts.section_20) == (4, 2, 1, 1)


def test_an_empty_caseload_says_what_to_do(client, sam):
    client.force_login(sam)
    html = client.get(reverse("home")).content.decode()
    assert "No children are allocated to you" in html
    assert "ask your team manager" in html
    assert "<table" not in html


def test_a_team_manager_without_a_team_is_told_who_can_set_it_up(client, db):
    manager = person("nora", "Nora", "No-Team", roles.TEAM_MANAGER)
    client.force_login(manager)
    assert "Ask your system administrator" in client.get(reverse("home")).content.decode()


def allocate_children(worker, how_many, start_at):
    for i in range(start_at, start_at + how_many):
        child_in_care(
            f"Child{i:02d}",
            "Caseload",
            reference=f"Q{i:03d}",
            born=date(2015, 1, 1),
            entered=date(2025, 1, 1),
            social_worker=worker,
        )


def test_the_caseload_page_takes_the_same_number_of_queries_for_5_or_30_children(client, sam):
    client.force_login(sam)
    allocate_children(sam, 5, 0)
    with CaptureQueriesContext(connection) as five:
        assert client.get(reverse("home")).status_code == 200
    allocate_children(sam, 25, 5)
    with CaptureQueriesContext(connection) as thirty:
        assert client.get(reverse("home")).status_code == 200
    assert len(thirty.captured_queries) == len(five.captured_queries)


def test_the_caseload_shows_25_children_a_page(client, sam):
    allocate_children(sam, 30, 0)
    assert len(names_on_home_page(client, sam, page=1)) == 25
    assert names_on_home_page(client, sam, page=2) == [f"Child{i:02d} Caseload" for i in range(25, 30)]
    html = client.get(reverse("home"), {"page": 2}).content.decode()
    assert "govuk-pagination" in html and "Showing 26 to 30 of 30" in html
