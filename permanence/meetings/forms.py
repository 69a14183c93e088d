"""Forms for clinics, tracking meetings, panels and actions. Messages say what to do (GOV.UK style)."""

from django import forms

from permanence.accounts.models import User
from permanence.planning.options import OPTIONS

from . import choices

YES_NO = [("True", "Yes"), ("False", "No")]


def _date(label, help_text=""):
    return forms.DateField(label=label, help_text=help_text, widget=forms.DateInput,
                           error_messages={"required": f"Enter the {label.lower()}", "invalid": f"Enter the {label.lower()} as a real date"})


class Messages:
    """Field-level 'required' messages that name the field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if field.error_messages["required"] == "This field is required.":
                field.error_messages["required"] = f"Enter {field.label[0].lower()}{field.label[1:]}"


class ReferralForm(Messages, forms.Form):
    date = _date("Date of referral")
    reason = forms.CharField(label="Why are you referring this child?", widget=forms.Textarea,
                             help_text="What alternative permanent care is being considered, and why now.")


class ClinicForm(Messages, forms.Form):
    date = _date("Clinic date")
    chair = forms.ModelChoiceField(label="Chair", queryset=User.objects.filter(is_active=True).order_by("last_name"), required=False)


class ClinicItemForm(Messages, forms.Form):
    iro_or_chair_present = forms.TypedChoiceField(label="Was the IRO or conference chair there?", choices=YES_NO,
                                                  coerce=lambda v: v == "True", widget=forms.RadioSelect)
    worker_or_manager_present = forms.TypedChoiceField(label="Was the social worker or their manager there?", choices=YES_NO,
                                                       coerce=lambda v: v == "True", widget=forms.RadioSelect)
    attendees = forms.CharField(label="Who else attended", required=False, widget=forms.Textarea)
    options_discussed = forms.MultipleChoiceField(label="Options discussed", choices=OPTIONS, widget=forms.CheckboxSelectMultiple,
                                                  error_messages={"required": "Choose at least one option the clinic discussed"})
    agreed_plan = forms.ChoiceField(label="Plan agreed", choices=[("", "No plan agreed yet")] + OPTIONS, required=False)
    notes = forms.CharField(label="Notes and reasons", required=False, widget=forms.Textarea)


class TrackingMeetingForm(Messages, forms.Form):
    date = _date("Meeting date")
    chair = forms.ModelChoiceField(label="Chair", queryset=User.objects.filter(is_active=True).order_by("last_name"), required=False)
    attendees = forms.CharField(label="Attendees", required=False, widget=forms.Textarea,
                                help_text="Camden §5: IRO, CLA and CIN managers, Family, Friends and Fostering, recruitment and care provision managers.")


class AgendaItemForm(Messages, forms.Form):
    discussion = forms.CharField(label="What was discussed", widget=forms.Textarea)
    decision = forms.CharField(label="What was decided", widget=forms.Textarea)


class ActionForm(Messages, forms.Form):
    description = forms.CharField(label="Action", max_length=300)
    owner = forms.ModelChoiceField(label="Who will do it", queryset=User.objects.filter(is_active=True).order_by("last_name", "first_name"),
                                   error_messages={"required": "Choose who will do it", "invalid_choice": "Choose who will do it from the list"})
    due = _date("Date due")


class ActionDoneForm(Messages, forms.Form):
    done_on = _date("Date done")


class PanelForm(Messages, forms.Form):
    date = _date("Panel date")
    chair = forms.ModelChoiceField(label="Chair", queryset=User.objects.filter(is_active=True).order_by("last_name"), required=False)


class PanelItemForm(Messages, forms.Form):
    child = forms.IntegerField(label="Child's record number", widget=forms.HiddenInput, required=False)
    matter = forms.ChoiceField(label="What is the panel asked to consider?", choices=choices.PANEL_MATTERS, widget=forms.RadioSelect,
                               error_messages={"required": "Choose what the panel is asked to consider"})
    papers = forms.CharField(label="Papers", required=False, widget=forms.Textarea,
                             help_text="For example: options analysis of 3 March 2026; matching report.")


class RecommendationForm(Messages, forms.Form):
    recommendation = forms.CharField(label="The panel's recommendation", widget=forms.Textarea)
    recommended_option = forms.ChoiceField(label="Permanence option recommended", choices=[("", "Not a choice of option")] + OPTIONS, required=False)


class ADMDecisionForm(Messages, forms.Form):
    outcome = forms.ChoiceField(label="Decision", choices=choices.ADM_OUTCOMES, widget=forms.RadioSelect,
                                error_messages={"required": "Choose the decision"})
    date = _date("Date of decision")
    reasons = forms.CharField(label="Reasons", widget=forms.Textarea)


class IRODecisionsReportForm(Messages, forms.Form):
    issued = _date("Date issued")
    decisions = forms.CharField(label="Decisions of the review", widget=forms.Textarea,
                                help_text="Including the permanence plan, the actions agreed and by when.")
    permanence_plan_recorded = forms.BooleanField(label="The report records the child's permanence plan", required=False)
