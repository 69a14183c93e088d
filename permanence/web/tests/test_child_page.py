"""The child page: the summary, the sections and the timeline, oldest first."""

import re
from datetime import date

from django.urls import reverse

from permanence.children import services
from permanence.children.models import Person


def child_page(client, user, child):
    client.force_login(user)
    response = client.get(reverse("child-detail", args=[child.pk]))
    assert response.status_code == 200
    return response


def test_the_child_page_summarises_the_case(client, sam, ava_with_history):
    html = child_page(client, sam, ava_with_history).content.decode()
    assert html.count("<h1") == 1
    for text in (
        "Ava Example",
        "10 March 2020",
        "Female",
        "White British",
        "C1001",
        "C1 Interim care order",
        "Pat and Chris Carer",
        "Sam Social-Worker",
        "Children in Care 1",
        "Irene Reviewer",
        "5 January 2026",
        "Adoption (including fostering for adoption and concurrent planning)",
        "Parallel plan: Special guardianship",
    ):
        assert text in html, text


def test_the_child_page_shows_the_family_orders_proceedings_and_plans(client, sam, ava_with_history):
    html = child_page(client, sam, ava_with_history).content.decode()
    for text in (
        "Mia Example",
        "Grace Example",
        "Viability assessment positive",  # family network
        "Interim care order (s38)",  # legal orders
        "TB26C00123",
        "Case management hearing",
        "Issues resolution hearing",
        "Parenting assessment of the father",
        "Return home (reunification)",
        "Replaced",
        "Current",
        "Permanence plan changed",  # plans and decisions
    ):
        assert text in html, text


def test_the_timeline_reads_oldest_first(client, sam, ava_with_history):
    response = child_page(client, sam, ava_with_history)
    entries = response.context["page"].timeline
    assert [entry.date for entry in entries] == sorted(entry.date for entry in entries)
    assert entries[0].title == "Born"
    html = response.content.decode()
    shown = re.findall(r'<time class="app-timeline__date[^"]*" datetime="([\d-]+)">', html)
    assert len(shown) == len(entries) and shown == sorted(shown)
    assert '<ol class="app-timeline"' in html


def test_the_timeline_includes_plans_and_decisions(client, sam, ava_with_history):
    titles = [entry.title for entry in child_page(client, sam, ava_with_history).context["page"].timeline]
    assert "Permanence plan recorded: Return home (reunification)" in titles
    assert "Permanence plan changed" in titles


def test_brothers_and_sisters_link_to_their_own_page_only_for_someone_who_may_open_it(client, sam, simone, ava, ben):
    mum = Person.objects.create(first_name="Mia", last_name="Example")
    for child in (ava, ben):
        services.relationship_add(child=child, person=mum, relationship="mother")
    html = child_page(client, simone, ava).content.decode()
    assert f'href="{reverse("child-detail", args=[ben.pk])}">Ben Other</a>' in html
    # Ben is Omar's, in the other team: Sam sees that Ava has a brother or sister, never who.
    html = child_page(client, sam, ava).content.decode()
    assert "A brother or sister whose record you cannot open" in html and "Ben Other" not in html


def test_a_child_with_little_recorded_says_so_plainly(client, sam, ava):
    html = child_page(client, sam, ava).content.decode()
    for text in (
        "No brothers or sisters are recorded.",
        "No legal orders are recorded.",
        "No care proceedings are recorded.",
        "No permanence plan recorded",
    ):
        assert text in html


def test_the_child_page_says_what_is_due_and_where_each_rule_comes_from(client, sam, ava_with_history):
    response = child_page(client, sam, ava_with_history)
    html = response.content.decode()
    obligations = response.context["obligations"]
    assert obligations.open or obligations.met, "a child in care has review obligations"
    assert 'id="what-is-due"' in html
    reviews = [o for o in obligations.open + obligations.met if o.rule == "cla-review"]
    assert reviews and all("reg 33" in o.source for o in reviews)
    assert 'data-rule="cla-review"' in html


def test_dates_are_written_the_gov_uk_way(client, sam, ava):
    services.review_record(child=ava, date=date(2026, 2, 3))
    html = child_page(client, sam, ava).content.decode()
    assert "3 February 2026" in html and "03/02/2026" not in html


def test_an_unknown_child_is_not_found(client, sam):
    client.force_login(sam)
    response = client.get(reverse("child-detail", args=[999999]))
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_every_change_link_says_to_a_screen_reader_which_fact_it_changes(client, sam, ava_with_history):
    """A list of links read out of context (a screen reader's links list) must not be a column of
    bare "Change": each names its episode, review or visit by its date."""
    html = child_page(client, sam, ava_with_history).content.decode()
    hidden = re.findall(r'>Change<span class="govuk-visually-hidden">([^<]*)</span></a>', html)
    assert hidden, "Sam may change Ava's recorded facts"
    assert all(words.strip() for words in hidden), hidden
    assert " the episode from 5 January 2026" in hidden, hidden
