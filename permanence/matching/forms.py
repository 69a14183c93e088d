"""Forms for family finding. Messages say what to do (GOV.UK style)."""

from datetime import date as date_type

from django import forms

from permanence.govuk.forms import GovukDateField, GovukForm
from permanence.meetings.models import Panel

from . import choices, places
from .needs import LEVELS, NEEDS

ANY = [("", "Any")]
LEVEL_CHOICES = [(str(v), n) for v, n in LEVELS]


class RegisterFilter(GovukForm):
    q = forms.CharField(label="Name or reference", required=False)
    approval_type = forms.ChoiceField(label="Approval type", choices=ANY + choices.APPROVAL_TYPES, required=False)
    status = forms.ChoiceField(label="Status", choices=ANY + choices.CARER_STATUSES, required=False)
    district = forms.ChoiceField(label="Where they live", choices=ANY + places.CHOICES, required=False)
    need = forms.ChoiceField(label="Can meet needs in", choices=ANY + NEEDS, required=False)


class NeedsMixin:
    """One select per need area (none, low, medium, high), read back as {area: level}."""

    def add_need_fields(self, label_suffix, initial=None):
        for key, label in NEEDS:
            self.fields[f"need_{key}"] = forms.TypedChoiceField(
                label=f"{label}{label_suffix}",
                choices=LEVEL_CHOICES,
                coerce=int,
                initial=str((initial or {}).get(key, 0)),
            )

    def need_fields(self):
        return [self[f"need_{key}"] for key, _ in NEEDS]

    def needs_value(self):
        return {key: self.cleaned_data[f"need_{key}"] for key, _ in NEEDS}


class StartForm(NeedsMixin, GovukForm):
    started = GovukDateField(label="Date family finding started")
    district = forms.ChoiceField(
        label="The child's community (postcode district)",
        choices=[("", "Not known"), *places.CHOICES],
        required=False,
        help_text="Where the child's school, friends and family are.",
    )
    min_km = forms.IntegerField(
        label="At least this far from the community (km)",
        required=False,
        min_value=0,
        help_text="Only where the child's safety needs distance from the birth family.",
    )
    max_km = forms.IntegerField(
        label="At most this far from the community (km)",
        required=False,
        min_value=0,
        help_text="For example, to keep the same school or contact.",
    )
    location_notes = forms.CharField(label="Why the location matters", required=False, max_length=300)
    contact_needs = forms.CharField(
        label="Contact needs",
        required=False,
        widget=forms.Textarea,
        help_text="With parents, brothers and sisters and others: how often, direct or indirect.",
    )
    identity = forms.CharField(
        label="Identity: heritage, culture, faith, language", required=False, widget=forms.Textarea
    )
    wishes = forms.CharField(
        label="The child's wishes about a new family",
        required=False,
        widget=forms.Textarea,
        help_text="In the child's words where possible.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_need_fields(" (level of need)")

    def service_values(self):
        data = dict(self.cleaned_data)
        values = {
            k: data[k]
            for k in ("district", "min_km", "max_km", "location_notes", "contact_needs", "identity", "wishes")
        }
        return {"date": data["started"], "needs": self.needs_value(), **values}


class CarerProfileForm(NeedsMixin, GovukForm):
    approval_type = forms.ChoiceField(label="Approval type", choices=choices.APPROVAL_TYPES)
    status = forms.ChoiceField(label="Status", choices=choices.CARER_STATUSES)
    on_hold_reason = forms.CharField(label="If on hold, why", required=False, max_length=200)
    district = forms.ChoiceField(
        label="Where they live (postcode district)", choices=[("", "Not known"), *places.CHOICES], required=False
    )
    children_cared_for = forms.IntegerField(label="Children cared for before", min_value=0, initial=0)
    open_to_siblings = forms.BooleanField(label="Would welcome a sibling group", required=False)
    preferred_age_min = forms.IntegerField(label="Youngest age hoped for", required=False, min_value=0, max_value=17)
    preferred_age_max = forms.IntegerField(label="Oldest age hoped for", required=False, min_value=0, max_value=17)
    preferences = forms.CharField(label="Their own preferences, in their words", required=False, widget=forms.Textarea)

    def __init__(self, *args, needs=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_need_fields(" (highest level they can meet)", needs)

    def service_values(self):
        data = dict(self.cleaned_data)
        return {**{k: v for k, v in data.items() if not k.startswith("need_")}, "needs": self.needs_value()}


class LinkForm(GovukForm):
    carer = forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={
            "required": "Choose the household to link with",
            "invalid": "Choose the household to link with",
        },
    )
    date = GovukDateField(label="Date of the link", required=False)


class VisitForm(GovukForm):
    date = GovukDateField(label="Date of the visit")
    notes = forms.CharField(label="What the visit found", widget=forms.Textarea)


class ReportForm(GovukForm):
    date = GovukDateField(label="Date of the report")
    report = forms.CharField(
        label="Matching report",
        widget=forms.Textarea,
        help_text="How these carers will meet each child's needs now and as they grow up, "
        "contact, support needed, and the child's views.",
    )


class PanelForm(GovukForm):
    panel = forms.ModelChoiceField(
        label="Permanence panel",
        queryset=Panel.objects.none(),
        empty_label="Choose a panel",
        error_messages={"required": "Choose the panel", "invalid_choice": "Choose a panel still to come"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only panels still to come: a panel that has met takes no new items.
        self.fields["panel"].queryset = Panel.objects.filter(date__gte=date_type.today()).order_by("date")


class IntroductionsForm(GovukForm):
    start = GovukDateField(label="Introductions start")
    plan = forms.CharField(
        label="Introductions plan",
        widget=forms.Textarea,
        help_text="Who meets whom, where and when, and how the child is helped to move.",
    )


class PlacedForm(GovukForm):
    date = GovukDateField(label="Date the child moved in")


class EndForm(GovukForm):
    date = GovukDateField(label="Date the link ended")
    reason = forms.CharField(label="Why the link ended", widget=forms.Textarea)
