"""Settings for Permanence Planner: one flat file, configured from the environment.

DATABASE_URL picks the database (default: SQLite in var/permanence.sqlite3).
Everything else has a safe default for a laptop; production sets SECRET_KEY,
DEBUG=0 and ALLOWED_HOSTS.
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret-permanence-planner")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "permanence.accounts",
    "permanence.access",
    "permanence.audit",
    "permanence.children",
    "permanence.planning",
    "permanence.tracking",
    "permanence.siblings",
    "permanence.voice",
    "permanence.meetings",
    "permanence.matching",
    "permanence.returns",
    "permanence.support",
    "permanence.api",
    "ninja",  # the API reference page (Swagger UI) from local static files, not a CDN
    "permanence.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "permanence.accounts.middleware.TwoFactorMiddleware",
    "permanence.audit.middleware.AuditMiddleware",
    "permanence.access.middleware.CaseAccessMiddleware",
    "permanence.api.middleware.ApiErrorShapeMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "permanence.accounts.context_processors.navigation",
            ],
        },
    },
]

VAR_DIR = Path(os.environ.get("PERMANENCE_VAR_DIR", BASE_DIR / "var"))
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'permanence.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the dev server read while a demo load or batch job writes.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA journal_mode=WAL;"
    # Concurrent writers (the audit log writes on every record view) wait their turn instead of
    # failing with "database is locked": a transaction takes the write lock when it begins.
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
    DATABASES["default"]["OPTIONS"]["timeout"] = 20
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AUTHENTICATION_BACKENDS = ["permanence.accounts.backends.LockoutModelBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# Signed out after 30 minutes without a request (each request renews the session).
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(30 * 60)))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Behind TLS (a proxy that terminates HTTPS), set SECURE_TLS=1: HSTS, HTTPS redirect, secure cookies.
SECURE_TLS = env_bool("SECURE_TLS", False)
if SECURE_TLS:
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 60 * 60)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
# Content Security Policy (django-csp): scripts only from here or with the page's nonce
# (GOV.UK Frontend's inline js-enabled script in base.html carries it).
from csp.constants import NONCE, NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "style-src-attr": ["'unsafe-inline'"],  # a few width hints in templates; no style elements
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}
# Failed sign-ins before an account is locked, and for how long.
PERMANENCE_LOCKOUT_ATTEMPTS = int(os.environ.get("PERMANENCE_LOCKOUT_ATTEMPTS", "5"))
PERMANENCE_LOCKOUT_MINUTES = int(os.environ.get("PERMANENCE_LOCKOUT_MINUTES", "15"))
# Roles that must use a second factor (TOTP); everyone else may choose to.
PERMANENCE_TWO_FACTOR_REQUIRED_ROLES = env_list("PERMANENCE_TWO_FACTOR_REQUIRED_ROLES", "administrator")
OTP_TOTP_ISSUER = "Permanence Planner"
PERMANENCE_BREAK_GLASS_HOURS = int(os.environ.get("PERMANENCE_BREAK_GLASS_HOURS", "4"))

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "d/m/Y"

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_USE_FINDERS = True

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "permanence-planner@localhost")

# The policy pack the council runs: england, leeds, camden, birmingham or its own.
PERMANENCE_POLICY = os.environ.get("PERMANENCE_POLICY", "england")
# The demo council's name shown in the header.
PERMANENCE_COUNCIL_NAME = os.environ.get("PERMANENCE_COUNCIL_NAME", "Thornbury Borough Council (demo)")
# The council's ONS code in the SSDA903 return (decides in- and out-of-area placements). The demo
# council reports as Leeds, whose real postcodes its synthetic episodes use.
PERMANENCE_LA_CODE = os.environ.get("PERMANENCE_LA_CODE", "E08000035")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# The JSON API: requests a minute per token (per server process), and list page sizes.
PERMANENCE_API_RATE = os.environ.get("PERMANENCE_API_RATE", "600/min")
NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 100
