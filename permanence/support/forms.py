"""Forms for contact, transitions, support plans, stability events and disruption. Types here; rules in the services."""

from django import forms

from permanence.govuk.forms import GovukDateField, GovukForm, long_text, text

from . import choices
from .services import ROWS


def _radios(label, options, message, **kwargs):
    return forms.ChoiceField(
        label=label,
        choices=options,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"required": message},
        **kwargs,
    )


def _checkboxes(label, options, **kwargs):
    return forms.MultipleChoiceField(
        label=label, choices=options, widget=forms.CheckboxSelectMultiple, required=False, **kwargs
    )


def _date(what, label, **kwargs):
    return GovukDateField(what=what, label=label, required=False, **kwargs)


YES_NO = [("yes", "Yes"), ("no", "No")]


class ContactPlanForm(GovukForm):
    relationship = forms.ChoiceField(
        label="Who is the contact with?", choices=[("", "Select"), *choices.WITH_WHOM], required=False
    )
    with_whom = text("Their name", max_length=200, help_text="For example, Mia Example (mother), or Ben and Cara.")
    kind = _radios("Direct or indirect contact", choices.CONTACT_KINDS, "Select whether contact is direct or indirect")
    frequency = text("How often", max_length=100, help_text="For example, every 2 weeks, or a letter twice a year.")
    supervision = forms.ChoiceField(label="Supervision", choices=[("", "Select"), *choices.SUPERVISION], required=False)
    venue = text("Where", max_length=200, help_text="For direct contact: the venue, for example the family centre.")
    purposes = _checkboxes(
        "What is contact for?",
        choices.PURPOSES,
        help_text="Contact must always be for the child's benefit. Select all that apply.",
    )
    parties_agreed = _radios(
        "Did everyone agree the arrangements before placement?",
        YES_NO,
        "",
        help_text="For direct contact, a formal agreement on how, who with, where and how often is negotiated before placement.",
    )
    child_views = long_text(
        "The child's views on contact",
        help_text="A child's wish to join a new family without direct contact is given considerable weight.",
    )
    agreed = _date("the date the plan was agreed", "Date agreed")
    review_date = _date(
        "the date of the review",
        "Review at the looked-after review on",
        help_text="Contact is reviewed at each looked-after review.",
    )
    lifelong_links = forms.BooleanField(
        label="This plan is part of Lifelong Links: keeping links with people important to the child into adulthood",
        required=False,
    )

    def service_values(self):
        data = dict(self.cleaned_data)
        data["parties_agreed"] = {"yes": True, "no": False}.get(data.get("parties_agreed"))
        return data


class ContactSessionForm(GovukForm):
    date = _date("the date contact was due", "Date contact was due")
    outcome = _radios("What happened?", choices.SESSION_OUTCOMES, "Select what happened")
    who = forms.ChoiceField(
        label="Cancelled by, or who did not attend",
        choices=[("", "Select"), *choices.WHO],
        required=False,
        help_text="Leave blank if contact happened.",
    )
    notes = long_text("Notes", help_text="For example, the reason given.")


class TransitionPlanForm(GovukForm):
    moving_to = text("Who is the child moving to?", max_length=200)
    introductions_start = _date("the date introductions start", "Introductions start")
    introductions_end = _date("the date introductions end", "Introductions end")
    move_date = _date("the planned move date", "Planned move date")
    introductions = long_text(
        "Introductions timetable", help_text="Each visit or step: when, where, who, and how long."
    )
    child_preparation = long_text(
        "Preparing the child",
        help_text="Direct work so the child understands the move, at their age and understanding.",
    )
    carer_preparation = long_text(
        "Preparing the new carers",
        help_text="The child's history, needs, routines, and strategies for behaviour they may find hard.",
    )
    life_story_by = text("Life story work: who will do it", max_length=200)
    life_story_when = _date("the date life story work will be done by", "Life story work: by when")
    life_story_format = _radios("Life story work: format", choices.LIFE_STORY_FORMATS, "Select the format")
    therapy_before = long_text("Therapeutic work before the move")
    therapy_after = long_text("Therapeutic work after the move")
    current_carer_support = long_text("Support to the current carers through the loss")
    birth_family_support = long_text("Support to the birth family through the loss")


class SupportPlanForm(GovukForm):
    route = _radios("Route", choices.ROUTES, "Select the route")
    start = _date("the date the plan starts", "Plan starts")
    review_date = _date("the date the plan will be reviewed", "Review date")
    financial_support = long_text(
        "Financial support", help_text="Allowances, one-off payments, and help to claim benefits."
    )
    delegated_authority = long_text(
        "Delegated authority", help_text="For long-term foster carers: the day-to-day decisions they can take."
    )
    virtual_school = long_text("Education: virtual school support")
    notes = long_text("Other support")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for i in range(1, ROWS + 1):
            self.fields[f"service_{i}"] = text(f"Service {i}", max_length=200)
            self.fields[f"provider_{i}"] = text(f"Service {i}: provider", max_length=200)
            self.fields[f"service_start_{i}"] = _date(f"the date service {i} starts", f"Service {i}: starts")
            self.fields[f"service_end_{i}"] = _date(f"the date service {i} ends", f"Service {i}: ends")
        for i in range(1, ROWS + 1):
            self.fields[f"action_{i}"] = text(f"Action {i}", max_length=300)
            self.fields[f"owner_{i}"] = text(f"Action {i}: who", max_length=200)
            self.fields[f"due_{i}"] = _date(f"the date action {i} is due", f"Action {i}: due by")

    def rows(self, *names):
        return [[self[f"{name}_{i}"] for name in names] for i in range(1, ROWS + 1)]


class ActionDoneForm(GovukForm):
    done_on = _date("the date it was done", "Date done")


class StabilityEventForm(GovukForm):
    kind = _radios("What happened?", choices.EVENT_KINDS, "Select what happened")
    date = _date("the date it happened", "Date")
    detail = long_text("Details")


class DisruptionForm(GovukForm):
    date = _date("the date of the meeting", "Date of the disruption meeting")
    chair = text("Chaired by", max_length=200)
    home = text("The home", max_length=200, help_text="The carers or home the child lived with.")
    route = forms.ChoiceField(
        label="What kind of home was it?", choices=[("", "Select"), *choices.DISRUPTION_ROUTES], required=False
    )
    what_happened = long_text("What happened")
    reasons = _checkboxes("Reasons for the breakdown", choices.REASONS, help_text="Select all that apply.")
    reasons_detail = long_text("The reasons, in words")
    views_child = long_text("The child's views")
    views_carers = long_text("The carers' views")
    views_family = long_text("The birth family's views")
    views_professionals = long_text("Professionals' views", help_text="Including the IRO, the school and health.")
    sustained = _radios(
        "Can the relationship be sustained?", choices.SUSTAINED, "Select whether the relationship can be sustained"
    )
    sustained_how = long_text("How the relationship will be kept, or why it cannot")
    lessons = long_text(
        "Lessons for the service", help_text="One lesson per line. They appear in the service's learning report."
    )
