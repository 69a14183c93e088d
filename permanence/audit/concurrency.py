"""No lost updates: a form carries the version of the record it was opened on (the latest
change in the audit log for those records); saving after someone else's change is refused,
and their change is shown. Works for every model the audit log follows."""

from dataclasses import dataclass

from django.db.models import Max

from .models import AuditEvent

CHANGES = (AuditEvent.CREATE, AuditEvent.UPDATE, AuditEvent.DELETE)
FIELD = "opened_version"


def _events(*, child_id, apps):
    query = AuditEvent.objects.filter(child_id=child_id, action__in=CHANGES)
    if apps:
        from django.db.models import Q

        condition = Q()
        for app in apps:
            condition |= Q(model__startswith=f"{app}.")
        query = query.filter(condition)
    return query


def version(*, child_id, apps=()):
    return _events(child_id=child_id, apps=apps).aggregate(last=Max("id"))["last"] or 0


@dataclass(frozen=True)
class Change:
    who: str
    at: object
    action: str
    model: str
    fields: list  # (field, before, after)


def changes_since(opened, *, child_id, user, apps=()):
    """Changes to the records since `opened` by anyone but `user`, oldest first."""
    events = _events(child_id=child_id, apps=apps).filter(id__gt=opened).exclude(user_id=user.pk).order_by("id")
    found = []
    for event in events:
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


def stale(request, *, child_id, apps=()):
    """For a POST: the other people's changes since the form was opened ([] when none).
    A form without the field (an older client) is not checked."""
    opened = request.POST.get(FIELD, "")
    if not opened.isdigit():
        return []
    return changes_since(int(opened), child_id=child_id, user=request.user, apps=apps)
