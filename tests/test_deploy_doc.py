"""docs/deploy.md is what `make prod-check` runs: every command it runs is written there, and every
setting the guide names is one the product reads."""

import re
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[1]
DOC = (ROOT / "docs" / "deploy.md").read_text()
sys.path.insert(0, str(ROOT / "scripts"))
import prod_check  # noqa: E402


def test_every_command_prod_check_runs_is_in_the_guide():
    for command in prod_check.DOC_COMMANDS:
        assert command in DOC, command


def test_every_setting_in_the_guide_is_read_by_the_product():
    source = (ROOT / "config" / "settings.py").read_text()
    names = set(re.findall(r"^    ([A-Z][A-Z_]+)=", DOC, flags=re.M))
    assert {"DATABASE_URL", "SECRET_KEY", "PERMANENCE_OIDC_ISSUER", "EMAIL_HOST"} <= names
    for name in names:
        assert f'"{name}"' in source, f"{name} is in docs/deploy.md but config/settings.py never reads it"


def test_prod_check_runs_the_production_settings_the_guide_gives():
    env = prod_check.production_env(8000, 2525)
    assert env["DEBUG"] == "0" and env["SECURE_TLS"] == "1" and env["PERMANENCE_LOG_FORMAT"] == "json"
    assert env["DATABASE_URL"].startswith("postgres://") and len(env["SECRET_KEY"]) >= 50
    assert settings.ROOT_URLCONF  # the guide's commands run against this project
