"""Facts the SSDA903 return asks for that the core case record did not hold yet.

Each is recorded about the child (or the worker) like any other fact, so the return is a read of
the record and nothing is invented at export time. Codes are kept as the standard writes them.
"""

from django.conf import settings
from django.db import models

# Missing episodes are part of the case record (recorded from the child's page too); the return
# reads and writes that one model.
from permanence.children.models import MissingEpisode  # noqa: F401


class Motherhood(models.Model):
    """Header MOTHER / MC_DOB: whether a looked-after young woman is a mother, and her child's birth."""

    child = models.OneToOneField("children.Child", on_delete=models.CASCADE, related_name="motherhood")
    is_mother = models.BooleanField(default=False)
    baby_born = models.DateField("Date of birth of the mother's child (MC_DOB)", null=True, blank=True)

    def __str__(self):
        return f"Motherhood of child {self.child_id}"


class HealthOutcome(models.Model):
    """OC2: a year's health, offending and substance-misuse outcomes (looked after 12 months or more)."""

    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="health_outcomes")
    year = models.PositiveSmallIntegerField(help_text="Collection year, named by the 31 March it ends on.")
    sdq_score = models.CharField(max_length=2, blank=True)
    sdq_reason = models.CharField(max_length=4, blank=True)
    convicted = models.CharField(max_length=1, blank=True)
    health_check = models.CharField(max_length=1, blank=True)
    immunisations = models.CharField(max_length=1, blank=True)
    teeth_check = models.CharField(max_length=1, blank=True)
    health_assessment = models.CharField(max_length=1, blank=True)
    substance_misuse = models.CharField(max_length=1, blank=True)
    intervention_received = models.CharField(max_length=1, blank=True)
    intervention_offered = models.CharField(max_length=1, blank=True)

    class Meta:
        ordering = ["year", "child"]
        constraints = [models.UniqueConstraint(fields=["child", "year"], name="unique_health_outcome_year")]

    def __str__(self):
        return f"Health outcomes {self.year} for child {self.child_id}"


class CareLeaverContact(models.Model):
    """OC3: a care leaver's situation around their 17th to 21st birthday in the year."""

    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="care_leaver_contacts")
    year = models.PositiveSmallIntegerField()
    in_touch = models.CharField(max_length=4, blank=True)
    activity = models.CharField(max_length=2, blank=True)
    accommodation = models.CharField(max_length=2, blank=True)

    class Meta:
        ordering = ["year", "child"]
        constraints = [models.UniqueConstraint(fields=["child", "year"], name="unique_care_leaver_year")]

    def __str__(self):
        return f"Care leaver contact {self.year} for child {self.child_id}"


class AdoptionDetail(models.Model):
    """AD1: the adoption of a child who left care adopted (E11, E12)."""

    child = models.OneToOneField("children.Child", on_delete=models.CASCADE, related_name="adoption_detail")
    date_interest = models.DateField(
        "Date the ADM decided the child should be placed (DATE_INT)", null=True, blank=True
    )
    date_match = models.DateField("Date matched with the adopters (DATE_MATCH)", null=True, blank=True)
    foster_care = models.CharField("Adopted by foster carers (FOSTER_CARE)", max_length=1, blank=True)
    number_of_adopters = models.CharField("NB_ADOPTR", max_length=1, blank=True)
    sex_of_adopters = models.CharField("SEX_ADOPTR", max_length=2, blank=True)
    legal_status_of_adopters = models.CharField("LS_ADOPTR", max_length=3, blank=True)

    def __str__(self):
        return f"Adoption details for child {self.child_id}"


class PlacementForAdoptionDecision(models.Model):
    """PlacedAdoption: the decision that the child should be placed for adoption, and its end."""

    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="adoption_decisions")
    decided = models.DateField("Date of the decision (DATE_PLACED)")
    ceased = models.DateField("Date the decision ceased (DATE_PLACED_CEASED)", null=True, blank=True)
    reason_ceased = models.CharField("REASON_PLACED_CEASED", max_length=3, blank=True)

    class Meta:
        ordering = ["child", "decided"]
        constraints = [models.UniqueConstraint(fields=["child", "decided"], name="unique_adoption_decision")]

    def __str__(self):
        return f"Decision to place for adoption {self.decided:%d/%m/%Y}"


class PreviousPermanence(models.Model):
    """PrevPerm: an earlier permanence order before this period of care (asked at each new period)."""

    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="previous_permanence")
    year = models.PositiveSmallIntegerField()
    code = models.CharField("PREV_PERM", max_length=2, blank=True)
    local_authority = models.CharField("LA_PERM", max_length=3, blank=True)
    # The standard lets part of the date be unknown: zz/zz/2015, zz/04/2015.
    date = models.CharField("DATE_PERM", max_length=10, blank=True)

    class Meta:
        ordering = ["year", "child"]
        constraints = [models.UniqueConstraint(fields=["child", "year"], name="unique_previous_permanence_year")]

    def __str__(self):
        return f"Previous permanence {self.code} ({self.year})"


class SocialWorkerRegistration(models.Model):
    """A worker's Social Work England registration number (SW_ID in SWEpisodes)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sw_registration")
    number = models.CharField(max_length=12, unique=True)

    def __str__(self):
        return self.number


class AllocationReason(models.Model):
    """The reason for a change of social worker (SW_REASON), beside the Allocation it starts."""

    allocation = models.OneToOneField("children.Allocation", on_delete=models.CASCADE, related_name="sw_reason")
    reason = models.CharField(max_length=8)

    def __str__(self):
        return self.reason


class ReturnUpload(models.Model):
    """A council's SSDA903 files uploaded on the web, imported off the request by a background job.

    The files wait in their own folder (PERMANENCE_VAR_DIR/uploads/903/<id>/) with the problem list
    the import writes there; the row says how far the job has got and what it found.
    """

    WAITING, RUNNING, IMPORTED, REFUSED, FAILED = "waiting", "running", "imported", "refused", "failed"
    STATUSES = [
        (WAITING, "Waiting to start"),
        (RUNNING, "Checking and importing"),
        (IMPORTED, "Imported"),
        (REFUSED, "Not imported: problems in the files"),
        (FAILED, "Stopped by an error"),
    ]
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    year = models.PositiveSmallIntegerField(help_text="Collection year, named by the 31 March it ends on.")
    clean_children_only = models.BooleanField(default=False)
    file_names = models.JSONField(default=list)
    size = models.PositiveBigIntegerField(default=0)
    status = models.CharField(max_length=10, choices=STATUSES, default=WAITING)
    progress = models.CharField(max_length=200, blank=True)
    counts = models.JSONField(default=dict)
    problem_count = models.PositiveIntegerField(default=0)
    kept_count = models.PositiveIntegerField(default=0)
    children_left_out = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"SSDA903 upload {self.pk} ({self.year})"

    @property
    def finished(self):
        return self.status in (self.IMPORTED, self.REFUSED, self.FAILED)
