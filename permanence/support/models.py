"""After the decision: contact plans and sessions, transition plans, support plans, the events the
early-warning indicators count, and disruption meetings with their lessons.

History is kept: a changed plan is a new plan; nothing here is deleted inside the retention period.
Rules that refuse a record live in `services.py`; the indicators are computed by `stability.py` (pure).
"""

from django.conf import settings
from django.db import models

from permanence.children.versions import Versioned

from . import choices


class Recorded(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        abstract = True


class ContactPlan(Recorded):
    """How the child keeps in touch with one person (or group) important to them (Leeds §10.5-§10.6)."""

    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="contact_plans")
    with_whom = models.CharField("With whom", max_length=200)
    relationship = models.CharField(max_length=20, choices=choices.WITH_WHOM)
    kind = models.CharField("Direct or indirect", max_length=10, choices=choices.CONTACT_KINDS)
    frequency = models.CharField("How often", max_length=100)
    supervision = models.CharField(max_length=20, choices=choices.SUPERVISION)
    venue = models.CharField(max_length=200, blank=True)
    purposes = models.JSONField("Purpose", default=list, help_text="Codes from choices.PURPOSES (Leeds §10.5).")
    parties_agreed = models.BooleanField("All parties agreed before placement", null=True)
    child_views = models.TextField("The child's views")
    agreed = models.DateField("Date agreed")
    review_date = models.DateField("Review at the looked-after review on or before")
    lifelong_links = models.BooleanField("Part of Lifelong Links", default=False)
    ended = models.DateField(null=True, blank=True)
    # A plan with a brother or sister is also the siblings app's contact plan (one record of the duty).
    sibling_plan = models.OneToOneField(
        "siblings.SiblingContactPlan", null=True, blank=True, on_delete=models.SET_NULL, related_name="contact_plan"
    )

    class Meta:
        ordering = ["child", "-agreed", "-pk"]
        indexes = [models.Index(fields=["child", "agreed"])]

    def __str__(self):
        return f"Contact with {self.with_whom}, {self.frequency}"

    @property
    def purpose_names(self):
        return [choices.PURPOSE_NAMES.get(p, p) for p in self.purposes]


class ContactSession(Recorded):
    """One time contact was due: it happened, was cancelled (by whom), or someone did not attend."""

    plan = models.ForeignKey(ContactPlan, on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField()
    outcome = models.CharField(max_length=20, choices=choices.SESSION_OUTCOMES)
    who = models.CharField("Cancelled by, or who did not attend", max_length=20, choices=choices.WHO, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["plan", "-date", "-pk"]
        indexes = [models.Index(fields=["plan", "date"])]


class TransitionPlan(Recorded):
    """A move to a permanent home, prepared well (KSS §4)."""

    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="transition_plans")
    moving_to = models.CharField(max_length=200)
    move_date = models.DateField("Planned move date")
    introductions_start = models.DateField()
    introductions_end = models.DateField()
    introductions = models.TextField("Introductions timetable")
    child_preparation = models.TextField("Preparing the child")
    carer_preparation = models.TextField("Preparing the new carers")
    life_story_by = models.CharField("Life story work: who", max_length=200)
    life_story_when = models.DateField("Life story work: by when")
    life_story_format = models.CharField("Life story work: format", max_length=20, choices=choices.LIFE_STORY_FORMATS)
    therapy_before = models.TextField("Therapeutic work before the move", blank=True)
    therapy_after = models.TextField("Therapeutic work after the move", blank=True)
    current_carer_support = models.TextField("Support to the current carers through the loss")
    birth_family_support = models.TextField("Support to the birth family through the loss")

    class Meta:
        ordering = ["child", "-move_date", "-pk"]


class SupportPlan(Recorded):
    """What a permanent home gets to keep it going, by route (KSS §4; Camden §10)."""

    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="support_plans")
    route = models.CharField(max_length=30, choices=choices.ROUTES)
    start = models.DateField("Plan starts")
    review_date = models.DateField()
    financial_support = models.TextField(blank=True)
    delegated_authority = models.TextField("Delegated authority to the carers", blank=True)
    virtual_school = models.TextField("Education: virtual school support", blank=True)
    notes = models.TextField(blank=True)
    ended = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["child", "-start", "-pk"]

    def __str__(self):
        return f"{self.get_route_display()} from {self.start:%d/%m/%Y}"


class SupportService(models.Model):
    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="services")
    service = models.CharField(max_length=200)
    provider = models.CharField(max_length=200)
    start = models.DateField()
    end = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["plan", "start", "pk"]


class SupportAction(Versioned):
    """Something the support plan says someone will do by a date: overdue ones are an early warning."""

    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(max_length=300)
    owner = models.CharField("Who", max_length=200)
    due = models.DateField()
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["plan", "due", "pk"]
        indexes = [models.Index(fields=["due", "done_on"])]


class StabilityEvent(Recorded):
    """Something in a child's life the early-warning indicators count: missing, allegations, school changes."""

    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="stability_events")
    kind = models.CharField(max_length=20, choices=choices.EVENT_KINDS)
    date = models.DateField()
    detail = models.TextField(blank=True)

    class Meta:
        ordering = ["child", "-date", "-pk"]
        indexes = [models.Index(fields=["child", "date"])]


class DisruptionMeeting(Recorded):
    """A meeting after a permanent home broke down, or nearly did (KSS §5)."""

    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="disruption_meetings")
    date = models.DateField()
    home = models.CharField("The home", max_length=200)
    route = models.CharField(max_length=30, choices=choices.DISRUPTION_ROUTES)
    chair = models.CharField(max_length=200)
    what_happened = models.TextField()
    reasons = models.JSONField(default=list, help_text="Codes from choices.REASONS.")
    reasons_detail = models.TextField("The reasons, in words")
    views_child = models.TextField("The child's views")
    views_carers = models.TextField("The carers' views")
    views_family = models.TextField("The birth family's views", blank=True)
    views_professionals = models.TextField("Professionals' views", blank=True)
    sustained = models.CharField("Can the relationship be sustained?", max_length=20, choices=choices.SUSTAINED)
    sustained_how = models.TextField("How the relationship will be kept, or why it cannot", blank=True)
    age = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The child's age on the day: kept for the learning report."
    )

    class Meta:
        ordering = ["child", "-date", "-pk"]
        indexes = [models.Index(fields=["date"])]

    @property
    def reason_names(self):
        return [choices.REASON_NAMES.get(r, r) for r in self.reasons]


class Lesson(models.Model):
    """What the service should learn from a disruption (KSS §5: identify and apply lessons learned)."""

    meeting = models.ForeignKey(DisruptionMeeting, on_delete=models.CASCADE, related_name="lessons")
    text = models.TextField()

    class Meta:
        ordering = ["meeting", "pk"]
