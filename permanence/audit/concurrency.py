"""What someone else changed while a form was open, for the page that refuses a stale save.

Whether a save is stale is decided by the record's version, in one conditional update
(`children.versions.versioned_update`; for a child's planning, `planning.services.planning_change`).
This module only reads the audit log to show the person what the others changed since, field by
field, so they can check it before saving again.
"""

from dataclasses import dataclass

from django.db.models import Q

from .models import AuditEvent

CHANGES = (AuditEvent.CREATE, AuditEvent.UPDATE, AuditEvent.DELETE)
FIELD = "opened_version"  # the form field that carries the version the form was opened on


@dataclass(frozen=True)
class Change:
    who: str
    at: object
    action: str
    model: str
    fields: list  # (field, before, after)


def changes_after(since, *, child_id, user, apps=(), leave_out=()):
    """The changes to the child's records in `apps` from `since` (a time) by anyone but `user`,
    oldest first, less those to the models named in `leave_out` ("app.Model")."""
    events = AuditEvent.objects.filter(child_id=child_id, action__in=CHANGES, at__gte=since).exclude(user_id=user.pk)
    if apps:
        condition = Q()
        for app in apps:
            condition |= Q(model__startswith=f"{app}.")
        events = events.filter(condition)
    if leave_out:
        events = events.exclude(model__in=leave_out)
    found = []
    for event in events.order_by("id"):
        before, after = event.before or {}, event.after or {}
        names = [name for name in (after or before) if name not in ("updated_at", "created_at")]
        fields = [
            (name, before.get(name, ""), after.get(name, "")) for name in names if before.get(name) != after.get(name)
        ]
        found.append(
            Change(
                event.username or "someone",
                event.at,
                event.get_action_display(),
                event.model.split(".")[-1],
                fields[:12],
            )
        )
    return found
