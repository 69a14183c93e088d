"""Restricted records and break-glass grants."""

from django.conf import settings
from django.db import models

from permanence.children.versions import Versioned


class RestrictedRecord(Versioned):
    """A child's record hidden even from the team: only the people named here may open it."""

    STAFF_RELATED = "staff_related"
    SEALED_ADOPTION = "sealed_adoption"
    OTHER = "other"
    REASONS = [
        (STAFF_RELATED, "The child is related to or known to a member of staff"),
        (SEALED_ADOPTION, "Sealed adoption record"),
        (OTHER, "Other reason (see detail)"),
    ]

    child = models.OneToOneField("children.Child", on_delete=models.CASCADE, related_name="restriction")
    reason = models.CharField(max_length=30, choices=REASONS)
    detail = models.CharField(max_length=300, blank=True)
    permitted = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="restricted_records",
        help_text="The only people who may open the record without breaking glass.",
    )
    restricted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    restricted_on = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"Restricted: {self.get_reason_display()}"


class BreakGlassGrant(models.Model):
    """Time-limited access to a child outside the person's case scope, with the reason given."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="break_glass_grants")
    child = models.ForeignKey("children.Child", on_delete=models.CASCADE, related_name="break_glass_grants")
    reason = models.TextField()
    granted_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["-granted_at"]
        indexes = [models.Index(fields=["user", "child", "expires_at"])]
