"""Lock a username after repeated failed sign-ins, for a while (settings say how many and how long)."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from django.utils import timezone

from .models import FailedSignIn


def _window():
    return timezone.now() - timedelta(minutes=settings.PERMANENCE_LOCKOUT_MINUTES)


def is_locked(username):
    if not username:
        return False
    recent = FailedSignIn.objects.filter(username__iexact=username, at__gte=_window()).count()
    return recent >= settings.PERMANENCE_LOCKOUT_ATTEMPTS


def lockout_message():
    return (
        f"Your account is locked for {settings.PERMANENCE_LOCKOUT_MINUTES} minutes after "
        f"{settings.PERMANENCE_LOCKOUT_ATTEMPTS} wrong passwords. Try again later, or ask your system "
        "administrator to unlock it."
    )


@receiver(user_login_failed, dispatch_uid="lockout-record-failure")
def record_failure(sender, credentials, request=None, **kwargs):
    username = (credentials or {}).get("username") or ""
    if username:
        ip = request.META.get("REMOTE_ADDR", "")[:45] if request is not None else ""
        FailedSignIn.objects.create(username=username[:150], ip=ip)


@receiver(user_logged_in, dispatch_uid="lockout-clear-on-success")
def clear_failures(sender, user, **kwargs):
    FailedSignIn.objects.filter(username__iexact=user.get_username()).delete()
