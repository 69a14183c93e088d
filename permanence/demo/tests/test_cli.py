"""`permanence demo` on the command line."""

from datetime import date

import pytest

from permanence.children.models import Child
from permanence.demo.cli import demo_main
from permanence.demo.generator import DEMO_LOGINS, DEMO_PASSWORD

# Loads the demo council (slow; `make test` runs it).
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def test_the_command_loads_the_council_and_prints_the_logins(capsys):
    assert demo_main(["--children", "40", "--seed", "1", "--today", "2026-03-02"]) == 0
    out = capsys.readouterr().out
    assert Child.objects.count() == 40
    for username, *_ in DEMO_LOGINS:
        assert username in out
    assert DEMO_PASSWORD in out and "Elapsed:" in out
    assert "Children: 40 of 40" in out


def test_if_empty_leaves_an_existing_record_alone(capsys):
    Child.objects.create(
        first_name="Existing", last_name="Child", date_of_birth=date(2019, 5, 1), council_reference="X1"
    )
    assert demo_main(["--children", "40", "--if-empty"]) == 0
    assert "not loaded" in capsys.readouterr().out
    assert list(Child.objects.values_list("council_reference", flat=True)) == ["X1"]


def test_without_replace_an_existing_record_is_not_added_to(capsys):
    Child.objects.create(
        first_name="Existing", last_name="Child", date_of_birth=date(2019, 5, 1), council_reference="X1"
    )
    assert demo_main(["--children", "40", "--quiet"]) == 1
    assert Child.objects.count() == 1


def test_replace_and_quiet_print_only_the_summary(capsys):
    Child.objects.create(
        first_name="Existing", last_name="Child", date_of_birth=date(2019, 5, 1), council_reference="X1"
    )
    assert demo_main(["--children", "40", "--replace", "--quiet", "--today", "2026-03-02"]) == 0
    out = capsys.readouterr().out
    assert Child.objects.count() == 40 and not Child.objects.filter(council_reference="X1").exists()
    assert "Children:" not in out and "social.worker" in out
