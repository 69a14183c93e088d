"""Production refuses to start unsafe: the public default key, DEBUG on, or no pseudonym key stops it
with a message naming the setting; the settings docs/deploy.md gives pass `check --deploy`."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from permanence.access.pseudonyms import pseudonym

ROOT = Path(__file__).resolve().parents[1]
SAFE = {
    "DEBUG": "0",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "PERMANENCE_PSEUDONYM_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "permanence.thornbury.gov.uk",
    "SECURE_TLS": "1",
}


def manage(*args, **env):
    # The environment as a server has it: none of this test run's own settings (the browser tests'
    # DJANGO_ALLOW_ASYNC_UNSAFE, for one, which `check --deploy` rightly refuses).
    clean = {k: v for k, v in os.environ.items() if k not in SAFE and not k.startswith(("PERMANENCE_", "DJANGO_"))}
    clean["DJANGO_SETTINGS_MODULE"] = "config.settings"
    clean.update({k: v for k, v in env.items() if v is not None})
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"SECRET_KEY": None}, "SECRET_KEY is the public default"),
        ({"SECRET_KEY": "dev-only-not-secret-permanence-planner"}, "SECRET_KEY is the public default"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY is too short"),
        ({"PERMANENCE_PSEUDONYM_KEY": None}, "PERMANENCE_PSEUDONYM_KEY is not set"),
        ({"PERMANENCE_PSEUDONYM_KEY": SAFE["SECRET_KEY"]}, "PERMANENCE_PSEUDONYM_KEY must be"),
        ({"DEBUG": "1", "PERMANENCE_PRODUCTION": "1"}, "DEBUG is on"),
    ],
)
def test_production_will_not_start_unsafe_and_says_which_setting(change, named):
    result = manage("check", **(SAFE | change))
    assert result.returncode != 0
    assert "will not start in production" in result.stderr and named in result.stderr


def test_the_guides_production_settings_pass_the_deployment_checks():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **SAFE)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_laptop_runs_with_debug_set_and_nothing_else():
    result = manage("check", DEBUG="1")
    assert result.returncode == 0, result.stderr


def test_a_server_that_forgets_debug_refuses_to_start_and_tells_a_developer_to_set_debug():
    """DEBUG unset and no keys: the settings are production's, so they refuse, naming the keys, and
    say what a developer on a laptop sets instead (DEBUG=1); never debug pages on a forgotten setting."""
    clean = {k: v for k, v in os.environ.items() if k not in SAFE and not k.startswith(("PERMANENCE_", "DJANGO_"))}
    result = subprocess.run(
        [sys.executable, "-c", "import config.settings as s; print('started with DEBUG', s.DEBUG)"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0 and "started" not in result.stdout
    assert "will not start in production" in result.stderr
    assert "SECRET_KEY is the public default" in result.stderr
    assert "PERMANENCE_PSEUDONYM_KEY is not set" in result.stderr
    assert "DEBUG is not set" in result.stderr and "set DEBUG=1" in result.stderr


def test_pseudonyms_are_made_with_the_pseudonym_key_not_the_secret_key(settings):
    settings.PERMANENCE_PSEUDONYM_KEY = "k" * 50
    first = pseudonym(7)
    settings.SECRET_KEY = "another-secret-key-" * 4
    assert pseudonym(7) == first
    settings.PERMANENCE_PSEUDONYM_KEY = "j" * 50
    assert pseudonym(7) != first
