# mypy: disable-error-code="misc, valid-type"
# (Form classes here extend a class model_form() builds from the model's fields, which mypy cannot follow.)
"""Forms for what is not about one child's record yet: a new child, and carer households with
their approvals. The pages and the JSON API fill the same forms."""

from datetime import date

from django import forms

from permanence.govuk.forms import GovukDateField

from .. import rules
from ..models import Allocation, Carer, CarerApproval, Child
from ..selectors import case_holders
from .forms import StaffChoice, correction_form, model_form

CHILD_FIELDS = [
    "first_name",
    "last_name",
    "date_of_birth",
    "expected_date_of_birth",
    "sex",
    "ethnicity",
    "religion",
    "first_language",
    "disability",
    "disability_detail",
    "upn",
    "council_reference",
    "uasc",
    "referral_date",
    "involvement_reason",
]


class NewChildForm(
    model_form(
        Child,
        CHILD_FIELDS,
        labels={
            "upn": "Unique pupil number (UPN)",
            "uasc": "Unaccompanied asylum-seeking child",
            "expected_date_of_birth": "Expected date of birth (an unborn child)",
        },
        hints={
            "date_of_birth": "Leave empty for an unborn child and give the expected date of birth instead.",
            "council_reference": "The council's own reference for the child; it must not be in use already.",
        },
    )
):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("ethnicity", "NOBT")
            self.initial.setdefault("first_language", "English")

    social_worker = StaffChoice(
        label="Allocated social worker",
        queryset=case_holders(Allocation.SOCIAL_WORKER),
        required=False,
        help_text="You, if you carry cases and leave this empty.",
    )

    def narrow(self):
        self.fields["date_of_birth"] = GovukDateField(
            label="Date of birth", required=False, not_future=True, help_text=self.fields["date_of_birth"].help_text
        )
        self.fields["expected_date_of_birth"] = GovukDateField(
            label="Expected date of birth (an unborn child)", required=False
        )
        self.fields["social_worker"].queryset = case_holders(Allocation.SOCIAL_WORKER)

    def clean(self):
        # The service's own rule, run here too so every problem shows at once, in the same words.
        data = super().clean()
        for name, message in rules.child_problems(data, today=date.today()).items():
            if name in self.fields and name not in self.errors:
                self.add_error(name, message)
        return data

    def service_values(self):
        values = dict(self.cleaned_data)
        values["social_worker"] = values.pop("social_worker", None)
        return values


CARER_FIELDS = ["name", "kind", "reference", "provider", "urn", "postcode", "household", "languages", "religion"]
CarerForm = model_form(
    Carer,
    CARER_FIELDS,
    labels={"name": "Name of the carer household or home", "kind": "Kind of carer or home", "urn": "Ofsted URN"},
    hints={"household": "Who lives there: adults, children, pets."},
    required=("provider",),
)
CarerCorrectionForm = correction_form(CarerForm)

CarerApprovalForm = model_form(
    CarerApproval,
    ["kind", "approved", "children", "age_min", "age_max", "terms", "next_review"],
)


class CarerApprovalFormWithReview(CarerApprovalForm):
    def narrow(self):
        self.fields["next_review"] = GovukDateField(
            label="Date of the next review of approval", required=False, help_text="Usually within a year."
        )


CarerApprovalForm = CarerApprovalFormWithReview

__all__ = ["CarerApprovalForm", "CarerCorrectionForm", "CarerForm", "NewChildForm", "forms"]
