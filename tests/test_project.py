"""The project as a whole: migrations match the models, the command line answers."""

import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_every_model_change_has_a_migration():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exit_:  # makemigrations --check exits 1 when a migration is missing
        pytest.fail(f"Missing migrations:\n{out.getvalue()}" if exit_.code else "")


def test_the_permanence_command_lists_its_commands():
    result = subprocess.run([sys.executable, "-m", "permanence.cli", "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    for command in ("demo", "deadlines", "manage"):
        assert command in result.stdout


def test_an_unknown_command_is_refused_with_exit_status_2():
    result = subprocess.run([sys.executable, "-m", "permanence.cli", "frobnicate"], capture_output=True, text=True)
    assert result.returncode == 2
    assert "unknown command 'frobnicate'" in result.stderr
