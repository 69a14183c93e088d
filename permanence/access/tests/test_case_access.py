"""Restricted records, break glass, pseudonyms for analysts, retention."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse

from permanence.access import matrix, policy, pseudonyms, retention
from permanence.access.models import BreakGlassGrant, RestrictedRecord
from permanence.access.rules import can_view_child, visible_children
from permanence.access.services import break_glass_grant
from permanence.audit.models import AuditEvent
from permanence.children import services
from permanence.children.models import Carer, Episode
from permanence.matching.models import Match
from permanence.meetings.models import Action
from permanence.meetings.selectors import open_actions_for
from permanence.support.models import ContactPlan, SupportAction, SupportPlan
from permanence.tracking import trackers
from permanence.web.tests.builders import sign_in


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
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["tara@example.org"] and reason in mail.outbox[0].body
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
    # No link to a record, so no record id either; and no carer's name (often the family's name).
    import re

    assert not re.search(r'href="/children/\d', tracker) and not re.search(r'href="/children/\d', drift)


def test_an_analysts_tracker_rows_carry_no_carers_name(council):
    grandmother = Carer.objects.create(name="Grace Example", kind="connected_person", reference="C-G")
    Episode.objects.filter(child=council["mine"]).update(carer=grandmother)
    analyst, manager = council["people"][matrix.PERFORMANCE_ANALYST], council["people"][matrix.SERVICE_MANAGER]
    seen = {row.values["carer"] for row in trackers.run("permanence", user=analyst).rows}
    assert "Grace Example" not in seen
    assert "Grace Example" in {row.values["carer"] for row in trackers.run("permanence", user=manager).rows}


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
    old = services.child_create(
        first_name="Old", last_name="Record", date_of_birth=date(1950, 1, 1), council_reference="OLD1"
    )
    rows = retention.due_for_review()
    assert [row["reference"] for row in rows] == ["OLD1"] and rows[0]["ended"]
    old.delete()  # past its period: a person may now delete it
    sign_in(client, council["people"][matrix.ADMINISTRATOR])
    assert client.get(reverse("retention-report")).status_code == 200
    sign_in(client, council["people"][matrix.SOCIAL_WORKER])
    assert client.get(reverse("retention-report")).status_code == 403


def test_a_match_a_contact_session_and_a_support_action_open_only_for_people_with_the_child_in_scope(client, council):
    other, mine = council["other"], council["mine"]
    carer = Carer.objects.create(name="Jo Carer", kind="adopter", reference="C-9")
    match = Match.objects.create(carer=carer, linked_on=date(2026, 3, 1))
    match.children.add(other)
    plan = ContactPlan.objects.create(
        child=other,
        with_whom="Olga (mother)",
        relationship="mother",
        kind="direct",
        frequency="Monthly",
        supervision="supervised",
        child_views="Wants to see mum",
        agreed=date(2026, 2, 1),
        review_date=date(2026, 5, 1),
    )
    support = SupportPlan.objects.create(
        child=other, route="long_term_fostering", start=date(2026, 2, 1), review_date=date(2026, 8, 1)
    )
    action = SupportAction.objects.create(
        plan=support, description="Respite", owner="Fostering team", due=date(2026, 3, 1)
    )
    sam = council["people"][matrix.SOCIAL_WORKER]
    sign_in(client, sam)
    assert client.get(reverse("matching-match", args=[match.pk])).status_code == 403
    assert client.get(reverse("support-contact-session-new", args=[plan.pk])).status_code == 403
    assert client.post(reverse("support-action-done", args=[action.pk]), {"done_on": "2026-03-01"}).status_code == 403
    # A sibling group: seeing one brother is not enough to open the match of both.
    match.children.add(mine)
    assert client.get(reverse("matching-match", args=[match.pk])).status_code == 403
    omar = council["omar"]
    sign_in(client, omar)
    assert client.get(reverse("support-contact-session-new", args=[plan.pk])).status_code == 200


def test_a_service_manager_restricts_a_record_names_who_may_open_it_and_lifts_it(client, council):
    manager, sam, mine = (
        council["people"][matrix.SERVICE_MANAGER],
        council["people"][matrix.SOCIAL_WORKER],
        council["mine"],
    )
    sign_in(client, manager)
    page = client.get(reverse("record-access", args=[mine.pk])).content.decode()
    assert "This record follows case access" in page and f"{sam.get_full_name()} (Social worker, allocated)" in page
    refused = client.post(reverse("record-access", args=[mine.pk]), {"action": "restrict", "reason": "other"})
    assert (
        "Say why the record is restricted" in refused.content.decode()
        and not RestrictedRecord.objects.filter(child=mine).exists()
    )
    client.post(
        reverse("record-access", args=[mine.pk]),
        {"action": "restrict", "reason": "staff_related", "permitted": [manager.pk]},
    )
    assert not can_view_child(sam, mine.pk) and can_view_child(manager, mine.pk)
    assert AuditEvent.objects.filter(
        model="access.RestrictedRecord", action="create", username=manager.username
    ).exists()
    opened = client.get(reverse("record-access", args=[mine.pk])).context["version"]  # the restriction's version
    client.post(reverse("record-access", args=[mine.pk]), {"action": "lift", "version": opened})
    assert can_view_child(sam, mine.pk)


def test_a_service_manager_ends_someones_emergency_access_early(client, council):
    omar, mine, manager = council["omar"], council["mine"], council["people"][matrix.SERVICE_MANAGER]
    grant = break_glass_grant(user=omar, child=mine, reason="Out of hours call from the police about Mina")
    assert can_view_child(omar, mine.pk)
    sign_in(client, manager)
    assert "Out of hours call" in client.get(reverse("record-access", args=[mine.pk])).content.decode()
    client.post(reverse("record-access", args=[mine.pk]), {"action": "revoke", "grant": grant.pk})
    assert not can_view_child(omar, mine.pk)


def test_only_a_service_manager_manages_who_can_open_a_record(client, council):
    mine = council["mine"]
    for role in (matrix.SOCIAL_WORKER, matrix.TEAM_MANAGER, matrix.IRO, matrix.PERFORMANCE_ANALYST):
        sign_in(client, council["people"][role])
        assert client.get(reverse("record-access", args=[mine.pk])).status_code == 403, role
    # A restricted record is outside the service manager's scope, but they can still manage it.
    sign_in(client, council["people"][matrix.SERVICE_MANAGER])
    assert client.get(reverse("record-access", args=[council["hidden"].pk])).status_code == 200


def test_the_menu_offers_only_the_sections_the_role_can_open(client, council):
    def menu(role):
        sign_in(client, council["people"][role])
        return [item["label"] for item in client.get(reverse("home")).context["navigation"]]

    assert menu(matrix.SOCIAL_WORKER) == [
        "Caseload",
        "Find a child",
        "Drift",
        "Trackers",
        "Meetings",
        "Stability",
        "Family finding",
        "Performance",
    ]
    assert menu(matrix.PERFORMANCE_ANALYST) == ["Caseload", "Drift", "Trackers", "Performance"]
    assert "Find a child" not in menu(matrix.ADMINISTRATOR)


def test_a_social_workers_open_actions_leave_out_a_record_restricted_since_and_a_child_moved_out_of_scope(council):
    """Sam was given actions on Mina (his), Hana (his, but her record is restricted) and Otto (Omar's).
    Only Mina's is listed, and the other two are counted, never named, until Sam is named on Hana's
    restriction or is given emergency access to Otto's record."""
    sam, mine, other, hidden = (
        council["people"][matrix.SOCIAL_WORKER],
        council["mine"],
        council["other"],
        council["hidden"],
    )
    for child in (mine, hidden, other):
        Action.objects.create(
            child=child,
            description=f"Book {child.first_name}'s review",
            owner=sam,
            due=date(2026, 12, 1),
            forum="tracking_meeting",
            set_on=date(2026, 11, 1),
        )
    sams = Action.objects.filter(owner=sam)
    assert [a.child for a in open_actions_for(sam)] == [mine]
    assert policy.hidden_count(sams, sam) == 2

    hidden.restriction.permitted.add(sam)
    assert {a.child for a in open_actions_for(sam)} == {mine, hidden}
    break_glass_grant(user=sam, child=other, reason="Police called out of hours about a missing child")
    assert {a.child for a in open_actions_for(sam)} == {mine, hidden, other}
    assert policy.hidden_count(sams, sam) == 0
