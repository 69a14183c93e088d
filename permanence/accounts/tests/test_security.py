"""Accounts: argon2, lockout, session timeout, a second factor for administrators, secure headers."""

import re

import pytest
from django.conf import settings
from django.contrib.auth.hashers import get_hasher
from django.contrib.sessions.models import Session
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from permanence.accounts import roles
from permanence.web.tests.builders import person

PASSWORD = "correct-horse-battery"


def test_passwords_are_hashed_with_argon2(db):
    user = person("sam", "Sam", "Worker", roles.SOCIAL_WORKER, password=PASSWORD)
    assert settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert user.password.startswith(get_hasher("argon2").algorithm + "$")


def test_repeated_wrong_passwords_lock_the_account(client, db):
    person("sam", "Sam", "Worker", roles.SOCIAL_WORKER, password=PASSWORD)
    for _ in range(settings.PERMANENCE_LOCKOUT_ATTEMPTS):
        assert (
            "Enter a correct username and password"
            in client.post(reverse("login"), {"username": "sam", "password": "wrong"}).content.decode()
        )
    response = client.post(reverse("login"), {"username": "sam", "password": PASSWORD})
    html = response.content.decode()
    assert response.status_code == 200 and "Your account is locked" in html and "govuk-error-summary" in html
    assert client.get(reverse("home")).status_code == 302  # still signed out


def test_a_right_password_clears_earlier_failures(client, db):
    person("sam", "Sam", "Worker", roles.SOCIAL_WORKER, password=PASSWORD)
    for _ in range(settings.PERMANENCE_LOCKOUT_ATTEMPTS - 1):
        client.post(reverse("login"), {"username": "sam", "password": "wrong"})
    assert client.post(reverse("login"), {"username": "sam", "password": PASSWORD}).status_code == 302
    client.post(reverse("logout"))
    client.post(reverse("login"), {"username": "sam", "password": "wrong"})
    assert client.post(reverse("login"), {"username": "sam", "password": PASSWORD}).status_code == 302


def test_sessions_end_after_idling():
    assert settings.SESSION_COOKIE_AGE <= 60 * 60 and settings.SESSION_RENEW_EVERY <= 5 * 60
    assert "permanence.accounts.middleware.SessionRenewalMiddleware" in settings.MIDDLEWARE


def test_a_signed_in_session_is_renewed_at_most_once_a_minute_not_on_every_page(db, client):
    user = person("rita", "Rita", "Example", "social_worker")
    client.force_login(user)  # signing in saved the session
    renewed, saved = client.session["_renewed_at"], Session.objects.get().expire_date
    client.get("/")
    client.get("/")
    assert client.session["_renewed_at"] == renewed and Session.objects.get().expire_date == saved
    session = client.session
    session["_renewed_at"] = renewed - 61  # a minute later
    session.save()
    client.get("/")
    assert client.session["_renewed_at"] >= renewed


def _secret(html):
    return re.search(r'<code class="app-secret">([A-Z2-7]+)</code>', html).group(1)


def _code(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_an_administrator_must_set_up_and_then_give_a_second_factor(client, db):
    person("alex", "Alex", "Admin", roles.ADMINISTRATOR, password=PASSWORD)
    response = client.post(reverse("login"), {"username": "alex", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("two-factor-setup"))
    html = response.content.decode()
    assert "Set up two-step sign-in" in html and "you must use a code" in html and 'src="data:image/svg+xml' in html
    assert _secret(html)
    assert client.get(reverse("retention-report")).status_code == 302  # nothing else until it is set up
    device = TOTPDevice.objects.get(user__username="alex")
    wrong = client.post(reverse("two-factor-setup"), {"code": "000000" if _code(device) != "000000" else "111111"})
    assert "Enter the 6-digit code" in wrong.content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # django-otp slows down guessing after a wrong code
    done = client.post(reverse("two-factor-setup"), {"code": _code(device), "next": "/"}, follow=True)
    # Lands on the service's administration, not an empty caseload telling them to ask themselves.
    html = done.content.decode()
    assert "Two-step sign-in is set up" in html and "Administering Permanence Planner" in html
    assert "ask your system administrator" not in html and "No children are looked after" not in html
    assert 'href="/admin/"' in html and 'href="/records/retention/"' in html
    assert client.get(reverse("retention-report")).status_code == 200
    # Next time: a code after the password.
    client.post(reverse("logout"))
    response = client.post(reverse("login"), {"username": "alex", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("two-factor"))
    device.refresh_from_db()
    device.last_t = -1
    device.save()
    assert client.post(reverse("two-factor"), {"code": _code(device)}).status_code == 302
    assert client.get(reverse("retention-report")).status_code == 200


def test_a_social_worker_needs_no_second_factor_unless_they_chose_one(client, db):
    person("sam", "Sam", "Worker", roles.SOCIAL_WORKER, password=PASSWORD)
    response = client.post(reverse("login"), {"username": "sam", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("home")


def test_secure_headers_and_the_inline_script_nonce(client, db):
    person("sam", "Sam", "Worker", roles.SOCIAL_WORKER, password=PASSWORD)
    response = client.get(reverse("login"))
    policy = response["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert f'<script nonce="{nonce}">document.body.className' in response.content.decode()
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_forms_need_the_csrf_token(db):
    from django.test import Client

    person("sam", "Sam", "Worker", roles.SOCIAL_WORKER, password=PASSWORD)
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(reverse("login"), {"username": "sam", "password": PASSWORD}).status_code == 403


@pytest.mark.parametrize("flag", ["1"])
def test_hsts_when_behind_tls(flag):
    import importlib
    import os

    import config.settings as module

    os.environ["SECURE_TLS"] = flag
    try:
        reloaded = importlib.reload(module)
        assert reloaded.SECURE_HSTS_SECONDS >= 31536000 and reloaded.SESSION_COOKIE_SECURE
    finally:
        del os.environ["SECURE_TLS"]
        importlib.reload(module)
