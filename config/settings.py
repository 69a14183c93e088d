"""Settings for Permanence Planner: one flat file, configured from the environment.

DATABASE_URL picks the database (default: SQLite in var/permanence.sqlite3).
DEBUG is off unless DEBUG=1 is set: a server that forgets the setting runs as production does,
and refuses to start without its keys. A laptop sets DEBUG=1 (the Makefile, pytest and CI do);
everything else then has a default for a laptop. Production sets SECRET_KEY,
PERMANENCE_PSEUDONYM_KEY and ALLOWED_HOSTS.
"""

import json
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


# Off unless asked for: debug error pages show settings and case data, so a forgotten setting must
# not turn them on. Development opts in with DEBUG=1.
DEBUG = env_bool("DEBUG", False)
# The key everyone can read in this repository: for a laptop only.
PUBLIC_SECRET_KEY = "dev-only-not-secret-permanence-planner"
SECRET_KEY = os.environ.get("SECRET_KEY", PUBLIC_SECRET_KEY)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
# The key the performance analyst's pseudonyms are made with (permanence/access/pseudonyms.py): kept
# apart from SECRET_KEY so the pseudonyms do not change when that key is rotated, and required in
# production; on a laptop the pseudonyms are made with SECRET_KEY.
PERMANENCE_PSEUDONYM_KEY = os.environ.get("PERMANENCE_PSEUDONYM_KEY", "")
# Production (PERMANENCE_PRODUCTION=1, and whenever DEBUG is off) refuses to start unsafe.
PRODUCTION = env_bool("PERMANENCE_PRODUCTION", not DEBUG)


def unsafe_for_production():
    """What stops these settings running a council's service ([] when nothing)."""
    found = []
    if DEBUG:
        found.append("DEBUG is on: set DEBUG=0 (error pages would show settings and case data).")
    if SECRET_KEY == PUBLIC_SECRET_KEY or not SECRET_KEY:
        found.append(
            "SECRET_KEY is the public default from the source code: set SECRET_KEY to 50 or more random characters."
        )
    elif len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
        found.append("SECRET_KEY is too short or too simple: set it to 50 or more random characters.")
    if not PERMANENCE_PSEUDONYM_KEY:
        found.append(
            "PERMANENCE_PSEUDONYM_KEY is not set: set it to 50 or more random characters, different from SECRET_KEY "
            "(the performance analyst's pseudonyms are made with it)."
        )
    elif PERMANENCE_PSEUDONYM_KEY in (SECRET_KEY, PUBLIC_SECRET_KEY) or len(PERMANENCE_PSEUDONYM_KEY) < 32:
        found.append(
            "PERMANENCE_PSEUDONYM_KEY must be 32 or more random characters of its own, not SECRET_KEY or the public default."
        )
    return found


if PRODUCTION and unsafe_for_production():
    from django.core.exceptions import ImproperlyConfigured

    if "DEBUG" not in os.environ:
        hint = (
            "\n\nDEBUG is not set, so these settings are production's. For development on a laptop, set DEBUG=1 "
            "(`make run` and `make test` do); for a council's service, set the keys above."
        )
    else:
        hint = ""
    raise ImproperlyConfigured(
        "Permanence Planner will not start in production with these settings (docs/deploy.md, Settings):\n- "
        + "\n- ".join(unsafe_for_production())
        + hint
    )

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
    "django_tasks",
    "django_tasks_db",
    "permanence.govuk",
    "permanence.accounts",
    "permanence.access",
    "permanence.audit",
    "permanence.children",
    "permanence.obligations",
    "permanence.planning",
    "permanence.tracking",
    "permanence.siblings",
    "permanence.voice",
    "permanence.meetings",
    "permanence.matching",
    "permanence.returns",
    "permanence.support",
    "permanence.feed",
    "permanence.api",
    "permanence.jobs",
    "ninja",  # the API reference page (Swagger UI) from local static files, not a CDN
    "permanence.web",
]

MIDDLEWARE = [
    "permanence.web.requestlog.RequestIdMiddleware",  # first: every response carries its id, every request one log line
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "permanence.access.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "permanence.accounts.middleware.SessionRenewalMiddleware",  # after: its change is saved on the way out
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "permanence.accounts.oidc.ProviderSessionRefresh",
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
                "permanence.web.context_processors.navigation",
            ],
        },
    },
]

VAR_DIR = Path(os.environ.get("PERMANENCE_VAR_DIR", BASE_DIR / "var"))
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'permanence.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,  # a connection kept between requests is checked before it is reused
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the dev server read while a demo load or batch job writes. In WAL mode, NORMAL
    # synchronisation still never corrupts the database and keeps every commit through a crash of
    # the application; only a power cut may lose the last commits, and a commit no longer waits for
    # the disk (the audit log writes on every record view).
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
    # Concurrent writers (the audit log writes on every record view) wait their turn instead of
    # failing with "database is locked": a transaction takes the write lock when it begins.
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
    DATABASES["default"]["OPTIONS"]["timeout"] = 20
    # Tests use a file too (never SQLite's shared in-memory cache, whose table locks fail at once
    # instead of waiting): concurrent writers then behave as they do in production.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-permanence.sqlite3")}
    VAR_DIR.mkdir(parents=True, exist_ok=True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# The provider's backend does nothing until PERMANENCE_OIDC_ISSUER switches it on (below).
AUTHENTICATION_BACKENDS = [
    "permanence.accounts.backends.LockoutModelBackend",  # first: what force_login and createsuperuser use
    "permanence.accounts.oidc.ProviderBackend",
]

# Sign-in through the council's identity provider (OpenID Connect: Entra ID, Keycloak, Okta ...).
# On when PERMANENCE_OIDC_ISSUER is set; endpoints and keys come from the issuer's discovery
# document. Roles and teams come from the provider's groups through the administrator's table
# (Administration > Identity provider groups). While it is on, local passwords are refused except
# for the break-glass administrators named here (see docs/deploy.md).
PERMANENCE_OIDC_ISSUER = os.environ.get("PERMANENCE_OIDC_ISSUER", "").rstrip("/")
PERMANENCE_OIDC_NAME = os.environ.get("PERMANENCE_OIDC_NAME", "your council account")
PERMANENCE_OIDC_GROUPS_CLAIM = os.environ.get("PERMANENCE_OIDC_GROUPS_CLAIM", "groups")
PERMANENCE_BREAK_GLASS_USERNAMES = env_list("PERMANENCE_BREAK_GLASS_USERNAMES", "")
OIDC_RP_CLIENT_ID = os.environ.get("PERMANENCE_OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("PERMANENCE_OIDC_CLIENT_SECRET", "")
OIDC_RP_SIGN_ALGO = os.environ.get("PERMANENCE_OIDC_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("PERMANENCE_OIDC_SCOPES", "openid email profile")
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 10
OIDC_VERIFY_SSL = env_bool("PERMANENCE_OIDC_VERIFY_SSL", True)
OIDC_CREATE_USER = True
# Ask the provider again (silently) this often: someone removed there is signed out here by then.
OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS = int(os.environ.get("PERMANENCE_OIDC_RECHECK_SECONDS", "900"))
OIDC_EXEMPT_URLS: list[str] = []  # URL names never sent back to the provider to re-check
LOGIN_REDIRECT_URL_FAILURE = "/login/"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Signed out after 30 minutes without a request. Requests renew the session, writing it at most once
# a minute (accounts.middleware.SessionRenewalMiddleware) rather than on every page.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(30 * 60)))
SESSION_RENEW_EVERY = int(os.environ.get("SESSION_RENEW_EVERY", "60"))
SESSION_SAVE_EVERY_REQUEST = False
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
    SECURE_REDIRECT_EXEMPT = [r"^health/$"]  # the load balancer asks over plain HTTP
# Preloading HSTS is a decision for the council's whole domain, not for one service on it.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
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
# Failed sign-ins before a lock, and for how long (permanence/accounts/lockout.py): for one username
# from one address, for one address whatever usernames it tries, and for one username from anywhere
# (except an address the person signed in from in the last PERMANENCE_KNOWN_ADDRESS_DAYS).
PERMANENCE_LOCKOUT_ATTEMPTS = int(os.environ.get("PERMANENCE_LOCKOUT_ATTEMPTS", "5"))
PERMANENCE_LOCKOUT_ADDRESS_ATTEMPTS = int(os.environ.get("PERMANENCE_LOCKOUT_ADDRESS_ATTEMPTS", "20"))
PERMANENCE_LOCKOUT_ACCOUNT_ATTEMPTS = int(os.environ.get("PERMANENCE_LOCKOUT_ACCOUNT_ATTEMPTS", "20"))
PERMANENCE_LOCKOUT_MINUTES = int(os.environ.get("PERMANENCE_LOCKOUT_MINUTES", "15"))
PERMANENCE_KNOWN_ADDRESS_DAYS = int(os.environ.get("PERMANENCE_KNOWN_ADDRESS_DAYS", "90"))
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
# Served as a council runs it (DEBUG off, after `collectstatic`): file names carry a hash of their
# content, so WhiteNoise sends them compressed with a year-long, immutable cache header. A name
# missing from the manifest falls back to the plain file rather than failing the page.
if env_bool("STATIC_MANIFEST", not DEBUG):
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    WHITENOISE_MANIFEST_STRICT = False

# Email (the nightly digest) through the council's mail relay: EMAIL_BACKEND=smtp and EMAIL_HOST.
EMAIL_BACKEND = {"smtp": "django.core.mail.backends.smtp.EmailBackend"}.get(
    os.environ.get("EMAIL_BACKEND", ""),
    os.environ.get("EMAIL_BACKEND") or "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)  # STARTTLS (port 587)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)  # TLS from the start (port 465)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "permanence-planner@localhost")

# Background jobs: Django's tasks framework (django-tasks) with the queue in the product's own
# database. `permanence worker` runs jobs; `permanence scheduler` queues the nightly ones.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Move or switch off nightly jobs: "digest=07:00,backup=off" (times in TIME_ZONE).
PERMANENCE_NIGHTLY = os.environ.get("PERMANENCE_NIGHTLY", "")
# Workers and schedulers report every few seconds; the health check fails when none has lately.
PERMANENCE_HEARTBEAT_SECONDS = int(os.environ.get("PERMANENCE_HEARTBEAT_SECONDS", "15"))
PERMANENCE_HEARTBEAT_STALE_SECONDS = int(os.environ.get("PERMANENCE_HEARTBEAT_STALE_SECONDS", "120"))
# Finished job runs are kept this long on the Background jobs page.
PERMANENCE_JOB_HISTORY_DAYS = int(os.environ.get("PERMANENCE_JOB_HISTORY_DAYS", "90"))
# The nightly backup: where, and how many nights to keep (see docs/deploy.md for off-site copies).
PERMANENCE_BACKUP_DIR = Path(os.environ.get("PERMANENCE_BACKUP_DIR", VAR_DIR / "backups"))
# The audit chain's signed checkpoints: an append-only file outside the database, and the key they
# are signed with (not stored in the database; derived from SECRET_KEY when not set).
PERMANENCE_AUDIT_ANCHORS = Path(os.environ.get("PERMANENCE_AUDIT_ANCHORS", VAR_DIR / "audit-anchors.jsonl"))
PERMANENCE_AUDIT_KEY = os.environ.get("PERMANENCE_AUDIT_KEY", "")
PERMANENCE_BACKUP_KEEP = int(os.environ.get("PERMANENCE_BACKUP_KEEP", "14"))
# The nightly digest leaves out workers with nothing overdue or due soon.
PERMANENCE_DIGEST_SKIP_EMPTY = env_bool("PERMANENCE_DIGEST_SKIP_EMPTY", True)

# The policy pack the council runs: england, leeds, camden, birmingham or its own.
PERMANENCE_POLICY = os.environ.get("PERMANENCE_POLICY", "england")
# Who owns the case facts (docs/ssd-feed.md): "product" when staff record them here (the product is
# the case record), "case_system" when the product runs beside the council's case system and the
# facts arrive every night from its Standard Safeguarding Dataset (read-only here).
PERMANENCE_CASE_RECORD = os.environ.get("PERMANENCE_CASE_RECORD", "product")
# Where the nightly sync reads the council's SSD: a folder of CSV extracts or a database URL
# (docs/ssd-feed.md). Empty: the nightly job reads nothing.
PERMANENCE_SSD_SOURCE = os.environ.get("PERMANENCE_SSD_SOURCE", "")
# The council's own words for involvement roles, as JSON {"Key Worker": "social_worker"}.
PERMANENCE_SSD_ROLES = json.loads(os.environ.get("PERMANENCE_SSD_ROLES", "{}") or "{}")
# More than this share of the children held leaving the extract at once fails the run (a partial extract?).
PERMANENCE_SSD_MAX_VANISHED = float(os.environ.get("PERMANENCE_SSD_MAX_VANISHED", "0.1"))
# What staff call that case system ("Mosaic", "LiquidLogic"), in "from Mosaic, as at ...".
PERMANENCE_CASE_SYSTEM_NAME = os.environ.get("PERMANENCE_CASE_SYSTEM_NAME", "the case system")
# The demo council's name shown in the header.
PERMANENCE_COUNCIL_NAME = os.environ.get("PERMANENCE_COUNCIL_NAME", "Thornbury Borough Council (demo)")
# The protective marking printed in the header and footer of every pack and document
# (Government Security Classifications: case records about children are OFFICIAL-SENSITIVE).
PROTECTIVE_MARKING = os.environ.get("PERMANENCE_PROTECTIVE_MARKING", "OFFICIAL-SENSITIVE")
# The council's ONS code in the SSDA903 return (decides in- and out-of-area placements). The demo
# council reports as Leeds, whose real postcodes its synthetic episodes use.
PERMANENCE_LA_CODE = os.environ.get("PERMANENCE_LA_CODE", "E08000035")

# Logs go to standard error (systemd's journal in production): one JSON object a line with the
# request's id (PERMANENCE_LOG_FORMAT=json, the default when DEBUG is off), or plain text.
LOG_FORMAT = os.environ.get("PERMANENCE_LOG_FORMAT", "text" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "permanence.web.requestlog.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "permanence.web.requestlog.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["request_id"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        # One line per request and per job outcome; PERMANENCE_REQUEST_LOG=0 leaves them out.
        "permanence": {"level": "INFO" if env_bool("PERMANENCE_REQUEST_LOG", not DEBUG) else "WARNING"},
    },
}

# The JSON API: requests a minute per token (per server process), and list page sizes.
PERMANENCE_API_RATE = os.environ.get("PERMANENCE_API_RATE", "600/min")
NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 100
