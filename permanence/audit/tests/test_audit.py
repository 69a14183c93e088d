"""The audit log: views and changes recorded, append-only, and a hash chain that shows tampering."""

from datetime import date

import pytest
from django.db import connection
from django.urls import reverse

from permanence.audit import chain
from permanence.audit.cli import audit_main
from permanence.audit.models import AppendOnly, AuditEvent
from permanence.children import services
from permanence.web.tests.builders import sign_in


@pytest.fixture
def recorded(council):
    child = council["mine"]
    services.review_record(child=child, date=date(2026, 2, 1))
    return child


def test_a_change_is_recorded_with_before_and_after(recorded):
    child = recorded
    child.religion = "Quaker"
    child.save()
    event = AuditEvent.objects.filter(model="children.Child", object_id=str(child.pk), action="update").last()
    assert event.before["religion"] == "" and event.after["religion"] == "Quaker"
    assert "first_name" not in event.after  # only what changed
    assert event.child_id == child.pk
    created = AuditEvent.objects.filter(model="children.Review", action="create").last()
    assert created.child_id == child.pk and created.after["date"] == "2026-02-01"


def test_passwords_never_reach_the_log(council):
    user = council["people"]["social_worker"]
    user.set_password("a-new-long-password")
    user.save()
    for event in AuditEvent.objects.filter(model="accounts.User"):
        assert "password" not in (event.after or {}) and "password" not in (event.before or {})


def test_every_view_of_a_child_record_is_recorded_with_where_from(client, council):
    sam, child = council["people"]["social_worker"], council["mine"]
    sign_in(client, sam)
    assert (
        client.get(
            reverse("child-detail", args=[child.pk]), HTTP_USER_AGENT="TestBrowser/1", REMOTE_ADDR="10.1.2.3"
        ).status_code
        == 200
    )
    event = AuditEvent.objects.filter(action="view", child_id=child.pk).last()
    assert (event.username, event.ip, event.user_agent) == ("sam", "10.1.2.3", "TestBrowser/1")
    assert event.path == reverse("child-detail", args=[child.pk])


def test_a_refused_look_is_not_a_view(client, council):
    sign_in(client, council["omar"])
    assert client.get(reverse("child-detail", args=[council["mine"].pk])).status_code == 403
    assert not AuditEvent.objects.filter(action="view", username="omar").exists()


def test_who_has_looked_page_is_linked_from_the_child_page(client, council):
    sam, child = council["people"]["social_worker"], council["mine"]
    sign_in(client, sam)
    html = client.get(reverse("child-detail", args=[child.pk])).content.decode()
    assert reverse("child-audit", args=[child.pk]) in html and "Who has looked at this record" in html
    page = client.get(reverse("child-audit", args=[child.pk])).content.decode()
    assert "Sam Social-Worker" in page and "Social worker" in page


def test_the_application_cannot_change_or_delete_a_row(council):
    event = AuditEvent.objects.first()
    event.username = "someone else"
    with pytest.raises(AppendOnly):
        event.save()
    with pytest.raises(AppendOnly):
        event.delete()
    with pytest.raises(AppendOnly):
        AuditEvent.objects.filter(pk=event.pk).update(username="x")
    with pytest.raises(AppendOnly):
        AuditEvent.objects.all().delete()


@pytest.mark.django_db(transaction=True)
def test_the_database_refuses_an_update():
    from django.db import DatabaseError, transaction

    chain.append(action="view", child_id=1, username="sam")
    event = AuditEvent.objects.get()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET username = 'x' WHERE id = %s", [event.pk])
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
    assert AuditEvent.objects.get().username == "sam"


def test_the_chain_verifies_and_names_a_tampered_row(recorded, capsys):
    assert audit_main(["verify"]) == 0
    assert "intact" in capsys.readouterr().out
    events = list(AuditEvent.objects.order_by("id"))
    assert len(events) > 5
    victim = events[3]
    _tamper(victim.pk, username="nobody")
    _count, bad, why = chain.verify()
    assert bad == victim.pk and "content" in why
    assert audit_main(["verify"]) == 1
    assert f"row {victim.pk}" in capsys.readouterr().out


def test_a_removed_row_breaks_the_link(recorded):
    events = list(AuditEvent.objects.order_by("id"))
    survivors = [e for e in events if e.pk != events[2].pk]
    _count, bad, why = chain.verify(survivors)
    assert bad == events[3].pk and "link" in why


def _tamper(event_id, **values):
    sets = ", ".join(f"{name} = %s" for name in values)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_append_only")
            cursor.execute(f"UPDATE audit_auditevent SET {sets} WHERE id = %s", [*values.values(), event_id])
            cursor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER audit_event_append_only")
        else:
            cursor.execute("DROP TRIGGER audit_event_no_update")
            cursor.execute(f"UPDATE audit_auditevent SET {sets} WHERE id = %s", [*values.values(), event_id])
            from importlib import import_module

            cursor.execute(import_module("permanence.audit.migrations.0002_append_only_triggers").SQLITE_UP)
