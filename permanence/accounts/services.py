"""Writes for accounts: a person signing in through the council's identity provider."""

import hashlib

from django.db import transaction
from django.utils import timezone

from . import roles
from .models import ProviderAccount, ProviderGroupRole, User


class SignInRefused(Exception):
    """The provider signed the person in, but the product refuses them (the message says why)."""


def provider_sign_in(
    *, subject: str, username: str, email: str, first_name: str, last_name: str, groups: list[str]
) -> User:
    """Sign in the provider's person (see _provider_sign_in); a refusal is raised after what it
    changed (an account switched off) is saved."""
    user, refusal = _provider_sign_in(
        subject=subject, username=username, email=email, first_name=first_name, last_name=last_name, groups=groups
    )
    if refusal is not None or user is None:
        raise refusal or _no_role()
    return user


def role_for_groups(groups: list[str]) -> tuple[str, int | None] | None:
    """(role, team id) from the administrator's table, or None when no group gives a role."""
    rows = list(ProviderGroupRole.objects.filter(provider_group__in=groups).order_by("priority", "provider_group"))
    if not rows:
        return None
    team = next((row.team_id for row in rows if row.team_id), None)
    return rows[0].role, team


def _free_username(wanted: str, subject: str) -> str:
    wanted = wanted[:150]
    if not User.objects.filter(username__iexact=wanted).exists():
        return wanted
    return f"{wanted[:140]}-{hashlib.sha256(subject.encode()).hexdigest()[:8]}"


@transaction.atomic
def _provider_sign_in(
    *, subject: str, username: str, email: str, first_name: str, last_name: str, groups: list[str]
) -> tuple[User | None, SignInRefused | None]:
    """Create or update the account for the provider's `subject`, with the role its groups give.

    Someone whose groups give no role is refused, and an account they had is switched off
    (the provider no longer lists them for this product); it comes back on when a group does again.
    An account an administrator switched off here stays off whatever the provider says.
    """
    account = ProviderAccount.objects.select_for_update().select_related("user").filter(subject=subject).first()
    mapped = role_for_groups(groups)
    now = timezone.now()
    if account is not None:
        user = account.user
        account.groups, account.last_signed_in = groups, now
        if not user.is_active and not account.disabled_by_provider:
            account.save(update_fields=["groups", "last_signed_in"])
            return None, SignInRefused(
                "This account has been switched off. Ask your system administrator to switch it back on."
            )
        if mapped is None:
            user.is_active = False
            user.save(update_fields=["is_active"])
            account.disabled_by_provider = True
            account.save(update_fields=["groups", "last_signed_in", "disabled_by_provider"])
            return None, _no_role()
        user.role, user.team_id = mapped
        user.email, user.first_name, user.last_name = email or user.email, first_name, last_name
        user.is_active = True
        user.save(update_fields=["role", "team", "email", "first_name", "last_name", "is_active"])
        account.disabled_by_provider = False
        account.save(update_fields=["groups", "last_signed_in", "disabled_by_provider"])
        return user, None
    if mapped is None:
        return None, _no_role()
    role, team_id = mapped
    user = User(
        username=_free_username(username, subject),
        email=email,
        first_name=first_name,
        last_name=last_name,
        role=role,
        team_id=team_id,
    )
    user.set_unusable_password()
    user.save()
    ProviderAccount.objects.create(user=user, subject=subject, groups=groups, last_signed_in=now)
    return user, None


def _no_role() -> SignInRefused:
    return SignInRefused(
        "Your council account is not in a group that gives access to Permanence Planner. "
        "Ask your system administrator to add you to the right group."
    )


__all__ = ["SignInRefused", "provider_sign_in", "role_for_groups", "roles"]
