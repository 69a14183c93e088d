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


# Singulars whose plural is not made by adding "s" (a model keeping Django's default for one of
# these reads "Childs", "Persons", "Matchs" in the admin).
IRREGULAR_ENDINGS = ("child", "person", "s", "x", "ch", "sh", "minutes", "contents")


def test_the_admin_names_each_kind_of_record_in_the_plural_as_people_say_it():
    from django.apps import apps  # the app registry is ready only once pytest-django has set Django up
    from django.contrib import admin

    naive = []
    for model in apps.get_models():
        meta = model._meta
        if not meta.app_config.name.startswith("permanence"):
            continue
        singular, plural = str(meta.verbose_name), str(meta.verbose_name_plural)
        consonant_y = singular.endswith("y") and singular[-2:-1] not in "aeiou"
        if plural == singular + "s" and (singular.endswith(IRREGULAR_ENDINGS) or consonant_y):
            naive.append(f"{meta.label}: {plural}")
    assert not naive, naive
    assert str(apps.get_model("children", "Child")._meta.verbose_name_plural) == "children"
    names = {str(model._meta.verbose_name_plural) for model in admin.site._registry}
    assert "teams" in names and "childs" not in names
