"""The two pages staff open all day, the caseload and a child's page, ask the database a fixed,
small number of questions: however much is recorded about the child or however many children a
worker holds, the page does not read row by row (the load test, `make load`, depends on it).

The counts include what every signed-in page costs: the session, the user, the two-step sign-in
device, the case access check and the audit record of the view (the session is renewed once a minute).
"""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from permanence.children import services
from permanence.children.models import Hearing
from permanence.meetings import services as meetings
from permanence.planning import services as planning
from permanence.support import services as support
from permanence.web.selectors import child_page as selectors_child_page

from .builders import child_in_care, small_council

# The most queries each page may take for the small council. Lower them when a page gets cheaper;
# raising them needs a reason (a new section on the page), not a loop over rows. (Before the pages
# shared their reads, the child page took 96 and the caseload 14.)
# 81, one for the IRO decisions reports the Leeds rule reads, one for consent to placement for
# adoption (authority to place starts the adoption reviews, AAR 2005 reg 36(1)), and ten for the
# record's sections (reviews with their reports, order changes, temporary approvals, long-term
# placements, health assessments, dental checks, PEPs, care and pathway plans, missing, corrections),
# and six for those dated facts of care read into the statutory clock's snapshot (health, plans,
# PEPs, missing, temporary approvals, long-term placements: recording one moves the clock), one
# for the escalations the IRO has raised, and one for which brothers and sisters the reader may open.
# 73 once the page read the stored obligations (one query) instead of the 27 queries of the
# child's snapshot and the sibling facts read again beside it, and the session was written once a
# minute, not on every page. Counted with the stored row current, as a day of work leaves it: a
# page that finds it behind works the child out.
# 67 once who the child lives apart from was read once for the two sections that show it (the
# brothers and sisters, and contact), not five queries for each, and the sibling section was given
# the current plan the page had read.
# 62 once the reviews were read once for the summary, the meetings section and the record (with
# their IROs and decisions reports), the current plan and its contents once for the voice
# sections, and the plan's stage moves once for its history.
# 41 once one query asks which of 22 sections have any rows at all (children.presence), and only
# those are read: on the 5,000-child demo council a child page made 59 reads, 31 of which found
# nothing; now 40, 11 of which find nothing.
CHILD_PAGE_QUERIES = 41
# With more sections filled in (actions, a panel, contact plans, brothers and sisters): a section
# with rows reads their details once (contact sessions of the plans), never row by row.
CHILD_PAGE_QUERIES_EVERY_SECTION = 45
CASELOAD_QUERIES = 12


def audit_lock():
    """PostgreSQL takes the audit log's lock in a query of its own when a child's record is viewed."""
    return 1 if connection.vendor == "postgresql" else 0


def child_page_queries(client, child):
    """Counted on a second view: the stored obligations current and the session renewed, as a
    working day leaves them (a first view may work the child out and renew the session)."""
    client.get(reverse("child-detail", args=[child.pk]))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("child-detail", args=[child.pk]))
    assert response.status_code == 200
    return len(queries.captured_queries)


def test_a_childs_page_opens_in_a_fixed_number_of_queries(db, client, django_assert_max_num_queries):
    council = small_council()
    ava, sam = council["ava"], council["sam"]
    mum = ava.relationships.get(relationship="mother").person
    brother = child_in_care(
        "Ben",
        "Example",
        reference="C1900",
        born=ava.date_of_birth + timedelta(days=700),
        entered=ava.episodes.get().start,
        social_worker=sam,
        iro=council["irene"],
    )
    services.relationship_add(child=brother, person=mum, relationship="mother", parental_responsibility=True)
    client.force_login(sam)
    client.get(reverse("child-detail", args=[ava.pk]))  # the stored obligations, as a day of work leaves them
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
        sibling = child_in_care(
            f"Sib{i}",
            "Example",
            reference=f"C19{i:02d}",
            born=ava.date_of_birth + timedelta(days=400 * (i + 1)),
            entered=entered,
            social_worker=sam,
            iro=irene,
        )
        services.relationship_add(child=sibling, person=mum, relationship="mother", parental_responsibility=True)
    for days in (200, 290, 380):  # more reviews, orders, hearings, plans and decisions
        services.review_record(child=ava, date=entered + timedelta(days=days), iro=irene, participation="PN1")
        Hearing.objects.create(proceedings=ava.proceedings.get(), kind=Hearing.IRH, date=entered + timedelta(days=days))
        planning.decision_record(
            child=ava,
            kind="plan_changed",
            forum="review",
            date=entered + timedelta(days=days),
            decided_by="Irene Reviewer (IRO)",
            rationale="Reviewed.",
        )
    services.order_record(
        child=ava, order_type="care_order", made=entered + timedelta(days=300), court="Thornbury Family Court"
    )
    planning.plan_record(
        child=ava,
        primary_option="adoption",
        parallel_option="long_term_fostering",
        recorded=entered + timedelta(days=290),
        by=sam,
        reason="Reviewed at the third review.",
    )

    assert child_page_queries(client, ava) == before


def test_a_social_workers_caseload_opens_in_a_fixed_number_of_queries(db, client, django_assert_max_num_queries):
    council = small_council(children=30)
    client.force_login(council["sam"])
    with django_assert_max_num_queries(CASELOAD_QUERIES):
        response = client.get(reverse("home"))
    assert response.status_code == 200
    assert len(response.context["caseload"].summaries) == 16


def _contact_plan(child, by, agreed, with_whom):
    support.contact_plan_record(
        child=child,
        by=by,
        today=agreed,
        relationship="mother",
        with_whom=with_whom,
        kind="direct",
        frequency="Every 2 weeks",
        supervision="supervised",
        venue="Thornbury family centre",
        purposes=["identity"],
        parties_agreed=True,
        child_views="Wants to see her mum.",
        agreed=agreed,
        review_date=agreed + timedelta(days=150),
        lifelong_links=True,
    )


def test_the_child_page_is_one_selector_whose_queries_do_not_grow_with_meetings_siblings_support_or_obligations(
    db, client
):
    """web.selectors.child_page reads everything the page shows (no template tag reads); the page
    takes exactly CHILD_PAGE_QUERIES_EVERY_SECTION, with one meeting or five, one sibling or four, no support
    plan or three, and a handful of obligations or many more."""
    council = small_council()
    ava, sam, irene = council["ava"], council["sam"], council["irene"]
    entered = ava.episodes.get().start
    mum = ava.relationships.get(relationship="mother").person
    client.force_login(sam)

    def add_one_of_each(n):
        sibling = child_in_care(
            f"Sib{n}",
            "Example",
            reference=f"C18{n:02d}",
            born=ava.date_of_birth + timedelta(days=400 * (n + 1)),
            entered=entered,
            social_worker=sam,
            iro=irene,
        )
        services.relationship_add(child=sibling, person=mum, relationship="mother", parental_responsibility=True)
        meetings.action_create(
            child=ava,
            description=f"Action {n}",
            owner=sam,
            due=entered + timedelta(days=30 * (n + 1)),
            forum="clinic",
            set_on=entered,
        )
        panel = meetings.panel_create(date=entered + timedelta(days=60 + n), chair=sam)
        meetings.panel_item_add(panel=panel, child=ava, matter="adoption_plan", today=panel.date)
        _contact_plan(ava, sam, entered + timedelta(days=20 + n), f"Mia Example {n}")
        # more reviews and visits: more obligations met and due
        services.review_record(child=ava, date=entered + timedelta(days=100 + 90 * n), iro=irene, participation="PN1")
        services.visit_record(child=ava, date=entered + timedelta(days=10 + 7 * n), by=sam)

    add_one_of_each(0)
    page = selectors_child_page(ava)
    few = (len(page.obligations.open) + len(page.obligations.met), len(page.meetings["actions"]))
    first = child_page_queries(client, ava)
    assert first == CHILD_PAGE_QUERIES_EVERY_SECTION + audit_lock()
    for n in (1, 2, 3):
        add_one_of_each(n)
    page = selectors_child_page(ava)
    many = (len(page.obligations.open) + len(page.obligations.met), len(page.meetings["actions"]))
    assert many[0] > few[0] and many[1] == few[1] + 3  # more really was recorded
    assert child_page_queries(client, ava) == first


def test_a_typical_childs_page_reads_only_the_sections_with_something_in_them(db, client):
    """Ava has no escalations, sibling decisions, letters or support plans: those sections are not
    read at all (one query asks which sections have rows), and once one is recorded it is read."""
    council = small_council()
    ava, sam = council["ava"], council["sam"]
    client.force_login(sam)
    quiet = child_page_queries(client, ava)
    assert quiet == CHILD_PAGE_QUERIES + audit_lock()
    meetings.action_create(
        child=ava,
        description="Book the life-story work",
        owner=sam,
        due=ava.episodes.get().start,
        forum="clinic",
        set_on=ava.episodes.get().start,
    )
    with_action = child_page_queries(client, ava)
    assert with_action == quiet + 1  # the actions are read now
    assert "Book the life-story work" in client.get(reverse("child-detail", args=[ava.pk])).content.decode()
