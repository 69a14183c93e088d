"""The child's voice: their wishes and feelings, why a plan does not record them, the "My plan"
letter, and what the plan includes of the Leeds §5 essentials.

History is kept: each record is a new row; the latest is current.
"""

from django.conf import settings
from django.db import models

from permanence.children.versions import Versioned
from permanence.timescales.dates import age_on

from .choices import DRAFT, HOW_OBTAINED, LETTER_STATUSES, PRINTABLE
from .letters import AGE_BANDS


class WishesAndFeelings(models.Model):
    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="wishes_and_feelings")
    date = models.DateField("Date obtained")
    how = models.CharField("How the views were obtained", max_length=30, choices=HOW_OBTAINED)
    how_other = models.CharField("Other way", max_length=200, blank=True)
    understanding = models.TextField("The child's understanding", blank=True)
    said = models.TextField("What the child said")
    plan = models.ForeignKey(
        "planning.PermanencePlan",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The permanence plan these views inform.",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["child", "date", "pk"]
        indexes = [models.Index(fields=["child", "date"])]
        verbose_name_plural = "wishes and feelings"

    def __str__(self):
        return f"Wishes and feelings ({self.date:%d/%m/%Y})"

    @property
    def age_at_time(self):
        """The child's age in whole years on the day the views were obtained (derived, never typed)."""
        born = self.child.date_of_birth
        return age_on(born, self.date) if born else None


class ViewsNotRecorded(models.Model):
    """Why a permanence plan does not record the child's views."""

    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="+")
    plan = models.ForeignKey("planning.PermanencePlan", on_delete=models.CASCADE, related_name="+")
    reason = models.TextField()
    date = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["plan", "date", "pk"]


class PlanContents(models.Model):
    """What the plan says on the Leeds §5 essentials. A change is a new row; the latest counts."""

    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="+")
    plan = models.ForeignKey("planning.PermanencePlan", on_delete=models.CASCADE, related_name="+")
    introductions = models.TextField("Timetable for introductions", blank=True)
    staying_with_current_carers = models.BooleanField(default=False)
    residential_aims = models.TextField("Aims of the residential placement", blank=True)
    life_story_work = models.TextField("Life story work", blank=True)
    therapeutic_work = models.TextField("Therapeutic work", blank=True)
    contact_arrangements = models.TextField("Contact arrangements", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    FIELDS = (
        "introductions",
        "staying_with_current_carers",
        "residential_aims",
        "life_story_work",
        "therapeutic_work",
        "contact_arrangements",
    )

    class Meta:
        ordering = ["plan", "pk"]
        verbose_name_plural = "plan contents"

    def as_dict(self):
        return {name: getattr(self, name) for name in self.FIELDS}


class MyPlanLetter(Versioned):
    """The plan explained to the child in plain words: drafted by the worker, reviewed by someone
    else (the team manager or the IRO), then shared."""

    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="my_plan_letters")
    plan = models.ForeignKey(
        "planning.PermanencePlan", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    age_band = models.CharField(max_length=10, choices=AGE_BANDS)
    text = models.TextField()
    status = models.CharField(max_length=10, choices=LETTER_STATUSES, default=DRAFT)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_on = models.DateField(null=True, blank=True)
    shared_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who last changed the words: they cannot review it either.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["child", "created_at", "pk"]

    def __str__(self):
        return f"My plan letter ({self.get_status_display()})"

    @property
    def printable(self):
        return self.status in PRINTABLE
