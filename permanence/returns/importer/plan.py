"""The files against the record: what is new is added, what the record left blank is filled, and
what the record already holds is never changed, reopened or removed (a difference is reported as
kept). Every child's facts, old and new together, go through the record's own rules
(children/rules.py, the same functions as the forms), and each problem is laid at the file's row.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from permanence.children import rules
from permanence.children.models import Allocation, Child, Episode, LegalOrder, Review
from permanence.children.orders import DEPRIVATION_OF_LIBERTY_ORDER

from .. import models as m
from ..cohorts import ADOPTED, collection_year
from .book import ReviewBook
from .parse import EPISODE_FIELDS_TO_COLUMNS, OC2_FIELDS, _fmt
from .problems import Kept, shown

CHUNK = 5000
EPISODE_FIELDS = [
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
]
# How an episode ends: filled in when the record has it open and the file has it closed.
ENDING = ("end", "reason_ceased", "reason_place_change")
COLUMN_OF = {
    **{f: c for c, f in OC2_FIELDS.items()},
    "in_touch": "IN_TOUCH",
    "activity": "ACTIV",
    "accommodation": "ACCOM",
    "code": "PREV_PERM",
    "local_authority": "LA_PERM",
    "date": "DATE_PERM",
    "date_interest": "DATE_INT",
    "date_match": "DATE_MATCH",
    "foster_care": "FOSTER_CARE",
    "number_of_adopters": "NB_ADOPTR",
    "sex_of_adopters": "SEX_ADOPTR",
    "legal_status_of_adopters": "LS_ADOPTR",
}


def _shown(value):
    return _fmt(value) if hasattr(value, "strftime") else (value or "")


# The plan's lists of rows, each row starting with the child's reference.
LISTS = (
    "episodes",
    "episode_updates",
    "review_updates",
    "adoption",
    "placed",
    "placed_updates",
    "missing",
    "missing_updates",
    "sw",
    "sw_updates",
    "dolo",
    "dolo_updates",
)


@dataclass
class Plan:
    """What the import will write, by child reference (so the clean-children mode can leave some out)."""

    new_children: dict = field(default_factory=dict)  # ref -> {Child field: value}
    child_updates: dict = field(default_factory=dict)  # ref -> {Child field: value}
    motherhood: dict = field(default_factory=dict)  # ref -> (pk or None, {field: value})
    episodes: list = field(default_factory=list)  # (ref, {Episode field: value, ...})
    episode_updates: list = field(default_factory=list)  # (ref, pk, {field: value})
    reviews: object = None  # ReviewBook: the new reviews, by child and day
    review_updates: list = field(default_factory=list)  # (ref, pk, participation)
    per_year: dict = field(default_factory=lambda: defaultdict(list))  # model -> [(ref, {field: value})]
    adoption: list = field(default_factory=list)  # (ref, {AdoptionDetail field: value})
    placed: list = field(default_factory=list)  # (ref, decided, ceased, reason)
    placed_updates: list = field(default_factory=list)  # (ref, pk, {field: value})
    missing: list = field(default_factory=list)  # (ref, kind, start, end)
    missing_updates: list = field(default_factory=list)  # (ref, pk, end)
    sw: list = field(default_factory=list)  # (ref, worker number, start, end, reason)
    sw_updates: list = field(default_factory=list)  # (ref, pk, end)
    dolo: list = field(default_factory=list)  # (ref, start, end)
    dolo_updates: list = field(default_factory=list)  # (ref, pk, end)

    def changed(self):
        """The references of the children the plan adds or changes anything for."""
        refs = set(self.new_children) | set(self.child_updates) | set(self.motherhood)
        for name in LISTS:
            refs |= {row[0] for row in getattr(self, name)}
        for rows in self.per_year.values():
            refs |= {row[0] for row in rows}
        if self.reviews is not None:
            refs |= self.reviews.children()
        return refs

    def changes_by_child(self):
        """What the plan adds or changes for each child, by kind: {ref: {kind: count}} (for the audit
        trail, which records each child's change in the same transaction as the change)."""
        counts: dict = defaultdict(lambda: defaultdict(int))
        for ref in self.new_children:
            counts[ref]["child added"] += 1
        for ref in self.child_updates:
            counts[ref]["child's details filled in"] += 1
        for ref in self.motherhood:
            counts[ref]["motherhood"] += 1
        for name in LISTS:
            for row in getattr(self, name):
                counts[row[0]][name.replace("_", " ")] += 1
        for model, rows in self.per_year.items():
            for row in rows:
                counts[row[0]][str(model._meta.verbose_name_plural)] += 1
        for ref, _, _ in self.reviews or ():
            counts[ref]["reviews"] += 1
        return {ref: dict(kinds) for ref, kinds in counts.items()}

    def without(self, refs):
        """The plan with the children in `refs` left out."""
        if not refs:
            return self
        keep = Plan()
        keep.new_children = {r: v for r, v in self.new_children.items() if r not in refs}
        keep.child_updates = {r: v for r, v in self.child_updates.items() if r not in refs}
        keep.motherhood = {r: v for r, v in self.motherhood.items() if r not in refs}
        for name in LISTS:
            setattr(keep, name, [row for row in getattr(self, name) if row[0] not in refs])
        for model, rows in self.per_year.items():
            keep.per_year[model] = [row for row in rows if row[0] not in refs]
        keep.reviews = self.reviews
        keep.reviews.leave_out(refs)
        return keep


def _chunks(values, size=CHUNK):
    values = list(values)
    for i in range(0, len(values), size):
        yield values[i : i + size]


PER_YEAR_FIELDS = {
    m.HealthOutcome: list(OC2_FIELDS.values()),
    m.CareLeaverContact: ["in_touch", "activity", "accommodation"],
    m.PreviousPermanence: ["code", "local_authority", "date"],
}
WHOLE_TABLE = 20_000  # children: past this many, a table is read whole (cheaper than many IN lists)


class Record:
    """What the record already holds for the children in the files, read in bulk and kept as tuples
    (a national-scale record in memory costs little), each child's rows made into dicts as needed."""

    def __init__(self, refs, year):
        self.children, self.ids = {}, {}
        self.episodes = defaultdict(list)  # ref -> [(id, *EPISODE_FIELDS)]
        self.reviews, self.motherhood, self.adoption = {}, {}, {}
        self.per_year = {model: {} for model in PER_YEAR_FIELDS}  # model -> ref -> (fields ...)
        self.placed, self.missing, self.sw, self.dolo = {}, {}, {}, {}
        self.workers = {}
        if not Child.objects.exists():
            return  # an empty record: nothing to compare against
        wanted = set(refs)
        fields = ("id", "council_reference", "sex", "date_of_birth", "ethnicity", "upn", "uasc", "uasc_ceased")
        if len(wanted) > WHOLE_TABLE:
            rows = (r for r in Child.objects.values_list(*fields).iterator(chunk_size=20000) if r[1] in wanted)
        else:
            rows = (
                r
                for chunk in _chunks(refs)
                for r in Child.objects.filter(council_reference__in=chunk).values_list(*fields)
            )
        for row in rows:
            self.children[row[1]] = dict(zip(fields, row, strict=True))
            self.ids[row[0]] = row[1]
        ref = self.ids
        for child, *rest in self._read(Episode.objects.order_by("start"), ["id", *EPISODE_FIELDS]):
            self.episodes[ref[child]].append(tuple(rest))
        for child, pk, day, pn in self._read(Review.objects.all(), ["id", "date", "participation"]):
            self.reviews[(ref[child], day)] = (pk, pn)
        for child, pk, is_mother, born in self._read(m.Motherhood.objects.all(), ["id", "is_mother", "baby_born"]):
            self.motherhood[ref[child]] = {"id": pk, "is_mother": is_mother, "baby_born": born}
        adoption_fields = [f.name for f in m.AdoptionDetail._meta.concrete_fields if f.name not in ("id", "child")]
        for child, *values in self._read(m.AdoptionDetail.objects.all(), adoption_fields):
            self.adoption[ref[child]] = dict(zip(adoption_fields, values, strict=True))
        for model, names in PER_YEAR_FIELDS.items():
            for child, *values in self._read(model.objects.filter(year=year), names):
                self.per_year[model][ref[child]] = dict(zip(names, values, strict=True))
        for child, pk, decided, ceased in self._read(
            m.PlacementForAdoptionDecision.objects.all(), ["id", "decided", "ceased"]
        ):
            self.placed[(ref[child], decided)] = {"id": pk, "ceased": ceased}
        for child, pk, start, kind, end in self._read(m.MissingEpisode.objects.all(), ["id", "start", "kind", "end"]):
            self.missing[(ref[child], start, kind)] = {"id": pk, "end": end}
        for child, pk, worker, start, end in self._read(
            Allocation.objects.filter(role=Allocation.SOCIAL_WORKER), ["id", "worker_id", "start", "end"]
        ):
            self.sw[(ref[child], start)] = {"id": pk, "worker_id": worker, "end": end}
        for child, pk, made, ended in self._read(
            LegalOrder.objects.filter(order_type=DEPRIVATION_OF_LIBERTY_ORDER), ["id", "made", "ended"]
        ):
            self.dolo[(ref[child], made)] = {"id": pk, "ended": ended}
        if self.sw:
            self.workers = dict(m.SocialWorkerRegistration.objects.values_list("user_id", "number"))

    def _read(self, queryset, fields):
        """(child id, *fields) of the rows for the children in the files."""
        ids = self.ids
        if len(ids) > WHOLE_TABLE:
            for row in queryset.values_list("child_id", *fields).iterator(chunk_size=20000):
                if row[0] in ids:
                    yield row
        else:
            for chunk in _chunks(ids):
                yield from queryset.filter(child_id__in=chunk).values_list("child_id", *fields)

    def episodes_of(self, ref):
        return [dict(zip(("id", *EPISODE_FIELDS), row, strict=True)) for row in self.episodes.get(ref, ())]


class Planner:
    def __init__(self, parsed, tables, *, year, today, last, problems):
        self.parsed, self.tables = parsed, tables
        self.year, self.today, self.last = year, today, last
        self.first = collection_year(year)[0]
        self.problems = problems
        self.kept = []
        self.plan = Plan()
        self.names = {table: t.name for table, t in tables.items()}

    def problem(self, table, line, column, value, message, child):
        self.problems.add(self.names.get(table, table), line, column, value, message, child)

    def keep(self, table, line, column, value, kept, message):
        self.kept.append(Kept(self.names.get(table, table), line, column, shown(value), shown(kept), message))

    def children(self, progress=lambda message: None):
        """Each child and their episodes, old and new together, through the record's rules."""
        p = self.parsed
        # A child with an episode row that could not be read is not checked further: the rules would
        # only repeat that problem in other words. Their other rows are checked once it is put right.
        episodes_file = self.names.get("Episodes")
        self.unreadable = {
            ref
            for ref, rows in p.episodes.items()
            if any((episodes_file, line) in self.problems.rows for line, _ in rows)
        }
        progress("Reading what the record already holds for these children")
        self.record = Record(list(p.children), self.year)
        progress("Checking every child's facts with the record's own rules")
        # What later checks need of each child's episodes, old and new: (start, end, reason ceased).
        self.merged = {}
        for ref, header in p.children.items():
            episodes = self._child(ref, header)
            self.merged[ref] = (
                None
                if episodes is None
                else sorted((e["start"], e["end"], e["reason_ceased"]) for e in episodes if e["start"] is not None)
            )
        self.with_episodes = set(p.episodes)
        p.episodes.clear()  # the new ones are in the plan; the rest is not needed again
        self.plan.reviews = ReviewBook(p.children, self.first)
        self.seen_held = set()

    def finish(self, progress=lambda message: None):
        merged = self.merged
        self._everyone_in_a_table()
        self._adoptions(merged)
        self._missing()
        self._placed()
        self._sw(merged)
        self._dolo(merged)
        self._per_year()
        return self.plan

    # --- who is in the return ------------------------------------------------------------

    def _everyone_in_a_table(self):
        p = self.parsed
        if "Header" not in self.tables:
            return
        for ref, (line, *_rest) in p.children.items():
            if ref not in self.with_episodes and ref not in p.oc3:
                self.problem(
                    "Header",
                    line,
                    "CHILD",
                    ref,
                    "has no episode in the Episodes file and no care leaver row in OC3: the return is about "
                    "children looked after in the year and care leavers",
                    ref,
                )

    # --- the child and their episodes ----------------------------------------------------

    def _child(self, ref, header):
        line, sex, born, ethnicity, upn, mother, mc_dob = header
        held = self.record.children.get(ref)
        if born is None:
            return None  # the date of birth could not be read: every other date hangs on it
        uasc = self.parsed.uasc.get(ref)
        if held is None:
            values = {"sex": sex or "", "date_of_birth": born, "ethnicity": ethnicity or "NOBT", "upn": upn}
            values["uasc"] = uasc is not None
            values["uasc_ceased"] = uasc[1] if uasc else None
            starts = [v["start"] for _, v in self.parsed.episodes.get(ref, []) if v["start"] is not None]
            for field_name, message in rules.child_problems(
                {**values, "first_name": "Not known", "last_name": ref, "council_reference": ref},
                today=self.today,
                first_care_start=min(starts, default=None),
            ).items():
                if field_name == "uasc_ceased":
                    self.problem("UASC", uasc[0], "DUC", _fmt(uasc[1]), message, ref)
                else:
                    self.problem("Header", line, "DOB" if field_name == "date_of_birth" else "CHILD", ref, message, ref)
            self.plan.new_children[ref] = values
        else:
            if held["date_of_birth"] != born:
                self.problem(
                    "Header",
                    line,
                    "DOB",
                    _fmt(born),
                    f"differs from the date of birth the record holds for {ref} "
                    f"({_fmt(held['date_of_birth']) if held['date_of_birth'] else 'none'}): correct one or the other",
                    ref,
                )
                return []
            changes = {}
            for name, column, value in (("sex", "SEX", sex), ("ethnicity", "ETHNIC", ethnicity), ("upn", "UPN", upn)):
                if not value or value == held[name]:
                    continue
                if not held[name] or (name == "ethnicity" and held[name] == "NOBT"):
                    changes[name] = value
                else:
                    self.keep("Header", line, column, value, held[name], "the record holds another value")
            if uasc is not None:
                if not held["uasc"]:
                    changes["uasc"] = True
                ceased = uasc[1]
                found = rules.uasc_problems({"uasc": True, "uasc_ceased": ceased, "date_of_birth": born})
                for message in found.values():
                    self.problem("UASC", uasc[0], "DUC", _fmt(ceased), message, ref)
                if found:
                    pass
                elif ceased and not held["uasc_ceased"]:
                    changes["uasc_ceased"] = ceased
                elif ceased and held["uasc_ceased"] != ceased:
                    self.keep(
                        "UASC", uasc[0], "DUC", _fmt(ceased), _fmt(held["uasc_ceased"]), "the record holds another date"
                    )
            if changes:
                self.plan.child_updates[ref] = changes
        self._motherhood(ref, line, mother, mc_dob)
        if ref in self.unreadable:
            return None
        return self._episodes(ref, born)

    def _motherhood(self, ref, line, mother, mc_dob):
        if not mother:
            return
        held = self.record.motherhood.get(ref)
        is_mother = mother == "1"
        if held is None:
            self.plan.motherhood[ref] = (None, {"is_mother": is_mother, "baby_born": mc_dob})
            return
        changes = {}
        if is_mother and not held["is_mother"]:
            changes["is_mother"] = True  # she has become a mother since the record was written
        if mc_dob and not held["baby_born"]:
            changes["baby_born"] = mc_dob
        elif mc_dob and held["baby_born"] != mc_dob:
            self.keep("Header", line, "MC_DOB", _fmt(mc_dob), _fmt(held["baby_born"]), "the record holds another date")
        if changes:
            self.plan.motherhood[ref] = (held["id"], changes)

    def _episodes(self, ref, born):
        """The child's episodes as they will be, each from the record (with its id) or the file (with
        its line); problems the rules find that the record alone did not have are laid at the file."""
        held = self.record.episodes_of(ref)
        by_start = {e["start"]: e for e in held}
        merged = [dict(e, _line=None) for e in held]
        position = {e["start"]: i for i, e in enumerate(merged)}
        for line, values in self.parsed.episodes.get(ref, []):
            start = values["start"]
            if start is None:
                continue
            old = by_start.get(start)
            if old is None:
                if start in position and merged[position[start]]["_line"] is not None:
                    first = merged[position[start]]["_line"]
                    self.problem(
                        "Episodes", line, "DECOM", _fmt(start), f"another episode starts that day (line {first})", ref
                    )
                    continue
                values["_line"], values["_new"] = line, True  # kept as read: no copy per episode
                merged.append(values)
                position[start] = len(merged) - 1
                continue
            current = merged[position[start]]
            if current["_line"] is not None:
                self.problem(
                    "Episodes",
                    line,
                    "DECOM",
                    _fmt(start),
                    f"another episode starts that day (line {current['_line']})",
                    ref,
                )
                continue
            current["_line"] = line
            self._compare_episode(ref, line, current, values)
        if not any(e["_line"] is not None for e in merged):
            return merged
        merged.sort(key=lambda e: e["start"])
        found = rules.episodes_problems(merged, date_of_birth=born, today=self.today)
        known = set()
        if found and held:
            # What the rules find in the record's own episodes is not the file's doing.
            alone = sorted(held, key=lambda e: e["start"])
            for index, fields in rules.episodes_problems(alone, date_of_birth=born, today=self.today).items():
                known |= {(alone[index]["id"], name, message) for name, message in fields.items()}
        lines = [e["_line"] for e in merged]
        for index, fields in found.items():
            episode = merged[index]
            line = episode["_line"]
            for field_name, message in fields.items():
                if episode.get("id") and (episode["id"], field_name, message) in known:
                    continue
                where = line
                if where is None:  # a record episode made incoherent by the file's: the nearest file row
                    where = next((lines[j] for j in range(index - 1, -1, -1) if lines[j] is not None), None)
                    where = where or next(n for n in lines if n is not None)
                    message = f"With the record's episode from {_fmt(episode['start'])}: {message}"
                column = EPISODE_FIELDS_TO_COLUMNS.get(field_name, "")
                self.problem("Episodes", where, column, _shown(episode.get(field_name)), message, ref)
        for episode in merged:
            if episode.get("_new"):
                self.plan.episodes.append((ref, episode))
        return merged

    def _compare_episode(self, ref, line, current, values):
        """The file's episode against the record's one with the same start: its ending is filled in
        if the record has it open; anything else that differs stays as the record has it."""
        changes = {}
        if current["end"] is None and values["end"] is not None:
            changes = {f: values[f] for f in ENDING}
        elif values["end"] is not None and current["end"] != values["end"]:
            self.keep(
                "Episodes", line, "DEC", _fmt(values["end"]), _fmt(current["end"]), "the record holds another end date"
            )
        elif values["end"] is None and current["end"] is not None and current["end"] <= self.last:
            self.keep(
                "Episodes",
                line,
                "DEC",
                "",
                _fmt(current["end"]),
                "the file has the episode open at the end of the year; the record has it ended then, and an "
                "import never reopens an episode",
            )
        for name in EPISODE_FIELDS:
            if name in ENDING or name == "start":
                continue
            new, old = values[name], current[name]
            if new and new != old:
                if not old:
                    changes[name] = new
                else:
                    self.keep(
                        "Episodes", line, EPISODE_FIELDS_TO_COLUMNS[name], new, old, "the record holds another value"
                    )
        if changes:
            current.update(changes)
            current["_changed"] = True
            self.plan.episode_updates.append((ref, current["id"], changes))

    # --- facts that hang off the episodes -----------------------------------------------

    def _adoptions(self, merged):
        for ref, (line, values) in self.parsed.ad1.items():
            if merged.get(ref) is None:
                continue  # the child's episodes could not all be read
            adopted = any(
                rec in ADOPTED and end is not None and self.first <= end <= self.last
                for _, end, rec in merged.get(ref) or ()
            )
            if not adopted:
                self.problem(
                    "AD1",
                    line,
                    "CHILD",
                    ref,
                    "has adoption details, but the episodes do not show the child adopted (E11, E12) in the year",
                    ref,
                )
                continue
            held = self.record.adoption.get(ref)
            if held is None:
                self.plan.adoption.append((ref, values))
                continue
            for name, value in values.items():
                if value not in (None, "") and value != held[name]:
                    self.keep(
                        "AD1",
                        line,
                        COLUMN_OF[name],
                        _shown(value),
                        _shown(held[name]),
                        "the record holds another value",
                    )

    def review(self, ref, line, day, pn):
        """One review, as it is read: the record's rules, then new, filled in, kept or a duplicate."""
        episodes = self.merged.get(ref)
        if episodes is None:
            return
        first_start = episodes[0][0] if episodes else None
        found = rules.review_problems(
            {"date": day, "participation": pn},
            date_of_birth=self.parsed.children[ref][2],
            first_episode_start=first_start,
        )
        if self.today and day > self.today:
            found |= {
                k: v for k, v in rules.review_date_problems({"date": day}, today=self.today).items() if k == "date"
            }
        if found:
            for field_name, message in found.items():
                column = "REVIEW" if field_name == "date" else "REVIEW_CODE"
                self.problem("Reviews", line, column, _fmt(day) if column == "REVIEW" else pn, message, ref)
            return
        held = self.record.reviews.get((ref, day))
        if held is None:
            if not self.plan.reviews.add(ref, day, pn):
                self.problem("Reviews", line, "REVIEW", _fmt(day), "the same review is in the file twice", ref)
            return
        if (ref, day) in self.seen_held:
            self.problem("Reviews", line, "REVIEW", _fmt(day), "the same review is in the file twice", ref)
            return
        self.seen_held.add((ref, day))
        if pn and not held[1]:
            self.plan.review_updates.append((ref, held[0], pn))
        elif pn and pn != held[1]:
            self.keep("Reviews", line, "REVIEW_CODE", pn, held[1], "the record holds another value")

    def _missing(self):
        for ref, line, kind, start, end in self.parsed.missing:
            born = self.parsed.children[ref][2]
            found = rules.missing_problems({"start": start, "end": end}, date_of_birth=born, today=self.today)
            if found:
                for field_name, message in found.items():
                    column = "MIS_END" if field_name == "end" else "MIS_START"
                    value = end if field_name == "end" else start
                    self.problem("Missing", line, column, _fmt(value) if value else "", message, ref)
                continue
            held = self.record.missing.get((ref, start, kind))
            if held is None:
                self.plan.missing.append((ref, kind, start, end))
            elif end and held["end"] is None:
                self.plan.missing_updates.append((ref, held["id"], end))
            elif end and held["end"] != end:
                self.keep("Missing", line, "MIS_END", _fmt(end), _fmt(held["end"]), "the record holds another date")

    def _placed(self):
        for ref, line, decided, ceased, reason in self.parsed.placed:
            held = self.record.placed.get((ref, decided))
            if held is None:
                self.plan.placed.append((ref, decided, ceased, reason))
            elif ceased and held["ceased"] is None:
                self.plan.placed_updates.append((ref, held["id"], {"ceased": ceased, "reason_ceased": reason}))
            elif ceased and held["ceased"] != ceased:
                self.keep(
                    "PlacedAdoption",
                    line,
                    "DATE_PLACED_CEASED",
                    _fmt(ceased),
                    _fmt(held["ceased"]),
                    "the record holds another date",
                )

    def _sw(self, merged):
        """Social worker episodes. The return reports the allocation that ended when care ended as
        open (SW_DEC is a change of worker): read back, it ends on the day care ended."""
        numbers = {}
        for ref, line, worker, start, end, reason in self.parsed.sw:
            if end is None:
                end = self._care_ended(merged.get(ref) or [], start)
            held = self.record.sw.get((ref, start))
            if held is None:
                self.plan.sw.append((ref, worker, start, end, reason))
                numbers[worker] = True
            elif end and held["end"] is None:
                self.plan.sw_updates.append((ref, held["id"], end))
            elif end and held["end"] != end:
                self.keep("SWEpisodes", line, "SW_DEC", _fmt(end), _fmt(held["end"]), "the record holds another date")
            if held is not None and self.record.workers.get(held["worker_id"], worker) != worker:
                self.keep(
                    "SWEpisodes",
                    line,
                    "SW_ID",
                    worker,
                    self.record.workers.get(held["worker_id"], ""),
                    "the record holds another worker",
                )

    def _care_ended(self, episodes, day):
        """The day care ended in the year, as the return reads it: the child's last episode in the
        year ended by the year's end (the export reports an allocation that ran to that day open)."""
        in_year = [e for e in episodes if e[0] <= self.last and (e[1] is None or e[1] >= self.first)]
        if not in_year:
            return None
        _, end, _ = max(in_year, key=lambda e: e[0])
        if end is not None and end <= self.last and day <= end:
            return end
        return None

    def _dolo(self, merged):
        for ref, line, start, end in self.parsed.dolo:
            born = self.parsed.children[ref][2]
            found = rules.order_problems(
                {"order_type": DEPRIVATION_OF_LIBERTY_ORDER, "made": start, "ended": end}, date_of_birth=born
            )
            for field_name, message in found.items():
                column = "DOLO_END" if field_name == "ended" else "DOLO_START"
                self.problem("DoLo", line, column, _fmt(end if field_name == "ended" else start), message, ref)
            if found:
                continue
            held = self.record.dolo.get((ref, start))
            if held is None:
                self.plan.dolo.append((ref, start, end))
            elif end and held["ended"] is None:
                self.plan.dolo_updates.append((ref, held["id"], end))
            elif end and held["ended"] != end:
                self.keep("DoLo", line, "DOLO_END", _fmt(end), _fmt(held["ended"]), "the record holds another date")

    def _per_year(self):
        p = self.parsed
        rows = {
            m.HealthOutcome: ("OC2", {ref: (line, values) for ref, (line, values) in p.oc2.items()}),
            m.CareLeaverContact: (
                "OC3",
                {
                    ref: (line, {"in_touch": a, "activity": b, "accommodation": c})
                    for ref, (line, a, b, c) in p.oc3.items()
                },
            ),
            m.PreviousPermanence: (
                "PrevPerm",
                {
                    ref: (line, {"code": a, "local_authority": b, "date": c})
                    for ref, (line, a, b, c) in p.prevperm.items()
                },
            ),
        }
        for model, (table, by_child) in rows.items():
            held_rows = self.record.per_year[model]
            for ref, (line, values) in by_child.items():
                held = held_rows.get(ref)
                if held is None:
                    self.plan.per_year[model].append((ref, values))
                    continue
                for name, value in values.items():
                    if value and value != held[name]:
                        self.keep(table, line, COLUMN_OF[name], value, held[name], "the record holds another value")
