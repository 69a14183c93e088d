"""`permanence sync-ssd` for a scheduler: exit 0 when the run succeeded, 1 when it failed (and
3 with --fail-on-problems when any child was refused); `permanence export-ssd` writes the tables."""

import csv

from permanence.cli import main
from permanence.feed.models import SyncRun

from . import extracts as x
from .test_child_page import CARE_LEAVER, PERMANENCE


def test_a_successful_sync_exits_0_and_prints_what_it_did(db, tmp_path, capsys):
    folder = x.write(tmp_path / "x", x.council(), as_at=x.at("2026-10-01"))
    assert main(["sync-ssd", folder, "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "succeeded" in out and "People: 3 new" in out and "episode: 3 new" in out


def test_a_failed_sync_exits_1_for_the_scheduler_and_says_why(db, tmp_path, capsys):
    assert main(["sync-ssd", str(tmp_path / "missing"), "--quiet"]) == 1
    assert "is not a folder" in capsys.readouterr().err
    assert SyncRun.objects.get().status == SyncRun.FAILED


def test_problems_exit_3_only_when_asked(db, tmp_path):
    tables = x.changed(x.council(), "ssd_cla_episodes", "E3", clae_cla_episode_start_reason="Q")
    assert main(["sync-ssd", x.write(tmp_path / "a", tables), "--quiet", "--as-at", "2026-10-01T03:00"]) == 0
    assert main(["sync-ssd", x.write(tmp_path / "b", tables), "--quiet", "--fail-on-problems"]) == 3


def test_export_ssd_writes_each_table_with_the_ssd_columns(db, tmp_path, capsys):
    main(["sync-ssd", x.write(tmp_path / "in", x.council(), as_at=x.at("2026-10-01")), "--quiet"])
    assert main(["export-ssd", str(tmp_path / "out"), "--quiet"]) == 0
    with open(tmp_path / "out" / "ssd_cla_episodes.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 3 and rows[0]["clae_cla_episode_start_reason"] in ("S", "L")
    assert "ssd_person.csv: 3" in capsys.readouterr().out


def test_the_case_systems_permanence_and_care_leaver_facts_go_back_out_as_they_came_in(db, tmp_path):
    tables = x.plus(x.plus(x.council(), "ssd_permanence", PERMANENCE), "ssd_care_leavers", CARE_LEAVER)
    main(["sync-ssd", x.write(tmp_path / "in", tables, as_at=x.at("2026-10-01")), "--quiet"])
    main(["export-ssd", str(tmp_path / "out"), "--quiet"])
    for table, sent in (("ssd_permanence", PERMANENCE), ("ssd_care_leavers", CARE_LEAVER)):
        with open(tmp_path / "out" / f"{table}.csv", encoding="utf-8") as handle:
            (row,) = list(csv.DictReader(handle))
        assert {k: v for k, v in row.items() if v and not k.endswith("table_id")} == {
            k: v for k, v in sent.items() if not k.endswith("table_id")
        }
