"""Forms for clinics, tracking meetings, panels and actions. Messages say what to do (GOV.UK style)."""

from django import forms

from permanence.accounts.models import User
from permanence.govuk.forms import GovukDateField, GovukForm
from permanence.planning.options import OPTIONS

from . import choices
from .models import PanelMember

YES_NO = [("True", "Yes"), ("False", "No")]


def _date(label, help_text=""):
    return GovukDateField(label=label, help_text=help_text)


class ReferralForm(GovukForm):
    date = _date("Date of referral")
    reason = forms.CharField(
        label="Why are you referring this child?",
        widget=forms.Textarea,
        help_text="What alternative permanent care is being considered, and why now.",
    )


class ClinicForm(GovukForm):
    date = GovukDateField(label="Date of the clinic")
    chair = forms.ModelChoiceField(
        label="Chair",
        queryset=User.objects.filter(is_active=True).order_by("last_name"),
        empty_label="Choose the chair",
        error_messages={"required": "Choose who chairs the clinic"},
    )


class ClinicItemForm(GovukForm):
    iro_or_chair_present = forms.TypedChoiceField(
        label="Was the IRO or conference chair there?",
        choices=YES_NO,
        coerce=lambda v: v == "True",
        widget=forms.RadioSelect,
    )
    worker_or_manager_present = forms.TypedChoiceField(
        label="Was the social worker or their manager there?",
        choices=YES_NO,
        coerce=lambda v: v == "True",
        widget=forms.RadioSelect,
    )
    attendees = forms.CharField(label="Who else attended", required=False, widget=forms.Textarea)
    options_discussed = forms.MultipleChoiceField(
        label="Options discussed",
        choices=OPTIONS,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one option the clinic discussed"},
    )
    agreed_plan = forms.ChoiceField(label="Plan agreed", choices=[("", "No plan agreed yet"), *OPTIONS], required=False)
    notes = forms.CharField(label="Notes and reasons", required=False, widget=forms.Textarea)


class TrackingMeetingForm(GovukForm):
    date = GovukDateField(label="Date of the meeting")
    chair = forms.ModelChoiceField(
        label="Chair",
        queryset=User.objects.filter(is_active=True).order_by("last_name"),
        empty_label="Choose the chair",
        error_messages={"required": "Choose who chairs the meeting"},
    )
    attendees = forms.CharField(
        label="Attendees",
        required=False,
        widget=forms.Textarea,
        help_text="Camden §5: IRO, CLA and CIN managers, Family, Friends and Fostering, recruitment and care provision managers.",
    )


class AgendaItemForm(GovukForm):
    discussion = forms.CharField(label="What was discussed", widget=forms.Textarea)
    decision = forms.CharField(label="What was decided", widget=forms.Textarea)


class ActionForm(GovukForm):
    description = forms.CharField(label="Action", max_length=300)
    owner = forms.ModelChoiceField(
        label="Who will do it",
        queryset=User.objects.filter(is_active=True).order_by("last_name", "first_name"),
        error_messages={"required": "Choose who will do it", "invalid_choice": "Choose who will do it from the list"},
    )
    due = _date("Date due")


class ActionDoneForm(GovukForm):
    done_on = _date("Date done")


class PanelForm(GovukForm):
    """Set up a panel: the date (never filled in for you) and who sits on it, one role each."""

    date = GovukDateField(label="Date the panel meets")

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = list(candidates)
        seat_choices = [("", "Not sitting on this panel"), *choices.PANEL_ROLES]
        for person in self.candidates:
            self.fields[f"seat_{person.pk}"] = forms.ChoiceField(
                label=person.get_full_name() or person.username, choices=seat_choices, required=False
            )

    def seat_fields(self):
        return [self[f"seat_{person.pk}"] for person in self.candidates]

    def service_values(self):
        data = self.cleaned_data
        seats = [(person, data.get(f"seat_{person.pk}")) for person in self.candidates]
        chairs = [person for person, role in seats if role == choices.CHAIR]
        return {
            "date": data["date"],
            "chair": chairs[0] if len(chairs) == 1 else None,
            "members": [(person, role) for person, role in seats if role and role != choices.CHAIR],
        }

    def clean(self):
        data = super().clean()
        roles = [data.get(f"seat_{person.pk}") for person in self.candidates]
        if roles.count(choices.CHAIR) == 0:
            self.add_error(None, "Choose who chairs the panel: give one person the role of chair")
        elif roles.count(choices.CHAIR) > 1:
            self.add_error(None, "A panel has one chair: give the other people a different role")
        return data


class PanelItemForm(GovukForm):
    child = forms.IntegerField(label="Child's record number", widget=forms.HiddenInput, required=False)
    matter = forms.ChoiceField(
        label="What is the panel asked to consider?",
        choices=choices.PANEL_MATTERS,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the panel is asked to consider"},
    )
    papers = forms.CharField(
        label="Papers",
        required=False,
        widget=forms.Textarea,
        help_text="For example: options analysis of 3 March 2026; matching report.",
    )


class PanelMinutesForm(GovukForm):
    """The panel's minutes for one item, by its chair, a vice chair or its agency adviser."""

    present = forms.ModelMultipleChoiceField(
        label="Members and advisers who took part in this item",
        queryset=PanelMember.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave out anyone who stepped out, for example for a conflict of interest. The quorum counts members, not advisers.",
        error_messages={"required": "Choose the members who took part in this item"},
    )
    outcome = forms.ChoiceField(
        label="What did the panel conclude?",
        choices=choices.PANEL_OUTCOMES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the panel concluded"},
    )
    recommendation = forms.CharField(
        label="The panel's recommendation, in its words",
        widget=forms.Textarea,
        error_messages={"required": "Enter the panel's recommendation in its words"},
    )
    recommended_option = forms.ChoiceField(
        label="Permanence option recommended", choices=[("", "Not a choice of option"), *OPTIONS], required=False
    )
    reasons = forms.CharField(
        label="The reasons for the recommendation",
        widget=forms.Textarea,
        error_messages={"required": "Enter the reasons for the recommendation"},
    )
    unanimous = forms.TypedChoiceField(
        label="Did every member agree?",
        choices=YES_NO,
        coerce=lambda v: v == "True",
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether every member agreed"},
    )
    dissent = forms.CharField(
        label="If not, the views of those who did not agree", widget=forms.Textarea, required=False
    )
    advice = forms.CharField(label="Advice given by the advisers", widget=forms.Textarea, required=False)
    discussion = forms.CharField(label="Summary of the discussion", widget=forms.Textarea, required=False)
    recorded_on = GovukDateField(label="Date the minutes were completed")

    def __init__(self, *args, panel, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = panel.members.select_related("person").order_by("pk")
        self.fields["present"].label_from_instance = str


class ADMDecisionForm(GovukForm):
    minutes_considered = forms.BooleanField(
        label="I have considered the panel's minutes and its recommendation",
        error_messages={"required": "Confirm that you have considered the panel's minutes and recommendation"},
    )
    outcome = forms.ChoiceField(
        label="Decision",
        choices=choices.ADM_OUTCOMES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the decision"},
    )
    date = GovukDateField(label="Date of the decision")
    reasons = forms.CharField(
        label="Reasons", widget=forms.Textarea, error_messages={"required": "Give the reasons for the decision"}
    )
    earlier_decision_note = forms.CharField(
        label="Why a new decision, when an earlier one stands",
        widget=forms.Textarea,
        required=False,
    )

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        agreed = choices.ADM_AGREED_WORDS.get(item.matter)
        if agreed:
            self.fields["outcome"].choices = [
                (key, agreed.format(name=item.child.first_name) if key == "agreed" else label)
                for key, label in choices.ADM_OUTCOMES
            ]


class IRODecisionsReportForm(GovukForm):
    issued = _date("Date issued")
    decisions = forms.CharField(
        label="Decisions of the review",
        widget=forms.Textarea,
        help_text="Including the permanence plan, the actions agreed and by when.",
    )
    permanence_plan_recorded = forms.BooleanField(
        label="The report records the child's permanence plan", required=False
    )
