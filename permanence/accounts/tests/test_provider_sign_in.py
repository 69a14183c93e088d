"""Signing in through the council's identity provider: roles from the administrator's group
table, accounts made on first sign-in and switched off when the provider stops listing them."""

import time

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, authenticate
from django.urls import reverse

from permanence.accounts import oidc, roles, services
from permanence.accounts.models import ProviderGroupRole, Team, User

ALICE = {
    "subject": "7f3c-alice",
    "username": "alice.adeyemi@thornbury.example",
    "email": "alice.adeyemi@thornbury.example",
    "first_name": "Alice",
    "last_name": "Adeyemi",
}


@pytest.fixture
def table(db):
    cic = Team.objects.create(name="Children in Care 1")
    ProviderGroupRole.objects.create(provider_group="CiC-Social-Workers", role=roles.SOCIAL_WORKER, team=cic)
    ProviderGroupRole.objects.create(provider_group="CiC-Managers", role=roles.TEAM_MANAGER, team=cic, priority=50)
    ProviderGroupRole.objects.create(provider_group="Permanence-Admins", role=roles.ADMINISTRATOR, priority=10)
    return cic


@pytest.fixture
def provider_on(settings):
    settings.PERMANENCE_OIDC_ISSUER = "https://login.thornbury.example/tenant/v2.0"
    settings.PERMANENCE_BREAK_GLASS_USERNAMES = ["emergency.admin"]


def test_a_first_sign_in_makes_the_account_with_the_role_and_team_the_group_gives(table):
    alice = services.provider_sign_in(**ALICE, groups=["All-Staff", "CiC-Social-Workers"])
    assert (alice.role, alice.team, alice.get_full_name()) == (roles.SOCIAL_WORKER, table, "Alice Adeyemi")
    assert not alice.has_usable_password()  # her password lives at the council, never here
    assert alice.provider_account.groups == ["All-Staff", "CiC-Social-Workers"]


def test_in_several_groups_the_lowest_priority_number_decides(table):
    alice = services.provider_sign_in(**ALICE, groups=["CiC-Social-Workers", "CiC-Managers"])
    assert alice.role == roles.TEAM_MANAGER and alice.team == table


def test_a_promotion_at_the_provider_changes_the_role_at_the_next_sign_in(table):
    services.provider_sign_in(**ALICE, groups=["CiC-Social-Workers"])
    alice = services.provider_sign_in(**ALICE, groups=["CiC-Managers"])
    assert alice.role == roles.TEAM_MANAGER
    assert User.objects.count() == 1


def test_someone_in_no_mapped_group_is_refused_and_no_account_is_made(table):
    with pytest.raises(services.SignInRefused, match="not in a group that gives access"):
        services.provider_sign_in(**ALICE, groups=["All-Staff"])
    assert not User.objects.exists()


def test_removed_from_the_group_the_account_is_switched_off_and_comes_back_when_added_again(table):
    services.provider_sign_in(**ALICE, groups=["CiC-Social-Workers"])
    with pytest.raises(services.SignInRefused):
        services.provider_sign_in(**ALICE, groups=[])
    alice = User.objects.get()
    assert not alice.is_active and alice.provider_account.disabled_by_provider
    assert services.provider_sign_in(**ALICE, groups=["CiC-Social-Workers"]).is_active


def test_an_account_the_administrator_switched_off_stays_off_whatever_the_provider_says(table):
    alice = services.provider_sign_in(**ALICE, groups=["CiC-Social-Workers"])
    alice.is_active = False
    alice.save()
    with pytest.raises(services.SignInRefused, match="switched off"):
        services.provider_sign_in(**ALICE, groups=["CiC-Social-Workers"])
    assert not User.objects.get().is_active


def test_a_local_account_with_the_same_username_is_not_taken_over(table):
    local = User.objects.create_user(ALICE["username"], password="a-long-local-password")
    alice = services.provider_sign_in(**ALICE, groups=["CiC-Social-Workers"])
    assert alice.pk != local.pk and alice.username.startswith(ALICE["username"] + "-")


def test_local_passwords_are_refused_while_the_provider_is_on_except_break_glass(db, provider_on):
    User.objects.create_user("sam", password="a-long-local-password", role=roles.SOCIAL_WORKER)
    User.objects.create_user("emergency.admin", password="a-long-local-password", role=roles.ADMINISTRATOR)
    assert authenticate(username="sam", password="a-long-local-password") is None
    assert authenticate(username="emergency.admin", password="a-long-local-password") is not None


def test_the_sign_in_page_offers_the_provider_and_refuses_a_password(client, db, provider_on):
    User.objects.create_user("sam", password="a-long-local-password", role=roles.SOCIAL_WORKER)
    page = client.get(reverse("login")).content.decode()
    assert "Sign in with your council account" in page and reverse("oidc_authentication_init") in page
    response = client.post(reverse("login"), {"username": "sam", "password": "a-long-local-password"})
    assert "Passwords are switched off here" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_without_the_provider_its_addresses_are_not_there(client, db):
    assert client.get(reverse("oidc_authentication_init")).status_code == 404
    assert client.get(reverse("oidc_authentication_callback")).status_code == 404
    assert oidc.local_password_allowed("sam")


def test_the_provider_is_trusted_for_the_second_factor_of_its_administrators(client, table, provider_on):
    admin = services.provider_sign_in(**ALICE, groups=["Permanence-Admins"])
    client.force_login(admin, backend=oidc.BACKEND)
    session = client.session
    session["oidc_id_token_expiration"] = time.time() + 600  # the provider vouched for her just now
    session.save()
    assert client.session[BACKEND_SESSION_KEY] == oidc.BACKEND
    assert client.get(reverse("jobs")).status_code == 200  # no second code asked for here


def test_an_unreachable_provider_does_not_break_the_page_at_re_check_time(client, table, provider_on):
    alice = services.provider_sign_in(**ALICE, groups=["CiC-Social-Workers"])
    client.force_login(alice, backend=oidc.BACKEND)  # no expiry recorded: a re-check is due
    assert client.get(reverse("home")).status_code == 200  # login.thornbury.example does not resolve here
