"""Wrong passwords slow a guesser down without letting a stranger lock a named person out.

Three counts over the last few minutes (settings say how many and how long):

- **one username from one address** (PERMANENCE_LOCKOUT_ATTEMPTS): someone guessing a person's
  password from one machine is stopped. The person themself, at their own desk, is not.
- **one address, any usernames** (PERMANENCE_LOCKOUT_ADDRESS_ATTEMPTS): someone trying many
  usernames from one machine is stopped, whichever names they try.
- **one username from anywhere** (PERMANENCE_LOCKOUT_ACCOUNT_ATTEMPTS): guessing spread over many
  machines is stopped too, except from an address the person has signed in from before
  (PERMANENCE_KNOWN_ADDRESS_DAYS), so a stranger cannot keep them out of their own account.

Every lock ends on its own: an attempt made while locked is refused without being counted,
so the lock lifts PERMANENCE_LOCKOUT_MINUTES after the failure that set it, however long a
stranger keeps trying.

A known address is kept only as long as it counts (PERMANENCE_KNOWN_ADDRESS_DAYS since the person
last signed in from it): the nightly `forget-sign-in-addresses` job deletes older ones, so staff's
network addresses are not kept longer than the lockout needs them.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from django.utils import timezone

from .models import FailedSignIn, KnownSignInAddress

ACCOUNT = "account"
ADDRESS = "address"


def address(request):
    """The address a sign-in came from (X-Forwarded-For only behind the council's trusted proxy)."""
    if request is None:
        return ""
    if getattr(settings, "PERMANENCE_TRUSTED_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[0].strip()[:45]
    return request.META.get("REMOTE_ADDR", "")[:45]


def _window():
    return timezone.now() - timedelta(minutes=settings.PERMANENCE_LOCKOUT_MINUTES)


def _known_since(now=None):
    """The oldest last sign-in that still makes an address known."""
    return (now or timezone.now()) - timedelta(days=settings.PERMANENCE_KNOWN_ADDRESS_DAYS)


def _known(username, ip):
    return KnownSignInAddress.objects.filter(username__iexact=username, ip=ip, at__gte=_known_since()).exists()


def forget_old_addresses(*, now=None) -> int:
    """Delete the addresses nobody has signed in from within PERMANENCE_KNOWN_ADDRESS_DAYS: they no
    longer count as known (`_known`), so keeping them would only keep staff's addresses. Returns how many."""
    forgotten, _ = KnownSignInAddress.objects.filter(at__lt=_known_since(now)).delete()
    return forgotten


def lock_on(username, ip=""):
    """Why a sign-in as `username` from `ip` is refused now (ACCOUNT or ADDRESS), or None."""
    recent = FailedSignIn.objects.filter(at__gte=_window())
    if ip and recent.filter(ip=ip).count() >= settings.PERMANENCE_LOCKOUT_ADDRESS_ATTEMPTS:
        return ADDRESS
    if not username:
        return None
    mine = recent.filter(username__iexact=username)
    if mine.filter(ip=ip).count() >= settings.PERMANENCE_LOCKOUT_ATTEMPTS:
        return ACCOUNT
    if mine.count() >= settings.PERMANENCE_LOCKOUT_ACCOUNT_ATTEMPTS and not (ip and _known(username, ip)):
        return ACCOUNT
    return None


def is_locked(username, ip=""):
    return lock_on(username, ip) is not None


def lockout_message(reason=ACCOUNT):
    minutes = settings.PERMANENCE_LOCKOUT_MINUTES
    if reason == ADDRESS:
        return (
            f"Too many wrong sign-ins from this computer's network address. Try again in {minutes} minutes, "
            "or ask your system administrator."
        )
    return (
        f"Your account is locked for {minutes} minutes after {settings.PERMANENCE_LOCKOUT_ATTEMPTS} wrong "
        "passwords. Try again later, or ask your system administrator to unlock it."
    )


@receiver(user_login_failed, dispatch_uid="lockout-record-failure")
def record_failure(sender, credentials, request=None, **kwargs):
    username = ((credentials or {}).get("username") or "")[:150]
    ip = address(request)
    if not (username or ip):
        return
    if lock_on(username, ip) is not None:
        return  # refused while locked, not counted: the lock ends on time whoever keeps trying
    FailedSignIn.objects.create(username=username, ip=ip)


@receiver(user_logged_in, dispatch_uid="lockout-clear-on-success")
def clear_failures(sender, user, request=None, **kwargs):
    username = user.get_username()
    FailedSignIn.objects.filter(username__iexact=username).delete()
    ip = address(request)
    if ip:
        KnownSignInAddress.objects.update_or_create(username=username, ip=ip, defaults={"at": timezone.now()})
