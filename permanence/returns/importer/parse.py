"""Each row of each table read into typed values, every value checked on the way: dates written
dd/mm/YYYY, inside the collection year stated, never in the future and never before the child was
born; codes from the standard's lists; each child in the Header, with the Header's date of birth.

What is kept is compact (tuples, shared dates and codes), so a large file costs little memory.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from permanence.codes.category_of_need import CATEGORY_OF_NEED
from permanence.codes.ethnicity import ETHNICITY
from permanence.codes.legal_status import LEGAL_STATUS
from permanence.codes.participation import PARTICIPATION
from permanence.codes.placement import PLACEMENT
from permanence.codes.placement_provider import PLACEMENT_PROVIDER
from permanence.codes.reason_ceased import REASON_CEASED
from permanence.codes.reason_new import REASON_NEW
from permanence.codes.reason_place_change import REASON_PLACE_CHANGE
from permanence.codes.return_items import (
    ACCOMMODATION,
    ACTIVITY,
    IN_TOUCH,
    LEGAL_STATUS_OF_ADOPTERS,
    MISSING_KIND,
    NUMBER_OF_ADOPTERS,
    PREVIOUS_PERMANENCE,
    REASON_PLACED_CEASED,
    SDQ_REASON,
    SEX_OF_ADOPTERS,
    SW_REASON,
    YES_NO,
)
from permanence.timescales.dates import add_years

from ..cohorts import collection_year

_DATE = re.compile(r"^(\d{2})/(\d{2})/(\d{4})$")
_PARTIAL_DATE = re.compile(r"^(\d{2}|[zZ]{2})/(\d{2}|[zZ]{2})/(\d{4})$")
_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")
_URN = re.compile(r"^(SC\d{6}|\d{6,8}|XXXXXXX)$")
_UPN = re.compile(r"^[A-Z]\d{11}[0-9A-Z]$|^UN[1-7]$")
_CHILD = re.compile(r"^[A-Za-z0-9]{1,20}$")
SEX_FROM_FILE = {"M": "1", "F": "2", "1": "1", "2": "2"}
OC2_FIELDS = {
    "SDQ_SCORE": "sdq_score",
    "SDQ_REASON": "sdq_reason",
    "CONVICTED": "convicted",
    "HEALTH_CHECK": "health_check",
    "IMMUNISATIONS": "immunisations",
    "TEETH_CHECK": "teeth_check",
    "HEALTH_ASSESSMENT": "health_assessment",
    "SUBSTANCE_MISUSE": "substance_misuse",
    "INTERVENTION_RECEIVED": "intervention_received",
    "INTERVENTION_OFFERED": "intervention_offered",
}
EPISODE_COLUMNS = {
    "DECOM": "start",
    "RNE": "reason_new",
    "LS": "legal_status",
    "CIN": "category_of_need",
    "PLACE": "placement",
    "PLACE_PROVIDER": "provider",
    "DEC": "end",
    "REC": "reason_ceased",
    "REASON_PLACE_CHANGE": "reason_place_change",
    "HOME_POST": "home_postcode",
    "PL_POST": "placement_postcode",
    "URN": "urn",
}
EPISODE_FIELDS_TO_COLUMNS = {f: c for c, f in EPISODE_COLUMNS.items()}


def _fmt(day):
    return day.strftime("%d/%m/%Y")


@dataclass
class Parsed:
    """Everything read from the files, by child reference."""

    children: dict = field(default_factory=dict)  # ref -> (line, sex, dob, ethnicity, upn, mother, mc_dob)
    episodes: dict = field(default_factory=dict)  # ref -> [(line, {Episode field: value})]
    uasc: dict = field(default_factory=dict)  # ref -> (line, date UASC ceased or None)
    oc2: dict = field(default_factory=dict)  # ref -> (line, {field: value})
    oc3: dict = field(default_factory=dict)  # ref -> (line, in_touch, activity, accommodation)
    ad1: dict = field(default_factory=dict)  # ref -> (line, {field: value})
    placed: list = field(default_factory=list)  # (ref, line, decided, ceased, reason)
    prevperm: dict = field(default_factory=dict)  # ref -> (line, code, la, date text)
    missing: list = field(default_factory=list)  # (ref, line, kind, start, end)
    sw: list = field(default_factory=list)  # (ref, line, sw id, start, end, reason)
    dolo: list = field(default_factory=list)  # (ref, line, start, end)
    lines: dict = field(default_factory=dict)  # table -> rows read


class Reader:
    def __init__(self, *, year, today, problems):
        self.year, self.today, self.problems = year, today, problems
        self.first, self.last = collection_year(year)
        self.parsed = Parsed()
        self._dates = {}
        self._strings = {}
        self.canonical = {}  # each child's reference as one shared string

    # --- values ------------------------------------------------------------------------

    def _intern(self, value):
        return self._strings.setdefault(value, value)

    def _date(self, text):
        """dd/mm/YYYY -> date, or None when it is not one (cached: a return repeats its dates)."""
        day = self._dates.get(text, False)
        if day is False:
            day = None
            match = _DATE.match(text)
            if match:
                d, m, y = (int(g) for g in match.groups())
                try:
                    day = date(y, m, d)
                except ValueError:
                    day = None
            if len(self._dates) < 200_000:
                self._dates[text] = day
        return day

    def date(self, t, line, row, column, child, *, required=False, born=None, in_year=True, not_after_year=True):
        """A date cell: None when blank or reported. `in_year`: on or after the year's first day;
        `not_after_year`: on or before its last day."""
        text = row.get(column)
        if text is None:
            return None  # reported already (bad bytes, formula ...)
        if not text:
            if required:
                t.problem(line, column, "", "is blank, and a date is needed", child)
            return None
        day = self._date(text)
        if day is None:
            t.problem(line, column, text, "is not a date written dd/mm/YYYY (for example 31/03/2026)", child)
            return None
        if day > self.today:
            t.problem(line, column, text, f"is in the future (today is {_fmt(self.today)})", child)
            return None
        if not_after_year and day > self.last:
            t.problem(
                line,
                column,
                text,
                f"is after the collection year ends ({_fmt(self.last)}): it is not in this return",
                child,
            )
            return None
        if in_year and day < self.first:
            t.problem(
                line,
                column,
                text,
                f"is before the collection year begins ({_fmt(self.first)}): it is not in this return",
                child,
            )
            return None
        if born is not None and day < born:
            t.problem(line, column, text, f"is before the child was born ({_fmt(born)})", child)
            return None
        return day

    def code(self, t, line, row, column, codes, child, *, required=True):
        value = row.get(column)
        if value is None:
            return ""
        if not value:
            if required:
                t.problem(line, column, "", f"is blank: enter the {codes.name.lower()} ({column} code)", child)
            return ""
        value = value.upper()
        if value not in codes:
            t.problem(line, column, value, f"is not one of the standard's {column} codes: {', '.join(codes)}", child)
            return ""
        return self._intern(value)

    def _child(self, t, line, row):
        """The row's child, who must be in the Header, with the Header's date of birth."""
        ref = row.get("CHILD")
        if ref is None:
            return None, None
        if not ref:
            t.problem(line, "CHILD", "", "is blank: each row names its child")
            return None, None
        known = self.parsed.children.get(ref)
        if known is None:
            t.problem(line, "CHILD", ref, "is not in the Header file: every child in the return is in the Header", ref)
            return None, None
        ref = self.canonical[ref]
        born = known[2]
        if "DOB" in row and t.table != "Header":
            text = row.get("DOB")
            if text is not None and born is not None and self._date(text) != born:
                t.problem(
                    line, "DOB", text, f"differs from the child's date of birth in the Header ({_fmt(born)})", ref
                )
        return ref, born

    # --- tables -------------------------------------------------------------------------

    def header(self, t):
        seen = self.parsed.children
        for line, row in t:
            ref = row.get("CHILD")
            if ref is None:
                continue
            if not ref:
                t.problem(line, "CHILD", "", "is blank: each row names its child")
                continue
            if not _CHILD.match(ref):
                t.problem(line, "CHILD", ref, "is not a child's reference (letters and digits, up to 20)", ref)
                continue
            if ref in seen:
                t.problem(line, "CHILD", ref, f"appears twice in the Header (first on line {seen[ref][0]})", ref)
                continue
            born = self.date(t, line, row, "DOB", ref, required=True, in_year=False)
            sex_text = (row.get("SEX") or "").upper()
            sex = SEX_FROM_FILE.get(sex_text)
            if sex is None and row.get("SEX") is not None:
                t.problem(line, "SEX", row.get("SEX"), "is not M or F", ref)
            ethnicity = self.code(t, line, row, "ETHNIC", ETHNICITY, ref)
            upn = (row.get("UPN") or "").upper()
            if upn and not _UPN.match(upn):
                t.problem(line, "UPN", upn, "is not a unique pupil number (13 characters) or UN1 to UN7", ref)
            mother = row.get("MOTHER") or ""
            if mother not in ("", "0", "1"):
                t.problem(line, "MOTHER", mother, "is not 0, 1 or blank", ref)
                mother = ""
            mc_dob = self.date(t, line, row, "MC_DOB", ref, in_year=False, born=born)
            if mother == "1" and sex == "1":
                t.problem(line, "MOTHER", mother, "is 1 (a mother) for a child recorded as male", ref)
            if mc_dob and mother != "1":
                t.problem(line, "MC_DOB", row["MC_DOB"], "is given, but MOTHER does not say she is a mother (1)", ref)
            if mc_dob and born and mc_dob < add_years(born, 11):
                t.problem(line, "MC_DOB", row["MC_DOB"], "would make the mother younger than 11", ref)
            seen[ref] = (line, sex, born, ethnicity, upn, mother, mc_dob)
            self.canonical[ref] = ref
        self.parsed.lines["Header"] = t.rows

    def episodes(self, t):
        out = self.parsed.episodes
        for line, row in t:
            ref, _born = self._child(t, line, row)
            if ref is None:
                continue
            # Before birth is the record's own rule (rules.episodes_problems), checked with the whole run.
            start = self.date(t, line, row, "DECOM", ref, required=True, in_year=False)
            end = self.date(t, line, row, "DEC", ref)
            values = {
                "start": start,
                "reason_new": self.code(t, line, row, "RNE", REASON_NEW, ref),
                "legal_status": self.code(t, line, row, "LS", LEGAL_STATUS, ref),
                "category_of_need": self.code(t, line, row, "CIN", CATEGORY_OF_NEED, ref),
                "placement": self.code(t, line, row, "PLACE", PLACEMENT, ref),
                "provider": self.code(t, line, row, "PLACE_PROVIDER", PLACEMENT_PROVIDER, ref, required=False),
                "end": end,
                "reason_ceased": self.code(t, line, row, "REC", REASON_CEASED, ref, required=False),
                "reason_place_change": self.code(
                    t, line, row, "REASON_PLACE_CHANGE", REASON_PLACE_CHANGE, ref, required=False
                ),
                "home_postcode": self._postcode(t, line, row, "HOME_POST", ref),
                "placement_postcode": self._postcode(t, line, row, "PL_POST", ref),
                "urn": self._urn(t, line, row, ref),
            }
            out.setdefault(ref, []).append((line, values))
        self.parsed.lines["Episodes"] = t.rows

    def _postcode(self, t, line, row, column, ref):
        value = (row.get(column) or "").upper()
        if value and not _POSTCODE.match(value):
            t.problem(line, column, value, "is not a postcode (for example LS1 4AP)", ref)
            return ""
        return self._intern(value)

    def _urn(self, t, line, row, ref):
        value = (row.get("URN") or "").upper()
        if value and not _URN.match(value):
            t.problem(
                line, "URN", value, "is not an Ofsted unique reference number (SC and 6 digits, or 6 to 8 digits)", ref
            )
            return ""
        return self._intern(value)

    def reviews(self, t, accept):
        """Reviews can be the largest table: each row is handed to `accept` as it is read, not kept."""
        for line, row in t:
            ref, _born = self._child(t, line, row)
            if ref is None:
                continue
            day = self.date(t, line, row, "REVIEW", ref, required=True)  # rules.review_problems: not before care
            pn = self.code(t, line, row, "REVIEW_CODE", PARTICIPATION, ref, required=False)
            if day is not None:
                accept(ref, line, day, pn)
        self.parsed.lines["Reviews"] = t.rows

    def uasc(self, t):
        out = self.parsed.uasc
        for line, row in t:
            ref, born = self._child(t, line, row)
            if ref is None:
                continue
            sex = (row.get("SEX") or "").upper()
            header_sex = self.parsed.children[ref][1]
            if row.get("SEX") is not None and SEX_FROM_FILE.get(sex) != header_sex:
                t.problem(line, "SEX", sex, "differs from the child's sex in the Header", ref)
            text = row.get("DUC") or ""
            ceased = None
            if text:
                day = self._date(text)
                eighteenth = add_years(born, 18) if born else None
                if day is None:
                    t.problem(line, "DUC", text, "is not a date written dd/mm/YYYY", ref)
                elif day == eighteenth and day > self.last:
                    ceased = None  # still unaccompanied: the standard asks for the 18th birthday
                else:
                    ceased = self.date(t, line, row, "DUC", ref, in_year=False)  # rules.uasc_problems: not before birth
            if ref in out:
                t.problem(line, "CHILD", ref, f"appears twice in the UASC file (first on line {out[ref][0]})", ref)
                continue
            out[ref] = (line, ceased)
        self.parsed.lines["UASC"] = t.rows

    def oc2(self, t):
        out = self.parsed.oc2
        for line, row in t:
            ref, _ = self._child(t, line, row)
            if ref is None:
                continue
            values = {}
            score = row.get("SDQ_SCORE") or ""
            if score and not (score.isdigit() and 0 <= int(score) <= 40):
                t.problem(line, "SDQ_SCORE", score, "is not a score from 0 to 40", ref)
                score = ""
            values["sdq_score"] = score
            values["sdq_reason"] = self.code(t, line, row, "SDQ_REASON", SDQ_REASON, ref, required=False)
            for column, name in OC2_FIELDS.items():
                if column not in ("SDQ_SCORE", "SDQ_REASON"):
                    values[name] = self.code(t, line, row, column, YES_NO, ref, required=False)
            if ref in out:
                t.problem(line, "CHILD", ref, f"appears twice in the OC2 file (first on line {out[ref][0]})", ref)
                continue
            out[ref] = (line, values)
        self.parsed.lines["OC2"] = t.rows

    def oc3(self, t):
        out = self.parsed.oc3
        for line, row in t:
            ref, _ = self._child(t, line, row)
            if ref is None:
                continue
            values = (
                self.code(t, line, row, "IN_TOUCH", IN_TOUCH, ref),
                self.code(t, line, row, "ACTIV", ACTIVITY, ref, required=False),
                self.code(t, line, row, "ACCOM", ACCOMMODATION, ref, required=False),
            )
            if ref in out:
                t.problem(line, "CHILD", ref, f"appears twice in the OC3 file (first on line {out[ref][0]})", ref)
                continue
            out[ref] = (line, *values)
        self.parsed.lines["OC3"] = t.rows

    def ad1(self, t):
        out = self.parsed.ad1
        for line, row in t:
            ref, born = self._child(t, line, row)
            if ref is None:
                continue
            interest = self.date(t, line, row, "DATE_INT", ref, in_year=False, born=born)
            match = self.date(t, line, row, "DATE_MATCH", ref, in_year=False, born=born)
            if interest and match and match < interest:
                t.problem(
                    line,
                    "DATE_MATCH",
                    row["DATE_MATCH"],
                    f"is before the decision that the child should be placed for adoption ({_fmt(interest)})",
                    ref,
                )
            values = {
                "date_interest": interest,
                "date_match": match,
                "foster_care": self.code(t, line, row, "FOSTER_CARE", YES_NO, ref),
                "number_of_adopters": self.code(t, line, row, "NB_ADOPTR", NUMBER_OF_ADOPTERS, ref),
                "sex_of_adopters": self.code(t, line, row, "SEX_ADOPTR", SEX_OF_ADOPTERS, ref),
                "legal_status_of_adopters": self.code(t, line, row, "LS_ADOPTR", LEGAL_STATUS_OF_ADOPTERS, ref),
            }
            if ref in out:
                t.problem(line, "CHILD", ref, f"appears twice in the AD1 file (first on line {out[ref][0]})", ref)
                continue
            out[ref] = (line, values)
        self.parsed.lines["AD1"] = t.rows

    def placed(self, t):
        out, seen = self.parsed.placed, {}
        for line, row in t:
            ref, born = self._child(t, line, row)
            if ref is None:
                continue
            decided = self.date(t, line, row, "DATE_PLACED", ref, required=True, in_year=False, born=born)
            ceased = self.date(t, line, row, "DATE_PLACED_CEASED", ref, born=born)
            reason = self.code(t, line, row, "REASON_PLACED_CEASED", REASON_PLACED_CEASED, ref, required=False)
            if decided and ceased and ceased < decided:
                t.problem(line, "DATE_PLACED_CEASED", row["DATE_PLACED_CEASED"], "is before the decision", ref)
            if ceased and not reason:
                t.problem(line, "REASON_PLACED_CEASED", "", "is blank: say why the decision ceased", ref)
            if reason and not ceased and row.get("DATE_PLACED_CEASED") == "":
                t.problem(line, "REASON_PLACED_CEASED", reason, "is given, but the decision has not ceased", ref)
            if decided is None:
                continue
            key = (ref, decided)
            if key in seen:
                t.problem(line, "DATE_PLACED", row["DATE_PLACED"], f"the same decision is on line {seen[key]}", ref)
                continue
            seen[key] = line
            out.append((ref, line, decided, ceased, reason))
        self.parsed.lines["PlacedAdoption"] = t.rows

    def prevperm(self, t):
        out = self.parsed.prevperm
        for line, row in t:
            ref, _born = self._child(t, line, row)
            if ref is None:
                continue
            code = self.code(t, line, row, "PREV_PERM", PREVIOUS_PERMANENCE, ref)
            la = row.get("LA_PERM") or ""
            if la and not (la.isdigit() and len(la) == 3):
                t.problem(line, "LA_PERM", la, "is not a local authority's 3-digit code", ref)
                la = ""
            when = (row.get("DATE_PERM") or "").upper()
            match = _PARTIAL_DATE.match(when) if when else None
            if when and not match:
                t.problem(line, "DATE_PERM", when, "is not a date written dd/mm/YYYY (ZZ for a part not known)", ref)
                when = ""
            elif match and int(match.group(3)) > self.year:
                t.problem(line, "DATE_PERM", when, "is after the collection year", ref)
                when = ""
            if ref in out:
                t.problem(line, "CHILD", ref, f"appears twice in the PrevPerm file (first on line {out[ref][0]})", ref)
                continue
            out[ref] = (line, code, la, when)
        self.parsed.lines["PrevPerm"] = t.rows

    def missing(self, t):
        out, seen = self.parsed.missing, {}
        for line, row in t:
            ref, _born = self._child(t, line, row)
            if ref is None:
                continue
            kind = self.code(t, line, row, "MISSING", MISSING_KIND, ref)
            start = self.date(t, line, row, "MIS_START", ref, required=True, in_year=False)  # rules.missing_problems
            end = self.date(t, line, row, "MIS_END", ref)  # before it started: rules.missing_problems
            if start is None or not kind:
                continue
            key = (ref, start, kind)
            if key in seen:
                t.problem(line, "MIS_START", row["MIS_START"], f"the same period is on line {seen[key]}", ref)
                continue
            seen[key] = line
            out.append((ref, line, kind, start, end))
        self.parsed.lines["Missing"] = t.rows

    def sw(self, t):
        out, seen = self.parsed.sw, {}
        for line, row in t:
            ref, born = self._child(t, line, row)
            if ref is None:
                continue
            worker = (row.get("SW_ID") or "").upper()
            if row.get("SW_ID") is not None and not re.match(r"^[A-Z0-9]{1,12}$", worker):
                t.problem(line, "SW_ID", worker, "is not a social worker's registration number", ref)
                worker = ""
            start = self.date(t, line, row, "SW_DECOM", ref, required=True, in_year=False, born=born)
            end = self.date(t, line, row, "SW_DEC", ref, born=born)
            reason = self.code(t, line, row, "SW_REASON", SW_REASON, ref, required=False)
            if start and end and end < start:
                t.problem(line, "SW_DEC", row["SW_DEC"], f"is before the social worker started ({_fmt(start)})", ref)
                continue
            if start is None or not worker:
                continue
            key = (ref, start)
            if key in seen:
                t.problem(line, "SW_DECOM", row["SW_DECOM"], f"another episode starts that day (line {seen[key]})", ref)
                continue
            seen[key] = line
            out.append((ref, line, worker, start, end, reason))
        self.parsed.lines["SWEpisodes"] = t.rows

    def dolo(self, t):
        out, seen = self.parsed.dolo, {}
        for line, row in t:
            ref, born = self._child(t, line, row)
            if ref is None:
                continue
            start = self.date(t, line, row, "DOLO_START", ref, required=True, in_year=False, born=born)
            end = self.date(t, line, row, "DOLO_END", ref, born=born)
            if start and end and end < start:
                t.problem(line, "DOLO_END", row["DOLO_END"], f"is before the order was made ({_fmt(start)})", ref)
                continue
            if start is None:
                continue
            if (ref, start) in seen:
                t.problem(line, "DOLO_START", row["DOLO_START"], f"the same order is on line {seen[(ref, start)]}", ref)
                continue
            seen[(ref, start)] = line
            out.append((ref, line, start, end))
        self.parsed.lines["DoLo"] = t.rows


READERS = {
    "Header": Reader.header,
    "Episodes": Reader.episodes,
    "Reviews": Reader.reviews,
    "UASC": Reader.uasc,
    "OC2": Reader.oc2,
    "OC3": Reader.oc3,
    "AD1": Reader.ad1,
    "PlacedAdoption": Reader.placed,
    "PrevPerm": Reader.prevperm,
    "Missing": Reader.missing,
    "SWEpisodes": Reader.sw,
    "DoLo": Reader.dolo,
}
