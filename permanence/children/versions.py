"""No lost updates, per record: every editable record carries a version.

An edit says which version of the record it was made on (a hidden field in a web form, the
`If-Match` ETag in the API). `versioned_update` writes it with ONE conditional statement,

    UPDATE ... SET ..., version = version + 1 WHERE id = %s AND version = %s

which is atomic on SQLite and on PostgreSQL: of any number of people saving on the same version
at once, exactly one matches the row; everyone else's statement matches nothing and they get
`StaleRecord`, which says who changed the record, when and what, so a page can show it while
keeping what they typed (HTTP 409), and the API can answer 412. Nothing is overwritten unseen.
An edit that does not say which version it was opened on is refused the same way (VersionMissing):
it could be overwriting a newer change, and nobody could tell.

Every versioned change is kept as a `RecordChange` (who, when, each field's before and after,
and the reason for a correction): a correction keeps what the record said before, shown on the
record beside the fact. The audit log hears of each change through `record_updated`.

Use from a service (one transaction, rules checked first on the merged values):

    refuse_if(rules.review_problems({**current, **changes}, ...))
    versioned_update(record=review, version=version, changes=changes, by=by, reason=reason)

Use from a model: mix in `Versioned` (an ordinary `save()` also bumps the version, so an edit
through any other path still makes an open form stale).
"""

import json
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime

import django.dispatch
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone

SKIP = {"updated_at", "created_at", "version"}

# Sent inside the transaction after a versioned change: (sender=model, record, before, after, by).
record_updated = django.dispatch.Signal()


class Versioned(models.Model):
    """Mix in to an editable record: `version` goes up by one with every change."""

    version = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text="Goes up by one with every change; an edit made on an older one is refused.",
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding and self.pk is not None:
            self.version = (self.version or 0) + 1
        return super().save(*args, **kwargs)


class RecordChange(models.Model):
    """One versioned change to a record: who, when, each field's value before and after, and why
    (the reason is what makes it a correction). Kept, never overwritten."""

    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    by_name = models.CharField(max_length=150, blank=True, help_text="Kept as written, so it outlives the account")
    model = models.CharField(max_length=100, help_text="app_label.Model of the record changed")
    object_id = models.CharField(max_length=64)
    child_id = models.BigIntegerField(null=True, db_index=True)
    version = models.PositiveIntegerField(help_text="The record's version this change produced")
    reason = models.TextField(blank=True, help_text="Why a recorded value was corrected")
    changes = models.JSONField(help_text="{field: [before, after]}")

    class Meta:
        app_label = "children"
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["model", "object_id", "version"])]
        constraints = [
            models.UniqueConstraint(fields=["model", "object_id", "version"], name="one_change_per_record_version")
        ]

    def __str__(self):
        return f"{self.model} {self.object_id} version {self.version} ({self.at:%d/%m/%Y})"

    @property
    def is_correction(self):
        return bool(self.reason)


@dataclass(frozen=True)
class FieldChange:
    name: str  # the field's label, as a person reads it
    before: object
    after: object


@dataclass(frozen=True)
class OtherChange:
    """One change someone else made: who, when, what, and why."""

    who: str
    at: datetime
    changes: list = field(default_factory=list)  # FieldChange
    reason: str = ""


class StaleRecord(Exception):
    """The record changed since the person read it: nothing was written."""

    missing = False  # True for VersionMissing: the edit did not say which version it was opened on

    def __init__(self, *, record, expected, current, changes):
        self.record, self.expected, self.current, self.changes = record, expected, current, changes
        who = ", ".join(sorted({change.who for change in changes})) or "Someone else"
        super().__init__(
            f"{who} changed this record since you opened it. Nothing was saved, so their change is not lost: "
            "check it, then make yours again."
        )

    @property
    def message(self):
        return str(self)

    def as_dict(self):
        """For the API's 412 body: the other changes in plain values."""
        return {
            "your_version": self.expected,
            "current_version": self.current,
            "changes": [
                {
                    "who": change.who,
                    "at": change.at.isoformat() if change.at else None,
                    "reason": change.reason,
                    "fields": [
                        {"field": c.name, "before": _plain(c.before), "after": _plain(c.after)} for c in change.changes
                    ],
                }
                for change in self.changes
            ],
        }


class VersionMissing(StaleRecord):
    """An edit sent without the version of the record it was opened on (the form's hidden `version`
    field missing or blank): it cannot be told apart from one that would overwrite a newer change
    unseen, so it is refused like a stale one and nothing is written. `current` is the record's
    version now, so a page can show the form again carrying it: saving again after that goes ahead."""

    missing = True

    def __init__(self, *, record, current, field="version"):
        self.record, self.expected, self.current, self.changes, self.field = record, None, current, [], field
        Exception.__init__(
            self,
            f"This form did not say which version of the record it was opened on (its “{field}” field was "
            "missing or blank), so saving it could overwrite someone else's change unseen. Nothing was saved: "
            "check the record as it is now, then make your change again.",
        )


def unversioned(version):
    """Whether an edit came without the version it was opened on (None, or a blank form field)."""
    return version is None or not str(version).strip().strip('"').removeprefix("W/").strip('"')


def refuse_unversioned(*, record, version, field="version"):
    """Raise VersionMissing, writing nothing, when an edit of `record` did not say which version it
    was opened on. Every edit from outside (a page, the API) says; code that edits a record it has
    just read passes that record's `version`."""
    if unversioned(version):
        current = type(record)._default_manager.filter(pk=record.pk).values_list("version", flat=True).first()
        raise VersionMissing(record=record, current=current, field=field)


def _plain(value):
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def label(model, name):
    """A field's label for people: its verbose name."""
    try:
        found = model._meta.get_field(name.removesuffix("_id"))
    except Exception:
        return name.replace("_", " ")
    text = str(getattr(found, "verbose_name", name))
    return text[:1].upper() + text[1:]


def child_id_of(record):
    """The child a record is about: itself, its `child`, or its parent record's (a hearing's proceedings)."""
    if record._meta.label_lower == "children.child":
        return record.pk
    value = getattr(record, "child_id", None)
    if isinstance(value, int):
        return value
    for name in ("proceedings", "order", "item"):
        parent = getattr(record, name, None)
        if parent is not None and isinstance(getattr(parent, "child_id", None), int):
            return parent.child_id
    return None


def changes_since(record, version):
    """The changes made to `record` after `version`, oldest first."""
    rows = RecordChange.objects.filter(
        model=record._meta.label, object_id=str(record.pk), version__gt=int(version)
    ).order_by("version")
    model = type(record)
    return [
        OtherChange(
            row.by_name or "Someone else",
            row.at,
            [FieldChange(label(model, name), before, after) for name, (before, after) in row.changes.items()],
            row.reason,
        )
        for row in rows
    ]


def history(record):
    """Every versioned change of `record`, oldest first (RecordChange rows)."""
    return list(RecordChange.objects.filter(model=record._meta.label, object_id=str(record.pk)).order_by("version"))


def _columns(model, changes):
    """{attname: value} for the changes, accepting field names or attnames (`iro` or `iro_id`)."""
    columns = {}
    for name, value in changes.items():
        found = model._meta.get_field(name.removesuffix("_id") if name.endswith("_id") else name)
        if found.is_relation and isinstance(value, models.Model):
            value = value.pk
        columns[found.attname] = value
    return columns


def _json(values):
    return json.loads(json.dumps(values, cls=DjangoJSONEncoder))


def _stale(record, version):
    current = type(record)._default_manager.filter(pk=record.pk).values_list("version", flat=True).first()
    return StaleRecord(record=record, expected=version, current=current, changes=changes_since(record, version))


def _version(version):
    try:
        return int(str(version).strip().strip('"').removeprefix("W/").strip('"'))
    except (TypeError, ValueError):
        return -1  # matches no record: refused as stale, never written


def versioned_update(*, record, version, changes, by=None, reason=""):
    """Write `changes` ({field: value}) to `record` if it is still at `version`; the version goes
    up by one and the change is kept (with `reason`, as a correction).

    Raises StaleRecord, writing nothing, when someone changed the record since `version`, and
    VersionMissing when no version was given. Returns the record as saved (refreshed)."""
    model = type(record)
    refuse_unversioned(record=record, version=version)
    version = _version(version)
    columns = _columns(model, changes)
    with transaction.atomic():
        current = model._default_manager.filter(pk=record.pk).values(*columns, "version").first()
        if current is None:
            raise model.DoesNotExist(f"{model._meta.verbose_name} {record.pk} no longer exists")
        if current["version"] != version:
            raise _stale(record, version)
        writes = dict(columns)
        if any(f.name == "updated_at" for f in model._meta.concrete_fields):
            writes["updated_at"] = timezone.now()
        matched = model._default_manager.filter(pk=record.pk, version=version).update(
            version=F("version") + 1, **writes
        )
        if matched != 1:  # someone else's statement got in between our read and our write
            raise _stale(record, version)
        before = {name: current[name] for name in columns if current[name] != columns[name]}
        after = {name: columns[name] for name in before}
        RecordChange.objects.create(
            model=model._meta.label,
            object_id=str(record.pk),
            child_id=child_id_of(record),
            version=version + 1,
            by=by,
            by_name=(by.get_full_name() or by.get_username()) if by is not None else "",
            reason=reason or "",
            changes=_json({name: [before[name], after[name]] for name in before}),
        )
        record.refresh_from_db()
        record_updated.send(
            sender=model,
            record=record,
            before=_json({**before, "version": version}),
            after=_json({**after, "version": version + 1}),
            by=by,
        )
    return record


def check_version(*, record, version):
    """Raise StaleRecord if `record` is no longer at `version` (for an edit that writes the record
    through `versioned_update` later in the same transaction, after other checks); VersionMissing
    if no version was given."""
    refuse_unversioned(record=record, version=version)
    version = _version(version)
    current = type(record)._default_manager.filter(pk=record.pk).values_list("version", flat=True).first()
    if current != version:
        raise _stale(record, version)


# --- an edit made through a service that saves the record itself (a page's form) ---------------------


def _values(model, pk, names):
    return model._default_manager.filter(pk=pk).values(*names).first() or {}


@contextmanager
def editing(*, record, version, by=None, reason=""):
    """Make an edit to `record` that was opened at `version`, through a service that saves the
    record (or the records that hang from it) in its own way:

        with editing(record=item, version=posted, by=request.user):
            services.clinic_item_record(item=item, ...)

    The version is claimed first, with ONE conditional statement (`UPDATE ... SET version =
    version + 1 WHERE id = %s AND version = %s`), so of any number of people saving on the same
    version at once exactly one goes on; everyone else gets StaleRecord (who changed what, and
    when) and nothing of theirs is written. The change is kept as a RecordChange, as
    `versioned_update` keeps one. An edit without a version (None, or the form's field missing or
    blank) is refused with VersionMissing and nothing is written: it could overwrite a newer change
    unseen. Code editing a record it has just read passes `version=record.version`."""
    model = type(record)
    names = [f.attname for f in model._meta.concrete_fields if f.name not in SKIP and not f.primary_key]
    with transaction.atomic():
        refuse_unversioned(record=record, version=version)
        opened = _version(version)
        if model._default_manager.filter(pk=record.pk, version=opened).update(version=F("version") + 1) != 1:
            raise _stale(record, opened)
        before = _values(model, record.pk, names)
        current = _values(model, record.pk, ["version"]).get("version")
        record.version = current
        yield record
        after = _values(model, record.pk, [*names, "version"])
        saved = after.pop("version", current)
        changed = {name: [before.get(name), after.get(name)] for name in names if before.get(name) != after.get(name)}
        RecordChange.objects.create(
            model=model._meta.label,
            object_id=str(record.pk),
            child_id=child_id_of(record),
            version=saved,
            by=by,
            by_name=(by.get_full_name() or by.get_username()) if by is not None else "",
            reason=reason or "",
            changes=_json(changed),
        )


def form_version(request, record, stale=None):
    """The version an edit page's form carries: the record's as the page is opened; what was posted
    when the page is shown again with a mistake to put right; the record's current version after a
    stale save was refused, or one sent without its version (the person has now seen the page as it
    is, so saving again goes ahead)."""
    if stale is not None:
        return stale.current
    if request.method == "POST" and request.POST.get("version"):
        return request.POST.get("version")
    return record.version


def stale_since(*, record, version):
    """The StaleRecord an edit opened at `version` would meet (who changed what since), or None while
    the record is still at that version (or when no version was sent: there is nothing to compare)."""
    if unversioned(version):
        return None
    try:
        check_version(record=record, version=version)
    except StaleRecord as refused:
        return refused
    return None
