from django import forms

from permanence.accounts.models import User
from permanence.children.models import Allocation
from permanence.govuk.forms import GovukForm, long_text

from .models import RestrictedRecord


def candidates(child):
    """The people a restriction usually names: those allocated to the child and their team managers,
    then everyone else who carries cases, so any member of staff can be named."""
    allocated = Allocation.objects.filter(child=child, end__isnull=True).select_related("team__manager", "worker")
    first = {a.worker_id for a in allocated} | {a.team.manager_id for a in allocated if a.team and a.team.manager_id}
    staff = User.objects.filter(is_active=True).exclude(role__in=("performance_analyst", "administrator"))
    people = sorted(staff, key=lambda u: (u.pk not in first, u.last_name, u.first_name))
    return [
        (u.pk, f"{u.get_full_name()} ({u.get_role_display()}{', allocated' if u.pk in first else ''})") for u in people
    ]


class RestrictionForm(GovukForm):
    reason = forms.ChoiceField(
        label="Why is this record restricted?",
        choices=RestrictedRecord.REASONS,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose why the record is restricted."},
    )
    detail = forms.CharField(
        label="Detail",
        max_length=300,
        required=False,
        help_text="Needed when the reason is 'other'. Do not name the member of staff here.",
    )
    permitted = forms.TypedMultipleChoiceField(
        label="Who may open the record",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Only the people ticked can open it; anyone else must break glass, which is audited.",
    )

    def __init__(self, *args, child, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["permitted"].choices = candidates(child)

    def clean(self):
        data = super().clean()
        if data.get("reason") == RestrictedRecord.OTHER and not data.get("detail", "").strip():
            self.add_error("detail", "Say why the record is restricted when the reason is 'other'.")
        return data


class RetentionFilterForm(GovukForm):
    within = forms.IntegerField(
        label="Ending within (days)",
        min_value=0,
        max_value=36_500,
        required=False,
        error_messages={
            "invalid": "Enter the number of days as a whole number, like 365",
            "min_value": "Enter a number of days of 0 or more",
            "max_value": "Enter a number of days of 36,500 (100 years) or fewer",
        },
    )


class BreakGlassForm(GovukForm):
    reason = long_text(
        "Why do you need this record now?",
        required=True,
        max_length=1000,
        rows=4,
        error_messages={"required": "Give the reason you need this record, in at least 10 characters"},
    )

    def __init__(self, *args, hours, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].help_text = f"Access lasts {hours} hours."
