"""The administrator's page for the nightly feed: the last run, its counts, what it reported,
and a CSV of it; only administrators and service managers open it."""

import csv
import io

import pytest
from django.urls import reverse

from permanence.accounts import roles
from permanence.accounts.models import User
from permanence.feed.sync import ssd_sync

from . import extracts as x


@pytest.fixture
def alex(db):
    """Alex, the system administrator (two-step sign-in done)."""
    return User.objects.create_user("alex", first_name="Alex", last_name="Admin", role=roles.ADMINISTRATOR)


def signed_in(client, user):
    client.force_login(user)
    if user.role == roles.ADMINISTRATOR:  # administrators must use a second factor
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def test_before_any_run_the_page_says_so(client, alex):
    html = signed_in(client, alex).get(reverse("ssd-feed")).content.decode()
    assert "No sync has run yet." in html and "permanence sync-ssd SOURCE" in html


def test_the_page_shows_the_last_run_its_counts_and_what_it_reported(client, alex, sync, october):
    sync(x.council(), october)
    bad = x.changed(x.council(), "ssd_person", "P200", pers_forename="=cmd|' /C calc'!A0")
    run = sync(x.without(bad, "ssd_cla_reviews", "R1"), x.at("2026-10-02"))
    html = signed_in(client, alex).get(reverse("ssd-feed")).content.decode()
    for text in (
        "Succeeded",
        "2 October 2026",
        "1 unchanged",
        "1 refused, with problems",
        "Looked-after reviews",
        "pers_forename",
        "starts with =",
        "no longer in the extract",
    ):
        assert text in html, text
    assert "calc" not in html  # the value of a name is never shown
    assert reverse("ssd-feed-problems", args=[run.pk]) in html


def test_the_csv_lists_every_report_by_table_row_and_field(client, alex, sync, october):
    sync(x.council(), october)
    run = sync(
        x.changed(
            x.without(x.council(), "ssd_cla_reviews", "R1"), "ssd_cla_visits", "V3", clav_cla_visit_date="2026-13-01"
        ),
        x.at("2026-10-02"),
    )
    response = signed_in(client, alex).get(reverse("ssd-feed-problems", args=[run.pk]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {(r["kind"], r["table"], r["field"]) for r in rows} == {
        ("Problem", "ssd_cla_visits", "clav_cla_visit_date"),
        ("No longer in the extract", "ssd_cla_reviews", "clar_cla_review_id"),
    }
    bad = next(r for r in rows if r["kind"] == "Problem")
    assert bad["row"] == "4" and bad["person"] == "P200" and bad["value"] == "2026-13-01"


def test_a_failed_run_is_shown_with_its_reason(client, alex, sync, october, tmp_path):
    ssd_sync(source=str(tmp_path / "no-such-folder"))
    html = signed_in(client, alex).get(reverse("ssd-feed")).content.decode()
    assert "Failed" in html and "is not a folder" in html


@pytest.mark.parametrize(
    "role,allowed", [(roles.SOCIAL_WORKER, False), (roles.PERFORMANCE_ANALYST, False), (roles.SERVICE_MANAGER, True)]
)
def test_only_administrators_and_service_managers_open_it(client, db, role, allowed):
    user = User.objects.create_user(f"u-{role}", role=role)
    response = signed_in(client, user).get(reverse("ssd-feed"))
    assert (response.status_code == 200) is allowed
