"""The family-finding pages, through the test client."""

from datetime import date

from django.urls import reverse

from permanence.matching import services, stages
from permanence.matching.models import Match
from permanence.planning import services as planning
from permanence.web.tests.builders import child_in_care

from .conftest import household


def test_a_family_finder_sees_waiting_children_and_the_carer_register(client, fiona, ava, hills):
    client.force_login(fiona)
    home = client.get(reverse("matching-home")).content.decode()
    assert "Ava Hart" in home and "Family finding" in home
    register = client.get(reverse("matching-carers"), {"approval_type": "adopter", "need": "health"}).content.decode()
    assert "Jo and Sam Hill" in register and "1 carer household" in register
    assert "No carers match" in client.get(reverse("matching-carers"), {"status": "on_hold"}).content.decode()
    detail = client.get(reverse("matching-carer", args=[hills.pk])).content.decode()
    assert "Needs they can meet" in detail and "Medium" in detail


def test_the_child_page_leads_to_family_finding_and_a_shortlist_with_reasons(client, fiona, ava, hills):
    client.force_login(fiona)
    child_page = client.get(reverse("child-detail", args=[ava.pk])).content.decode()
    assert reverse("matching-child", args=[ava.pk]) in child_page
    page = client.get(reverse("matching-child", args=[ava.pk])).content.decode()
    assert "Shortlist" in page and "Jo and Sam Hill" in page and "Same district as Ava" in page
    assert "Children and Families Act 2014" in page


def test_family_finding_starts_from_a_form_and_records_the_needs(client, fiona, db):
    child = child_in_care("Mo", "Reed", reference="FF7", born=date(2023, 1, 1), entered=date(2025, 1, 1))
    # A family finder's case scope: children whose plan is adoption or long-term fostering.
    planning.plan_record(child=child, primary_option="adoption", recorded=date(2025, 5, 1))
    client.force_login(fiona)
    form = client.get(reverse("matching-start", args=[child.pk])).content.decode()
    assert "Start family finding" in form
    bad = client.post(reverse("matching-start", args=[child.pk]), {"started": "", "need_health": "0"})
    assert "Enter the date family finding started" in bad.content.decode()
    data = {"started": "2026-01-05", "district": "TB1", "need_health": "2"} | {
        f"need_{k}": "0"
        for k in (
            "developmental_delay",
            "disability",
            "emotional_behavioural",
            "birth_family_contact",
            "uncertain_future",
        )
    }
    response = client.post(reverse("matching-start", args=[child.pk]), data)
    assert response.status_code == 302
    assert child.family_finding.needs == {"health": 2}


def test_a_link_made_on_the_page_opens_the_match_record_and_moves_step_by_step(client, fiona, ava, hills):
    client.force_login(fiona)
    response = client.post(reverse("matching-link", args=[ava.pk]), {"carer": hills.pk})
    match = Match.objects.get()
    assert response.url == reverse("matching-match", args=[match.pk])
    page = client.get(response.url).content.decode()
    assert "Record a visit" in page and "Arrange visits" in page
    seen = {"version": match.version}
    client.post(response.url, {"step": "visit", "date": date.today().isoformat(), "notes": "Lovely visit"} | seen)
    match.refresh_from_db()
    assert match.stage == stages.VISITS
    now = {"version": match.version}
    refused = client.post(response.url, {"step": "placed", "date": date.today().isoformat()} | now, follow=True)
    assert "That step is not open" in refused.content.decode()


def test_two_family_finders_on_one_match_page_one_move_is_saved_the_other_is_told_someone_else_moved_it(
    client, fiona, ava, hills
):
    client.force_login(fiona)
    match = services.link_record(child=ava, carer=hills, date=date.today(), by=fiona)
    services.match_visit_record(match=match, version=match.version, date=date.today(), notes="Lovely visit", by=fiona)
    url = reverse("matching-match", args=[match.pk])
    page = client.get(url).content.decode()
    match.refresh_from_db()
    assert f'name="version" value="{match.version}"' in page
    today = {"date-day": date.today().day, "date-month": date.today().month, "date-year": date.today().year}
    seen = {"version": match.version}
    saved = client.post(url, {"step": "report", "report": "Fiona: a good match"} | today | seen)
    assert saved.status_code == 302
    # The second family finder's page still offers "End this link" from "Visits": their move is refused.
    refused = client.post(url, {"step": "end", "reason": "The carers withdrew"} | today | seen)
    html = refused.content.decode()
    assert refused.status_code == 409 and "Someone else changed this record while you had it open" in html
    assert fiona.get_full_name() in html
    match.refresh_from_db()
    assert match.stage == stages.REPORT and match.ended_reason == "" and match.report == "Fiona: a good match"
    # The page now carries the match as it is: ending the link on it goes ahead.
    assert f'name="version" value="{match.version}"' in html
    again = client.post(url, {"step": "end", "reason": "The carers withdrew"} | today | {"version": match.version})
    assert again.status_code == 302
    match.refresh_from_db()
    assert match.stage == stages.ENDED


def test_the_suggested_plan_page_compares_with_best_first(client, fiona, ava, hills):
    household("Second Family", "AD9")
    client.force_login(fiona)
    page = client.get(reverse("matching-plan")).content.decode()
    assert (
        "Proposals" in page
        and "Constraints held" in page
        and "Best-first, one at a time" in page
        and "Jo and Sam Hill" in page
    )
