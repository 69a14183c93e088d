"""Forms for sibling assessments, decisions and contact plans. Types here; rules in the services."""

from django import forms

from permanence.govuk.forms import GovukDateField, GovukForm, long_text, text
from permanence.planning.options import FORUMS

from . import services
from .choices import CONTACT_KINDS, DECISIONS, RECOMMENDATIONS


def _children_field(label, children, help_text=""):
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=children,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=help_text,
    )


class AssessmentForm(GovukForm):
    children = None  # set per child: the child and their brothers and sisters on the record
    date = GovukDateField(what="the date of the assessment", label="Date of the assessment")
    relationship_quality = long_text("Quality of the relationships between the children")
    attachment = long_text(
        "Attachments between the children", help_text="Do the children know each other? Have they formed an attachment?"
    )
    needs = long_text(
        "Each child's needs", help_text="Including health needs and the impact of past experiences on each child."
    )
    views = long_text("Each child's views", help_text="A child's views will change over time.")
    history = long_text(
        "Shared history and family functioning", help_text="Including whether any child has been harmed by another."
    )
    practicalities = long_text(
        "Practical matters",
        help_text="For example, carers able to take a large group, or Staying Put for an older child.",
    )
    recommendation = forms.ChoiceField(
        label="Recommendation",
        choices=RECOMMENDATIONS,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the assessment's recommendation"},
    )
    recommendation_reasons = long_text("Reasons for the recommendation")

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["children"] = _children_field(
            "Children assessed", group, "Select every child the assessment covers."
        )
        self.order_fields(["children"])


class DecisionForm(GovukForm):
    decision = forms.ChoiceField(
        label="Will the children live together or apart?",
        choices=DECISIONS,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the children will live together or apart"},
    )
    siblings = None
    reasons = long_text("Reasons for the decision", help_text="The impact of the decision on each child.")
    date = GovukDateField(what="the date of the decision", label="Date of the decision")
    forum = forms.ChoiceField(
        label="Where was the decision made?",
        choices=[("", "Select where"), *FORUMS],
        error_messages={"required": "Select where the decision was made"},
    )
    contact_with_whom = text("With whom", max_length=200)
    contact_frequency = text("How often", max_length=100)
    contact_kind = forms.ChoiceField(
        label="Direct or indirect contact", choices=CONTACT_KINDS, widget=forms.RadioSelect, required=False
    )
    contact_review_date = GovukDateField(
        what="the date the contact plan will be reviewed", label="Review the contact plan by", required=False
    )
    contact_arrangements = long_text(
        "Arrangements", help_text="Where, who supervises or supports, how the children keep in touch between meetings."
    )

    def __init__(self, *args, group, child=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.child = child
        self.fields["siblings"] = _children_field("Brothers and sisters the decision is about", group)
        self.order_fields(["decision", "siblings"])

    def clean(self):
        # The decision's own rules asked now, with the fields' errors: every problem shown at once.
        data = super().clean()
        if self.child is not None:
            values = self.service_values()
            asked = {name: values.get(name) for name in ("decision", "reasons", "date", "forum", "contact")}
            for field, message in services.sibling_decision_problems(child=self.child, **asked).items():
                if field in self.fields and field not in self.errors:
                    self.add_error(field, message)
                elif field not in self.fields:
                    self.add_error(None, message)
        return data

    def service_values(self):
        data = dict(self.cleaned_data)
        contact = {key[len("contact_") :]: data.pop(key) for key in list(data) if key.startswith("contact_")}
        data["contact"] = contact
        return data


class ContactPlanForm(GovukForm):
    with_whom = text("With whom", max_length=200, help_text="The brothers and sisters the child keeps in touch with.")
    frequency = text("How often", max_length=100, help_text="For example, every 2 weeks.")
    kind = forms.ChoiceField(
        label="Direct or indirect contact", choices=CONTACT_KINDS, widget=forms.RadioSelect, required=False
    )
    arrangements = long_text("Arrangements")
    agreed = GovukDateField(what="the date the plan was agreed", label="Date agreed")
    review_date = GovukDateField(
        what="the date the contact plan will be reviewed", label="Review the contact plan by", required=False
    )

    def clean(self):
        # The plan's own rules asked now, with the fields' errors: every problem shown at once.
        data = super().clean()
        values = {name: data.get(name) for name in self.fields}
        for field, message in services.sibling_contact_plan_problems(**values).items():
            if field in self.fields and field not in self.errors:
                self.add_error(field, message)
        return data
