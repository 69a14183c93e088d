"""Forms for clinics, tracking meetings, panels and actions. Messages say what to do (GOV.UK style)."""

from django import forms

from permanence.accounts import roles
from permanence.accounts.models import Team, User
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
        help_text=(
            "For example the IRO, CLA and CIN managers, Family, Friends and Fostering, recruitment and care "
            "provision managers. Practice guidance: Camden, Permanence practice guidance for social workers §5."
        ),
    )


class AgendaFilterForm(GovukForm):
    """Narrow the agenda (and its pack) to one team's or one social worker's children."""

    team = forms.ModelChoiceField(
        label="Team", queryset=Team.objects.order_by("name"), required=False, empty_label="All teams"
    )
    worker = forms.ModelChoiceField(
        label="Social worker",
        queryset=User.objects.filter(role=roles.SOCIAL_WORKER, is_active=True).order_by("last_name", "first_name"),
        required=False,
        empty_label="All social workers",
    )

    def filters(self):
        """{team_id, worker_id} for the selector: a choice that is not offered is named and left out."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        team, worker = data.get("team"), data.get("worker")
        return {"team_id": team.pk if team else None, "worker_id": worker.pk if worker else None}


class IRODeskFilterForm(GovukForm):
    """A manager looks at one Independent Reviewing Officer's reviews."""

    iro = forms.ModelChoiceField(
        label="Independent Reviewing Officer",
        queryset=User.objects.filter(role=roles.IRO, is_active=True).order_by("last_name", "first_name"),
        required=False,
        empty_label="Every IRO",
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


DECISION_ROWS = 4


class IRODecisionsReportForm(GovukForm):
    """The decisions report in the parts the IRO Handbook names. Up to four decisions at a time,
    each with who will carry it out and by when; a row left wholly blank is ignored."""

    issued = _date("Date issued")
    plan_outcome = forms.ChoiceField(
        label="Did the review confirm or change the care plan?",
        choices=choices.REPORT_PLAN_OUTCOMES,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether the review confirmed or changed the care plan"},
    )
    plan_change = forms.CharField(label="If it changed: what changed, and why", required=False, widget=forms.Textarea)
    permanence_plan_recorded = forms.BooleanField(
        label="The report records the child's permanence plan", required=False
    )
    twin_track_considered = forms.BooleanField(
        label="The review considered twin-track (parallel) planning", required=False
    )
    child_views = forms.CharField(
        label="The child's views",
        widget=forms.Textarea,
        help_text="What the child said, in their words where you can; or how their views were sought.",
        error_messages={"required": "Enter the child's views, or how they were sought"},
    )
    decisions = forms.CharField(
        label="Anything else the review decided or noted", required=False, widget=forms.Textarea
    )

    def __init__(self, *args, needs_decision=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.needs_decision = needs_decision  # False once the report has decisions
        people = User.objects.filter(is_active=True).order_by("last_name", "first_name")
        for n in range(1, DECISION_ROWS + 1):
            self.fields[f"decision_{n}"] = forms.CharField(label=f"Decision {n}", required=False, max_length=300)
            self.fields[f"decision_{n}_owner"] = forms.ModelChoiceField(
                label=f"Decision {n}: who will carry it out",
                queryset=people,
                required=False,
                empty_label="Choose who",
            )
            self.fields[f"decision_{n}_due"] = GovukDateField(label=f"Decision {n}: by when", required=False)

    def decision_rows(self):
        """[(description field, owner field, due field)] for the template."""
        return [
            (self[f"decision_{n}"], self[f"decision_{n}_owner"], self[f"decision_{n}_due"])
            for n in range(1, DECISION_ROWS + 1)
        ]

    def clean(self):
        data = super().clean()
        made = []
        for n in range(1, DECISION_ROWS + 1):
            description = (data.get(f"decision_{n}") or "").strip()
            owner, due = data.get(f"decision_{n}_owner"), data.get(f"decision_{n}_due")
            if f"decision_{n}_due" in self.errors:
                continue
            if not (description or owner or due):
                continue
            if not description:
                self.add_error(f"decision_{n}", f"Enter decision {n}, or clear its person and date")
            if not owner:
                self.add_error(f"decision_{n}_owner", f"Choose who will carry out decision {n}")
            if not due:
                self.add_error(f"decision_{n}_due", f"Enter the date decision {n} is to be done by")
            if description and owner and due:
                made.append({"description": description, "owner": owner, "due": due})
        if (
            self.needs_decision
            and not made
            and not any(f"decision_{n}" in self.errors for n in range(1, DECISION_ROWS + 1))
        ):
            self.add_error("decision_1", "Record at least one decision, with who will carry it out and by when")
        data["decisions_made"] = made
        return data

    def service_values(self):
        keep = (
            "issued",
            "plan_outcome",
            "plan_change",
            "permanence_plan_recorded",
            "twin_track_considered",
            "child_views",
            "decisions",
        )
        return {key: self.cleaned_data[key] for key in keep} | {"decisions_made": self.cleaned_data["decisions_made"]}


class EscalationForm(GovukForm):
    concern = forms.CharField(
        label="What is the concern about the child's plan?",
        widget=forms.Textarea,
        help_text="For example: no permanence plan after the second review; the plan has drifted; a decision not carried out.",
        error_messages={"required": "Enter the concern about the child's plan"},
    )
    stage = forms.ChoiceField(
        label="Stage raised at",
        choices=choices.ESCALATION_STAGES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the stage the concern is raised at"},
    )
    raised_on = _date("Date raised")
    respond_by = _date("Response wanted by")


class EscalationUpdateForm(GovukForm):
    on = _date("Date")
    step = forms.ChoiceField(
        label="What happened?",
        choices=[
            *[(f"stage:{key}", f"Moved up to {name}") for key, name in choices.ESCALATION_STAGES[1:]],
            *[(f"outcome:{key}", name) for key, name in choices.ESCALATION_OUTCOMES if key != choices.ESCALATION_OPEN],
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what happened"},
    )
    note = forms.CharField(
        label="The response, or why it goes further",
        widget=forms.Textarea,
        error_messages={"required": "Enter the response, or why the concern goes further"},
    )

    def __init__(self, *args, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        if current in choices.ESCALATION_STAGE_ORDER:  # only the stages above the one it is at
            above = choices.ESCALATION_STAGE_ORDER[choices.ESCALATION_STAGE_ORDER.index(current) + 1 :]
            self.fields["step"].choices = [
                (value, label)
                for value, label in self.fields["step"].choices
                if not value.startswith("stage:") or value.split(":", 1)[1] in above
            ]

    def service_values(self):
        kind, value = self.cleaned_data["step"].split(":", 1)
        return {"on": self.cleaned_data["on"], "note": self.cleaned_data["note"], kind: value}
