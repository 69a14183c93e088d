"""Forms for the planning pages. They parse input; the services and `rules.py` decide what is
allowed, and their refusals come back onto the form as GOV.UK field errors.
"""

from django import forms

from permanence.govuk.forms import GovukDateField, GovukForm
from permanence.legal.eligibility import ApplicantFacts

from . import options, procedures, prompts, rules, stages
from .models import OptionAssessment


class PlanningForm(GovukForm):
    """Shared: the GOV.UK messages, error summary links and service refusals (permanence.govuk)."""


class StageMoveForm(PlanningForm):
    to_stage = forms.ChoiceField(
        label="Where has the plan got to?",
        choices=options.STAGES,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the stage the plan has reached"},
    )
    date = GovukDateField(label="Date the plan reached this stage", not_future=True)
    note = forms.CharField(label="Note", required=False, widget=forms.Textarea)

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        # Every stage is accepted so that a move made stale by someone else is refused by the
        # service with the stages named; only the moves open now are offered.
        self.moves = stages.moves_from(plan.stage)

    def move_choices(self):
        return [(m.to_stage, m.name, "Going back: say why in the note." if m.needs_reason else "") for m in self.moves]


class DecisionForm(PlanningForm):
    kind = forms.ChoiceField(
        label="What was decided?",
        choices=options.DECISION_KINDS,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what was decided"},
    )
    forum = forms.ChoiceField(
        label="Where was it decided?",
        choices=options.FORUMS,
        widget=forms.RadioSelect,
        error_messages={"required": "Select where the decision was made"},
    )
    date = GovukDateField(label="Date of the decision", not_future=True)
    decided_by = forms.CharField(
        label="Who decided", max_length=160, error_messages={"required": "Enter who made the decision"}
    )
    primary_option = forms.ChoiceField(
        label="Permanence plan", required=False, choices=[("", "Choose the plan"), *options.OPTIONS]
    )
    parallel_option = forms.ChoiceField(
        label="Parallel plan (twin track), if any", required=False, choices=[("", "No parallel plan"), *options.OPTIONS]
    )
    rationale = forms.CharField(
        label="Why was this decided?", widget=forms.Textarea, error_messages={"required": "Enter why this was decided"}
    )
    evidence = forms.CharField(label="Evidence relied on", required=False, widget=forms.Textarea)

    def __init__(self, *args, role="", **kwargs):
        super().__init__(*args, **kwargs)
        # Each role is offered only the decisions it records: the Agency Decision Maker's are theirs,
        # and a match is approved on the panel's minutes or the ADM's decision, not here.
        if role != rules.ADM_ROLE:
            self.fields["kind"].choices = [
                (k, n) for k, n in options.DECISION_KINDS if k not in (*rules.ADM_ONLY_KINDS, "match_approved")
            ]
            self.fields["forum"].choices = [(k, n) for k, n in options.FORUMS if k != "adm"]

    def clean(self):
        data = super().clean()
        if data.get("kind") in ("plan_agreed", "plan_changed") and not data.get("primary_option"):
            self.add_error("primary_option", "Select the permanence plan the decision agrees")
        return data


class AnalysisStartForm(PlanningForm):
    date = GovukDateField(label="Date of the analysis")


YES_NO = [("yes", "Yes"), ("no", "No")]


class AssessmentForm(PlanningForm):
    """One option's page. Text fields are optional here: `rules.assessment_problems` decides."""

    realistic = forms.ChoiceField(
        label="Is this a realistic option for the child?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if this is a realistic option for the child"},
    )
    not_realistic_reason = forms.CharField(label="Why is it not realistic?", required=False, widget=forms.Textarea)
    strengths = forms.CharField(label="Strengths for this child", required=False, widget=forms.Textarea)
    risks = forms.CharField(label="Risks for this child", required=False, widget=forms.Textarea)
    support = forms.CharField(label="Support available", required=False, widget=forms.Textarea)
    legal_order = forms.CharField(label="Legal order needed", required=False, max_length=200)
    child_views = forms.CharField(label="The child's views", required=False, widget=forms.Textarea)
    parent_views = forms.CharField(label="The parents' views", required=False, widget=forms.Textarea)
    carer_views = forms.CharField(label="The carers' views", required=False, widget=forms.Textarea)
    checklist = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)
    prompts_adopted = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, option, **kwargs):
        super().__init__(*args, **kwargs)
        self.option = option
        for question in prompts.QUESTIONS:
            self.fields[f"answer_{question.key}"] = forms.CharField(
                label=question.text, required=False, widget=forms.Textarea
            )
        self.checklist_groups = prompts.checklist_for(option)
        self.fields["checklist"].choices = [(p.key, p.text) for _, items in self.checklist_groups for p in items]
        policy = prompts.policy_prompts_for(option)
        self.policy_groups = [
            (prompts.PROMPT_KINDS[kind], [p for p in policy if p.kind == kind])
            for kind in prompts.PROMPT_KINDS
            if any(p.kind == kind for p in policy)
        ]
        self.fields["prompts_adopted"].choices = [(p.key, p.text) for p in policy]

    @classmethod
    def initial_from(cls, assessment):
        if assessment is None:
            return {}
        initial = {
            field: getattr(assessment, field)
            for field in (
                "not_realistic_reason",
                "strengths",
                "risks",
                "support",
                "legal_order",
                "child_views",
                "parent_views",
                "carer_views",
                "checklist",
                "prompts_adopted",
            )
        }
        initial["realistic"] = "yes" if assessment.realistic else "no"
        for key, answer in assessment.answers.items():
            initial[f"answer_{key}"] = answer
        return initial

    def checkbox_groups(self, name):
        """(group id, legend, prompts, choices) for the template; the first group's first box is id_<name>."""
        groups = (
            [(f"Permanence options checklist: {legend}", items) for legend, items in self.checklist_groups]
            if name == "checklist"
            else [(f"Practice prompts: {legend.lower()}", items) for legend, items in self.policy_groups]
        )
        return [
            (f"id_{name}" if i == 0 else f"id_{name}-g{i + 1}", legend, items, [(p.key, p.text) for p in items])
            for i, (legend, items) in enumerate(groups)
        ]

    def checklist_boxes(self):
        return self.checkbox_groups("checklist")

    def policy_boxes(self):
        return self.checkbox_groups("prompts_adopted")

    def question_fields(self):
        return [(question, self[f"answer_{question.key}"]) for question in prompts.QUESTIONS]

    def service_values(self):
        data = self.cleaned_data
        values = {
            field: data[field]
            for field in (
                "not_realistic_reason",
                "strengths",
                "risks",
                "support",
                "legal_order",
                "child_views",
                "parent_views",
                "carer_views",
                "checklist",
                "prompts_adopted",
            )
        }
        values["realistic"] = data["realistic"] == "yes"
        values["answers"] = {q.key: data[f"answer_{q.key}"] for q in prompts.QUESTIONS}
        return values


class RecommendationForm(PlanningForm):
    option = forms.ChoiceField(
        label="Which option do you recommend?", choices=options.OPTIONS, widget=forms.RadioSelect, required=False
    )
    rationale = forms.CharField(
        label="Why is this option recommended over the others?", required=False, widget=forms.Textarea
    )
    date = GovukDateField(label="Date of the recommendation")

    def __init__(self, *args, analysis, **kwargs):
        super().__init__(*args, **kwargs)
        assessments = list(OptionAssessment.objects.filter(analysis=analysis))
        # Offer the realistic options assessed; the service refuses anything else by name.
        self.offered = [(a.option, a.get_option_display()) for a in assessments if a.realistic]


class CAOEligibilityForm(GovukForm):
    """The facts s10(5)-(5C) asks about, for a child arrangements order (lives with) without leave."""

    application_date = GovukDateField(label="Date of the application")
    who = forms.MultipleChoiceField(
        label="Who is applying?",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[
            ("parent", "A parent of the child (with or without parental responsibility)"),
            ("guardian", "A guardian of the child"),
            ("special_guardian", "A special guardian of the child"),
            (
                "named_in_live_with_order",
                "Someone named in a child arrangements order as a person the child lives with",
            ),
            (
                "child_of_the_family",
                "A party to a marriage or civil partnership in which the child is a child of the family",
            ),
            ("local_authority_foster_parent", "A local authority foster parent of the child"),
            ("relative", "A relative (grandparent, brother, sister, uncle or aunt)"),
            (
                "pr_under_contact_order",
                "Someone the child spends time with under a child arrangements order that gave them "
                "parental responsibility",
            ),
        ],
    )
    lived_from = GovukDateField(label="The child lived with the applicant from", required=False)
    lived_to = GovukDateField(
        label="Until", required=False, help_text="Leave empty if the child still lives with the applicant."
    )
    circumstances = forms.MultipleChoiceField(
        label="Circumstances and consents",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[
            ("child_in_care", "The child is in the care of a local authority (care order)"),
            ("local_authority_consents", "The local authority consents"),
            ("live_with_order_in_force", "A child arrangements order (lives with) is in force"),
            ("live_with_holders_consent", "Each person named in that order consents"),
            ("everyone_with_pr_consents", "Everyone with parental responsibility consents"),
        ],
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("lived_from"), data.get("lived_to")
        if end and not start:
            self.add_error("lived_from", "Enter when the child started living with the applicant")
        if start and end and end < start:
            self.add_error("lived_to", "The end of the time lived together must be after its start")
        if start and data.get("application_date") and start > data["application_date"]:
            self.add_error("lived_from", "The time lived together must start before the application")
        return data

    def facts(self):
        data = self.cleaned_data
        flags = dict.fromkeys(data.get("who", []) + data.get("circumstances", []), True)
        spells = ((data["lived_from"], data.get("lived_to")),) if data.get("lived_from") else ()
        return ApplicantFacts(application_date=data["application_date"], lived_with=spells, **flags)


class PlanCarerForm(PlanningForm):
    """Who the plan names to care for the child for good: someone in the family network, or a
    carer household (for example long-term foster carers)."""

    person = forms.ChoiceField(label="Someone in the child's family network", required=False)
    carer = forms.ChoiceField(label="Or a carer household", required=False)
    named_on = GovukDateField(label="Date they were named")

    def __init__(self, *args, people=(), households=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", "Not someone in the family network"), *people]
        self.fields["carer"].choices = [("", "Not a carer household"), *households]

    def clean(self):
        data = super().clean()
        if bool(data.get("person")) == bool(data.get("carer")):
            self.add_error("person", "Choose either someone in the family network or a carer household")
        return data


class PlanStepForm(PlanningForm):
    kind = forms.ChoiceField(
        label="Which step was taken?",
        choices=procedures.STEP_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Select which step was taken"},
    )
    date = GovukDateField(label="Date it was taken", not_future=True)
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        widget=forms.Textarea,
        help_text="For example who the referral went to, or where the report is kept.",
    )


class CarerBriefingForm(PlanningForm):
    carers = forms.CharField(
        label="Who was the information shared with?",
        max_length=200,
        help_text="For example the prospective adopters, or the proposed special guardian.",
        error_messages={"required": "Enter who the information was shared with"},
    )
    shared_on = GovukDateField(label="Date it was shared", not_future=True)
    known_risks = forms.CharField(label="Known risks", required=False, widget=forms.Textarea)
    foreseeable_risks = forms.CharField(
        label="Risks that can reasonably be anticipated", required=False, widget=forms.Textarea
    )
    anticipated_needs = forms.CharField(
        label="Needs the child is expected to have as they grow up", required=False, widget=forms.Textarea
    )
    support = forms.CharField(label="Planning and support offered to meet them", required=False, widget=forms.Textarea)
    acknowledged_on = GovukDateField(
        label="Date the carers acknowledged it (if they have)", required=False, not_future=True
    )


class AcknowledgementForm(PlanningForm):
    acknowledged_on = GovukDateField(label="Date the carers acknowledged what was shared", not_future=True)


class ParentContributionForm(PlanningForm):
    parent = forms.CharField(
        label="Which parent contributed?",
        max_length=160,
        help_text="For example the mother, or the father.",
        error_messages={"required": "Enter which parent contributed"},
    )
    date = GovukDateField(label="Date of the contribution", not_future=True)
    way = forms.ChoiceField(
        label="How did they contribute?",
        choices=procedures.CONTRIBUTION_WAYS,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how the parent contributed"},
    )
    contribution = forms.CharField(
        label="What they contributed to the plan",
        widget=forms.Textarea,
        help_text="In their own words where you can.",
        error_messages={"required": "Enter what the parent contributed to the plan"},
    )
    support = forms.CharField(
        label="How they were helped to contribute (optional)", required=False, widget=forms.Textarea
    )
