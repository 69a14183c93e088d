"""Writes for case access: restricting a record and breaking glass (each one transaction)."""

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from permanence.accounts.models import User
from permanence.children.models import Allocation, Child

from .models import BreakGlassGrant, RestrictedRecord

BREAK_GLASS_HOURS = getattr(settings, "PERMANENCE_BREAK_GLASS_HOURS", 4)


def restriction_set(
    *, child: Child, reason: str, detail: str = "", permitted: Iterable[User] = (), by: User | None = None
) -> RestrictedRecord:
    if reason not in dict(RestrictedRecord.REASONS):
        raise ValueError(f"Choose why the record is restricted ({', '.join(dict(RestrictedRecord.REASONS))})")
    if reason == RestrictedRecord.OTHER and not (detail or "").strip():
        raise ValueError("Say why the record is restricted when the reason is 'other'")
    with transaction.atomic():
        record, _ = RestrictedRecord.objects.update_or_create(
            child=child, defaults={"reason": reason, "detail": detail, "restricted_by": by}
        )
        record.permitted.set(permitted)
    return record


def restriction_lift(*, child: Child) -> None:
    """The record opens again to the people whose case access covers it (the lifting is audited)."""
    RestrictedRecord.objects.filter(child=child).delete()


def break_glass_revoke(*, grant: BreakGlassGrant, now: datetime | None = None) -> BreakGlassGrant:
    """End a break-glass grant at once (an access manager's decision; audited as a change)."""
    now = now or timezone.now()
    if grant.expires_at > now:
        grant.expires_at = now
        grant.save(update_fields=["expires_at"])
    return grant


def _managers_to_alert(user: User, child: Child) -> list[str]:
    """The child's team manager and the person's own team manager: the people who answer for both."""
    emails = set()
    allocation = (
        Allocation.objects.filter(child=child, role=Allocation.SOCIAL_WORKER, end__isnull=True)
        .select_related("team__manager")
        .first()
    )
    for team in (allocation.team if allocation else None, user.team):
        if team and team.manager and team.manager.email:
            emails.add(team.manager.email)
    return sorted(emails)


def break_glass_grant(
    *, user: User, child: Child, reason: str, hours: float | None = None, now: datetime | None = None
) -> BreakGlassGrant:
    """Open a child's record outside scope for a few hours; the grant is audited (it is a
    product model, so the audit log records its creation) and the managers are emailed."""
    reason = (reason or "").strip()
    if len(reason) < 10:
        raise ValueError("Give the reason you need this record, in at least 10 characters")
    now = now or timezone.now()
    with transaction.atomic():
        grant = BreakGlassGrant.objects.create(
            user=user, child=child, reason=reason, expires_at=now + timedelta(hours=hours or BREAK_GLASS_HOURS)
        )
    recipients = _managers_to_alert(user, child)
    if recipients:
        send_mail(
            subject=f"Break-glass access to child record {child.pk}",
            message=(
                f"{user.get_full_name() or user.username} ({user.username}) opened the record of child "
                f"{child.pk} (council reference {child.council_reference}) outside their case access "
                f"until {grant.expires_at:%d/%m/%Y %H:%M}.\n\nReason given: {reason}\n"
            ),
            from_email=None,
            recipient_list=recipients,
            fail_silently=True,
        )
    return grant
