"""TOTP second factor: required for administrators (settings), optional for everyone else; once a
person has set it up, it is required for them too."""

from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice


def required_for(user):
    return user.is_superuser or user.role in settings.PERMANENCE_TWO_FACTOR_REQUIRED_ROLES


def confirmed_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def needs_verification(user):
    if not user.is_authenticated or user.is_verified():
        return False
    return required_for(user) or confirmed_device(user) is not None
