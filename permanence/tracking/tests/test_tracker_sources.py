"""Where each tracker comes from is the running pack's: the England baseline cites the law and the
Knowledge and Skills Statement, and Camden's own pack cites Camden's procedure."""

import pytest

from permanence.timescales.kinds import CitationError
from permanence.tracking import trackers
from permanence.tracking.trackers import TRACKERS


def test_a_council_on_the_england_baseline_sees_the_proceedings_tracker_cited_to_the_children_act(settings):
    settings.PERMANENCE_POLICY = "england"
    assert TRACKERS["proceedings"].source.startswith("Children Act 1989 s32(1)(a)(ii)")
    assert TRACKERS["plo"].source.startswith("The Public Law Outline: Family Procedure Rules 2010")
    for tracker in TRACKERS.values():
        assert "Camden" not in tracker.source.split("Practice guidance:")[0], tracker.key


def test_camden_sees_its_own_procedure_as_where_its_trackers_come_from(settings):
    settings.PERMANENCE_POLICY = "camden"
    for tracker in TRACKERS.values():
        assert tracker.source.startswith("Camden, Permanence practice guidance for social workers, section"), (
            tracker.key
        )


def test_a_pack_citing_a_file_for_a_tracker_is_refused(tmp_path, monkeypatch):
    (tmp_path / "thornbury.yaml").write_text(
        "name: thornbury\nextends: england\nrules: []\ntrackers:\n  plo: {source: 'tracking procedure.docx'}\n"
    )
    monkeypatch.setenv("PERMANENCE_POLICY_DIRS", str(tmp_path))
    with pytest.raises(CitationError, match="names a file"):
        trackers._sources("thornbury")
