"""Issuing, checking and revoking API tokens.

A token reads `pp_<prefix>_<secret>`. Only a SHA-256 hash of the whole token is stored (the
secret has 256 bits of entropy, so a slow password hash adds nothing); the prefix finds the row.
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .models import ApiToken

DEFAULT_DAYS = 365
MAX_DAYS = 730


def _hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class Issued:
    token: ApiToken
    secret: str  # shown once, never stored


@transaction.atomic
def token_issue(*, user, name, kind=ApiToken.PERSONAL, read_only=False, days=DEFAULT_DAYS, by=None, now=None):
    problems = {}
    if not (name or "").strip():
        problems["name"] = "Enter what the token is for, e.g. 'Finance payments feed'."
    if kind not in dict(ApiToken.KINDS):
        problems["kind"] = f"Kind must be one of: {', '.join(dict(ApiToken.KINDS))}."
    if days is not None and not 1 <= days <= MAX_DAYS:
        problems["days"] = f"A token lasts between 1 and {MAX_DAYS} days."
    if not user.is_active:
        problems["user"] = f"{user.get_username()} is not an active account."
    if problems:
        raise ValidationError({field: [message] for field, message in problems.items()})
    now = now or timezone.now()
    prefix = secrets.token_hex(6)
    secret = f"pp_{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        name=name.strip(),
        kind=kind,
        user=user,
        prefix=prefix,
        key_hash=_hash(secret),
        read_only=read_only,
        created_by=by,
        expires_at=now + timedelta(days=days) if days else None,
    )
    return Issued(token=token, secret=secret)


def token_for(secret, *, now=None):
    """The live token a bearer secret belongs to, or None (unknown, revoked, expired or inactive owner)."""
    parts = (secret or "").split("_")
    if len(parts) < 3 or parts[0] != "pp":
        return None
    token = ApiToken.objects.select_related("user").filter(prefix=parts[1]).first()
    if token is None or not hmac.compare_digest(token.key_hash, _hash(secret)):
        return None
    now = now or timezone.now()
    if token.revoked_at is not None or (token.expires_at is not None and token.expires_at <= now):
        return None
    if not token.user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)  # at most once a minute
    return token


def token_revoke(*, token, now=None):
    if token.revoked_at is None:
        token.revoked_at = now or timezone.now()
        token.save(update_fields=["revoked_at"])
    return token
