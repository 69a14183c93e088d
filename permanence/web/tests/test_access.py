"""Signing in and out, and every page needing a login."""

from django.contrib import admin
from django.urls import reverse

from permanence.accounts import roles

from .builders import person


def test_pages_need_a_login(client, ava):
    for url in (reverse("home"), reverse("child-search") + "?q=Ava", reverse("child-detail", args=[ava.pk])):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login") + "?next="), url


def test_signing_in_leads_to_the_caseload(client, db):
    person("sam", "Sam", "Social-Worker", roles.SOCIAL_WORKER, password="correct-horse-battery")
    response = client.post(reverse("login"), {"username": "sam", "password": "correct-horse-battery"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("home")
    assert "Your caseload" in response.content.decode()


def test_a_wrong_password_is_explained_in_an_error_summary(client, db):
    person("sam", "Sam", "Social-Worker", roles.SOCIAL_WORKER, password="correct-horse-battery")
    response = client.post(reverse("login"), {"username": "sam", "password": "wrong"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html and "There is a problem" in html
    assert "Enter a correct username and password" in html
    assert "<title>Error: Sign in" in html


def test_empty_fields_say_what_to_enter(client, db):
    html = client.post(reverse("login"), {"username": "", "password": ""}).content.decode()
    assert 'href="#id_username">Enter your username' in html
    assert 'href="#id_password">Enter your password' in html
    assert "govuk-input--error" in html


def test_signing_out_is_a_post_from_the_header(client, sam):
    client.force_login(sam)
    html = client.get(reverse("home")).content.decode()
    assert f'<form method="post" action="{reverse("logout")}"' in html
    response = client.post(reverse("logout"))
    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert client.get(reverse("home")).status_code == 302


def test_the_header_names_the_service_and_the_council(client, sam, settings):
    client.force_login(sam)
    html = client.get(reverse("home")).content.decode()
    assert "Permanence Planner" in html and settings.PERMANENCE_COUNCIL_NAME in html
    assert "govuk-phase-banner" in html and ">Demo<" in html
    assert 'class="govuk-skip-link"' in html


def test_the_admin_site_stays_at_admin(client):
    assert client.get("/admin/").status_code == 302


def test_the_admin_site_holds_accounts_and_teams_and_never_a_childs_record():
    """The administrator manages accounts there and opens no case record: nothing of a child, their
    family, their plan or the carer register is registered, so nothing there passes by the access
    policy, the version check or the audit of who looked at a record."""
    case_apps = {"children", "planning", "meetings", "matching", "siblings", "support", "voice", "returns", "feed"}
    registered = {model._meta.app_label for model in admin.site._registry}
    assert registered & case_apps == set()
    assert {"accounts"} <= registered
