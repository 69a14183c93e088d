"""The forms that record and correct a child's facts. One definition serves the page and the JSON
API (the API fills the same form from its JSON body), so both parse alike and the services
decide what is allowed, with the same {field: message} refusals.

`model_form(model, fields, ...)` builds a GOV.UK form from a model's fields: dates become the
day, month and year input, code lists radios or selects, free text a box with a character limit.
"""

from django import forms
from django.db import models

from permanence.accounts import roles
from permanence.accounts.models import User
from permanence.codes.category_of_need import CATEGORY_OF_NEED
from permanence.codes.legal_status import LEGAL_STATUS
from permanence.codes.placement import PLACEMENT
from permanence.codes.placement_provider import PLACEMENT_PROVIDER
from permanence.codes.reason_ceased import REASON_CEASED
from permanence.codes.reason_place_change import REASON_PLACE_CHANGE
from permanence.govuk.forms import GovukDateField, GovukForm

from ..models import Carer, Child, LegalOrder, Person, Proceedings, Relationship
from ..relationships import PARENTS

RADIOS_UP_TO = 6  # more choices than this are a select


class StaffChoice(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return f"{user.get_full_name() or user.username} ({user.get_role_display()})"


class CarerChoice(forms.ModelChoiceField):
    def label_from_instance(self, carer):
        return f"{carer.name} ({carer.reference})"


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, person):
        return str(person)


class OrderChoice(forms.ModelChoiceField):
    def label_from_instance(self, order):
        return f"{order.get_order_type_display()}, made {order.made:%d/%m/%Y}"


class ProceedingsChoice(forms.ModelChoiceField):
    def label_from_instance(self, proceedings):
        started = proceedings.issued or proceedings.pre_proceedings_start or proceedings.letter_before_proceedings
        return (
            f"Proceedings {'issued' if proceedings.issued else 'from'} {started:%d/%m/%Y}" if started else "Proceedings"
        )


def code_choices(codes):
    """(code, "code: meaning") for a code list, as the SSDA903 guidance writes them."""
    return codes.choices()


def _label(model_field, labels):
    text = labels.get(model_field.name) or str(model_field.verbose_name)
    return text[:1].upper() + text[1:]


def form_field(model_field, *, labels=None, hints=None, required=None):
    """A GOV.UK form field for a model field."""
    labels, hints = labels or {}, hints or {}
    label = _label(model_field, labels)
    hint = hints.get(model_field.name, model_field.help_text or "")
    optional = model_field.null or model_field.blank
    required = (not optional) if required is None else required
    if isinstance(model_field, models.DateField):
        return GovukDateField(label=label, required=required, not_future=True, help_text=hint)
    if isinstance(model_field, models.BooleanField):
        return forms.BooleanField(label=label, required=False, help_text=hint)
    if model_field.choices:
        choices = list(model_field.choices)
        many = len(choices) > RADIOS_UP_TO
        if many or not required:
            choices = [("", "Select" if required else "Not recorded"), *choices]
        return forms.ChoiceField(
            label=label,
            choices=choices,
            required=required,
            help_text=hint,
            widget=forms.Select if many else forms.RadioSelect,
        )
    if isinstance(model_field, (models.PositiveSmallIntegerField, models.IntegerField)):
        return forms.IntegerField(label=label, required=required, min_value=0, help_text=hint)
    if isinstance(model_field, models.TextField):
        return forms.CharField(
            label=label, required=required, max_length=2000, widget=forms.Textarea(attrs={"rows": 4}), help_text=hint
        )
    if isinstance(model_field, models.ForeignKey):
        return None  # each form names its own choices (the child's orders, the council's carers ...)
    max_length = model_field.max_length
    widget = forms.Textarea(attrs={"rows": 3}) if max_length and max_length >= 300 else None
    return forms.CharField(label=label, required=required, max_length=max_length, help_text=hint, widget=widget)


class RecordForm(GovukForm):
    """A form about one child (or one carer): `child`, `user` and, when correcting, `record`."""

    def __init__(self, *args, child=None, user=None, record=None, **kwargs):
        self.child, self.user, self.record = child, user, record
        super().__init__(*args, **kwargs)
        self.narrow()

    def narrow(self):
        """Limit relation choices to what makes sense for this child (override)."""


def model_form(model, fields, *, labels=None, hints=None, required=(), base=RecordForm, extra=None):
    """A GOV.UK form class for `fields` of `model` (relations are added by `extra` or `narrow`)."""
    attrs = {}
    for name in fields:
        model_field = model._meta.get_field(name)
        field = form_field(model_field, labels=labels, hints=hints, required=True if name in required else None)
        if field is not None:
            attrs[name] = field
    attrs.update(extra or {})
    return type(f"{model.__name__}Form", (base,), attrs)


def staff(*role_names):
    return User.objects.filter(is_active=True, role__in=role_names).order_by("last_name", "first_name")


def carers():
    return Carer.objects.order_by("name")


def family_of(child, *, parents_only=False):
    people = Person.objects.filter(relationships__child=child)
    if parents_only:
        parental = Relationship.objects.filter(child=child).filter(
            models.Q(relationship__in=PARENTS) | models.Q(parental_responsibility=True)
        )
        people = people.filter(relationships__in=parental)
    return people.distinct().order_by("last_name", "first_name")


# --- care, moves, legal status, leaving care -----------------------------------------------


class EpisodeSeenForm(RecordForm):
    """Carries which episode the person saw, at which version (a stale page is refused)."""

    episode = forms.IntegerField(widget=forms.HiddenInput, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.current = current
        if current is not None and not self.is_bound:
            self.initial.setdefault("episode", current.pk)
            self.initial.setdefault("version", current.version)


class PlacementFields(forms.Form):
    """Where the child lives: the placement type, the provider, the carer or home, the parent."""

    placement = forms.ChoiceField(label="Placement type (PLACE)", choices=[("", "Select"), *code_choices(PLACEMENT)])
    provider = forms.ChoiceField(
        label="Placement provider", choices=[("", "Select"), *code_choices(PLACEMENT_PROVIDER)], required=False
    )
    carer = CarerChoice(
        label="Carer or home",
        queryset=Carer.objects.none(),
        required=False,
        help_text="Choose from the council's carers and homes; add a household first if it is new.",
    )
    placed_with = PersonChoice(
        label="Placed with which parent",
        queryset=Person.objects.none(),
        required=False,
        help_text="For a placement with parents (P1): the parent or person with parental responsibility.",
    )
    placement_postcode = forms.CharField(
        label="Placement postcode", max_length=10, required=False, help_text="Filled from the carer when empty."
    )

    def narrow_placement(self):
        self.fields["carer"].queryset = carers()
        self.fields["placed_with"].queryset = family_of(self.child, parents_only=True)


class CareStartForm(RecordForm, PlacementFields):
    start = GovukDateField(label="Date the child became looked after", not_future=True)
    legal_status = forms.ChoiceField(label="Legal status (LS)", choices=[("", "Select"), *code_choices(LEGAL_STATUS)])
    category_of_need = forms.ChoiceField(
        label="Category of need (CIN)", choices=[("", "Select"), *code_choices(CATEGORY_OF_NEED)]
    )
    home_postcode = forms.CharField(label="Home postcode", max_length=10, required=False)

    field_order = ["start", "legal_status", "category_of_need", "placement", "provider", "carer", "placed_with"]

    def narrow(self):
        self.narrow_placement()


class MoveForm(EpisodeSeenForm, PlacementFields):
    date = GovukDateField(label="Date of the move", not_future=True)
    reason_place_change = forms.ChoiceField(
        label="Reason for the change of placement", choices=[("", "Select"), *code_choices(REASON_PLACE_CHANGE)]
    )
    legal_status = forms.ChoiceField(
        label="Legal status from the move",
        choices=[("", "Unchanged"), *code_choices(LEGAL_STATUS)],
        required=False,
        help_text="Only if the legal status changed the same day.",
    )

    field_order = ["date", "placement", "provider", "carer", "placed_with", "placement_postcode"]

    def narrow(self):
        self.narrow_placement()


class LegalStatusForm(EpisodeSeenForm):
    date = GovukDateField(label="Date the legal status changed", not_future=True)
    legal_status = forms.ChoiceField(
        label="New legal status (LS)", choices=[("", "Select"), *code_choices(LEGAL_STATUS)]
    )


class CareEndForm(EpisodeSeenForm):
    date = GovukDateField(label="Date the child stopped being looked after", not_future=True)
    reason_ceased = forms.ChoiceField(
        label="Reason care ended (REC)",
        choices=[("", "Select"), *[(c, m) for c, m in code_choices(REASON_CEASED) if c != "X1"]],
    )


# --- corrections -------------------------------------------------------------------------------


class CorrectionMixin:
    """A correction carries the version the person saw and, when it changes a recorded value, why."""

    def add_correction_fields(self):
        self.fields["reason"] = forms.CharField(
            label="Reason for the correction",
            required=False,
            max_length=1000,
            widget=forms.Textarea(attrs={"rows": 3}),
            help_text="Needed when you change something already recorded: what it said before is kept.",
        )
        self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput)
        if self.record is not None and not self.is_bound:
            self.initial.setdefault("version", self.record.version)


def correction_form(form_class):
    """The correction form for a kind: its fields, filled from the record, plus reason and version."""

    class Correction(CorrectionMixin, form_class):
        def __init__(self, *args, record=None, **kwargs):
            initial = kwargs.pop("initial", None) or {}
            if record is not None:
                for name in form_class.base_fields:
                    if name not in initial and hasattr(record, name):
                        value = getattr(record, name)
                        initial[name] = value.pk if isinstance(value, models.Model) else value
            super().__init__(*args, record=record, initial=initial, **kwargs)
            self.add_correction_fields()

    Correction.__name__ = f"{form_class.__name__}Correction"
    return Correction


def order_choices(child):
    return LegalOrder.objects.filter(child=child).order_by("made", "pk")


def proceedings_choices(child):
    return Proceedings.objects.filter(child=child).order_by("pk")


def children_for_carer_approval():
    return Child.objects.none()


__all__ = [
    "CareEndForm",
    "CareStartForm",
    "CarerChoice",
    "LegalStatusForm",
    "MoveForm",
    "OrderChoice",
    "PersonChoice",
    "ProceedingsChoice",
    "RecordForm",
    "StaffChoice",
    "correction_form",
    "model_form",
    "roles",
    "staff",
]
