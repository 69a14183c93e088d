"""Small SSD extracts for the tests, written as a council's would be: one CSV per table.

`council()` is a council of three children on 1 October 2026:
- P100 Ava Brook, born 10/03/2020: looked after since 05/01/2026 on an interim care order (C1)
  with foster carers (U6), a full care order (C2) from 01/06/2026; reviewed twice; visited;
  social worker Sam (W1, Children in Care 1), IRO Irene (W2).
- P200 Ben Cole, born 02/02/2012: looked after since 01/09/2025 under section 20 (V2) in a
  children's home (K2); reviewed; social worker Sam.
- P300 Cara Dale, born 15/07/2023: in pre-proceedings since 01/08/2026 (not looked after).
"""

import csv
import os
from copy import deepcopy
from datetime import UTC, datetime

from permanence.feed.spec import TABLES


def person(pid, forename, surname, dob, sex="F", ethnicity="WBRI"):
    return {
        "pers_person_id": pid,
        "pers_forename": forename,
        "pers_surname": surname,
        "pers_dob": dob,
        "pers_sex": sex,
        "pers_ethnicity": ethnicity,
    }


def episode(eid, pid, start, placement_id, *, rne="S", cin="N1", end="", rec="", cla=None):
    return {
        "clae_cla_episode_id": eid,
        "clae_person_id": pid,
        "clae_cla_placement_id": placement_id,
        "clae_cla_episode_start_date": start,
        "clae_cla_episode_start_reason": rne,
        "clae_cla_primary_need_code": cin,
        "clae_cla_episode_ceased_date": end,
        "clae_cla_episode_ceased_reason": rec,
        "clae_cla_id": cla or f"CLA-{pid}",
    }


def placement(plid, pid, start, kind="U6", *, end="", reason="", provider="PR1", postcode="LS1 4AP", urn="SC123456"):
    return {
        "clap_cla_placement_id": plid,
        "clap_person_id": pid,
        "clap_cla_placement_start_date": start,
        "clap_cla_placement_type": kind,
        "clap_cla_placement_provider": provider,
        "clap_cla_placement_urn": urn,
        "clap_cla_placement_postcode": postcode,
        "clap_cla_placement_end_date": end,
        "clap_cla_placement_change_reason": reason,
    }


def status(lid, pid, code, start, end=""):
    return {
        "lega_legal_status_id": lid,
        "lega_person_id": pid,
        "lega_legal_status": code,
        "lega_legal_status_start_date": start,
        "lega_legal_status_end_date": end,
    }


def review(rid, pid, day, pn="PN1", cla=None):
    return {
        "clar_cla_review_id": rid,
        "clar_cla_person_id": pid,
        "clar_cla_id": cla or f"CLA-{pid}",
        "clar_cla_review_date": day,
        "clar_cla_review_cancelled": "N",
        "clar_cla_review_participation": pn,
    }


def visit(vid, pid, day, alone="Y"):
    return {
        "clav_cla_visit_id": vid,
        "clav_person_id": pid,
        "clav_cla_visit_date": day,
        "clav_cla_visit_seen": "Y",
        "clav_cla_visit_seen_alone": alone,
    }


def involvement(iid, pid, worker, role, start, end="", team="T1"):
    return {
        "invo_involvements_id": iid,
        "invo_person_id": pid,
        "invo_professional_id": worker,
        "invo_professional_role_id": role,
        "invo_professional_team": team,
        "invo_involvement_start_date": start,
        "invo_involvement_end_date": end,
    }


SW, IRO = "Allocated Social Worker", "Independent Reviewing Officer"


def council():
    """{table: [rows]} for the three children above."""
    return {
        "ssd_person": [
            person("P100", "Ava", "Brook", "2020-03-10"),
            person("P200", "Ben", "Cole", "2012-02-02", sex="M"),
            person("P300", "Cara", "Dale", "2023-07-15"),
        ],
        "ssd_cla_episodes": [
            episode("E1", "P100", "2026-01-05", "PL1", end="2026-06-01", rec="X1"),
            episode("E2", "P100", "2026-06-01", "PL1", rne="L"),
            episode("E3", "P200", "2025-09-01", "PL3", cin="N5"),
        ],
        "ssd_cla_placement": [
            placement("PL1", "P100", "2026-01-05"),
            placement("PL3", "P200", "2025-09-01", "K2", provider="PR4"),
        ],
        "ssd_legal_status": [
            status("L1", "P100", "C1", "2026-01-05", "2026-06-01"),
            status("L2", "P100", "C2", "2026-06-01"),
            status("L3", "P200", "V2", "2025-09-01"),
        ],
        "ssd_cla_reviews": [
            review("R1", "P100", "2026-02-02"),
            review("R2", "P100", "2026-05-01", pn="PN4"),
            review("R3", "P200", "2025-09-26", pn="PN1"),
        ],
        "ssd_cla_visits": [
            visit("V1", "P100", "2026-01-09", alone="N"),
            visit("V2", "P100", "2026-02-20", alone="N"),
            visit("V3", "P200", "2025-09-05"),
        ],
        "ssd_involvements": [
            involvement("I1", "P100", "W1", SW, "2026-01-05"),
            involvement("I2", "P100", "W2", IRO, "2026-01-05"),
            involvement("I3", "P200", "W1", SW, "2025-09-01"),
            involvement("I4", "P300", "W3", SW, "2026-07-01", team="T2"),
        ],
        "ssd_professionals": [
            {"prof_professional_id": "W1", "prof_staff_id": "sam", "prof_professional_name": "Sam Okafor"},
            {"prof_professional_id": "W2", "prof_staff_id": "irene", "prof_professional_name": "Irene Reeves"},
            {"prof_professional_id": "W3", "prof_staff_id": "omar", "prof_professional_name": "Omar Patel"},
            {"prof_professional_id": "W4", "prof_staff_id": "tess", "prof_professional_name": "Tess Hart"},
        ],
        "ssd_department": [
            {"dept_team_id": "T1", "dept_team_name": "Children in Care 1"},
            {"dept_team_id": "T2", "dept_team_name": "Family Support 1"},
        ],
        "ssd_pre_proceedings": [
            {
                "prep_table_id": "PP1",
                "prep_person_id": "P300",
                "prep_pre_pro_decision_date": "2026-08-01",
                "prep_pre_pro_letter_date": "2026-08-03",
                "prep_initial_pre_pro_meeting_date": "2026-08-17",
            }
        ],
    }


def changed(tables, table, key, **values):
    """A copy of `tables` with one row's values changed (the row named by its key)."""
    out = deepcopy(tables)
    for row in out[table]:
        if row[TABLES[table].key] == key:
            row.update(values)
            return out
    raise KeyError(key)


def without(tables, table, key):
    out = deepcopy(tables)
    out[table] = [row for row in out[table] if row[TABLES[table].key] != key]
    return out


def plus(tables, table, *rows):
    out = deepcopy(tables)
    out.setdefault(table, []).extend(rows)
    return out


def write(folder, tables, *, as_at=None):
    """Write the tables as CSV files in `folder` (created); their times set to `as_at`."""
    os.makedirs(folder, exist_ok=True)
    for table, rows in tables.items():
        columns = list(TABLES[table].column_names)
        path = os.path.join(folder, f"{table}.csv")
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, columns, extrasaction="ignore")
            writer.writeheader()
            for row in rows:
                writer.writerow(row)
        if as_at is not None:
            stamp = as_at.timestamp()
            os.utime(path, (stamp, stamp))
    return str(folder)


def at(day, hour=3):
    return datetime.fromisoformat(f"{day}T{hour:02d}:00").replace(tzinfo=UTC)


def health(hid, pid, day, kind="Health Assessment", status="Completed"):
    return {
        "clah_health_check_id": hid,
        "clah_person_id": pid,
        "clah_health_check_type": kind,
        "clah_health_check_date": day,
        "clah_health_check_status": status,
    }


def care_plan(cid, pid, start, end=""):
    return {
        "lacp_table_id": cid,
        "lacp_person_id": pid,
        "lacp_cla_care_plan_start_date": start,
        "lacp_cla_care_plan_end_date": end,
    }


def missing(mid, pid, start, end="", kind="Missing", offered="", accepted=""):
    return {
        "miss_table_id": mid,
        "miss_person_id": pid,
        "miss_missing_episode_start_date": start,
        "miss_missing_episode_type": kind,
        "miss_missing_episode_end_date": end,
        "miss_missing_rhi_offered": offered,
        "miss_missing_rhi_accepted": accepted,
    }


def council_with_health():
    """council(), with Ava's and Ben's health checks, care plans and missing episodes:
    Ava: initial health assessment 20/01/2026, dental check 03/03/2026, care plans from 05/01 and
    02/02/2026; Ben: a review health assessment 10/03/2026, missing 04/04 to 05/04/2026 (return
    interview offered and declined), away from placement on 14/06/2026 (not yet back in the extract)."""
    tables = council()
    tables["ssd_cla_health"] = [
        health("H1", "P100", "2026-01-20"),
        health("H2", "P100", "2026-03-03", kind="Dental Check"),
        health("H3", "P200", "2026-03-10", kind="Review Health Assessment"),
    ]
    tables["ssd_cla_care_plan"] = [
        care_plan("CP1", "P100", "2026-01-05", "2026-02-02"),
        care_plan("CP2", "P100", "2026-02-02"),
    ]
    tables["ssd_missing"] = [
        missing("M1", "P200", "2026-04-04", "2026-04-05", offered="Y", accepted="N"),
        missing("M2", "P200", "2026-06-14", kind="Absent"),
    ]
    return tables
