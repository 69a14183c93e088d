"""Policy packs load with clear errors; every rule says its kind and cites a source a person can
look up; the deadlines and rules commands print, or refuse with exit 2."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from permanence.timescales.kinds import FILE_NAME, LEGAL_CITATION
from permanence.timescales.policy import PolicyError, list_packs, load_pack

ROOT = Path(__file__).resolve().parents[3]
SHIPPED = ("england", "leeds", "camden", "birmingham")
CASE = {
    "child": {"id": "C1", "dob": "2020-03-10"},
    "episodes": [
        {
            "start": "2026-01-05",
            "end": None,
            "legal_status": "C1",
            "placement": "U3",
            "reason_new": "S",
            "reason_ceased": None,
            "carer": {"connected_person": True, "temporary_approval_extended": False},
        }
    ],
    "reviews": [{"date": "2026-01-28"}, {"date": "2026-04-27"}],
    "proceedings": {"issued": "2026-03-02", "extensions": [{"weeks": 8}], "concluded": None},
    "orders": [{"type": "supervision_order", "made": "2026-06-01", "extended_to": None}],
    "plan": {"recorded": None},
}


def run(tmp_path, *args, case=CASE, raw=None, command="deadlines"):
    path = tmp_path / "case.json"
    path.write_text(raw if raw is not None else json.dumps(case))
    target = [str(path)] if command == "deadlines" else []
    return subprocess.run(
        [sys.executable, "-m", "permanence.cli", command, *target, *args], capture_output=True, text=True
    )


@pytest.fixture
def pack_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("PERMANENCE_POLICY_DIRS", str(tmp_path))
    load_pack.cache_clear()
    yield tmp_path
    load_pack.cache_clear()


def test_the_four_council_packs_ship_and_extend_england():
    assert set(SHIPPED) <= set(list_packs())
    for name in SHIPPED[1:]:
        assert load_pack(name).chain == (name, "england")


def test_every_duty_of_every_shipped_pack_cites_law_and_every_local_rule_its_document():
    titles = {
        "leeds": "Leeds City Council, Permanence Policy and Guidance (3.1.2, revised December 2015), section",
        "camden": "Camden, Permanence practice guidance for social workers, section",
        "birmingham": "Birmingham Children's Trust, Permanence Guidance, section",
    }
    for name in SHIPPED:
        for rule in load_pack(name).rules:
            assert not FILE_NAME.search(rule.source + rule.reason), (name, rule.id)
            if rule.kind == "duty":
                assert LEGAL_CITATION.search(rule.source), (name, rule.id)
            elif rule.kind == "local_rule" and rule.pack != "england":
                assert rule.source.startswith(titles[rule.pack]), (name, rule.id)
            elif rule.kind == "prompt":
                assert rule.reason, (name, rule.id)


def test_no_pack_file_names_a_source_document_by_its_file_name():
    for path in (ROOT / "permanence" / "timescales" / "policies").glob("*.yaml"):
        assert not re.search(r"\d{3}_[0-9a-f]{16}", path.read_text()), path.name


def test_a_council_can_add_its_own_pack_without_code(pack_dir):
    (pack_dir / "thornbury.yaml").write_text(
        "name: thornbury\nextends: england\nrules:\n"
        "  - id: cla-review\n    first: {working_days: 15}\n"
        "  - id: thornbury-fgc\n    kind: local_rule\n    timing: deadline\n    title: Family group conference\n"
        "    document: Thornbury Borough Council, Children in care procedures\n    section: section 4.2\n"
        "    trigger: entered_care\n    offset: {weeks: 2}\n"
        "    satisfied_by: meeting:family_group_conference\n"
    )
    pack = load_pack("thornbury")
    assert str(pack.rule("cla-review").params["first"]) == "15 working days"
    assert "reg 33" in pack.rule("cla-review").source
    fgc = pack.rule("thornbury-fgc")
    assert fgc.kind == "local_rule"
    assert fgc.source == "Thornbury Borough Council, Children in care procedures, section 4.2"


GOOD = "    timing: deadline\n    title: T\n    trigger: entered_care\n    satisfied_by: plan_recorded\n"


@pytest.mark.parametrize(
    "yaml_text, message",
    [
        (
            "rules:\n  - id: x\n    kind: duty\n    source: Children Act 1989 s22\n"
            "    timing: deadline\n    title: T\n    trigger: nonsense\n    satisfied_by: plan_recorded\n",
            "rule x: trigger names unknown fact 'nonsense'",
        ),
        ("rules:\n  - id: x\n    kind: sometimes\n" + GOOD, "rule x: unknown kind 'sometimes'"),
        ("rules:\n  - id: x\n    kind: duty\n" + GOOD, "rule x: a duty needs `source`"),
        (
            "rules:\n  - id: x\n    kind: duty\n    source: our good practice\n" + GOOD,
            "rule x: a duty must cite law",
        ),
        (
            "rules:\n  - id: x\n    kind: duty\n    source: 002_0fe8707617f26d1a.txt §10.4 and Children Act 1989\n"
            + GOOD,
            "names a file",
        ),
        ("rules:\n  - id: x\n    kind: local_rule\n    document: Our procedures\n" + GOOD, "needs `section`"),
        ("rules:\n  - id: x\n    kind: local_rule\n" + GOOD, "needs `document and section`"),
        ("rules:\n  - id: x\n    kind: prompt\n" + GOOD, "a practice prompt needs `reason`"),
        (
            "rules:\n  - id: x\n    kind: deadline\n    title: T\n    source: S\n",
            "`kind: deadline` is how the rule counts: write `timing: deadline`",
        ),
        (
            "rules:\n  - id: x\n    kind: prompt\n    reason: R\n    timing: recurring\n    title: T\n",
            "timing recurring needs anchor, events, first, every",
        ),
        ("rules:\n  - id: x\n    kind: prompt\n    reason: R\n    timing: sometimes\n    title: T\n", "unknown timing"),
        (
            "rules:\n  - id: x\n    kind: prompt\n    reason: R\n"
            + GOOD
            + "    applies_when: {visit_situation: [upside_down]}\n",
            "unknown situation",
        ),
        ("rules: [\n", "not valid YAML"),
    ],
)
def test_a_broken_pack_is_refused_with_a_message_naming_the_rule(pack_dir, yaml_text, message):
    (pack_dir / "broken.yaml").write_text(yaml_text)
    with pytest.raises(PolicyError, match=re.escape(message)):
        load_pack("broken")


def test_the_command_prints_a_table_with_kinds_and_sources(tmp_path):
    result = run(tmp_path, "--today", "2026-11-23")
    assert result.returncode == 0, result.stderr
    assert "cla-review" in result.stdout and "reg 33" in result.stdout and "Overdue" in result.stdout
    assert "Duty" in result.stdout


def test_the_command_prints_json_with_rule_kind_title_due_status_and_source(tmp_path):
    result = run(tmp_path, "--today", "2026-11-23", "--json", "--policy", "leeds")
    rows = json.loads(result.stdout)
    assert {"rule", "kind", "title", "due", "status", "source", "reason"} <= set(rows[0])
    by_rule = {(r["rule"], r["occurrence"]): r for r in rows}
    assert by_rule[("proceedings-26-weeks", 1)]["due"] == "2026-10-26"
    assert by_rule[("temporary-approval", 1)]["status"] == "overdue"
    assert by_rule[("cla-review", 1)]["status"] == "met"
    assert by_rule[("leeds-permanence-panel", 1)]["kind"] == "local_rule"


@pytest.mark.parametrize(
    "case, field",
    [
        ({**CASE, "episodes": [{**CASE["episodes"][0], "start": "2026-02-30"}]}, "episodes[0].start"),
        ({**CASE, "episodes": [{**CASE["episodes"][0], "legal_status": "Q9"}]}, "episodes[0].legal_status"),
        ({**CASE, "child": {"dob": "2020-03-10"}}, "child.id"),
        ({**CASE, "orders": [{"type": "banning_order", "made": "2026-01-01"}]}, "orders[0].type"),
        (
            {**CASE, "proceedings": {"issued": "2026-03-02", "extensions": [{"weeks": -2}]}},
            "proceedings.extensions[0].weeks",
        ),
        ({**CASE, "reviews": [{"date": "2026-01-28", "iro_decisions": ["cake"]}]}, "reviews[0].iro_decisions[0]"),
        ({**CASE, "health_assessments": [{"date": "yesterday"}]}, "health_assessments[0].date"),
        ({**CASE, "adoption": {"authority_to_place": 5}}, "adoption.authority_to_place"),
        ({**CASE, "missing": [{"from": "2026-03-05", "returned": "2026-03-01"}]}, "missing[0].returned"),
        ({**CASE, "not_recorded": ["dental_checks"]}, "not_recorded[0]"),
        (
            {**CASE, "episodes": [{**CASE["episodes"][0], "intended_until_18": "yes"}]},
            "episodes[0].intended_until_18",
        ),
    ],
)
def test_a_malformed_case_file_names_the_field_and_exits_2(tmp_path, case, field):
    result = run(tmp_path, case=case)
    assert result.returncode == 2
    assert field in result.stderr


def test_lists_of_dates_may_be_plain_dates(tmp_path):
    plain = {**CASE, "reviews": ["2026-01-28", "2026-04-27"], "visits": ["2026-01-08"]}
    result = run(tmp_path, "--today", "2026-05-01", "--json", case=plain)
    rows = {(r["rule"], r["occurrence"]): r for r in json.loads(result.stdout)}
    assert rows[("cla-review", 2)]["met_on"] == "2026-04-27"
    bad = run(tmp_path, case={**CASE, "visits": ["soon"]})
    assert bad.returncode == 2 and "visits[0]: 'soon' is not a date" in bad.stderr


def test_a_file_that_is_not_json_exits_2(tmp_path):
    result = run(tmp_path, raw="{not json")
    assert result.returncode == 2 and "not valid JSON" in result.stderr


def test_an_unknown_policy_exits_2_and_lists_the_packs(tmp_path):
    result = run(tmp_path, "--policy", "atlantis")
    assert result.returncode == 2 and "leeds" in result.stderr


def test_the_documented_example_case_files_are_accepted(tmp_path):
    text = (ROOT / "docs" / "case-file.md").read_text()
    examples = [block.split("```", 1)[0] for block in text.split("```json")[1:]]
    assert len(examples) >= 2
    for example in examples:
        if example.lstrip().startswith("{"):
            result = run(tmp_path, "--today", "2026-06-01", raw=example)
            assert result.returncode == 0, (result.stderr, example)


def test_the_rules_command_prints_the_law_table_of_a_pack(tmp_path):
    result = run(tmp_path, "--policy", "camden", command="rules")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Duties" in out and "Local rules" in out and "Practice prompts" in out
    assert "camden-adm-before-final-evidence" in out and "Camden, Permanence practice guidance" in out
    assert "reg 28(4)" in out and "tests:" in out


def test_the_rules_command_refuses_an_unknown_pack(tmp_path):
    result = run(tmp_path, "--policy", "atlantis", command="rules")
    assert result.returncode == 2 and "unknown policy pack" in result.stderr
