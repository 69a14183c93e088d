"""Wrong passwords: a guesser is slowed down by address and by account, and no stranger can keep a
named person out of their own account."""

from datetime import timedelta

from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from permanence.accounts import roles
from permanence.accounts.models import FailedSignIn
from permanence.web.tests.builders import person

PASSWORD = "correct-horse-battery"
STRANGER, OFFICE, HOME = "203.0.113.9", "198.51.100.20", "192.0.2.44"


def sign_in(username, password, ip):
    client = Client(REMOTE_ADDR=ip)
    response = client.post(reverse("login"), {"username": username, "password": password})
    return response.status_code == 302, response.content.decode()


def a_while_later(minutes):
    FailedSignIn.objects.update(at=timezone.now() - timedelta(minutes=minutes))


def test_many_wrong_sign_ins_from_one_address_are_stopped_whichever_usernames_they_try(db):
    person("sam", "Sam", "Worker", roles.SOCIAL_WORKER, password=PASSWORD)
    for i in range(settings.PERMANENCE_LOCKOUT_ADDRESS_ATTEMPTS):
        signed_in, _ = sign_in(f"guess{i}", "wrong-password", STRANGER)
        assert not signed_in
    # Even Sam's right password, from that address, is refused with the reason ...
    signed_in, html = sign_in("sam", PASSWORD, STRANGER)
    assert not signed_in and "Too many wrong sign-ins from this computer" in html
    # ... while Sam at the office signs in as usual.
    assert sign_in("sam", PASSWORD, OFFICE)[0]


def test_a_stranger_guessing_sams_password_does_not_lock_sam_out_at_the_office(db):
    person("sam", "Sam", "Worker", roles.SOCIAL_WORKER, password=PASSWORD)
    for _ in range(settings.PERMANENCE_LOCKOUT_ATTEMPTS * 3):
        assert not sign_in("sam", "wrong-password", STRANGER)[0]
    signed_in, html = sign_in("sam", PASSWORD, STRANGER)
    assert not signed_in and "Your account is locked" in html
    assert sign_in("sam", PASSWORD, OFFICE)[0]


def test_guessing_spread_over_many_addresses_locks_the_account_but_not_from_where_sam_signs_in(db):
    person("sam", "Sam", "Worker", roles.SOCIAL_WORKER, password=PASSWORD)
    assert sign_in("sam", PASSWORD, OFFICE)[0]  # Sam's usual address
    attempts = settings.PERMANENCE_LOCKOUT_ACCOUNT_ATTEMPTS
    for i in range(attempts):
        assert not sign_in("sam", "wrong-password", f"10.0.{i // 200}.{i % 200 + 1}")[0]
    signed_in, html = sign_in("sam", PASSWORD, HOME)
    assert not signed_in and "Your account is locked" in html
    assert sign_in("sam", PASSWORD, OFFICE)[0]


def test_the_lock_ends_on_time_however_long_the_stranger_keeps_trying(db):
    person("sam", "Sam", "Worker", roles.SOCIAL_WORKER, password=PASSWORD)
    for _ in range(settings.PERMANENCE_LOCKOUT_ATTEMPTS):
        sign_in("sam", "wrong-password", STRANGER)
    a_while_later(settings.PERMANENCE_LOCKOUT_MINUTES - 1)
    for _ in range(50):  # the stranger keeps on while locked: refused, not counted
        assert "Your account is locked" in sign_in("sam", "wrong-password", STRANGER)[1]
    assert FailedSignIn.objects.count() == settings.PERMANENCE_LOCKOUT_ATTEMPTS
    a_while_later(settings.PERMANENCE_LOCKOUT_MINUTES + 1)
    assert sign_in("sam", PASSWORD, STRANGER)[0]


def test_after_the_lock_window_sam_signs_in_from_another_address(db):
    person("sam", "Sam", "Worker", roles.SOCIAL_WORKER, password=PASSWORD)
    for i in range(settings.PERMANENCE_LOCKOUT_ACCOUNT_ATTEMPTS):
        sign_in("sam", "wrong-password", f"10.1.0.{i + 1}")
    assert not sign_in("sam", PASSWORD, HOME)[0]
    a_while_later(settings.PERMANENCE_LOCKOUT_MINUTES + 1)
    assert sign_in("sam", PASSWORD, HOME)[0]


def test_the_admin_sign_in_is_throttled_by_address_too(db):
    person("ada", "Ada", "Admin", roles.ADMINISTRATOR, password=PASSWORD)
    client = Client(REMOTE_ADDR=STRANGER)
    for i in range(settings.PERMANENCE_LOCKOUT_ADDRESS_ATTEMPTS):
        client.post(reverse("admin:login"), {"username": f"guess{i}", "password": "wrong-password"})
    assert FailedSignIn.objects.filter(ip=STRANGER).count() == settings.PERMANENCE_LOCKOUT_ADDRESS_ATTEMPTS
    client.post(reverse("admin:login"), {"username": "ada", "password": PASSWORD})
    assert "_auth_user_id" not in client.session
