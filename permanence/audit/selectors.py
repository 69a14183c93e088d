from django.db.models import Count, Max

from .models import AuditEvent


def who_has_looked(child_id):
    """Each person who has opened the child's record: how often, first and last time."""
    return list(
        AuditEvent.objects.filter(child_id=child_id, action=AuditEvent.VIEW)
        .values("user_id", "username")
        .annotate(views=Count("id"), last=Max("at"))
        .order_by("-last")
    )


def recent_events(child_id, limit=200):
    return list(AuditEvent.objects.filter(child_id=child_id).order_by("-id")[:limit])
