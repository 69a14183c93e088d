"""The demo council loaded as a council beside its case system would be: the case facts arrive
through the SSD feed (`permanence demo --through-feed`), the product's own records are added here.

1. Staff, teams and the carer register are the product's: stored as the ordinary loader does.
2. The generated council's case facts are written as SSD extracts (permanence/feed/export.py) and
   read with `permanence sync-ssd`, through the same mapping and rules as a council's extract.
3. The product's own records (the family network, plans, decisions, meetings, care proceedings in
   court, the carer each placement is with) are attached to the children the feed made, found by
   the case system's person id; then the other apps add theirs, as for the ordinary demo.
4. The later apps' demo also writes case facts the SSD carries (health assessments, dental checks,
   care plans, missing episodes): they are exported (`permanence export-ssd`, those tables and
   ssd_person) and synced once more, so the feed adopts them and every case fact is the case
   system's, as a council's next night's extract would find them. (A table absent from an
   extract leaves its facts alone.)

The same seed gives the same council either way: the round trip is tested on it.
"""

import tempfile
import time
from datetime import date
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from permanence.accounts.models import Team, User
from permanence.children.models import Carer, Child, Episode, Extension, Hearing, Person, Proceedings
from permanence.feed.export import ExtractWriter, sibling_families
from permanence.feed.extract import export_record
from permanence.feed.sync import ssd_sync

from .generator import generate
from .loader import BATCH_SIZE, CHUNK_CHILDREN, EXTENSIONS, _insert, _load_staff, _max_id, _reset_sequences

PRODUCT_KINDS = ("relationships", "plans", "decisions", "meetings")
# The SSD tables whose facts the later apps' demo writes (step 4).
LATER_TABLES = ("ssd_person", "ssd_cla_health", "ssd_cla_care_plan", "ssd_missing")


def load_demo_through_feed(*, children, seed, today=None, progress=None, folder=None):
    """Generate the demo council and load it through the feed; returns counts (and `seconds`)."""
    today = today or date.today()
    say = progress or (lambda message: None)
    started = time.perf_counter()
    council = generate(children, seed, today)
    counts = {}
    offsets = {kind: _max_id(model) for kind, model in (("people", Person), ("carers", Carer), ("teams", Team))}
    offsets["staff"] = _max_id(User)
    offsets["children"] = 0  # children come from the feed: ids are mapped, not shifted
    with transaction.atomic():
        say(f"Staff: {len(council.staff):,} people in {len(council.teams):,} teams; the carer register")
        offsets["staff_map"] = _load_staff(council, offsets, counts)
        _insert("carers", council.carers, offsets, counts)
    staff = {row["id"]: row for row in council.staff}
    teams = {row["id"]: row["name"] for row in council.teams}
    with tempfile.TemporaryDirectory(prefix="demo-ssd-") as extract:
        folder = folder or extract
        say("Writing the case facts as SSD extracts")
        with ExtractWriter(folder, staff=staff, teams=teams) as writer:
            for chunk in council.chunks(CHUNK_CHILDREN):
                writer.add(chunk, _families(chunk))
        say("Reading them through the feed (permanence sync-ssd)")
        run = ssd_sync(source=folder, as_at=timezone.now(), progress=say)
    if run.status != run.SUCCEEDED or run.problem_count:
        raise RuntimeError(f"the demo's extract did not sync cleanly: {run.message or run.problem_count} problems")
    counts["children through the feed"] = run.people.get("new", 0)
    say("Adding the product's own records")
    with transaction.atomic():
        refs = dict(Child.objects.values_list("council_reference", "pk"))
        for chunk in council.chunks(CHUNK_CHILDREN):
            _product_records(chunk, refs, offsets, counts)
        _reset_sequences()
        for name, extend in EXTENSIONS:
            say(f"Adding {name}")
            counts.update(import_string(extend)(seed=seed, today=today, say=say) or {})
    with tempfile.TemporaryDirectory(prefix="demo-ssd-") as extract:
        say("Health, care plans and missing episodes exported (permanence export-ssd) and read through the feed")
        export_record(extract)
        for written in Path(extract).glob("*.csv"):
            if written.stem not in LATER_TABLES:
                written.unlink()
        run = ssd_sync(source=extract, as_at=timezone.now(), progress=say)
    if run.status != run.SUCCEEDED or run.problem_count:
        raise RuntimeError(
            f"the demo's second extract did not sync cleanly: {run.message or run.problem_count} problems"
        )
    counts["seconds"] = round(time.perf_counter() - started, 1)
    return counts


def _families(chunk):
    """Brothers and sisters in the generated chunk: recorded as siblings, or sharing a parent."""
    as_child = {p["id"]: p.get("as_child_id") for p in chunk.people if p.get("as_child_id")}
    return sibling_families(((r["child_id"], r["person_id"], r["relationship"]) for r in chunk.relationships), as_child)


def _product_records(chunk, refs, offsets, counts):
    child_ids = {c["id"]: refs[c["council_reference"]] for c in chunk.children}

    def mapped(rows):
        out = []
        for row in rows:
            row = dict(row)
            row["child_id"] = child_ids[row["child_id"]]
            out.append(row)
        return out

    people = [dict(p, as_child_id=child_ids.get(p["as_child_id"])) if p.get("as_child_id") else p for p in chunk.people]
    _insert("people", people, offsets, counts)
    _insert("carers", chunk.carers, offsets, counts)
    for kind in PRODUCT_KINDS:
        _insert(kind, mapped(getattr(chunk, kind)), offsets, counts)
    _placement_carers(mapped(chunk.episodes), offsets)
    _court_stages(chunk, child_ids, counts)


def _placement_carers(episodes, offsets):
    """Which carer in the register each placement is with: the product's (the SSD has no carer)."""
    wanted = {(e["child_id"], e["start"]): e["carer_id"] + offsets["carers"] for e in episodes if e.get("carer_id")}
    if not wanted:
        return
    found = Episode.objects.filter(child_id__in={c for c, _ in wanted}).values_list("pk", "child_id", "start")
    linked = [Episode(pk=pk, carer_id=wanted[(c, s)]) for pk, c, s in found if (c, s) in wanted]
    Episode.objects.bulk_update(linked, ["carer_id"], batch_size=BATCH_SIZE)


def _court_stages(chunk, child_ids, counts):
    """Care proceedings in court are the product's: added to the pre-proceedings the feed brought
    (the same child and start), or recorded new when there were none."""
    held = {}
    for pk, child_id, start in Proceedings.objects.filter(child_id__in=list(child_ids.values())).values_list(
        "pk", "child_id", "pre_proceedings_start"
    ):
        held.setdefault((child_id, start), pk)
    court = ("issued", "court", "case_number", "final_evidence_due", "concluded", "final_order")
    made, updated, ids = [], [], {}
    for row in chunk.proceedings:
        child_id = child_ids[row["child_id"]]
        pk = held.pop((child_id, row.get("pre_proceedings_start")), None) if row.get("pre_proceedings_start") else None
        values = {f: row.get(f) for f in court}
        values["case_number"] = values["case_number"] or ""
        values["court"] = values["court"] or ""
        values["final_order"] = values["final_order"] or ""
        if pk is None:
            made.append((row["id"], Proceedings(child_id=child_id, **values)))
        else:
            updated.append(Proceedings(pk=pk, **values))
            ids[row["id"]] = pk
    Proceedings.objects.bulk_create([p for _, p in made], batch_size=BATCH_SIZE)
    Proceedings.objects.bulk_update(updated, list(court), batch_size=BATCH_SIZE)
    ids.update({generated: p.pk for generated, p in made})
    Hearing.objects.bulk_create(
        [Hearing(proceedings_id=ids[h["proceedings_id"]], kind=h["kind"], date=h["date"]) for h in chunk.hearings],
        batch_size=BATCH_SIZE,
    )
    Extension.objects.bulk_create(
        [
            Extension(
                proceedings_id=ids[x["proceedings_id"]],
                **{k: v for k, v in x.items() if k not in ("proceedings_id", "id")},
            )
            for x in chunk.extensions
        ],
        batch_size=BATCH_SIZE,
    )
    counts["children.Proceedings (court stages)"] = counts.get("children.Proceedings (court stages)", 0) + len(
        chunk.proceedings
    )
