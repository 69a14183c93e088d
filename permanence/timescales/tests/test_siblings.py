"""The sibling rules read from a case file: brothers and sisters in care placed apart need an
assessment (s22C(8)(c); Leeds §10.4; Camden §8) and a contact plan (Leeds §10.4; Camden §9)."""

import json
import subprocess
import sys

import pytest

from permanence.timescales import CaseFileError, CaseSnapshot
from permanence.timescales.obligations import MET, NOT_APPLICABLE, OVERDUE, UPCOMING

from .helpers import d, one
from permanence.timescales import compute_obligations, load_pack

IN_CARE = [{"start": "2026-01-05", "legal_status": "C1", "placement": "U6"}]


def case_file(siblings=None, episodes=IN_CARE):
    data = {"child": {"id": "C1", "dob": "2019-04-01"}, "episodes": episodes}
    if siblings is not None:
        data["siblings"] = siblings
    return data


APART = {"apart": [{"sibling": "C2", "from": "2026-01-05", "to": None}]}


def test_siblings_placed_apart_without_an_assessment_are_overdue_after_20_working_days():
    found = one(CaseSnapshot.from_dict(case_file(APART)), "2026-03-01", "sibling-assessment")
    assert found.status == OVERDUE
    assert found.due == d("2026-02-02")  # 20 working days after 5 January 2026
    assert "s22C(8)(c)" in found.source and "002_0fe8707617f26d1a.txt §10.4" in found.source
    assert ("placed apart from a brother or sister in care", d("2026-01-05")) in found.facts


def test_within_the_20_working_days_it_is_upcoming_or_due_soon():
    found = one(CaseSnapshot.from_dict(case_file(APART)), "2026-01-06", "sibling-assessment")
    assert found.status == UPCOMING


def test_a_recorded_assessment_meets_it_even_one_made_before_the_children_were_separated():
    snapshot = CaseSnapshot.from_dict(case_file({**APART, "assessments": [{"date": "2025-12-20"}]}))
    assert one(snapshot, "2026-03-01", "sibling-assessment").status == MET


def test_the_contact_plan_is_its_own_obligation():
    snapshot = CaseSnapshot.from_dict(case_file({**APART, "assessments": [{"date": "2026-01-20"}]}))
    assert one(snapshot, "2026-03-01", "sibling-contact-plan").status == OVERDUE
    snapshot = CaseSnapshot.from_dict(case_file({**APART, "contact_plans": [{"date": "2026-02-10"}]}))
    contact = one(snapshot, "2026-03-01", "sibling-contact-plan")
    assert contact.status == MET and contact.met_late


def test_siblings_together_again_owe_nothing():
    together_again = {"apart": [{"sibling": "C2", "from": "2026-01-05", "to": "2026-01-20"}]}
    snapshot = CaseSnapshot.from_dict(case_file(together_again))
    found = compute_obligations(snapshot, load_pack("england"), d("2026-03-01"), include_not_applicable=True)
    assert [o.status for o in found if o.rule == "sibling-assessment"] == [NOT_APPLICABLE]


def test_no_sibling_section_means_nothing_to_do():
    snapshot = CaseSnapshot.from_dict(case_file())
    found = compute_obligations(snapshot, load_pack("england"), d("2026-03-01"))
    assert not [o for o in found if o.rule.startswith("sibling")]


def test_the_rule_needs_the_child_to_be_looked_after():
    left = [{"start": "2026-01-05", "end": "2026-02-01", "legal_status": "C1", "placement": "U6", "reason_ceased": "E11"}]
    snapshot = CaseSnapshot.from_dict(case_file(APART, episodes=left))
    found = compute_obligations(snapshot, load_pack("england"), d("2026-03-01"))
    assert not [o for o in found if o.rule.startswith("sibling")]


@pytest.mark.parametrize("siblings, field", [
    ({"apart": [{"sibling": "C2"}]}, "siblings.apart[0].from"),
    ({"apart": [{"sibling": "C2", "from": "2026-02-01", "to": "2026-01-01"}]}, "siblings.apart[0].to"),
    ({"assessments": [{"date": "2026-02-30"}]}, "siblings.assessments[0].date"),
    ({"apart": "C2"}, "siblings.apart"),
])
def test_a_bad_sibling_section_is_refused_naming_the_field(siblings, field):
    with pytest.raises(CaseFileError) as error:
        CaseSnapshot.from_dict(case_file(siblings))
    assert error.value.field == field


def test_the_deadlines_command_reads_the_sibling_section(tmp_path):
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case_file(APART)))
    result = subprocess.run(
        [sys.executable, "-m", "permanence.cli", "deadlines", str(path), "--today", "2026-03-01", "--json"],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    rules = {o["rule"]: o["status"] for o in json.loads(result.stdout)}
    assert rules["sibling-assessment"] == "overdue"
