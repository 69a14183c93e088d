"""Write the SSDA903 return for a collection year from the case record.

Reads in bulk (a handful of queries, each linear in the number of children), so a national-scale
council exports in seconds. Nothing is invented here: a blank in the record is a blank in the file.
What the standard derives from the record for a year is derived here, each with the DfE rule it
answers: the mother's fields as they stood in the year (625, 628), the date UASC status ceased for
a child still unaccompanied (205B), and the tables that belong to the year (DoLo from 2026-27).
"""

import io
import zipfile
from collections import defaultdict
from datetime import date
from pathlib import Path

from django.conf import settings

from permanence.children.models import Allocation, Child, Episode, LegalOrder, Review
from permanence.children.orders import DEPRIVATION_OF_LIBERTY_ORDER
from permanence.text.cells import csv_writer
from permanence.timescales.dates import add_years

from . import models as m
from .tables import COLUMNS, DATE_FORMAT, file_name, tables_for, year_problem

# The record keeps the standard's older 1/2; since 2024-25 the file says M/F.
SEX_IN_FILE = {"1": "M", "2": "F"}


def collection_year(year):
    """(first day, last day) of the collection year ending 31 March `year`."""
    return date(year - 1, 4, 1), date(year, 3, 31)


def la_code():
    return getattr(settings, "PERMANENCE_LA_CODE", "E08000035")


def _d(value):
    return value.strftime(DATE_FORMAT) if value else ""


def _in_chunks(ids, size=20000):
    ids = list(ids)
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


def mother_in_year(is_mother, baby_born, *, year_end, left_care):
    """(MOTHER, MC_DOB) as they stood in the year: a first child born after the year ended, or after
    the young woman left care, is not in this year's return (the DfE's rule 625)."""
    if not is_mother:
        return "0", ""
    if baby_born is None:
        return "1", ""
    last_day = min(year_end, left_care) if left_care else year_end
    if baby_born > last_day:
        return "0", ""
    return "1", _d(baby_born)


def uasc_ceased_in_file(uasc_ceased, born, year_end):
    """DUC: the day UASC status ceased; for a child still unaccompanied at the end of the year, the
    standard asks for the 18th birthday (the DfE's rule 205B)."""
    if uasc_ceased and uasc_ceased <= year_end:
        return uasc_ceased
    return add_years(born, 18) if born else uasc_ceased


def build_tables(year):
    """{table: [row, ...]} with each row a list of strings in the standard's column order."""
    problem = year_problem(year)
    if problem:
        raise ValueError(problem)
    start, end = collection_year(year)
    episodes = defaultdict(list)
    rows = (
        Episode.objects.filter(start__lte=end)
        .exclude(end__lt=start)
        .order_by("child_id", "start")
        .values_list(
            "child_id",
            "start",
            "reason_new",
            "legal_status",
            "category_of_need",
            "placement",
            "provider",
            "end",
            "reason_ceased",
            "reason_place_change",
            "home_postcode",
            "placement_postcode",
            "urn",
        )
    )
    for row in rows.iterator(chunk_size=20000):
        episodes[row[0]].append(row)
    leaver_rows = list(
        m.CareLeaverContact.objects.filter(year=year).values_list("child_id", "in_touch", "activity", "accommodation")
    )
    child_ids = set(episodes) | {r[0] for r in leaver_rows}
    children = {}
    for chunk in _in_chunks(sorted(child_ids)):
        for row in Child.objects.filter(id__in=chunk).values_list(
            "id", "council_reference", "sex", "date_of_birth", "ethnicity", "upn", "uasc", "uasc_ceased"
        ):
            children[row[0]] = row
    mothers = {
        r[0]: r[1:]
        for r in m.Motherhood.objects.values_list("child_id", "is_mother", "baby_born").iterator(chunk_size=20000)
    }
    order = sorted(child_ids, key=lambda pk: children[pk][1])
    ref = {pk: children[pk][1] for pk in order}
    dob = {pk: _d(children[pk][3]) for pk in order}
    out = {table: [] for table in tables_for(year)}

    for pk in order:
        _, child, sex, born, ethnic, upn, uasc, uasc_ceased = children[pk]
        eps = episodes.get(pk, ())
        mother = mc_dob = ""
        # Motherhood is asked of a young woman looked after in the year, not of a care leaver
        # who was not (the DfE's rule 628).
        if pk in mothers and eps:
            last = eps[-1]
            left_care = last[7] if last[7] and last[7] <= end and last[8] not in ("", "X1") else None
            mother, mc_dob = mother_in_year(*mothers[pk], year_end=end, left_care=left_care)
        sex = SEX_IN_FILE.get(sex, sex)
        out["Header"].append([child, sex, _d(born), ethnic, upn, mother, mc_dob])
        # UASC information is for children looked after in the year, not for care leavers (rule 1014).
        if uasc and eps:
            out["UASC"].append([child, sex, _d(born), _d(uasc_ceased_in_file(uasc_ceased, born, end))])
        for _, decom, rne, ls, cin, place, provider, dec, rec, rpc, home, pl_post, urn in eps:
            if dec and dec > end:  # still open at the end of the year, as the return sees it
                dec, rec, rpc = None, "", ""
            out["Episodes"].append(
                [child, _d(decom), rne, ls, cin, place, provider, _d(dec), rec, rpc, home, pl_post, urn]
            )

    in_year = set(episodes)
    _reviews(out, in_year, ref, dob, start, end)
    _per_child(out, ref, dob, in_year, year, start, end, leaver_rows)
    _sw_episodes(out, ref, dob, episodes, start, end)
    if "DoLo" in out:
        _deprivation_of_liberty(out, ref, dob, in_year, start, end)
    return out


def _reviews(out, in_year, ref, dob, start, end):
    rows = Review.objects.filter(date__range=(start, end)).values_list("child_id", "date", "participation")
    found = [(ref[c], day, pn, c) for c, day, pn in rows.iterator(chunk_size=20000) if c in in_year]
    for child, day, pn, c in sorted(found):
        out["Reviews"].append([child, dob[c], _d(day), pn])


def _per_child(out, ref, dob, in_year, year, start, end, leaver_rows):
    def rows(queryset, fields):
        return sorted((ref[r[0]], r) for r in queryset.values_list("child_id", *fields) if r[0] in ref)

    for _, r in rows(
        m.HealthOutcome.objects.filter(year=year),
        [
            "sdq_score",
            "sdq_reason",
            "convicted",
            "health_check",
            "immunisations",
            "teeth_check",
            "health_assessment",
            "substance_misuse",
            "intervention_received",
            "intervention_offered",
        ],
    ):
        out["OC2"].append([ref[r[0]], dob[r[0]], *r[1:]])
    for r in sorted(leaver_rows, key=lambda r: ref[r[0]]):
        out["OC3"].append([ref[r[0]], dob[r[0]], *r[1:]])
    adopted = {c for (c,) in _adopted_in_year(start, end)}
    for _, r in rows(
        m.AdoptionDetail.objects.all(),
        [
            "date_interest",
            "date_match",
            "foster_care",
            "number_of_adopters",
            "sex_of_adopters",
            "legal_status_of_adopters",
        ],
    ):
        # AD1 is only for children adopted in the year.
        if r[0] in adopted:
            out["AD1"].append([ref[r[0]], dob[r[0]], _d(r[1]), _d(r[2]), *r[3:]])
    decisions = m.PlacementForAdoptionDecision.objects.filter(decided__lte=end).exclude(ceased__lt=start)
    for _, r in rows(decisions.order_by("decided"), ["decided", "ceased", "reason_ceased"]):
        ceased, reason = (r[2], r[3]) if r[2] and r[2] <= end else (None, "")
        out["PlacedAdoption"].append([ref[r[0]], dob[r[0]], _d(r[1]), _d(ceased), reason])
    for _, r in rows(m.PreviousPermanence.objects.filter(year=year), ["code", "local_authority", "date"]):
        out["PrevPerm"].append([ref[r[0]], dob[r[0]], *r[1:]])
    missing = m.MissingEpisode.objects.filter(start__lte=end).exclude(end__lt=start).order_by("start")
    for _, r in rows(missing, ["kind", "start", "end"]):
        if r[0] in in_year:
            finish = r[3] if r[3] and r[3] <= end else None
            out["Missing"].append([ref[r[0]], dob[r[0]], r[1], _d(r[2]), _d(finish)])


def _adopted_in_year(start, end):
    return Episode.objects.filter(end__range=(start, end), reason_ceased__in=("E11", "E12")).values_list("child_id")


def _sw_episodes(out, ref, dob, episodes, start, end):
    """Social worker episodes (from 2023-24) from the allocation history: every allocated social
    worker in the year of each child in the return."""
    numbers = dict(m.SocialWorkerRegistration.objects.values_list("user_id", "number"))
    reasons = dict(m.AllocationReason.objects.values_list("allocation_id", "reason"))
    rows = (
        Allocation.objects.filter(role=Allocation.SOCIAL_WORKER, start__lte=end)
        .exclude(end__lt=start)
        .order_by("child_id", "start")
        .values_list("id", "child_id", "worker_id", "start", "end")
    )
    # SW_DEC is the day the child's social worker changed: the allocation that ends when care ends
    # (or after the year) is reported open, as the standard reads it (the DfE's rules SW11b, SW17).
    left_care = {c: eps[-1][7] for c, eps in episodes.items() if eps[-1][7] and eps[-1][7] <= end}
    found = []
    for pk, child, worker, begun, ended in rows.iterator(chunk_size=20000):
        if child not in episodes or worker not in numbers:
            continue
        if ended and (ended > end or (child in left_care and ended >= left_care[child])):
            ended = None
        found.append(
            (ref[child], begun, [ref[child], dob[child], numbers[worker], _d(begun), _d(ended), reasons.get(pk, "")])
        )
    out["SWEpisodes"] = [row for _, _, row in sorted(found, key=lambda f: (f[0], f[1]))]


def _deprivation_of_liberty(out, ref, dob, in_year, start, end):
    """DoLo (from 2026-27): each deprivation of liberty order in force in the year, for children
    looked after in it; an order still in force at the end of the year is reported open."""
    orders = (
        LegalOrder.objects.filter(order_type=DEPRIVATION_OF_LIBERTY_ORDER, made__lte=end)
        .exclude(ended__lt=start)
        .values_list("child_id", "made", "ended")
    )
    found = sorted((ref[c], made, ended, c) for c, made, ended in orders if c in in_year)
    for child, made, ended, c in found:
        out["DoLo"].append([child, dob[c], _d(made), _d(ended if ended and ended <= end else None)])


def _write_table(handle, table, rows):
    writer = csv_writer(handle)
    writer.writerow(COLUMNS[table])
    writer.writerows(rows)


def write_csv(tables, out_dir):
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for table, rows in tables.items():
        with open(out_dir / file_name(table), "w", newline="", encoding="utf-8") as handle:
            _write_table(handle, table, rows)
    return {table: len(rows) for table, rows in tables.items()}


def export_903(*, year, out_dir):
    """Write the year's tables as CSV files in `out_dir`; returns rows written per table."""
    return write_csv(build_tables(year), out_dir)


def export_zip(year):
    """The year's CSV files in one zip, for the download page."""
    tables = build_tables(year)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for table, rows in tables.items():
            text = io.StringIO()
            _write_table(text, table, rows)
            archive.writestr(f"{year}/{file_name(table)}", text.getvalue())
    return buffer.getvalue()
