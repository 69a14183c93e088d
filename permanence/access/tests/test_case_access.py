"""Restricted records, break glass, pseudonyms for analysts, retention."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse

from permanence.access import matrix, pseudonyms, retention
from permanence.access.models import BreakGlassGrant
from permanence.access.rules import can_view_child, visible_children
from permanence.audit.models import AuditEvent
from permanence.children import services

from .conftest import sign_in


def test_lists_follow_case_access(council):
    people, mine, other, hidden = council["people"], council["mine"], council["other"], council["hidden"]
    assert set(visible_children(people[matrix.SOCIAL_WORKER])) == {mine}
    assert set(visible_children(people[matrix.SERVICE_MANAGER])) == {mine, other}
    assert set(visible_children(council["omar"])) == {other}
    assert hidden not in visible_children(people[matrix.TEAM_MANAGER])


def test_the_caseload_and_search_show_only_the_children_in_scope(client, council):
    sign_in(client, council["people"][matrix.SOCIAL_WORKER])
    html = client.get(reverse("home")).content.decode()
    assert "Mina Example" in html and "Otto Example" not in html and "Hana Example" not in html
    results = client.get(reverse("child-search"), {"q": "Example"}).context["results"]
    assert [case.child.first_name for case in results.object_list] == ["Mina"]


def test_a_restricted_record_opens_only_for_the_people_named_on_it(client, council):
    sam, hidden = council["people"][matrix.SOCIAL_WORKER], council["hidden"]
    sign_in(client, sam)
    refused = client.get(reverse("child-detail", args=[hidden.pk]))
    assert refused.status_code == 403 and "This child's record is restricted" in refused.content.decode()
    hidden.restriction.permitted.add(sam)
    assert client.get(reverse("child-detail", args=[hidden.pk])).status_code == 200


def test_break_glass_needs_a_reason_lasts_a_while_is_audited_and_tells_the_manager(client, council):
    omar, mine = council["omar"], council["mine"]
    sign_in(client, omar)
    refused = client.get(reverse("child-detail", args=[mine.pk])).content.decode()
    assert reverse("break-glass", args=[mine.pk]) in refused
    short = client.post(reverse("break-glass", args=[mine.pk]), {"reason": "need"})
    assert "at least 10 characters" in short.content.decode() and not BreakGlassGrant.objects.exists()
    reason = "Police called out of hours about a missing child; duty worker needs the placement address"
    response = client.post(reverse("break-glass", args=[mine.pk]), {"reason": reason})
    assert response.status_code == 302
    assert client.get(reverse("child-detail", args=[mine.pk])).status_code == 200
    grant = BreakGlassGrant.objects.get()
    assert abs(grant.expires_at - grant.granted_at - timedelta(hours=4)) < timedelta(seconds=5)
    assert AuditEvent.objects.filter(model="access.BreakGlassGrant", action="create", username="omar").exists()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["tess@example.org"] and reason in mail.outbox[0].body
    # After it expires, the record closes again.
    later = grant.expires_at + timedelta(minutes=1)
    assert not can_view_child(omar, mine.pk, now=later)


def test_analysts_see_pseudonyms_not_names(client, council):
    sign_in(client, council["people"][matrix.PERFORMANCE_ANALYST])
    home = client.get(reverse("home")).content.decode()
    assert "Mina" not in home and pseudonyms.pseudonym(council["mine"].pk) in home
    tracker = client.get(reverse("tracker", args=["permanence"])).content.decode()
    assert "Mina" not in tracker and "Otto" not in tracker
    drift = client.get(reverse("drift-dashboard") + "?scope=all").content.decode()
    assert "Mina" not in drift and "Otto" not in drift
    assert client.get(reverse("child-detail", args=[council["mine"].pk])).status_code == 403


def test_a_pseudonymised_child_cannot_be_saved(council):
    child = pseudonyms.pseudonymise(council["mine"])
    with pytest.raises(ValueError):
        child.save()


def test_retention_rules():
    born = date(2010, 6, 1)
    assert retention.retain_until(date_of_birth=born).until == date(2085, 6, 1)
    assert retention.retain_until(date_of_birth=born, adoption_order_made=date(2012, 3, 1)).until == date(2112, 3, 1)
    assert retention.retain_until(date_of_birth=born, date_of_death=date(2020, 1, 1)).until == date(2035, 1, 1)
    assert retention.retain_until(date_of_birth=born, date_of_death=date(2040, 1, 1)).until == date(2085, 6, 1)


def test_a_child_record_cannot_be_deleted_inside_its_retention_period(council):
    child = council["other"]
    from django.db import transaction

    with pytest.raises(retention.RetentionError, match="must be kept until"), transaction.atomic():
        child.delete()
    assert type(child).objects.filter(pk=child.pk).exists()


def test_the_retention_report_lists_records_due_for_review(client, council):
    old = services.child_create(first_name="Old", last_name="Record", date_of_birth=date(1950, 1, 1),
                                council_reference="OLD1")
    rows = retention.due_for_review()
    assert [row["reference"] for row in rows] == ["OLD1"] and rows[0]["ended"]
    old.delete()  # past its period: a person may now delete it
    sign_in(client, council["people"][matrix.ADMINISTRATOR])
    assert client.get(reverse("retention-report")).status_code == 200
    sign_in(client, council["people"][matrix.SOCIAL_WORKER])
    assert client.get(reverse("retention-report")).status_code == 403
