"""Write the generated demo council to the database, fast: bulk inserts in batches, one transaction.

Children, people, carers, proceedings, teams and users get their primary keys here (shifted past
rows already in the table), so every foreign key is set by id with no per-row queries.
"""

import time
from datetime import date

from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max
from django.utils.module_loading import import_string

from permanence.accounts.models import Team, User
from permanence.children.models import (
    Allocation,
    Carer,
    Child,
    Episode,
    Extension,
    Hearing,
    LegalOrder,
    Person,
    Proceedings,
    Relationship,
    Review,
    Visit,
)
from permanence.planning.models import Decision, Meeting, PermanencePlan

from .generator import DEMO_PASSWORD, generate

BATCH_SIZE = 2000
CHUNK_CHILDREN = 5000

# Kind of record -> (model, {foreign key field: kind of record its id points at}).
MODELS = {
    "children": (Child, {"id": "children"}),
    "people": (Person, {"id": "people", "as_child_id": "children"}),
    "carers": (Carer, {"id": "carers", "person_id": "people"}),
    "relationships": (Relationship, {"child_id": "children", "person_id": "people"}),
    "episodes": (Episode, {"child_id": "children", "carer_id": "carers"}),
    "orders": (LegalOrder, {"child_id": "children"}),
    "proceedings": (Proceedings, {"id": "proceedings", "child_id": "children"}),
    "hearings": (Hearing, {"proceedings_id": "proceedings"}),
    "extensions": (Extension, {"proceedings_id": "proceedings"}),
    "reviews": (Review, {"child_id": "children", "iro_id": "staff"}),
    "visits": (Visit, {"child_id": "children", "by_id": "staff"}),
    "allocations": (Allocation, {"child_id": "children", "worker_id": "staff", "team_id": "teams"}),
    "plans": (PermanencePlan, {"child_id": "children", "recorded_by_id": "staff"}),
    "decisions": (Decision, {"child_id": "children"}),
    "meetings": (Meeting, {"child_id": "children"}),
}
OWN_IDS = (Child, Person, Carer, Proceedings, Team, User)


# Apps beyond the core case record add their demo data after it is loaded: each entry names a
# function (seed, today, say) -> {model label: rows written} that reads the loaded council from
# the database in bulk and writes its own records with bulk_create. Deterministic for a seed.
EXTENSIONS = [
    ("the record's dated facts: health, education, plans, placements", "permanence.demo.record_facts.extend"),
    ("contact, support plans and stability warnings", "permanence.support.demo.extend"),
    ("the SSDA903 return's facts", "permanence.returns.demo.extend"),
    ("family finding: carer register, children's profiles, links", "permanence.matching.demo.extend"),
    (
        "clinic referrals, a clinic, last month's tracking meeting, panels and actions",
        "permanence.meetings.demo.extend",
    ),
    (
        "the IRO's decisions reports, panels after the four-month review, twin-track decisions at reviews",
        "permanence.meetings.demo.review_records",
    ),
    (
        "the steps plans asked for, carers told before a match, parents' contributions",
        "permanence.planning.demo.extend",
    ),
]


def load_demo(*, children, seed, today=None, progress=None, replace=False):
    """Generate the demo council and store it; returns counts per model (and `seconds`)."""
    today = today or date.today()
    say = progress or (lambda message: None)
    started = time.perf_counter()
    council = generate(children, seed, today)
    counts = {}
    with transaction.atomic():
        if replace:
            say("Removing the existing demo data")
            delete_demo_data()
        offsets = {
            kind: _max_id(model)
            for kind, model in (
                ("children", Child),
                ("people", Person),
                ("carers", Carer),
                ("proceedings", Proceedings),
                ("teams", Team),
            )
        }
        offsets["staff"] = _max_id(User)
        say(f"Staff: {len(council.staff):,} people in {len(council.teams):,} teams")
        staff_ids = _load_staff(council, offsets, counts)
        offsets["staff_map"] = staff_ids
        _insert("carers", council.carers, offsets, counts)
        written = 0
        for chunk in council.chunks(CHUNK_CHILDREN):
            for kind in (
                "children",
                "people",
                "carers",
                "relationships",
                "episodes",
                "orders",
                "proceedings",
                "hearings",
                "extensions",
                "reviews",
                "visits",
                "allocations",
                "plans",
                "decisions",
                "meetings",
            ):
                _insert(kind, getattr(chunk, kind), offsets, counts)
            written += len(chunk.children)
            say(f"Children: {written:,} of {children:,} ({time.perf_counter() - started:.0f} s)")
        _reset_sequences()
        for name, extend in EXTENSIONS:
            say(f"Adding {name}")
            counts.update(import_string(extend)(seed=seed, today=today, say=say) or {})
    counts["seconds"] = round(time.perf_counter() - started, 1)
    return counts


def delete_demo_data():
    """Every row of the product's own tables (children, planning and every later app), every team,
    and every user except superusers. Raw deletes, rows that point at others first: fast at scale."""
    tables = set(connection.introspection.table_names())
    for model in _product_models_in_delete_order():
        if model._meta.db_table in tables:  # an app still being built may have no migration yet
            model.objects.all()._raw_delete(model.objects.db)
    from django.contrib.admin.models import LogEntry

    staff = User.objects.filter(is_superuser=False)
    for rows in (
        LogEntry.objects.filter(user__in=staff),
        User.groups.through.objects.filter(user__in=staff),
        User.user_permissions.through.objects.filter(user__in=staff),
    ):
        rows._raw_delete(rows.db)
    Team.objects.update(manager=None)
    User.objects.update(team=None)
    staff._raw_delete(staff.db)
    Team.objects.all()._raw_delete(Team.objects.db)


def _product_models_in_delete_order():
    from django.apps import apps

    models = [
        m
        for m in apps.get_models(include_auto_created=True)
        if m.__module__.startswith("permanence.")
        and m not in (User, Team)
        and m._meta.managed
        and m._meta.app_label != "audit"  # the audit log is append-only (the database refuses deletes): kept
        and not m._meta.proxy
        and not (m._meta.auto_created and (User in _targets(m) or Team in _targets(m)))
    ]
    ordered, remaining = [], set(models)
    while remaining:
        # A model can go once nothing left still points at it.
        free = [m for m in remaining if not any(m in _targets(other) for other in remaining if other is not m)]
        if not free:  # a cycle of foreign keys: fall back to any order (constraints are checked at commit)
            free = list(remaining)
        for m in sorted(free, key=lambda m: m._meta.label):
            ordered.append(m)
            remaining.discard(m)
    return ordered


def _targets(model):
    return {f.related_model for f in model._meta.concrete_fields if f.is_relation and f.related_model}


def _max_id(model):
    return model.objects.aggregate(top=Max("pk"))["top"] or 0


def _shift(row, fields, offsets):
    values = {key: value for key, value in row.items() if not key.startswith("_")}
    for field, kind in fields.items():
        value = values.get(field)
        if value is None:
            continue
        if kind == "staff":
            values[field] = offsets["staff_map"][value]
        else:
            values[field] = value + offsets[kind]
    return values


def _insert(kind, rows, offsets, counts):
    if not rows:
        return
    model, fields = MODELS[kind]
    objects = []
    for row in rows:
        values = _shift(row, fields, offsets)
        if kind == "children" and offsets["children"]:
            values["council_reference"] = f"DM{values['id']:06d}"
        if kind == "carers" and offsets["carers"]:
            values["reference"] = f"{values['kind'][:2].upper()}{values['id']:06d}"
        objects.append(model(**values))
    model.objects.bulk_create(objects, batch_size=BATCH_SIZE)
    counts[model._meta.label] = counts.get(model._meta.label, 0) + len(objects)


def _load_staff(council, offsets, counts):
    """Teams and users; a demo login that already exists (a kept superuser) is reused, not duplicated."""
    teams = [Team(id=t["id"] + offsets["teams"], name=t["name"], service=t["service"]) for t in council.teams]
    taken_names = set(Team.objects.values_list("name", flat=True))
    for team in teams:
        if team.name in taken_names:
            team.name = f"{team.name} (demo {team.id})"
    Team.objects.bulk_create(teams, batch_size=BATCH_SIZE)
    counts["accounts.Team"] = len(teams)
    existing = dict(User.objects.values_list("username", "pk"))
    login_hash = make_password(DEMO_PASSWORD)  # hashing is slow: once, reused for every demo login
    no_login = make_password(None)
    staff_ids, users = {}, []
    for row in council.staff:
        if row["username"] in existing:
            staff_ids[row["id"]] = existing[row["username"]]
            continue
        pk = row["id"] + offsets["staff"]
        staff_ids[row["id"]] = pk
        users.append(
            User(
                id=pk,
                username=row["username"],
                first_name=row["first_name"],
                last_name=row["last_name"],
                email=row["email"],
                role=row["role"],
                team_id=row["team_id"] and row["team_id"] + offsets["teams"],
                job_title=row["job_title"],
                is_staff=row["is_staff"],
                is_superuser=row["is_superuser"],
                password=login_hash if row["_login"] else no_login,
            )
        )
    User.objects.bulk_create(users, batch_size=BATCH_SIZE)
    counts["accounts.User"] = len(users)
    for team, row in zip(teams, council.teams, strict=True):
        if row["manager_id"]:
            team.manager_id = staff_ids[row["manager_id"]]
    Team.objects.bulk_update(teams, ["manager"], batch_size=BATCH_SIZE)
    return staff_ids


def _reset_sequences():
    """After inserting our own primary keys, PostgreSQL's sequences must move past them."""
    statements = connection.ops.sequence_reset_sql(no_style(), OWN_IDS)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
