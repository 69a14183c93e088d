"""Read a council's SSDA903 CSV files into the record: every problem reported by file, row and
column; all or nothing (one transaction); the same files twice change nothing; a later year's
files extend the record (an episode open last year gets its end date, new ones are added).

Works in bulk: existing rows are read once into dictionaries keyed as the standard keys them
(child and start date, child and year ...), then new rows are bulk-created and changed ones
bulk-updated, so a national-scale return imports in seconds rather than hours.
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from permanence.children.models import Allocation, Child, Episode, Review
from permanence.codes.category_of_need import CATEGORY_OF_NEED
from permanence.codes.ethnicity import ETHNICITY
from permanence.codes.legal_status import LEGAL_STATUS
from permanence.codes.participation import PARTICIPATION
from permanence.codes.placement import PLACEMENT
from permanence.codes.reason_ceased import REASON_CEASED
from permanence.codes.reason_new import REASON_NEW

from . import models as m
from .tables import COLUMNS, DATE_FORMAT, DEFAULT_WIDTH, WIDTHS, table_for_columns

BATCH = 2000
SEX_FROM_FILE = {"M": "1", "F": "2", "1": "1", "2": "2"}
# Codes the standard added after the record's code lists were written; accepted as they are.
EXTRA_PLACEMENTS = {"Z11", "Z12", "Z13", "Z14"}


@dataclass(frozen=True)
class Problem:
    file: str
    row: int  # the line in the file (the header is line 1)
    column: str
    value: str
    message: str


@dataclass
class ImportResult:
    problems: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)


class _Rows:
    """A file's rows as dicts, with problems recorded against their line and column."""

    def __init__(self, name, rows, problems):
        self.name, self.rows, self.problems = name, rows, problems

    def problem(self, line, column, value, message):
        self.problems.append(Problem(self.name, line, column, value, message))

    def date(self, line, row, column, required=False):
        value = row.get(column, "").strip()
        if not value:
            if required:
                self.problem(line, column, value, "is blank, and a date is needed")
            return None
        try:
            return datetime.strptime(value, DATE_FORMAT).date()
        except ValueError:
            self.problem(line, column, value, "is not a date written dd/mm/YYYY")
            return None

    def code(self, line, row, column, codes, required=True):
        value = row.get(column, "").strip()
        if not value and not required:
            return ""
        if value not in codes:
            self.problem(line, column, value, f"is not a {column} code in the standard" if value else "is blank")
        return value

    def __iter__(self):
        for i, row in enumerate(self.rows):
            yield i + 2, row


def read_folder(folder):
    """{table: (file name, [row dicts])} for the CSV files in `folder`, and problems with the files."""
    files, problems = {}, []
    for path in sorted(Path(folder).glob("*.csv")):
        files[path.name] = path.read_bytes()
    return read_files(files, problems)


def read_files(files, problems=None):
    problems = [] if problems is None else problems
    tables = {}
    for name, content in files.items():
        try:
            text = content.decode("utf-8-sig") if isinstance(content, bytes) else content
        except UnicodeDecodeError as error:
            problems.append(Problem(name, 0, "", "", f"the file is not UTF-8 text (byte {error.start}); save it as CSV UTF-8"))
            continue
        reader = csv.reader(io.StringIO(text, newline=""))
        try:
            lines = list(reader)
        except csv.Error as error:
            problems.append(Problem(name, reader.line_num, "", "", f"the file cannot be read as CSV: {error}"))
            continue
        header, body = (lines[0], lines[1:]) if lines else ([], [])
        table = table_for_columns(header)
        if table is None:
            problems.append(Problem(name, 1, "", ",".join(header)[:80],
                                    "the header row is not one of the SSDA903 tables' column lists"))
            continue
        if table in tables:
            problems.append(Problem(name, 1, "", "", f"a second {table} file (the first was {tables[table][0]})"))
            continue
        rows = [dict(zip(COLUMNS[table], (cell.strip() for cell in line))) for line in body if any(line)]
        _check_cells(name, rows, problems)
        tables[table] = (name, rows)
    if "Header" not in tables and tables:
        problems.append(Problem("", 0, "", "", "no Header file: every child must be in the Header"))
    return tables, problems


def _check_cells(name, rows, problems):
    """Every cell: printable text no wider than its column holds (nothing is cut short)."""
    for line, row in enumerate(rows, start=2):
        for column, value in row.items():
            if any(ord(ch) < 32 for ch in value):
                problems.append(Problem(name, line, column, repr(value)[:40], "contains a control character"))
            elif len(value) > WIDTHS.get(column, DEFAULT_WIDTH):
                problems.append(Problem(name, line, column, value[:40],
                                        f"is {len(value)} characters; at most {WIDTHS.get(column, DEFAULT_WIDTH)} fit"))


def import_903_folder(folder):
    tables, problems = read_folder(folder)
    return import_903(tables, problems)


def import_903_files(files):
    """From an upload: {file name: bytes}."""
    tables, problems = read_files(files)
    return import_903(tables, problems)


def _collection_year(tables):
    latest = None
    for table, column in (("Episodes", "DECOM"), ("Episodes", "DEC"), ("Reviews", "REVIEW")):
        for row in tables.get(table, ("", []))[1]:
            try:
                day = datetime.strptime(row.get(column, ""), DATE_FORMAT).date()
            except ValueError:
                continue
            latest = day if latest is None or day > latest else latest
    latest = latest or date.today()
    return latest.year + (1 if latest.month > 3 else 0)


def import_903(tables, problems):
    result = ImportResult(problems=problems)
    year = _collection_year(tables)
    parsed = _parse(tables, problems)
    if problems:
        return result
    with transaction.atomic():
        result.counts = _write(parsed, year)
    return result


# --- parsing: every value checked before anything is written ---------------------------------

def _parse(tables, problems):
    def rows(table):
        name, data = tables.get(table, (table, []))
        return _Rows(name, data, problems)

    out = {"children": {}, "episodes": [], "reviews": [], "uasc": {}, "oc2": [], "oc3": [], "ad1": [],
           "placed": [], "prevperm": [], "missing": [], "sw": []}
    header = rows("Header")
    for line, r in header:
        child = r["CHILD"]
        if not child:
            header.problem(line, "CHILD", "", "is blank")
            continue
        if child in out["children"]:
            header.problem(line, "CHILD", child, "appears twice in the Header")
        sex = SEX_FROM_FILE.get(r["SEX"])
        if sex is None:
            header.problem(line, "SEX", r["SEX"], "is not M, F (or 1, 2)")
        mother = r["MOTHER"]
        if mother not in ("", "0", "1"):
            header.problem(line, "MOTHER", mother, "is not 0, 1 or blank")
        out["children"][child] = {
            "sex": sex, "dob": header.date(line, r, "DOB", required=True),
            "ethnicity": header.code(line, r, "ETHNIC", ETHNICITY), "upn": r["UPN"], "mother": mother,
            "mc_dob": header.date(line, r, "MC_DOB"),
        }
    known = out["children"]

    def child_of(f, line, r):
        child = r.get("CHILD", "")
        if child not in known:
            f.problem(line, "CHILD", child, "is not in the Header file")
            return None
        return child

    placements = PLACEMENT.codes | EXTRA_PLACEMENTS
    f = rows("Episodes")
    for line, r in f:
        child = child_of(f, line, r)
        values = {
            "start": f.date(line, r, "DECOM", required=True), "reason_new": f.code(line, r, "RNE", REASON_NEW),
            "legal_status": f.code(line, r, "LS", LEGAL_STATUS), "category_of_need": f.code(line, r, "CIN", CATEGORY_OF_NEED),
            "placement": f.code(line, r, "PLACE", placements), "provider": r["PLACE_PROVIDER"],
            "end": f.date(line, r, "DEC"), "reason_ceased": f.code(line, r, "REC", REASON_CEASED, required=False),
            "reason_place_change": r["REASON_PLACE_CHANGE"], "home_postcode": r["HOME_POST"],
            "placement_postcode": r["PL_POST"], "urn": r["URN"],
        }
        if values["end"] and values["start"] and values["end"] < values["start"]:
            f.problem(line, "DEC", r["DEC"], "is before the episode started (DECOM)")
        if child:
            out["episodes"].append((child, values))
    f = rows("Reviews")
    for line, r in f:
        child = child_of(f, line, r)
        day = f.date(line, r, "REVIEW", required=True)
        pn = f.code(line, r, "REVIEW_CODE", PARTICIPATION, required=False)
        if child:
            out["reviews"].append((child, day, pn))
    f = rows("UASC")
    for line, r in f:
        child = child_of(f, line, r)
        if child:
            out["uasc"][child] = f.date(line, r, "DUC")
    for table, key in (("OC2", "oc2"), ("OC3", "oc3"), ("PrevPerm", "prevperm")):
        f = rows(table)
        for line, r in f:
            child = child_of(f, line, r)
            if child:
                out[key].append((child, r))
    f = rows("AD1")
    for line, r in f:
        child = child_of(f, line, r)
        dates = f.date(line, r, "DATE_INT"), f.date(line, r, "DATE_MATCH")
        if child:
            out["ad1"].append((child, dates, r))
    f = rows("PlacedAdoption")
    for line, r in f:
        child = child_of(f, line, r)
        values = (f.date(line, r, "DATE_PLACED", required=True), f.date(line, r, "DATE_PLACED_CEASED"),
                  r["REASON_PLACED_CEASED"])
        if child:
            out["placed"].append((child, values))
    f = rows("Missing")
    for line, r in f:
        child = child_of(f, line, r)
        kind = f.code(line, r, "MISSING", {"M", "A"})
        values = (kind, f.date(line, r, "MIS_START", required=True), f.date(line, r, "MIS_END"))
        if child:
            out["missing"].append((child, values))
    f = rows("SWEpisodes")
    for line, r in f:
        child = child_of(f, line, r)
        if not r["SW_ID"]:
            f.problem(line, "SW_ID", "", "is blank")
        values = (r["SW_ID"], f.date(line, r, "SW_DECOM", required=True), f.date(line, r, "SW_DEC"), r["SW_REASON"])
        if child:
            out["sw"].append((child, values))
    return out


# --- writing: bulk, keyed as the standard keys each table ---------------------------------

def _upsert(model, rows, key_fields, value_fields, scope):
    """rows: [{field: value}] with key_fields set. Creates the new, updates the changed; returns
    (created, updated)."""
    existing = {}
    for row in model.objects.filter(**scope).values("pk", *key_fields, *value_fields).iterator(chunk_size=20000):
        existing[tuple(row[k] for k in key_fields)] = row
    new, changed = [], []
    for row in rows:
        key = tuple(row[k] for k in key_fields)
        old = existing.get(key)
        if old is None:
            new.append(model(**row))
            existing[key] = {**row, "pk": None}
        elif any(old[f] != row[f] for f in value_fields):
            obj = model(pk=old["pk"], **row)
            changed.append(obj)
    model.objects.bulk_create(new, batch_size=BATCH)
    if changed:
        model.objects.bulk_update(changed, value_fields, batch_size=BATCH)
    return len(new), len(changed)


def _write(p, year):
    counts = {}
    refs = p["children"]
    ids = dict(Child.objects.filter(council_reference__in=list(refs)).values_list("council_reference", "id")) \
        if len(refs) < 900 else {r: pk for r, pk in Child.objects.values_list("council_reference", "id")
                                 .iterator(chunk_size=20000) if r in refs}
    existing = set(ids)
    new_children = [Child(first_name="Not known", last_name=ref, council_reference=ref, sex=v["sex"],
                          date_of_birth=v["dob"], ethnicity=v["ethnicity"], upn=v["upn"],
                          uasc=ref in p["uasc"], uasc_ceased=p["uasc"].get(ref))
                    for ref, v in refs.items() if ref not in ids]
    Child.objects.bulk_create(new_children, batch_size=BATCH)
    if new_children:
        ids.update({r: pk for r, pk in Child.objects.values_list("council_reference", "id")
                    .iterator(chunk_size=20000) if r in refs})
    changed = []
    # Only children already on the record can have changed (those just added are as the file says).
    for child in Child.objects.filter(id__in=[ids[r] for r in existing]).only(
            "id", "council_reference", "sex", "date_of_birth", "ethnicity", "upn", "uasc", "uasc_ceased") \
            .iterator(chunk_size=20000) if len(existing) < 900 else _children_in(ids, existing):
        v = refs[child.council_reference]
        wanted = (v["sex"], v["dob"], v["ethnicity"], v["upn"], child.uasc or child.council_reference in p["uasc"],
                  p["uasc"].get(child.council_reference, child.uasc_ceased))
        if wanted != (child.sex, child.date_of_birth, child.ethnicity, child.upn, child.uasc, child.uasc_ceased):
            child.sex, child.date_of_birth, child.ethnicity, child.upn, child.uasc, child.uasc_ceased = wanted
            changed.append(child)
    Child.objects.bulk_update(changed, ["sex", "date_of_birth", "ethnicity", "upn", "uasc", "uasc_ceased"],
                              batch_size=BATCH)
    counts["children added"] = len(new_children)
    counts["children updated"] = len(changed)

    def tally(label, result):
        counts[f"{label} added"], counts[f"{label} updated"] = result

    tally("motherhood", _upsert(m.Motherhood, [
        {"child_id": ids[r], "is_mother": v["mother"] == "1", "baby_born": v["mc_dob"]}
        for r, v in refs.items() if v["mother"]], ["child_id"], ["is_mother", "baby_born"], {}))
    episode_fields = ["reason_new", "legal_status", "category_of_need", "placement", "provider", "end",
                      "reason_ceased", "reason_place_change", "home_postcode", "placement_postcode", "urn"]
    tally("episodes", _upsert(Episode, [{"child_id": ids[c], **v} for c, v in p["episodes"]],
                              ["child_id", "start"], episode_fields, {}))
    tally("reviews", _upsert(Review, [{"child_id": ids[c], "date": d, "participation": pn} for c, d, pn in p["reviews"]],
                             ["child_id", "date"], ["participation"], {}))
    oc2_fields = {"SDQ_SCORE": "sdq_score", "SDQ_REASON": "sdq_reason", "CONVICTED": "convicted",
                  "HEALTH_CHECK": "health_check", "IMMUNISATIONS": "immunisations", "TEETH_CHECK": "teeth_check",
                  "HEALTH_ASSESSMENT": "health_assessment", "SUBSTANCE_MISUSE": "substance_misuse",
                  "INTERVENTION_RECEIVED": "intervention_received", "INTERVENTION_OFFERED": "intervention_offered"}
    tally("health outcomes", _upsert(m.HealthOutcome, [
        {"child_id": ids[c], "year": year, **{f: r[col] for col, f in oc2_fields.items()}} for c, r in p["oc2"]],
        ["child_id", "year"], list(oc2_fields.values()), {"year": year}))
    tally("care leaver contacts", _upsert(m.CareLeaverContact, [
        {"child_id": ids[c], "year": year, "in_touch": r["IN_TOUCH"], "activity": r["ACTIV"],
         "accommodation": r["ACCOM"]} for c, r in p["oc3"]],
        ["child_id", "year"], ["in_touch", "activity", "accommodation"], {"year": year}))
    tally("previous permanence", _upsert(m.PreviousPermanence, [
        {"child_id": ids[c], "year": year, "code": r["PREV_PERM"], "local_authority": r["LA_PERM"],
         "date": r["DATE_PERM"]} for c, r in p["prevperm"]],
        ["child_id", "year"], ["code", "local_authority", "date"], {"year": year}))
    tally("adoptions", _upsert(m.AdoptionDetail, [
        {"child_id": ids[c], "date_interest": d[0], "date_match": d[1], "foster_care": r["FOSTER_CARE"],
         "number_of_adopters": r["NB_ADOPTR"], "sex_of_adopters": r["SEX_ADOPTR"],
         "legal_status_of_adopters": r["LS_ADOPTR"]} for c, d, r in p["ad1"]],
        ["child_id"], ["date_interest", "date_match", "foster_care", "number_of_adopters", "sex_of_adopters",
                       "legal_status_of_adopters"], {}))
    tally("adoption decisions", _upsert(m.PlacementForAdoptionDecision, [
        {"child_id": ids[c], "decided": v[0], "ceased": v[1], "reason_ceased": v[2]} for c, v in p["placed"]],
        ["child_id", "decided"], ["ceased", "reason_ceased"], {}))
    tally("missing episodes", _upsert(m.MissingEpisode, [
        {"child_id": ids[c], "kind": v[0], "start": v[1], "end": v[2]} for c, v in p["missing"]],
        ["child_id", "start", "kind"], ["end"], {}))
    # The export reports the allocation that ended when care ended as open (SW_DEC is a change of
    # worker): read back, it ends on the day care ended, as it did on the record.
    left_care = {}
    for child, v in sorted(p["episodes"], key=lambda cv: (cv[0], cv[1]["start"])):
        left_care[child] = v["end"] if v["end"] and v["reason_ceased"] not in ("", "X1") else None
    sw = [(c, (v[0], v[1], v[2] or (left_care.get(c) if left_care.get(c) and v[1] <= left_care[c] else None), v[3]))
          for c, v in p["sw"]]
    counts.update(_social_workers(sw, ids))
    return counts


def _children_in(ids, refs):
    wanted = {ids[r] for r in refs}
    for child in Child.objects.only("id", "council_reference", "sex", "date_of_birth", "ethnicity", "upn", "uasc",
                                    "uasc_ceased").iterator(chunk_size=20000):
        if child.id in wanted:
            yield child


def _social_workers(rows, ids):
    """SWEpisodes: each SW_ID is a registered worker (a user without a login is made for a number
    not yet known); each episode an allocation, keyed by child and start, with its reason."""
    User = get_user_model()
    numbers = dict(m.SocialWorkerRegistration.objects.values_list("number", "user_id"))
    unknown = sorted({v[0] for _, v in rows} - set(numbers))
    if unknown:
        no_login = make_password(None)
        taken = set(User.objects.filter(username__in=[n.lower() for n in unknown]).values_list("username", flat=True))
        users = [User(username=n.lower(), first_name="Social worker", last_name=n, role="social_worker",
                      password=no_login) for n in unknown if n.lower() not in taken]
        User.objects.bulk_create(users, batch_size=BATCH)
        by_name = dict(User.objects.filter(username__in=[n.lower() for n in unknown]).values_list("username", "id"))
        m.SocialWorkerRegistration.objects.bulk_create(
            [m.SocialWorkerRegistration(user_id=by_name[n.lower()], number=n) for n in unknown], batch_size=BATCH)
        numbers.update({n: by_name[n.lower()] for n in unknown})
    created, updated = _upsert(Allocation, [
        {"child_id": ids[c], "role": Allocation.SOCIAL_WORKER, "worker_id": numbers[v[0]], "start": v[1], "end": v[2]}
        for c, v in rows], ["child_id", "role", "start"], ["worker_id", "end"], {"role": Allocation.SOCIAL_WORKER})
    keyed = {(c, s): pk for pk, c, s in Allocation.objects.filter(role=Allocation.SOCIAL_WORKER)
             .values_list("id", "child_id", "start").iterator(chunk_size=20000)}
    reasons = [{"allocation_id": keyed[(ids[c], v[1])], "reason": v[3]} for c, v in rows if v[3]]
    r_created, r_updated = _upsert(m.AllocationReason, reasons, ["allocation_id"], ["reason"], {})
    return {"social worker episodes added": created, "social worker episodes updated": updated,
            "social workers added": len(unknown), "reasons for change recorded": r_created + r_updated}
