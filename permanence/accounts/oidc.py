"""Sign-in through the council's identity provider over OpenID Connect (mozilla-django-oidc).

Switched on by PERMANENCE_OIDC_ISSUER (with PERMANENCE_OIDC_CLIENT_ID and _SECRET): the
provider's endpoints and signing keys are read from its discovery document, so Entra ID,
Keycloak, Okta or any OpenID Connect provider is configured by those three values. A person's
role and team come from the groups (or app roles) the provider lists for them, through the
administrator's ProviderGroupRole table (services.provider_sign_in). While it is on, local
passwords are refused except for the break-glass administrators named in
PERMANENCE_BREAK_GLASS_USERNAMES.
"""

import logging
import time
from typing import Any

import requests
from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth import BACKEND_SESSION_KEY
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.middleware import SessionRefresh
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from . import services

logger = logging.getLogger("permanence.accounts")

BACKEND = "permanence.accounts.oidc.ProviderBackend"
ENDPOINTS = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}
DISCOVERY_SECONDS = 3600
_discovered: dict[str, tuple[float, dict[str, Any]]] = {}


def enabled() -> bool:
    return bool(settings.PERMANENCE_OIDC_ISSUER)


def provider_name() -> str:
    return settings.PERMANENCE_OIDC_NAME


def local_password_allowed(username: str | None) -> bool:
    """While the provider signs people in, only the break-glass administrators use a password."""
    if not enabled():
        return True
    allowed = {name.lower() for name in settings.PERMANENCE_BREAK_GLASS_USERNAMES}
    return username is not None and username.lower() in allowed


def discovery() -> dict[str, Any]:
    """The provider's discovery document, read at most once an hour per process."""
    issuer = settings.PERMANENCE_OIDC_ISSUER.rstrip("/")
    cached = _discovered.get(issuer)
    if cached and time.monotonic() - cached[0] < DISCOVERY_SECONDS:
        return cached[1]
    url = f"{issuer}/.well-known/openid-configuration"
    response = requests.get(url, timeout=settings.OIDC_TIMEOUT, verify=settings.OIDC_VERIFY_SSL)
    response.raise_for_status()
    document = response.json()
    if str(document.get("issuer", "")).rstrip("/") != issuer:
        raise ImproperlyConfigured(
            f"PERMANENCE_OIDC_ISSUER is {issuer}, but the provider's discovery document says {document.get('issuer')!r}"
        )
    missing = [key for key in ENDPOINTS.values() if not document.get(key)]
    if missing:
        raise ImproperlyConfigured(f"The provider's discovery document at {url} has no {', '.join(missing)}")
    _discovered[issuer] = (time.monotonic(), document)
    return document


def get_setting(attr: str, *default: Any) -> Any:
    """mozilla-django-oidc's settings, with the provider's endpoints from its discovery document."""
    if attr in ENDPOINTS:
        return discovery()[ENDPOINTS[attr]]
    return import_from_settings(attr, *default)


def _groups(claims: dict[str, Any]) -> list[str]:
    value = claims.get(settings.PERMANENCE_OIDC_GROUPS_CLAIM) or []
    if isinstance(value, str):
        value = [value]
    return [str(group) for group in value if str(group).strip()][:500]


class ProviderBackend(OIDCAuthenticationBackend):
    """The code flow, with people matched by the provider's subject and their role from the table."""

    get_settings = staticmethod(get_setting)

    def __init__(self, *args, **kwargs):
        # Endpoints are looked up when a sign-in happens, not when Django loads the backend.
        from django.contrib.auth import get_user_model

        self.UserModel = get_user_model()

    def authenticate(self, request, **kwargs):
        if not enabled() or request is None or "code" not in request.GET:
            return None
        self.OIDC_OP_TOKEN_ENDPOINT = get_setting("OIDC_OP_TOKEN_ENDPOINT")
        self.OIDC_OP_USER_ENDPOINT = get_setting("OIDC_OP_USER_ENDPOINT")
        self.OIDC_OP_JWKS_ENDPOINT = get_setting("OIDC_OP_JWKS_ENDPOINT")
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        self.OIDC_RP_CLIENT_SECRET = settings.OIDC_RP_CLIENT_SECRET
        self.OIDC_RP_SIGN_ALGO = settings.OIDC_RP_SIGN_ALGO
        self.OIDC_RP_IDP_SIGN_KEY = None
        return super().authenticate(request, **kwargs)

    def get_userinfo(self, access_token, id_token, payload):
        # Entra ID puts groups and app roles in the ID token, others in userinfo: read both.
        return {**payload, **super().get_userinfo(access_token, id_token, payload)}

    def verify_claims(self, claims):
        return bool(claims.get("sub"))

    def filter_users_by_claims(self, claims):
        return self.UserModel.objects.filter(provider_account__subject=str(claims["sub"]))

    def _sign_in(self, claims):
        try:
            return services.provider_sign_in(
                subject=str(claims["sub"]),
                username=str(claims.get("preferred_username") or claims.get("email") or claims["sub"]),
                email=str(claims.get("email") or ""),
                first_name=str(claims.get("given_name") or ""),
                last_name=str(claims.get("family_name") or ""),
                groups=_groups(claims),
            )
        except services.SignInRefused as refusal:
            messages.error(self.request, str(refusal))
            raise SuspiciousOperation("refused by the group table") from None

    def create_user(self, claims):
        return self._sign_in(claims)

    def update_user(self, user, claims):
        return self._sign_in(claims)

    def get_user(self, user_id):
        user = super().get_user(user_id)
        return user if user is not None and user.is_active and enabled() else None


class ProviderSignIn(OIDCAuthenticationRequestView):
    """Sends the person to the provider (GET /oidc/authenticate/)."""

    get_settings = staticmethod(get_setting)

    def __init__(self, *args, **kwargs):
        super(OIDCAuthenticationRequestView, self).__init__(*args, **kwargs)

    def get(self, request):
        if not enabled():
            raise Http404("Sign-in through an identity provider is not switched on")
        self.OIDC_OP_AUTH_ENDPOINT = get_setting("OIDC_OP_AUTHORIZATION_ENDPOINT")
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        return super().get(request)


class ProviderCallback(OIDCAuthenticationCallbackView):
    """Where the provider sends the person back (GET /oidc/callback/)."""

    get_settings = staticmethod(get_setting)

    @property
    def failure_url(self):
        return settings.LOGIN_URL

    def get(self, request):
        if not enabled():
            raise Http404("Sign-in through an identity provider is not switched on")
        return super().get(request)

    def login_failure(self):
        # A refused refresh ends the session too: the provider no longer vouches for this person.
        if self.request.user.is_authenticated:
            auth.logout(self.request)
        error = self.request.GET.get("error")
        if not any(True for _ in messages.get_messages(self.request)):
            messages.error(
                self.request,
                f"{provider_name()} did not sign you in ({error}). Try again, or ask your system administrator."
                if error
                else f"Signing in through {provider_name()} did not finish. Try again.",
            )
        else:
            storage = messages.get_messages(self.request)
            storage.used = False  # keep them for the sign-in page
        return redirect(self.failure_url)


class ProviderSessionRefresh(SessionRefresh):
    """Asks the provider again (without a prompt) when a provider session's ID token is older than
    OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS: a person removed there is signed out here within that time."""

    get_settings = staticmethod(get_setting)

    def __init__(self, get_response):
        # Skip SessionRefresh's reading of the settings: endpoints come from discovery, when needed.
        super(SessionRefresh, self).__init__(get_response)

    def __getattr__(self, name):
        if name.startswith("OIDC_"):
            defaults = {
                "OIDC_EXEMPT_URLS": [],
                "OIDC_STATE_SIZE": 32,
                "OIDC_AUTHENTICATION_CALLBACK_URL": "oidc_authentication_callback",
                "OIDC_RP_SCOPES": "openid email",
                "OIDC_USE_NONCE": True,
                "OIDC_NONCE_SIZE": 32,
            }
            if name == "OIDC_OP_AUTHORIZATION_ENDPOINT":
                return get_setting(name)
            return import_from_settings(name, defaults.get(name))
        raise AttributeError(name)

    @property
    def exempt_urls(self):
        names = ["oidc_authentication_init", "oidc_authentication_callback", "logout", *settings.OIDC_EXEMPT_URLS]
        return {reverse(name) for name in names}

    @property
    def exempt_url_patterns(self):
        return set()

    def process_request(self, request):
        if not enabled() or request.session.get(BACKEND_SESSION_KEY) != BACKEND:
            return None
        try:
            return super().process_request(request)
        except (requests.RequestException, ValueError) as problem:
            # The provider cannot be reached: the person carries on and is re-checked on their next page.
            logger.warning("identity provider unreachable for a re-check", extra={"error": type(problem).__name__})
            return None
