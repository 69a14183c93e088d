"""The law table: every duty and local rule of every shipped pack is proved by hand-computed
scenario tests, and docs/law-table.md says so."""

from pathlib import Path

from permanence.timescales.lawtable import SHIPPED, document, proving_tests
from permanence.timescales.policy import load_pack

ROOT = Path(__file__).resolve().parents[3]


def test_every_duty_and_local_rule_of_every_shipped_pack_has_a_scenario_test():
    tests = proving_tests()
    for name in SHIPPED:
        for rule in load_pack(name).rules:
            assert tests.get(rule.id), f"{name}: {rule.id} ({rule.kind}) has no @proves test"


def test_every_proves_mark_names_a_rule_that_exists():
    known = {rule.id for name in SHIPPED for rule in load_pack(name).rules}
    assert set(proving_tests()) <= known


def test_the_law_table_in_the_docs_is_up_to_date():
    assert (ROOT / "docs" / "law-table.md").read_text() == document(), (
        "run: permanence rules --document > docs/law-table.md"
    )
