"""Write the plan in one transaction, in bulk (a national-scale return in seconds, not hours)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.db.models import F
from django.utils import timezone

from permanence.audit import chain
from permanence.children.changes import children_changed
from permanence.children.models import Allocation, Child, Episode, LegalOrder, Review
from permanence.children.orders import DEPRIVATION_OF_LIBERTY_ORDER

from .. import models as m
from .plan import EPISODE_FIELDS, _chunks

BATCH = 2000


def insert(model, columns, rows, **fixed):
    """INSERT rows (tuples in the order of `columns`) straight into the model's table, many at a time:
    the ORM's bulk_create builds an object per row, too slow for a national-scale return. Every other
    column takes `fixed[name]`, else the field's default (auto_now fields: now)."""
    now = timezone.now()
    fields = [model._meta.get_field(name) for name in columns]
    others, values = [], []
    for f in model._meta.concrete_fields:
        if f.primary_key or f.name in columns:
            continue
        if f.name in fixed:
            value = fixed[f.name]
        elif getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            value = now
        else:
            value = f.get_default()
        others.append(f.column)
        values.append(f.get_db_prep_save(value, connection))
    adapt = []
    for f in fields:
        if isinstance(f, models.DateField) and not isinstance(f, models.DateTimeField):
            adapt.append(connection.ops.adapt_datefield_value)
        elif isinstance(f, models.BooleanField) or f.is_relation or isinstance(f, models.CharField):
            adapt.append(None)
        else:
            adapt.append(lambda v, f=f: f.get_db_prep_save(v, connection))
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in [f.column for f in fields] + others)
    marks = ", ".join(["%s"] * (len(fields) + len(others)))
    sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"
    fixed_tail = tuple(values)
    count = 0
    with connection.cursor() as cursor:
        batch = []
        for row in rows:
            batch.append(
                tuple(v if a is None or v is None else a(v) for v, a in zip(row, adapt, strict=True)) + fixed_tail
            )
            if len(batch) >= 5000:
                cursor.executemany(sql, batch)
                count += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count


def _ids(refs, known):
    ids = dict(known)
    missing = [r for r in refs if r not in ids]
    for chunk in _chunks(missing):
        ids.update(Child.objects.filter(council_reference__in=chunk).values_list("council_reference", "id"))
    return ids


def _update(model, changes):
    """changes: [(pk, {field: value})]; one bulk_update per set of fields. A record that carries a
    version (the record's stale-edit check) moves to its next version, so a form opened before the
    import is refused rather than overwriting what the import filled in."""
    names = {f.name for f in model._meta.concrete_fields}
    now = timezone.now()
    by_fields = {}
    for pk, values in changes:
        if "version" in names:
            values = {**values, "version": F("version") + 1}
        if "updated_at" in names:
            values = {**values, "updated_at": now}
        by_fields.setdefault(tuple(sorted(values)), []).append(model(pk=pk, **values))
    for fields, objects in by_fields.items():
        model.objects.bulk_update(objects, list(fields), batch_size=BATCH)
    return len(changes)


def _rows(model, fields, rows, **fixed):
    """insert() for rows given as (ref, {field: value}) dicts: the child's id first."""
    return insert(model, ["child", *fields], rows, **fixed)


def write(plan, record, *, year, by=None, progress=lambda message: None):
    """Apply `plan`; returns what was written, by kind, and the ids of the children it changed
    (whatever is derived from their facts is told, in the same transaction)."""
    counts = {}
    who = by.pk if by is not None else None
    with transaction.atomic():
        progress("Writing the children")
        child_fields = ["sex", "date_of_birth", "ethnicity", "upn", "uasc", "uasc_ceased"]
        insert(
            Child,
            ["first_name", "last_name", "council_reference", *child_fields],
            (("Not known", ref, ref, *(values[f] for f in child_fields)) for ref, values in plan.new_children.items()),
            created_by=who,
        )
        known = {ref: row["id"] for ref, row in record.children.items()}
        refs = set(plan.new_children) | set(known)
        refs |= set(plan.reviews.refs)
        for rows in (plan.episodes, plan.missing, plan.sw, plan.dolo, plan.placed, plan.adoption):
            refs |= {row[0] for row in rows}
        refs |= set(plan.motherhood) | {ref for rows in plan.per_year.values() for ref, _ in rows}
        ids = _ids(refs, known)
        counts["children added"] = len(plan.new_children)
        counts["children updated"] = _update(Child, [(ids[ref], values) for ref, values in plan.child_updates.items()])

        mothers = [(ids[ref], v["is_mother"], v["baby_born"]) for ref, (pk, v) in plan.motherhood.items() if pk is None]
        counts["motherhood recorded"] = insert(m.Motherhood, ["child", "is_mother", "baby_born"], mothers) + _update(
            m.Motherhood, [(pk, values) for pk, values in plan.motherhood.values() if pk is not None]
        )

        progress("Writing the episodes of care")
        counts["episodes added"] = _rows(
            Episode,
            EPISODE_FIELDS,
            ((ids[ref], *(values[n] for n in EPISODE_FIELDS)) for ref, values in plan.episodes),
            created_by=who,
        )
        counts["episodes ended or filled in"] = _update(
            Episode, [(pk, values) for _, pk, values in plan.episode_updates]
        )

        progress("Writing the reviews")
        # In the order of the table's index (child, date): far fewer pages touched than in file order.
        counts["reviews added"] = _rows(
            Review, ["date", "participation"], ((ids[ref], day, pn) for ref, day, pn in plan.reviews), created_by=who
        )
        counts["reviews filled in"] = _update(
            Review, [(pk, {"participation": pn}) for _, pk, pn in plan.review_updates]
        )

        progress("Writing the year's outcomes, adoptions, missing episodes and orders")
        labels = {
            m.HealthOutcome: "health outcomes (OC2) added",
            m.CareLeaverContact: "care leaver contacts (OC3) added",
            m.PreviousPermanence: "previous permanence added",
        }
        for model, rows in plan.per_year.items():
            fields = list(rows[0][1]) if rows else []
            counts[labels[model]] = _rows(
                model, fields, ((ids[ref], *(values[f] for f in fields)) for ref, values in rows), year=year
            )
        fields = list(plan.adoption[0][1]) if plan.adoption else []
        counts["adoptions (AD1) added"] = _rows(
            m.AdoptionDetail, fields, ((ids[ref], *(v[f] for f in fields)) for ref, v in plan.adoption)
        )
        counts["decisions to place for adoption added"] = _rows(
            m.PlacementForAdoptionDecision,
            ["decided", "ceased", "reason_ceased"],
            ((ids[ref], d, c, r) for ref, d, c, r in plan.placed),
        )
        counts["decisions to place for adoption ended"] = _update(
            m.PlacementForAdoptionDecision, [(pk, values) for _, pk, values in plan.placed_updates]
        )
        counts["missing episodes added"] = _rows(
            m.MissingEpisode, ["kind", "start", "end"], ((ids[ref], k, s, e) for ref, k, s, e in plan.missing)
        )
        counts["missing episodes ended"] = _update(
            m.MissingEpisode, [(pk, {"end": e}) for _, pk, e in plan.missing_updates]
        )
        counts["deprivation of liberty orders added"] = _rows(
            LegalOrder,
            ["order_type", "made", "ended"],
            ((ids[ref], DEPRIVATION_OF_LIBERTY_ORDER, s, e) for ref, s, e in plan.dolo),
            created_by=who,
        )
        counts["deprivation of liberty orders ended"] = _update(
            LegalOrder, [(pk, {"ended": e}) for _, pk, e in plan.dolo_updates]
        )

        progress("Writing the social worker episodes")
        counts.update(_social_workers(plan, ids, who))
        changed = children_changed(ids[ref] for ref in plan.changed())
        counts["children changed"] = len(changed)
        # Each child's change is in the audit trail, in the same transaction as the change itself.
        chain.append_many(_audit(plan, ids, year=year, by=by))
    return counts, changed


def _audit(plan, ids, *, year, by):
    source = f"SSDA903 return for the year ending 31 March {year}"
    for ref, kinds in sorted(plan.changes_by_child().items()):
        yield {
            "action": "create" if ref in plan.new_children else "update",
            "model": "returns.import903",
            "object_id": ref[:64],
            "child_id": ids[ref],
            "user_id": by.pk if by is not None else None,
            "username": by.get_username() if by is not None else "SSDA903 import",
            "path": f"import-903 {year}",
            "after": {"source": source, "changes": kinds},
        }


def _social_workers(plan, ids, by):
    """Each SW_ID is a registered worker (a user without a login is made for a number not yet
    known); each social worker episode an allocation, with its reason for the change."""
    User = get_user_model()
    numbers = dict(m.SocialWorkerRegistration.objects.values_list("number", "user_id"))
    unknown = sorted({worker for _, worker, *_ in plan.sw} - set(numbers))
    if unknown:
        no_login = make_password(None)
        taken = set(User.objects.filter(username__in=[n.lower() for n in unknown]).values_list("username", flat=True))
        User.objects.bulk_create(
            [
                User(
                    username=n.lower(), first_name="Social worker", last_name=n, role="social_worker", password=no_login
                )
                for n in unknown
                if n.lower() not in taken
            ],
            batch_size=BATCH,
        )
        by_name = dict(User.objects.filter(username__in=[n.lower() for n in unknown]).values_list("username", "id"))
        m.SocialWorkerRegistration.objects.bulk_create(
            [m.SocialWorkerRegistration(user_id=by_name[n.lower()], number=n) for n in unknown], batch_size=BATCH
        )
        numbers.update({n: by_name[n.lower()] for n in unknown})
    insert(
        Allocation,
        ["child", "role", "worker", "start", "end"],
        ((ids[ref], Allocation.SOCIAL_WORKER, numbers[worker], start, end) for ref, worker, start, end, _ in plan.sw),
        created_by=by,
    )
    with_reason = {(ids[ref], start): reason for ref, _, start, _, reason in plan.sw if reason}
    keyed = {}
    for chunk in _chunks({child for child, _ in with_reason}):
        for pk, child, start in Allocation.objects.filter(
            role=Allocation.SOCIAL_WORKER, child_id__in=chunk
        ).values_list("id", "child_id", "start"):
            if (child, start) in with_reason:
                keyed[(child, start)] = pk
    insert(m.AllocationReason, ["allocation", "reason"], ((keyed[key], reason) for key, reason in with_reason.items()))
    ended = _update(Allocation, [(pk, {"end": e}) for _, pk, e in plan.sw_updates])
    return {
        "social worker episodes added": len(plan.sw),
        "social worker episodes ended": ended,
        "social workers added": len(unknown),
    }
