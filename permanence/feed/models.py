"""The feed's own records: each sync run and what it found, and the links from the case system's
ids to the product's records that make a sync incremental (an unchanged row changes nothing).

The case facts themselves live in the record (permanence/children); nothing here duplicates them,
except the case system's permanence dates (ssd_permanence) and care leaver facts
(ssd_care_leavers), which no record model holds.
"""

from django.conf import settings
from django.db import models

from permanence.children.orders import ORDER_NAMES

from .mapping.care_leavers import ACCOMMODATION, ACTIVITY, IN_TOUCH


class SyncRun(models.Model):
    """One run of `permanence sync-ssd`: when, from where, as at when, and what it did."""

    RUNNING, SUCCEEDED, FAILED = "running", "succeeded", "failed"
    STATUSES = [(RUNNING, "Running"), (SUCCEEDED, "Succeeded"), (FAILED, "Failed")]

    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    source = models.CharField(max_length=500, help_text="The folder or database read (never a password).")
    as_at = models.DateTimeField(help_text="When the extract was taken: facts older than those held are refused.")
    status = models.CharField(max_length=10, choices=STATUSES, default=RUNNING)
    message = models.TextField(blank=True, help_text="Why a failed run failed.")
    counts = models.JSONField(default=dict, help_text="{kind: {new, changed, ended, unchanged, kept}} and people.")
    problem_count = models.PositiveIntegerField(default=0)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-started_at", "-pk"]
        get_latest_by = "started_at"

    def __str__(self):
        return f"Sync {self.pk} ({self.get_status_display()}) as at {self.as_at:%d/%m/%Y %H:%M}"

    @property
    def people(self):
        return self.counts.get("people", {})


class SyncProblem(models.Model):
    """Something a run reports, by table, row and field. A PROBLEM keeps the person's facts as
    they were (nothing of that child is applied); the other kinds are reports of what was done."""

    PROBLEM = "problem"  # the row cannot be: the child is not applied this run
    ENDED = "ended"  # the row is no longer in the extract: the fact is ended (or kept), never deleted
    KEPT = "kept"  # the fact held is newer than the extract: not overwritten
    KINDS = [(PROBLEM, "Problem"), (ENDED, "No longer in the extract"), (KEPT, "Newer here, not overwritten")]

    run = models.ForeignKey(SyncRun, on_delete=models.CASCADE, related_name="problems")
    kind = models.CharField(max_length=10, choices=KINDS, default=PROBLEM)
    table = models.CharField(max_length=60, blank=True)
    row = models.CharField(max_length=60, blank=True, help_text="Line in the CSV file, or the row's key.")
    field = models.CharField(max_length=60, blank=True)
    value = models.CharField(max_length=80, blank=True)
    message = models.CharField(max_length=300)
    person = models.CharField(max_length=48, blank=True, help_text="The case system's person id.")

    class Meta:
        ordering = ["run", "pk"]
        indexes = [models.Index(fields=["run", "kind"])]

    def __str__(self):
        return f"{self.table} row {self.row} {self.field}: {self.message}"


class FeedPerson(models.Model):
    """A child the case system knows: its person id (the key that never changes), the child here,
    the digest of their rows last applied, and the extract time those facts are as at."""

    person_id = models.CharField(max_length=48, unique=True)
    child = models.OneToOneField("children.Child", on_delete=models.CASCADE, related_name="feed_person")
    digest = models.CharField(max_length=40, help_text="Of the person's rows last applied.")
    child_digest = models.CharField(max_length=40, blank=True, help_text="Of the child's details last written.")
    as_at = models.DateTimeField(help_text="The extract time of the facts held for this child.")
    vanished_at = models.DateTimeField(null=True, blank=True, help_text="When the person left the extract.")

    class Meta:
        verbose_name_plural = "feed people"

    def __str__(self):
        return self.person_id


class FeedRecord(models.Model):
    """One record the feed keeps in the product, keyed by the SSD row (or fact) it comes from."""

    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20)  # episode, review, visit, allocation, order, proceedings, permanence
    key = models.CharField(max_length=120)
    object_id = models.BigIntegerField()
    digest = models.CharField(max_length=40, help_text="Of the values the feed last wrote.")
    vanished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["child", "kind", "key"], name="feed_record_key")]
        indexes = [models.Index(fields=["kind", "object_id"])]

    def __str__(self):
        return f"{self.kind} {self.key}"


class FeedWorker(models.Model):
    """A worker in the case system (ssd_professionals) and the member of staff they are here."""

    professional_id = models.CharField(max_length=48, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    def __str__(self):
        return self.professional_id


class PermanenceDates(models.Model):
    """The case system's permanence dates for a child (ssd_permanence), read-only here."""

    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="case_system_permanence")
    adm_decision = models.DateField("ADM decision: should be placed for adoption", null=True, blank=True)
    ffa_cp_decision = models.DateField("Decision to place in FFA or concurrent planning", null=True, blank=True)
    placement_order = models.DateField("Placement order granted", null=True, blank=True)
    matched = models.DateField("Matched to prospective adopters", null=True, blank=True)
    placed_for_adoption = models.DateField("Placed for adoption", null=True, blank=True)
    placed_ffa_cp = models.DateField("Placed in FFA or concurrent planning placement", null=True, blank=True)
    decision_reversed = models.DateField(
        "Decision that the child should no longer be placed for adoption", null=True, blank=True
    )
    decision_reversed_reason = models.CharField(max_length=3, blank=True)
    part_of_sibling_group = models.BooleanField(null=True, blank=True)
    siblings_placed_together = models.PositiveSmallIntegerField(null=True, blank=True)
    siblings_placed_apart = models.PositiveSmallIntegerField(null=True, blank=True)
    permanence_order = models.DateField("Permanence order granted", null=True, blank=True)
    permanence_order_type = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "permanence dates"

    def __str__(self):
        return f"Permanence dates for child {self.child_id}"

    REASONS = {
        "RD1": "The child's needs changed after the decision",
        "RD2": "The court did not make a placement order",
        "RD3": "Prospective adopters could not be found",
        "RD4": "Any other reason",
    }

    @property
    def shown(self):
        """(label, value) for each date or fact the case system gave, in the order they happen."""
        out = []
        for name in (
            "adm_decision",
            "ffa_cp_decision",
            "placement_order",
            "matched",
            "placed_ffa_cp",
            "placed_for_adoption",
            "decision_reversed",
            "permanence_order",
        ):
            value = getattr(self, name)
            if value:
                out.append(
                    (
                        self._meta.get_field(name).verbose_name[:1].upper()
                        + self._meta.get_field(name).verbose_name[1:],
                        f"{value.day} {value:%B %Y}",
                    )
                )
        if self.decision_reversed_reason:
            out.append(
                (
                    "Why no longer to be placed for adoption",
                    self.REASONS.get(self.decision_reversed_reason, self.decision_reversed_reason),
                )
            )
        if self.permanence_order_type:
            out.append(
                ("Order that ended care", ORDER_NAMES.get(self.permanence_order_type, self.permanence_order_type))
            )
        if self.part_of_sibling_group is not None:
            out.append(("Part of a sibling group", "Yes" if self.part_of_sibling_group else "No"))
        if self.siblings_placed_together is not None:
            out.append(("Children placed together, this one included", str(self.siblings_placed_together)))
        if self.siblings_placed_apart is not None:
            out.append(("Brothers and sisters placed apart", str(self.siblings_placed_apart)))
        return out


class CareLeaverFacts(models.Model):
    """The case system's facts about a care leaver (ssd_care_leavers), read-only here."""

    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="case_system_care_leaver")
    eligibility = models.CharField("Care leaver eligibility", max_length=40, blank=True)
    in_touch = models.CharField("In touch", max_length=4, blank=True)
    latest_contact = models.DateField("Latest contact", null=True, blank=True)
    accommodation = models.CharField("Accommodation", max_length=1, blank=True)
    accommodation_suitable = models.BooleanField("Accommodation suitable", null=True, blank=True)
    activity = models.CharField("Activity", max_length=2, blank=True)
    pathway_plan_review = models.DateField("Latest pathway plan review", null=True, blank=True)
    personal_adviser = models.CharField("Personal adviser", max_length=160, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "care leaver facts"

    def __str__(self):
        return f"Care leaver facts for child {self.child_id}"

    @property
    def shown(self):
        """(label, value) for each fact the case system gave, in words."""
        out = []
        if self.eligibility:
            out.append(("Eligibility", self.eligibility))
        if self.in_touch:
            out.append(("In touch", IN_TOUCH.get(self.in_touch, self.in_touch)))
        if self.latest_contact:
            out.append(("Latest contact", f"{self.latest_contact.day} {self.latest_contact:%B %Y}"))
        if self.accommodation:
            words = ACCOMMODATION.get(self.accommodation, self.accommodation)
            if self.accommodation_suitable is not None:
                words += ", suitable" if self.accommodation_suitable else ", not suitable"
            out.append(("Accommodation", words))
        if self.activity:
            out.append(("Activity", ACTIVITY.get(self.activity, self.activity)))
        if self.pathway_plan_review:
            out.append(
                ("Latest pathway plan review", f"{self.pathway_plan_review.day} {self.pathway_plan_review:%B %Y}")
            )
        if self.personal_adviser:
            out.append(("Personal adviser", self.personal_adviser))
        return out
