"""Policy packs load with clear errors; the deadlines command prints, or refuses with exit 2."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from permanence.timescales.policy import PolicyError, list_packs, load_pack

CASE = {
    "child": {"id": "C1", "dob": "2020-03-10"},
    "episodes": [{"start": "2026-01-05", "end": None, "legal_status": "C1", "placement": "U1", "reason_new": "S",
                  "reason_ceased": None, "carer": {"connected_person": True, "temporary_approval_extended": False}}],
    "reviews": [{"date": "2026-01-28"}],
    "proceedings": {"issued": "2026-03-02", "extensions": [{"weeks": 8}], "concluded": None},
    "orders": [{"type": "supervision_order", "made": "2026-06-01", "extended_to": None}],
    "plan": {"recorded": None},
}


def run(tmp_path, *args, case=CASE, raw=None):
    path = tmp_path / "case.json"
    path.write_text(raw if raw is not None else json.dumps(case))
    return subprocess.run([sys.executable, "-m", "permanence.cli", "deadlines", str(path), *args], capture_output=True, text=True)


def test_the_four_council_packs_ship_and_extend_england():
    assert {"england", "leeds", "camden", "birmingham"} <= set(list_packs())
    for name in ("leeds", "camden", "birmingham"):
        assert load_pack(name).chain == (name, "england")


def test_a_council_can_add_its_own_pack_without_code(tmp_path, monkeypatch):
    (tmp_path / "thornbury.yaml").write_text(
        "name: thornbury\nextends: england\nrules:\n"
        "  - id: cla-review\n    first: {working_days: 15}\n"
        "  - id: thornbury-fgc\n    kind: deadline\n    title: Family group conference\n"
        "    source: Thornbury procedures 4.2\n    trigger: entered_care\n    offset: {weeks: 2}\n"
        "    satisfied_by: meeting:family_group_conference\n"
    )
    monkeypatch.setenv("PERMANENCE_POLICY_DIRS", str(tmp_path))
    load_pack.cache_clear()
    try:
        pack = load_pack("thornbury")
        assert str(pack.rule("cla-review").params["first"]) == "15 working days"
        assert pack.rule("cla-review").source.endswith("reg 33")
        assert "thornbury-fgc" in [r.id for r in pack.rules]
    finally:
        load_pack.cache_clear()


@pytest.mark.parametrize("yaml_text, message", [
    ("rules:\n  - id: x\n    kind: deadline\n    title: T\n    source: S\n    trigger: nonsense\n    satisfied_by: plan_recorded\n", "unknown fact 'nonsense'"),
    ("rules:\n  - id: x\n    kind: sometimes\n    title: T\n    source: S\n", "unknown kind 'sometimes'"),
    ("rules:\n  - id: x\n    kind: deadline\n    title: T\n    trigger: entered_care\n    satisfied_by: plan_recorded\n", "`source` is required"),
    ("rules:\n  - id: x\n    kind: recurring\n    title: T\n    source: S\n", "needs anchor, events, first, every"),
    ("rules: [\n", "not valid YAML"),
])
def test_a_broken_pack_is_refused_with_a_message_naming_the_rule(tmp_path, monkeypatch, yaml_text, message):
    (tmp_path / "broken.yaml").write_text(yaml_text)
    monkeypatch.setenv("PERMANENCE_POLICY_DIRS", str(tmp_path))
    load_pack.cache_clear()
    try:
        with pytest.raises(PolicyError, match=message):
            load_pack("broken")
    finally:
        load_pack.cache_clear()


def test_the_command_prints_a_table_with_sources(tmp_path):
    result = run(tmp_path, "--today", "2026-11-23")
    assert result.returncode == 0, result.stderr
    assert "cla-review" in result.stdout and "reg 33" in result.stdout and "Overdue" in result.stdout


def test_the_command_prints_json_with_rule_title_due_status_and_source(tmp_path):
    result = run(tmp_path, "--today", "2026-11-23", "--json", "--policy", "leeds")
    rows = json.loads(result.stdout)
    assert {"rule", "title", "due", "status", "source"} <= set(rows[0])
    by_rule = {(r["rule"], r["occurrence"]): r for r in rows}
    assert by_rule[("proceedings-26-weeks", 1)]["due"] == "2026-10-26"
    assert by_rule[("temporary-approval", 1)]["status"] == "overdue"
    assert by_rule[("cla-review", 1)]["status"] == "met"
    assert ("leeds-permanence-panel", 1) in by_rule


@pytest.mark.parametrize("case, field", [
    ({**CASE, "episodes": [{**CASE["episodes"][0], "start": "2026-02-30"}]}, "episodes[0].start"),
    ({**CASE, "episodes": [{**CASE["episodes"][0], "legal_status": "Q9"}]}, "episodes[0].legal_status"),
    ({**CASE, "child": {"dob": "2020-03-10"}}, "child.id"),
    ({**CASE, "orders": [{"type": "banning_order", "made": "2026-01-01"}]}, "orders[0].type"),
    ({**CASE, "proceedings": {"issued": "2026-03-02", "extensions": [{"weeks": -2}]}}, "proceedings.extensions[0].weeks"),
])
def test_a_malformed_case_file_names_the_field_and_exits_2(tmp_path, case, field):
    result = run(tmp_path, case=case)
    assert result.returncode == 2
    assert field in result.stderr


def test_a_file_that_is_not_json_exits_2(tmp_path):
    result = run(tmp_path, raw="{not json")
    assert result.returncode == 2 and "not valid JSON" in result.stderr


def test_an_unknown_policy_exits_2_and_lists_the_packs(tmp_path):
    result = run(tmp_path, "--policy", "atlantis")
    assert result.returncode == 2 and "leeds" in result.stderr


def test_the_documented_example_case_file_is_accepted(tmp_path):
    docs = Path(__file__).resolve().parents[3] / "docs" / "case-file.md"
    text = docs.read_text()
    example = text.split("```json", 1)[1].split("```", 1)[0]
    assert run(tmp_path, raw=example).returncode == 0
