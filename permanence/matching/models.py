"""Family finding: the carer register, children's family-finding profiles, and match records.

The carer's approval, room and ages stay on children.Carer (the case record); what family
finding adds (approval type for matching, status, the needs they can meet, preferences, where
they live) is a CarerProfile beside it. A match joins one household and the children placed
together, and keeps every stage move as a dated MatchEvent (DESIGN: history is kept).
"""

from django.conf import settings
from django.db import models

from permanence.children.versions import Versioned
from permanence.codes.ethnicity import ETHNICITY

from . import choices, places, stages


class CarerProfile(Versioned):
    carer = models.OneToOneField("children.Carer", on_delete=models.CASCADE, related_name="matching_profile")
    approval_type = models.CharField(max_length=30, choices=choices.APPROVAL_TYPES)
    status = models.CharField(max_length=20, choices=choices.CARER_STATUSES, default=choices.AVAILABLE)
    status_since = models.DateField(null=True, blank=True)
    on_hold_reason = models.CharField(max_length=200, blank=True)
    needs = models.JSONField(default=dict, blank=True, help_text="Need area -> the highest level they can meet (1-3).")
    district = models.CharField("Postcode district", max_length=4, choices=places.CHOICES, blank=True)
    ethnicity = models.CharField(max_length=4, choices=ETHNICITY.choices(), default="NOBT")
    children_cared_for = models.PositiveSmallIntegerField("Children cared for before", default=0)
    open_to_siblings = models.BooleanField("Would welcome a sibling group", default=False)
    preferred_age_min = models.PositiveSmallIntegerField(null=True, blank=True)
    preferred_age_max = models.PositiveSmallIntegerField(null=True, blank=True)
    preferences = models.TextField("Their own preferences, in their words", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["status", "approval_type"])]

    def __str__(self):
        return f"{self.carer} ({self.get_approval_type_display()})"

    @property
    def status_colour(self):
        return choices.CARER_STATUS_COLOURS.get(self.status, "grey")


class ChildProfile(models.Model):
    """A child's family-finding profile: started as soon as adoption is under consideration (a practice prompt)."""

    child = models.OneToOneField("children.Child", on_delete=models.CASCADE, related_name="family_finding")
    started = models.DateField("Family finding started")
    status = models.CharField(max_length=20, choices=choices.CHILD_STATUSES, default=choices.SEARCHING)
    needs = models.JSONField(default=dict, blank=True, help_text="Need area -> level (1 low, 2 medium, 3 high).")
    district = models.CharField(
        "The child's community (postcode district)", max_length=4, choices=places.CHOICES, blank=True
    )
    min_km = models.PositiveSmallIntegerField("At least this far from the community (km)", null=True, blank=True)
    max_km = models.PositiveSmallIntegerField("At most this far from the community (km)", null=True, blank=True)
    location_notes = models.CharField("Why the location matters", max_length=300, blank=True)
    contact_needs = models.TextField("Contact needs", blank=True)
    identity = models.TextField("Identity: heritage, culture, faith, language", blank=True)
    wishes = models.TextField("The child's wishes about a new family", blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["status", "started"])]

    def __str__(self):
        return f"Family finding for {self.child}"


class Match(Versioned):
    """One household and the children to be placed with them: from link to placement. Versioned: a
    move along the stages is made on the version the person saw (a stale or unversioned move is refused)."""

    carer = models.ForeignKey("children.Carer", on_delete=models.PROTECT, related_name="matches")
    children = models.ManyToManyField("children.Child", related_name="matches")
    stage = models.CharField(max_length=20, choices=stages.STAGES, default=stages.LINKED)
    linked_on = models.DateField()
    score = models.JSONField(default=dict, blank=True, help_text="The score and its reasons when the link was made.")
    report = models.TextField("Matching report", blank=True)
    panel_item = models.ForeignKey(
        "meetings.PanelItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    introductions_plan = models.TextField(blank=True)
    introductions_start = models.DateField(null=True, blank=True)
    placed_on = models.DateField(null=True, blank=True)
    ended_reason = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-linked_on", "-pk"]
        indexes = [models.Index(fields=["stage"])]
        verbose_name_plural = "matches"

    def __str__(self):
        return f"Match with {self.carer} ({self.get_stage_display().lower()})"

    @property
    def is_active(self):
        return self.stage in stages.ACTIVE


class MatchVisit(models.Model):
    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="visits")
    date = models.DateField()
    notes = models.TextField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "pk"]


class MatchEvent(models.Model):
    """A match moving from one stage to another on a date, with who and why."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="events")
    from_stage = models.CharField(max_length=20, choices=stages.STAGES, blank=True)
    to_stage = models.CharField(max_length=20, choices=stages.STAGES)
    date = models.DateField()
    note = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["match", "date", "pk"]
        indexes = [models.Index(fields=["match", "date"])]
