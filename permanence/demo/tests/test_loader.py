"""Storing the demo council: fast bulk writes, counts that match, a clean replace, working logins."""

from datetime import date

import pytest
from django.contrib.auth import authenticate

from permanence.accounts.models import Team, User
from permanence.children.models import Allocation, Carer, Child, Episode, Person, Proceedings, Review
from permanence.demo import load_demo
from permanence.demo.generator import DEMO_LOGINS, DEMO_PASSWORD, generate
from permanence.planning.models import PermanencePlan

TODAY = date(2026, 3, 2)
# Loads the demo council several times (slow; `make test` runs it).
pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_loading_stores_every_generated_record(django_assert_max_num_queries):
    expected = generate(120, 3, TODAY).everything().counts()
    # Bulk writes, plus a bounded week of meetings written through the services (permanence/meetings/demo.py):
    # the number of queries does not grow with the number of children. Measured on SQLite on
    # 24 November 2026, once every planning write moved the child's planning version on: 1,169 queries
    # for 60 children, 1,164 for 120, 1,224 for 240 (the meetings' week is bounded, not per child).
    with django_assert_max_num_queries(1300):
        counts = load_demo(children=120, seed=3, today=TODAY)
    assert counts["children.Child"] == Child.objects.count() == expected["children"] == 120
    assert counts["children.Episode"] == Episode.objects.count() == expected["episodes"]
    assert counts["children.Review"] == Review.objects.count() == expected["reviews"]
    assert counts["planning.PermanencePlan"] == PermanencePlan.objects.count() == expected["plans"]
    assert Episode.objects.filter(carer__isnull=False).exists()
    assert Person.objects.filter(relationships__isnull=False).exists()


def test_every_demo_login_signs_in_with_the_demo_password():
    load_demo(children=60, seed=3, today=TODAY)
    for username, role, *_ in DEMO_LOGINS:
        user = authenticate(username=username, password=DEMO_PASSWORD)
        assert user is not None and user.role == role, username
    assert User.objects.get(username="admin").is_superuser
    others = User.objects.exclude(username__in=[login[0] for login in DEMO_LOGINS])
    assert not any(user.has_usable_password() for user in others)


def test_the_demo_social_worker_holds_a_caseload_in_the_team_the_team_manager_manages():
    load_demo(children=200, seed=3, today=TODAY)
    sam = User.objects.get(username="social.worker")
    caseload = Allocation.objects.filter(worker=sam, role=Allocation.SOCIAL_WORKER, end__isnull=True)
    assert 15 <= caseload.count() <= 20
    assert sam.team.manager.username == "team.manager"
    assert set(caseload.values_list("team_id", flat=True)) == {sam.team_id}


def test_replacing_gives_the_same_council_again_and_keeps_superusers():
    keeper = User.objects.create_superuser("keeper", password="x")
    first = load_demo(children=80, seed=5, today=TODAY)
    users_before = User.objects.count()
    again = load_demo(children=80, seed=5, today=TODAY, replace=True)
    for counts in (first, again):
        counts.pop("seconds"), counts.pop("accounts.User")  # the kept superuser `admin` is reused, not re-created
    assert again == first
    assert User.objects.count() == users_before
    assert Child.objects.count() == 80
    assert Team.objects.count() == len(generate(80, 5, TODAY).teams)
    assert User.objects.filter(pk=keeper.pk).exists()
    assert User.objects.filter(username="social.worker").count() == 1


def test_after_loading_new_records_get_fresh_ids():
    load_demo(children=40, seed=1, today=TODAY)
    top = Child.objects.order_by("-pk").values_list("pk", flat=True).first()
    child = Child.objects.create(
        first_name="New", last_name="Arrival", date_of_birth=date(2020, 1, 1), council_reference="NEW-1"
    )
    assert child.pk > top
    assert Carer.objects.create(name="New carer", kind="foster_carer", reference="NEW-C").pk
    assert Proceedings.objects.create(child=child).pk
    assert User.objects.create_user("new.person").pk


def test_loading_on_top_of_existing_records_shifts_ids_and_references():
    load_demo(children=30, seed=1, today=TODAY)
    load_demo(children=30, seed=2, today=TODAY)
    assert Child.objects.count() == 60
    assert Child.objects.values("council_reference").distinct().count() == 60


def test_progress_lines_are_reported():
    lines = []
    load_demo(children=30, seed=1, today=TODAY, progress=lines.append)
    assert any(line.startswith("Children: 30 of 30") for line in lines)


def test_loading_twice_the_children_takes_about_the_same_number_of_queries():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        load_demo(children=100, seed=5, today=TODAY)
    with CaptureQueriesContext(connection) as large:
        load_demo(children=300, seed=5, today=TODAY, replace=True)
    assert len(large.captured_queries) < 1.5 * len(small.captured_queries) + 100
