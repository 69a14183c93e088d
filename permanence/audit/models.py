"""The append-only audit log: every view of a child's record and every change, hash-chained."""

from django.db import models


class AppendOnly(Exception):
    pass


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnly("The audit log is append-only: rows cannot be updated")

    def delete(self):
        raise AppendOnly("The audit log is append-only: rows cannot be deleted")


class AuditEvent(models.Model):
    VIEW = "view"
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    ACTIONS = [(VIEW, "Viewed"), (CREATE, "Created"), (UPDATE, "Changed"), (DELETE, "Deleted")]

    at = models.DateTimeField()
    # Who: plain values, not foreign keys, so the log outlives the accounts and records it names.
    user_id = models.BigIntegerField(null=True)
    username = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=10, choices=ACTIONS)
    model = models.CharField(max_length=100, blank=True, help_text="app_label.Model for a change")
    object_id = models.CharField(max_length=64, blank=True)
    child_id = models.BigIntegerField(null=True, db_index=True)
    path = models.CharField(max_length=500, blank=True)
    before = models.JSONField(null=True)
    after = models.JSONField(null=True)
    ip = models.CharField(max_length=45, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["child_id", "action", "at"])]

    def save(self, *args, **kwargs):
        if self.pk is not None or kwargs.get("force_update"):
            raise AppendOnly("The audit log is append-only: rows cannot be changed")
        kwargs["force_insert"] = True
        return super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("The audit log is append-only: rows cannot be deleted")
