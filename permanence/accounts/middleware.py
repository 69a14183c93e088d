import time

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.auth.signals import user_logged_in
from django.shortcuts import redirect
from django.urls import reverse

from . import oidc, two_factor

# The API authenticates with tokens of its own, never the session.
ALLOWED_PREFIXES = ("/static/", "/logout/", "/account/two-factor/", "/api/")


class TwoFactorMiddleware:
    """Until a person who needs a second factor has given it, every page sends them to it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if request.session.get(BACKEND_SESSION_KEY) == oidc.BACKEND:
            return self.get_response(request)  # the council's identity provider asked for the second factor
        if user is not None and user.is_authenticated and not request.path.startswith(ALLOWED_PREFIXES):
            if two_factor.needs_verification(user):
                name = "two-factor" if two_factor.confirmed_device(user) else "two-factor-setup"
                return redirect(f"{reverse(name)}?next={request.get_full_path()}")
        return self.get_response(request)


RENEWED_AT = "_renewed_at"


def stamp_renewal(sender, request, user, **kwargs):
    """Signing in saves the session: the minute before the next renewal starts then."""
    if getattr(request, "session", None) is not None:
        request.session[RENEWED_AT] = int(time.time())


user_logged_in.connect(stamp_renewal, dispatch_uid="accounts:session-renewal")


class SessionRenewalMiddleware:
    """A signed-in session ends after SESSION_COOKIE_AGE without a request. Each request renews it,
    but writes it at most once every SESSION_RENEW_EVERY seconds (a minute), not on every page:
    the idle limit then holds to within that minute, and a busy page costs no session write."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and not session.is_empty():
            now = int(time.time())
            if now - session.get(RENEWED_AT, 0) >= settings.SESSION_RENEW_EVERY:
                session[RENEWED_AT] = now  # saved (with a new expiry) by the session middleware
        return response
