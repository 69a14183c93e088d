"""Forms for the child's voice. Types are checked here; the rules are checked by the services."""

from django import forms

from permanence.govuk.forms import GovukDateField, GovukForm, long_text, text

from .choices import HOW_OBTAINED


class WishesForm(GovukForm):
    date = GovukDateField(
        what="the date the views were obtained", label="Date obtained", help_text="For example, 27 March 2026"
    )
    how = forms.ChoiceField(
        label="How were the views obtained?",
        choices=HOW_OBTAINED,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how the views were obtained"},
    )
    how_other = text("If another way, say how", max_length=200)
    said = long_text("What the child said", help_text="In the child's own words where you can.")
    understanding = long_text(
        "The child's understanding",
        help_text="How well the child understands their situation and the plan, for their age.",
    )
    for_current_plan = forms.BooleanField(
        label="These views inform the current permanence plan", required=False, initial=True
    )


class ViewsReasonForm(GovukForm):
    reason = long_text(
        "Why does the plan not record the child's views?",
        help_text="For example: the child did not want to talk about the plan yet; the advocate will meet them next week.",
    )


class PlanContentsForm(GovukForm):
    staying_with_current_carers = forms.BooleanField(
        label="The child is staying with their current carers, so no introductions are needed", required=False
    )
    introductions = long_text(
        "Timetable for introductions",
        help_text="How and when the child and the carers will get to know each other before the move.",
    )
    residential_aims = long_text(
        "Aims of the residential placement",
        help_text="Only if the plan is a residential placement: its aims, objectives and outcomes.",
    )
    life_story_work = long_text(
        "Life story work", help_text="Who will do it, and when, before and after the placement."
    )
    therapeutic_work = long_text(
        "Therapeutic work", help_text="Any more specific therapeutic work, if the child needs it."
    )
    contact_arrangements = long_text(
        "Contact arrangements",
        help_text="With whom, how and how often, based on the child's needs; or why there will be none.",
    )


class LetterForm(GovukForm):
    text = long_text("The letter", help_text="Use words the child will understand. Keep sentences short.")
