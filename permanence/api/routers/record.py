"""Recording a child's facts through the API: the same forms, services and rules as the pages.

For each kind of fact (permanence/children/recording/kinds.py):

- `POST /children/{child_id}/record/{kind}` records one (operation `record_<kind>`);
- `GET /children/{child_id}/record/{kind}` lists them (`list_recorded_<kind>`), each with its `version`;
- `PATCH /children/{child_id}/record/{kind}/{item_id}` updates or corrects one (`correct_<kind>`):
  send only the fields to change, `If-Match` with the record's ETag (its version), and a `reason`
  when a recorded value changes. A record changed since you read it answers 412 with the other
  change (who, when, what) and is left as it was.

The JSON body fills the page's own form, so the API refuses what the page refuses, in the same
words ({field: [message]}).
"""

import copy
from datetime import date

from django import forms
from django.db import models
from django.http import HttpResponse
from ninja import Field, Router, Schema, Status
from pydantic import ConfigDict, create_model

from permanence.access import matrix
from permanence.children import services
from permanence.children.models import Carer, CarerApproval, Child, Extension, Hearing, OrderChange
from permanence.children.recording import kinds
from permanence.children.recording import others as kinds_others
from permanence.children.versions import StaleRecord
from permanence.govuk.forms import GovukDateField, name_the_field

from ..access import child_for, need
from ..errors import ApiError, Error
from ..types import Id
from .common import CREATED, READ, WRITE

router = Router(tags=["Recording facts"])
# The correction form's own limit on its reason (children/recording/forms.py, CorrectionMixin).
REASON_LIMIT = 1000


class Body(Schema):
    """A request body: a field that is not part of the record is named, never ignored."""

    model_config = ConfigDict(from_attributes=True, extra="forbid")


def _python_type(field):
    if isinstance(field, GovukDateField):
        return date
    if isinstance(field, forms.BooleanField):
        return bool
    if isinstance(field, (forms.ModelChoiceField, forms.IntegerField)):
        return int
    return str


def _describe(field):
    parts = [str(field.label or "")]
    if field.help_text:
        parts.append(str(field.help_text))
    if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
        codes = [str(value) for value, _ in field.choices if value not in ("", None)]
        if codes:
            parts.append("One of: " + ", ".join(codes) + ".")
    if isinstance(field, forms.ModelChoiceField):
        parts.append("The id of the record.")
    return " ".join(p for p in parts if p)


def _limits(field):
    """What the OpenAPI document says of a text field's length: the limit the form itself applies
    (the form checks it, in the page's words), or for a code, the longest code."""
    if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
        codes = [str(value) for value, _ in field.choices if value not in ("", None)]
        return {"json_schema_extra": {"maxLength": max((len(code) for code in codes), default=0)}}
    if isinstance(field, forms.CharField):
        field = copy.deepcopy(field)
        name_the_field(field)  # as the form does when it is made: the default limit for its kind of box
        return {"json_schema_extra": {"maxLength": field.max_length}}
    return {}


def schema_for(form_class, name, *, all_optional=False, extra=None):
    """A pydantic schema (for the OpenAPI document and parsing) mirroring a form's fields."""
    fields = {}
    for field_name, field in form_class.base_fields.items():
        kind = _python_type(field)
        required = field.required and not all_optional and not isinstance(field.widget, forms.HiddenInput)
        limits = _limits(field)
        if isinstance(field, forms.BooleanField):
            fields[field_name] = (kind | None, Field(None, description=_describe(field)))
        elif required:
            fields[field_name] = (kind, Field(..., description=_describe(field), **limits))
        else:
            fields[field_name] = (kind | None, Field(None, description=_describe(field), **limits))
    fields.update(extra or {})
    return create_model(name, __base__=Body, **fields)


def _model_out(model, name):
    fields = {"id": (int, ...), "version": (int, ...)}
    for field in model._meta.concrete_fields:
        if field.name in ("id", "version", "created_by", "created_at", "updated_at"):
            continue
        if field.is_relation:
            fields[field.attname] = (int | None, Field(None, description=f"The id of the {field.verbose_name}."))
        elif isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
            fields[field.name] = (date | None, None)
        elif isinstance(field, models.BooleanField):
            fields[field.name] = (bool, False)
        elif isinstance(field, (models.IntegerField,)):
            fields[field.name] = (int | None, None)
        else:
            fields[field.name] = (str, "")
    return create_model(name, __base__=Schema, **fields)


def _form_data(values):
    """The JSON body as the form's POST data (dates ISO, True as "on", nothing as blank)."""
    data = {}
    for name, value in values.items():
        if value is None or value is False:
            continue
        if value is True:
            data[name] = "on"
        elif isinstance(value, date):
            data[name] = value.isoformat()
        else:
            data[name] = str(value)
    return data


def _invalid(form):
    raise ApiError(422, "Nothing was saved.", fields={name: list(messages) for name, messages in form.errors.items()})


def _stale(refused):
    if refused.missing:  # VersionMissing: the edit did not say which version it was made on (as If-Match absent)
        raise ApiError(
            428,
            f'{refused.message} Send the version you read (the record\'s ETag is now "{refused.current}").',
            code="version_required",
        )
    raise ApiError(
        412,
        f'{refused.message} Read the record again (its ETag is now "{refused.current}"), check the change '
        "below, then send yours with the new ETag.",
        code="changed_since_read",
        fields={
            "changes": [
                f"{c.who} at {c.at:%H:%M on %d/%m/%Y}: "
                + "; ".join(f"{f.name} {f.before!s} → {f.after!s}" for f in c.changes)
                + (f" (reason: {c.reason})" if c.reason else "")
                for c in refused.changes
            ]
        },
    )


def _need_kind(request, rules, key):
    capability = rules[key][0]
    need(request, capability)


def _items(child, kind):
    model = kind.model
    if model is Child:
        return Child.objects.filter(pk=child.pk)
    if model in (Hearing, Extension):
        return model.objects.filter(proceedings__child=child).order_by("pk")
    if model is OrderChange:
        return model.objects.filter(order__child=child).order_by("pk")
    return model.objects.filter(child=child).order_by("pk")


def _if_match(request):
    value = request.headers.get("If-Match", "").strip().removeprefix("W/").strip('"').strip()
    if not value:  # absent, or an empty ETag (`""`): an edit must say which version it was made on
        raise ApiError(
            428,
            "Send If-Match with the ETag you read (the record's version), so a change made since is never overwritten.",
            code="if_match_required",
        )
    return value


def _record_view(kind, In, Out):
    def view(request, child_id: Id, payload: In):  # type: ignore[valid-type]
        _need_kind(request, matrix.RECORDS, kind.key)
        child = child_for(request, child_id, edit=True)
        extra = {}
        if issubclass(kind.form, kinds.f.EpisodeSeenForm):
            extra["current"] = services.current_episode(child)
        form = kind.form(_form_data(payload.dict(exclude_unset=True)), child=child, user=request.user, **extra)
        if not form.is_valid():
            _invalid(form)
        try:
            record = kind.save(form.cleaned_data, child=child, by=request.user)
        except StaleRecord as refused:
            _stale(refused)
        return Status(CREATED, record)

    view.__name__ = f"record_{kind.key}"
    return view


def _list_view(kind, Out):
    def view(request, child_id: Id):
        child = child_for(request, child_id)
        return list(_items(child, kind))

    view.__name__ = f"list_recorded_{kind.key}"
    return view


def _correct_view(kind, Patch, Out):
    def view(request, child_id: Id, item_id: Id, payload: Patch, response: HttpResponse):  # type: ignore[valid-type]
        _need_kind(request, matrix.CORRECTIONS, kind.key)
        child = child_for(request, child_id, edit=True)
        record = _items(child, kind).filter(pk=item_id).first()
        if record is None:
            raise ApiError(404, f"No {kind.model._meta.verbose_name} with id {item_id} on this child's record.")
        version = _if_match(request)
        sent = payload.dict(exclude_unset=True)
        reason = sent.pop("reason", None) or ""
        form_class = kind.correct_form or kind.form
        # Fill the form with the record as it is, then what was sent: a PATCH changes only those fields.
        current = {}
        for name in form_class.base_fields:
            if hasattr(record, name):
                value = getattr(record, name)
                current[name] = value.pk if isinstance(value, models.Model) else value
        form = form_class(_form_data(current | sent), child=child, user=request.user, record=record)
        if not form.is_valid():
            _invalid(form)
        changes = {name: form.cleaned_data[name] for name in sent if name in form.cleaned_data}
        try:
            saved = services.record_correct(
                record=record, version=version, changes=changes, reason=reason, by=request.user
            )
        except StaleRecord as refused:
            _stale(refused)
        response["ETag"] = f'"{saved.version}"'
        return saved

    view.__name__ = f"correct_{kind.key}"
    return view


def _camel(key):
    return "".join(part.title() for part in key.split("_"))


def _register():
    for kind in kinds.KINDS:
        slug = kind.key.replace("_", "-")
        name = _camel(kind.key)
        Out = _model_out(kind.model, f"Recorded{name}")
        if kind.records:
            In = schema_for(kind.form, f"Record{name}")
            router.add_api_operation(
                f"/children/{{child_id}}/record/{slug}",
                ["POST"],
                _record_view(kind, In, Out),
                # A move, a change of legal status or the end of care names the episode and version read:
                # 412 when it changed since, 428 when no version was sent.
                response=WRITE(CREATED, Out)
                | {412: Error}
                | ({428: Error} if issubclass(kind.form, kinds.f.EpisodeSeenForm) else {}),
                summary=kind.title,
                description=kind.intro or None,
            )
        if kind.corrects:
            router.add_api_operation(
                f"/children/{{child_id}}/record/{slug}",
                ["GET"],
                _list_view(kind, Out),
                response=READ(list[Out]),
                summary=f"{kind.model._meta.verbose_name_plural.capitalize()} recorded for the child",
            )
            Patch = schema_for(
                kind.correct_form or kind.form,
                f"Correct{name}",
                all_optional=True,
                extra={
                    "reason": (
                        str | None,
                        Field(
                            None,
                            description="Why a recorded value is corrected (needed when one changes).",
                            json_schema_extra={"maxLength": REASON_LIMIT},
                        ),
                    )
                },
            )
            router.add_api_operation(
                f"/children/{{child_id}}/record/{slug}/{{item_id}}",
                ["PATCH"],
                _correct_view(kind, Patch, Out),
                response=WRITE(200, Out) | {412: Error, 428: Error},
                summary=f"Update or correct: {kind.model._meta.verbose_name}",
                description="Send only the fields to change, with `If-Match` (the record's `version`, as an ETag). "
                "Changing a value already recorded needs a `reason`; the earlier value is kept.",
            )


_register()


# --- carer households and their approvals (not about one child) --------------------------------

CarerIn = schema_for(kinds_others.CarerForm, "CarerHouseholdIn")
CarerPatch = schema_for(
    kinds_others.CarerForm,
    "CarerHouseholdPatch",
    all_optional=True,
    extra={
        "reason": (
            str | None,
            Field(
                None, description="Why a recorded value is corrected.", json_schema_extra={"maxLength": REASON_LIMIT}
            ),
        )
    },
)
CarerOut = _model_out(Carer, "CarerHouseholdOut")
ApprovalIn = schema_for(kinds_others.CarerApprovalForm, "CarerApprovalIn")
ApprovalOut = _model_out(CarerApproval, "CarerApprovalOut")


@router.post("/carer-households", response=WRITE(CREATED, CarerOut), summary="Add a carer household or home")
def record_carer(request, payload: CarerIn):
    need(request, matrix.RECORD_CARERS)
    form = kinds_others.CarerForm(_form_data(payload.dict(exclude_unset=True)))
    if not form.is_valid():
        _invalid(form)
    return Status(CREATED, services.carer_create(by=request.user, **form.cleaned_data))


@router.patch(
    "/carer-households/{carer_id}",
    response=WRITE(200, CarerOut) | {412: Error, 428: Error},
    summary="Update or correct a carer household's details",
    description="With `If-Match` (the household's `version`); a `reason` when a recorded value changes.",
)
def correct_carer(request, carer_id: Id, payload: CarerPatch, response: HttpResponse):
    need(request, matrix.RECORD_CARERS)
    carer = Carer.objects.filter(pk=carer_id).first()
    if carer is None:
        raise ApiError(404, f"No carer household with id {carer_id}.")
    version = _if_match(request)
    sent = payload.dict(exclude_unset=True)
    reason = sent.pop("reason", None) or ""
    current = {name: getattr(carer, name) for name in kinds_others.CarerForm.base_fields}
    form = kinds_others.CarerForm(_form_data(current | sent))
    if not form.is_valid():
        _invalid(form)
    changes = {name: form.cleaned_data[name] for name in sent if name in form.cleaned_data}
    try:
        saved = services.record_correct(record=carer, version=version, changes=changes, reason=reason, by=request.user)
    except StaleRecord as refused:
        _stale(refused)
    response["ETag"] = f'"{saved.version}"'
    return saved


@router.post(
    "/carer-households/{carer_id}/approvals",
    response=WRITE(CREATED, ApprovalOut),
    summary="Record an approval of a carer household and its terms",
)
def record_carer_approval(request, carer_id: Id, payload: ApprovalIn):
    need(request, matrix.RECORD_CARERS)
    carer = Carer.objects.filter(pk=carer_id).first()
    if carer is None:
        raise ApiError(404, f"No carer household with id {carer_id}.")
    form = kinds_others.CarerApprovalForm(_form_data(payload.dict(exclude_unset=True)))
    if not form.is_valid():
        _invalid(form)
    return Status(CREATED, services.carer_approval_record(carer=carer, by=request.user, **form.cleaned_data))
