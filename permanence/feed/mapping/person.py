"""One person's SSD rows -> the facts the case record holds about that child, and every problem.

Pure: no Django, no database. The record's own rules (permanence/children/rules.py) judge every
fact, with the same messages as the forms, the API and the SSDA903 import; a problem names the
SSD table, row and field it came from. A person with any problem is not applied at all.
"""

from permanence.children import rules
from permanence.codes.ethnicity import ETHNICITY

from . import care, care_leavers, casework, health
from .facts import IRO, SOCIAL_WORKER, Fact, Lookups, PersonFacts, readers
from .values import Problem

SEX = {"M": "1", "F": "2", "U": "", "1": "1", "2": "2", "MALE": "1", "FEMALE": "2", "UNKNOWN": ""}
# The SSD's code list spells Chinese CNHE; the SSDA903 (and the product) CHNE.
ETHNICITY_ALIASES = {"CNHE": "CHNE"}
CHILD_REFERENCE_LENGTH = 20  # SSD: "no longer than 20 characters" (and the SSDA903 CHILD)
UASC_WORDS = ("unaccompanied", "uasc")

# Where a rule's field comes from in the SSD, to name it in a problem.
CHILD_FIELDS = {
    "first_name": "pers_forename",
    "last_name": "pers_surname",
    "date_of_birth": "pers_dob",
    "expected_date_of_birth": "pers_expected_dob",
    "council_reference": "pers_person_id",
}


def default_role_of(text):
    """The product role an involvement's role stands for (the council can name its own words)."""
    lowered = (text or "").strip().lower()
    if lowered in ("iro", "independent reviewing officer") or "independent reviewing" in lowered:
        return IRO
    if any(words in lowered for words in ("social worker", "allocated case worker", "allocated worker")):
        return SOCIAL_WORKER
    return None


def map_person(person, rows, lookups, *, today):
    """`rows`: {table name: [(row, {column: value})]} for this person; returns PersonFacts."""
    out = PersonFacts(person=person)
    problems = out.problems
    people = list(readers(rows, "ssd_person", person, problems))
    if not people:
        return out  # rows without a person are reported by the staging (person not in ssd_person)
    dob = _child(out, people[0], rows, today)
    statuses, orders = care.legal_statuses(out, rows, dob)
    placements = {r.raw("clap_cla_placement_id"): r for r in readers(rows, "ssd_cla_placement", person, problems)}
    episodes = care.episodes(out, rows, placements, statuses, dob)
    first_start = min((e.values["start"] for e in episodes if e.values.get("start")), default=None)
    allocations = casework.involvements(out, rows, lookups, dob)
    casework.reviews(out, rows, dob, first_start, allocations)
    casework.visits(out, rows, dob, allocations, today)
    casework.pre_proceedings(out, rows, dob)
    casework.permanence(out, rows, dob, orders)
    care_leavers.care_leaver(out, rows, dob)
    health.health_checks(out, rows, dob, today, episodes)
    health.care_plans(out, rows, dob, today)
    health.missing(out, rows, dob, today)
    for order in orders.values():
        out.facts.append(order)
    return out


# --- the child ---------------------------------------------------------------------------------


def _child(out, r, rows, today):
    person = out.person
    values = {
        "council_reference": person,
        "first_name": r.text("pers_forename", max_length=100),
        "last_name": r.text("pers_surname", max_length=100),
        "date_of_birth": r.date("pers_dob"),
        "expected_date_of_birth": r.date("pers_expected_dob"),
        "date_of_death": r.date("pers_death_date"),
        "upn": r.text("pers_upn", max_length=13),
    }
    if len(person) > CHILD_REFERENCE_LENGTH:
        r.problem("pers_person_id", f"is {len(person)} characters; a person id is at most 20 (SSD and SSDA903 CHILD)")
    sex = r.raw("pers_sex").strip().upper()
    if sex not in SEX:
        r.problem("pers_sex", "is not F, M or U")
    values["sex"] = SEX.get(sex, "")
    values["ethnicity"] = (
        r.code("pers_ethnicity", ETHNICITY, required=False, aliases=ETHNICITY_ALIASES, what="ethnicity code") or "NOBT"
    )
    if values["date_of_birth"] and values["expected_date_of_birth"]:
        values["expected_date_of_birth"] = None  # born: the SSD says record one or the other, not both
    named = {p.field for p in out.problems if p.table == "ssd_person"}
    for field_name, message in rules.child_problems(values, today=today).items():
        if field_name == "council_reference":
            continue  # the person id is never blank here: the staging refuses a row without one
        if CHILD_FIELDS.get(field_name, field_name) in named:
            continue  # a value that could not be read is named once, not again as missing
        r.problem(CHILD_FIELDS.get(field_name, field_name), message)
    dob = values["date_of_birth"]
    if dob and values["date_of_death"] and values["date_of_death"] < dob:
        r.problem("pers_death_date", "is before the date of birth")
    # Disability: any code but NONE.
    codes = []
    for d in readers(rows, "ssd_disability", person, out.problems):
        code = d.text("disa_disability_code", max_length=10).upper()
        if code and code != "NONE":
            codes.append(code)
    values["disability"] = bool(codes)
    values["disability_detail"] = ", ".join(sorted(set(codes)))[:200]
    # Unaccompanied asylum-seeking child: an immigration status saying so; ceased when it ended.
    values["uasc"], values["uasc_ceased"] = False, None
    for i in readers(rows, "ssd_immigration_status", person, out.problems):
        status = i.text("immi_immigration_status", max_length=200).lower()
        if any(word in status for word in UASC_WORDS):
            start, end = i.date("immi_immigration_status_start_date"), i.date("immi_immigration_status_end_date")
            if start and end and end < start:
                i.problem("immi_immigration_status_end_date", "is before the status started")
            values["uasc"] = True
            values["uasc_ceased"] = end
            for message in rules.uasc_problems(values).values():
                i.problem("immi_immigration_status_end_date", message)  # the record's own words
        else:
            out.ignored["immigration statuses other than UASC"] += 1
    out.child = values
    return dob


# --- legal statuses and orders ------------------------------------------------------------------


__all__ = ["IRO", "SOCIAL_WORKER", "Fact", "Lookups", "PersonFacts", "Problem", "default_role_of", "map_person"]
