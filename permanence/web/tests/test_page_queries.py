"""The two pages staff open all day, the caseload and a child's page, ask the database a fixed,
small number of questions: however much is recorded about the child or however many children a
worker holds, the page does not read row by row (the load test, `make load`, depends on it).

The counts include what every signed-in page costs: the session, the user, the two-step sign-in
device, the case access check, the audit record of the view and the session's renewal.
"""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from permanence.children import services
from permanence.children.models import Hearing
from permanence.planning import services as planning

from .builders import child_in_care, small_council

# The most queries each page may take for the small council. Lower them when a page gets cheaper;
# raising them needs a reason (a new section on the page), not a loop over rows. (Before the pages
# shared their reads, the child page took 96 and the caseload 14.)
CHILD_PAGE_QUERIES = 81
CASELOAD_QUERIES = 12


def audit_lock():
    """PostgreSQL takes the audit log's lock in a query of its own when a child's record is viewed."""
    return 1 if connection.vendor == "postgresql" else 0


def child_page_queries(client, child):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("child-detail", args=[child.pk]))
    assert response.status_code == 200
    return len(queries.captured_queries)


def test_a_childs_page_opens_in_a_fixed_number_of_queries(db, client, django_assert_max_num_queries):
    council = small_council()
    ava, sam = council["ava"], council["sam"]
    mum = ava.relationships.get(relationship="mother").person
    brother = child_in_care("Ben", "Example", reference="C1900", born=ava.date_of_birth + timedelta(days=700),
                            entered=ava.episodes.get().start, social_worker=sam, iro=council["irene"])
    services.relationship_add(child=brother, person=mum, relationship="mother", parental_responsibility=True)
    client.force_login(sam)
    with django_assert_max_num_queries(CHILD_PAGE_QUERIES + audit_lock()):
        response = client.get(reverse("child-detail", args=[ava.pk]))
    assert response.status_code == 200
    assert "Ben Example" in response.content.decode()


def test_a_childs_page_takes_no_more_queries_however_much_is_recorded(db, client):
    council = small_council()
    ava, sam, irene = council["ava"], council["sam"], council["irene"]
    client.force_login(sam)
    before = child_page_queries(client, ava)

    entered = ava.episodes.get().start
    mum = ava.relationships.get(relationship="mother").person
    for i in range(3):  # three brothers and sisters on the record, sharing Ava's mother
        sibling = child_in_care(f"Sib{i}", "Example", reference=f"C19{i:02d}", born=ava.date_of_birth + timedelta(days=400 * (i + 1)),
                                entered=entered, social_worker=sam, iro=irene)
        services.relationship_add(child=sibling, person=mum, relationship="mother", parental_responsibility=True)
    for days in (200, 290, 380):  # more reviews, orders, hearings, plans and decisions
        services.review_record(child=ava, date=entered + timedelta(days=days), iro=irene, participation="PN1")
        Hearing.objects.create(proceedings=ava.proceedings.get(), kind=Hearing.IRH, date=entered + timedelta(days=days))
        planning.decision_record(child=ava, kind="plan_changed", forum="review", date=entered + timedelta(days=days),
                                 decided_by="Irene Reviewer (IRO)", rationale="Reviewed.")
    services.order_record(child=ava, order_type="care_order", made=entered + timedelta(days=300), court="Thornbury Family Court")
    planning.plan_record(child=ava, primary_option="adoption", parallel_option="long_term_fostering",
                         recorded=entered + timedelta(days=290), by=sam, reason="Reviewed at the third review.")

    assert child_page_queries(client, ava) == before


def test_a_social_workers_caseload_opens_in_a_fixed_number_of_queries(db, client, django_assert_max_num_queries):
    council = small_council(children=30)
    client.force_login(council["sam"])
    with django_assert_max_num_queries(CASELOAD_QUERIES):
        response = client.get(reverse("home"))
    assert response.status_code == 200
    assert len(response.context["caseload"].summaries) == 16
