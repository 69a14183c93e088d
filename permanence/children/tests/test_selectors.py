"""Reading the case: caseloads, summaries, timelines and sibling groups."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from permanence.children import selectors, services
from permanence.children.models import Allocation, Person

from .conftest import EPISODE


def test_days_looked_after_count_from_the_start_of_the_period_of_care(ava_in_care):
    episode = ava_in_care.episodes.get()
    services.episode_close(episode=episode, version=episode.version, end=date(2026, 3, 1), reason_ceased="X1")
    services.episode_create(
        child=ava_in_care, start=date(2026, 3, 1), **(EPISODE | {"reason_new": "L", "legal_status": "C2"})
    )
    summary = selectors.case_summary(ava_in_care, today=date(2026, 4, 5))
    assert summary.entered_care == date(2026, 1, 5)
    assert summary.days_looked_after == 90
    assert summary.legal_status.startswith("C2")


def test_a_child_who_has_gone_home_is_not_looked_after(ava_in_care):
    episode = ava_in_care.episodes.get()
    services.episode_close(episode=episode, version=episode.version, end=date(2026, 6, 1), reason_ceased="E4A")
    summary = selectors.case_summary(ava_in_care, today=date(2026, 7, 1))
    assert not summary.looked_after and summary.days_looked_after is None


def test_the_timeline_reads_in_date_order(ava_in_care, irene):
    services.review_record(child=ava_in_care, date=date(2026, 1, 30), iro=irene, participation="PN3")
    services.order_record(child=ava_in_care, order_type="interim_care_order", made=date(2026, 1, 5))
    entries = selectors.child_timeline(ava_in_care)
    assert [e.date for e in entries] == sorted(e.date for e in entries)
    titles = [e.title for e in entries]
    assert titles[0] == "Born"
    assert "Became looked after" in titles and "Looked-after review held" in titles


def test_children_who_share_both_parents_are_full_siblings_and_one_parent_half(ava):
    ben = services.child_create(
        first_name="Ben", last_name="Example", date_of_birth=date(2022, 1, 1), council_reference="C1002"
    )
    cal = services.child_create(
        first_name="Cal", last_name="Other", date_of_birth=date(2023, 1, 1), council_reference="C1003"
    )
    mum = Person.objects.create(first_name="Mia", last_name="Example")
    dad = Person.objects.create(first_name="Dan", last_name="Example")
    for child in (ava, ben):
        services.relationship_add(child=child, person=mum, relationship="mother", parental_responsibility=True)
        services.relationship_add(child=child, person=dad, relationship="father")
    services.relationship_add(child=cal, person=mum, relationship="mother", parental_responsibility=True)
    group = {s.name: s.kind for s in selectors.sibling_group(ava)}
    assert group == {"Ben Example": "Sibling (full)", "Cal Other": "Sibling (half)"}


def test_a_brother_living_at_home_is_listed_as_a_sibling(ava):
    brother = Person.objects.create(first_name="Leo", last_name="Example")
    services.relationship_add(child=ava, person=brother, relationship="sibling_half")
    assert [(s.name, s.child) for s in selectors.sibling_group(ava)] == [("Leo Example", None)]


def test_a_caseload_takes_the_same_number_of_queries_however_many_children(sam):
    def allocate(n, offset):
        for i in range(n):
            child = services.child_create(
                first_name=f"Child{offset + i}",
                last_name="Test",
                date_of_birth=date(2015, 1, 1),
                council_reference=f"Q{offset + i}",
            )
            services.episode_create(child=child, start=date(2025, 1, 1), **EPISODE)
            services.allocation_assign(child=child, role=Allocation.SOCIAL_WORKER, worker=sam, start=date(2025, 1, 1))

    allocate(2, 0)
    with CaptureQueriesContext(connection) as small:
        assert len(selectors.caseload_for(sam, today=date(2026, 1, 1))) == 2
    allocate(10, 100)
    with CaptureQueriesContext(connection) as large:
        assert len(selectors.caseload_for(sam, today=date(2026, 1, 1))) == 12
    assert len(large.captured_queries) == len(small.captured_queries)
