from django.contrib.auth import BACKEND_SESSION_KEY
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
