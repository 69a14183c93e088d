"""Run the DfE SSDA903 validation rules (csc-validator-be-903) over a folder of CSV files.

Runs in its own virtual environment (.venv-903, `make validate-903`): the validator pins an older
pandas, so it must not share the product's environment. Prints each rule that found errors with
a few examples; exits 1 if any rule found an error that is not excused below.

    .venv-903/bin/python scripts/validate_903.py DIR --year 2026 [--last DIR_2025] [--la E08000035]

With --last, the previous year's return is loaded as the validator's "previous year", so the rules
that compare two years (205B, 207, 626, 706, 1001, 1002 ...) run too.

Two things are excused, each named in the README with its reason:
- a rule that finds nothing when it runs on its own copy of the tables. The validator hands each
  rule a shallow copy of the shared tables, so a rule that changes a column in place changes what
  later rules see; such a rule's finding is an artefact of the order the rules ran in;
- the rows a rule flags only because of a fault in the rule itself (EXCUSED: the rule, the years,
  the reason and a test that picks exactly those rows). Any other row the rule flags still fails.
"""

import argparse
import copy
import importlib
import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path


def _dates(series):
    import pandas as pd

    return pd.to_datetime(series, format="%d/%m/%Y", errors="coerce")


def _children_who_left_care_on_31_march(dfs, year):
    episodes = dfs["Episodes"]
    ended = _dates(episodes["DEC"])
    last_day = _dates(f"31/03/{year}")
    left = episodes[(ended == last_day) & ~episodes["REC"].isin(["X1"]) & episodes["REC"].notna()]
    return set(left["CHILD"])


def _children_who_came_back_into_care(dfs, year):
    episodes = dfs["Episodes"]
    starts = episodes[episodes["RNE"] == "S"].groupby("CHILD").size()
    return set(starts[starts > 1].index)


def _children_whose_worker_changed_that_day(dfs, year):
    sw = dfs["SWEpisodes"]
    begun, ended = _dates(sw["SW_DECOM"]), _dates(sw["SW_DEC"])
    found = set()
    for child, rows in sw.assign(_begun=begun, _ended=ended).groupby("CHILD"):
        if any(e in set(rows["_begun"]) for e in rows["_ended"].dropna()):
            found.add(child)
    return found


def _care_leavers_older_than_two_returns(dfs, year):
    import pandas as pd

    oc3 = dfs["OC3"]
    twentieth = _dates(oc3["DOB"]) + pd.DateOffset(years=20)
    return set(oc3[twentieth <= _dates(f"31/03/{year}")]["CHILD"])


def _care_leavers_not_looked_after_in_the_year(dfs, year):
    return set(dfs["OC3"]["CHILD"]) - set(dfs["Episodes"]["CHILD"])


@dataclass(frozen=True)
class Excuse:
    years: tuple  # collection years the fault is in (empty: every year)
    reason: str
    children: object  # (tables, year) -> the children whose rows the fault flags


EXCUSED = {
    "146": Excuse(
        (2025,),
        "2024-25's list of placement codes has supported accommodation as 'k3' in lower case, so every "
        "K3 placement is flagged (2025-26's list has 'K3').",
        lambda dfs, year: set(dfs["Episodes"][dfs["Episodes"]["PLACE"] == "K3"]["CHILD"]),
    ),
    "187": Excuse(
        (),
        "A child adopted on 31 March after a year in care is 'looked after continuously' in the "
        "validator's reading (it counts leaving care only before 31 March), so 187 forbids the AD1 row "
        "that rule 601 requires for every child adopted in the year: no return can pass both.",
        _children_who_left_care_on_31_march,
    ),
    "SW12STG2": Excuse(
        (),
        "The rule tests every social worker episode of the child against every start of care, instead "
        "of looking for one that matches: a child who came back into care in the year, with the social "
        "worker episode of the first period reported as the rule's own message asks, is always flagged.",
        _children_who_came_back_into_care,
    ),
    "SW11bSTG2": Excuse(
        (),
        "The rule looks for the episode after one that ended in the last days of March by shifting rows "
        "without grouping by child and compares the wrong neighbours: it flags an episode that a new "
        "social worker episode follows on the same day.",
        _children_whose_worker_changed_that_day,
    ),
    "624": Excuse(
        (),
        "For a young mother who left care and is asked about as a care leaver, rule 628 forbids the "
        "mother's fields (she was not looked after in the year) while 624 asks them to repeat last "
        "year's date of birth of her first child: no return can pass both.",
        _care_leavers_not_looked_after_in_the_year,
    ),
    "1002": Excuse(
        (),
        "A care leaver aged 20 or 21 left care more than two years ago, so their episodes are in neither "
        "of the two years loaded (the rule's own note: it can only test two years).",
        _care_leavers_older_than_two_returns,
    ),
}


def _placement_column(tables):
    tables["Episodes"]["PLACEMENT"] = tables["Episodes"]["PLACE"]
    return tables


def _episode_ceased_column(tables):
    tables["Episodes"]["DATE_EPISODE_CEASED"] = tables["Episodes"]["DEC"]
    return tables


def _uasc_status_column(tables):
    header = tables["Header"]
    uasc = set(tables["UASC"]["CHILD"]) if "UASC" in tables else set()
    header["UASC_STATUS"] = header["CHILD"].isin(uasc).map({True: "1", False: "0"})
    return tables


def _empty_last_year_dolo(tables):
    import pandas as pd

    if "DoLo_last" not in tables:
        tables["DoLo_last"] = pd.DataFrame({"CHILD": [], "DOLO_START": [], "DOLO_END": []})
    return tables


# Rules that fail to run only because they read a column or table by a name the validator's own
# tables do not have: run again on a copy of the tables that also has what they read, and their
# findings count like any other rule's.
REPAIRED = {
    "709": ("reads the placement type as PLACEMENT; the Episodes column is PLACE", _placement_column),
    "710": ("reads the placement type as PLACEMENT; the Episodes column is PLACE", _placement_column),
    "233": ("reads the episode's end as DATE_EPISODE_CEASED; the Episodes column is DEC", _episode_ceased_column),
    "231": (
        "reads UASC_STATUS from the Header, which has no such column: 1 for each child in the UASC table",
        _uasc_status_column,
    ),
    "706": (
        "reads last year's DoLo table, which no return before 2026-27 has: an empty one when it is absent",
        _empty_last_year_dolo,
    ),
}


def _load(folder, description):
    return [
        {"name": p.name, "description": description, "file_content": p.read_bytes()}
        for p in sorted(Path(folder).glob("*.csv"))
    ]


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("folder")
    parser.add_argument("--year", type=int, required=True, help="collection year ending 31 March YEAR")
    parser.add_argument("--last", default=None, help="the previous year's return, for the two-year rules")
    parser.add_argument("--la", default="E08000035", help="the council's ONS code")
    parser.add_argument("--show", type=int, default=3, help="examples to show per rule")
    args = parser.parse_args(argv)
    logging.disable(logging.CRITICAL)
    os.environ.setdefault("QLACREF_PC_INSECURE", "True")
    from lac_validator import lac_validator
    from lac_validator.datastore import create_datastore
    from lac_validator.report import Report

    files = _load(args.folder, "This year") + (_load(args.last, "Prev year") if args.last else [])
    module = importlib.import_module(f"lac_validator.rules.lac{args.year - 1}_{str(args.year)[2:]}")
    registry = module.registry
    v = lac_validator.LacValidator(
        metadata={"collectionYear": str(args.year), "localAuthority": args.la},
        files=files,
        registry=registry,
        selected_rules=None,
    )
    report = Report(v.ds_results, registry)
    tables = {k: df for k, df in v.dfs.items() if k != "metadata"}
    failing, excused, order_only = {}, {}, {}
    repaired = {}
    for code in sorted(set(v.fails) & set(REPAIRED)):
        store = REPAIRED[code][1](copy.deepcopy(create_datastore(v.dfs, v.metadata)))
        found = registry[code].func(store)
        repaired[code] = found
        for table, rows in found.items():
            if rows:
                hits = v.dfs[table].loc[rows]
                failing[code] = hits.assign(Table=table, RowID=hits.index)
    for col in report.report.columns:
        if not col.startswith("ERR_"):
            continue
        code = col[4:]
        hits = report.report[report.report[col] == True]  # noqa: E712  (pandas mask)
        if hits.empty:
            continue
        alone = registry[code].func(copy.deepcopy(create_datastore(v.dfs, v.metadata)))
        found_alone = {(table, row) for table, rows in alone.items() for row in rows}
        also_alone = [(table, row) in found_alone for table, row in zip(hits["Table"], hits["RowID"], strict=True)]
        if not all(also_alone):
            order_only[code] = hits[[not a for a in also_alone]]
            hits = hits[also_alone]
            if hits.empty:
                continue
        excuse = EXCUSED.get(code)
        if excuse and (not excuse.years or args.year in excuse.years):
            children = excuse.children(tables, args.year)
            excused[code] = hits[hits["CHILD"].isin(children)]
            hits = hits[~hits["CHILD"].isin(children)]
            if hits.empty:
                continue
        failing[code] = hits
    for code, hits in sorted(failing.items()):
        print(f"ERROR {code} ({len(hits)} rows): {registry[code].message}")
        for _, row in hits.head(args.show).iterrows():
            print(f"    {row['Table']} row {row['RowID']} child {row['CHILD']}")
    for code, hits in sorted(excused.items()):
        print(f"excused {code} ({len(hits)} rows): {EXCUSED[code].reason}")
    for code, hits in sorted(order_only.items()):
        print(
            f"excused {code} ({len(hits)} rows): not flagged when the rule runs on its own copy of the tables "
            "(flagged only after an earlier rule changed a shared table in place)"
        )
    for code, found in sorted(repaired.items()):
        print(f"repaired {code} ({REPAIRED[code][0]}): {sum(len(rows) for rows in found.values())} rows flagged")
    print(
        f"rules run: {len(v.dones)}, skipped for want of tables: {len(v.skips)} {sorted(v.skips)}, "
        f"failed to run: {len(set(v.fails) - set(repaired))} {sorted(set(v.fails) - set(repaired))}"
    )
    print(f"{len(failing)} rules with errors, {len(excused) + len(order_only)} rules with excused rows")
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
